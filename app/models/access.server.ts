/**
 * Who may see and change what. Every model function that touches a plan's data goes through these
 * checks; a user who is not a member of a plan gets 404 (the plan's existence is not revealed), a
 * member whose role does not allow the action gets 403.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreements, planMemberships, plans, selfEvaluations } from "../../db/schema";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { ForbiddenError, NotFoundError } from "./errors.server";

/**
 * Role look-ups in flight, per user object (app/auth.server.ts makes one per request) and database
 * handle: a page whose loader checks the same plan in several parallel model calls asks once. An
 * entry is dropped when its query settles, so a check made after a write (say, a role changed by
 * an action) always reads the database again.
 */
const rolesInFlight = new WeakMap<SessionUser, Map<string, Promise<PlanAccessRole | null>>>();
const handleIds = new WeakMap<Db, number>();
let nextHandleId = 1;

function handleId(db: Db): number {
  let id = handleIds.get(db);
  if (id === undefined) handleIds.set(db, (id = nextHandleId++));
  return id;
}

async function queryPlanRole(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<PlanAccessRole | null> {
  if (user.isAdmin) {
    const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
    return plan ? "admin" : null;
  }
  const [membership] = await db
    .select({ role: planMemberships.role })
    .from(planMemberships)
    .where(and(eq(planMemberships.planId, planId), eq(planMemberships.userId, user.id)));
  return membership?.role ?? null;
}

/** The user's effective role on a plan, or null when they may not see it (or it does not exist). */
export function getPlanRole(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<PlanAccessRole | null> {
  let pending = rolesInFlight.get(user);
  if (!pending) rolesInFlight.set(user, (pending = new Map()));
  const key = `${handleId(db)}:${planId}:${user.id}:${user.isAdmin}`;
  const known = pending.get(key);
  if (known) return known;
  const lookup = queryPlanRole(db, user, planId);
  pending.set(key, lookup);
  const forget = () => {
    if (pending.get(key) === lookup) pending.delete(key);
  };
  lookup.then(forget, forget);
  return lookup;
}

/**
 * Requires that the user may act on the plan in one of `allowed` roles (admins always may).
 * Throws 404 for non-members and 403 for members without a fitting role.
 */
export async function requirePlanRole(
  db: Db,
  user: SessionUser,
  planId: number,
  allowed?: readonly PlanAccessRole[],
): Promise<PlanAccessRole> {
  const role = await getPlanRole(db, user, planId);
  if (!role) throw new NotFoundError("Planen findes ikke, eller du har ikke adgang til den");
  if (role !== "admin" && allowed && !allowed.includes(role)) throw new ForbiddenError();
  return role;
}

/**
 * The plan an agreement belongs to (as `{ planId }`), or null when there is no such agreement. For
 * access checks that must answer 404 for another plan's agreement before they look at roles.
 */
async function getAgreementPlanId(db: Db, agreementId: number): Promise<{ planId: number } | null> {
  const [row] = await db
    .select({ planId: agreements.planId })
    .from(agreements)
    .where(eq(agreements.id, agreementId));
  return row ?? null;
}

/**
 * The plan role of a user acting on something inside the plan (an agreement, a self-evaluation),
 * checked in the order that reveals nothing: 404 for a plan the user cannot see, 404 for a thing
 * that is not this plan's (whatever the user's role), and only then 403 for a role that may not.
 * Call it before reading a form.
 */
export async function requireRoleInPlan(
  db: Db,
  user: SessionUser,
  planId: number,
  owner: () => Promise<{ planId: number } | null | undefined>,
  missing: string,
  allowed?: readonly PlanAccessRole[],
): Promise<PlanAccessRole> {
  const role = await requirePlanRole(db, user, planId);
  const found = await owner();
  if (!found || found.planId !== planId) throw new NotFoundError(missing);
  if (role !== "admin" && allowed && !allowed.includes(role)) throw new ForbiddenError();
  return role;
}

/** The user's role for an agreement of the plan (see requireRoleInPlan). */
export function requireAgreementRole(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  allowed?: readonly PlanAccessRole[],
): Promise<PlanAccessRole> {
  const owner = () => getAgreementPlanId(db, agreementId);
  return requireRoleInPlan(db, user, planId, owner, "Delaftalen findes ikke", allowed);
}

/** The user's role for a self-evaluation of the plan (see requireRoleInPlan). */
export function requireSelfEvaluationRole(
  db: Db,
  user: SessionUser,
  planId: number,
  evaluationId: number,
  allowed?: readonly PlanAccessRole[],
): Promise<PlanAccessRole> {
  const owner = async () => {
    const [evaluation] = await db
      .select({ planId: selfEvaluations.planId })
      .from(selfEvaluations)
      .where(eq(selfEvaluations.id, evaluationId));
    return evaluation;
  };
  return requireRoleInPlan(db, user, planId, owner, "Selvevalueringen findes ikke", allowed);
}

export function requireAdmin(user: SessionUser): void {
  if (!user.isAdmin) throw new ForbiddenError("Kun administratorer har adgang til denne side");
}

/** Whether the user may edit the shared register and create plans (admin, or secretariat anywhere). */
export async function isSecretariatAnywhere(db: Db, user: SessionUser): Promise<boolean> {
  if (user.isAdmin) return true;
  const [row] = await db
    .select({ planId: planMemberships.planId })
    .from(planMemberships)
    .where(and(eq(planMemberships.userId, user.id), eq(planMemberships.role, "secretariat")))
    .limit(1);
  return Boolean(row);
}

export async function requireRegisterEditor(db: Db, user: SessionUser): Promise<void> {
  if (!(await isSecretariatAnywhere(db, user))) {
    throw new ForbiddenError("Kun sekretariatet og administratorer kan ændre registret");
  }
}
