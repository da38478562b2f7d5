/** An agreement's activities: create, edit, remove (retire with history), reorder. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../../db/client";
import { activities } from "../../../db/schema";
import type { ActivitySchema } from "~/domain/agreement";
import type { SessionUser } from "~/domain/user";
import { requireAgreementRole, requirePlanRole } from "../access.server";
import { loadAgreementRecord } from "../internal/agreement-records.server";
import { AGREEMENT_EDITORS, saveSection } from "../internal/agreement-draft.server";
import {
  activityColumns,
  insertActivity,
  writeActivityChildren,
} from "../internal/agreement-writers.server";
import { removeActivity, type RemovalOptions } from "../internal/retired-rows.server";
import { NotFoundError } from "../errors.server";

/** The activity must be a current one of the agreement (404 otherwise). */
async function requireActivityOf(db: Db, agreementId: number, activityId: number) {
  const [row] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.id, activityId),
        eq(activities.agreementId, agreementId),
        isNull(activities.retiredAt),
      ),
    );
  if (!row) throw new NotFoundError("Aktiviteten findes ikke");
}

/**
 * Checks that the user may edit the agreement (404 for a plan they cannot see or an agreement that
 * is not the plan's, then 403 for a role that may not) and that the activity is a current one of
 * it (404).
 */
export async function requireActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
): Promise<void> {
  await requireAgreementRole(db, user, planId, agreementId, AGREEMENT_EDITORS);
  await requireActivityOf(db, agreementId, activityId);
}

export async function createActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof ActivitySchema>,
): Promise<number> {
  let activityId = 0;
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "activity.create",
    ["activities"],
    async (tx) => {
      activityId = await insertActivity(tx, agreementId, values);
    },
  );
  return activityId;
}

export async function saveActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
  version: number,
  values: z.output<typeof ActivitySchema>,
  options: RemovalOptions = {},
) {
  await requireActivity(db, user, planId, agreementId, activityId);
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "activity.update",
    ["activities"],
    async (tx) => {
      await tx.update(activities).set(activityColumns(values)).where(eq(activities.id, activityId));
      await writeActivityChildren(tx, agreementId, activityId, values, options);
    },
  );
}

export async function deleteActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
  version: number,
  options: RemovalOptions = {},
) {
  await requireActivity(db, user, planId, agreementId, activityId);
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "activity.delete",
    ["activities"],
    async (tx) => {
      await removeActivity(tx, activityId, options);
    },
  );
}

/** Moves an activity one place up or down in the agreement's list. */
export async function moveActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
  version: number,
  direction: "up" | "down",
) {
  await requireActivity(db, user, planId, agreementId, activityId);
  const order = await db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.agreementId, agreementId), isNull(activities.retiredAt)))
    .orderBy(asc(activities.position), asc(activities.id));
  const at = order.findIndex((r) => r.id === activityId);
  // Nothing to move at the ends of the list: no new version, no audit event.
  if ((direction === "up" && at === 0) || (direction === "down" && at === order.length - 1)) return;
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "activity.move",
    ["activities"],
    async (tx) => {
      const rows = await tx
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.agreementId, agreementId), isNull(activities.retiredAt)))
        .orderBy(asc(activities.position), asc(activities.id));
      const ids = rows.map((r) => r.id);
      const from = ids.indexOf(activityId);
      const to = direction === "up" ? from - 1 : from + 1;
      if (from < 0 || to < 0 || to >= ids.length) return;
      [ids[from], ids[to]] = [ids[to]!, ids[from]!];
      await tx.execute(
        sql`update ${activities} set position = v.position from (values ${sql.join(
          ids.map((id, position) => sql`(${id}::int, ${position}::int)`),
          sql`, `,
        )}) as v(id, position) where ${activities.id} = v.id`,
      );
    },
  );
}

/** The activity's current values for its edit form. */
export async function getActivityForEdit(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
) {
  await requirePlanRole(db, user, planId, AGREEMENT_EDITORS);
  const record = await loadAgreementRecord(db, agreementId);
  if (!record || record.planId !== planId) throw new NotFoundError("Delaftalen findes ikke");
  const activity = record.activities.find((a) => a.id === activityId);
  if (!activity) throw new NotFoundError("Aktiviteten findes ikke");
  return { record, activity };
}
