/**
 * The audit trail: every write records who did what, when, with the values before and after, in
 * the same transaction as the write itself.
 */
import { auditEvents } from "../../db/schema";
import type { Db } from "../../db/client";
import type { SessionUser } from "~/domain/user";

export interface AuditInput {
  user: Pick<SessionUser, "id"> | null;
  action: string;
  entityType: string;
  entityId: string | number;
  planId?: number | null;
  before?: unknown;
  after?: unknown;
  /** When it happened; the database's now() unless a model was given an explicit time. */
  at?: Date;
}

/** JSON-safe copy (dates as ISO strings, no password hashes). */
function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === "passwordHash" ? undefined : v)),
  );
}

export async function recordAudit(tx: Db, event: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    userId: event.user?.id ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: String(event.entityId),
    planId: event.planId ?? null,
    before: toJson(event.before),
    after: toJson(event.after),
    ...(event.at ? { at: event.at } : {}),
  });
}
