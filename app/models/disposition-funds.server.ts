/**
 * The dispositionsfond (DESIGN.md R7), fund side: who may see a fund and act on it, the fund's
 * settings and yearly frames, and the funds a user can use. Applications live in
 * fund-applications.server.ts, grants' yearly reports in fund-reports.server.ts.
 *
 * Access: administrators see everything. A `fund_admin` membership of the housing organisation
 * covers its fund and all applications and grants; an `applicant` membership (organisation and
 * estate) covers the applications and grants of that estate only. Anybody else gets NotFoundError
 * (the fund's existence is not revealed); a member whose role does not allow an action gets
 * ForbiddenError. The shared unscoped parts are in internal/fund-access.server.ts.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  dispositionFunds,
  fundApplications,
  fundFrames,
  organisationMemberships,
  organisations,
} from "../../db/schema";
import { isFundManager, type FundRole, type FundSettingsValues } from "~/domain/disposition-fund";
import { isRichTextEmpty } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "./audit.server";
import { ConflictError, isUniqueViolation } from "./errors.server";
import {
  applicantEstateIds,
  assertFundRole,
  fundColumns,
  fundRoleFor,
  selectCommitted,
  selectFrames,
  selectFundRows,
  selectPlanOptions,
  toFundRecord,
  type FundRecord,
} from "./internal/fund-access.server";
import { preparedPerDb } from "./internal/prepared.server";

export { FUND_NOT_FOUND, type FundRecord } from "./internal/fund-access.server";

export interface FundAccess {
  fund: FundRecord;
  role: FundRole;
  /** The estates the user applies for (empty for fund administrators and admins). */
  applicantEstateIds: number[];
}

/** An estate as the fund pages list it. */
const estateColumns = {
  id: organisations.id,
  name: organisations.name,
  tenancies: organisations.tenancies,
};

function prepareFundQueries(db: Db) {
  const fundId = sql.placeholder("fundId");
  return {
    /** The fund with the user's memberships of its organisation (requireFund). */
    fundWithMemberships: db
      .select({
        ...fundColumns,
        role: organisationMemberships.role,
        estateId: organisationMemberships.estateId,
      })
      .from(dispositionFunds)
      .innerJoin(organisations, eq(organisations.id, dispositionFunds.organisationId))
      .leftJoin(
        organisationMemberships,
        and(
          eq(organisationMemberships.organisationId, dispositionFunds.organisationId),
          eq(organisationMemberships.userId, sql.placeholder("userId")),
        ),
      )
      .where(eq(dispositionFunds.id, fundId))
      .prepare("fund_with_memberships"),
    frames: selectFrames(db, fundId).prepare("fund_frames"),
    committed: selectCommitted(db, fundId).prepare("fund_committed"),
    /** All estates of the fund's organisation (what its administration sees). */
    estates: db
      .select(estateColumns)
      .from(organisations)
      .where(
        and(
          eq(organisations.kind, "estate"),
          eq(organisations.parentId, sql.placeholder("organisationId")),
        ),
      )
      .orderBy(asc(organisations.name))
      .prepare("fund_estates"),
  };
}

/** The fund pages' hot reads, built once per database handle (drizzle prepared queries). */
const fundQueries = preparedPerDb(prepareFundQueries);

/**
 * The fund with the user's role on it, in one query: NotFoundError without a role on it,
 * ForbiddenError for a role not in `allowed` (see internal/fund-access.server.ts).
 */
export async function requireFund(
  db: Db,
  user: SessionUser,
  fundId: number,
  allowed?: readonly FundRole[],
): Promise<FundAccess> {
  const rows = await fundQueries(db).fundWithMemberships.execute({ fundId, userId: user.id });
  const role = assertFundRole(rows.length ? fundRoleFor(user, rows) : null, allowed);
  return {
    fund: toFundRecord(rows[0]!),
    role,
    applicantEstateIds: role === "applicant" ? applicantEstateIds(rows) : [],
  };
}

/** The user's role on a housing organisation's fund administration (for creating the fund). */
async function requireOrganisationManager(db: Db, user: SessionUser, organisationId: number) {
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      role: organisationMemberships.role,
      estateId: organisationMemberships.estateId,
    })
    .from(organisations)
    .leftJoin(
      organisationMemberships,
      and(
        eq(organisationMemberships.organisationId, organisations.id),
        eq(organisationMemberships.userId, user.id),
      ),
    )
    .where(
      and(eq(organisations.id, organisationId), eq(organisations.kind, "housing_organisation")),
    );
  assertFundRole(rows.length ? fundRoleFor(user, rows) : null, ["fund_admin"]);
  return { id: rows[0]!.id, name: rows[0]!.name };
}

export interface FundSettingsPage {
  organisation: { id: number; name: string };
  /** Null until the fund is created. */
  fund: FundRecord | null;
  frames: { year: number; amount: number }[];
  /** The optimistic-lock version for the form; 0 while there is no fund. */
  version: number;
}

/** The settings form of an organisation's fund (administrators and its fund administrators). */
export async function getFundSettings(
  db: Db,
  user: SessionUser,
  organisationId: number,
): Promise<FundSettingsPage> {
  const organisation = await requireOrganisationManager(db, user, organisationId);
  const [row] = await selectFundRows(db).where(eq(dispositionFunds.organisationId, organisationId));
  const fund = row ? toFundRecord(row) : null;
  const frames = fund ? await selectFrames(db, fund.id) : [];
  return { organisation, fund, frames, version: fund?.version ?? 0 };
}

/**
 * Saves the fund's settings and frames (the frames are replaced by the submitted ones). Version
 * 0 creates the fund for the organisation; a stale version, or a fund created meanwhile, is a
 * ConflictError. Returns the fund's id and new version.
 */
export async function saveFundSettings(
  db: Db,
  user: SessionUser,
  organisationId: number,
  version: number,
  values: FundSettingsValues,
): Promise<{ fundId: number; version: number }> {
  await requireOrganisationManager(db, user, organisationId);
  const { frames, ...settings } = values;
  const columns = {
    ...settings,
    guidelines: isRichTextEmpty(settings.guidelines) ? null : settings.guidelines,
  };
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(dispositionFunds)
        .where(eq(dispositionFunds.organisationId, organisationId))
        .for("update");
      if ((before?.version ?? 0) !== version) throw new ConflictError();
      let fundId: number;
      let beforeFrames: { year: number; amount: number }[] = [];
      if (!before) {
        const [created] = await tx
          .insert(dispositionFunds)
          .values({ organisationId, ...columns })
          .returning({ id: dispositionFunds.id });
        fundId = created!.id;
      } else {
        fundId = before.id;
        beforeFrames = await selectFrames(tx, fundId);
        await tx
          .update(dispositionFunds)
          .set({ ...columns, version: version + 1, updatedAt: new Date() })
          .where(eq(dispositionFunds.id, fundId));
        await tx.delete(fundFrames).where(eq(fundFrames.fundId, fundId));
      }
      const sortedFrames = [...frames].sort((a, b) => a.year - b.year);
      if (sortedFrames.length) {
        await tx.insert(fundFrames).values(sortedFrames.map((f) => ({ fundId, ...f })));
      }
      await recordAudit(tx, {
        user,
        action: before ? "disposition_fund.update" : "disposition_fund.create",
        entityType: "disposition_fund",
        entityId: fundId,
        before: before && { ...before, frames: beforeFrames },
        after: { organisationId, ...columns, frames: sortedFrames },
      });
      return { fundId, version: version + 1 };
    });
  } catch (error) {
    // Two first saves at once: the second insert hits the unique organisation.
    if (isUniqueViolation(error)) throw new ConflictError();
    throw error;
  }
}

export interface FundListItem {
  id: number;
  name: string;
  organisationId: number;
  organisationName: string;
  role: FundRole;
  /** For applicants: the estates they apply for. */
  estates: { id: number; name: string }[];
  /** For fund administrators: submitted applications awaiting a decision; null for applicants. */
  awaitingDecision: number | null;
}

export interface FundList {
  funds: FundListItem[];
  /** Housing organisations the user administers that have no fund yet (to create one). */
  organisationsWithoutFund: { id: number; name: string }[];
}

/** The funds the user can use, and the organisations where they could create one. One query. */
export async function listFunds(db: Db, user: SessionUser): Promise<FundList> {
  const estate = alias(organisations, "estate");
  const awaiting = sql<number>`(select count(*) from ${fundApplications}
    where ${fundApplications.fundId} = ${dispositionFunds.id}
      and ${fundApplications.status} = 'submitted')`.mapWith(Number);
  const base = db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      fundId: dispositionFunds.id,
      fundName: dispositionFunds.name,
      awaiting,
      role: organisationMemberships.role,
      estateId: organisationMemberships.estateId,
      estateName: estate.name,
    })
    .from(organisations)
    .leftJoin(dispositionFunds, eq(dispositionFunds.organisationId, organisations.id))
    .leftJoin(
      organisationMemberships,
      and(
        eq(organisationMemberships.organisationId, organisations.id),
        eq(organisationMemberships.userId, user.id),
      ),
    )
    .leftJoin(estate, eq(estate.id, organisationMemberships.estateId));
  const rows = await base
    .where(
      and(
        eq(organisations.kind, "housing_organisation"),
        user.isAdmin ? undefined : eq(organisationMemberships.userId, user.id),
      ),
    )
    .orderBy(asc(organisations.name), asc(estate.name));

  const byOrganisation = new Map<number, typeof rows>();
  for (const row of rows) {
    byOrganisation.set(row.organisationId, [
      ...(byOrganisation.get(row.organisationId) ?? []),
      row,
    ]);
  }
  const result: FundList = { funds: [], organisationsWithoutFund: [] };
  for (const group of byOrganisation.values()) {
    const first = group[0]!;
    const role = fundRoleFor(user, group);
    if (!role) continue;
    if (first.fundId == null) {
      if (isFundManager(role)) {
        result.organisationsWithoutFund.push({
          id: first.organisationId,
          name: first.organisationName,
        });
      }
      continue;
    }
    result.funds.push({
      id: first.fundId,
      name: first.fundName!,
      organisationId: first.organisationId,
      organisationName: first.organisationName,
      role,
      estates:
        role === "applicant"
          ? group
              .filter((r) => r.role === "applicant" && r.estateId != null)
              .map((r) => ({ id: r.estateId!, name: r.estateName! }))
          : [],
      awaitingDecision: isFundManager(role) ? first.awaiting : null,
    });
  }
  return result;
}

export interface FundPage {
  fund: FundRecord;
  role: FundRole;
  /** The frames per year; empty for applicants (the frames are the administration's). */
  frames: { year: number; amount: number }[];
  /** What the fund's grants commit per year; empty for applicants, like the frames. */
  committed: { year: number; amount: number }[];
  /** The estates the user may apply for, with their tenancies (to prefill an application). */
  estates: { id: number; name: string; tenancies: number | null }[];
  /** LBF plans an application may link to: plans of the organisation or of its estates. */
  planOptions: { id: number; name: string }[];
}

/** The fund's page and the new-application form: settings, frames, estates and plan options. */
export async function getFund(db: Db, user: SessionUser, fundId: number): Promise<FundPage> {
  return fundPageOf(db, await requireFund(db, user, fundId), true);
}

/**
 * getFund without the plan options (the fund page has no form that needs them), for the caller
 * that has the user's access from requireFund already. Up to three queries.
 */
export function getFundOverview(
  db: Db,
  access: FundAccess,
): Promise<Omit<FundPage, "planOptions">> {
  return fundPageOf(db, access, false);
}

async function fundPageOf(
  db: Db,
  { fund, role, applicantEstateIds: own }: FundAccess,
  withPlanOptions: boolean,
): Promise<FundPage> {
  const manager = isFundManager(role);
  const queries = fundQueries(db);
  const [frames, committed, estates, planOptions] = await Promise.all([
    manager ? queries.frames.execute({ fundId: fund.id }) : Promise.resolve([]),
    manager ? queries.committed.execute({ fundId: fund.id }) : Promise.resolve([]),
    manager
      ? queries.estates.execute({ organisationId: fund.organisationId })
      : db
          .select(estateColumns)
          .from(organisations)
          .where(
            and(
              eq(organisations.kind, "estate"),
              eq(organisations.parentId, fund.organisationId),
              inArray(organisations.id, own),
            ),
          )
          .orderBy(asc(organisations.name)),
    withPlanOptions ? selectPlanOptions(db, fund.organisationId) : Promise.resolve([]),
  ]);
  return { fund, role, frames, committed, estates, planOptions };
}

export interface FundAccessSummary {
  /** The user may use some dispositionsfond (or create one): show the navigation link. */
  any: boolean;
  /** The user administers some fund (awaiting applications on the dashboard). */
  manager: boolean;
}

/**
 * Whether the user has any role on a housing organisation's fund, for the navigation and the
 * dashboard: administrators always (no query); others by their organisation memberships (one
 * query on an indexed column).
 */
export async function getFundAccess(db: Db, user: SessionUser): Promise<FundAccessSummary> {
  if (user.isAdmin) return { any: true, manager: true };
  const [row] = await db
    .select({
      any: sql<boolean>`count(*) > 0`,
      manager: sql<boolean>`coalesce(bool_or(${organisationMemberships.role} = 'fund_admin'), false)`,
    })
    .from(organisationMemberships)
    .where(eq(organisationMemberships.userId, user.id));
  return { any: Boolean(row?.any), manager: Boolean(row?.manager) };
}
