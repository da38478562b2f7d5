/**
 * The demo plan's three other delaftaler (Uddannelse og livschancer, Beskæftigelse,
 * Kriminalitetsforebyggelse), each with parties, a working group, problem statement, purpose and
 * goals, success criteria, activities, interplay, anchoring, financing and staff, and each with a
 * version history as the board would have made it: version 1 approved in 2024, version 2 in 2025,
 * and for Beskæftigelse a version 3 submitted now and awaiting the board. The demo agreement of
 * db/demo-agreement.ts (Sammenhængskraft og medborgerskab) stays a draft that was never approved:
 * it is the focus area whose agreement is being rewritten.
 *
 * Everything is written through the model functions, by the demo secretariat and board users, so
 * the data stays valid as the models change. Only `npm start` (db/seed.ts `main`) adds this; the
 * tests' base data does not. Every name, place and figure is invented.
 *
 * Dates. A real history is spread over 2023–2026: the revision models take the time of each step
 * (startRevision, submitRevision and decideRevision's optional `now`), so the versions are made
 * with their historical `submitted_at` and `decided_at` and no guard is switched off. The section
 * saves stamp now() on their audit events; the seed then dates those events (audit_events has no
 * guard) in the same transaction.
 */
import { asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "./client";
import { auditEvents, goals as goalRows } from "./schema";
import { DEMO_USERS, type DemoBaseIds } from "./demo-users";
import { criterion, member, party, perYear, responsibility, staff } from "./demo-agreement";
import type {
  ActivityValues,
  CriterionRow,
  FundingSourceRow,
  PartyRow,
} from "../app/domain/agreement";
import { parseRichText, richTextFromParagraphs } from "../app/domain/rich-text";
import type { SessionUser } from "../app/domain/user";
import { createActivity } from "../app/models/agreements/activities.server";
import { createAgreement } from "../app/models/agreements/create.server";
import {
  getAgreementForEdit,
  getRegisterOptions,
  listFocusAreaOptions,
} from "../app/models/agreements/read.server";
import {
  saveClauses,
  saveCriteria,
  saveFinancing,
  saveInterplay,
  saveParties,
  saveProblemStatement,
  savePurpose,
  saveStaff,
  saveWorkingGroups,
} from "../app/models/agreements/sections.server";
import { decideRevision, startRevision, submitRevision } from "../app/models/revisions.server";
import {
  DEFAULT_CONFLICT_HANDLING,
  DEFAULT_REVISION_CLAUSE,
  OPENING_CLAUSE_DEFAULTS,
} from "../app/domain/texts.da";

export const DEMO_PENDING_FOCUS_AREA = "Beskæftigelse";

interface Ctx {
  org(key: string): number;
  person(name: string): number;
  /** The id of the agreement's goal number i (0-based), after the purpose is saved. */
  goal(i: number): number;
}

interface LocalSource {
  kind: "municipality" | "housing_organisation";
  org: string;
  amounts: [number, number, number, number];
}

/** One step of the history: what the secretariat changed, when, and what the board decided. */
interface HistoryStep {
  /** When the secretariat started the revision (ISO date and time, Danish time). */
  started: string;
  submitted: string;
  /** The board's meeting date; absent while the proposal awaits the board. */
  meeting?: string;
  /** When the decision was recorded. */
  decided?: string;
  summary: string;
  recommendation: string | null;
  note?: string | null;
  /** The revision's changes to the draft (none for the first version). */
  change?: (
    tx: Db,
    user: SessionUser,
    planId: number,
    agreementId: number,
    c: Ctx,
  ) => Promise<void>;
}

type Change = (
  tx: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  c: Ctx,
) => Promise<void>;

interface AgreementSpec {
  focusArea: string;
  parties(c: Ctx): PartyRow[];
  workingGroup(c: Ctx): { name: string; members: ReturnType<typeof member>[] };
  problemStatement: string;
  purposes: string[];
  goals: string[];
  method: string;
  criteria(c: Ctx): CriterionRow[];
  activities(c: Ctx): ActivityValues[];
  municipalInterplay: string;
  anchoring: string;
  lbf: [number, number, number, number];
  local: LocalSource[];
  staff: string[];
  history: HistoryStep[];
}

function activity(
  fields: Pick<
    ActivityValues,
    "name" | "purposes" | "targetGroups" | "criteria" | "responsibilities"
  > & {
    content: string;
    reference?: string | null;
  },
): ActivityValues {
  return {
    shortName: null,
    purposesLeadIn: null,
    targetGroupsLeadIn: null,
    ...fields,
    reference: fields.reference ?? null,
    content: parseRichText(fields.content),
  };
}

async function currentVersion(
  tx: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<number> {
  return (await getAgreementForEdit(tx, user, planId, agreementId)).version;
}

/** Replaces the staff lines (a revision's typical small change). */
function changeStaff(lines: string[]): Change {
  return async (tx, user, planId, agreementId) => {
    await saveStaff(
      tx,
      user,
      planId,
      agreementId,
      await currentVersion(tx, user, planId, agreementId),
      {
        staff: lines.map(staff),
      },
    );
  };
}

/** Sets new yearly amounts on the agreement's existing funding sources, in their order. */
function changeFinancing(amounts: [number, number, number, number][]): Change {
  return async (tx, user, planId, agreementId) => {
    const record = await getAgreementForEdit(tx, user, planId, agreementId);
    const stored = [...record.fundingSources].sort((a, b) => a.position - b.position);
    const sources: FundingSourceRow[] = stored.map((s, i) => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      organisationId: s.organisation?.id ?? null,
      amounts: perYear(amounts[i] ?? [0, 0, 0, 0]),
    }));
    await saveFinancing(tx, user, planId, agreementId, record.version, { sources });
  };
}

function addActivity(make: (c: Ctx) => ActivityValues): Change {
  return async (tx, user, planId, agreementId, c) => {
    await createActivity(
      tx,
      user,
      planId,
      agreementId,
      await currentVersion(tx, user, planId, agreementId),
      make(c),
    );
  };
}

function both(...steps: Change[]): Change {
  return async (...args) => {
    for (const step of steps) await step(...args);
  };
}

// --- Uddannelse og livschancer ------------------------------------------------------------------

const EDUCATION: AgreementSpec = {
  focusArea: "Uddannelse og livschancer",
  parties: (c) => [
    party("primary", "Skole og dagtilbud", {
      organisationId: c.org("school"),
      contactPersonId: c.person("Thomas Krog"),
    }),
    party("primary", "Skole og dagtilbud", {
      organisationId: c.org("municipality"),
      label: "Dagtilbud Havbakke Syd",
      newContactName: "Karina Friis",
      newContactTitle: "Dagtilbudsleder",
    }),
    party("primary", "Kommunale samarbejdspartnere", {
      organisationId: c.org("municipality"),
      label: "Ungdommens Uddannelsesvejledning",
      newContactName: "Jonas Ravn",
      newContactTitle: "UU-vejleder",
    }),
    party("primary", "Boligorganisationer", {
      organisationId: c.org("laerkereden"),
      contactPersonId: c.person("Naja Brix"),
    }),
    party("primary", "Den boligsociale indsats", {
      organisationId: c.org("secretariat"),
      contactPersonId: c.person("Mette Lykke"),
    }),
    party("secondary", null, { organisationId: c.org("ngo") }),
    party("secondary", null, {
      organisationId: c.org("municipality"),
      label: "Biblioteket i Kulturhuset Havblik",
    }),
  ],
  workingGroup: (c) => ({
    name: "Arbejdsgruppen for uddannelse og livschancer",
    members: [
      member({
        personId: c.person("Mette Lykke"),
        description: "Tovholder",
        organisationId: c.org("secretariat"),
      }),
      member({ personId: c.person("Thomas Krog"), organisationId: c.org("school") }),
      member({ personId: c.person("Naja Brix"), organisationId: c.org("laerkereden") }),
      member({
        count: 2,
        description: "forældrerepræsentanter fra afdelingerne",
        names: "Yasmin Ali, Morten Skov",
      }),
      member({
        description: "En repræsentant for dagtilbuddene",
        organisationId: c.org("municipality"),
      }),
    ],
  }),
  problemStatement: `Børn og unge fylder meget i Strandengen og Solsikkeparken: 31 % af beboerne er under 18 år, mod 21 % i kommunen som helhed. Mange familier er nyankomne eller har kort uddannelse, og forældrene oplever, at det er svært at hjælpe med lektier og at finde rundt i skolesystemet.

Kommunens tal for skoleåret 2021/22 viser, at elever fra området i gennemsnit får 1,4 karakterpoint mindre ved afgangsprøven end kommunens øvrige elever, og at 22 % ikke er i gang med en ungdomsuddannelse 15 måneder efter 9. klasse.

De største udfordringer er

- at færre børn fra området går i dagtilbud før skolestart, og at flere har brug for sprogstøtte ved skolestart
- at fraværet i udskolingen er højt, især blandt drenge
- at de unge kender få uddannelsesveje og har få rollemodeller med uddannelse.

Indsatsområdet skal give børn og unge bedre forudsætninger for at klare sig i skolen og vælge en uddannelse, de gennemfører.`,
  purposes: [
    "at børn og unge i Strandengen og Solsikkeparken får de samme muligheder for at lære, trives og tage en uddannelse som deres jævnaldrende i resten af kommunen",
  ],
  goals: [
    "at flere børn går i dagtilbud og er sprogligt parate ved skolestart",
    "at flere elever fra området klarer sig godt i skolen og har et lavt fravær",
    "at flere unge begynder på og gennemfører en ungdomsuddannelse",
  ],
  method: `Vi arbejder med hele familien og med de institutioner, børnene allerede kommer i. Forældrene er de vigtigste samarbejdspartnere, og aktiviteterne holdes i boligområdet, tæt på familierne. Frivillige lektiehjælpere og unge rollemodeller fra området spiller en stor rolle, og sekretariatet sørger for, at skole, dagtilbud og vejledning taler sammen om de samme børn.`,
  criteria: (c) => [
    criterion(
      "Andelen af unge fra området, der er i gang med en ungdomsuddannelse 15 måneder efter 9. klasse, stiger fra 78 % i 2022 til 85 % i 2026.",
      "Havbakke Kommunes uddannelsesstatistik",
      {
        baselineValue: 78,
        baselineUnit: "%",
        baselineYear: 2022,
        targetValue: 85,
        targetUnit: "%",
        targetYear: 2026,
        goalId: c.goal(2),
      },
    ),
    criterion(
      "Andelen af 3-5-årige fra området, der går i dagtilbud, stiger fra 84 % i 2022 til 92 % i 2026.",
      "Dagtilbud Havbakke Syds indskrivningstal",
      {
        baselineValue: 84,
        baselineUnit: "%",
        baselineYear: 2022,
        targetValue: 92,
        targetUnit: "%",
        targetYear: 2026,
        goalId: c.goal(0),
      },
    ),
  ],
  activities: (c) => [
    activity({
      name: "Lektiecafé i beboerhuset",
      reference: "jf. den strategiske samarbejdsaftale, mål 1",
      content: `Lektiecaféen er åben tre eftermiddage om ugen i beboerhuset i Strandengen. Frivillige lektiehjælpere – studerende, pensionister og tidligere elever fra området – hjælper børn fra 3. til 10. klasse med lektier, læsning og projektopgaver.

Strandengskolen og lektiecaféen aftaler hvert halve år, hvilke fag og elever der skal have særlig opmærksomhed, og forældrene inviteres til en fælles aften om skolens forventninger.`,
      purposes: [
        "at eleverne får hjælp til lektier og læsning i et roligt miljø",
        "at styrke samarbejdet mellem skole, forældre og frivillige",
      ],
      targetGroups: ["elever i 3.–10. klasse fra området", "forældre til skolebørn"],
      criteria: [
        criterion(
          "Mindst 45 forskellige elever bruger lektiecaféen mindst ti gange i løbet af et skoleår.",
          "Lektiecaféens fremmøderegistrering",
          {
            baselineValue: 18,
            baselineUnit: "elever",
            baselineYear: 2022,
            targetValue: 45,
            targetUnit: "elever",
            targetYear: 2026,
            goalId: c.goal(1),
          },
        ),
        criterion(
          "Der er mindst 12 aktive frivillige lektiehjælpere.",
          "Sekretariatets frivilligregistrering",
          { targetValue: 12, targetUnit: "frivillige", goalId: c.goal(1) },
        ),
      ],
      responsibilities: [
        responsibility(c.org("secretariat"), null, [
          "driver lektiecaféen og rekrutterer frivillige",
          "holder forældreaftener sammen med skolen",
        ]),
        responsibility(c.org("school"), null, [
          "udpeger en kontaktlærer for lektiecaféen",
          "deler elevernes ugeplaner med de frivillige efter forældrenes samtykke",
        ]),
      ],
    }),
    activity({
      name: "Sprogstart – leg og læsning for de mindste",
      content: `Sammen med Dagtilbud Havbakke Syd og biblioteket holder vi legestuer for familier med børn fra 0 til 5 år, der ikke går i dagtilbud. Her leger og læser forældre og børn sammen, og en pædagog fra dagtilbuddet fortæller om dagtilbud, sprogvurdering og skolestart.

Familierne får en taske med bøger på dansk og hjemmesproget, og de følges personligt over i dagtilbud, når de er klar.`,
      purposes: [
        "at flere børn begynder i dagtilbud, før de skal i skole",
        "at forældrene får redskaber til at styrke børnenes sprog",
      ],
      targetGroups: ["familier med børn fra 0 til 5 år", "nyankomne familier"],
      criteria: [
        criterion(
          "Mindst 40 familier deltager i legestuerne hvert år.",
          "Deltagerlister fra legestuerne",
          { targetValue: 40, targetUnit: "familier", goalId: c.goal(0) },
        ),
      ],
      responsibilities: [
        responsibility(c.org("municipality"), "Dagtilbud Havbakke Syd", [
          "stiller en pædagog til rådighed for legestuerne",
          "tager imod familierne til besøg i dagtilbuddet",
        ]),
        responsibility(c.org("secretariat"), null, [
          "inviterer familierne og følger dem over i dagtilbud",
          "koordinerer med biblioteket om bogtasker",
        ]),
      ],
    }),
    activity({
      name: "Unge rollemodeller og uddannelsesvalg",
      content: `Unge fra området, der selv er i gang med en uddannelse, bliver rollemodeller for elever i 7.–9. klasse. De fortæller om deres vej, tager eleverne med på besøg på erhvervsskoler og gymnasier og er med til UU-vejlederens gruppesamtaler i beboerhuset.`,
      purposes: [
        "at de unge kender flere uddannelsesveje",
        "at de unge møder rollemodeller, de kan spejle sig i",
      ],
      targetGroups: ["elever i 7.–9. klasse", "unge mellem 16 og 20 år uden uddannelse"],
      criteria: [
        criterion(
          "Mindst 60 elever om året deltager i et besøg på en ungdomsuddannelse.",
          "Sekretariatets aktivitetslog",
          { targetValue: 60, targetUnit: "elever", goalId: c.goal(2) },
        ),
      ],
      responsibilities: [
        responsibility(c.org("municipality"), "Ungdommens Uddannelsesvejledning", [
          "holder gruppevejledning i beboerhuset",
          "aftaler besøg med ungdomsuddannelserne",
        ]),
        responsibility(c.org("secretariat"), null, [
          "rekrutterer og klæder rollemodellerne på",
          "følger op på de unge, der falder fra",
        ]),
      ],
    }),
  ],
  municipalInterplay: `Indsatsen supplerer Havbakke Kommunes sprog- og læsestrategi og skolens egen lektiehjælp. Dagtilbud, skole og UU deltager i arbejdsgruppen, så de boligsociale aktiviteter bygger videre på kommunens tilbud og ikke overlapper dem.`,
  anchoring: `Lektiecaféen forankres hos Foreningen Nabohjælp Havbakke, som overtager driften i løbet af 2026. Legestuerne indgår fra 2026 i dagtilbuddets faste åbne tilbud, og rollemodelkorpset videreføres af UU.`,
  lbf: [720_000, 760_000, 760_000, 740_000],
  local: [
    { kind: "municipality", org: "municipality", amounts: [200_000, 210_000, 210_000, 200_000] },
    { kind: "housing_organisation", org: "laerkereden", amounts: [90_000, 95_000, 95_000, 90_000] },
  ],
  staff: [
    "1 boligsocial medarbejder for børn og unge på 37 timer",
    "1 pædagogisk medarbejder til Sprogstart på 20 timer, udlånt fra dagtilbuddet",
  ],
  history: [
    {
      started: "2024-01-08T09:30:00+01:00",
      submitted: "2024-01-22T14:10:00+01:00",
      meeting: "2024-02-07",
      decided: "2024-02-08T10:05:00+01:00",
      summary: "Første version af delaftalen for uddannelse og livschancer.",
      recommendation: "Arbejdsgruppen indstiller delaftalen til godkendelse.",
      note: "Godkendt uden bemærkninger.",
    },
    {
      started: "2025-10-06T09:00:00+02:00",
      submitted: "2025-11-24T15:20:00+01:00",
      meeting: "2025-12-10",
      decided: "2025-12-11T09:40:00+01:00",
      summary:
        "Sommerskolen, som blev afprøvet i 2025, bliver en fast aktivitet, og dagtilbuddet låner en pædagog ud til Sprogstart.",
      recommendation:
        "Arbejdsgruppen indstiller, at sommerskolen bliver en del af delaftalen fra 2026.",
      note: "Godkendt. Bestyrelsen vil gerne se sommerskolens resultater i statusrapporten.",
      change: both(
        addActivity((c) =>
          activity({
            name: "Sommerskole i Strandengen",
            content: `I sommerferiens første og sidste uge holder vi sommerskole i beboerhuset for elever, der skal i 4.–7. klasse. Om formiddagen arbejder eleverne med læsning og matematik med lærere fra Strandengskolen, om eftermiddagen er der udflugter og idræt.`,
            purposes: [
              "at eleverne ikke mister det, de har lært, i løbet af sommerferien",
              "at eleverne møder skolestarten med ro og overskud",
            ],
            targetGroups: ["elever, der skal i 4.–7. klasse"],
            criteria: [
              criterion(
                "Mindst 30 elever deltager i sommerskolen hvert år.",
                "Sommerskolens deltagerlister",
                { targetValue: 30, targetUnit: "elever", goalId: c.goal(1) },
              ),
            ],
            responsibilities: [
              responsibility(c.org("school"), null, [
                "stiller to lærere til rådighed i sommerskolens uger",
                "udpeger de elever, der har mest gavn af sommerskolen",
              ]),
              responsibility(c.org("secretariat"), null, [
                "planlægger eftermiddagsprogrammet og udflugterne",
                "inviterer familierne",
              ]),
            ],
          }),
        ),
        changeStaff([
          "1 boligsocial medarbejder for børn og unge på 37 timer",
          "1 pædagogisk medarbejder til Sprogstart på 20 timer, udlånt fra dagtilbuddet",
          "2 sommerskolelærere i sommerferiens første og sidste uge",
        ]),
      ),
    },
  ],
};

// --- Beskæftigelse ------------------------------------------------------------------------------

const EMPLOYMENT: AgreementSpec = {
  focusArea: "Beskæftigelse",
  parties: (c) => [
    party("primary", "Kommunale samarbejdspartnere", {
      organisationId: c.org("municipality"),
      label: "Jobcenter Havbakke",
      newContactName: "Lotte Kjær",
      newContactTitle: "Teamleder",
    }),
    party("primary", "Boligorganisationer", {
      organisationId: c.org("faellesbo"),
      contactPersonId: c.person("Kasper Holmgaard"),
    }),
    party("primary", "Boligorganisationer", {
      organisationId: c.org("laerkereden"),
      contactPersonId: c.person("Naja Brix"),
    }),
    party("primary", "Den boligsociale indsats", {
      organisationId: c.org("secretariat"),
      contactPersonId: c.person("Mette Lykke"),
    }),
    party("secondary", null, {
      label: "lokale virksomheder i Havbakke Erhvervsforum",
    }),
    party("secondary", null, {
      organisationId: c.org("strandengen"),
      contactPersonId: c.person("Ida Mørch"),
    }),
  ],
  workingGroup: (c) => ({
    name: "Arbejdsgruppen for beskæftigelse",
    members: [
      member({
        personId: c.person("Mette Lykke"),
        description: "Tovholder",
        organisationId: c.org("secretariat"),
      }),
      member({ personId: c.person("Kasper Holmgaard"), organisationId: c.org("faellesbo") }),
      member({
        count: 2,
        description: "virksomhedskonsulenter fra Jobcenter Havbakke",
        organisationId: c.org("municipality"),
      }),
      member({ personId: c.person("Ida Mørch"), organisationId: c.org("strandengen") }),
    ],
  }),
  problemStatement: `Beskæftigelsen i Strandengen og Solsikkeparken er lav: 52 % af beboerne mellem 18 og 64 år var i job eller uddannelse i 2022, mod 74 % i kommunen. Mange har været ledige i lang tid, og en del har helbredsproblemer eller begrænsede danskkundskaber.

Jobcentrets erfaring er, at beboerne fra området sjældent bruger de almindelige tilbud, og at kontakten ofte går tabt mellem to samtaler. Samtidig mangler de lokale virksomheder medarbejdere inden for rengøring, lager, byggeri og pleje.

Indsatsen skal bygge bro mellem beboerne og arbejdsmarkedet tæt på, hvor de bor.`,
  purposes: ["at flere beboere mellem 18 og 64 år kommer i job eller uddannelse og bliver der"],
  goals: [
    "at flere ledige beboere får kontakt med virksomheder og kommer i job",
    "at flere unge på kanten af arbejdsmarkedet får et fritidsjob eller en læreplads",
  ],
  method: `Vi arbejder opsøgende og personligt: medarbejderne møder beboerne i beboerhuset, i opgangen og ved arrangementer, og de følger den enkelte fra første samtale til de første måneder i job. Jobcentrets virksomhedskonsulenter har fast træffetid i boligområdet, og boligorganisationerne åbner egne job og praktikpladser for beboerne.`,
  criteria: (c) => [
    criterion(
      "Andelen af beboere mellem 18 og 64 år i job eller uddannelse stiger fra 52 % i 2022 til 58 % i 2026.",
      "Danmarks Statistik, særkørsel for boligområdet",
      {
        baselineValue: 52,
        baselineUnit: "%",
        baselineYear: 2022,
        targetValue: 58,
        targetUnit: "%",
        targetYear: 2026,
        goalId: c.goal(0),
      },
    ),
    criterion(
      "Mindst 25 beboere om året begynder i ordinært job eller uddannelse efter forløb i indsatsen.",
      "Sekretariatets forløbsregistrering sammenholdt med jobcentrets data",
      {
        baselineValue: 9,
        baselineUnit: "beboere",
        baselineYear: 2022,
        targetValue: 25,
        targetUnit: "beboere",
        targetYear: 2026,
        goalId: c.goal(0),
      },
    ),
  ],
  activities: (c) => [
    activity({
      name: "Jobcafé med jobcentret",
      content: `Hver tirsdag holder jobcentrets virksomhedskonsulenter og en boligsocial medarbejder jobcafé i beboerhuset. Beboerne kan få hjælp til CV og ansøgninger, finde praktikpladser og tale med en konsulent uden at have en tid.`,
      purposes: [
        "at ledige beboere får let adgang til jobcentrets konsulenter",
        "at flere ledige kommer i praktik eller job",
      ],
      targetGroups: ["ledige beboere mellem 18 og 64 år", "beboere på kanten af arbejdsmarkedet"],
      criteria: [
        criterion(
          "Mindst 120 forskellige beboere bruger jobcaféen om året.",
          "Jobcaféens besøgsregistrering",
          { targetValue: 120, targetUnit: "beboere", goalId: c.goal(0) },
        ),
      ],
      responsibilities: [
        responsibility(c.org("municipality"), "Jobcenter Havbakke", [
          "stiller to virksomhedskonsulenter til rådighed hver tirsdag",
          "registrerer forløbene i jobcentrets system",
        ]),
        responsibility(c.org("secretariat"), null, [
          "inviterer beboerne og holder kontakten mellem møderne",
          "stiller lokaler og computere til rådighed",
        ]),
      ],
    }),
    activity({
      name: "Praktik i boligorganisationerne",
      content: `Fællesbo Havbakke og Boligselskabet Lærkereden tilbyder praktikpladser i ejendomsdriften, på kontoret og i beboerhuset. Praktikken varer op til 13 uger med en fast mentor, og målet er ansættelse eller en uddannelsesaftale.`,
      purposes: [
        "at ledige beboere får arbejdserfaring og en reference",
        "at flere beboere bliver ansat i boligorganisationerne",
      ],
      targetGroups: ["ledige beboere", "unge uden uddannelse"],
      criteria: [
        criterion(
          "Mindst 12 beboere om året gennemfører et praktikforløb.",
          "Boligorganisationernes praktikoversigt",
          { targetValue: 12, targetUnit: "beboere", goalId: c.goal(0) },
        ),
      ],
      responsibilities: [
        responsibility(null, "Boligorganisationerne", [
          "stiller praktikpladser og mentorer til rådighed",
          "overvejer ansættelse ved praktikkens afslutning",
        ]),
        responsibility(c.org("municipality"), "Jobcenter Havbakke", [
          "godkender praktikaftalerne",
          "følger op på deltagernes forsørgelse",
        ]),
      ],
    }),
    activity({
      name: "Fritidsjob til unge",
      content: `En fritidsjobkonsulent hjælper unge fra 13 til 17 år med at finde og holde et fritidsjob i lokale butikker, idrætsforeninger og hos boligorganisationerne. De unge får et kort forløb om at søge job og om at møde til tiden, og arbejdsgiverne kan ringe til konsulenten, hvis der opstår problemer.`,
      purposes: [
        "at flere unge får erfaring fra arbejdsmarkedet",
        "at de unge får kontakt med voksne uden for familien og skolen",
      ],
      targetGroups: ["unge fra 13 til 17 år", "lokale arbejdsgivere"],
      criteria: [
        criterion(
          "Mindst 35 unge om året får et fritidsjob.",
          "Fritidsjobkonsulentens registrering",
          {
            baselineValue: 14,
            baselineUnit: "unge",
            baselineYear: 2022,
            targetValue: 35,
            targetUnit: "unge",
            targetYear: 2026,
            goalId: c.goal(1),
          },
        ),
      ],
      responsibilities: [
        responsibility(c.org("secretariat"), null, [
          "ansætter fritidsjobkonsulenten",
          "finder arbejdsgivere i Havbakke Erhvervsforum",
        ]),
        responsibility(null, "Lokale virksomheder", [
          "tilbyder fritidsjob og en fast kontaktperson",
          "giver de unge en udtalelse, når jobbet slutter",
        ]),
      ],
    }),
  ],
  municipalInterplay: `Indsatsen er aftalt med Jobcenter Havbakke og følger kommunens beskæftigelsesplan. Jobcentret bevarer myndighedsansvaret; de boligsociale medarbejdere skaber kontakten og holder den, mens jobcentret står for forløbene.`,
  anchoring: `Jobcaféen fortsætter som jobcentrets faste, fremskudte tilbud. Boligorganisationerne har skrevet praktikordningen ind i deres personalepolitik, og fritidsjobordningen videreføres af Havbakke Erhvervsforum.`,
  lbf: [610_000, 640_000, 640_000, 620_000],
  local: [
    { kind: "municipality", org: "municipality", amounts: [190_000, 200_000, 200_000, 190_000] },
    { kind: "housing_organisation", org: "faellesbo", amounts: [60_000, 60_000, 60_000, 60_000] },
  ],
  staff: ["1 boligsocial jobkonsulent på 37 timer", "1 fritidsjobkonsulent på 15 timer"],
  history: [
    {
      started: "2024-01-08T09:45:00+01:00",
      submitted: "2024-01-22T14:25:00+01:00",
      meeting: "2024-02-07",
      decided: "2024-02-08T10:10:00+01:00",
      summary: "Første version af delaftalen for beskæftigelse.",
      recommendation: "Arbejdsgruppen indstiller delaftalen til godkendelse.",
      note: null,
    },
    {
      started: "2025-10-06T09:15:00+02:00",
      submitted: "2025-11-24T15:35:00+01:00",
      meeting: "2025-12-10",
      decided: "2025-12-11T09:45:00+01:00",
      summary:
        "Jobcentret øger sin medfinansiering i 2025 og 2026, så jobcaféen kan holde åbent to dage om ugen.",
      recommendation: "Arbejdsgruppen indstiller ændringen af finansieringen til godkendelse.",
      note: "Godkendt.",
      change: changeFinancing([
        [610_000, 640_000, 640_000, 620_000],
        [190_000, 200_000, 240_000, 240_000],
        [60_000, 60_000, 60_000, 60_000],
      ]),
    },
    {
      started: "2026-09-14T10:00:00+02:00",
      submitted: "2026-11-25T13:50:00+01:00",
      summary:
        "Ny aktivitet: jobmakkere, hvor beboere i job hjælper naboer, der søger. Jobkonsulentens timer fordeles på to medarbejdere.",
      recommendation:
        "Arbejdsgruppen indstiller, at jobmakkerordningen afprøves i helhedsplanens sidste år.",
      change: both(
        addActivity((c) =>
          activity({
            name: "Jobmakkere",
            content: `Beboere, der selv er kommet i job, bliver makkere for naboer, der søger job. Makkeren hjælper med at forberede en samtale, tager med på den første arbejdsdag, hvis det ønskes, og mødes med sin nabo en gang om ugen i de første tre måneder.`,
            purposes: [
              "at flere ledige får støtte fra en nabo, der kender vejen",
              "at flere bliver i jobbet efter de første måneder",
            ],
            targetGroups: ["ledige beboere", "beboere i job, der vil være makkere"],
            criteria: [
              criterion(
                "Mindst 15 makkerpar er i gang i løbet af året.",
                "Sekretariatets forløbsregistrering",
                { targetValue: 15, targetUnit: "makkerpar", goalId: c.goal(0) },
              ),
            ],
            responsibilities: [
              responsibility(c.org("secretariat"), null, [
                "finder og klæder makkerne på",
                "sætter makkerpar sammen og følger op hver måned",
              ]),
              responsibility(c.org("municipality"), "Jobcenter Havbakke", [
                "henviser ledige beboere til ordningen",
              ]),
            ],
          }),
        ),
        changeStaff([
          "2 boligsociale jobkonsulenter på hver 25 timer",
          "1 fritidsjobkonsulent på 15 timer",
        ]),
      ),
    },
  ],
};

// --- Kriminalitetsforebyggelse ------------------------------------------------------------------

const CRIME_PREVENTION: AgreementSpec = {
  focusArea: "Kriminalitetsforebyggelse",
  parties: (c) => [
    party("primary", "Kommunale samarbejdspartnere", {
      organisationId: c.org("municipality"),
      label: "SSP",
      contactPersonId: c.person("Ahmad Rahimi"),
    }),
    party("primary", null, {
      organisationId: c.org("police"),
      contactPersonId: c.person("Mikkel Aagaard"),
    }),
    party("primary", null, {
      organisationId: c.org("school"),
      contactPersonId: c.person("Thomas Krog"),
    }),
    party("primary", "Ejendomskontorer", {
      organisationId: c.org("strandengen"),
      contactPersonId: c.person("Ida Mørch"),
    }),
    party("primary", "Ejendomskontorer", {
      organisationId: c.org("solsikkeparken"),
      contactPersonId: c.person("Bjarne Østergaard"),
    }),
    party("primary", "Den boligsociale indsats", {
      organisationId: c.org("secretariat"),
      contactPersonId: c.person("Mette Lykke"),
    }),
  ],
  workingGroup: (c) => ({
    name: "Arbejdsgruppen for tryghed og forebyggelse",
    members: [
      member({
        personId: c.person("Ahmad Rahimi"),
        description: "Tovholder",
        organisationId: c.org("municipality"),
      }),
      member({ personId: c.person("Mikkel Aagaard"), organisationId: c.org("police") }),
      member({ personId: c.person("Bjarne Østergaard"), organisationId: c.org("solsikkeparken") }),
      member({ personId: c.person("Mette Lykke"), organisationId: c.org("secretariat") }),
      member({
        count: 2,
        description: "beboerrepræsentanter",
        names: "Camilla Thorsen, Leif Juncker",
      }),
    ],
  }),
  problemStatement: `Politiets tal viser, at antallet af anmeldelser i boligområdet er faldet siden 2018, men at en lille gruppe unge mellem 14 og 19 år står for en stor del af hærværket og de utryghedsskabende episoder. I 2022 var 11 unge fra området sigtet for en lovovertrædelse.

Beboerne peger på uro om aftenen ved butikstorvet og i kælderområderne i Strandengen, og ejendomskontorerne brugte i 2022 over 400.000 kr. på at udbedre hærværk.

Indsatsen skal nå de unge, før de kommer ud i kriminalitet, og gøre de fysiske rammer tryggere.`,
  purposes: [
    "at færre unge fra området begår kriminalitet, og at beboerne oplever et trygt boligområde",
  ],
  goals: [
    "at færre unge bliver sigtet for en lovovertrædelse",
    "at hærværk og utryghedsskabende episoder i boligområdet falder",
  ],
  method: `Vi kombinerer opsøgende arbejde om aftenen, tidlig og tæt kontakt til familierne og et fast samarbejde mellem SSP, politi, skole og ejendomskontorer. Bekymringer om unge drøftes hver måned i et lokalt SSP-team, og forældrene inddrages fra første bekymring.`,
  criteria: (c) => [
    criterion(
      "Antallet af unge fra området, der sigtes for en lovovertrædelse, falder fra 11 i 2022 til højst 6 i 2026.",
      "Havbakke Lokalpolitis årlige opgørelse til SSP",
      {
        baselineValue: 11,
        baselineUnit: "unge",
        baselineYear: 2022,
        targetValue: 6,
        targetUnit: "unge",
        targetYear: 2026,
        goalId: c.goal(0),
      },
    ),
    criterion(
      "Udgifterne til udbedring af hærværk falder fra 412.000 kr. i 2022 til under 250.000 kr. i 2026.",
      "Ejendomskontorernes regnskaber",
      {
        baselineValue: 412_000,
        baselineUnit: "kr.",
        baselineYear: 2022,
        targetValue: 250_000,
        targetUnit: "kr.",
        targetYear: 2026,
        goalId: c.goal(1),
      },
    ),
  ],
  activities: (c) => [
    activity({
      name: "Gadeplan om aftenen",
      content: `To gadeplansmedarbejdere er i området torsdag til lørdag aften. De kender de unge ved navn, henviser til fritidstilbud og tager kontakt til forældrene, når de er bekymrede. De melder hver uge tilbage til det lokale SSP-team.`,
      purposes: [
        "at de unge møder voksne, de har tillid til, i boligområdet om aftenen",
        "at uro opdages og stoppes tidligt",
      ],
      targetGroups: ["unge mellem 13 og 19 år", "forældre til unge i risiko"],
      criteria: [
        criterion(
          "Gadeplansmedarbejderne har kontakt til mindst 80 forskellige unge om året.",
          "Gadeplansmedarbejdernes log",
          { targetValue: 80, targetUnit: "unge", goalId: c.goal(0) },
        ),
      ],
      responsibilities: [
        responsibility(c.org("secretariat"), null, [
          "ansætter og leder gadeplansmedarbejderne",
          "sikrer tilbagemelding til SSP-teamet",
        ]),
        responsibility(c.org("police"), null, [
          "deler viden om episoder i området med SSP-teamet",
          "deltager i gadeplansarbejdet ved større arrangementer",
        ]),
      ],
    }),
    activity({
      name: "Forældrenetværk",
      content: `Forældre til unge i udskolingen mødes fire gange om året med SSP og skolen om de unges hverdag, sociale medier og fester. Forældrene aftaler selv fælles regler og går sammen på aftenvandring i boligområdet op til weekender og højtider.`,
      purposes: [
        "at forældrene står sammen om de unge",
        "at flere voksne er synlige i boligområdet om aftenen",
      ],
      targetGroups: ["forældre til unge i 6.–10. klasse"],
      criteria: [
        criterion(
          "Mindst 25 forældre deltager i forældrenetværket i løbet af året.",
          "Deltagerlister fra netværksmøderne",
          {
            baselineValue: 8,
            baselineUnit: "forældre",
            baselineYear: 2022,
            targetValue: 25,
            targetUnit: "forældre",
            targetYear: 2026,
            goalId: c.goal(0),
          },
        ),
      ],
      responsibilities: [
        responsibility(c.org("municipality"), "SSP", [
          "planlægger og leder netværksmøderne",
          "inviterer oplægsholdere",
        ]),
        responsibility(c.org("school"), null, [
          "inviterer forældrene via skolens intranet",
          "stiller lokaler til rådighed",
        ]),
      ],
    }),
    activity({
      name: "Tryghedsvandringer og bedre belysning",
      content: `Hvert forår går beboere, ejendomskontorer, politi og sekretariatet en tryghedsvandring i begge afdelinger. Steder, der opleves som utrygge, registreres, og ejendomskontorerne prioriterer belysning, beskæring og aflåsning af kældre i driftsbudgettet.`,
      purposes: ["at de fysiske rammer bliver tryggere", "at beboerne inddrages i prioriteringen"],
      targetGroups: ["alle beboere", "ejendomskontorernes medarbejdere"],
      criteria: [
        criterion(
          "Mindst 75 % af de steder, der registreres på tryghedsvandringen, er udbedret inden årets udgang.",
          "Ejendomskontorernes opfølgningsliste",
          { targetValue: 75, targetUnit: "%", goalId: c.goal(1) },
        ),
      ],
      responsibilities: [
        responsibility(null, "Ejendomskontorerne", [
          "deltager i tryghedsvandringen",
          "udbedrer de registrerede steder",
        ]),
        responsibility(c.org("secretariat"), null, [
          "inviterer beboerne og laver opfølgningslisten",
        ]),
      ],
    }),
  ],
  municipalInterplay: `Indsatsen er en del af Havbakke Kommunes SSP-samarbejde og følger kommunens handleplan for kriminalitetsforebyggelse. Politiet og SSP deltager i arbejdsgruppen, og bekymringer om enkelte unge håndteres efter kommunens retningslinjer for underretning.`,
  anchoring: `Det lokale SSP-team fortsætter efter 2026 som en del af kommunens SSP-organisation. Tryghedsvandringerne bliver en fast del af afdelingernes årshjul, og forældrenetværket videreføres af skolens forældreråd.`,
  lbf: [480_000, 500_000, 500_000, 490_000],
  local: [
    { kind: "municipality", org: "municipality", amounts: [150_000, 160_000, 160_000, 150_000] },
    { kind: "housing_organisation", org: "laerkereden", amounts: [60_000, 60_000, 60_000, 60_000] },
  ],
  staff: [
    "2 gadeplansmedarbejdere på hver 20 timer",
    "SSP-konsulent 8 timer om ugen (kommunal medfinansiering)",
  ],
  history: [
    {
      started: "2024-01-08T10:00:00+01:00",
      submitted: "2024-01-23T11:05:00+01:00",
      meeting: "2024-02-07",
      decided: "2024-02-08T10:15:00+01:00",
      summary: "Første version af delaftalen for kriminalitetsforebyggelse.",
      recommendation: "Arbejdsgruppen indstiller delaftalen til godkendelse.",
      note: "Godkendt. Politiets deltagelse i arbejdsgruppen præciseres ved næste revision.",
    },
    {
      started: "2025-10-06T09:30:00+02:00",
      submitted: "2025-11-25T10:30:00+01:00",
      meeting: "2025-12-10",
      decided: "2025-12-11T09:50:00+01:00",
      summary:
        "Gadeplansarbejdet udvides til søndag aften, og politiets nærbetjent deltager fast i arbejdsgruppen.",
      recommendation: "Arbejdsgruppen indstiller ændringerne til godkendelse.",
      note: "Godkendt.",
      change: changeStaff([
        "2 gadeplansmedarbejdere på hver 24 timer, torsdag til søndag aften",
        "SSP-konsulent 8 timer om ugen (kommunal medfinansiering)",
        "Nærpolitibetjent deltager i arbejdsgruppens møder",
      ]),
    },
  ],
};

export const DEMO_MORE_AGREEMENTS: readonly AgreementSpec[] = [
  EDUCATION,
  EMPLOYMENT,
  CRIME_PREVENTION,
];

export async function auditMark(tx: Db): Promise<number> {
  const [row] = await tx
    .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)::bigint` })
    .from(auditEvents);
  return Number(row?.id ?? 0);
}

/** Stamps the audit events written since `mark` with the history's date. */
export async function backdateAudit(tx: Db, mark: number, at: string): Promise<void> {
  await tx
    .update(auditEvents)
    .set({ at: new Date(at) })
    .where(gt(auditEvents.id, mark));
}

function demoUser(demo: DemoBaseIds, key: "secretariat" | "board"): SessionUser {
  return {
    id: demo.userIds[key],
    email: DEMO_USERS[key].email,
    name: DEMO_USERS[key].name,
    isAdmin: false,
  };
}

/** Looks up the demo's organisations, register people and (once saved) the agreement's goals. */
async function context(
  tx: Db,
  demo: DemoBaseIds,
  label: string,
): Promise<{
  c: Ctx;
  loadGoals(agreementId: number): Promise<void>;
}> {
  const { people } = await getRegisterOptions(tx);
  let goalIds: number[] = [];
  return {
    c: {
      org(key) {
        const id = demo.organisationIds[key];
        if (id == null) throw new Error(`Demo organisation "${key}" is missing`);
        return id;
      },
      person(name) {
        const person = people.find((p) => p.name === name);
        if (!person) throw new Error(`Demo person "${name}" is missing`);
        return person.id;
      },
      goal(i) {
        const id = goalIds[i];
        if (id == null) throw new Error(`Goal ${i} of ${label} is missing`);
        return id;
      },
    },
    async loadGoals(agreementId) {
      goalIds = (
        await tx
          .select({ id: goalRows.id })
          .from(goalRows)
          .where(eq(goalRows.agreementId, agreementId))
          .orderBy(asc(goalRows.position))
      ).map((g) => g.id);
    },
  };
}

/**
 * Creates the three agreements as the secretariat wrote them in the autumn of 2023, before their
 * first approval, in one transaction; returns their ids in DEMO_MORE_AGREEMENTS' order. Needs the
 * demo users, the demo plan and the demo agreement (whose contact people the parties reuse).
 * Their versions come with seedDemoRevisions.
 */
export async function seedDemoMoreAgreements(db: Db, demo: DemoBaseIds): Promise<number[]> {
  const secretariat = demoUser(demo, "secretariat");
  const planId = demo.planId;

  return db.transaction(async (tx) => {
    const { focusAreas } = await listFocusAreaOptions(tx, secretariat, planId);
    const ids: number[] = [];
    for (const spec of DEMO_MORE_AGREEMENTS) {
      const area = focusAreas.find((a) => a.name === spec.focusArea);
      if (!area) throw new Error(`Focus area "${spec.focusArea}" is missing`);
      const { c, loadGoals } = await context(tx, demo, spec.focusArea);

      const mark = await auditMark(tx);
      const agreement = await createAgreement(tx, secretariat, planId, {
        focusAreaId: area.id,
        openingText: OPENING_CLAUSE_DEFAULTS["2018"],
        validFrom: "2023-01-01",
        validTo: "2026-12-31",
      });
      const agreementId = agreement.id;
      ids.push(agreementId);
      let version = agreement.version;

      await saveParties(tx, secretariat, planId, agreementId, version++, {
        parties: spec.parties(c),
      });
      await saveWorkingGroups(tx, secretariat, planId, agreementId, version++, {
        groups: [{ id: null, ...spec.workingGroup(c) }],
      });
      await saveProblemStatement(tx, secretariat, planId, agreementId, version++, {
        problemStatement: parseRichText(spec.problemStatement),
      });
      await savePurpose(tx, secretariat, planId, agreementId, version++, {
        purposes: spec.purposes,
        goals: spec.goals.map((text) => ({ id: null, text, subGoals: [] })),
        method: parseRichText(spec.method),
      });
      await loadGoals(agreementId);
      await saveCriteria(tx, secretariat, planId, agreementId, version++, {
        criteria: spec.criteria(c),
      });
      for (const values of spec.activities(c)) {
        await createActivity(tx, secretariat, planId, agreementId, version++, values);
      }
      await saveInterplay(tx, secretariat, planId, agreementId, version++, {
        municipalInterplay: parseRichText(spec.municipalInterplay),
        anchoring: parseRichText(spec.anchoring),
      });
      // Keep the funding sources createAgreement started with (their ids stay stable).
      const started = (await getAgreementForEdit(tx, secretariat, planId, agreementId))
        .fundingSources;
      const sources: FundingSourceRow[] = [
        {
          id: started.find((s) => s.kind === "lbf")?.id ?? null,
          kind: "lbf",
          name: "Landsbyggefonden",
          organisationId: null,
          amounts: perYear(spec.lbf),
        },
        ...spec.local.map((l): FundingSourceRow => {
          const organisationId = c.org(l.org);
          const existing = started.find(
            (s) => s.kind === l.kind && (s.organisation?.id ?? organisationId) === organisationId,
          );
          return {
            id: existing?.id ?? null,
            kind: l.kind,
            name: null,
            organisationId,
            amounts: perYear(l.amounts),
          };
        }),
      ];
      await saveFinancing(tx, secretariat, planId, agreementId, version++, { sources });
      await saveStaff(tx, secretariat, planId, agreementId, version++, {
        staff: spec.staff.map(staff),
      });
      await saveClauses(tx, secretariat, planId, agreementId, version++, {
        conflictHandling: richTextFromParagraphs(DEFAULT_CONFLICT_HANDLING),
        revisionClause: richTextFromParagraphs(DEFAULT_REVISION_CLAUSE),
      });
      await backdateAudit(tx, mark, "2023-11-20T12:00:00+01:00");
    }
    return ids;
  });
}

/**
 * The revisions of `year` of the three agreements (ids as seedDemoMoreAgreements returned them),
 * in one transaction: the secretariat starts the revision, makes its changes and submits the
 * draft; the board approves it at its meeting, unless the step has no meeting (then the proposal
 * awaits the board). Each step is dated as the history has it.
 */
export async function seedDemoRevisions(
  db: Db,
  demo: DemoBaseIds,
  agreementIds: number[],
  year: number,
): Promise<void> {
  const secretariat = demoUser(demo, "secretariat");
  const board = demoUser(demo, "board");
  const planId = demo.planId;
  await db.transaction(async (tx) => {
    for (const [i, spec] of DEMO_MORE_AGREEMENTS.entries()) {
      const agreementId = agreementIds[i];
      if (agreementId == null) throw new Error(`Demo agreement ${spec.focusArea} is missing`);
      const steps = spec.history.filter((s) => Number(s.started.slice(0, 4)) === year);
      if (!steps.length) continue;
      const { c, loadGoals } = await context(tx, demo, spec.focusArea);
      await loadGoals(agreementId);
      for (const step of steps) {
        await startRevision(tx, secretariat, planId, agreementId, year, new Date(step.started));
        if (step.change) {
          // The section saves stamp now(); their audit events get the revision's start date.
          const mark = await auditMark(tx);
          await step.change(tx, secretariat, planId, agreementId, c);
          await backdateAudit(tx, mark, step.started);
        }
        const proposed = await submitRevision(
          tx,
          secretariat,
          planId,
          agreementId,
          { summary: step.summary, recommendation: step.recommendation },
          new Date(step.submitted),
        );
        if (step.meeting && step.decided) {
          await decideRevision(
            tx,
            board,
            planId,
            agreementId,
            proposed.id,
            { decision: "approve", meetingDate: step.meeting, note: step.note ?? null },
            new Date(step.decided),
          );
        }
      }
    }
  });
}

/** The years in which the demo agreements' revisions happen (2024, 2025, 2026). */
export const DEMO_REVISION_YEARS = [
  ...new Set(
    DEMO_MORE_AGREEMENTS.flatMap((s) => s.history.map((h) => Number(h.started.slice(0, 4)))),
  ),
].sort();
