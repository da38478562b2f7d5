/**
 * Small worlds for tests, one call each (in the spirit of the Epic Stack's tests/db-utils.ts): a
 * user, a plan with members by role, an agreement with N activities and M criteria, a
 * dispositionsfond with its administrator and an applicant, and an application in any state up to
 * a grant. Rows that need no checks go straight into the schema; users, memberships and fund
 * applications go through the model functions, which validate and write the audit trail as the
 * app does. Every name is unique per call, so factories can be called any number of times on the
 * same database, and a test that uses them depends on nothing another test did.
 */
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  activities,
  agreements,
  focusAreas,
  fundingRounds,
  goals as goalRows,
  organisations,
  planOrganisations,
  plans,
  successCriteria,
} from "../../db/schema";
import type { ApplicationValues, FundSettingsValues } from "~/domain/disposition-fund";
import { parseRichText } from "~/domain/rich-text";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import type { PlanRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { saveFundSettings } from "~/models/disposition-funds.server";
import {
  assessApplication,
  createApplication as createApplicationModel,
  decideApplication,
  submitApplication,
} from "~/models/fund-applications.server";
import {
  addOrganisationMembership,
  createUser as createUserModel,
  setPlanMembership,
} from "~/models/users.server";

let serial = 0;
/** A short suffix no other factory call in this process has. */
function unique(): string {
  serial += 1;
  return `${process.pid.toString(36)}${serial}${randomBytes(2).toString("hex")}`;
}

// --- users ----------------------------------------------------------------------------------------

/** A user (through the model: hashed password, audit event), as the session sees them. */
export async function createUser(
  db: Db,
  { name, email, isAdmin = false }: { name?: string; email?: string; isAdmin?: boolean } = {},
): Promise<SessionUser & { password: string }> {
  const suffix = unique();
  const password = `Fabrik-${randomBytes(9).toString("base64url")}`;
  const created = await createUserModel(db, null, {
    name: name ?? `Testbruger ${suffix}`,
    email: email ?? `bruger-${suffix}@test.example`,
    password,
    isAdmin,
  });
  return {
    id: created.id,
    email: created.email,
    name: created.name,
    isAdmin: created.isAdmin,
    password,
  };
}

// --- organisations --------------------------------------------------------------------------------

export async function createOrganisation(
  db: Db,
  values: Partial<typeof organisations.$inferInsert> = {},
): Promise<{ id: number; name: string }> {
  const [row] = await db
    .insert(organisations)
    .values({ kind: "housing_organisation", name: `Boligorganisation ${unique()}`, ...values })
    .returning({ id: organisations.id, name: organisations.name });
  return row!;
}

// --- plans and agreements -------------------------------------------------------------------------

export interface CreatedPlan {
  id: number;
  name: string;
  fundingRoundId: number;
  periodStart: string;
  periodEnd: string;
  /** The users who got a role, by role (one new user per role asked for with `true`). */
  members: Partial<Record<PlanRole, SessionUser[]>>;
}

/**
 * A plan in a funding round (default 2019-26) with members by role: pass users, or `true` for a
 * new user in that role (`{ secretariat: true, board: true }`).
 */
export async function createPlan(
  db: Db,
  {
    name,
    roundCode = "2019-26",
    periodStart = "2025-01-01",
    periodEnd = "2028-12-31",
    status = "active",
    members = {},
    estates = [],
  }: {
    name?: string;
    roundCode?: string;
    periodStart?: string;
    periodEnd?: string;
    status?: "draft" | "active" | "closed";
    members?: Partial<Record<PlanRole, SessionUser | SessionUser[] | true>>;
    /** Organisations (housing organisations, estates) taking part. */
    estates?: number[];
  } = {},
): Promise<CreatedPlan> {
  const round = await db.query.fundingRounds.findFirst({
    where: eq(fundingRounds.code, roundCode),
  });
  if (!round) throw new Error(`createPlan: no funding round ${roundCode} (migrated?)`);
  const [plan] = await db
    .insert(plans)
    .values({
      name: name ?? `Helhedsplan ${unique()}`,
      fundingRoundId: round.id,
      periodStart,
      periodEnd,
      status,
    })
    .returning({ id: plans.id, name: plans.name });
  if (estates.length > 0) {
    await db
      .insert(planOrganisations)
      .values(estates.map((organisationId) => ({ planId: plan!.id, organisationId })));
  }
  const byRole: CreatedPlan["members"] = {};
  for (const [role, given] of Object.entries(members) as [
    PlanRole,
    SessionUser | SessionUser[] | true,
  ][]) {
    const users = given === true ? [await createUser(db)] : [given].flat();
    for (const user of users) {
      await setPlanMembership(db, null, user.id, { planId: plan!.id, role });
    }
    byRole[role] = users;
  }
  return {
    id: plan!.id,
    name: plan!.name,
    fundingRoundId: round.id,
    periodStart,
    periodEnd,
    members: byRole,
  };
}

export interface CreatedAgreement {
  id: number;
  planId: number;
  focusArea: string;
  /** The agreement's own criteria, in order. */
  criterionIds: number[];
  activities: { id: number; name: string; criterionIds: number[] }[];
}

/**
 * An agreement of a plan with `activities` activities and `criteria` criteria of its own (each
 * activity with `criteriaPerActivity`), every criterion with a data source, baseline and target,
 * so by default it satisfies R4. The focus area is the round's first one not used in the plan,
 * unless named. Valid for the plan's whole period.
 */
export async function createAgreement(
  db: Db,
  plan: Pick<CreatedPlan, "id" | "fundingRoundId" | "periodStart" | "periodEnd">,
  {
    focusArea,
    activities: activityCount = 1,
    criteria: criterionCount = 1,
    criteriaPerActivity = 1,
    purposes = ["at styrke fællesskabet"],
    goals = ["at flere beboere deltager"],
  }: {
    focusArea?: string;
    activities?: number;
    criteria?: number;
    criteriaPerActivity?: number;
    purposes?: string[];
    goals?: string[];
  } = {},
): Promise<CreatedAgreement> {
  return db.transaction(async (tx) => {
    const areas = await tx
      .select({ id: focusAreas.id, name: focusAreas.name })
      .from(focusAreas)
      .where(eq(focusAreas.fundingRoundId, plan.fundingRoundId))
      .orderBy(asc(focusAreas.position));
    const used = new Set(
      (
        await tx
          .select({ focusAreaId: agreements.focusAreaId })
          .from(agreements)
          .where(eq(agreements.planId, plan.id))
      ).map((r) => r.focusAreaId),
    );
    const area = focusArea
      ? areas.find((a) => a.name === focusArea)
      : areas.find((a) => !used.has(a.id));
    if (!area) throw new Error(`createAgreement: no free focus area ${focusArea ?? ""}`);
    const [agreement] = await tx
      .insert(agreements)
      .values({
        planId: plan.id,
        focusAreaId: area.id,
        openingText: OPENING_CLAUSE_DEFAULTS["2018"],
        validFrom: plan.periodStart,
        validTo: plan.periodEnd,
        purposes,
      })
      .returning({ id: agreements.id });
    const agreementId = agreement!.id;
    if (goals.length) {
      await tx
        .insert(goalRows)
        .values(goals.map((text, position) => ({ agreementId, text, position })));
    }
    const addCriteria = async (count: number, activityId: number | null, label: string) => {
      if (count === 0) return [];
      const rows = await tx
        .insert(successCriteria)
        .values(
          Array.from({ length: count }, (_, i) => ({
            agreementId,
            activityId,
            text: `${label}: succeskriterium ${i + 1}`,
            dataSource: "Sekretariatets optælling",
            baselineValue: 10,
            baselineUnit: "%",
            baselineYear: 2024,
            targetValue: 50,
            targetUnit: "%",
            targetYear: 2028,
            position: i,
          })),
        )
        .returning({ id: successCriteria.id });
      return rows.map((r) => r.id);
    };
    const criterionIds = await addCriteria(criterionCount, null, area.name);
    const created: CreatedAgreement["activities"] = [];
    for (let i = 0; i < activityCount; i++) {
      const name = `Aktivitet ${i + 1}`;
      const [activity] = await tx
        .insert(activities)
        .values({ agreementId, name, position: i, purposes: [], targetGroups: [] })
        .returning({ id: activities.id });
      created.push({
        id: activity!.id,
        name,
        criterionIds: await addCriteria(criteriaPerActivity, activity!.id, name),
      });
    }
    return {
      id: agreementId,
      planId: plan.id,
      focusArea: area.name,
      criterionIds,
      activities: created,
    };
  });
}

// --- dispositionsfond -----------------------------------------------------------------------------

export interface CreatedFund {
  fundId: number;
  organisationId: number;
  estateId: number;
  estateTenancies: number;
  fundAdmin: SessionUser;
  applicant: SessionUser;
}

/**
 * A housing organisation (new unless given) with an estate, a fund administrator, an applicant for
 * the estate and its dispositionsfond with frames (through the model, as the settings page saves).
 */
export async function createFund(
  db: Db,
  {
    organisationId,
    frames = [
      { year: 2026, amount: 1_000_000 },
      { year: 2027, amount: 1_000_000 },
    ],
    settings = {},
  }: {
    organisationId?: number;
    frames?: { year: number; amount: number }[];
    settings?: Partial<FundSettingsValues>;
  } = {},
): Promise<CreatedFund> {
  const organisation = organisationId ?? (await createOrganisation(db)).id;
  const tenancies = 200;
  const estate = await createOrganisation(db, {
    kind: "estate",
    name: `Afd. ${unique()}`,
    parentId: organisation,
    tenancies,
  });
  const fundAdmin = await createUser(db);
  await addOrganisationMembership(db, null, fundAdmin.id, {
    organisationId: organisation,
    role: "fund_admin",
    estateId: null,
  });
  const applicant = await createUser(db);
  await addOrganisationMembership(db, null, applicant.id, {
    organisationId: organisation,
    role: "applicant",
    estateId: estate.id,
  });
  const { fundId } = await saveFundSettings(db, fundAdmin, organisation, 0, {
    name: `Dispositionsfond ${unique()}`,
    guidelines: parseRichText("Fonden støtter ekstraordinære boligsociale indsatser."),
    maxYears: 4,
    minOwnSharePercent: 10,
    maxAmountPerTenancy: null,
    prioritiseLbfCofinancing: true,
    prioritiseAcute: true,
    reportDueMonthDay: "03-31",
    frames,
    ...settings,
  });
  return {
    fundId,
    organisationId: organisation,
    estateId: estate.id,
    estateTenancies: tenancies,
    fundAdmin,
    applicant,
  };
}

export type ApplicationState = "draft" | "submitted" | "assessed" | "approved";

export interface CreatedApplication {
  id: number;
  version: number;
  /** Set when the application was approved. */
  grantId: number | null;
}

/**
 * An application to a fund by an applicant for `estateId`, taken through the model to `state`
 * (approved: assessed, then approved as requested on 2026-01-15, which makes the grant). `values`
 * overrides the defaults: one year (2026) of 100.000 kr. with 20.000 kr. own contribution.
 */
export async function createApplication(
  db: Db,
  {
    fundId,
    applicant,
    estateId,
    fundAdmin,
  }: { fundId: number; applicant: SessionUser; estateId: number; fundAdmin?: SessionUser },
  {
    state = "submitted",
    values = {},
  }: { state?: ApplicationState; values?: Partial<ApplicationValues> } = {},
): Promise<CreatedApplication> {
  const startYear = values.startYear ?? 2026;
  const all: ApplicationValues = {
    estateId,
    title: `Ansøgning ${unique()}`,
    description: parseRichText("En ekstraordinær indsats i afdelingen."),
    purpose: parseRichText("- Flere beboere mødes"),
    need: "preventive",
    notOrdinaryActivity: true,
    startYear,
    endYear: startYear,
    tenancies: 200,
    years: [{ year: startYear, requestedAmount: 100_000, ownContribution: 20_000 }],
    funding: [],
    ...values,
  };
  const created = await createApplicationModel(db, applicant, fundId, all);
  let version = created.version;
  const scope = { fundId, applicationId: created.id };
  let grantId: number | null = null;
  if (state !== "draft") version = await submitApplication(db, applicant, scope, version);
  if (state === "assessed" || state === "approved") {
    if (!fundAdmin) throw new Error("createApplication: an assessed application needs fundAdmin");
    version = await assessApplication(db, fundAdmin, scope, version, {
      assessment: "Indsatsen lever op til fondens retningslinjer.",
      recommendation: "approve",
    });
  }
  if (state === "approved") {
    const decided = await decideApplication(db, fundAdmin!, scope, version, {
      decision: "approved",
      decisionDate: "2026-01-15",
      conditions: null,
      amounts: [],
    });
    grantId = decided.grant?.id ?? null;
    version = decided.version;
  }
  return { id: created.id, version, grantId };
}
