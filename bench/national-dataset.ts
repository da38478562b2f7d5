/**
 * The national dataset of issue 15, on top of the demo data: 200 plans over the three funding
 * rounds, each with 4 agreements (5 activities, 4 criteria each), 10 years (2016–2025) of yearly
 * approved versions whose snapshots are the agreement's document view as the app freezes it, a
 * measurement of every criterion and spend of every funding source per year, a final progress
 * report per plan and year, 3,000 users with their memberships, 50 housing organisations with a
 * dispositionsfond each and 2,000 applications with their grants and grant reports, and the audit
 * events all of that implies.
 *
 * Written in bulk (multi-row inserts in chunks, one transaction) with every trigger and guard on:
 * versions are created as proposals and approved by updates, reports created as drafts and
 * finalised, applications created submitted and decided, as the app does. The version and report
 * snapshots are built by the app's own view builders (buildAgreementView, buildProgressReportView)
 * from the stored rows. Every name and text is invented.
 */
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import type { DemoIds } from "../db/seed";
import { DEMO_PASSWORD } from "../db/seed";
import {
  activities,
  agreementVersions,
  agreements,
  auditEvents,
  budgetAmounts,
  dispositionFunds,
  focusAreas,
  fundApplicationFunding,
  fundApplicationYears,
  fundApplications,
  fundFrames,
  fundGrantYears,
  fundGrants,
  fundReports,
  fundingRounds,
  fundingSources,
  measurements,
  organisationMemberships,
  organisations,
  planMemberships,
  planOrganisations,
  plans,
  progressReports,
  responsibilities,
  revisions,
  spending,
  successCriteria,
  users,
} from "../db/schema";
import { buildAgreementView, type AgreementRecord } from "../app/domain/agreement-view";
import { buildProgressReportView, type ProgressReportInput } from "../app/domain/progress-report";
import { parseRichText, type RichText } from "../app/domain/rich-text";
import { OPENING_CLAUSE_DEFAULTS } from "../app/domain/texts.da";
import { loadAgreementRecords } from "../app/models/internal/agreement-records.server";
import { loadProgressReportInput } from "../app/models/internal/progress-report-input.server";
import { hashPassword } from "../app/password.server";

export interface NationalTargets {
  /** e-mail of a non-admin user who is a member (secretariat role) of exactly 20 plans */
  memberOf20Email: string;
  /** a generated plan with 4 agreements, reports etc. */
  planId: number;
  /** an agreement of planId with 10 approved versions (1..10) */
  agreementId: number;
  /** two version numbers of agreementId to diff */
  versionA: number;
  versionB: number;
  /** an agreement of planId with a submitted revision awaiting the board */
  reviewAgreementId: number;
  /** a year with a final progress report for planId */
  reportYear: number;
  /** a dispositionsfond with many applications, and one of them */
  fundId: number;
  applicationId: number;
  /** rows per table generated, for printing */
  counts: Record<string, number>;
}

/** The full size (scale 1); a smaller scale shrinks the number of plans, users and funds. */
export const NATIONAL_SIZE = {
  plans: 200,
  agreementsPerPlan: 4,
  activitiesPerAgreement: 5,
  criteriaPerActivity: 4,
  users: 3000,
  membersPerPlan: 12,
  housingOrganisations: 50,
  estatesPerOrganisation: 8,
  applications: 2000,
} as const;

/** The ten years every generated plan runs: a version approved and a report finalised each year. */
export const NATIONAL_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const FIRST_YEAR = NATIONAL_YEARS[0]!;
const LAST_YEAR = NATIONAL_YEARS[NATIONAL_YEARS.length - 1]!;

// --- invented names ----------------------------------------------------------------------------

const TOWN_HEADS = [
  "Birke", "Bølge", "Ege", "Fjord", "Grøn", "Hede", "Hvid", "Kilde", "Lyng", "Mose",
  "Nør", "Rød", "Sand", "Skov", "Strand", "Sønder", "Vester", "Øster", "Enge", "Kær",
]; // prettier-ignore
const TOWN_TAILS = ["bjerg", "by", "dal", "havn", "holm", "lund", "rup", "sted", "strup", "vig"];
const FIRST_NAMES = [
  "Anne", "Bo", "Camilla", "Dorte", "Emil", "Frida", "Gustav", "Hanne", "Ibrahim", "Jens",
  "Karen", "Lars", "Maja", "Niels", "Olivia", "Peter", "Rikke", "Søren", "Tina", "Ulla",
  "Viktor", "Yusuf", "Zainab", "Aisha", "Bent", "Christian", "Ditte", "Erik", "Fatima", "Gitte",
]; // prettier-ignore
const LAST_NAMES = [
  "Andersen", "Bach", "Christensen", "Dalgaard", "Eriksen", "Frandsen", "Gade", "Hansen",
  "Iversen", "Jensen", "Kristensen", "Larsen", "Madsen", "Nielsen", "Olsen", "Pedersen",
  "Quist", "Rasmussen", "Sørensen", "Thomsen", "Ulriksen", "Vinther", "Winther", "Østergaard",
  "Ali", "Hussein", "Yilmaz", "Khan", "Mortensen", "Poulsen",
]; // prettier-ignore
const ACTIVITY_NAMES = [
  "Lektiecafé", "Naboværter", "Jobcafé", "Fritidsjob til unge", "Forældrenetværk",
  "Gadeplan om aftenen", "Sprogstart", "Gårdliv", "Praktik i afdelingerne", "Foreningsbroen",
  "Sommerskole", "Tryghedsvandringer", "Unge rollemodeller", "Ny i beboerdemokratiet",
  "Sundhedscafé",
]; // prettier-ignore
const ROLES = ["secretariat", "board", "reporter", "viewer"] as const;
const STATUSES = ["met", "partly_met", "not_met", "not_measured"] as const;

function townName(i: number): string {
  const head = TOWN_HEADS[i % TOWN_HEADS.length]!;
  const tail = TOWN_TAILS[Math.floor(i / TOWN_HEADS.length) % TOWN_TAILS.length]!;
  const round = Math.floor(i / (TOWN_HEADS.length * TOWN_TAILS.length));
  return `${head}${tail}${round ? ` ${round + 1}` : ""}`;
}

function personName(i: number): string {
  return `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]}`;
}

const pad = (n: number, width = 4) => String(n).padStart(width, "0");

// --- bulk writing ------------------------------------------------------------------------------

/**
 * Multi-row insert of `rows` in chunks, each chunk ONE statement with ONE parameter: the rows as a
 * JSON array, expanded by jsonb_to_recordset. Thousands of bound parameters per statement proved
 * slow to prepare on PGlite (0.4–0.8 ms per row); one JSON parameter is parsed at memory speed on
 * both drivers. Columns are the drizzle table's (database names and types); a column missing from
 * every row keeps its default. Returns the new rows' ids in the order of `rows` (a function scan
 * yields its rows in array order, and the serial is drawn in that order).
 */
async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: T["$inferInsert"][],
  options: { chunk?: number; returning?: boolean } = {},
): Promise<number[]> {
  if (!rows.length) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const present = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) present.add(key);
  const used = Object.entries(columns).filter(([key]) => present.has(key));
  const typeOf = (c: PgColumn) => {
    const type = c.getSQLType();
    return type === "serial" ? "integer" : type === "bigserial" ? "bigint" : type;
  };
  const names = sql.join(
    used.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const definitions = sql.raw(used.map(([, c]) => `"${c.name}" ${typeOf(c)}`).join(", "));
  const size = options.chunk ?? 5000;
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const json = JSON.stringify(
      rows.slice(i, i + size).map((row) => {
        const out: Record<string, unknown> = {};
        for (const [key, c] of used) out[c.name] = (row as Record<string, unknown>)[key] ?? null;
        return out;
      }),
    );
    const statement = sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${json}::jsonb) as x(${definitions})`;
    if (!options.returning) {
      await db.execute(statement);
      continue;
    }
    const result = (await db.execute(sql`${statement} returning id`)) as unknown as
      { id: number | string }[] | { rows: { id: number | string }[] };
    const out = Array.isArray(result) ? result : result.rows;
    ids.push(...out.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}

type AuditRow = typeof auditEvents.$inferInsert;

/** A JSON-safe copy as recordAudit stores it (dates as ISO strings, no password hashes). */
function auditJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === "passwordHash" ? undefined : v)),
  );
}

function audit(
  at: Date,
  userId: number | null,
  action: string,
  entityType: string,
  entityId: string | number,
  planId: number | null,
  before: unknown,
  after: unknown,
): AuditRow {
  return {
    at,
    userId,
    action,
    entityType,
    entityId: String(entityId),
    planId,
    before: auditJson(before),
    after: auditJson(after),
  };
}

const yearlySummary = (year: number) =>
  `Årlig revision ${year}: mål og aktiviteter justeret efter årets erfaringer.`;

const day = (iso: string) => new Date(`${iso}T10:00:00Z`);

/** Parsing markdown costs milliseconds; the generated texts repeat, so each is parsed once. */
const richCache = new Map<string, RichText>();
function rich(markdown: string): RichText {
  let parsed = richCache.get(markdown);
  if (!parsed) {
    parsed = parseRichText(markdown);
    richCache.set(markdown, parsed);
  }
  return parsed;
}

// --- the generator -----------------------------------------------------------------------------

interface CriterionSeed {
  id: number;
  agreementId: number;
  planIndex: number;
  baseline: number;
  target: number;
}

/**
 * Generates the national dataset (see the file's comment) in one transaction on top of the demo
 * data. `scale` (default 1) shrinks plans, users, housing organisations and applications for tests;
 * the shape per plan (agreements, activities, criteria, years) stays the same.
 */
export async function generateNationalDataset(
  db: Db,
  demo: DemoIds,
  scale = 1,
): Promise<NationalTargets> {
  const planCount = Math.max(2, Math.round(NATIONAL_SIZE.plans * scale));
  const memberPlans = Math.min(20, planCount);
  const userCount = Math.max(
    planCount * NATIONAL_SIZE.membersPerPlan + 20,
    Math.round(NATIONAL_SIZE.users * scale),
  );
  const orgCount = Math.max(2, Math.round(NATIONAL_SIZE.housingOrganisations * scale));
  const applicationCount = Math.max(8, Math.round(NATIONAL_SIZE.applications * scale));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    let last = performance.now();
    // NATIONAL_TRACE=1 prints the time each step took.
    const mark = (label: string) => {
      if (process.env.NATIONAL_TRACE !== "1") return;
      const now = performance.now();
      process.stderr.write(`  ${label}: ${(now - last).toFixed(0)} ms\n`);
      last = now;
    };
    const count = (table: string, n: number) => {
      counts[table] = (counts[table] ?? 0) + n;
      mark(`${table} (${n} rows)`);
    };
    const auditRows: AuditRow[] = [];
    const adminId = demo.userIds.admin;

    // Funding rounds and their first four focus areas (from the migrations).
    const rounds = await tx
      .select({ id: fundingRounds.id, code: fundingRounds.code, name: fundingRounds.name })
      .from(fundingRounds)
      .orderBy(fundingRounds.code);
    const areaRows = await tx
      .select({
        id: focusAreas.id,
        roundId: focusAreas.fundingRoundId,
        name: focusAreas.name,
        position: focusAreas.position,
      })
      .from(focusAreas)
      .orderBy(focusAreas.fundingRoundId, focusAreas.position);
    const areasOf = (roundId: number) =>
      areaRows.filter((a) => a.roundId === roundId).slice(0, NATIONAL_SIZE.agreementsPerPlan);
    if (rounds.length < 3 || rounds.some((r) => areasOf(r.id).length < 4)) {
      throw new Error("run the migrations first (funding rounds and focus areas)");
    }

    // --- users -------------------------------------------------------------------------------
    const userRows = Array.from({ length: userCount }, (_, i) => ({
      email: `bruger${pad(i + 1)}@landsdata.example`,
      name: personName(i),
      passwordHash,
      isAdmin: false,
      createdAt: day(`${2015 + (i % 10)}-0${1 + (i % 9)}-15`),
    }));
    const userIds = await bulkInsert(tx, users, userRows, { returning: true });
    count("users", userIds.length);
    userRows.forEach((u, i) => {
      const { passwordHash: _hash, ...shown } = u;
      auditRows.push(
        audit(u.createdAt, adminId, "user.create", "user", userIds[i]!, null, null, {
          id: userIds[i],
          ...shown,
          active: true,
          version: 1,
        }),
      );
    });
    // User 0 is the member of 20 plans; then 12 plan members per plan; the rest are fund users.
    const memberOf20Id = userIds[0]!;
    const memberOf20Email = userRows[0]!.email;
    let nextUser = 1;
    const takeUser = () => userIds[nextUser++]!;

    // --- organisations -----------------------------------------------------------------------
    const municipalityCount = Math.max(2, Math.round(planCount / 4));
    const municipalityIds = await bulkInsert(
      tx,
      organisations,
      Array.from({ length: municipalityCount }, (_, i) => ({
        kind: "municipality" as const,
        name: `${townName(i)} Kommune`,
      })),
      { returning: true },
    );
    const housingNames = Array.from(
      { length: orgCount },
      (_, i) => `Boligforeningen ${townName(i + 7)}`,
    );
    const housingIds = await bulkInsert(
      tx,
      organisations,
      housingNames.map((name, i) => ({
        kind: "housing_organisation" as const,
        name,
        address: `${townName(i + 7)}vej ${i + 1}, ${pad(5000 + i * 7)} ${townName(i + 7)}`,
      })),
      { returning: true },
    );
    const estateRows = housingIds.flatMap((parentId, o) =>
      Array.from({ length: NATIONAL_SIZE.estatesPerOrganisation }, (_, e) => ({
        kind: "estate" as const,
        name: `Afd. ${e + 1} ${townName(o * NATIONAL_SIZE.estatesPerOrganisation + e + 3)}parken (${housingNames[o]})`,
        parentId,
        tenancies: 120 + ((o * 37 + e * 53) % 480),
      })),
    );
    const estateIds = await bulkInsert(tx, organisations, estateRows, { returning: true });
    count("organisations", municipalityIds.length + housingIds.length + estateIds.length);
    const estatesOf = (o: number) =>
      estateIds.slice(
        o * NATIONAL_SIZE.estatesPerOrganisation,
        (o + 1) * NATIONAL_SIZE.estatesPerOrganisation,
      );

    // --- plans -------------------------------------------------------------------------------
    const planRows = Array.from({ length: planCount }, (_, p) => {
      const round = rounds[p % 3]!;
      return {
        name: `Helhedsplan ${townName(p * 3 + 1)} ${["Øst", "Vest", "Nord", "Syd"][p % 4]}`,
        fundingRoundId: round.id,
        periodStart: `${FIRST_YEAR}-01-01`,
        periodEnd: `${LAST_YEAR}-12-31`,
        status: "active" as const,
        municipalityId: municipalityIds[p % municipalityIds.length]!,
        description: `En boligsocial indsats i ${townName(p * 3 + 1)} med fokus på børn og unge, beskæftigelse og et trygt naboskab.`,
        createdAt: day(`${FIRST_YEAR - 1}-10-01`),
      };
    });
    const planIds = await bulkInsert(tx, plans, planRows, { returning: true });
    count("plans", planIds.length);
    const planOrgRows = planIds.flatMap((planId, p) => {
      const o = p % housingIds.length;
      const estates = estatesOf(o);
      const k = Math.floor(p / housingIds.length) * 2;
      return [
        { planId, organisationId: housingIds[o]! },
        { planId, organisationId: estates[k % estates.length]! },
        { planId, organisationId: estates[(k + 1) % estates.length]! },
      ];
    });
    await bulkInsert(tx, planOrganisations, planOrgRows);
    count("plan_organisations", planOrgRows.length);
    planIds.forEach((planId, p) => {
      auditRows.push(
        audit(planRows[p]!.createdAt, adminId, "plan.create", "plan", planId, planId, null, {
          id: planId,
          ...planRows[p],
          organisationIds: planOrgRows.slice(p * 3, p * 3 + 3).map((r) => r.organisationId),
        }),
      );
    });

    // --- plan memberships --------------------------------------------------------------------
    const membershipRows: (typeof planMemberships.$inferInsert)[] = [];
    const membersOf = new Map<number, Record<(typeof ROLES)[number], number[]>>();
    for (let p = 0; p < planIds.length; p++) {
      const byRole = { secretariat: [], board: [], reporter: [], viewer: [] } as Record<
        (typeof ROLES)[number],
        number[]
      >;
      if (p < memberPlans) {
        membershipRows.push({ planId: planIds[p]!, userId: memberOf20Id, role: "secretariat" });
        byRole.secretariat.push(memberOf20Id);
      }
      for (let j = 0; j < NATIONAL_SIZE.membersPerPlan; j++) {
        const role = ROLES[j % ROLES.length]!;
        const userId = takeUser();
        membershipRows.push({ planId: planIds[p]!, userId, role });
        byRole[role].push(userId);
      }
      membersOf.set(planIds[p]!, byRole);
    }
    await bulkInsert(tx, planMemberships, membershipRows);
    count("plan_memberships", membershipRows.length);
    for (const m of membershipRows) {
      auditRows.push(
        audit(
          day(`${FIRST_YEAR - 1}-10-02`),
          adminId,
          "plan_membership.set",
          "plan_membership",
          `${m.planId}:${m.userId}`,
          m.planId,
          null,
          { role: m.role },
        ),
      );
    }

    // --- organisation memberships (2 fund administrators and 6 applicants per organisation) ---
    const orgMemberRows: (typeof organisationMemberships.$inferInsert)[] = [];
    const fundAdminsOf: number[][] = [];
    const applicantsOf: Map<number, number>[] = [];
    for (let o = 0; o < housingIds.length; o++) {
      const admins = [takeUser(), takeUser()];
      fundAdminsOf.push(admins);
      for (const userId of admins) {
        orgMemberRows.push({ organisationId: housingIds[o]!, userId, role: "fund_admin" });
      }
      const applicants = new Map<number, number>();
      for (const estateId of estatesOf(o).slice(0, 6)) {
        const userId = takeUser();
        applicants.set(estateId, userId);
        orgMemberRows.push({ organisationId: housingIds[o]!, userId, role: "applicant", estateId });
      }
      applicantsOf.push(applicants);
    }
    if (nextUser > userIds.length) throw new Error("not enough users for the memberships");
    const orgMemberIds = await bulkInsert(tx, organisationMemberships, orgMemberRows, {
      returning: true,
    });
    count("organisation_memberships", orgMemberIds.length);
    orgMemberRows.forEach((m, i) => {
      auditRows.push(
        audit(
          day("2018-01-10"),
          adminId,
          "organisation_membership.add",
          "organisation_membership",
          orgMemberIds[i]!,
          null,
          null,
          { id: orgMemberIds[i], estateId: null, ...m },
        ),
      );
    });

    // --- agreements, activities, criteria, funding -------------------------------------------
    const agreementRows: (typeof agreements.$inferInsert)[] = [];
    const agreementPlan: number[] = [];
    planIds.forEach((planId, p) => {
      const round = rounds[p % 3]!;
      for (const area of areasOf(round.id)) {
        const town = townName(p * 3 + 1);
        agreementRows.push({
          planId,
          focusAreaId: area.id,
          openingText: OPENING_CLAUSE_DEFAULTS["2018"],
          validFrom: `${FIRST_YEAR}-01-01`,
          validTo: `${LAST_YEAR}-12-31`,
          problemStatement: rich(
            `I ${town} er der brug for en samlet indsats inden for ${area.name.toLocaleLowerCase("da")}. Beboerne peger selv på behovet, og tallene fra kommunen bekræfter det.`,
          ),
          purposes: [
            `at styrke ${area.name.toLocaleLowerCase("da")} i boligområdet`,
            "at flere beboere tager del i fællesskabet",
          ],
          method: rich(
            "Indsatsen bygger på tæt samarbejde mellem sekretariatet, afdelingerne og kommunen.",
          ),
          anchoring: rich("Aktiviteterne forankres hos afdelingsbestyrelserne og foreningerne."),
          createdAt: day(`${FIRST_YEAR - 1}-11-01`),
        });
        agreementPlan.push(p);
      }
    });
    const agreementIds = await bulkInsert(tx, agreements, agreementRows, { returning: true });
    count("agreements", agreementIds.length);
    agreementIds.forEach((id, a) => {
      const p = agreementPlan[a]!;
      auditRows.push(
        audit(
          day(`${FIRST_YEAR - 1}-11-01`),
          membersOf.get(planIds[p]!)!.secretariat[0]!,
          "agreement.create",
          "agreement",
          id,
          planIds[p]!,
          null,
          { id, ...agreementRows[a], version: 1 },
        ),
      );
    });

    const activityRows: (typeof activities.$inferInsert)[] = [];
    agreementIds.forEach((agreementId, a) => {
      for (let i = 0; i < NATIONAL_SIZE.activitiesPerAgreement; i++) {
        const name = ACTIVITY_NAMES[(a * 3 + i) % ACTIVITY_NAMES.length]!;
        activityRows.push({
          agreementId,
          name,
          content: rich(
            `${name} holdes hver uge i beboerhuset og drives af medarbejdere og frivillige sammen.`,
          ),
          purposes: ["at styrke fællesskabet"],
          targetGroups: [i % 2 ? "unge 13–17 år" : "familier med børn"],
          position: i + 1,
        });
      }
    });
    const activityIds = await bulkInsert(tx, activities, activityRows, { returning: true });
    count("activities", activityIds.length);
    const responsibilityRows = activityIds.map((activityId, i) => ({
      activityId,
      label: i % 2 ? "Sekretariatet" : "Afdelingsbestyrelsen",
      duties: ["koordinerer", "følger op"],
      position: 1,
    }));
    await bulkInsert(tx, responsibilities, responsibilityRows);
    count("responsibilities", responsibilityRows.length);

    const criterionRows: (typeof successCriteria.$inferInsert)[] = [];
    activityIds.forEach((activityId, i) => {
      const agreementId = activityRows[i]!.agreementId;
      for (let j = 0; j < NATIONAL_SIZE.criteriaPerActivity; j++) {
        const baseline = 10 + ((i * 7 + j * 11) % 40);
        criterionRows.push({
          agreementId,
          activityId,
          text: `${["Andelen af deltagere, der kommer igen", "Andelen af beboere, der kender tilbuddet", "Andelen af unge i job eller uddannelse", "Andelen af beboere, der føler sig trygge"][j]} (${activityRows[i]!.name})`,
          dataSource: j % 2 ? "Kommunens statistik" : "Sekretariatets registrering",
          baselineValue: baseline,
          baselineUnit: "%",
          baselineYear: FIRST_YEAR - 1,
          targetValue: baseline + 20,
          targetUnit: "%",
          targetYear: LAST_YEAR,
          position: j + 1,
        });
      }
    });
    const criterionIds = await bulkInsert(tx, successCriteria, criterionRows, { returning: true });
    count("success_criteria", criterionIds.length);
    const agreementIndex = new Map(agreementIds.map((id, a) => [id, a]));
    const criteria: CriterionSeed[] = criterionIds.map((id, i) => ({
      id,
      agreementId: criterionRows[i]!.agreementId,
      planIndex: agreementPlan[agreementIndex.get(criterionRows[i]!.agreementId)!]!,
      baseline: criterionRows[i]!.baselineValue!,
      target: criterionRows[i]!.targetValue!,
    }));

    const sourceRows = agreementIds.flatMap((agreementId, a) => [
      { agreementId, kind: "lbf" as const, position: 1 },
      {
        agreementId,
        kind: "municipality" as const,
        name: `${townName(agreementPlan[a]! % municipalityIds.length)} Kommune`,
        position: 2,
      },
    ]);
    const sourceIds = await bulkInsert(tx, fundingSources, sourceRows, { returning: true });
    count("funding_sources", sourceIds.length);
    const budgetOf = (s: number) => (s % 2 === 0 ? 400_000 : 200_000) + (s % 7) * 10_000;
    const amountRows = sourceIds.flatMap((fundingSourceId, s) =>
      NATIONAL_YEARS.map((year) => ({ fundingSourceId, year, amount: budgetOf(s) })),
    );
    await bulkInsert(tx, budgetAmounts, amountRows);
    count("budget_amounts", amountRows.length);

    // --- measurements and spend per year -----------------------------------------------------
    type MeasurementInsert = typeof measurements.$inferInsert;
    const measurementRows: MeasurementInsert[] = [];
    for (const year of NATIONAL_YEARS) {
      const share = (year - FIRST_YEAR + 1) / NATIONAL_YEARS.length;
      criteria.forEach((c, i) => {
        const notMeasured = (i + year) % 17 === 0;
        const value = Math.round(c.baseline + (c.target - c.baseline) * share + ((i % 9) - 4));
        const status = notMeasured
          ? STATUSES[3]
          : value >= c.target
            ? STATUSES[0]
            : value >= c.baseline + (c.target - c.baseline) / 2
              ? STATUSES[1]
              : STATUSES[2];
        measurementRows.push({
          criterionId: c.id,
          year,
          valueNumber: notMeasured ? null : value,
          valueText: notMeasured ? "Ikke opgjort i år" : null,
          unit: notMeasured ? null : "%",
          status,
          comment: i % 11 === 0 ? "Lavere end ventet; en plan for at indhente det er lagt." : null,
          source: `Opgjort pr. 31. december ${year}`,
          updatedBy: membersOf.get(planIds[c.planIndex]!)!.reporter[0]!,
          createdAt: day(`${year + 1}-02-15`),
          updatedAt: day(`${year + 1}-02-15`),
        });
      });
    }
    mark("measurement rows built");
    await bulkInsert(tx, measurements, measurementRows);
    count("measurements", measurementRows.length);

    const spendRows: (typeof spending.$inferInsert)[] = [];
    for (const year of NATIONAL_YEARS) {
      sourceIds.forEach((fundingSourceId, s) => {
        const a = Math.floor(s / 2);
        spendRows.push({
          fundingSourceId,
          year,
          amount: Math.round((budgetOf(s) * (0.85 + ((s + year) % 5) * 0.03)) / 1000) * 1000,
          updatedBy: membersOf.get(planIds[agreementPlan[a]!]!)!.reporter[0]!,
          updatedAt: day(`${year + 1}-02-15`),
        });
      });
    }
    await bulkInsert(tx, spending, spendRows);
    count("spending", spendRows.length);

    // The planner's statistics still describe the empty tables; the reads below (the agreements'
    // records, the reports' inputs) would scan 160,000 measurements per plan. ANALYZE in the
    // transaction counts its own new rows.
    await tx.execute(
      sql`analyze users, plan_memberships, agreements, activities, success_criteria, funding_sources, budget_amounts, measurements, spending`,
    );
    mark("analyze");

    // The audit events of the figures: one grid save and one spend save per agreement and year.
    const measurementsByAgreementYear = new Map<string, MeasurementInsert[]>();
    measurementRows.forEach((m, i) => {
      const key = `${criteria[i % criteria.length]!.agreementId}:${m.year}`;
      const list = measurementsByAgreementYear.get(key) ?? [];
      list.push(m);
      measurementsByAgreementYear.set(key, list);
    });
    agreementIds.forEach((agreementId, a) => {
      const planId = planIds[agreementPlan[a]!]!;
      const reporter = membersOf.get(planId)!.reporter[0]!;
      for (const year of NATIONAL_YEARS) {
        const rows = measurementsByAgreementYear.get(`${agreementId}:${year}`) ?? [];
        auditRows.push(
          audit(
            day(`${year + 1}-02-15`),
            reporter,
            "measurements.update",
            "agreement",
            agreementId,
            planId,
            { year, rows: rows.map((r) => ({ criterionId: r.criterionId })) },
            {
              year,
              rows: rows.map((r) => ({
                criterionId: r.criterionId,
                valueNumber: r.valueNumber,
                valueText: r.valueText,
                unit: r.unit,
                status: r.status,
                overrideReason: null,
                comment: r.comment,
                source: r.source,
                logValue: null,
                valueOverrideReason: null,
              })),
            },
          ),
        );
        const spent = spendRows.slice(
          (year - FIRST_YEAR) * sourceIds.length + a * 2,
          (year - FIRST_YEAR) * sourceIds.length + a * 2 + 2,
        );
        auditRows.push(
          audit(
            day(`${year + 1}-02-15`),
            reporter,
            "expenditure.update",
            "agreement",
            agreementId,
            planId,
            { year, rows: [] },
            {
              year,
              rows: spent.map((r) => ({
                fundingSourceId: r.fundingSourceId,
                amount: r.amount,
                note: null,
              })),
            },
          ),
        );
      }
    });

    // --- revisions and versions: one approved version a year ----------------------------------
    const records = new Map<number, AgreementRecord>();
    for (let i = 0; i < agreementIds.length; i += 200) {
      for (const r of await loadAgreementRecords(tx, agreementIds.slice(i, i + 200))) {
        records.set(r.id, r);
      }
    }
    mark("figures' audit events and agreement records");
    const targetPlanId = planIds[0]!;
    const targetAgreementId = agreementIds[0]!;
    const reviewAgreementId = agreementIds[1]!;

    /** The agreement as it stood in `year`: targets and texts moved a little each revision. */
    const recordIn = (record: AgreementRecord, year: number): AgreementRecord => {
      const behind = LAST_YEAR - year;
      if (behind === 0) return record;
      return {
        ...record,
        purposes: [...record.purposes.slice(0, 1), `${record.purposes[1]} (revideret ${year})`],
        successCriteria: record.successCriteria.map((c, i) =>
          i % 3 === 0 && c.targetValue != null ? { ...c, targetValue: c.targetValue - behind } : c,
        ),
        activities: record.activities.map((act, i) =>
          i === behind % record.activities.length
            ? { ...act, name: `${act.name} (forsøg ${year})` }
            : act,
        ),
      };
    };

    const revisionRows: (typeof revisions.$inferInsert)[] = [];
    for (const agreementId of agreementIds) {
      const planId = planIds[agreementPlan[agreementIndex.get(agreementId)!]!]!;
      const secretariat = membersOf.get(planId)!.secretariat.at(-1)!;
      for (const year of NATIONAL_YEARS) {
        revisionRows.push({
          agreementId,
          year,
          status: "approved",
          recommendation: "Arbejdsgruppen indstiller, at bestyrelsen godkender revisionen.",
          summary: yearlySummary(year),
          startedBy: secretariat,
          createdAt: day(`${year - 1}-09-01`),
          updatedAt: day(`${year - 1}-11-20`),
        });
      }
    }
    revisionRows.push({
      agreementId: reviewAgreementId,
      year: LAST_YEAR + 1,
      status: "submitted",
      recommendation: "Arbejdsgruppen indstiller, at bestyrelsen godkender revisionen.",
      summary: `Revision ${LAST_YEAR + 1}: indsatsen forankres, og målene for det sidste år er skærpet.`,
      startedBy: membersOf.get(targetPlanId)!.secretariat.at(-1)!,
      createdAt: day(`${LAST_YEAR}-09-01`),
      updatedAt: day(`${LAST_YEAR}-10-15`),
    });
    const revisionIds = await bulkInsert(tx, revisions, revisionRows, { returning: true });
    count("revisions", revisionIds.length);
    const revisionOf = new Map(
      revisionRows.map((r, i) => [`${r.agreementId}:${r.year}`, revisionIds[i]!]),
    );

    const versionAudit = (
      agreementId: number,
      planId: number,
      number: number,
      year: number,
      versionId: number,
      secretariat: number,
      board: number | null,
    ) => {
      const summary = year > LAST_YEAR ? revisionRows.at(-1)!.summary : yearlySummary(year);
      auditRows.push(
        audit(day(`${year - 1}-09-01`), secretariat, "revision.start", "agreement", agreementId, planId, null, {
          id: revisionOf.get(`${agreementId}:${year}`),
          agreementId,
          year,
          status: "open",
        }), // prettier-ignore
        audit(day(`${year - 1}-10-15`), secretariat, "revision.submit", "agreement", agreementId, planId, null, {
          versionId,
          number,
          summary,
          recommendation: revisionRows[0]!.recommendation,
        }), // prettier-ignore
      );
      if (board !== null) {
        auditRows.push(
          audit(
            day(`${year - 1}-11-20`),
            board,
            "revision.approve",
            "agreement",
            agreementId,
            planId,
            { versionId, number, status: "proposed" },
            { status: "approved", meetingDate: `${year - 1}-11-20`, note: null },
          ),
        );
      }
    };

    let versionCount = 0;
    for (let n = 1; n <= NATIONAL_YEARS.length; n++) {
      const year = NATIONAL_YEARS[n - 1]!;
      const rows = agreementIds.map((agreementId) => {
        const record = recordIn(records.get(agreementId)!, year);
        const planId = record.planId;
        return {
          agreementId,
          revisionId: revisionOf.get(`${agreementId}:${year}`)!,
          number: n,
          snapshot: { ...buildAgreementView(record), statusLabel: `Forslag til version ${n}` },
          recommendation: "Arbejdsgruppen indstiller, at bestyrelsen godkender revisionen.",
          summary: yearlySummary(year),
          submittedBy: membersOf.get(planId)!.secretariat.at(-1)!,
          submittedAt: day(`${year - 1}-10-15`),
        };
      });
      mark(`version ${n}: snapshots built`);
      const ids = await bulkInsert(tx, agreementVersions, rows, { chunk: 100, returning: true });
      mark(`version ${n}: inserted`);
      // The board's decision, as decideRevision makes it: the current version superseded, the
      // proposal approved by a board member of the plan with the meeting's date.
      await tx
        .update(agreementVersions)
        .set({ status: "superseded" })
        .where(
          and(
            inArray(agreementVersions.agreementId, agreementIds),
            eq(agreementVersions.status, "approved"),
          ),
        );
      await tx
        .update(agreementVersions)
        .set({
          status: "approved",
          decidedBy: sql`(select min(m.user_id) from ${planMemberships} m join ${agreements} a on a.plan_id = m.plan_id where a.id = ${agreementVersions.agreementId} and m.role = 'board')`,
          decidedAt: day(`${year - 1}-11-20`),
          meetingDate: `${year - 1}-11-20`,
        })
        .where(
          and(
            inArray(agreementVersions.agreementId, agreementIds),
            eq(agreementVersions.number, n),
            eq(agreementVersions.status, "proposed"),
          ),
        );
      mark(`version ${n}: approved`);
      rows.forEach((r, i) => {
        const planId = records.get(r.agreementId)!.planId;
        versionAudit(
          r.agreementId,
          planId,
          n,
          year,
          ids[i]!,
          r.submittedBy,
          membersOf.get(planId)!.board[0]!,
        );
      });
      versionCount += rows.length;
    }
    // The review agreement's proposal for the next year, awaiting the board.
    {
      const record = records.get(reviewAgreementId)!;
      const next = NATIONAL_YEARS.length + 1;
      const changed: AgreementRecord = {
        ...record,
        purposes: [...record.purposes, "at aktiviteterne lever videre efter helhedsplanen"],
        successCriteria: record.successCriteria.map((c, i) =>
          i % 2 === 0 && c.targetValue != null ? { ...c, targetValue: c.targetValue + 5 } : c,
        ),
      };
      const secretariat = membersOf.get(targetPlanId)!.secretariat.at(-1)!;
      const [proposal] = await tx
        .insert(agreementVersions)
        .values({
          agreementId: reviewAgreementId,
          revisionId: revisionOf.get(`${reviewAgreementId}:${LAST_YEAR + 1}`)!,
          number: next,
          snapshot: { ...buildAgreementView(changed), statusLabel: `Forslag til version ${next}` },
          recommendation: revisionRows.at(-1)!.recommendation,
          summary: revisionRows.at(-1)!.summary,
          submittedBy: secretariat,
          submittedAt: day(`${LAST_YEAR}-10-15`),
        })
        .returning({ id: agreementVersions.id });
      versionAudit(
        reviewAgreementId,
        targetPlanId,
        next,
        LAST_YEAR + 1,
        proposal!.id,
        secretariat,
        null,
      );
      versionCount++;
    }
    count("agreement_versions", versionCount);

    // --- progress reports: a final report per plan and year ----------------------------------
    const measurementOf = new Map<string, MeasurementInsert>();
    for (const m of measurementRows) measurementOf.set(`${m.criterionId}:${m.year}`, m);
    const spentOf = new Map<string, number>();
    for (const s of spendRows) spentOf.set(`${s.fundingSourceId}:${s.year}`, s.amount);

    const reportRows: (typeof progressReports.$inferInsert)[] = [];
    const reportUpdateEvents: AuditRow[] = [];
    for (const planId of planIds) {
      const loaded = await loadProgressReportInput(tx, planId, FIRST_YEAR);
      if (!loaded) throw new Error(`plan ${planId} vanished`);
      const reporter = membersOf.get(planId)!.reporter[0]!;
      const reporterName = userRows[userIds.indexOf(reporter)]!.name;
      for (const year of NATIONAL_YEARS) {
        const finalisedAt = day(`${year + 1}-05-20`);
        const activityNotes: Record<string, string> = {};
        loaded.input.activities.forEach((a, i) => {
          if (i % 2 === 0) activityNotes[String(a.id)] = `${a.name} kørte efter planen i ${year}.`;
        });
        const narrative = {
          summary: rich(
            `${year} var helhedsplanens ${year - FIRST_YEAR + 1}. år. De fleste succeskriterier er på vej mod målet.\n\n- flere deltagere end året før\n- stærkere samarbejde med kommunen`,
          ),
          whatWorked: rich("Samarbejdet med skolen og jobcentret."),
          nextYear: rich(`I ${year + 1} arbejder vi videre med forankringen.`),
          activityNotes,
        };
        const input: ProgressReportInput = {
          ...loaded.input,
          year,
          report: {
            status: "final",
            ...narrative,
            finalisedAt: finalisedAt.toISOString(),
            finalisedBy: reporterName,
            reopenedAt: null,
            reopenedBy: null,
            reopenReason: null,
          },
          measurements: loaded.input.criteria.flatMap((c) => {
            const m = measurementOf.get(`${c.id}:${year}`);
            return m
              ? [
                  {
                    criterionId: c.id,
                    valueNumber: m.valueNumber ?? null,
                    valueText: m.valueText ?? null,
                    unit: m.unit ?? null,
                    status: m.status!,
                    overrideReason: null,
                    comment: m.comment ?? null,
                    source: m.source ?? null,
                    logValue: null,
                    valueOverrideReason: null,
                  },
                ]
              : [];
          }),
          spent: loaded.input.fundingSources.map((s) => ({
            sourceId: s.id,
            amount: spentOf.get(`${s.id}:${year}`) ?? 0,
          })),
          logCounts: [],
          milestones: [],
        };
        reportRows.push({
          planId,
          year,
          status: "draft",
          ...narrative,
          // Written with the draft; the finalising update below makes it the final snapshot.
          snapshot: buildProgressReportView(input),
          version: 1,
          createdAt: day(`${year + 1}-04-01`),
          updatedAt: finalisedAt,
        });
        reportUpdateEvents.push(
          audit(day(`${year + 1}-04-01`), reporter, "progress_report.update", "progress_report", 0, planId, null, {
            year,
            ...narrative,
          }), // prettier-ignore
        );
      }
    }
    mark("report inputs loaded and views built");
    const reportIds = await bulkInsert(tx, progressReports, reportRows, {
      chunk: 100,
      returning: true,
    });
    mark("reports inserted");
    // Finalising, as finaliseProgressReport does: the status, who and when (per year).
    for (const year of NATIONAL_YEARS) {
      await tx.execute(sql`
        update ${progressReports} r
           set status = 'final', version = 2,
               finalised_at = ${day(`${year + 1}-05-20`).toISOString()}::timestamptz,
               finalised_by = (select m.user_id from ${planMemberships} m
                                where m.plan_id = r.plan_id and m.role = 'reporter'
                                order by m.user_id limit 1)
         where r.year = ${year} and r.status = 'draft'
           and r.plan_id in (select p.id from ${plans} p where p.id >= ${planIds[0]!} and p.id <= ${planIds.at(-1)!})`);
    }
    count("progress_reports", reportIds.length);
    reportRows.forEach((r, i) => {
      const view = r.snapshot as ReturnType<typeof buildProgressReportView>;
      // The report's id is known now: its first save, then its finalising.
      auditRows.push({ ...reportUpdateEvents[i]!, entityId: String(reportIds[i]) });
      auditRows.push(
        audit(
          day(`${r.year! + 1}-05-20`),
          membersOf.get(r.planId)!.reporter[0]!,
          "progress_report.finalise",
          "progress_report",
          reportIds[i]!,
          r.planId,
          { year: r.year, status: "draft" },
          { year: r.year, status: "final", counts: view.counts, spending: view.spending },
        ),
      );
    });

    // --- dispositionsfonde -------------------------------------------------------------------
    const fundRows = housingIds.map((organisationId, o) => ({
      organisationId,
      name: `Dispositionsfonden i ${housingNames[o]}`,
      guidelines: rich(
        "Fonden støtter aktiviteter, der styrker fællesskabet i afdelingerne. Ansøgningen skal beskrive formål, målgruppe og budget.",
      ),
      maxYears: 4,
      minOwnSharePercent: 10,
      createdAt: day("2018-01-05"),
    }));
    const fundIds = await bulkInsert(tx, dispositionFunds, fundRows, { returning: true });
    count("disposition_funds", fundIds.length);
    const frameRows = fundIds.flatMap((fundId) =>
      [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((year) => ({
        fundId,
        year,
        amount: 1_500_000,
      })),
    );
    await bulkInsert(tx, fundFrames, frameRows);
    count("fund_frames", frameRows.length);

    const applicationRows: (typeof fundApplications.$inferInsert)[] = [];
    const applicationMeta: { o: number; estateId: number; applicant: number; kind: number }[] = [];
    for (let i = 0; i < applicationCount; i++) {
      const o = i % fundIds.length;
      const estates = [...applicantsOf[o]!.keys()];
      const estateId = estates[Math.floor(i / fundIds.length) % estates.length]!;
      const applicant = applicantsOf[o]!.get(estateId)!;
      const startYear = 2019 + (i % 7);
      const submittedAt = day(`${startYear - 1}-09-${pad(1 + (i % 28), 2)}`);
      applicationRows.push({
        fundId: fundIds[o]!,
        estateId,
        title: `${ACTIVITY_NAMES[i % ACTIVITY_NAMES.length]} i afdelingen ${startYear}`,
        description: rich(
          "Vi vil samle beboerne om en fast aktivitet hver uge, med frivillige fra afdelingen.",
        ),
        purpose: rich("At flere beboere lærer hinanden at kende og tager del i fællesskabet."),
        need: i % 5 === 0 ? "acute" : "preventive",
        notOrdinaryActivity: true,
        startYear,
        endYear: startYear + 1,
        tenancies: estateRows[estateIds.indexOf(estateId)]!.tenancies,
        status: "submitted",
        submittedAt,
        submittedBy: applicant,
        createdBy: applicant,
        createdAt: submittedAt,
        updatedAt: submittedAt,
      });
      // 6 of 8 approved, 1 rejected, 1 still awaiting the decision.
      applicationMeta.push({ o, estateId, applicant, kind: i % 8 });
    }
    const applicationIds = await bulkInsert(tx, fundApplications, applicationRows, {
      returning: true,
    });
    count("fund_applications", applicationIds.length);
    const appYearRows = applicationIds.flatMap((applicationId, i) =>
      [0, 1].map((k) => ({
        applicationId,
        year: applicationRows[i]!.startYear + k,
        requestedAmount: 40_000 + (i % 10) * 5_000,
        ownContribution: 8_000 + (i % 4) * 1_000,
      })),
    );
    await bulkInsert(tx, fundApplicationYears, appYearRows);
    count("fund_application_years", appYearRows.length);
    const fundingRows = applicationIds.flatMap((applicationId, i) => {
      if (i % 2) return [];
      const o = applicationMeta[i]!.o;
      const planIndex = planIds.findIndex((_, p) => p % housingIds.length === o);
      return [
        planIndex >= 0
          ? {
              applicationId,
              kind: "lbf_plan" as const,
              planId: planIds[planIndex]!,
              amount: 25_000,
              position: 0,
            }
          : {
              applicationId,
              kind: "external" as const,
              name: "Lokal fond",
              amount: 25_000,
              position: 0,
            },
      ];
    });
    await bulkInsert(tx, fundApplicationFunding, fundingRows);
    count("fund_application_funding", fundingRows.length);
    applicationIds.forEach((id, i) => {
      const a = applicationRows[i]!;
      auditRows.push(
        audit(a.submittedAt!, applicationMeta[i]!.applicant, "fund_application.create", "fund_application", id, null, null, {
          fundId: a.fundId,
          status: "draft",
          title: a.title,
          estateId: a.estateId,
          startYear: a.startYear,
          endYear: a.endYear,
          years: appYearRows.slice(i * 2, i * 2 + 2),
        }), // prettier-ignore
      );
    });

    // The organisation board's decisions (one update per outcome and fund administrator).
    const decided = (kind: number) => (kind < 6 ? "approved" : kind === 6 ? "rejected" : null);
    for (const outcome of ["approved", "rejected"] as const) {
      for (let o = 0; o < fundIds.length; o++) {
        const ids = applicationIds.filter(
          (_, i) => applicationMeta[i]!.o === o && decided(applicationMeta[i]!.kind) === outcome,
        );
        if (!ids.length) continue;
        await tx
          .update(fundApplications)
          .set({
            status: outcome,
            assessment: "Ansøgningen lever op til fondens retningslinjer.",
            recommendation: outcome === "approved" ? "approve" : "reject",
            assessedBy: fundAdminsOf[o]![0]!,
            assessedAt: sql`${fundApplications.submittedAt} + interval '30 days'`,
            decisionDate: sql`(${fundApplications.submittedAt} + interval '45 days')::date`,
            decidedBy: fundAdminsOf[o]![1]!,
            decidedAt: sql`${fundApplications.submittedAt} + interval '45 days'`,
            version: 3,
          })
          .where(inArray(fundApplications.id, ids));
      }
    }
    const approvedIdx = applicationIds
      .map((_, i) => i)
      .filter((i) => decided(applicationMeta[i]!.kind) === "approved");
    const grantIds = await bulkInsert(
      tx,
      fundGrants,
      approvedIdx.map((i) => ({
        applicationId: applicationIds[i]!,
        fundId: applicationRows[i]!.fundId,
        estateId: applicationRows[i]!.estateId,
      })),
      { returning: true },
    );
    count("fund_grants", grantIds.length);
    const grantYearRows = grantIds.flatMap((grantId, g) =>
      appYearRows
        .slice(approvedIdx[g]! * 2, approvedIdx[g]! * 2 + 2)
        .map((y) => ({ grantId, year: y.year, amount: y.requestedAmount })),
    );
    await bulkInsert(tx, fundGrantYears, grantYearRows);
    count("fund_grant_years", grantYearRows.length);
    const fundReportRows = grantYearRows
      .filter((y) => y.year <= LAST_YEAR)
      .map((y, k) => ({
        grantId: y.grantId,
        year: y.year,
        spent: Math.round((y.amount * (0.8 + (k % 5) * 0.05)) / 100) * 100,
        activities: rich("Aktiviteten er gennemført som beskrevet i ansøgningen."),
        status: "submitted" as const,
        submittedAt: day(`${y.year + 1}-03-01`),
        createdAt: day(`${y.year + 1}-02-20`),
        updatedAt: day(`${y.year + 1}-03-01`),
      }));
    const fundReportIds = await bulkInsert(tx, fundReports, fundReportRows, { returning: true });
    count("fund_reports", fundReportIds.length);
    applicationIds.forEach((id, i) => {
      const outcome = decided(applicationMeta[i]!.kind);
      if (!outcome) return;
      const g = approvedIdx.indexOf(i);
      const a = applicationRows[i]!;
      const decidedAt = new Date(a.submittedAt!.getTime() + 45 * 86_400_000);
      auditRows.push(
        audit(decidedAt, fundAdminsOf[applicationMeta[i]!.o]![1]!, "fund_application.decide", "fund_application", id, null, {
          status: "submitted",
          version: 2,
        }, {
          status: outcome,
          version: 3,
          decisionDate: decidedAt.toISOString().slice(0, 10),
          conditions: null,
          grant: g >= 0 ? { id: grantIds[g], years: grantYearRows.filter((y) => y.grantId === grantIds[g]).map((y) => ({ year: y.year, amount: y.amount })) } : null,
        }), // prettier-ignore
      );
    });
    const applicantOfGrant = new Map(
      grantIds.map((grantId, g) => [grantId, applicationMeta[approvedIdx[g]!]!.applicant]),
    );
    fundReportRows.forEach((r, k) => {
      auditRows.push(
        audit(r.submittedAt, applicantOfGrant.get(r.grantId)!, "fund_report.submit", "fund_report", fundReportIds[k]!, null, null, {
          grantId: r.grantId,
          year: r.year,
          spent: r.spent,
          status: "submitted",
        }), // prettier-ignore
      );
    });

    // --- the audit trail ---------------------------------------------------------------------
    await bulkInsert(tx, auditEvents, auditRows);
    count("audit_events", auditRows.length);

    const fundIndex = 0;
    const applicationIndex = applicationIds.findIndex(
      (_, i) => applicationMeta[i]!.o === fundIndex && applicationMeta[i]!.kind === 0,
    );
    return {
      memberOf20Email,
      planId: targetPlanId,
      agreementId: targetAgreementId,
      versionA: 9,
      versionB: 10,
      reviewAgreementId,
      reportYear: LAST_YEAR,
      fundId: fundIds[fundIndex]!,
      applicationId: applicationIds[applicationIndex]!,
      counts,
    };
  });
}
