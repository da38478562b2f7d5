/**
 * Self-evaluations (selvevalueringer) of a plan's grants: list, read, create, update and delete.
 * Members of the plan read them; reporters, the secretariat and admins write them. A
 * self-evaluation of another plan is a 404, like a plan the user is not a member of. Updates and
 * deletes carry the version the form was loaded with (a stale one is a ConflictError, so nothing
 * is overwritten unseen); every write is audited with the values before and after in the same
 * transaction.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { plans, selfEvaluations } from "../../db/schema";
import type { RichText } from "~/domain/rich-text";
import type { PlanAccessRole } from "~/domain/roles";
import {
  buildSelfEvaluationView,
  canEditSelfEvaluation,
  findQuestionSet,
  QUESTION_SET_MESSAGE,
  requireQuestionSet,
  SELF_EVALUATION_EDITOR_ROLES,
  type SelfEvaluationRecord,
  type SelfEvaluationValues,
  type SelfEvaluationView,
  type StoredAnswer,
} from "~/domain/self-evaluation";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { recordAudit } from "./audit.server";
import { ConflictError, FieldValidationError, NotFoundError } from "./errors.server";

export { SELF_EVALUATION_EDITOR_ROLES };

const NOT_FOUND_MESSAGE = "Selvevalueringen findes ikke";

const recordColumns = {
  id: selfEvaluations.id,
  planId: selfEvaluations.planId,
  planName: plans.name,
  questionSet: selfEvaluations.questionSet,
  funder: selfEvaluations.funder,
  title: selfEvaluations.title,
  description: selfEvaluations.description,
  recipient: selfEvaluations.recipient,
  region: selfEvaluations.region,
  grantType: selfEvaluations.grantType,
  amount: selfEvaluations.amount,
  grantYear: selfEvaluations.grantYear,
  dueDate: selfEvaluations.dueDate,
  subGoal: selfEvaluations.subGoal,
  targetGroups: selfEvaluations.targetGroups,
  answers: selfEvaluations.answers,
  version: selfEvaluations.version,
  updatedAt: selfEvaluations.updatedAt,
};

function selectRecords(db: Db) {
  return db
    .select(recordColumns)
    .from(selfEvaluations)
    .innerJoin(plans, eq(plans.id, selfEvaluations.planId));
}
type RecordRow = Awaited<ReturnType<typeof selectRecords>>[number];

function toRecord(row: RecordRow): SelfEvaluationRecord {
  return {
    ...row,
    description: (row.description as RichText | null) ?? null,
    amount: row.amount == null ? null : Number(row.amount),
  };
}

/** The view of a stored row; a question set missing from the registry fails loudly. */
function toView(row: RecordRow): SelfEvaluationView {
  return buildSelfEvaluationView(toRecord(row), requireQuestionSet(row.questionSet));
}

export interface SelfEvaluationSummary {
  id: number;
  title: string;
  funder: string;
  questionSetName: string;
  grantYear: number | null;
  amount: number | null;
  complete: boolean;
  done: number;
  total: number;
}

export interface SelfEvaluationList {
  role: PlanAccessRole;
  canEdit: boolean;
  plan: { id: number; name: string };
  evaluations: SelfEvaluationSummary[];
}

/**
 * The plan's self-evaluations, newest grant year first, for members of the plan. Three queries
 * whatever the number of self-evaluations: the role check, the plan and the list.
 */
export async function listSelfEvaluations(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<SelfEvaluationList> {
  const role = await requirePlanRole(db, user, planId);
  const [[plan], rows] = await Promise.all([
    db.select({ id: plans.id, name: plans.name }).from(plans).where(eq(plans.id, planId)),
    selectRecords(db)
      .where(eq(selfEvaluations.planId, planId))
      .orderBy(
        sql`${selfEvaluations.grantYear} desc nulls first`,
        asc(selfEvaluations.title),
        desc(selfEvaluations.id),
      ),
  ]);
  if (!plan) throw new NotFoundError();
  return {
    role,
    canEdit: canEditSelfEvaluation(role),
    plan,
    evaluations: rows.map((row) => {
      const view = toView(row);
      return {
        id: view.id,
        title: view.title,
        funder: view.funder,
        questionSetName: view.questionSet.name,
        grantYear: view.grantYear,
        amount: view.amount,
        complete: view.completeness.complete,
        done: view.completeness.done,
        total: view.completeness.total,
      };
    }),
  };
}

export interface SelfEvaluationPage {
  role: PlanAccessRole;
  canEdit: boolean;
  view: SelfEvaluationView;
}

/**
 * One self-evaluation of the plan for its members; another plan's (or a missing) one is a 404.
 * Two queries: the role check and the row with its plan's name.
 */
export async function getSelfEvaluation(
  db: Db,
  user: SessionUser,
  planId: number,
  evaluationId: number,
): Promise<SelfEvaluationPage> {
  const role = await requirePlanRole(db, user, planId);
  const [row] = await selectRecords(db).where(
    and(eq(selfEvaluations.id, evaluationId), eq(selfEvaluations.planId, planId)),
  );
  if (!row) throw new NotFoundError(NOT_FOUND_MESSAGE);
  return { role, canEdit: canEditSelfEvaluation(role), view: toView(row) };
}

/** The plan's name, for the "new self-evaluation" page; only for those who may write. */
export async function getSelfEvaluationPlan(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<{ id: number; name: string }> {
  await requirePlanRole(db, user, planId, SELF_EVALUATION_EDITOR_ROLES);
  const [plan] = await db
    .select({ id: plans.id, name: plans.name })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError();
  return plan;
}

function columnsOf(values: SelfEvaluationValues) {
  return {
    funder: values.funder,
    title: values.title,
    description: values.description.blocks.length ? values.description : null,
    recipient: values.recipient,
    region: values.region,
    grantType: values.grantType,
    amount: values.amount,
    grantYear: values.grantYear,
    dueDate: values.dueDate ?? null,
    subGoal: values.subGoal,
    targetGroups: values.targetGroups,
  };
}

function answersOf(values: SelfEvaluationValues): Record<string, StoredAnswer> {
  return Object.fromEntries(
    Object.entries(values.answers).map(([key, a]) => [
      key,
      { rating: a.rating, narrative: a.narrative },
    ]),
  );
}

/** What the audit trail keeps of a stored row: the record without the plan's name and the time. */
const {
  planId: _planId,
  planName: _planName,
  updatedAt: _updatedAt,
  ...auditColumns
} = recordColumns;

/**
 * Creates a self-evaluation with the question set `questionSetKey` (an unknown key is a 400 on
 * the field) and returns its id.
 */
export async function createSelfEvaluation(
  db: Db,
  user: SessionUser,
  planId: number,
  questionSetKey: string,
  values: SelfEvaluationValues,
): Promise<{ id: number }> {
  await requirePlanRole(db, user, planId, SELF_EVALUATION_EDITOR_ROLES);
  const set = findQuestionSet(questionSetKey);
  if (!set) throw new FieldValidationError({ questionSet: QUESTION_SET_MESSAGE });
  const known = new Set(set.questions.map((q) => q.key));
  const answers = Object.fromEntries(
    Object.entries(answersOf(values)).filter(([key]) => known.has(key)),
  );
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(selfEvaluations)
      .values({
        planId,
        questionSet: set.key,
        ...columnsOf(values),
        answers,
        createdBy: user.id,
      })
      .returning(auditColumns);
    await recordAudit(tx, {
      user,
      action: "self_evaluation.create",
      entityType: "self_evaluation",
      entityId: created!.id,
      planId,
      before: null,
      after: created,
    });
    return { id: created!.id };
  });
}

/**
 * Saves the form over the stored self-evaluation if it still has `expectedVersion`, and bumps
 * the version. Answers to questions the set no longer asks are kept as they are.
 */
export async function updateSelfEvaluation(
  db: Db,
  user: SessionUser,
  planId: number,
  evaluationId: number,
  expectedVersion: number,
  values: SelfEvaluationValues,
): Promise<void> {
  await requirePlanRole(db, user, planId, SELF_EVALUATION_EDITOR_ROLES);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select(auditColumns)
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.id, evaluationId), eq(selfEvaluations.planId, planId)));
    if (!before) throw new NotFoundError(NOT_FOUND_MESSAGE);
    const set = requireQuestionSet(before.questionSet);
    const known = new Set(set.questions.map((q) => q.key));
    const submitted = Object.entries(answersOf(values)).filter(([key]) => known.has(key));
    const [updated] = await tx
      .update(selfEvaluations)
      .set({
        ...columnsOf(values),
        answers: { ...before.answers, ...Object.fromEntries(submitted) },
        version: sql`${selfEvaluations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(eq(selfEvaluations.id, evaluationId), eq(selfEvaluations.version, expectedVersion)),
      )
      .returning(auditColumns);
    if (!updated) throw new ConflictError("The self-evaluation changed since the form was loaded");
    await recordAudit(tx, {
      user,
      action: "self_evaluation.update",
      entityType: "self_evaluation",
      entityId: evaluationId,
      planId,
      before,
      after: updated,
    });
  });
}

/** Deletes the self-evaluation if it still has `expectedVersion` (what the user saw). */
export async function deleteSelfEvaluation(
  db: Db,
  user: SessionUser,
  planId: number,
  evaluationId: number,
  expectedVersion: number,
): Promise<void> {
  await requirePlanRole(db, user, planId, SELF_EVALUATION_EDITOR_ROLES);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select(auditColumns)
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.id, evaluationId), eq(selfEvaluations.planId, planId)));
    if (!before) throw new NotFoundError(NOT_FOUND_MESSAGE);
    const deleted = await tx
      .delete(selfEvaluations)
      .where(
        and(eq(selfEvaluations.id, evaluationId), eq(selfEvaluations.version, expectedVersion)),
      )
      .returning({ id: selfEvaluations.id });
    if (!deleted.length) {
      throw new ConflictError("The self-evaluation changed since the page was loaded");
    }
    await recordAudit(tx, {
      user,
      action: "self_evaluation.delete",
      entityType: "self_evaluation",
      entityId: evaluationId,
      planId,
      before,
      after: null,
    });
  });
}
