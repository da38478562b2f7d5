/**
 * What every page's header needs, in one query on `users` instead of three: the signed-in user
 * (as getSessionUser: active, at the cookie's session generation), the roles the main menu is
 * built from (as getRoleSources) and the number of unread notifications (as
 * countUnreadNotifications, on the same partial index). The root loader runs it through
 * app/auth.server.ts, which hands the user on to the page's loader for the same request.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notifications, users } from "../../db/schema";
import type { RoleSources } from "~/domain/dashboard";
import type { SessionUser } from "~/domain/user";
import { roleSourceColumns, roleSourcesOf } from "./dashboard.server";
import { sessionColumns } from "./users.server";

export interface SessionHeader {
  sources: RoleSources;
  unread: number;
}

function unreadColumn(userId: number) {
  return sql<number>`(select count(*)::int from ${notifications} n
    where n.user_id = ${userId} and n.read_at is null)`;
}

/** The user of a session cookie with the header's figures; null when the session has ended. */
export async function getSessionUserWithHeader(
  db: Db,
  userId: number,
  sessionGeneration: number,
): Promise<{ user: SessionUser; header: SessionHeader } | null> {
  const [row] = await db
    .select({ ...sessionColumns, unread: unreadColumn(userId), ...roleSourceColumns(userId) })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        eq(users.active, true),
        eq(users.sessionGeneration, sessionGeneration),
      ),
    );
  if (!row) return null;
  const { id, email, name, isAdmin, unread } = row;
  return {
    user: { id, email, name, isAdmin },
    header: { sources: roleSourcesOf(isAdmin, row), unread },
  };
}

/** The header's figures for a user already looked up for this request (one query). */
export async function getSessionHeader(db: Db, user: SessionUser): Promise<SessionHeader> {
  const [row] = await db
    .select({ unread: unreadColumn(user.id), ...roleSourceColumns(user.id) })
    .from(users)
    .where(eq(users.id, user.id));
  return { sources: roleSourcesOf(user.isAdmin, row), unread: row?.unread ?? 0 };
}
