/**
 * The yearly progress report of a plan: assembling its view in a fixed number of queries, saving
 * the narrative (optimistic locking), finalising (the view is stored as the report's snapshot and
 * the database refuses any change after) and an admin's reopening with a reason. While a report is
 * final, the year's measurements and spend of the plan are locked too (checked here for a clear
 * message, enforced by triggers in migration 0007).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { activities, agreements, plans, progressReports } from "../../db/schema";
import { budgetYears } from "~/domain/agreement";
import { todayInDenmark } from "~/domain/format";
import {
  buildProgressReportView,
  canEditReport,
  REPORT_EDITOR_ROLES,
  reportYears,
  type ProgressReportNarrative,
  type ProgressReportView,
  type ReportStatus,
} from "~/domain/progress-report";
import { reportDeadline } from "~/domain/reporting";
import { isRichTextEmpty } from "~/domain/rich-text";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { recordAudit } from "./audit.server";
import {
  ConflictError,
  FieldValidationError,
  isUniqueViolation,
  LockedError,
  NotFoundError,
} from "./errors.server";
import { finalYearMessage } from "./internal/report-years.server";

import { loadProgressReportInput } from "./internal/progress-report-input.server";
export { REPORT_EDITOR_ROLES };

export const FINAL_REPORT_MESSAGE =
  "Statusrapporten er endelig og kan ikke ændres. En administrator kan genåbne den.";

export { finalYearMessage };

function requireReportYear(plan: { periodStart: string; periodEnd: string }, year: number): void {
  if (!budgetYears(plan.periodStart, plan.periodEnd).includes(year)) {
    throw new NotFoundError("Året ligger uden for planens periode");
  }
}

export interface ProgressReportPage {
  role: PlanAccessRole;
  canEdit: boolean;
  canReopen: boolean;
  /** 0 while nothing is saved: the first save creates the report. */
  version: number;
  view: ProgressReportView;
}

/**
 * The report of `year` for members of the plan (others 404). A final report shows its snapshot;
 * a draft is assembled from the current figures.
 */
export async function getProgressReport(
  db: Db,
  user: SessionUser,
  planId: number,
  year: number,
): Promise<ProgressReportPage> {
  const role = await requirePlanRole(db, user, planId);
  const loaded = await loadProgressReportInput(db, planId, year);
  if (!loaded) throw new NotFoundError("Planen findes ikke");
  requireReportYear(loaded.input.plan, year);
  const { row, input } = loaded;
  const final = row?.status === "final";
  return {
    role,
    canEdit: canEditReport(role) && !final,
    canReopen: user.isAdmin && final,
    version: row?.version ?? 0,
    view: final ? (row.snapshot as ProgressReportView) : buildProgressReportView(input),
  };
}

export interface ProgressReportListItem {
  year: number;
  status: ReportStatus | null;
  due: string;
  finalisedAt: string | null;
}

/**
 * The plan's report years (its period up to last year) with each report's status, for its members.
 * Two queries after the access check.
 */
export async function listProgressReports(
  db: Db,
  user: SessionUser,
  planId: number,
  today: string = todayInDenmark(),
): Promise<ProgressReportListItem[]> {
  await requirePlanRole(db, user, planId);
  const [[plan], rows] = await Promise.all([
    db
      .select({
        periodStart: plans.periodStart,
        periodEnd: plans.periodEnd,
        reportDueMonthDay: plans.reportDueMonthDay,
      })
      .from(plans)
      .where(eq(plans.id, planId)),
    db
      .select({
        year: progressReports.year,
        status: progressReports.status,
        finalisedAt: progressReports.finalisedAt,
      })
      .from(progressReports)
      .where(eq(progressReports.planId, planId)),
  ]);
  if (!plan) return [];
  const byYear = new Map(rows.map((r) => [r.year, r]));
  return reportYears(plan.periodStart, plan.periodEnd, today)
    .reverse()
    .map((year) => {
      const r = byYear.get(year);
      return {
        year,
        status: r?.status ?? null,
        due: reportDeadline(year, plan.reportDueMonthDay),
        finalisedAt: r?.finalisedAt?.toISOString() ?? null,
      };
    });
}

async function lockReport(tx: Db, planId: number, year: number) {
  const [row] = await tx
    .select({
      id: progressReports.id,
      status: progressReports.status,
      version: progressReports.version,
    })
    .from(progressReports)
    .where(and(eq(progressReports.planId, planId), eq(progressReports.year, year)))
    .for("update");
  return row ?? null;
}

function narrativeAudit(n: {
  summary: unknown;
  whatWorked: unknown;
  nextYear: unknown;
  activityNotes: unknown;
}) {
  return {
    summary: n.summary,
    whatWorked: n.whatWorked,
    nextYear: n.nextYear,
    activityNotes: n.activityNotes,
  };
}

/**
 * Saves the narrative and activity notes of a draft report (reporters, the secretariat, admins;
 * board and viewers 403). `version` 0 creates the report. A stale version is a conflict (409), a
 * final report is locked (409), an activity of another plan is a 400. Returns the new version.
 */
export async function saveProgressReportNarrative(
  db: Db,
  user: SessionUser,
  planId: number,
  year: number,
  version: number,
  values: ProgressReportNarrative,
): Promise<number> {
  await requirePlanRole(db, user, planId, REPORT_EDITOR_ROLES);
  const [plan] = await db
    .select({ periodStart: plans.periodStart, periodEnd: plans.periodEnd })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError("Planen findes ikke");
  requireReportYear(plan, year);

  const activityIds = values.activityNotes.map((n) => n.activityId);
  try {
    return await db.transaction(async (tx) => {
      const [current, known] = await Promise.all([
        lockReport(tx, planId, year),
        activityIds.length
          ? tx
              .select({ id: activities.id })
              .from(activities)
              .innerJoin(agreements, eq(agreements.id, activities.agreementId))
              .where(and(eq(agreements.planId, planId), inArray(activities.id, activityIds)))
          : Promise.resolve([]),
      ]);
      const knownIds = new Set(known.map((a) => a.id));
      const errors: Record<string, string> = {};
      values.activityNotes.forEach((n, i) => {
        if (!knownIds.has(n.activityId)) {
          errors[`activityNotes.${i}.note`] = "Aktiviteten hører ikke til denne plan";
        }
      });
      if (Object.keys(errors).length) throw new FieldValidationError(errors);
      if (current?.status === "final") throw new LockedError(FINAL_REPORT_MESSAGE);
      if ((current?.version ?? 0) !== version) throw new ConflictError();

      const activityNotes: Record<string, string> = {};
      for (const n of values.activityNotes)
        if (n.note) activityNotes[String(n.activityId)] = n.note;
      const after = {
        summary: isRichTextEmpty(values.summary) ? null : values.summary,
        whatWorked: isRichTextEmpty(values.whatWorked) ? null : values.whatWorked,
        nextYear: isRichTextEmpty(values.nextYear) ? null : values.nextYear,
        activityNotes,
      };

      let before: ReturnType<typeof narrativeAudit> | null = null;
      let id: number;
      if (!current) {
        const [inserted] = await tx
          .insert(progressReports)
          .values({ planId, year, ...after })
          .returning({ id: progressReports.id });
        id = inserted!.id;
      } else {
        const [old] = await tx
          .select()
          .from(progressReports)
          .where(eq(progressReports.id, current.id));
        before = narrativeAudit(old!);
        await tx
          .update(progressReports)
          .set({ ...after, version: version + 1, updatedAt: new Date() })
          .where(eq(progressReports.id, current.id));
        id = current.id;
      }
      await recordAudit(tx, {
        user,
        action: "progress_report.update",
        entityType: "progress_report",
        entityId: id,
        planId,
        before: before && { year, ...before },
        after: { year, ...narrativeAudit(after) },
      });
      return version + 1;
    });
  } catch (error) {
    // Two first saves at once: the second insert hits the unique (plan, year).
    if (isUniqueViolation(error)) throw new ConflictError();
    throw error;
  }
}

/**
 * Makes the report final: the assembled view (with who finalised it, and when) becomes the
 * report's snapshot, and from then on the database refuses changes to it and to the year's
 * figures. Requires the saved summary. Stale version 409; board and viewers 403.
 */
export async function finaliseProgressReport(
  db: Db,
  user: SessionUser,
  planId: number,
  year: number,
  version: number,
): Promise<void> {
  await requirePlanRole(db, user, planId, REPORT_EDITOR_ROLES);
  await db.transaction(async (tx) => {
    const current = await lockReport(tx, planId, year);
    if (current?.status === "final") throw new LockedError(FINAL_REPORT_MESSAGE);
    if (!current || current.version !== version) throw new ConflictError();
    const loaded = await loadProgressReportInput(tx, planId, year);
    if (!loaded?.input.report) throw new ConflictError();
    requireReportYear(loaded.input.plan, year);
    if (isRichTextEmpty(loaded.input.report.summary)) {
      throw new FieldValidationError({
        summary: "Skriv et resumé, før rapporten gøres endelig",
      });
    }
    const finalisedAt = new Date();
    const view = buildProgressReportView({
      ...loaded.input,
      report: {
        ...loaded.input.report,
        status: "final",
        finalisedAt: finalisedAt.toISOString(),
        finalisedBy: user.name,
      },
    });
    await tx
      .update(progressReports)
      .set({
        status: "final",
        snapshot: view,
        finalisedAt,
        finalisedBy: user.id,
        version: version + 1,
        updatedAt: finalisedAt,
      })
      .where(eq(progressReports.id, current.id));
    await recordAudit(tx, {
      user,
      action: "progress_report.finalise",
      entityType: "progress_report",
      entityId: current.id,
      planId,
      before: { year, status: "draft" },
      after: { year, status: "final", counts: view.counts, spending: view.spending },
    });
  });
}

/**
 * An admin reopens a final report with a reason (others 403): it becomes a draft again, its
 * snapshot is dropped (the audit trail keeps what it said), and the year's figures unlock.
 */
export async function reopenProgressReport(
  db: Db,
  user: SessionUser,
  planId: number,
  year: number,
  version: number,
  reason: string,
): Promise<void> {
  await requirePlanRole(db, user, planId, []);
  await db.transaction(async (tx) => {
    const current = await lockReport(tx, planId, year);
    if (!current) throw new NotFoundError("Rapporten findes ikke");
    if (current.version !== version) throw new ConflictError();
    if (current.status !== "final") throw new LockedError("Rapporten er ikke endelig");
    const [old] = await tx
      .select({ snapshot: progressReports.snapshot, finalisedAt: progressReports.finalisedAt })
      .from(progressReports)
      .where(eq(progressReports.id, current.id));
    const now = new Date();
    await tx
      .update(progressReports)
      .set({
        status: "draft",
        snapshot: null,
        finalisedAt: null,
        finalisedBy: null,
        reopenedAt: now,
        reopenedBy: user.id,
        reopenReason: reason,
        version: version + 1,
        updatedAt: now,
      })
      .where(eq(progressReports.id, current.id));
    await recordAudit(tx, {
      user,
      action: "progress_report.reopen",
      entityType: "progress_report",
      entityId: current.id,
      planId,
      before: { year, status: "final", finalisedAt: old?.finalisedAt, snapshot: old?.snapshot },
      after: { year, status: "draft", reason },
    });
  });
}
