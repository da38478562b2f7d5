/**
 * Reading agreements (delaftaler) for members of their plan: the document view, the plan's list
 * with budget totals, the focus areas a new agreement may take, and the register's options for the
 * edit forms.
 */
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  agreements,
  budgetAmounts,
  focusAreas,
  fundingSources,
  organisations,
  people,
  plans,
  successCriteria,
} from "../../../db/schema";
import {
  buildAgreementView,
  type AgreementRecord,
  type AgreementView,
} from "~/domain/agreement-view";
import { summarisePlanBudget } from "~/domain/budget";
import type { EditLock } from "~/domain/edit-lock";
import type { PlanAccessRole } from "~/domain/roles";
import type { CommentThreadView } from "~/domain/comments";
import type { AgreementStatus } from "~/domain/status-words";
import type { SessionUser } from "~/domain/user";
import { requireAgreementRole, requirePlanRole, requireRoleInPlan } from "../access.server";
import { NotFoundError } from "../errors.server";
import {
  loadAgreementRecord,
  loadPlanAgreementRecords,
} from "../internal/agreement-records.server";
import { AGREEMENT_EDITORS, findDraftLock } from "../internal/agreement-draft.server";
import {
  agreementStatusColumns,
  selectAgreementStatuses,
  selectVersions,
  toAgreementStatus,
} from "../internal/agreement-versions.server";
import { listOpenThreads } from "../comments.server";
import { revisionColumns, toRevisionState, type RevisionState } from "../revisions.server";
import { preparedPerDb } from "../internal/prepared.server";

export interface AgreementPage {
  role: PlanAccessRole;
  /** Its statusLabel is the agreement's state (status-words.ts). */
  view: AgreementView;
  status: AgreementStatus;
  updatedAt: string;
}

/** The document view for the agreement page and Word; members of the plan only. */
export async function getAgreementView(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<AgreementPage> {
  const role = await requirePlanRole(db, user, planId);
  const [record, statuses] = await Promise.all([
    loadAgreementRecord(db, agreementId),
    selectAgreementStatuses(db, eq(agreements.id, agreementId)),
  ]);
  if (!record || record.planId !== planId) throw new NotFoundError("Delaftalen findes ikke");
  return agreementPage(role, record, statuses.get(agreementId)!);
}

/** The agreement page's state and revision columns: its SQL built once per database handle. */
function preparePageColumns(db: Db) {
  return db
    .select({ ...agreementStatusColumns, ...revisionColumns })
    .from(agreements)
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .where(
      and(
        eq(agreements.id, sql.placeholder("agreementId")),
        eq(agreements.planId, sql.placeholder("planId")),
      ),
    )
    .prepare("agreement_page_columns");
}

const pageColumnsQuery = preparedPerDb(preparePageColumns);

/**
 * Everything the agreement page shows, in five queries whatever the agreement's size: the role,
 * then together the stored agreement, its state with the revision columns (one row of this plan's
 * agreement), its versions and its open comment threads. What getAgreementView, getRevisionState
 * and getOpenComments give, without each checking the role and the agreement again.
 */
export async function getAgreementPage(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<AgreementPage & { revision: RevisionState; comments: CommentThreadView[] }> {
  const role = await requirePlanRole(db, user, planId);
  const [record, [columns], versions, comments] = await Promise.all([
    loadAgreementRecord(db, agreementId),
    pageColumnsQuery(db).execute({ agreementId, planId }),
    selectVersions(db, agreementId),
    listOpenThreads(db, agreementId),
  ]);
  // Another plan's agreement: nothing read above leaves this function.
  if (!record || !columns || record.planId !== planId) {
    throw new NotFoundError("Delaftalen findes ikke");
  }
  return {
    ...agreementPage(role, record, toAgreementStatus(columns)),
    revision: toRevisionState(role, versions, columns),
    comments,
  };
}

function agreementPage(
  role: PlanAccessRole,
  record: AgreementRecord,
  status: AgreementStatus,
): AgreementPage {
  return {
    role,
    view: buildAgreementView(record, status.label),
    status,
    updatedAt: record.updatedAt,
  };
}

/**
 * The stored agreement for its edit pages (secretariat and admins). Checked in the order that
 * reveals nothing: 404 for a plan the user cannot see, 404 for an agreement that is not this
 * plan's (whatever the role), then 403 for a role that may not edit.
 */
export async function getAgreementForEdit(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<AgreementRecord> {
  const loaded: { record?: AgreementRecord | null } = {};
  await requireRoleInPlan(
    db,
    user,
    planId,
    async () => (loaded.record = await loadAgreementRecord(db, agreementId)),
    "Delaftalen findes ikke",
    AGREEMENT_EDITORS,
  );
  return loaded.record!;
}

/**
 * The stored agreement for an edit page and whether it may be changed now (null) or why not
 * (a proposed version awaits the board): the page shows the lock on opening. Access as above.
 */
export async function getAgreementEditPage(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<{ record: AgreementRecord; lock: EditLock | null }> {
  const record = await getAgreementForEdit(db, user, planId, agreementId);
  return { record, lock: await findDraftLock(db, agreementId) };
}

/** Checks that the user may edit this agreement of this plan (404 before 403, as above). */
export async function requireAgreementEditor(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<void> {
  await requireAgreementRole(db, user, planId, agreementId, AGREEMENT_EDITORS);
}

/**
 * An agreement's document view found by its id alone (the command-line export, which does not
 * know the plan); the user must be able to see the agreement's plan. NotFoundError otherwise.
 */
export async function getAgreementViewById(
  db: Db,
  user: SessionUser,
  agreementId: number,
): Promise<AgreementPage> {
  const [record, statuses] = await Promise.all([
    loadAgreementRecord(db, agreementId),
    selectAgreementStatuses(db, eq(agreements.id, agreementId)),
  ]);
  if (!record) throw new NotFoundError("Delaftalen findes ikke");
  const role = await requirePlanRole(db, user, record.planId);
  return agreementPage(role, record, statuses.get(agreementId)!);
}

/** Every agreement of the plan as a document view (in focus-area order), for the plan's Word. */
export async function getPlanAgreementViews(db: Db, user: SessionUser, planId: number) {
  await requirePlanRole(db, user, planId);
  const [{ plan, records }, statuses] = await Promise.all([
    loadPlanAgreementRecords(db, planId),
    selectAgreementStatuses(db, eq(agreements.planId, planId)),
  ]);
  if (!plan) throw new NotFoundError();
  return { plan, views: records.map((r) => buildAgreementView(r, statuses.get(r.id)?.label)) };
}

export interface AgreementSummary {
  id: number;
  focusArea: string;
  validFrom: string;
  validTo: string;
  lbf: number;
  local: number;
  activityCount: number;
  criterionCount: number;
  /** The agreement's state (status-words.ts), computed in the list's one query. */
  status: AgreementStatus;
}

/** The plan's agreements with their budget totals: one query. The caller checks access. */
async function listAgreementsForPlan(db: Db, planId: number): Promise<AgreementSummary[]> {
  // A source's total is its yearly amounts when it has any, else its period total (R1 and R2 hold
  // on whichever figures exist).
  const sourcesSum = (kind: SQL) => sql<number>`coalesce((select sum(coalesce(
        (select sum(${budgetAmounts.amount}) from ${budgetAmounts}
          where ${budgetAmounts.fundingSourceId} = ${fundingSources.id}),
        ${fundingSources.periodTotal}, 0))
      from ${fundingSources}
      where ${fundingSources.agreementId} = ${agreements.id} and ${fundingSources.retiredAt} is null
        and ${kind}), 0)::bigint`;
  const lbfSum = sourcesSum(sql`${fundingSources.kind} = 'lbf'`);
  const localSum = sourcesSum(sql`${fundingSources.kind} <> 'lbf'`);
  const rows = await db
    .select({
      id: agreements.id,
      focusArea: focusAreas.name,
      position: focusAreas.position,
      validFrom: agreements.validFrom,
      validTo: agreements.validTo,
      lbf: lbfSum,
      local: localSum,
      activityCount: sql<number>`(select count(*)::int from ${activities} where ${activities.agreementId} = ${agreements.id} and ${activities.retiredAt} is null)`,
      criterionCount: sql<number>`(select count(*)::int from ${successCriteria} where ${successCriteria.agreementId} = ${agreements.id} and ${successCriteria.retiredAt} is null)`,
      ...agreementStatusColumns,
    })
    .from(agreements)
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .where(eq(agreements.planId, planId))
    .orderBy(asc(focusAreas.position));
  return rows.map(({ position: _position, statusVersions, statusRevising, ...r }) => ({
    ...r,
    lbf: Number(r.lbf),
    local: Number(r.local),
    status: toAgreementStatus({ statusVersions, statusRevising }),
  }));
}

/** The plan's agreements with their budget totals and the plan's budget, for its members. */
export async function getPlanAgreements(db: Db, user: SessionUser, planId: number) {
  await requirePlanRole(db, user, planId);
  const list = await listAgreementsForPlan(db, planId);
  return { agreements: list, budget: summarisePlanBudget(list) };
}

/**
 * For a new agreement (secretariat and admins): the plan's name and period, and the focus areas of
 * its funding round, marking those that already have an agreement.
 */
export async function listFocusAreaOptions(db: Db, user: SessionUser, planId: number) {
  await requirePlanRole(db, user, planId, AGREEMENT_EDITORS);
  const [plan] = await db
    .select({
      name: plans.name,
      fundingRoundId: plans.fundingRoundId,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      templateEdition: plans.templateEdition,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError();
  // A join, not an `exists` in the select list: drizzle writes a single-table select's columns
  // without their table there, so the subquery compared the agreement's own id.
  const rows = await db
    .select({
      id: focusAreas.id,
      name: focusAreas.name,
      taken: sql<boolean>`${agreements.id} is not null`,
    })
    .from(focusAreas)
    .leftJoin(
      agreements,
      and(eq(agreements.focusAreaId, focusAreas.id), eq(agreements.planId, planId)),
    )
    .where(eq(focusAreas.fundingRoundId, plan.fundingRoundId))
    .orderBy(asc(focusAreas.position));
  return { plan, focusAreas: rows };
}

/** Organisations and people for the selects of the agreement forms. */
export async function getRegisterOptions(db: Db) {
  const [orgs, persons] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
      .from(organisations)
      .orderBy(asc(organisations.name)),
    db
      .select({
        id: people.id,
        name: people.name,
        title: people.title,
        organisationName: organisations.name,
      })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .orderBy(asc(people.name)),
  ]);
  return { organisations: orgs, people: persons };
}
