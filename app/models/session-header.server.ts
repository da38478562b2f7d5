/**
 * What every page's header needs, in one query on `users` instead of three: the signed-in user
 * (as getSessionUser: active, at the cookie's session generation), the roles the main menu is
 * built from (as getRoleSources) and the number of unread notifications (as
 * countUnreadNotifications, on the same partial index). The root loader runs it through
 * app/auth.server.ts, which hands the user on to the page's loader for the same request.
 *
 * Every page runs one of these two queries, so they are built once per database handle (drizzle
 * prepared queries with placeholders) instead of composing their SQL text on every request.
 */
import { and, eq, sql, type Placeholder } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notifications, users } from "../../db/schema";
import type { RoleSources } from "~/domain/dashboard";
import type { SessionUser } from "~/domain/user";
import { roleSourceColumns, roleSourcesOf } from "./dashboard.server";
import { sessionColumns } from "./users.server";
import { preparedPerDb } from "./internal/prepared.server";

export interface SessionHeader {
  sources: RoleSources;
  unread: number;
}

function unreadColumn(userId: number | Placeholder) {
  return sql<number>`(select count(*)::int from ${notifications} n
    where n.user_id = ${userId} and n.read_at is null)`;
}

function prepareQueries(db: Db) {
  const userId = sql.placeholder("userId");
  const headerColumns = { unread: unreadColumn(userId), ...roleSourceColumns(userId) };
  return {
    userWithHeader: db
      .select({ ...sessionColumns, ...headerColumns })
      .from(users)
      .where(
        and(
          eq(users.id, userId),
          eq(users.active, true),
          eq(users.sessionGeneration, sql.placeholder("generation")),
        ),
      )
      .prepare("session_user_with_header"),
    header: db
      .select(headerColumns)
      .from(users)
      .where(eq(users.id, userId))
      .prepare("session_header"),
  };
}

const queriesFor = preparedPerDb(prepareQueries);

/** The user of a session cookie with the header's figures; null when the session has ended. */
export async function getSessionUserWithHeader(
  db: Db,
  userId: number,
  sessionGeneration: number,
): Promise<{ user: SessionUser; header: SessionHeader } | null> {
  const [row] = await queriesFor(db).userWithHeader.execute({
    userId,
    generation: sessionGeneration,
  });
  if (!row) return null;
  const { id, email, name, isAdmin, unread } = row;
  return {
    user: { id, email, name, isAdmin },
    header: { sources: roleSourcesOf(isAdmin, row), unread },
  };
}

/** The header's figures for a user already looked up for this request (one query). */
export async function getSessionHeader(db: Db, user: SessionUser): Promise<SessionHeader> {
  const [row] = await queriesFor(db).header.execute({ userId: user.id });
  return { sources: roleSourcesOf(user.isAdmin, row), unread: row?.unread ?? 0 };
}
