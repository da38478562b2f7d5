/**
 * Users, logins and memberships (plans and housing organisations). Managing users is for
 * administrators only.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import {
  organisationMemberships,
  organisations,
  planMemberships,
  plans,
  users,
} from "../../db/schema";
import type {
  OrganisationMembershipSchema,
  PlanMembershipSchema,
  SessionUser,
} from "~/domain/user";
import { getDummyHash, hashPassword, verifyPassword } from "~/password.server";
import { requireAdmin } from "./access.server";
import { recordAudit } from "./audit.server";
import { ConflictError, FieldValidationError, isUniqueViolation } from "./errors.server";

export const sessionColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  isAdmin: users.isAdmin,
};

/**
 * The active user with this id, for a session cookie of this generation; null once the session
 * has been ended (logout, new password, deactivation). One query per request.
 */
export async function getSessionUser(
  db: Db,
  userId: number,
  sessionGeneration: number,
): Promise<SessionUser | null> {
  const [user] = await db
    .select(sessionColumns)
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        eq(users.active, true),
        eq(users.sessionGeneration, sessionGeneration),
      ),
    );
  return user ?? null;
}

/**
 * Whom a command-line tool acts as: the active user with this e-mail, or, without one, the first
 * active administrator. Null when there is no such user.
 */
export async function getCommandLineUser(db: Db, email?: string): Promise<SessionUser | null> {
  const [user] = await db
    .select(sessionColumns)
    .from(users)
    .where(
      email
        ? and(eq(sql`lower(${users.email})`, email.trim().toLowerCase()), eq(users.active, true))
        : and(eq(users.isAdmin, true), eq(users.active, true)),
    )
    .orderBy(asc(users.id))
    .limit(1);
  return user ?? null;
}

/** A user who has just proved their password, with the generation their new session carries. */
export type LoginUser = SessionUser & { sessionGeneration: number };

/**
 * Ends every session of the user (logout), if the cookie's generation is still the current one:
 * a cookie that was already ended changes nothing.
 */
export async function endSessions(
  db: Db,
  userId: number,
  sessionGeneration: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .update(users)
      .set({ sessionGeneration: sql`${users.sessionGeneration} + 1` })
      .where(and(eq(users.id, userId), eq(users.sessionGeneration, sessionGeneration)))
      .returning({ id: users.id, sessionGeneration: users.sessionGeneration });
    if (!ended) return;
    await recordAudit(tx, {
      user: { id: userId },
      action: "user.logout",
      entityType: "user",
      entityId: userId,
      after: { sessionGeneration: ended.sessionGeneration },
    });
  });
}

/** Checks an email and password; null for an unknown user, a wrong password or an inactive user. */
export async function verifyLogin(
  db: Db,
  email: string,
  password: string,
): Promise<LoginUser | null> {
  const [user] = await db
    .select({
      ...sessionColumns,
      passwordHash: users.passwordHash,
      active: users.active,
      sessionGeneration: users.sessionGeneration,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  // Compare against a dummy hash for unknown users so the response time does not tell.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !ok || !user.active) return null;
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    sessionGeneration: user.sessionGeneration,
  };
}

/**
 * Writes a refused login to the audit trail: a wrong password (or unknown address, or inactive
 * user), and whether it started a block. The user is the account the e-mail belongs to, if any.
 */
export async function recordFailedLogin(
  db: Db,
  event: { email: string; address: string | null; blockedForMs: number },
): Promise<void> {
  const email = event.email.trim().toLowerCase().slice(0, 320);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email));
    await recordAudit(tx, {
      user: user ?? null,
      action: event.blockedForMs > 0 ? "login.failed+blocked" : "login.failed",
      entityType: "login",
      entityId: email,
      after: {
        address: event.address,
        blockedUntil:
          event.blockedForMs > 0 ? new Date(Date.now() + event.blockedForMs).toISOString() : null,
      },
    });
  });
}

export async function listUsers(db: Db, admin: SessionUser) {
  requireAdmin(admin);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isAdmin: users.isAdmin,
      active: users.active,
      lastLoginAt: users.lastLoginAt,
      planCount: sql<number>`(select count(*)::int from ${planMemberships} where ${planMemberships.userId} = ${users.id})`,
    })
    .from(users)
    .orderBy(asc(users.name));
  return rows;
}

export async function getUserForAdmin(db: Db, admin: SessionUser, userId: number) {
  requireAdmin(admin);
  const user = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { passwordHash: false },
    with: {
      planMemberships: {
        columns: { role: true },
        with: { plan: { columns: { id: true, name: true } } },
      },
      organisationMemberships: {
        columns: { id: true, role: true },
        with: {
          organisation: { columns: { id: true, name: true } },
          estate: { columns: { id: true, name: true } },
        },
      },
    },
  });
  return user ?? null;
}

export async function getMembershipOptions(db: Db) {
  const [planRows, orgRows] = await Promise.all([
    db.select({ id: plans.id, name: plans.name }).from(plans).orderBy(asc(plans.name)),
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        parentId: organisations.parentId,
      })
      .from(organisations)
      .where(sql`${organisations.kind} in ('housing_organisation', 'estate')`)
      .orderBy(asc(organisations.name)),
  ]);
  return {
    plans: planRows,
    housingOrganisations: orgRows.filter((o) => o.kind === "housing_organisation"),
    estates: orgRows.filter((o) => o.kind === "estate"),
  };
}

const DUPLICATE_EMAIL = { email: "Der findes allerede en bruger med denne e-mailadresse" };

export interface NewUser {
  name: string;
  email: string;
  password: string;
  isAdmin: boolean;
}

/**
 * Creates a user. `actor` null is the system (seed, command line); otherwise it must be an admin.
 */
export async function createUser(db: Db, actor: SessionUser | null, input: NewUser) {
  if (actor) requireAdmin(actor);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          name: input.name,
          email: input.email.toLowerCase(),
          passwordHash,
          isAdmin: input.isAdmin,
        })
        .returning(sessionColumns);
      if (!created) throw new Error("Insert returned no row");
      await recordAudit(tx, {
        user: actor,
        action: "user.create",
        entityType: "user",
        entityId: created.id,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldValidationError(DUPLICATE_EMAIL);
    throw error;
  }
}

export interface UserUpdate {
  name: string;
  email: string;
  isAdmin: boolean;
  active: boolean;
  password?: string;
}

export async function updateUser(
  db: Db,
  admin: SessionUser,
  userId: number,
  expectedVersion: number,
  input: UserUpdate,
) {
  requireAdmin(admin);
  if (userId === admin.id && (!input.isAdmin || !input.active)) {
    throw new FieldValidationError({
      isAdmin: "Du kan ikke fjerne din egen administratorrolle eller deaktivere dig selv",
    });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  // A new password or a deactivation ends every session the user has (on every device).
  const endsSessions = Boolean(passwordHash) || !input.active;
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select(sessionColumns).from(users).where(eq(users.id, userId));
      if (!before) throw new ConflictError("The user no longer exists");
      const [updated] = await tx
        .update(users)
        .set({
          name: input.name,
          email: input.email.toLowerCase(),
          isAdmin: input.isAdmin,
          active: input.active,
          ...(passwordHash ? { passwordHash } : {}),
          ...(endsSessions ? { sessionGeneration: sql`${users.sessionGeneration} + 1` } : {}),
          version: sql`${users.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(users.id, userId), eq(users.version, expectedVersion)))
        .returning({
          ...sessionColumns,
          active: users.active,
          sessionGeneration: users.sessionGeneration,
        });
      if (!updated) throw new ConflictError();
      await recordAudit(tx, {
        user: admin,
        action: passwordHash ? "user.update+password" : "user.update",
        entityType: "user",
        entityId: userId,
        before,
        after: updated,
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldValidationError(DUPLICATE_EMAIL);
    throw error;
  }
}

/** Gives the user a role on a plan (replacing any role they had there). */
export async function setPlanMembership(
  db: Db,
  actor: SessionUser | null,
  userId: number,
  membership: z.output<typeof PlanMembershipSchema>,
) {
  if (actor) requireAdmin(actor);
  await db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(eq(plans.id, membership.planId));
    if (!plan) throw new FieldValidationError({ planId: "Vælg en plan fra listen" });
    const [before] = await tx
      .select({ role: planMemberships.role })
      .from(planMemberships)
      .where(
        and(eq(planMemberships.planId, membership.planId), eq(planMemberships.userId, userId)),
      );
    await tx
      .insert(planMemberships)
      .values({ planId: membership.planId, userId, role: membership.role })
      .onConflictDoUpdate({
        target: [planMemberships.planId, planMemberships.userId],
        set: { role: membership.role },
      });
    await recordAudit(tx, {
      user: actor,
      action: "plan_membership.set",
      entityType: "plan_membership",
      entityId: `${membership.planId}:${userId}`,
      planId: membership.planId,
      before: before ?? null,
      after: { role: membership.role },
    });
  });
}

export async function removePlanMembership(
  db: Db,
  admin: SessionUser,
  userId: number,
  planId: number,
) {
  requireAdmin(admin);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(planMemberships)
      .where(and(eq(planMemberships.planId, planId), eq(planMemberships.userId, userId)))
      .returning();
    if (!removed) return;
    await recordAudit(tx, {
      user: admin,
      action: "plan_membership.remove",
      entityType: "plan_membership",
      entityId: `${planId}:${userId}`,
      planId,
      before: removed,
    });
  });
}

export async function addOrganisationMembership(
  db: Db,
  actor: SessionUser | null,
  userId: number,
  membership: z.output<typeof OrganisationMembershipSchema>,
) {
  if (actor) requireAdmin(actor);
  try {
    await db.transaction(async (tx) => {
      const rows = await tx
        .select({
          id: organisations.id,
          kind: organisations.kind,
          parentId: organisations.parentId,
        })
        .from(organisations)
        .where(
          sql`${organisations.id} in (${membership.organisationId}, ${membership.estateId ?? 0})`,
        );
      const org = rows.find((r) => r.id === membership.organisationId);
      if (org?.kind !== "housing_organisation") {
        throw new FieldValidationError({ organisationId: "Vælg en boligorganisation fra listen" });
      }
      if (membership.estateId != null) {
        const estate = rows.find((r) => r.id === membership.estateId);
        if (estate?.kind !== "estate" || estate.parentId !== membership.organisationId) {
          throw new FieldValidationError({
            estateId: "Vælg en afdeling, der hører til boligorganisationen",
          });
        }
      }
      const [created] = await tx
        .insert(organisationMemberships)
        .values({ ...membership, userId })
        .returning();
      await recordAudit(tx, {
        user: actor,
        action: "organisation_membership.add",
        entityType: "organisation_membership",
        entityId: created!.id,
        after: created,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new FieldValidationError({ role: "Brugeren har allerede denne rolle" });
    }
    throw error;
  }
}

export async function removeOrganisationMembership(
  db: Db,
  admin: SessionUser,
  userId: number,
  membershipId: number,
) {
  requireAdmin(admin);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(organisationMemberships)
      .where(
        and(
          eq(organisationMemberships.id, membershipId),
          eq(organisationMemberships.userId, userId),
        ),
      )
      .returning();
    if (!removed) return;
    await recordAudit(tx, {
      user: admin,
      action: "organisation_membership.remove",
      entityType: "organisation_membership",
      entityId: membershipId,
      before: removed,
    });
  });
}
