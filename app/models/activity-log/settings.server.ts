/**
 * A plan's event kinds and participant groups. The first time a plan's log is used it gets the
 * defaults (DEFAULT_EVENT_KINDS, DEFAULT_PARTICIPANT_GROUPS); kinds and groups in use are retired
 * rather than deleted, so old events keep them.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { logEventKinds, logEvents, logParticipantGroups } from "../../../db/schema";
import {
  DEFAULT_EVENT_KINDS,
  DEFAULT_PARTICIPANT_GROUPS,
  LOG_EDITOR_ROLES,
  type LogSettingsValues,
} from "~/domain/activity-log";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { recordAudit } from "../audit.server";
import { FieldValidationError, isUniqueViolation } from "../errors.server";

export interface LogKind {
  id: number;
  name: string;
  followUpMonths: number | null;
  retired: boolean;
}

export interface LogGroup {
  id: number;
  name: string;
  retired: boolean;
}

export interface LogSettings {
  kinds: LogKind[];
  groups: LogGroup[];
}

async function selectSettings(db: Db, planId: number): Promise<LogSettings> {
  const [kinds, groups] = await Promise.all([
    db
      .select({
        id: logEventKinds.id,
        name: logEventKinds.name,
        followUpMonths: logEventKinds.followUpMonths,
        retiredAt: logEventKinds.retiredAt,
      })
      .from(logEventKinds)
      .where(eq(logEventKinds.planId, planId))
      // Retired ones last: they are only kept for the events that have them.
      .orderBy(
        sql`${logEventKinds.retiredAt} is not null`,
        asc(logEventKinds.position),
        asc(logEventKinds.id),
      ),
    db
      .select({
        id: logParticipantGroups.id,
        name: logParticipantGroups.name,
        retiredAt: logParticipantGroups.retiredAt,
      })
      .from(logParticipantGroups)
      .where(eq(logParticipantGroups.planId, planId))
      .orderBy(
        sql`${logParticipantGroups.retiredAt} is not null`,
        asc(logParticipantGroups.position),
        asc(logParticipantGroups.id),
      ),
  ]);
  return {
    kinds: kinds.map(({ retiredAt, ...k }) => ({ ...k, retired: retiredAt != null })),
    groups: groups.map(({ retiredAt, ...g }) => ({ ...g, retired: retiredAt != null })),
  };
}

/**
 * The plan's settings, creating the defaults when the plan has no kinds yet. Two requests doing it
 * at once: the unique names make the second insert a no-op (on conflict do nothing).
 */
export async function ensureLogSettings(db: Db, planId: number): Promise<LogSettings> {
  const settings = await selectSettings(db, planId);
  if (settings.kinds.length && settings.groups.length) return settings;
  await db.transaction(async (tx) => {
    if (!settings.kinds.length)
      await tx
        .insert(logEventKinds)
        .values(DEFAULT_EVENT_KINDS.map((k, position) => ({ planId, ...k, position })))
        .onConflictDoNothing();
    if (!settings.groups.length)
      await tx
        .insert(logParticipantGroups)
        .values(DEFAULT_PARTICIPANT_GROUPS.map((name, position) => ({ planId, name, position })))
        .onConflictDoNothing();
    await recordAudit(tx, {
      user: null,
      action: "log_settings.defaults",
      entityType: "plan",
      entityId: planId,
      planId,
    });
  });
  return selectSettings(db, planId);
}

/** The plan's event kinds and participant groups; any member of the plan. */
export async function getLogSettings(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<LogSettings> {
  await requirePlanRole(db, user, planId);
  return ensureLogSettings(db, planId);
}

/**
 * Saves the kinds and groups (secretariat, reporters, admins). A row left out of the list is
 * deleted when no event uses it and retired otherwise; `retired` rows stay, hidden from new events.
 */
export async function saveLogSettings(
  db: Db,
  user: SessionUser,
  planId: number,
  values: LogSettingsValues,
): Promise<LogSettings> {
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const before = await ensureLogSettings(db, planId);
  for (const [list, rows] of [
    ["kinds", values.kinds],
    ["groups", values.groups],
  ] as const) {
    const known = new Set(before[list].map((r) => r.id));
    if (rows.some((r) => r.id != null && !known.has(r.id)))
      throw new FieldValidationError({ [list]: "Listen er ændret af en anden. Genindlæs siden." });
  }
  try {
    await db.transaction(async (tx) => {
      const keptKinds = values.kinds.flatMap((k) => (k.id == null ? [] : [k.id]));
      const keptGroups = values.groups.flatMap((g) => (g.id == null ? [] : [g.id]));
      const goneKinds = before.kinds.map((k) => k.id).filter((id) => !keptKinds.includes(id));
      const goneGroups = before.groups.map((g) => g.id).filter((id) => !keptGroups.includes(id));
      // Temporary names first, so that swapping two names does not trip the unique index.
      if (keptKinds.length)
        await tx
          .update(logEventKinds)
          .set({ name: sql`'~' || ${logEventKinds.id}` })
          .where(inArray(logEventKinds.id, keptKinds));
      if (keptGroups.length)
        await tx
          .update(logParticipantGroups)
          .set({ name: sql`'~' || ${logParticipantGroups.id}` })
          .where(inArray(logParticipantGroups.id, keptGroups));
      if (goneKinds.length) await retireOrDeleteKinds(tx, goneKinds);
      if (goneGroups.length) await retireOrDeleteGroups(tx, goneGroups);
      for (const [position, k] of values.kinds.entries()) {
        const columns = {
          name: k.name,
          followUpMonths: k.followUpMonths,
          position,
          retiredAt: k.retired ? sql`coalesce(${logEventKinds.retiredAt}, now())` : null,
        };
        if (k.id == null)
          await tx
            .insert(logEventKinds)
            .values({ planId, ...columns, retiredAt: k.retired ? sql`now()` : null });
        else await tx.update(logEventKinds).set(columns).where(eq(logEventKinds.id, k.id));
      }
      for (const [position, g] of values.groups.entries()) {
        const columns = {
          name: g.name,
          position,
          retiredAt: g.retired ? sql`coalesce(${logParticipantGroups.retiredAt}, now())` : null,
        };
        if (g.id == null)
          await tx
            .insert(logParticipantGroups)
            .values({ planId, ...columns, retiredAt: g.retired ? sql`now()` : null });
        else
          await tx
            .update(logParticipantGroups)
            .set(columns)
            .where(eq(logParticipantGroups.id, g.id));
      }
      await recordAudit(tx, {
        user,
        action: "log_settings.update",
        entityType: "plan",
        entityId: planId,
        planId,
        before,
        after: values,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new FieldValidationError({ kinds: "To typer eller grupper har samme navn" });
    throw error;
  }
  return selectSettings(db, planId);
}

async function retireOrDeleteKinds(tx: Db, ids: number[]) {
  const used = await tx
    .selectDistinct({ id: logEvents.kindId })
    .from(logEvents)
    .where(inArray(logEvents.kindId, ids));
  const usedIds = used.map((u) => u.id);
  const free = ids.filter((id) => !usedIds.includes(id));
  if (usedIds.length)
    await tx
      .update(logEventKinds)
      .set({ retiredAt: sql`coalesce(${logEventKinds.retiredAt}, now())` })
      .where(inArray(logEventKinds.id, usedIds));
  // A kind named by a criterion's log source stays (restrict): retire it instead.
  for (const id of free) {
    try {
      await tx.transaction(async (inner) => {
        await inner.delete(logEventKinds).where(eq(logEventKinds.id, id));
      });
    } catch {
      await tx
        .update(logEventKinds)
        .set({ retiredAt: sql`coalesce(${logEventKinds.retiredAt}, now())` })
        .where(eq(logEventKinds.id, id));
    }
  }
}

async function retireOrDeleteGroups(tx: Db, ids: number[]) {
  for (const id of ids) {
    try {
      await tx.transaction(async (inner) => {
        await inner.delete(logParticipantGroups).where(and(eq(logParticipantGroups.id, id)));
      });
    } catch {
      await tx
        .update(logParticipantGroups)
        .set({ retiredAt: sql`coalesce(${logParticipantGroups.retiredAt}, now())` })
        .where(eq(logParticipantGroups.id, id));
    }
  }
}
