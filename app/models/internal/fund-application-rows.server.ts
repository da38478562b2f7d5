/**
 * The application rows shared by the fund-application models: the application with the user's
 * role on it (the access check every exported function starts with), its budget years and other
 * funding, and the stored record locked for a write. Access as in fund-access.server.ts; routes
 * and components may not import this (they call the models in app/models/fund-applications/).
 */
import { and, asc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  dispositionFunds,
  fundApplicationFunding,
  fundApplicationYears,
  fundApplications,
  organisationMemberships,
  organisations,
  plans,
  users,
} from "../../../db/schema";
import {
  applicationLockMessage,
  type ApplicationRecord,
  type FundApplicationStatus,
  type FundRole,
} from "~/domain/disposition-fund";
import { type RichText } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { ConflictError, LockedError } from "../errors.server";
import {
  applicantEstateIds,
  assertFundRole,
  fundColumns,
  fundRoleFor,
  membershipJoin,
  toFundRecord,
  type FundRecord,
} from "./fund-access.server";

export const APPLICATION_NOT_FOUND = "Ansøgningen findes ikke, eller du har ikke adgang til den";

export const estate = alias(organisations, "estate");
const creator = alias(users, "creator");
const submitter = alias(users, "submitter");
const assessor = alias(users, "assessor");
const decider = alias(users, "decider");

/** The application, its fund and estate, and the user's memberships: one row per membership. */
function selectApplicationRows(db: Db, user: SessionUser, scope: ApplicationScope) {
  return db
    .select({
      id: fundApplications.id,
      fundId: fundApplications.fundId,
      estateId: fundApplications.estateId,
      estateName: estate.name,
      estateTenancies: estate.tenancies,
      title: fundApplications.title,
      description: fundApplications.description,
      purpose: fundApplications.purpose,
      need: fundApplications.need,
      notOrdinaryActivity: fundApplications.notOrdinaryActivity,
      startYear: fundApplications.startYear,
      endYear: fundApplications.endYear,
      tenancies: fundApplications.tenancies,
      status: fundApplications.status,
      version: fundApplications.version,
      assessment: fundApplications.assessment,
      recommendation: fundApplications.recommendation,
      assessedAt: fundApplications.assessedAt,
      assessedBy: assessor.name,
      decisionDate: fundApplications.decisionDate,
      decisionConditions: fundApplications.decisionConditions,
      decidedAt: fundApplications.decidedAt,
      decidedBy: decider.name,
      submittedAt: fundApplications.submittedAt,
      submittedBy: submitter.name,
      createdAt: fundApplications.createdAt,
      createdBy: creator.name,
      fund: fundColumns,
      membershipRole: organisationMemberships.role,
      membershipEstateId: organisationMemberships.estateId,
    })
    .from(fundApplications)
    .innerJoin(dispositionFunds, eq(dispositionFunds.id, fundApplications.fundId))
    .innerJoin(organisations, eq(organisations.id, dispositionFunds.organisationId))
    .innerJoin(estate, eq(estate.id, fundApplications.estateId))
    .leftJoin(creator, eq(creator.id, fundApplications.createdBy))
    .leftJoin(submitter, eq(submitter.id, fundApplications.submittedBy))
    .leftJoin(assessor, eq(assessor.id, fundApplications.assessedBy))
    .leftJoin(decider, eq(decider.id, fundApplications.decidedBy))
    .leftJoin(organisationMemberships, membershipJoin(user))
    .where(
      and(eq(fundApplications.id, scope.applicationId), eq(fundApplications.fundId, scope.fundId)),
    );
}

export type ApplicationRow = Awaited<ReturnType<typeof selectApplicationRows>>[number];

interface ApplicationAccess {
  row: ApplicationRow;
  fund: FundRecord;
  role: FundRole;
  applicantEstateIds: number[];
}

/** An application under its fund (the fund in the page's address). */
export interface ApplicationScope {
  fundId: number;
  applicationId: number;
}

/**
 * The application with the user's role on it (one query): fund administrators of its fund,
 * applicants of its estate, administrators. Others, and an application that is not the fund's,
 * NotFoundError; a role not in `allowed` ForbiddenError.
 */
export async function requireApplication(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  allowed?: readonly FundRole[],
): Promise<ApplicationAccess> {
  const rows = await selectApplicationRows(db, user, scope);
  const memberships = rows.map((r) => ({ role: r.membershipRole, estateId: r.membershipEstateId }));
  const role = assertFundRole(
    rows.length ? fundRoleFor(user, memberships, rows[0]!.estateId) : null,
    allowed,
    APPLICATION_NOT_FOUND,
  );
  const row = rows[0]!;
  return {
    row,
    fund: toFundRecord(row.fund),
    role,
    applicantEstateIds: role === "applicant" ? applicantEstateIds(memberships) : [],
  };
}

export function selectYears(db: Db, where: SQL) {
  return db
    .select({
      applicationId: fundApplicationYears.applicationId,
      year: fundApplicationYears.year,
      requestedAmount: fundApplicationYears.requestedAmount,
      ownContribution: fundApplicationYears.ownContribution,
    })
    .from(fundApplicationYears)
    .innerJoin(fundApplications, eq(fundApplications.id, fundApplicationYears.applicationId))
    .where(where)
    .orderBy(asc(fundApplicationYears.year));
}

export function selectFunding(db: Db, where: SQL) {
  return db
    .select({
      id: fundApplicationFunding.id,
      applicationId: fundApplicationFunding.applicationId,
      kind: fundApplicationFunding.kind,
      planId: fundApplicationFunding.planId,
      planName: plans.name,
      name: fundApplicationFunding.name,
      amount: fundApplicationFunding.amount,
      position: fundApplicationFunding.position,
    })
    .from(fundApplicationFunding)
    .innerJoin(fundApplications, eq(fundApplications.id, fundApplicationFunding.applicationId))
    .leftJoin(plans, eq(plans.id, fundApplicationFunding.planId))
    .where(where)
    .orderBy(asc(fundApplicationFunding.position), asc(fundApplicationFunding.id));
}

type YearRow = Awaited<ReturnType<typeof selectYears>>[number];
type FundingRow = Awaited<ReturnType<typeof selectFunding>>[number];

export function toRecord(
  row: Pick<
    ApplicationRow,
    | "estateId"
    | "title"
    | "description"
    | "purpose"
    | "need"
    | "notOrdinaryActivity"
    | "startYear"
    | "endYear"
    | "tenancies"
  >,
  years: readonly YearRow[],
  funding: readonly FundingRow[],
): ApplicationRecord {
  return {
    estateId: row.estateId,
    title: row.title,
    description: (row.description as RichText | null) ?? null,
    purpose: (row.purpose as RichText | null) ?? null,
    need: row.need,
    notOrdinaryActivity: row.notOrdinaryActivity,
    startYear: row.startYear,
    endYear: row.endYear,
    tenancies: row.tenancies,
    years: years.map((y) => ({
      year: y.year,
      requestedAmount: y.requestedAmount,
      ownContribution: y.ownContribution,
    })),
    funding: funding.map((f) => ({
      kind: f.kind,
      planId: f.planId,
      name: f.name,
      amount: f.amount,
    })),
  };
}

/** The stored application as a record (for audit before/after and submitting as saved). */
export async function loadRecord(tx: Db, applicationId: number) {
  const ofApplication = eq(fundApplications.id, applicationId);
  const [[row], years, funding] = await Promise.all([
    tx.select().from(fundApplications).where(ofApplication).for("update"),
    selectYears(tx, ofApplication),
    selectFunding(tx, ofApplication),
  ]);
  if (!row) throw new ConflictError("The application no longer exists");
  return { row, record: toRecord(row, years, funding) };
}

export function assertOpen(status: FundApplicationStatus): void {
  const message = applicationLockMessage(status);
  if (message) throw new LockedError(message);
}
