/**
 * Unscoped building blocks shared by the dispositionsfond models (disposition-funds,
 * fund-applications, fund-reports): the user's role from their organisation memberships, the
 * fund's columns (one definition), and the fund's frames, commitments and plan options by id.
 * Nothing here checks who asks for what: only the models call these, after their own access check,
 * and routes and components may not import them (lint rule on `~/models/internal/*`).
 *
 * Access: administrators see everything. A `fund_admin` membership of the housing organisation
 * covers its fund and all applications and grants; an `applicant` membership (organisation and
 * estate) covers the applications and grants of that estate only. Anybody else gets NotFoundError
 * (the fund's existence is not revealed); a member whose role does not allow an action gets
 * ForbiddenError.
 */
import {
  and,
  asc,
  eq,
  inArray,
  or,
  sql,
  type Column,
  type Placeholder,
  type SQL,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  dispositionFunds,
  fundFrames,
  fundGrantYears,
  fundGrants,
  organisationMemberships,
  organisations,
  planOrganisations,
  plans,
} from "../../../db/schema";
import type { FundRole, FundSettings } from "~/domain/disposition-fund";
import type { RichText } from "~/domain/rich-text";
import type { OrganisationRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { ForbiddenError, NotFoundError } from "../errors.server";

export const FUND_NOT_FOUND = "Fonden findes ikke, eller du har ikke adgang til den";

// --- roles ------------------------------------------------------------------------------------

/** One of the user's memberships of a housing organisation (null columns from a left join). */
export interface FundMembership {
  role: OrganisationRole | null;
  estateId: number | null;
}

/**
 * The user's role from their memberships of the fund's organisation. With `estateId` (an
 * application's or grant's estate) an applicant counts only for that estate; without it (the
 * fund itself) any applicant membership counts.
 */
export function fundRoleFor(
  user: SessionUser,
  memberships: readonly FundMembership[],
  estateId?: number,
): FundRole | null {
  if (user.isAdmin) return "admin";
  if (memberships.some((m) => m.role === "fund_admin")) return "fund_admin";
  const applicant = memberships.some(
    (m) => m.role === "applicant" && (estateId === undefined || m.estateId === estateId),
  );
  return applicant ? "applicant" : null;
}

/** The estates the user applies for (their applicant memberships). */
export function applicantEstateIds(memberships: readonly FundMembership[]): number[] {
  return [...new Set(memberships.filter((m) => m.role === "applicant").map((m) => m.estateId!))];
}

/**
 * NotFoundError without a role, ForbiddenError when the role is not among `allowed`
 * (administrators always may).
 */
export function assertFundRole(
  role: FundRole | null,
  allowed: readonly FundRole[] | undefined,
  message = FUND_NOT_FOUND,
): FundRole {
  if (!role) throw new NotFoundError(message);
  if (role !== "admin" && allowed && !allowed.includes(role)) throw new ForbiddenError();
  return role;
}

/** Joins the user's memberships of the fund's organisation (one row per membership). */
export function membershipJoin(user: SessionUser): SQL {
  return and(
    eq(organisationMemberships.organisationId, dispositionFunds.organisationId),
    eq(organisationMemberships.userId, user.id),
  )!;
}

/**
 * A row filter for data of a fund's estate: everything for administrators, else a fund_admin
 * membership of the fund's organisation or an applicant membership of that estate.
 */
export function estateScope(user: SessionUser, estateId: Column): SQL | undefined {
  if (user.isAdmin) return undefined;
  return sql`exists (select 1 from ${organisationMemberships} m
    where m.user_id = ${user.id} and m.organisation_id = ${dispositionFunds.organisationId}
      and (m.role = 'fund_admin' or m.estate_id = ${estateId}))`;
}

// --- the fund ---------------------------------------------------------------------------------

export interface FundRecord extends FundSettings {
  id: number;
  organisationId: number;
  organisationName: string;
  name: string;
  guidelines: RichText | null;
  /** Reminder offsets in days relative to each grant report's deadline. */
  reminderOffsetDays: number[];
  version: number;
}

/**
 * The fund's columns with its organisation's name: the one definition every query of a fund
 * selects (join `organisations` on the fund's organisation).
 */
export const fundColumns = {
  id: dispositionFunds.id,
  organisationId: dispositionFunds.organisationId,
  organisationName: organisations.name,
  name: dispositionFunds.name,
  guidelines: dispositionFunds.guidelines,
  maxYears: dispositionFunds.maxYears,
  minOwnSharePercent: dispositionFunds.minOwnSharePercent,
  maxAmountPerTenancy: dispositionFunds.maxAmountPerTenancy,
  prioritiseLbfCofinancing: dispositionFunds.prioritiseLbfCofinancing,
  prioritiseAcute: dispositionFunds.prioritiseAcute,
  reportDueMonthDay: dispositionFunds.reportDueMonthDay,
  reminderOffsetDays: dispositionFunds.reminderOffsetDays,
  version: dispositionFunds.version,
};

/** The fund with its organisation's name; callers add their conditions. */
export function selectFundRows(db: Db) {
  return db
    .select(fundColumns)
    .from(dispositionFunds)
    .innerJoin(organisations, eq(organisations.id, dispositionFunds.organisationId));
}
type FundRow = Awaited<ReturnType<typeof selectFundRows>>[number];

export function toFundRecord(row: FundRow): FundRecord {
  return { ...row, guidelines: (row.guidelines as RichText | null) ?? null };
}

/** The fund's frames per year, in year order. */
export function selectFrames(db: Db, fundId: number | Placeholder) {
  return db
    .select({ year: fundFrames.year, amount: fundFrames.amount })
    .from(fundFrames)
    .where(eq(fundFrames.fundId, fundId))
    .orderBy(asc(fundFrames.year));
}

/** What the fund's grants commit per year (all grants of the fund). */
export function selectCommitted(db: Db, fundId: number | Placeholder) {
  return db
    .select({
      year: fundGrantYears.year,
      amount: sql<number>`sum(${fundGrantYears.amount})::bigint`.mapWith(Number),
    })
    .from(fundGrantYears)
    .innerJoin(fundGrants, eq(fundGrants.id, fundGrantYears.grantId))
    .where(eq(fundGrants.fundId, fundId))
    .groupBy(fundGrantYears.year)
    .orderBy(asc(fundGrantYears.year));
}

/** The plans an application to the fund may say it co-finances. */
export function selectPlanOptions(db: Db, organisationId: number, planIds?: readonly number[]) {
  const member = alias(organisations, "member");
  return db
    .selectDistinct({ id: plans.id, name: plans.name })
    .from(plans)
    .innerJoin(planOrganisations, eq(planOrganisations.planId, plans.id))
    .innerJoin(member, eq(member.id, planOrganisations.organisationId))
    .where(
      and(
        or(eq(member.id, organisationId), eq(member.parentId, organisationId)),
        planIds ? inArray(plans.id, [...planIds]) : undefined,
      ),
    )
    .orderBy(asc(plans.name));
}
