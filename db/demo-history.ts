/**
 * The full demo's history, added by `npm start` (db/seed.ts `main`) after the base demo data: the
 * three other delaftaler of the demo plan (db/demo-agreements-more.ts) with their versions, and for
 * all four agreements the measurements and spend of 2023, 2024 and 2025, a final progress report
 * on 2023 (db/demo-reporting.ts) and on 2025, and a draft report on 2026. The tests' base data does
 * not get it (test/integration/demo-seed.test.ts adds it to its own database).
 *
 * The steps run in the order they happened, so every final report is the one its year had: the
 * agreements are written (autumn 2023), the 2023 figures are entered and the 2023 report is
 * finalised, the versions of 2024 are approved, the 2024 figures entered, the 2025 versions
 * approved, the 2025 figures entered and the 2025 report finalised, the 2026 revision submitted,
 * and the 2026 report drafted. Everything goes through the models as the demo reporter,
 * secretariat and board users; the audit events of the figures carry the date they would have
 * been entered. Every text and figure is invented.
 */
import type { Db } from "./client";
import {
  auditMark,
  backdateAudit,
  seedDemoMoreAgreements,
  seedDemoRevisions,
} from "./demo-agreements-more";
import { seedDemoReporting } from "./demo-reporting";
import { DEMO_USERS, type DemoBaseIds } from "./demo-users";
import type { MeasurementRow, MeasurementStatus } from "../app/domain/measurement";
import { ProgressReportNarrativeSchema } from "../app/domain/progress-report";
import type { SessionUser } from "../app/domain/user";
import { getMeasurementGrid, saveMeasurements } from "../app/models/measurements.server";
import {
  finaliseProgressReport,
  getProgressReport,
  saveProgressReportNarrative,
} from "../app/models/progress-reports.server";
import { getSpending, saveSpending } from "../app/models/spending.server";

/** The years the full demo has a final progress report on, and the one with a draft. */
export const DEMO_FINAL_REPORT_YEARS = [2023, 2025] as const;
export const DEMO_DRAFT_REPORT_YEAR = 2026;

/** How far the numeric criteria got each year, as a share of the way from baseline to target. */
const PROGRESS: Record<number, number> = { 2023: 0.35, 2024: 0.6, 2025: 0.85 };
/** Per criterion (in grid order, repeating), so that some are ahead and some behind. */
const SPREAD = [0.1, -0.2, 0.3, 0, -0.45, 0.2, 0.05, -0.1, 0.15];
/** The share of each year's budget that was spent. */
const SPENT: Record<number, number> = { 2023: 0.87, 2024: 0.94, 2025: 0.97 };
/** When each year's figures were entered (their audit events). */
const ENTERED: Record<number, string> = {
  2023: "2024-02-16T13:00:00+01:00",
  2024: "2025-02-14T13:00:00+01:00",
  2025: "2026-02-13T13:00:00+01:00",
};

function reporterOf(demo: DemoBaseIds): SessionUser {
  return {
    id: demo.userIds.reporter,
    email: DEMO_USERS.reporter.email,
    name: DEMO_USERS.reporter.name,
    isAdmin: false,
  };
}

/**
 * Enters the year's measurements and spend of each agreement through the grid and spending
 * models, as the reporter would from the forms.
 */
async function enterFigures(
  db: Db,
  demo: DemoBaseIds,
  agreementIds: number[],
  year: number,
): Promise<void> {
  const reporter = reporterOf(demo);
  const mark = await auditMark(db);
  for (const agreementId of agreementIds) {
    const grid = await getMeasurementGrid(db, reporter, demo.planId, agreementId, year);
    const rows: MeasurementRow[] = grid.rows.map((row, i) => {
      const base = {
        criterionId: row.criterion.id,
        version: row.measurement?.version ?? null,
        baselineValue: row.baselineValue,
        targetValue: row.targetValue,
        overrideReason: null,
        logValue: row.log?.value ?? null,
        valueOverrideReason: null,
      };
      if (row.targetValue == null) {
        const measured = (i + year) % 4 !== 0;
        return {
          ...base,
          valueNumber: null,
          valueText: measured ? "Gennemført som planlagt" : "Ikke opgjort i år",
          unit: null,
          status: (measured ? "met" : "not_measured") as MeasurementStatus,
          comment: null,
          source: "Sekretariatets aktivitetslog",
        };
      }
      const start = row.baselineValue ?? 0;
      const share = (PROGRESS[year] ?? 1) + (SPREAD[i % SPREAD.length] ?? 0);
      const value = row.log?.value ?? Math.round(start + (row.targetValue - start) * share);
      const behind = share < (PROGRESS[year] ?? 1) - 0.3;
      return {
        ...base,
        valueNumber: value,
        valueText: null,
        unit: row.defaultUnit,
        status: "" as const,
        comment: behind
          ? "Lavere end ventet: aktiviteten kom sent i gang, og der er lagt en plan for at indhente det."
          : null,
        source: `Opgjort pr. 31. december ${year}`,
      };
    });
    await saveMeasurements(db, reporter, demo.planId, agreementId, year, rows);

    const spending = await getSpending(db, reporter, demo.planId, agreementId, year);
    const share = SPENT[year] ?? 1;
    await saveSpending(
      db,
      reporter,
      demo.planId,
      agreementId,
      year,
      spending.sources
        .filter((s) => (s.budget ?? 0) > 0)
        .map((s, i) => ({
          fundingSourceId: s.id,
          // In whole thousands, a little over or under the year's share for each source.
          amount: Math.round(((s.budget ?? 0) * (share + (i % 2 ? 0.02 : -0.01))) / 1000) * 1000,
          note: null,
        })),
    );
  }
  const entered = ENTERED[year];
  if (entered) await backdateAudit(db, mark, entered);
}

const NOTES_2023: Record<string, string> = {
  "Lektiecafé i beboerhuset": "Åbnede i februar; 26 elever kom mindst ti gange.",
  "Sprogstart – leg og læsning for de mindste":
    "Legestuerne kom godt i gang i foråret, og 9 familier fik plads i dagtilbud.",
  "Unge rollemodeller og uddannelsesvalg":
    "Otte rollemodeller er uddannet; første besøg i efteråret.",
  "Jobcafé med jobcentret": "Åben hver tirsdag siden marts; mange kom for at få hjælp til CV.",
  "Praktik i boligorganisationerne": "Fem praktikforløb, hvoraf to endte med ansættelse.",
  "Fritidsjob til unge": "Konsulenten blev ansat i august; 11 unge fik job inden jul.",
  "Gadeplan om aftenen": "Kørt efter planen torsdag til lørdag.",
  Forældrenetværk: "Tre møder med 6–10 forældre hver gang.",
  "Tryghedsvandringer og bedre belysning":
    "Første vandring i maj; belysningen ved butikstorvet er skiftet.",
};

const SUMMARY_2023_MORE =
  "De tre andre delaftaler – uddannelse og livschancer, beskæftigelse og kriminalitetsforebyggelse – kom i gang i løbet af foråret. Lektiecaféen og jobcaféen blev hurtigt faste mødesteder, mens fritidsjobordningen først begyndte efter sommerferien.";

const NOTES_2025: Record<string, string> = {
  "Naboværter i opgangene":
    "22 aktive naboværter; næsten alle nye lejere i Strandengen får besøg inden for fire uger.",
  "Gårdliv – fællesskab på de udendørs arealer":
    "16 gårdaktiviteter, heraf 10 med en beboer som medarrangør.",
  "Ny i beboerdemokratiet": "Tolv deltagere i efterårets forløb; tre stillede op og blev valgt.",
  "Foreningsbroen – vej ind i foreninger og kulturliv":
    "Ni foreningsaftener; elevrådet stod for vinterfesten.",
  "Lektiecafé i beboerhuset": "41 faste elever og 13 frivillige; ventelisten om torsdagen er lang.",
  "Sprogstart – leg og læsning for de mindste":
    "Færre nyankomne familier end ventet, men flere børn er fulgt over i dagtilbud.",
  "Unge rollemodeller og uddannelsesvalg":
    "Alle 9. klasser har besøgt en erhvervsskole og et gymnasium.",
  "Sommerskole i Strandengen": "Afprøvet med 24 elever; forældrene vil gerne have den igen.",
  "Jobcafé med jobcentret":
    "Åben to dage om ugen fra september; 131 forskellige beboere har brugt den.",
  "Praktik i boligorganisationerne": "Ti praktikforløb; fire er ansat i ejendomsdriften.",
  "Fritidsjob til unge": "32 unge i fritidsjob, flest i dagligvarebutikker og idrætsforeninger.",
  "Gadeplan om aftenen": "Kontakt til 74 unge; roligere ved butikstorvet end året før.",
  Forældrenetværk: "Netværket mødes nu uden SSP; 21 forældre har deltaget.",
  "Tryghedsvandringer og bedre belysning":
    "17 af de 21 registrerede steder er udbedret; kældrene i nord har fået nye døre.",
};

const NOTES_2026: Record<string, string> = {
  "Naboværter i opgangene": "Netværket overdrages til afdelingsbestyrelserne i løbet af efteråret.",
  "Lektiecafé i beboerhuset": "Foreningen Nabohjælp Havbakke har overtaget driften fra august.",
  "Jobcafé med jobcentret": "Fortsætter som jobcentrets faste tilbud.",
};

async function writeReport(
  db: Db,
  demo: DemoBaseIds,
  year: number,
  texts: { summary: string; whatWorked: string; nextYear: string; notes: Record<string, string> },
  final: boolean,
): Promise<void> {
  const reporter = reporterOf(demo);
  const { view, version } = await getProgressReport(db, reporter, demo.planId, year);
  const narrative = ProgressReportNarrativeSchema.parse({
    summary: texts.summary,
    whatWorked: texts.whatWorked,
    nextYear: texts.nextYear,
    activityNotes: view.agreements.flatMap((a) =>
      a.activities.map((activity) => ({
        activityId: String(activity.id),
        note: texts.notes[activity.name] ?? "",
      })),
    ),
  });
  const saved = await saveProgressReportNarrative(
    db,
    reporter,
    demo.planId,
    year,
    version,
    narrative,
  );
  if (final) await finaliseProgressReport(db, reporter, demo.planId, year, saved);
}

/**
 * Adds the full demo's history (see the file's comment) to the demo data of seedDemoData.
 * Returns the three new agreements' ids.
 */
export async function seedDemoHistory(
  db: Db,
  demo: DemoBaseIds & { agreementId: number },
): Promise<number[]> {
  // One transaction: all of the history or none of it, and one commit instead of some thirty
  // (the models' own transactions become savepoints).
  return db.transaction(async (tx) => replayHistory(tx, demo));
}

async function replayHistory(
  db: Db,
  demo: DemoBaseIds & { agreementId: number },
): Promise<number[]> {
  const more = await seedDemoMoreAgreements(db, demo);
  const all = [demo.agreementId, ...more];

  await enterFigures(db, demo, more, 2023);
  await seedDemoReporting(db, demo, { activityNotes: NOTES_2023, summary: SUMMARY_2023_MORE });

  await seedDemoRevisions(db, demo, more, 2024);
  await enterFigures(db, demo, all, 2024);

  await seedDemoRevisions(db, demo, more, 2025);
  await enterFigures(db, demo, all, 2025);
  await writeReport(
    db,
    demo,
    2025,
    {
      summary:
        "2025 var helhedsplanens tredje år og det første, hvor alle fire indsatsområder var i fuld drift. De fleste succeskriterier er på vej mod målet for 2026, men deltagelsen i Sprogstart og antallet af sigtelser halter efter.\n\n- 131 beboere har brugt jobcaféen\n- 41 faste elever i lektiecaféen\n- 22 aktive naboværter",
      whatWorked:
        "Samarbejdet med jobcentret om jobcaféen og med skolen om lektiecaféen og sommerskolen. Forældrenetværket er blevet selvkørende.",
      nextYear:
        "2026 er helhedsplanens sidste år. Vi arbejder med at forankre aktiviteterne hos foreninger, afdelingsbestyrelser og kommunen, og beskæftigelsesindsatsen afprøver jobmakkere.",
      notes: NOTES_2025,
    },
    true,
  );

  await seedDemoRevisions(db, demo, more, 2026);
  await writeReport(
    db,
    demo,
    DEMO_DRAFT_REPORT_YEAR,
    {
      summary:
        "Udkast: 2026 handler om forankring. Tallene for året indføres, når de er opgjort pr. 31. december.",
      whatWorked: "",
      nextYear: "",
      notes: NOTES_2026,
    },
    false,
  );
  return more;
}
