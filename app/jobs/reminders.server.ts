/**
 * The reminders job (issue 20): every 15 minutes, the deadlines the app knows (revisions,
 * statusrapporter, grant reports, milestones, self-evaluations) that fall in a bounded window
 * around `now` are loaded, one query per kind whatever the number of plans and funds, and each
 * reminder that is due (app/domain/reminders.ts decides which) is sent in a transaction of its
 * own: a row in reminders_sent ("<deadline uid>:<offset>") and the notification to the people it
 * concerns. The row's primary key makes it fire once across runs, restarts and processes: a
 * process that finds the row already there (on conflict do nothing) sends nothing.
 *
 * Who hears what: a statusrapport and a self-evaluation → the plan's reporters and secretariat;
 * a revision and a milestone → the plan's secretariat; a grant report → the estate's applicants.
 */
import { and, asc, between, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  agreements,
  agreementVersions,
  focusAreas,
  fundGrantYears,
  milestones,
  plans,
  remindersSent,
  selfEvaluations,
} from "../../db/schema";
import {
  deadlineUid,
  grantReportDeadline,
  milestoneDeadline,
  reportDeadlines,
  revisionDeadline,
  selfEvaluationDeadline,
  type Deadline,
} from "~/domain/calendar";
import { todayInDenmark } from "~/domain/format";
import {
  dueReminders,
  passedReminders,
  REMINDER_NOTIFICATION_KIND,
  reminderDedupeKey,
  reminderTitle,
  reminderWindow,
  type ReminderCandidate,
} from "~/domain/reminders";
import { nextRevisionDue } from "~/domain/revision";
import {
  selectGrantYearRows,
  selectMilestoneRows,
  selectPlanReportRows,
  selectSelfEvaluationRows,
} from "~/models/internal/deadline-rows.server";
import { notify, type Recipients } from "~/models/notifications.server";
import type { BackgroundJob } from "./scheduler.server";

interface Candidate extends ReminderCandidate {
  deadline: Deadline;
  /** Names the thing in the reminder's title («Statusrapporten for 2026 (Helhedsplan X)»). */
  subject: string;
  recipients: Recipients;
  planId: number | null;
  organisationId: number | null;
}

/** int[] as numbers (a driver might hand strings). */
function offsetsOf(value: readonly (number | string)[] | null): number[] {
  return (value ?? []).map(Number);
}

function inWindow(date: string, window: { from: string; to: string }): boolean {
  return date >= window.from && date <= window.to;
}

/**
 * Every deadline whose date lies in the window around `today` (reminderWindow: any offset in the
 * allowed range, plus the grace days), with its plan's or fund's offsets. Five queries.
 */
export async function loadReminderCandidates(db: Db, today: string): Promise<Candidate[]> {
  const window = reminderWindow(today);
  const fromYear = Number(window.from.slice(0, 4));
  const toYear = Number(window.to.slice(0, 4));
  const lastApproved = sql<string>`to_char(coalesce(${agreementVersions.meetingDate}, (${agreementVersions.decidedAt} at time zone 'UTC')::date), 'YYYY-MM-DD')`;

  const [revisionRows, planRows, milestoneRows, evaluationRows, grantRows] = await Promise.all([
    // The next revision of each approved agreement: due `months` after the approval (R6).
    db
      .select({
        planId: plans.id,
        planName: plans.name,
        months: plans.revisionIntervalMonths,
        offsets: plans.reminderOffsetDays,
        agreementId: agreements.id,
        focusArea: focusAreas.name,
        lastApprovedAt: lastApproved,
      })
      .from(agreementVersions)
      .innerJoin(agreements, eq(agreements.id, agreementVersions.agreementId))
      .innerJoin(plans, eq(plans.id, agreements.planId))
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .where(
        and(
          eq(agreementVersions.status, "approved"),
          sql`(${lastApproved}::date + make_interval(months => ${plans.revisionIntervalMonths}))::date
            between ${window.from}::date and ${window.to}::date`,
        ),
      )
      .orderBy(asc(agreements.id)),
    // Plans with a statusrapport due in the window (the report on year Y is due in Y + 1).
    selectPlanReportRows(
      db,
      and(
        lte(plans.periodStart, `${toYear - 1}-12-31`),
        gte(plans.periodEnd, `${fromYear - 1}-01-01`),
      ),
    ),
    selectMilestoneRows(
      db,
      or(
        between(milestones.dueDate, window.from, window.to),
        and(isNull(milestones.dueDate), between(milestones.year, fromYear, toYear)),
      ),
    ),
    selectSelfEvaluationRows(db, between(selfEvaluations.dueDate, window.from, window.to)),
    // Grant years whose report is due in the window, with the report's state.
    selectGrantYearRows(db, between(fundGrantYears.year, fromYear - 1, toYear - 1)),
  ]);

  const candidates: Candidate[] = [];
  const add = (
    deadline: Deadline | null,
    rest: Omit<Candidate, "deadline" | "uid" | "date" | "done">,
  ) => {
    if (!deadline || !inWindow(deadline.date, window)) return;
    candidates.push({
      deadline,
      uid: deadlineUid(deadline),
      date: deadline.date,
      done: deadline.done,
      ...rest,
    });
  };

  for (const r of revisionRows) {
    const deadline = revisionDeadline({
      ...r,
      due: nextRevisionDue(r.lastApprovedAt, r.months),
    });
    add(deadline, {
      offsets: offsetsOf(r.offsets),
      subject: `Revisionen af delaftalen ${r.focusArea} (${r.planName})`,
      recipients: { planId: r.planId, roles: ["secretariat"] },
      planId: r.planId,
      organisationId: null,
    });
  }
  for (const p of planRows) {
    for (const deadline of reportDeadlines({ ...p, finalYears: p.finalYears.map(Number) })) {
      add(deadline, {
        offsets: offsetsOf(p.offsets),
        subject: `Statusrapporten for ${deadline.year} (${p.planName})`,
        recipients: { planId: p.planId, roles: ["reporter", "secretariat"] },
        planId: p.planId,
        organisationId: null,
      });
    }
  }
  for (const m of milestoneRows) {
    add(milestoneDeadline(m), {
      offsets: offsetsOf(m.offsets),
      subject: `Milepælen «${m.title}» (${m.planName})`,
      recipients: { planId: m.planId, roles: ["secretariat"] },
      planId: m.planId,
      organisationId: null,
    });
  }
  for (const e of evaluationRows) {
    add(selfEvaluationDeadline(e), {
      offsets: offsetsOf(e.offsets),
      subject: `Selvevalueringen «${e.title}» (${e.planName})`,
      recipients: { planId: e.planId, roles: ["reporter", "secretariat"] },
      planId: e.planId,
      organisationId: null,
    });
  }
  for (const g of grantRows) {
    add(grantReportDeadline({ ...g, submitted: g.reportStatus === "submitted" }), {
      offsets: offsetsOf(g.offsets),
      subject: `Afrapporteringen for ${g.year} af «${g.title}» (${g.estateName})`,
      recipients: { organisationId: g.organisationId, role: "applicant", estateId: g.estateId },
      planId: null,
      organisationId: g.organisationId,
    });
  }
  return candidates;
}

export interface ReminderRun {
  /** Reminders sent by this run (rows it added to reminders_sent). */
  sent: number;
  /** Notifications recorded (one per recipient). */
  notified: number;
}

/**
 * Sends every reminder due at `now` that no run has sent yet. Safe to run in several processes
 * at once and again after a restart: each reminder is claimed by its row in reminders_sent.
 */
export async function runReminders(db: Db, now: Date): Promise<ReminderRun> {
  const today = todayInDenmark(now);
  const candidates = await loadReminderCandidates(db, today);
  const passed = passedReminders(candidates, now);
  if (passed.length === 0) return { sent: 0, notified: 0 };
  const sentRows = await db
    .select({ key: remindersSent.key })
    .from(remindersSent)
    .where(
      inArray(
        remindersSent.key,
        passed.map((r) => r.key),
      ),
    );
  const due = dueReminders(candidates, new Set(sentRows.map((r) => r.key)), now);
  const run: ReminderRun = { sent: 0, notified: 0 };
  for (const reminder of due) {
    const { deadline: c, offset, key } = reminder;
    const notified = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(remindersSent)
        .values({ key, sentAt: now })
        .onConflictDoNothing()
        .returning({ key: remindersSent.key });
      // Another process sent it meanwhile.
      if (!claimed) return null;
      return notify(tx, {
        kind: REMINDER_NOTIFICATION_KIND[c.deadline.kind],
        recipients: c.recipients,
        actorId: null,
        title: reminderTitle(c.deadline.kind, c.subject, c.date, today),
        body: c.deadline.description,
        path: c.deadline.path,
        planId: c.planId,
        organisationId: c.organisationId,
        dedupeKey: reminderDedupeKey(c.uid, offset),
        at: now,
      });
    });
    if (notified === null) continue;
    run.sent += 1;
    run.notified += notified;
  }
  return run;
}

export const REMINDERS_JOB: BackgroundJob = {
  name: "reminders",
  intervalMs: 15 * 60 * 1000,
  run: runReminders,
};
