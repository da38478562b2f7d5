/**
 * A dispositionsfond's folder of the archive: its applications, decisions and data.json (layout in
 * docs/archive.md). Unscoped: the archive checks for an administrator.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  dispositionFunds,
  fundApplicationFunding,
  fundApplications,
  fundApplicationYears,
  fundFrames,
  fundGrants,
  fundGrantYears,
  fundReports,
  organisations,
} from "../../../db/schema";
import { renderFundApplicationDocx, renderFundDecisionDocx } from "~/documents.server";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  FundArchiveDataSchema,
  type FundArchiveData,
} from "~/domain/archive";
import type { SessionUser } from "~/domain/user";
import { listApplications } from "../fund-applications.server";
import { FolderEntries, folderName, iso, json, type ArchiveEntry } from "./archive-entries.server";

// --- A fund's folder -----------------------------------------------------------------------------

const DECIDED = new Set(["approved", "approved_reduced", "rejected"]);

export async function listFundEntries(
  db: Db,
  user: SessionUser,
  fund: { id: number; name: string },
): Promise<ArchiveEntry[]> {
  const folder = new FolderEntries(`dispositionsfonde/${folderName(fund.id, fund.name)}`);
  const { applications } = await listApplications(db, user, fund.id);
  for (const application of applications.slice().sort((a, b) => a.id - b.id)) {
    const prefix = `${application.id} - `;
    folder.document(
      "fund-application",
      "ansøgninger",
      () => renderFundApplicationDocx(db, user, fund.id, application.id),
      `application:${application.id}`,
      prefix,
    );
    if (DECIDED.has(application.status)) {
      folder.document(
        "fund-decision",
        "ansøgninger",
        () => renderFundDecisionDocx(db, user, fund.id, application.id),
        `decision:${application.id}`,
        prefix,
      );
    }
  }
  folder.file("data", "data.json", async () =>
    json(FundArchiveDataSchema.parse(await fundData(db, fund.id, folder.documents))),
  );
  return folder.entries;
}

async function fundData(
  db: Db,
  fundId: number,
  documentsOf: Map<string, string>,
): Promise<FundArchiveData> {
  const estate = alias(organisations, "estate");
  const [fund] = await db
    .select({
      id: dispositionFunds.id,
      name: dispositionFunds.name,
      organisation: organisations.name,
      guidelines: dispositionFunds.guidelines,
      maxYears: dispositionFunds.maxYears,
      minOwnSharePercent: dispositionFunds.minOwnSharePercent,
      maxAmountPerTenancy: dispositionFunds.maxAmountPerTenancy,
      prioritiseLbfCofinancing: dispositionFunds.prioritiseLbfCofinancing,
      prioritiseAcute: dispositionFunds.prioritiseAcute,
      reportDueMonthDay: dispositionFunds.reportDueMonthDay,
    })
    .from(dispositionFunds)
    .innerJoin(organisations, eq(organisations.id, dispositionFunds.organisationId))
    .where(eq(dispositionFunds.id, fundId));
  if (!fund) throw new Error(`Fund ${fundId} disappeared during the export`);
  const [frames, applications, grants] = await Promise.all([
    db
      .select({ year: fundFrames.year, amount: fundFrames.amount })
      .from(fundFrames)
      .where(eq(fundFrames.fundId, fundId))
      .orderBy(asc(fundFrames.year)),
    db
      .select({ application: fundApplications, estate: estate.name })
      .from(fundApplications)
      .innerJoin(estate, eq(estate.id, fundApplications.estateId))
      .where(eq(fundApplications.fundId, fundId))
      .orderBy(asc(fundApplications.id)),
    db
      .select({ id: fundGrants.id, applicationId: fundGrants.applicationId, estate: estate.name })
      .from(fundGrants)
      .innerJoin(estate, eq(estate.id, fundGrants.estateId))
      .where(eq(fundGrants.fundId, fundId))
      .orderBy(asc(fundGrants.id)),
  ]);
  const applicationIds = applications.map((a) => a.application.id);
  const grantIds = grants.map((g) => g.id);
  const [years, funding, grantYears, reports] = await Promise.all([
    applicationIds.length
      ? db
          .select()
          .from(fundApplicationYears)
          .where(inArray(fundApplicationYears.applicationId, applicationIds))
          .orderBy(asc(fundApplicationYears.year))
      : [],
    applicationIds.length
      ? db
          .select()
          .from(fundApplicationFunding)
          .where(inArray(fundApplicationFunding.applicationId, applicationIds))
          .orderBy(asc(fundApplicationFunding.position))
      : [],
    grantIds.length
      ? db
          .select()
          .from(fundGrantYears)
          .where(inArray(fundGrantYears.grantId, grantIds))
          .orderBy(asc(fundGrantYears.year))
      : [],
    grantIds.length
      ? db
          .select()
          .from(fundReports)
          .where(inArray(fundReports.grantId, grantIds))
          .orderBy(asc(fundReports.year))
      : [],
  ]);
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    fund: { ...fund, frames },
    applications: applications.map(({ application: a, estate: estateName }) => ({
      id: a.id,
      title: a.title,
      estate: estateName,
      status: a.status,
      need: a.need,
      notOrdinaryActivity: a.notOrdinaryActivity,
      startYear: a.startYear,
      endYear: a.endYear,
      tenancies: a.tenancies,
      description: a.description,
      purpose: a.purpose,
      years: years
        .filter((y) => y.applicationId === a.id)
        .map((y) => ({
          year: y.year,
          requestedAmount: y.requestedAmount,
          ownContribution: y.ownContribution,
        })),
      otherFunding: funding
        .filter((f) => f.applicationId === a.id)
        .map((f) => ({ kind: f.kind, planId: f.planId, name: f.name, amount: f.amount })),
      submittedAt: iso(a.submittedAt),
      assessment: a.assessment,
      recommendation: a.recommendation,
      decisionDate: a.decisionDate,
      decisionConditions: a.decisionConditions,
      document: documentsOf.get(`application:${a.id}`)!,
      decisionDocument: documentsOf.get(`decision:${a.id}`) ?? null,
    })),
    grants: grants.map((g) => ({
      id: g.id,
      applicationId: g.applicationId,
      estate: g.estate,
      years: grantYears
        .filter((y) => y.grantId === g.id)
        .map((y) => ({ year: y.year, amount: y.amount })),
      reports: reports
        .filter((r) => r.grantId === g.id)
        .map((r) => ({
          year: r.year,
          status: r.status,
          spent: r.spent,
          activities: r.activities,
          submittedAt: iso(r.submittedAt),
        })),
    })),
  };
}
