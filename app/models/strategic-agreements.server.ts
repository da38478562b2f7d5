/**
 * The plan's strategic agreement (strategisk samarbejdsaftale, issue 14 item 1): its working
 * content (edited by the secretariat with an optimistic lock), and its versions: submitted
 * (proposed, the content locked), decided by the board, then awaiting the fund's approval (R6)
 * until the secretariat records it (approved, the previous one superseded) or the fund's refusal.
 * Every write is one transaction with an audit event. The budget is never typed: it is summed
 * from the delaftaler (app/domain/budget.ts) whenever the view is built.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  focusAreas,
  organisations,
  plans,
  strategicAgreements,
  strategicAgreementVersions,
  users,
} from "../../db/schema";
import { buildAgreementView } from "~/domain/agreement-view";
import type { PlanAccessRole } from "~/domain/roles";
import {
  buildStrategicAgreementView,
  contentFromForm,
  diffStrategicViews,
  strategicVersionLabel,
  STRATEGIC_DECIDERS,
  STRATEGIC_EDITORS,
  type FundDecisionSchema,
  type FundSentSchema,
  type StrategicAgreementView,
  type StrategicDecisionSchema,
  type StrategicFormValues,
  type StrategicState,
  type StrategicVersionInfo,
  type StrategicVersionStatus,
  type SubmitStrategicSchema,
} from "~/domain/strategic-agreement";
import { emptyStrategicContent, type StrategicContent } from "~/domain/strategic-agreement-content";
import { formatDate } from "~/domain/format";
import type { SessionUser } from "~/domain/user";
import type { z } from "~/domain/zod";
import { requirePlanRole, requireRoleInPlan } from "./access.server";
import { recordAudit } from "./audit.server";
import { notify, type NotifyInput } from "./notifications.server";
import {
  ConflictError,
  FieldValidationError,
  isUniqueViolation,
  LockedError,
  NotFoundError,
} from "./errors.server";
import { loadPlanAgreementRecords } from "./internal/agreement-records.server";

const submitter = alias(users, "strategic_submitter");
const decider = alias(users, "strategic_decider");

/** Dates and times as ISO strings in UTC (the same on both drivers). */
const isoTime = (column: unknown) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

async function loadAgreementRow(db: Db, planId: number) {
  const [row] = await db
    .select()
    .from(strategicAgreements)
    .where(eq(strategicAgreements.planId, planId));
  return row ?? null;
}

/** The versions of a strategic agreement, newest first, without snapshots. One query. */
async function selectVersions(db: Db, strategicAgreementId: number) {
  const rows = await db
    .select({
      id: strategicAgreementVersions.id,
      number: strategicAgreementVersions.number,
      status: strategicAgreementVersions.status,
      summary: strategicAgreementVersions.summary,
      submittedAt: isoTime(strategicAgreementVersions.submittedAt),
      submittedBy: submitter.name,
      decidedAt: sql<
        string | null
      >`to_char(${strategicAgreementVersions.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      decidedBy: decider.name,
      meetingDate: strategicAgreementVersions.meetingDate,
      decisionNote: strategicAgreementVersions.decisionNote,
      fundSentAt: strategicAgreementVersions.fundSentAt,
      fundApprovedAt: strategicAgreementVersions.fundApprovedAt,
      fundReference: strategicAgreementVersions.fundReference,
    })
    .from(strategicAgreementVersions)
    .leftJoin(submitter, eq(submitter.id, strategicAgreementVersions.submittedBy))
    .leftJoin(decider, eq(decider.id, strategicAgreementVersions.decidedBy))
    .where(eq(strategicAgreementVersions.strategicAgreementId, strategicAgreementId))
    .orderBy(desc(strategicAgreementVersions.number));
  return rows.map((r) => ({ ...r, label: strategicVersionLabel(r) }));
}
export type StrategicVersionRow = Awaited<ReturnType<typeof selectVersions>>[number];

/** Everything the view builder needs besides the content, in a fixed number of queries. */
async function loadViewInput(db: Db, planId: number, content: StrategicContent) {
  const plan = await db.query.plans.findFirst({
    where: eq(plans.id, planId),
    columns: { id: true, name: true, periodStart: true, periodEnd: true, fundingRoundId: true },
    with: { fundingRound: { columns: { name: true } } },
  });
  if (!plan) throw new NotFoundError("Planen findes ikke");
  const areas = await db
    .select({ id: focusAreas.id, name: focusAreas.name })
    .from(focusAreas)
    .where(eq(focusAreas.fundingRoundId, plan.fundingRoundId))
    .orderBy(asc(focusAreas.position));
  const { records } = await loadPlanAgreementRecords(db, planId);
  const { nameMap } = await organisationNamesOf(db, content);
  return {
    plan: {
      id: plan.id,
      name: plan.name,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
    },
    fundingRound: plan.fundingRound.name,
    focusAreas: areas,
    organisationNames: nameMap,
    agreements: records.map((r) => {
      const view = buildAgreementView(r);
      return {
        focusAreaId: r.focusArea.id,
        focusArea: r.focusArea.name,
        workingGroups: view.workingGroups,
        budget: view.budget,
      };
    }),
  };
}

async function buildDraftView(db: Db, planId: number, content: StrategicContent) {
  return buildStrategicAgreementView(content, await loadViewInput(db, planId, content));
}

/** A frozen version's view, with its number, status and approval as they stand now. */
function versionView(snapshot: unknown, row: StrategicVersionRow): StrategicAgreementView {
  const view = snapshot as StrategicAgreementView;
  return {
    ...view,
    source: "version",
    versionNumber: row.number,
    versionStatus: row.status,
    statusLabel: row.label,
    approval:
      row.status === "approved" || row.status === "superseded" || row.status === "awaiting_fund"
        ? {
            meetingDate: row.meetingDate,
            fundApprovedAt: row.fundApprovedAt,
            fundReference: row.fundReference,
          }
        : null,
  };
}

async function loadSnapshot(db: Db, versionId: number): Promise<unknown> {
  const [row] = await db
    .select({ snapshot: strategicAgreementVersions.snapshot })
    .from(strategicAgreementVersions)
    .where(eq(strategicAgreementVersions.id, versionId));
  return row?.snapshot;
}

function stateOf(versions: StrategicVersionRow[]): StrategicState {
  if (versions.some((v) => v.status === "proposed")) return "proposed";
  if (versions.some((v) => v.status === "awaiting_fund")) return "awaiting_fund";
  if (versions.some((v) => v.status === "approved")) return "approved";
  return "draft";
}

function toInfo(v: StrategicVersionRow): StrategicVersionInfo & { label: string } {
  const { id: _id, ...rest } = v;
  return rest;
}

// --- reading ----------------------------------------------------------------------------------

/** The working content (every member of the plan), or null when the plan has none yet. */
export async function getStrategicContent(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<StrategicContent | null> {
  await requirePlanRole(db, user, planId);
  return (await loadAgreementRow(db, planId))?.content ?? null;
}

/**
 * For the package: the version in effect when there is one, else the working draft (the view's
 * `source` says which). Null when the plan has no strategic agreement yet. Every member.
 */
export async function getStrategicAgreementForPackage(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<StrategicAgreementView | null> {
  await requirePlanRole(db, user, planId);
  const row = await loadAgreementRow(db, planId);
  if (!row) return null;
  const versions = await selectVersions(db, row.id);
  const current = versions.find((v) => v.status === "approved");
  if (current) return versionView(await loadSnapshot(db, current.id), current);
  return buildDraftView(db, planId, row.content);
}

export interface StrategicPage {
  role: PlanAccessRole;
  planName: string;
  exists: boolean;
  state: StrategicState;
  /** The working draft as a document (empty content when none is stored yet). */
  draft: StrategicAgreementView;
  /** The version in effect and its document, if any. */
  current: { info: StrategicVersionInfo & { label: string }; view: StrategicAgreementView } | null;
  /** The version awaiting the board or the fund, if any. */
  pending: (StrategicVersionInfo & { label: string }) | null;
  version: number;
}

/** The strategic agreement's page: the draft, the version in effect and the pending one. */
export async function getStrategicPage(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<StrategicPage> {
  const role = await requirePlanRole(db, user, planId);
  const row = await loadAgreementRow(db, planId);
  const content = row?.content ?? emptyStrategicContent();
  const draft = await buildDraftView(db, planId, content);
  const versions = row ? await selectVersions(db, row.id) : [];
  const currentRow = versions.find((v) => v.status === "approved");
  const pendingRow = versions.find((v) => v.status === "proposed" || v.status === "awaiting_fund");
  return {
    role,
    planName: draft.plan.name,
    exists: Boolean(row),
    state: stateOf(versions),
    draft,
    current: currentRow
      ? {
          info: toInfo(currentRow),
          view: versionView(await loadSnapshot(db, currentRow.id), currentRow),
        }
      : null,
    pending: pendingRow ? toInfo(pendingRow) : null,
    version: row?.version ?? 0,
  };
}

/** The version history (every member). */
export async function listStrategicVersions(db: Db, user: SessionUser, planId: number) {
  const role = await requirePlanRole(db, user, planId);
  const plan = await db
    .select({ name: plans.name })
    .from(plans)
    .where(eq(plans.id, planId))
    .then((r) => r[0]);
  const row = await loadAgreementRow(db, planId);
  const versions = row ? await selectVersions(db, row.id) : [];
  return { role, planName: plan?.name ?? "", versions: versions.map(toInfo) };
}

/** One version's document and its changes against the previous version (every member). */
export async function getStrategicVersion(
  db: Db,
  user: SessionUser,
  planId: number,
  number: number,
) {
  const role = await requirePlanRole(db, user, planId);
  const row = await loadAgreementRow(db, planId);
  if (!row) throw new NotFoundError("Versionen findes ikke");
  const versions = await selectVersions(db, row.id);
  const found = versions.find((v) => v.number === number);
  if (!found) throw new NotFoundError("Versionen findes ikke");
  const previous = versions.find((v) => v.number < number) ?? null;
  const snapshots = await db
    .select({ id: strategicAgreementVersions.id, snapshot: strategicAgreementVersions.snapshot })
    .from(strategicAgreementVersions)
    .where(
      inArray(
        strategicAgreementVersions.id,
        [found.id, previous?.id].filter((id): id is number => id != null),
      ),
    );
  const snapshotOf = (id: number) => snapshots.find((s) => s.id === id)?.snapshot;
  const view = versionView(snapshotOf(found.id), found);
  const before = previous ? versionView(snapshotOf(previous.id), previous) : null;
  return {
    role,
    info: toInfo(found),
    view,
    previous: previous ? toInfo(previous) : null,
    diff: diffStrategicViews(before, view),
  };
}

/** For the edit form (secretariat and admins): content, lock version and the form's options. */
export async function getStrategicForEdit(db: Db, user: SessionUser, planId: number) {
  await requirePlanRole(db, user, planId, STRATEGIC_EDITORS);
  const row = await loadAgreementRow(db, planId);
  const plan = await db.query.plans.findFirst({
    where: eq(plans.id, planId),
    columns: { id: true, name: true, fundingRoundId: true },
  });
  if (!plan) throw new NotFoundError();
  const areas = await db
    .select({ id: focusAreas.id, name: focusAreas.name })
    .from(focusAreas)
    .where(eq(focusAreas.fundingRoundId, plan.fundingRoundId))
    .orderBy(asc(focusAreas.position));
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(sql`${organisations.kind} <> 'estate'`)
    .orderBy(asc(organisations.name));
  const locked = row ? await pendingProposal(db, row.id) : false;
  return {
    plan: { id: plan.id, name: plan.name },
    content: row?.content ?? emptyStrategicContent(),
    version: row?.version ?? 0,
    focusAreas: areas,
    organisations: orgs.map((o) => ({ id: o.id, name: o.name })),
    locked,
  };
}

async function pendingProposal(db: Db, strategicAgreementId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: strategicAgreementVersions.id })
    .from(strategicAgreementVersions)
    .where(
      and(
        eq(strategicAgreementVersions.strategicAgreementId, strategicAgreementId),
        eq(strategicAgreementVersions.status, "proposed"),
      ),
    );
  return Boolean(row);
}

export const STRATEGIC_LOCKED_MESSAGE =
  "Den strategiske samarbejdsaftale er sendt til bestyrelsen og kan ikke ændres, før bestyrelsen har besluttet forslaget, eller sekretariatet har trukket det tilbage.";

/** Checks that the user may edit the plan's strategic agreement (404 for non-members, then 403). */
export async function requireStrategicEditor(db: Db, user: SessionUser, planId: number) {
  await requirePlanRole(db, user, planId, STRATEGIC_EDITORS);
}

/**
 * Checks that the user may decide version `number` of the plan's strategic agreement, in the
 * order that reveals nothing: 404 for a plan the user cannot see or a version it does not have,
 * then 403 for a role that may not decide. Call it before reading the form.
 */
export async function requireStrategicDecider(
  db: Db,
  user: SessionUser,
  planId: number,
  number: number,
) {
  await requireRoleInPlan(
    db,
    user,
    planId,
    async () => {
      const [row] = await db
        .select({ planId: strategicAgreements.planId })
        .from(strategicAgreementVersions)
        .innerJoin(
          strategicAgreements,
          eq(strategicAgreements.id, strategicAgreementVersions.strategicAgreementId),
        )
        .where(
          and(
            eq(strategicAgreements.planId, planId),
            eq(strategicAgreementVersions.number, number),
          ),
        );
      return row;
    },
    "Versionen findes ikke",
    STRATEGIC_DECIDERS,
  );
}

// --- writing ----------------------------------------------------------------------------------

/**
 * Saves the working content (secretariat and admins). `version` is the one the form was loaded
 * with (0 when there was no strategic agreement yet): a mismatch is a ConflictError. Locked while
 * a version awaits the board.
 */
/** The register's names of the organisations a strategic agreement names (parties and members). */
async function organisationNamesOf(
  db: Db,
  content: {
    parties: readonly { organisationId: number | null }[];
    board: { members: readonly { organisationId: number | null }[] };
    followGroup: { members: readonly { organisationId: number | null }[] };
    secretariat: { members: readonly { organisationId: number | null }[] };
  },
): Promise<{ ids: number[]; nameMap: Map<number, string> }> {
  const ids = [
    ...new Set(
      [
        ...content.parties.map((p) => p.organisationId),
        ...[content.board, content.followGroup, content.secretariat].flatMap((b) =>
          b.members.map((m) => m.organisationId),
        ),
      ].filter((id): id is number => id != null),
    ),
  ];
  const names = ids.length
    ? await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, ids))
    : [];
  return { ids, nameMap: new Map(names.map((n) => [n.id, n.name])) };
}

export async function saveStrategicContent(
  db: Db,
  user: SessionUser,
  planId: number,
  version: number,
  values: StrategicFormValues,
): Promise<void> {
  await requirePlanRole(db, user, planId, STRATEGIC_EDITORS);
  const { ids, nameMap } = await organisationNamesOf(db, values);
  const missing = ids.filter((id) => !nameMap.has(id));
  if (missing.length) {
    throw new FieldValidationError({
      _form: "En valgt organisation findes ikke længere. Genindlæs siden, og prøv igen.",
    });
  }
  const plan = await db.query.plans.findFirst({
    where: eq(plans.id, planId),
    columns: { fundingRoundId: true },
  });
  const areaIds = new Set(
    (
      await db
        .select({ id: focusAreas.id })
        .from(focusAreas)
        .where(eq(focusAreas.fundingRoundId, plan!.fundingRoundId))
    ).map((a) => a.id),
  );
  const foreign = values.focusAreaGoals.findIndex((g) => !areaIds.has(g.focusAreaId));
  if (foreign >= 0) {
    throw new FieldValidationError({
      [`focusAreaGoals.${foreign}.goal`]: "Indsatsområdet hører ikke til planens pulje",
    });
  }
  const existing = await loadAgreementRow(db, planId);
  // Keep the keys of objectives already stored; new rows (no key) get a fresh one.
  const content = contentFromForm(values, nameMap);
  await db.transaction(async (tx) => {
    if (!existing) {
      if (version !== 0) throw new ConflictError();
      try {
        const [created] = await tx
          .insert(strategicAgreements)
          .values({ planId, content })
          .returning();
        await recordAudit(tx, {
          user,
          action: "strategic_agreement.create",
          entityType: "strategic_agreement",
          entityId: created!.id,
          planId,
          after: content,
        });
      } catch (error) {
        // Someone else created it meanwhile.
        if (isUniqueViolation(error)) throw new ConflictError();
        throw error;
      }
      return;
    }
    if (await pendingProposal(tx, existing.id)) throw new LockedError(STRATEGIC_LOCKED_MESSAGE);
    const [updated] = await tx
      .update(strategicAgreements)
      .set({ content, version: sql`${strategicAgreements.version} + 1`, updatedAt: new Date() })
      .where(and(eq(strategicAgreements.id, existing.id), eq(strategicAgreements.version, version)))
      .returning({ id: strategicAgreements.id });
    if (!updated) throw new ConflictError();
    await recordAudit(tx, {
      user,
      action: "strategic_agreement.update",
      entityType: "strategic_agreement",
      entityId: existing.id,
      planId,
      before: existing.content,
      after: content,
    });
  });
}

/**
 * Submits the working content to the board: freezes its document view (with the budget as it
 * stands) as the next version, `proposed`. Refused while another version awaits the board or
 * the fund, and when there is nothing to submit.
 */
export async function submitStrategicAgreement(
  db: Db,
  user: SessionUser,
  planId: number,
  input: z.output<typeof SubmitStrategicSchema>,
): Promise<number> {
  await requirePlanRole(db, user, planId, STRATEGIC_EDITORS);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(strategicAgreements)
      .where(eq(strategicAgreements.planId, planId))
      .for("update");
    if (!row) {
      throw new FieldValidationError({
        summary: "Der er ingen strategisk samarbejdsaftale at indstille endnu. Udfyld den først.",
      });
    }
    const versions = await selectVersions(tx, row.id);
    const pending = versions.find((v) => v.status === "proposed" || v.status === "awaiting_fund");
    if (pending?.status === "proposed") {
      throw new LockedError("Der er allerede et forslag, som afventer bestyrelsen.");
    }
    if (pending) {
      throw new LockedError(
        `Version ${pending.number} afventer fondens godkendelse. Næste version kan indstilles, når fonden har svaret.`,
      );
    }
    const c = row.content;
    const missing = [
      !c.parties.length && "aftalens parter",
      !c.vision.trim() && "visionen",
      !c.objectives.length && "de overordnede målsætninger",
    ].filter(Boolean);
    if (missing.length) {
      throw new FieldValidationError({
        summary: `Aftalen kan ikke indstilles endnu. Udfyld ${missing.join(", ")}.`,
      });
    }
    const view = await buildDraftView(tx, planId, c);
    const number = (versions[0]?.number ?? 0) + 1;
    const [created] = await tx
      .insert(strategicAgreementVersions)
      .values({
        strategicAgreementId: row.id,
        number,
        status: "proposed",
        snapshot: view,
        summary: input.summary,
        submittedBy: user.id,
      })
      .returning({ id: strategicAgreementVersions.id });
    await recordAudit(tx, {
      user,
      action: "strategic_agreement.submit",
      entityType: "strategic_agreement_version",
      entityId: created!.id,
      planId,
      after: { number, summary: input.summary },
    });
    await notify(tx, {
      kind: "revision_submitted",
      recipients: { planId, roles: ["board"] },
      actorId: user.id,
      title: `Version ${number} af «${view.title}» afventer bestyrelsens beslutning`,
      body: "Sekretariatet har indstillet den strategiske samarbejdsaftale til godkendelse.",
      path: `/plans/${planId}/strategy/versions/${number}`,
      planId,
      dedupeKey: `strategic_submitted:${created!.id}`,
    });
    return number;
  });
}

/** The version `number` of the plan's strategic agreement, locked for the update. */
async function lockVersion(tx: Db, planId: number, number: number) {
  const [row] = await tx
    .select({
      id: strategicAgreementVersions.id,
      status: strategicAgreementVersions.status,
      strategicAgreementId: strategicAgreementVersions.strategicAgreementId,
      fundSentAt: strategicAgreementVersions.fundSentAt,
      title: sql<string>`${strategicAgreementVersions.snapshot}->>'title'`,
    })
    .from(strategicAgreementVersions)
    .innerJoin(
      strategicAgreements,
      eq(strategicAgreements.id, strategicAgreementVersions.strategicAgreementId),
    )
    .where(
      and(eq(strategicAgreements.planId, planId), eq(strategicAgreementVersions.number, number)),
    )
    .for("update", { of: strategicAgreementVersions });
  if (!row) throw new NotFoundError("Versionen findes ikke");
  return row;
}

function requireStatus(
  status: StrategicVersionStatus,
  allowed: StrategicVersionStatus[],
  message: string,
) {
  if (!allowed.includes(status)) throw new LockedError(message);
}

/**
 * One step of a version's way (withdraw, decide, sent to the fund): with the role checked, the
 * version locked and in one of `allowed`, `set` is written and audited in one transaction.
 */
async function changeVersion(
  db: Db,
  user: SessionUser,
  planId: number,
  number: number,
  step: {
    roles: readonly PlanAccessRole[];
    allowed: StrategicVersionStatus[];
    refusal: string;
    action: string;
    set: Partial<typeof strategicAgreementVersions.$inferInsert>;
    before: (v: Awaited<ReturnType<typeof lockVersion>>) => Record<string, unknown>;
    after: Record<string, unknown>;
    /** Whom the step concerns (notified in the same transaction), if anyone. */
    notice?: (v: Awaited<ReturnType<typeof lockVersion>>) => Omit<NotifyInput, "actorId">;
  },
): Promise<void> {
  await requirePlanRole(db, user, planId, step.roles);
  await db.transaction(async (tx) => {
    const v = await lockVersion(tx, planId, number);
    requireStatus(v.status, step.allowed, step.refusal);
    await tx
      .update(strategicAgreementVersions)
      .set(step.set)
      .where(eq(strategicAgreementVersions.id, v.id));
    await recordAudit(tx, {
      user,
      action: step.action,
      entityType: "strategic_agreement_version",
      entityId: v.id,
      planId,
      before: step.before(v),
      after: step.after,
    });
    if (step.notice) await notify(tx, { ...step.notice(v), actorId: user.id });
  });
}

/** The secretariat withdraws a version that awaits the board; the content can be edited again. */
export async function withdrawStrategicVersion(
  db: Db,
  user: SessionUser,
  planId: number,
  number: number,
): Promise<void> {
  await changeVersion(db, user, planId, number, {
    roles: STRATEGIC_EDITORS,
    allowed: ["proposed"],
    refusal: "Kun et forslag, som afventer bestyrelsen, kan trækkes tilbage.",
    action: "strategic_agreement.withdraw",
    set: { status: "withdrawn" },
    before: (v) => ({ status: v.status }),
    after: { status: "withdrawn" },
  });
}

/**
 * The board decides a proposed version (board and admins). Approval does not put it in effect:
 * it awaits the fund (R6). Rejection returns the agreement to editing.
 */
export async function decideStrategicVersion(
  db: Db,
  user: SessionUser,
  planId: number,
  number: number,
  input: z.output<typeof StrategicDecisionSchema>,
): Promise<void> {
  const status = input.decision === "approve" ? "awaiting_fund" : "rejected";
  await changeVersion(db, user, planId, number, {
    roles: STRATEGIC_DECIDERS,
    allowed: ["proposed"],
    refusal: "Forslaget er allerede besluttet eller trukket tilbage.",
    action: `strategic_agreement.${input.decision}`,
    set: {
      status,
      decidedBy: user.id,
      decidedAt: new Date(),
      meetingDate: input.meetingDate,
      decisionNote: input.note,
    },
    before: (v) => ({ status: v.status }),
    after: { status, meetingDate: input.meetingDate, note: input.note },
    // A rejection returns the agreement to the secretariat's editing, as for a delaftale.
    notice: (v) => ({
      kind: input.decision === "approve" ? "revision_decided" : "revision_returned",
      recipients: { planId, roles: ["secretariat"] },
      title:
        input.decision === "approve"
          ? `Bestyrelsen har godkendt version ${number} af «${v.title}»`
          : `Bestyrelsen har sendt version ${number} af «${v.title}» tilbage til sekretariatet`,
      body:
        input.decision === "approve"
          ? "Versionen afventer nu fondens godkendelse."
          : "Forslaget er afvist. Se bestyrelsens bemærkning, og ret aftalen.",
      path: `/plans/${planId}/strategy/versions/${number}`,
      planId,
      dedupeKey: `strategic_decided:${v.id}`,
    }),
  });
}

/** The secretariat records when the board's approval was sent to the fund. */
export async function markStrategicSentToFund(
  db: Db,
  user: SessionUser,
  planId: number,
  number: number,
  input: z.output<typeof FundSentSchema>,
): Promise<void> {
  await changeVersion(db, user, planId, number, {
    roles: STRATEGIC_EDITORS,
    allowed: ["awaiting_fund"],
    refusal: "Versionen afventer ikke fonden.",
    action: "strategic_agreement.fund_sent",
    set: { fundSentAt: input.fundSentAt },
    before: (v) => ({ fundSentAt: v.fundSentAt }),
    after: { fundSentAt: input.fundSentAt },
  });
}

/**
 * The secretariat (or an admin) records the fund's answer. Approved: the version takes effect
 * and the previous one in effect is superseded. Refused: the version is rejected (the fund's
 * date and note are added to the decision's note; the board's decision stays).
 */
export async function recordStrategicFundDecision(
  db: Db,
  user: SessionUser,
  planId: number,
  number: number,
  input: z.output<typeof FundDecisionSchema>,
): Promise<void> {
  await requirePlanRole(db, user, planId, STRATEGIC_EDITORS);
  await db.transaction(async (tx) => {
    const v = await lockVersion(tx, planId, number);
    requireStatus(v.status, ["awaiting_fund"], "Versionen afventer ikke fondens godkendelse.");
    if (input.fundDecision === "approve") {
      const superseded = await tx
        .update(strategicAgreementVersions)
        .set({ status: "superseded" })
        .where(
          and(
            eq(strategicAgreementVersions.strategicAgreementId, v.strategicAgreementId),
            eq(strategicAgreementVersions.status, "approved"),
          ),
        )
        .returning({ id: strategicAgreementVersions.id });
      await tx
        .update(strategicAgreementVersions)
        .set({
          status: "approved",
          fundSentAt: v.fundSentAt ?? input.fundDate,
          fundApprovedAt: input.fundDate,
          fundReference: input.fundReference,
          fundRecordedBy: user.id,
        })
        .where(eq(strategicAgreementVersions.id, v.id));
      await recordAudit(tx, {
        user,
        action: "strategic_agreement.fund_approve",
        entityType: "strategic_agreement_version",
        entityId: v.id,
        planId,
        before: { status: v.status },
        after: {
          status: "approved",
          fundApprovedAt: input.fundDate,
          fundReference: input.fundReference,
          superseded: superseded.map((s) => s.id),
        },
      });
      return;
    }
    const [current] = await tx
      .select({ note: strategicAgreementVersions.decisionNote })
      .from(strategicAgreementVersions)
      .where(eq(strategicAgreementVersions.id, v.id));
    const fundLine = `Landsbyggefonden afviste ændringen ${formatDate(input.fundDate)}${input.fundReference ? ` (${input.fundReference})` : ""}${input.fundNote ? `: ${input.fundNote}` : "."}`;
    await tx
      .update(strategicAgreementVersions)
      .set({
        status: "rejected",
        fundReference: input.fundReference,
        fundRecordedBy: user.id,
        decisionNote: current?.note ? `${current.note}\n\n${fundLine}` : fundLine,
      })
      .where(eq(strategicAgreementVersions.id, v.id));
    await recordAudit(tx, {
      user,
      action: "strategic_agreement.fund_reject",
      entityType: "strategic_agreement_version",
      entityId: v.id,
      planId,
      before: { status: v.status },
      after: { status: "rejected", fundDate: input.fundDate, note: input.fundNote },
    });
  });
}

/**
 * The document view for Word: the version `number`, or (no number) what the package shows; a
 * plan without a strategic agreement gets the empty draft, as its page shows it.
 */
export async function getStrategicDocument(
  db: Db,
  user: SessionUser,
  planId: number,
  number?: number,
): Promise<StrategicAgreementView> {
  if (number === undefined) {
    const view = await getStrategicAgreementForPackage(db, user, planId);
    return view ?? buildDraftView(db, planId, emptyStrategicContent());
  }
  return (await getStrategicVersion(db, user, planId, number)).view;
}
