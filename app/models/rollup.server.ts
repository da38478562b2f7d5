/**
 * The administrators' roll-up of success-criterion statuses across all plans for one calendar
 * year, per focus area and per plan. Counted in SQL (GROUP BY with FILTER), so the page costs the
 * same three queries however many plans, agreements and criteria there are.
 */
import { and, asc, countDistinct, eq, sql } from "drizzle-orm";
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
import { defaultRollupYear, rollupYears, shapeRollup, type FocusAreaRollup } from "~/domain/rollup";
import type { SessionUser } from "~/domain/user";
import { requireAdmin } from "./access.server";
import { criterionShownInYear } from "./retired.server";

const countOf = (status: MeasurementStatus) =>
  sql<number>`count(*) filter (where ${measurements.status} = ${status})`.mapWith(Number);

/**
 * The counts both queries share, over agreements ⟕ criteria ⟕ the year's measurements. A
 * criterion has at most one measurement a year (unique index), so the joins never double count;
 * count(criterion id) skips the null row of an agreement without criteria.
 */
const countColumns = {
  criteria: sql<number>`count(${successCriteria.id})`.mapWith(Number),
  met: countOf("met"),
  partly_met: countOf("partly_met"),
  not_met: countOf("not_met"),
  not_measured: countOf("not_measured"),
  notRecorded:
    sql<number>`count(${successCriteria.id}) filter (where ${measurements.id} is null)`.mapWith(
      Number,
    ),
};

/**
 * An agreement is valid in the year when its validity touches the calendar year. Compared by
 * year numbers rather than dates, so an odd `?year=0001` finds nothing instead of failing.
 */
function validInYear(year: number) {
  return and(
    sql`extract(year from ${agreements.validFrom}) <= ${year}`,
    sql`extract(year from ${agreements.validTo}) >= ${year}`,
  );
}

/**
 * Success-criterion statuses in `year` (default: last calendar year) across all plans, per focus
 * area and per plan, with the years that have measurements. Administrators only (403 otherwise).
 * Three queries.
 */
export async function getFocusAreaRollup(
  db: Db,
  user: SessionUser,
  year: number | undefined,
): Promise<FocusAreaRollup> {
  requireAdmin(user);
  const defaultYear = defaultRollupYear(todayInDenmark());
  const shown = year ?? defaultYear;
  // Criteria retired from their agreement still count in the years they belong to.
  const joinCriteria = and(
    eq(successCriteria.agreementId, agreements.id),
    criterionShownInYear(shown),
  );
  const joinMeasurements = and(
    eq(measurements.criterionId, successCriteria.id),
    eq(measurements.year, shown),
  );

  const [byFocusArea, byPlan, measured] = await Promise.all([
    db
      .select({
        fundingRoundId: fundingRounds.id,
        fundingRound: fundingRounds.name,
        focusAreaId: focusAreas.id,
        focusArea: focusAreas.name,
        planCount: countDistinct(agreements.planId),
        ...countColumns,
      })
      .from(agreements)
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .innerJoin(fundingRounds, eq(fundingRounds.id, focusAreas.fundingRoundId))
      .leftJoin(successCriteria, joinCriteria)
      .leftJoin(measurements, joinMeasurements)
      .where(validInYear(shown))
      .groupBy(fundingRounds.id, focusAreas.id)
      // Round order as in the plan form (codes are the rounds' years), then the template's order.
      .orderBy(asc(fundingRounds.code), asc(fundingRounds.id), asc(focusAreas.position)),
    db
      .select({
        planId: plans.id,
        planName: plans.name,
        agreementCount: countDistinct(agreements.id),
        ...countColumns,
      })
      .from(agreements)
      .innerJoin(plans, eq(plans.id, agreements.planId))
      .leftJoin(successCriteria, joinCriteria)
      .leftJoin(measurements, joinMeasurements)
      .where(validInYear(shown))
      .groupBy(plans.id)
      .orderBy(asc(plans.name), asc(plans.id)),
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
