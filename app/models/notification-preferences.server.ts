/**
 * A user's e-mail preferences per kind of notification (issue 20). Minimal here: the
 * unsubscribe link needs `setPreference`; the notifications part owns the preferences page.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notificationPreferences } from "../../db/schema";
import type { NotificationDelivery, NotificationKind } from "~/domain/notification-kinds";

/** Sets how the user wants e-mail about one kind (insert or replace). */
export async function setPreference(
  db: Db,
  userId: number,
  kind: NotificationKind,
  delivery: NotificationDelivery,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, kind, delivery })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { delivery, updatedAt: sql`now()` },
    });
}
