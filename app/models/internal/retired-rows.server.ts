/**
 * Removing rows with history from the working draft: retired instead of deleted, after the user
 * confirmed (docs/decisions/0006-retired-rows.md).
 * Never import this from a route or a component (lint forbids it).
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  activities,
  spending,
  fundingSources,
  logEvents,
  measurements,
  organisations,
  successCriteria,
} from "../../../db/schema";
import { CONFIRM_REMOVAL_FIELD } from "~/domain/form";
import { FieldValidationError } from "../errors.server";
import type { RemoveRows } from "./row-sync.server";

export const CONFIRM_REMOVAL_MESSAGE =
  "Tryk »Bekræft fjernelse og gem«, hvis rækkerne skal fjernes. Ellers ret listen og gem igen.";

/** Whether the user confirmed removing rows with history (measurements, spend). */
export interface RemovalOptions {
  confirmRemoval?: boolean;
}

// --- removing rows with history ----------------------------------------------------------------
//
// A criterion with measurements, an activity whose criteria have measurements and a funding
// source with spend are retired instead of deleted when they leave the working draft: they keep
// their history, the draft (and so the next version) no longer shows them, and the yearly pages
// and reports of the years they have figures for still do (docs/decisions/0006-retired-rows.md).
// The first save that would remove such rows asks for confirmation (a 400 naming them).

/** "2024", "2024 og 2025", "2023, 2024 og 2025". */
function danishList(items: (string | number)[]): string {
  const texts = items.map(String);
  if (texts.length <= 1) return texts.join("");
  return `${texts.slice(0, -1).join(", ")} og ${texts[texts.length - 1]}`;
}

interface RowHistory {
  id: number;
  /** "Succeskriteriet »Flere unge i job« har målinger for 2024 og 2025." */
  sentence: string;
}

/** Asks for confirmation (a 400 on the list) unless the user gave it. */
function requireRemovalConfirmation(
  field: string,
  history: RowHistory[],
  { confirmRemoval }: RemovalOptions,
): void {
  if (!history.length || confirmRemoval) return;
  const consequence =
    history.length === 1
      ? "Rækken afsluttes i stedet for at blive slettet: historikken bevares, og den udgår af delaftalen fra næste godkendte version."
      : "Rækkerne afsluttes i stedet for at blive slettet: historikken bevares, og de udgår af delaftalen fra næste godkendte version.";
  throw new FieldValidationError({
    [field]: [...history.map((h) => h.sentence), consequence].join(" "),
    [CONFIRM_REMOVAL_FIELD]: CONFIRM_REMOVAL_MESSAGE,
  });
}

const yearsOf = (column: PgColumn) =>
  sql<number[]>`array_agg(distinct ${column} order by ${column})`;

/** The measurement years of these criteria (only those that have any). */
async function criteriaHistory(tx: Db, ids: number[]): Promise<RowHistory[]> {
  const rows = await tx
    .select({
      id: successCriteria.id,
      text: successCriteria.text,
      years: yearsOf(measurements.year),
    })
    .from(successCriteria)
    .innerJoin(measurements, eq(measurements.criterionId, successCriteria.id))
    .where(inArray(successCriteria.id, ids))
    .groupBy(successCriteria.id, successCriteria.text)
    .orderBy(asc(successCriteria.position), asc(successCriteria.id));
  return rows.map((r) => ({
    id: r.id,
    sentence: `Succeskriteriet »${r.text}« har målinger for ${danishList(r.years.map(Number))}.`,
  }));
}

export function removeCriteria(field: string, options: RemovalOptions): RemoveRows {
  return async (tx, ids) => {
    const history = await criteriaHistory(tx, ids);
    requireRemovalConfirmation(field, history, options);
    const retired = history.map((h) => h.id);
    const deleted = ids.filter((id) => !retired.includes(id));
    if (retired.length)
      await tx
        .update(successCriteria)
        .set({ retiredAt: sql`now()` })
        .where(inArray(successCriteria.id, retired));
    if (deleted.length)
      await tx.delete(successCriteria).where(inArray(successCriteria.id, deleted));
  };
}

export function removeFundingSources(field: string, options: RemovalOptions): RemoveRows {
  return async (tx, ids) => {
    const rows = await tx
      .select({
        id: fundingSources.id,
        kind: fundingSources.kind,
        name: fundingSources.name,
        organisation: organisations.name,
        years: yearsOf(spending.year),
      })
      .from(fundingSources)
      .innerJoin(spending, eq(spending.fundingSourceId, fundingSources.id))
      .leftJoin(organisations, eq(organisations.id, fundingSources.organisationId))
      .where(inArray(fundingSources.id, ids))
      .groupBy(fundingSources.id, organisations.name)
      .orderBy(asc(fundingSources.position), asc(fundingSources.id));
    const history = rows.map((r) => ({
      id: r.id,
      sentence: `Finansieringskilden »${r.name ?? r.organisation ?? (r.kind === "lbf" ? "Landsbyggefonden" : "uden navn")}« har forbrug for ${danishList(r.years.map(Number))}.`,
    }));
    requireRemovalConfirmation(field, history, options);
    const retired = history.map((h) => h.id);
    const deleted = ids.filter((id) => !retired.includes(id));
    if (retired.length)
      await tx
        .update(fundingSources)
        .set({ retiredAt: sql`now()` })
        .where(inArray(fundingSources.id, retired));
    if (deleted.length) await tx.delete(fundingSources).where(inArray(fundingSources.id, deleted));
  };
}

/**
 * Removes an activity: deleted with its criteria when none of them (current or retired) has a
 * measurement and the activity has no events in the activity log; otherwise retired together with
 * its current criteria, after confirmation (log events are history as measurements are).
 */
export async function removeActivity(
  tx: Db,
  activityId: number,
  options: RemovalOptions,
): Promise<void> {
  const [[row], [logged]] = await Promise.all([
    tx
      .select({ name: activities.name, years: yearsOf(measurements.year) })
      .from(activities)
      .innerJoin(successCriteria, eq(successCriteria.activityId, activities.id))
      .innerJoin(measurements, eq(measurements.criterionId, successCriteria.id))
      .where(eq(activities.id, activityId))
      .groupBy(activities.id, activities.name),
    tx
      .select({ name: activities.name, events: sql<number>`count(*)::int` })
      .from(activities)
      .innerJoin(logEvents, eq(logEvents.activityId, activities.id))
      .where(eq(activities.id, activityId))
      .groupBy(activities.id, activities.name),
  ]);
  if (!row && !logged) {
    await tx.delete(activities).where(eq(activities.id, activityId));
    return;
  }
  const history: string[] = [];
  if (row)
    history.push(
      `Aktiviteten »${row.name}« har målinger for ${danishList(row.years.map(Number))} på sine succeskriterier.`,
    );
  if (logged) {
    const count = Number(logged.events);
    history.push(
      `Aktiviteten »${logged.name}« har ${count === 1 ? "én registrering" : `${count} registreringer`} i aktivitetsloggen.`,
    );
  }
  requireRemovalConfirmation(
    "activities",
    [{ id: activityId, sentence: history.join(" ") }],
    options,
  );
  await tx
    .update(successCriteria)
    .set({ retiredAt: sql`now()` })
    .where(and(eq(successCriteria.activityId, activityId), isNull(successCriteria.retiredAt)));
  await tx
    .update(activities)
    .set({ retiredAt: sql`now()` })
    .where(eq(activities.id, activityId));
}
