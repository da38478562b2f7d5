/**
 * Actions (who does what by when): changing one action's status, the plan's overview by
 * responsible party (open, overdue, all), and "Mine opgaver": the actions of the parties whose
 * contact person the user is (by e-mail), in the plans the user is a member of.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  agreementParties,
  agreements,
  focusAreas,
  logActions,
  logEventKinds,
  logEvents,
  logFindings,
  organisations,
  people,
  planMemberships,
  plans,
} from "../../../db/schema";
import {
  canEditLog,
  isOverdue,
  LOG_EDITOR_ROLES,
  partyValue,
  type ActionStatusValues,
  type LogActionStatus,
} from "~/domain/activity-log";
import { todayInDenmark } from "~/domain/format";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { recordAudit } from "../audit.server";
import { ConflictError, NotFoundError } from "../errors.server";
import { partyLabelSql } from "./shared.server";

const ACTION_MISSING = "Opgaven findes ikke";

/** Sets an action's status (secretariat, reporters, admins); a dropped one needs its reason. */
export async function setActionStatus(
  db: Db,
  user: SessionUser,
  planId: number,
  actionId: number,
  { version, status, dropReason }: ActionStatusValues,
): Promise<void> {
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const [action] = await db
    .select({ id: logActions.id, status: logActions.status, dropReason: logActions.dropReason })
    .from(logActions)
    .innerJoin(logFindings, eq(logFindings.id, logActions.findingId))
    .innerJoin(logEvents, eq(logEvents.id, logFindings.eventId))
    .where(and(eq(logActions.id, actionId), eq(logEvents.planId, planId)));
  if (!action) throw new NotFoundError(ACTION_MISSING);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(logActions)
      .set({
        status,
        dropReason: status === "dropped" ? dropReason : null,
        updatedBy: user.id,
        version: sql`${logActions.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(logActions.id, actionId), eq(logActions.version, version)))
      .returning({ id: logActions.id });
    if (!updated.length) throw new ConflictError();
    await recordAudit(tx, {
      user,
      action: "log_action.status",
      entityType: "log_action",
      entityId: actionId,
      planId,
      before: action,
      after: { status, dropReason },
    });
  });
}

export type ActionFilter = "open" | "overdue" | "all";

export interface ActionListItem {
  id: number;
  version: number;
  description: string;
  dueDate: string | null;
  status: LogActionStatus;
  dropReason: string | null;
  overdue: boolean;
  /** "org:12" / "label:Politiet" and the name shown. */
  party: { value: string; label: string };
  finding: { id: number; text: string; place: string | null };
  event: { id: number; date: string; kind: string; place: string | null };
  activity: { id: number; name: string };
  agreement: { id: number; focusArea: string };
  plan: { id: number; name: string };
}

function filterWhere(filter: ActionFilter, today: string): SQL | undefined {
  const pending = inArray(logActions.status, ["open", "in_progress"]);
  if (filter === "open") return pending;
  if (filter === "overdue")
    return and(pending, isNotNull(logActions.dueDate), lt(logActions.dueDate, today));
  return undefined;
}

function selectActions(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: logActions.id,
      version: logActions.version,
      description: logActions.description,
      dueDate: logActions.dueDate,
      status: logActions.status,
      dropReason: logActions.dropReason,
      organisationId: logActions.organisationId,
      partyLabel: logActions.partyLabel,
      responsible: partyLabelSql,
      findingId: logFindings.id,
      findingText: logFindings.text,
      findingPlace: logFindings.place,
      eventId: logEvents.id,
      eventDate: logEvents.date,
      eventPlace: logEvents.place,
      kind: logEventKinds.name,
      activityId: activities.id,
      activityName: activities.name,
      agreementId: agreements.id,
      focusArea: focusAreas.name,
      planId: plans.id,
      planName: plans.name,
    })
    .from(logActions)
    .innerJoin(logFindings, eq(logFindings.id, logActions.findingId))
    .innerJoin(logEvents, eq(logEvents.id, logFindings.eventId))
    .innerJoin(logEventKinds, eq(logEventKinds.id, logEvents.kindId))
    .innerJoin(activities, eq(activities.id, logEvents.activityId))
    .innerJoin(agreements, eq(agreements.id, activities.agreementId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .innerJoin(plans, eq(plans.id, logEvents.planId))
    .leftJoin(organisations, eq(organisations.id, logActions.organisationId))
    .where(where)
    .orderBy(
      asc(partyLabelSql),
      sql`${logActions.dueDate} asc nulls last`,
      asc(logEvents.date),
      asc(logActions.id),
    );
}

function toItem(
  r: Awaited<ReturnType<typeof selectActions>>[number],
  today: string,
): ActionListItem {
  return {
    id: r.id,
    version: r.version,
    description: r.description,
    dueDate: r.dueDate,
    status: r.status,
    dropReason: r.dropReason,
    overdue: isOverdue(r, today),
    party: { value: partyValue(r), label: r.responsible },
    finding: { id: r.findingId, text: r.findingText, place: r.findingPlace },
    event: { id: r.eventId, date: r.eventDate, kind: r.kind, place: r.eventPlace },
    activity: { id: r.activityId, name: r.activityName },
    agreement: { id: r.agreementId, focusArea: r.focusArea },
    plan: { id: r.planId, name: r.planName },
  };
}

export interface PartyActions {
  party: { value: string; label: string };
  actions: ActionListItem[];
  overdueCount: number;
}

function groupByParty(items: ActionListItem[]): PartyActions[] {
  const groups = new Map<string, PartyActions>();
  for (const item of items) {
    let group = groups.get(item.party.value);
    if (!group) {
      group = { party: item.party, actions: [], overdueCount: 0 };
      groups.set(item.party.value, group);
    }
    group.actions.push(item);
    if (item.overdue) group.overdueCount++;
  }
  return [...groups.values()];
}

/**
 * The plan's actions grouped by responsible party (by name), each group's actions by due date;
 * `open` (default): open and in progress, `overdue`: those past their due date (Danish today),
 * `all`. Any member of the plan. Two queries.
 */
export async function listPlanActions(
  db: Db,
  user: SessionUser,
  planId: number,
  { status = "open" }: { status?: ActionFilter } = {},
): Promise<{ parties: PartyActions[]; role: PlanAccessRole; canEdit: boolean; today: string }> {
  const role = await requirePlanRole(db, user, planId);
  const today = todayInDenmark();
  const rows = await selectActions(
    db,
    and(eq(logEvents.planId, planId), filterWhere(status, today)),
  );
  return {
    parties: groupByParty(rows.map((r) => toItem(r, today))),
    role,
    canEdit: canEditLog(role),
    today,
  };
}

/**
 * "Mine opgaver": the actions of the parties whose contact person has the user's e-mail address,
 * in the agreements of the plans the user is a member of (an action's party matches the
 * agreement's party by organisation, or by label for a party without one). One query.
 */
export async function listMyActions(
  db: Db,
  user: SessionUser,
  { status = "open" }: { status?: ActionFilter } = {},
): Promise<{ parties: PartyActions[]; today: string }> {
  const today = todayInDenmark();
  const contactOfParty = db
    .select({ one: sql`1` })
    .from(agreementParties)
    .innerJoin(people, eq(people.id, agreementParties.contactPersonId))
    .where(
      and(
        eq(agreementParties.agreementId, activities.agreementId),
        sql`lower(${people.email}) = lower(${user.email})`,
        or(
          and(
            isNotNull(logActions.organisationId),
            eq(agreementParties.organisationId, logActions.organisationId),
          ),
          and(
            isNull(logActions.organisationId),
            isNull(agreementParties.organisationId),
            eq(agreementParties.label, logActions.partyLabel),
          ),
        ),
      ),
    );
  const rows = await selectActions(
    db,
    and(
      inArray(
        logEvents.planId,
        db
          .select({ planId: planMemberships.planId })
          .from(planMemberships)
          .where(eq(planMemberships.userId, user.id)),
      ),
      sql`exists (${contactOfParty})`,
      filterWhere(status, today),
    ),
  );
  return { parties: groupByParty(rows.map((r) => toItem(r, today))), today };
}
