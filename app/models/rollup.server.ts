/**
 * The administrators' roll-up of success-criterion statuses across all plans for one calendar
 * year, per focus area and per plan. Counted in SQL in one pass: the criteria ⟕ the year's
 * measurements are counted per agreement, and those counts summed per focus area and per plan
 * (grouping sets), so the page costs the same two queries however many plans, agreements and
 * criteria there are.
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
import { criterionRetiredAfter } from "./retired.server";

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
 * Success-criterion statuses in `year` (default: last calendar year) across all plans, per focus
 * area and per plan, with the years that have measurements. Administrators only (403 otherwise).
 * Two queries.
 */
export async function getFocusAreaRollup(
  db: Db,
  user: SessionUser,
  year: number | undefined,
): Promise<FocusAreaRollup> {
  requireAdmin(user);
  const defaultYear = defaultRollupYear(todayInDenmark());
  const shown = year ?? defaultYear;

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

  const [rows, measured] = await Promise.all([
    // One row per focus area (plan columns null) and one per plan (focus-area columns null). An
    // agreement is one plan's on one focus area (unique), so counting agreements counts the focus
    // area's plans and the plan's agreements.
    db
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
      ),
    // The years with measurements: each year between the first and the last probed on the
    // year's index (a handful of index lookups, where `select distinct` read every row).
    db
      .select({ year: sql<number>`y.year`.mapWith(Number) })
      .from(
        sql`generate_series((select min(${measurements.year}) from ${measurements}),
          (select max(${measurements.year}) from ${measurements})) as y(year)`,
      )
      .where(sql`exists (select 1 from ${measurements} m where m.year = y.year)`)
      .orderBy(sql`y.year`),
  ]);

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

  return shapeRollup({
    year: shown,
    years: rollupYears(
      measured.map((m) => m.year),
      defaultYear,
      shown,
    ),
    focusAreas: byFocusArea,
    plans: byPlan,
  });
}
