/**
 * Loading stored agreements as records, unscoped: the callers (models) check access first.
 * Never import this from a route or a component (lint forbids it).
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agreements, focusAreas, fundingRounds, plans } from "../../../db/schema";
import { type AgreementRecord } from "~/domain/agreement-view";
import { preparedPerDb } from "./prepared.server";

// --- reading ---------------------------------------------------------------------------------

/**
 * An agreement's rows of one kind as a JSON array, built by a correlated subquery on the outer
 * `agreements` row (each on its table's agreement index), with its elements in document order.
 * JSON keeps these values exactly as drizzle reads them: integers, text, enums, dates (as
 * "YYYY-MM-DD"), jsonb, numeric and bigint (as numbers); no timestamp is read this way.
 */
const jsonList = <T>(query: string) =>
  sql<T[]>`coalesce((${sql.raw(query)}), '[]'::json)`.mapWith((value: unknown): T[] =>
    typeof value === "string" ? (JSON.parse(value) as T[]) : (value as T[]),
  );

/** `{ id, name }` of the organisation with this id (by its primary key), or null. */
const organisationOf = (idColumn: string) =>
  `(select json_build_object('id', o.id, 'name', o.name) from organisations o where o.id = ${idColumn})`;
/** `{ id, name, title }` of the person with this id, or null. */
const personOf = (idColumn: string) =>
  `(select json_build_object('id', n.id, 'name', n.name, 'title', n.title) from people n where n.id = ${idColumn})`;

const partiesJson = jsonList<AgreementRecord["parties"][number]>(`
  select json_agg(json_build_object('id', p.id, 'tier', p.tier, 'groupHeading', p.group_heading,
      'label', p.label, 'position', p.position, 'organisation', ${organisationOf("p.organisation_id")},
      'contactPerson', ${personOf("p.contact_person_id")}) order by p.position, p.id)
  from agreement_parties p
  where p.agreement_id = "agreements"."id"`);

const workingGroupsJson = jsonList<AgreementRecord["workingGroups"][number]>(`
  select json_agg(json_build_object('id', g.id, 'name', g.name, 'position', g.position,
      'members', coalesce((
        select json_agg(json_build_object('id', m.id, 'count', m.count,
            'description', m.description, 'names', m.names, 'position', m.position,
            'person', ${personOf("m.person_id")}, 'organisation', ${organisationOf("m.organisation_id")})
          order by m.position, m.id)
        from working_group_members m
        where m.working_group_id = g.id), '[]'::json))
    order by g.position, g.id)
  from working_groups g
  where g.agreement_id = "agreements"."id"`);

/**
 * A criterion as a positional array (the columns of CriterionRow, in order): building an object
 * with sixteen keys for each of a hundred criteria was a fair share of the agreement page's
 * PostgreSQL time. toCriterionRecord names the values.
 */
type CriterionRow = [
  id: number,
  activityId: number | null,
  goalId: number | null,
  text: string,
  dataSource: string,
  baselineValue: number | null,
  baselineUnit: string | null,
  baselineYear: number | null,
  baselineText: string | null,
  targetValue: number | null,
  targetUnit: string | null,
  targetYear: number | null,
  targetText: string | null,
  position: number,
];

const criteriaJson = jsonList<CriterionRow>(`
  select json_agg(json_build_array(s.id, s.activity_id, s.goal_id, s.text, s.data_source,
      s.baseline_value::float8, s.baseline_unit, s.baseline_year, s.baseline_text,
      s.target_value::float8, s.target_unit, s.target_year, s.target_text, s.position)
    order by s.position, s.id)
  from success_criteria s
  where s.agreement_id = "agreements"."id" and s.retired_at is null`);

/** Every column of success_criteria, as drizzle's select() reads them (retiredAt is null here). */
function toCriterionRecord(agreementId: number, row: CriterionRow) {
  return {
    id: row[0],
    agreementId,
    activityId: row[1],
    goalId: row[2],
    text: row[3],
    dataSource: row[4],
    baselineValue: row[5],
    baselineUnit: row[6],
    baselineYear: row[7],
    baselineText: row[8],
    targetValue: row[9],
    targetUnit: row[10],
    targetYear: row[11],
    targetText: row[12],
    position: row[13],
    retiredAt: null,
  };
}

const activitiesJson = jsonList<AgreementRecord["activities"][number]>(`
  select json_agg(json_build_object('id', x.id, 'name', x.name, 'shortName', x.short_name,
      'reference', x.reference, 'content', x.content, 'purposesLeadIn', x.purposes_lead_in,
      'purposes', x.purposes, 'targetGroupsLeadIn', x.target_groups_lead_in,
      'targetGroups', x.target_groups, 'position', x.position,
      'responsibilities', coalesce((
        select json_agg(json_build_object('id', r.id, 'label', r.label, 'duties', r.duties,
            'position', r.position, 'organisation', ${organisationOf("r.organisation_id")})
          order by r.position, r.id)
        from responsibilities r
        where r.activity_id = x.id), '[]'::json))
    order by x.position, x.id)
  from activities x
  where x.agreement_id = "agreements"."id" and x.retired_at is null`);

const fundingSourcesJson = jsonList<AgreementRecord["fundingSources"][number]>(`
  select json_agg(json_build_object('id', f.id, 'kind', f.kind, 'name', f.name,
      'periodTotal', f.period_total::float8, 'position', f.position,
      'organisation', ${organisationOf("f.organisation_id")},
      'amounts', coalesce((
        select json_agg(json_build_object('year', b.year, 'amount', b.amount::float8)
          order by b.year)
        from budget_amounts b
        where b.funding_source_id = f.id), '[]'::json))
    order by f.position, f.id)
  from funding_sources f
  where f.agreement_id = "agreements"."id" and f.retired_at is null`);

const staffJson = jsonList<AgreementRecord["staffResources"][number]>(`
  select json_agg(json_build_object('id', t.id, 'description', t.description,
      'position', t.position) order by t.position, t.id)
  from staff_resources t
  where t.agreement_id = "agreements"."id"`);

const goalsJson = jsonList<AgreementRecord["goals"][number]>(`
  select json_agg(json_build_object('id', g.id, 'parentId', g.parent_id, 'text', g.text,
      'position', g.position) order by g.position, g.id)
  from goals g
  where g.agreement_id = "agreements"."id"`);

function selectRecords(db: Db) {
  return db
    .select({
      agreement: agreements,
      updatedAtText: sql<string>`to_char(${agreements.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      plan: {
        id: plans.id,
        name: plans.name,
        periodStart: plans.periodStart,
        periodEnd: plans.periodEnd,
        templateEdition: plans.templateEdition,
      },
      fundingRound: fundingRounds.name,
      focusArea: { id: focusAreas.id, name: focusAreas.name },
      parties: partiesJson,
      workingGroups: workingGroupsJson,
      successCriteria: criteriaJson,
      activities: activitiesJson,
      fundingSources: fundingSourcesJson,
      staffResources: staffJson,
      goals: goalsJson,
    })
    .from(agreements)
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .innerJoin(fundingRounds, eq(fundingRounds.id, plans.fundingRoundId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId));
}

type RecordRow = Awaited<ReturnType<typeof selectRecords>>[number];

function toRecord({
  agreement: a,
  updatedAtText,
  plan,
  fundingRound,
  focusArea,
  ...children
}: RecordRow): AgreementRecord {
  return {
    id: a.id,
    planId: a.planId,
    version: a.version,
    updatedAt: updatedAtText,
    openingText: a.openingText,
    validFrom: a.validFrom,
    validTo: a.validTo,
    problemStatement: a.problemStatement as AgreementRecord["problemStatement"],
    purposesLeadIn: a.purposesLeadIn,
    purposes: a.purposes,
    goalsLeadIn: a.goalsLeadIn,
    goals: children.goals,
    primaryTargetGroup: a.primaryTargetGroup as AgreementRecord["primaryTargetGroup"],
    method: a.method as AgreementRecord["method"],
    municipalInterplay: a.municipalInterplay as AgreementRecord["municipalInterplay"],
    anchoring: a.anchoring as AgreementRecord["anchoring"],
    conflictHandling: a.conflictHandling as AgreementRecord["conflictHandling"],
    revisionClause: a.revisionClause as AgreementRecord["revisionClause"],
    plan: { ...plan, fundingRound: { name: fundingRound } },
    focusArea,
    parties: children.parties,
    workingGroups: children.workingGroups,
    successCriteria: children.successCriteria.map((row) => toCriterionRecord(a.id, row)),
    activities: children.activities,
    fundingSources: children.fundingSources,
    staffResources: children.staffResources,
  };
}

/**
 * The full stored agreements with these ids in one query: the agreement row with its plan, round
 * and focus area, and each kind of child row as a JSON array from an indexed correlated subquery.
 * One round trip whatever the number of agreements, activities or criteria (the eleven flat
 * selects this replaces cost a round trip each; drizzle's relational query with lateral joins was
 * slower still, bench/README.md). bench/page-loaders.ts times it.
 */
export async function loadAgreementRecords(db: Db, ids: number[]): Promise<AgreementRecord[]> {
  if (!ids.length) return [];
  const rows = await selectRecords(db).where(inArray(agreements.id, ids));
  return rows.map(toRecord);
}

/** One agreement's query, its SQL built once per database handle (drizzle's prepare). */
const recordQuery = preparedPerDb((db) =>
  selectRecords(db)
    .where(eq(agreements.id, sql.placeholder("id")))
    .prepare("agreement_record"),
);

/** The full stored agreement (one query, whatever its size). */
export async function loadAgreementRecord(
  db: Db,
  agreementId: number,
): Promise<AgreementRecord | null> {
  const [row] = await recordQuery(db).execute({ id: agreementId });
  return row ? toRecord(row) : null;
}

/** Every agreement of a plan (in focus-area order) plus the plan, in a fixed number of queries. */
export async function loadPlanAgreementRecords(db: Db, planId: number) {
  const plan = await db.query.plans.findFirst({
    where: eq(plans.id, planId),
    columns: { id: true, name: true, periodStart: true, periodEnd: true },
    with: { fundingRound: { columns: { name: true } } },
  });
  if (!plan) return { plan: null, records: [] };
  const ids = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.planId, planId));
  const records = (
    await loadAgreementRecords(
      db,
      ids.map((r) => r.id),
    )
  ).sort((a, b) => a.focusArea.name.localeCompare(b.focusArea.name, "da"));
  return { plan: { ...plan, fundingRound: plan.fundingRound.name }, records };
}
