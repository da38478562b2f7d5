/**
 * The administrators' roll-up of success-criterion statuses across all plans for one calendar
 * year, per focus area and per plan. Counted in SQL in one pass: the criteria ⟕ the year's
 * measurements are counted per agreement, and those counts summed per focus area and per plan
 * (grouping sets), so the page costs the same query however many plans, agreements and
 * criteria there are. The result is kept in process while none of the tables it reads has changed
 * (rollupCache): then the page reads only their change count.
 */
import { and, count, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  agreements,
  focusAreas,
  fundingRounds,
  measurements,
  plans,
  successCriteria,
} from "../../db/schema";
import { todayInDenmark } from "~/domain/format";
import type { MeasurementStatus } from "~/domain/measurement";
import {
  defaultRollupYear,
  rollupYears,
  shapeRollup,
  type FocusAreaCounts,
  type FocusAreaRollup,
  type PlanCounts,
} from "~/domain/rollup";
import type { SessionUser } from "~/domain/user";
import { requireAdmin } from "./access.server";
import { ChangeCache } from "./internal/change-cache.server";
import { criterionRetiredAfter } from "./retired.server";

/**
 * The roll-ups computed, per year shown and today's date (the default year and the years offered
 * follow it), while none of the tables they read has changed. Sector-wide: the same for every
 * administrator.
 */
export const rollupCache = new ChangeCache<FocusAreaRollup>(
  "rollup",
  ["agreements", "focus_areas", "funding_rounds", "measurements", "plans", "success_criteria"],
  32,
);

/**
 * An agreement is valid in the year when its validity touches the calendar year: plain date
 * comparisons the planner can estimate. Year 0 has no dates (and no agreements).
 */
function validInYear(year: number): SQL {
  if (year < 1) return sql`false`;
  const first = `${String(year).padStart(4, "0")}-01-01`;
  const last = `${String(year).padStart(4, "0")}-12-31`;
  return and(lte(agreements.validFrom, last), gte(agreements.validTo, first))!;
}

/** A sum over the per-agreement counts: 0 (not null) when no agreement has criteria. */
const total = (column: SQL.Aliased<number>) =>
  sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

/**
 * The years with measurements: each year between the first and the last probed on the year's
 * index (a handful of index lookups, where `select distinct` read every row), comma-separated.
 */
const measuredYears = sql<string>`(select coalesce(string_agg(y.year::text, ',' order by y.year), '')
  from generate_series((select min(${measurements.year}) from ${measurements}),
    (select max(${measurements.year}) from ${measurements})) as y(year)
  where exists (select 1 from ${measurements} m where m.year = y.year))`;

const yearsOf = (list: string): number[] => (list ? list.split(",").map(Number) : []);

/**
 * Success-criterion statuses in `year` (default: last calendar year) across all plans, per focus
 * area and per plan, with the years that have measurements. Administrators only (403 otherwise).
 * One query while nothing it reads has changed (rollupCache), else one (two when no agreement is
 * valid in the year) and the change count.
 */
export async function getFocusAreaRollup(
  db: Db,
  user: SessionUser,
  year: number | undefined,
): Promise<FocusAreaRollup> {
  requireAdmin(user);
  const today = todayInDenmark();
  const shown = year ?? defaultRollupYear(today);
  return rollupCache.get(db, `${shown}|${today}`, () => computeRollup(db, today, shown));
}

/** The roll-up of `shown`, read in one statement (two when it has no rows) with the change count. */
async function computeRollup(
  db: Db,
  today: string,
  shown: number,
): Promise<{ value: FocusAreaRollup; changes: number | null }> {
  const defaultYear = defaultRollupYear(today);

  // Criteria retired from their agreement still count in the years they belong to: current,
  // retired after the year, or measured in it (the joined measurement; see retired.server.ts).
  const current = sql`(${successCriteria.retiredAt} is null or ${criterionRetiredAfter(shown)})`;
  const countOf = (status: MeasurementStatus) =>
    sql<number>`count(*) filter (where ${measurements.status} = ${status})`;
  // Every criterion with its measurement of the year (a criterion has at most one a year:
  // unique index), counted per agreement. All criteria, so the planner reads them in one scan
  // and hashes the year's measurements; the agreements valid in the year are picked below.
  const perAgreement = db.$with("per_agreement").as(
    db
      .select({
        agreementId: successCriteria.agreementId,
        criteria:
          sql<number>`count(*) filter (where ${current} or ${measurements.id} is not null)`.as(
            "criteria",
          ),
        met: countOf("met").as("met"),
        partlyMet: countOf("partly_met").as("partly_met"),
        notMet: countOf("not_met").as("not_met"),
        notMeasured: countOf("not_measured").as("not_measured"),
        notRecorded:
          sql<number>`count(*) filter (where ${measurements.id} is null and ${current})`.as(
            "not_recorded",
          ),
      })
      .from(successCriteria)
      .leftJoin(
        measurements,
        and(eq(measurements.criterionId, successCriteria.id), eq(measurements.year, shown)),
      )
      .groupBy(successCriteria.agreementId),
  );

  // One row per focus area (plan columns null) and one per plan (focus-area columns null). An
  // agreement is one plan's on one focus area (unique), so counting agreements counts the focus
  // area's plans and the plan's agreements.
  const rows = await db
    .with(perAgreement)
    .select({
      // Null in the other grouping set's rows.
      fundingRoundId: sql<number | null>`${fundingRounds.id}`,
      fundingRound: sql<string | null>`${fundingRounds.name}`,
      focusAreaId: sql<number | null>`${focusAreas.id}`,
      focusArea: sql<string | null>`${focusAreas.name}`,
      planId: sql<number | null>`${plans.id}`,
      planName: sql<string | null>`${plans.name}`,
      agreements: count().mapWith(Number),
      criteria: total(perAgreement.criteria),
      met: total(perAgreement.met),
      partly_met: total(perAgreement.partlyMet),
      not_met: total(perAgreement.notMet),
      not_measured: total(perAgreement.notMeasured),
      notRecorded: total(perAgreement.notRecorded),
      // The same on every row, computed once: the years offered and the tables' change count,
      // read in this statement's snapshot.
      years: measuredYears,
      changes: rollupCache.changesColumn(),
    })
    .from(agreements)
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .innerJoin(fundingRounds, eq(fundingRounds.id, focusAreas.fundingRoundId))
    .leftJoin(perAgreement, eq(perAgreement.agreementId, agreements.id))
    .where(validInYear(shown))
    .groupBy(
      sql`grouping sets ((${fundingRounds.id}, ${fundingRounds.name}, ${fundingRounds.code},
          ${focusAreas.id}, ${focusAreas.name}, ${focusAreas.position}), (${plans.id}, ${plans.name}))`,
    )
    // Focus areas first (their plan columns are null, sorted last): round order as in the plan
    // form (codes are the rounds' years), then the template's order; then plans by name.
    .orderBy(
      sql`${fundingRounds.code}, ${fundingRounds.id}, ${focusAreas.position}, ${focusAreas.id},
          ${plans.name}, ${plans.id}`,
    );
  // No agreement valid in the year: the years on their own (the count is not read with them).
  const first = rows[0];
  const measured = first
    ? yearsOf(first.years)
    : yearsOf((await db.select({ years: measuredYears }).from(sql`(select 1) as one`))[0]!.years);

  const byFocusArea: FocusAreaCounts[] = [];
  const byPlan: PlanCounts[] = [];
  for (const {
    fundingRoundId,
    fundingRound,
    focusAreaId,
    focusArea,
    planId,
    planName,
    agreements: n,
    years: _years,
    changes: _changes,
    ...counts
  } of rows) {
    if (planId !== null && planName !== null) {
      byPlan.push({ planId, planName, agreementCount: n, ...counts });
    } else if (
      fundingRoundId !== null &&
      fundingRound !== null &&
      focusAreaId !== null &&
      focusArea !== null
    ) {
      byFocusArea.push({
        fundingRoundId,
        fundingRound,
        focusAreaId,
        focusArea,
        planCount: n,
        ...counts,
      });
    }
  }

  const value = shapeRollup({
    year: shown,
    years: rollupYears(measured, defaultYear, shown),
    focusAreas: byFocusArea,
    plans: byPlan,
  });
  return { value, changes: first ? first.changes : null };
}
