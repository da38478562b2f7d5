/**
 * Spending (forbrug): the actual spend per funding source of an agreement and calendar year,
 * beside the budget. Members of the plan read it; reporters, the secretariat and admins record
 * it. Spend is reporting, not part of the agreement's text, so saving it neither bumps the
 * agreement's version nor waits for a pending board decision.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  agreements,
  budgetAmounts,
  spending,
  focusAreas,
  fundingSources,
  organisations,
  plans,
} from "../../db/schema";
import { budgetYears, type FundingSourceKind } from "~/domain/agreement";
import { computeBudget, type Budget } from "~/domain/budget";
import { todayInDenmark } from "~/domain/format";
import { ENDED_LABEL, isShownInYear } from "~/domain/retired";
import type { PlanAccessRole } from "~/domain/roles";
import {
  canEditSpending,
  defaultSpendingYear,
  SPENDING_EDITORS,
  type SpendingRow,
  type SpentAmount,
} from "~/domain/spending";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import {
  assertReportYearOpen,
  finalReportYears,
  finalYearMessage,
} from "./internal/report-years.server";
import { recordAudit } from "./audit.server";
import { ConflictError, FieldValidationError, NotFoundError } from "./errors.server";
import { fundingSourceShownInYear } from "./retired.server";

/**
 * The name a funding source goes by; the same rule as the agreement document's budget table
 * (app/domain/agreement-view.ts), so both show the same label.
 */
function sourceLabel(s: {
  kind: FundingSourceKind;
  name: string | null;
  organisationName: string | null;
  retiredAt?: Date | null;
}): string {
  const label =
    s.kind === "lbf"
      ? (s.name ?? "Landsbyggefonden")
      : (s.name ?? s.organisationName ?? "Lokal medfinansiering");
  // A retired source (removed from the agreement with its spend kept) is marked where it shows.
  return s.retiredAt ? `${label} (${ENDED_LABEL.toLocaleLowerCase("da")})` : label;
}

export interface SpendingSource {
  id: number;
  kind: FundingSourceKind;
  label: string;
  /** Budget for the year in whole kroner; null when the source has no yearly split. */
  budget: number | null;
  /** The whole period's amount of a source without a yearly split, else null. */
  periodTotal: number | null;
  /** Recorded spend for the year, or null when nothing is recorded. */
  spent: number | null;
  note: string | null;
}

export interface SpendingPage {
  role: PlanAccessRole;
  canEdit: boolean;
  /** Why the year's figures cannot change (its progress report is final), or null. */
  lockedMessage: string | null;
  agreement: {
    id: number;
    planId: number;
    planName: string;
    focusArea: string;
    validFrom: string;
    validTo: string;
  };
  /** The years that can be reported on: the calendar years of the agreement's validity. */
  years: number[];
  year: number;
  sources: SpendingSource[];
  /** The agreement's whole budget (every validity year), for compareSpending. */
  budget: Budget;
  /** The recorded spend of the year. */
  spent: SpentAmount[];
}

/**
 * The spending of an agreement in `year` (null: the default year, see defaultSpendingYear) for
 * members of the plan; a year outside the agreement's validity is a 404. A fixed number of
 * queries: the role check, then four flat selects.
 */
export async function getSpending(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  year: number | null,
  today: string = todayInDenmark(),
): Promise<SpendingPage> {
  const role = await requirePlanRole(db, user, planId);
  const [[agreement], sourceRows, amountRows, spentRows, finalYears] = await Promise.all([
    db
      .select({
        id: agreements.id,
        planId: agreements.planId,
        planName: plans.name,
        focusArea: focusAreas.name,
        validFrom: agreements.validFrom,
        validTo: agreements.validTo,
      })
      .from(agreements)
      .innerJoin(plans, eq(plans.id, agreements.planId))
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId))),
    db
      .select({
        id: fundingSources.id,
        kind: fundingSources.kind,
        name: fundingSources.name,
        organisationName: organisations.name,
        retiredAt: fundingSources.retiredAt,
        periodTotal: fundingSources.periodTotal,
      })
      .from(fundingSources)
      .leftJoin(organisations, eq(organisations.id, fundingSources.organisationId))
      .where(eq(fundingSources.agreementId, agreementId))
      .orderBy(asc(fundingSources.position), asc(fundingSources.id)),
    db
      .select({
        sourceId: budgetAmounts.fundingSourceId,
        year: budgetAmounts.year,
        amount: budgetAmounts.amount,
      })
      .from(budgetAmounts)
      .innerJoin(fundingSources, eq(fundingSources.id, budgetAmounts.fundingSourceId))
      .where(eq(fundingSources.agreementId, agreementId)),
    // Every year's spend (a few rows per source): the year may still have to be chosen.
    db
      .select({
        sourceId: spending.fundingSourceId,
        year: spending.year,
        amount: spending.amount,
        note: spending.note,
      })
      .from(spending)
      .innerJoin(fundingSources, eq(fundingSources.id, spending.fundingSourceId))
      .where(eq(fundingSources.agreementId, agreementId)),
    finalReportYears(db, planId),
  ]);
  if (!agreement) throw new NotFoundError("Delaftalen findes ikke");

  const years = budgetYears(agreement.validFrom, agreement.validTo);
  const chosen = year ?? defaultSpendingYear(years, today);
  if (chosen === null || !years.includes(chosen)) {
    throw new NotFoundError("Året ligger uden for delaftalens gyldighedsperiode");
  }

  const spentOfYear = new Map(
    spentRows.filter((r) => r.year === chosen).map((r) => [r.sourceId, r]),
  );
  const shownSources = sourceRows.filter((s) =>
    isShownInYear(s.retiredAt, chosen, spentOfYear.has(s.id)),
  );
  const budget = computeBudget(
    years,
    shownSources.map((s) => ({
      id: s.id,
      kind: s.kind,
      label: sourceLabel(s),
      periodTotal: s.periodTotal === null ? null : Number(s.periodTotal),
      amounts: amountRows
        .filter((a) => a.sourceId === s.id)
        .map((a) => ({ year: a.year, amount: Number(a.amount) })),
    })),
  );
  const yearIndex = years.indexOf(chosen);
  const lines = new Map([...budget.lbf, ...budget.local].map((l) => [l.id, l]));

  return {
    role,
    canEdit: canEditSpending(role) && !finalYears.has(chosen),
    lockedMessage: finalYears.has(chosen) ? finalYearMessage(chosen) : null,
    agreement,
    years,
    year: chosen,
    sources: shownSources.map((s) => {
      const recorded = spentOfYear.get(s.id);
      const line = lines.get(s.id);
      const yearly = line?.yearly ?? true;
      return {
        id: s.id,
        kind: s.kind,
        label: sourceLabel(s),
        budget: yearly ? (line?.byYear[yearIndex] ?? 0) : null,
        periodTotal: yearly ? null : (line?.total ?? 0),
        spent: recorded ? Number(recorded.amount) : null,
        note: recorded?.note ?? null,
      };
    }),
    budget,
    spent: [...spentOfYear.values()].map((r) => ({
      sourceId: r.sourceId,
      amount: Number(r.amount),
    })),
  };
}

interface StoredSpend {
  fundingSourceId: number;
  amount: number;
  note: string | null;
}

/**
 * Records the spend of `year` for the submitted funding sources (others are left as they are):
 * one transaction that upserts per (funding source, year), deletes a row whose amount is 0 and
 * note empty, and audits the year's rows before and after. Unchanged rows are not touched, so
 * `updatedBy` keeps naming who last changed a figure. A funding source of another agreement is
 * a 400 on its row.
 */
export async function saveSpending(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  year: number,
  rows: SpendingRow[],
): Promise<void> {
  await requirePlanRole(db, user, planId, SPENDING_EDITORS);
  await db.transaction(async (tx) => {
    await assertReportYearOpen(tx, planId, year);
    const [agreement] = await tx
      .select({ validFrom: agreements.validFrom, validTo: agreements.validTo })
      .from(agreements)
      .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId)));
    if (!agreement) throw new NotFoundError("Delaftalen findes ikke");
    if (!budgetYears(agreement.validFrom, agreement.validTo).includes(year)) {
      throw new NotFoundError("Året ligger uden for delaftalens gyldighedsperiode");
    }

    const sourceIds = (
      await tx
        .select({ id: fundingSources.id })
        .from(fundingSources)
        .where(eq(fundingSources.agreementId, agreementId))
    ).map((s) => s.id);
    const errors: Record<string, string> = {};
    rows.forEach((row, index) => {
      if (!sourceIds.includes(row.fundingSourceId)) {
        errors[`rows.${index}.fundingSourceId`] = "Finansieringskilden hører ikke til delaftalen";
      }
    });
    if (Object.keys(errors).length) throw new FieldValidationError(errors);

    const before: StoredSpend[] = sourceIds.length
      ? (
          await tx
            .select({
              fundingSourceId: spending.fundingSourceId,
              amount: spending.amount,
              note: spending.note,
            })
            .from(spending)
            .where(and(inArray(spending.fundingSourceId, sourceIds), eq(spending.year, year)))
            .orderBy(asc(spending.fundingSourceId))
        ).map((r) => ({ ...r, amount: Number(r.amount) }))
      : [];
    const stored = new Map(before.map((r) => [r.fundingSourceId, r]));
    // Optimistic locking: the figures must still be those the form was loaded with.
    for (const row of rows) {
      if (row.loadedAmount === undefined) continue;
      const current = stored.get(row.fundingSourceId);
      if (
        (current?.amount ?? null) !== row.loadedAmount ||
        (current?.note ?? null) !== (row.loadedNote ?? null)
      ) {
        throw new ConflictError("Spending changed since the form was loaded");
      }
    }

    const empty = (row: SpendingRow) => row.amount === 0 && !row.note;
    const removed = rows
      .filter((row) => empty(row) && stored.has(row.fundingSourceId))
      .map((row) => row.fundingSourceId);
    const changed = rows.filter((row) => {
      if (empty(row)) return false;
      const current = stored.get(row.fundingSourceId);
      return !current || current.amount !== row.amount || current.note !== row.note;
    });
    if (!removed.length && !changed.length) return;

    if (removed.length) {
      await tx
        .delete(spending)
        .where(and(inArray(spending.fundingSourceId, removed), eq(spending.year, year)));
    }
    if (changed.length) {
      await tx
        .insert(spending)
        .values(
          changed.map((row) => ({
            fundingSourceId: row.fundingSourceId,
            year,
            amount: row.amount,
            note: row.note,
            updatedBy: user.id,
          })),
        )
        .onConflictDoUpdate({
          target: [spending.fundingSourceId, spending.year],
          set: {
            amount: sql`excluded.amount`,
            note: sql`excluded.note`,
            updatedBy: sql`excluded.updated_by`,
            updatedAt: sql`now()`,
          },
        });
    }

    const after = new Map(stored);
    for (const id of removed) after.delete(id);
    for (const row of changed) {
      after.set(row.fundingSourceId, {
        fundingSourceId: row.fundingSourceId,
        amount: row.amount,
        note: row.note,
      });
    }
    await recordAudit(tx, {
      user,
      action: "expenditure.update",
      entityType: "agreement",
      entityId: agreementId,
      planId,
      before: { year, rows: before },
      after: {
        year,
        rows: [...after.values()].sort((a, b) => a.fundingSourceId - b.fundingSourceId),
      },
    });
  });
}

export interface AgreementSpendingSummary {
  agreementId: number;
  focusArea: string;
  /** The year's budget of all the agreement's funding sources. */
  budget: number;
  /** The year's recorded spend of all its funding sources. */
  spent: number;
  /** The part of `spent` paid by Landsbyggefonden. */
  lbfSpent: number;
}

/**
 * Budget and spend of `year` for each agreement of the plan (in focus-area order), for its
 * members: one query after the access check.
 */
export async function getPlanSpendingSummary(
  db: Db,
  user: SessionUser,
  planId: number,
  year: number,
): Promise<AgreementSpendingSummary[]> {
  await requirePlanRole(db, user, planId);
  const budgetSum = sql<number>`coalesce((select sum(${budgetAmounts.amount}) from ${budgetAmounts}
      join ${fundingSources} on ${fundingSources.id} = ${budgetAmounts.fundingSourceId}
      where ${fundingSources.agreementId} = ${agreements.id} and ${budgetAmounts.year} = ${year}
        and ${fundingSourceShownInYear(year)}), 0)::bigint`;
  const spentSum = sql<number>`coalesce((select sum(${spending.amount}) from ${spending}
      join ${fundingSources} on ${fundingSources.id} = ${spending.fundingSourceId}
      where ${fundingSources.agreementId} = ${agreements.id} and ${spending.year} = ${year}), 0)::bigint`;
  const lbfSpentSum = sql<number>`coalesce((select sum(${spending.amount}) from ${spending}
      join ${fundingSources} on ${fundingSources.id} = ${spending.fundingSourceId}
      where ${fundingSources.agreementId} = ${agreements.id} and ${spending.year} = ${year}
        and ${fundingSources.kind} = 'lbf'), 0)::bigint`;
  const rows = await db
    .select({
      agreementId: agreements.id,
      focusArea: focusAreas.name,
      budget: budgetSum,
      spent: spentSum,
      lbfSpent: lbfSpentSum,
    })
    .from(agreements)
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .where(eq(agreements.planId, planId))
    .orderBy(asc(focusAreas.position), asc(agreements.id));
  return rows.map((r) => ({
    ...r,
    budget: Number(r.budget),
    spent: Number(r.spent),
    lbfSpent: Number(r.lbfSpent),
  }));
}
