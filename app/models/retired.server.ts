/**
 * SQL for retired rows (docs/decisions/0006-retired-rows.md), the database side of
 * isShownInYear in app/domain/retired.ts: a row belongs to a year's pages, reports and roll-ups
 * when it is current, was retired in a later year, or has figures for the year. Each is a
 * correlated condition inside the caller's own query (no extra query per row).
 */
import { sql, type AnyColumn, type Placeholder } from "drizzle-orm";
import {
  activities,
  spending,
  fundingSources,
  measurements,
  successCriteria,
} from "../../db/schema";

const retiredAfter = (column: AnyColumn, year: number | Placeholder) =>
  sql`extract(year from ${column} at time zone 'UTC') > ${year}`;

/**
 * A criterion retired after `year` (false for a current one): with `retired_at is null`, the
 * condition for a query that joins the year's measurement itself (its presence is the third).
 */
export const criterionRetiredAfter = (year: number) =>
  retiredAfter(successCriteria.retiredAt, year);

export function criterionShownInYear(year: number | Placeholder) {
  return sql`(${successCriteria.retiredAt} is null
    or ${retiredAfter(successCriteria.retiredAt, year)}
    or exists (select 1 from ${measurements} where ${measurements.criterionId} = ${successCriteria.id}
      and ${measurements.year} = ${year}))`;
}

/** An activity counts its criteria's measurements as its figures. */
export function activityShownInYear(year: number | Placeholder) {
  return sql`(${activities.retiredAt} is null
    or ${retiredAfter(activities.retiredAt, year)}
    or exists (select 1 from ${measurements}
      join ${successCriteria} on ${successCriteria.id} = ${measurements.criterionId}
      where ${successCriteria.activityId} = ${activities.id} and ${measurements.year} = ${year}))`;
}

export function fundingSourceShownInYear(year: number | Placeholder) {
  return sql`(${fundingSources.retiredAt} is null
    or ${retiredAfter(fundingSources.retiredAt, year)}
    or exists (select 1 from ${spending} where ${spending.fundingSourceId} = ${fundingSources.id}
      and ${spending.year} = ${year}))`;
}
