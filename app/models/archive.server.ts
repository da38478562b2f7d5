/**
 * The archive export: everything in the database as open files, per plan and per dispositionsfond
 * (layout in docs/archive.md). `listArchive` lists the files with their paths and a `render` that
 * makes each one when asked, so the CLI can write them one by one and the admin download can
 * stream a zip while they are made, and both can say how many there are before rendering any.
 * Every document comes from app/documents.server.ts (model → view → template), as on the pages.
 * Administrators only: the export covers every plan and fund.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { Db } from "../../db/client";
import {
  activities,
  auditEvents,
  budgetAmounts,
  dispositionFunds,
  spending,
  fundApplicationFunding,
  fundApplications,
  fundApplicationYears,
  fundFrames,
  fundGrants,
  fundGrantYears,
  fundingRounds,
  fundingSources,
  fundReports,
  measurements,
  organisations,
  planMemberships,
  planOrganisations,
  plans,
  progressReports,
  selfEvaluations,
  successCriteria,
  users,
} from "../../db/schema";
import {
  renderAgreementDocx,
  renderAgreementVersionDocx,
  renderFundApplicationDocx,
  renderFundDecisionDocx,
  renderProgressReportDocx,
  renderProgressReportXlsx,
  renderRevisionDocx,
  renderSelfEvaluationDocx,
  renderVersionChangesDocx,
  safeFileName,
} from "~/documents.server";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  FundArchiveDataSchema,
  PlanArchiveDataSchema,
  type FundArchiveData,
  type PlanArchiveData,
} from "~/domain/archive";
import type { SessionUser } from "~/domain/user";
import { requireAdmin } from "./access.server";
import { getAgreementView, getPlanAgreements } from "./agreements/read.server";
import { listFunds } from "./disposition-funds.server";
import { listApplications } from "./fund-applications.server";
import { listProgressReports } from "./progress-reports.server";
import { getRevisionState } from "./revisions.server";
import { listSelfEvaluations } from "./self-evaluations.server";

export type ArchiveKind =
  | "agreement"
  | "agreement-version"
  | "version-changes"
  | "progress-report"
  | "self-evaluation"
  | "fund-application"
  | "fund-decision"
  | "data"
  | "audit-trail";

export interface ArchiveFile {
  /** The file's path inside the archive, with "/" between folders. */
  path: string;
  buffer: Buffer;
}

/**
 * One file of the archive. Its name comes from the data (a document is named by plan, focus area
 * and so on), so it is known when the file is rendered. Render the entries in order: a folder's
 * data.json comes after its documents and names them.
 */
export interface ArchiveEntry {
  kind: ArchiveKind;
  render: () => Promise<ArchiveFile>;
}

export interface Archive {
  entries: ArchiveEntry[];
  /** Documents (Word and Excel), that is every entry but data.json and the audit trail's CSV. */
  documentCount: number;
  planCount: number;
  fundCount: number;
}

/** Who runs the command-line export: an administrator that is nobody in particular. */
export const ARCHIVE_SYSTEM_USER: SessionUser = {
  id: 0,
  email: "arkiv@localhost",
  name: "Arkiveksport",
  isAdmin: true,
};

const folderName = (id: number, name: string) => safeFileName(`${id} - ${name}`);
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Rendered = { fileName: string; buffer: Buffer };

/**
 * The entries of one folder (a plan's or a fund's). `documents` remembers where each rendered
 * document went (relative to the folder), for the folder's data.json.
 */
class FolderEntries {
  readonly entries: ArchiveEntry[] = [];
  readonly documents = new Map<string, string>();
  constructor(readonly base: string) {}

  document(
    kind: ArchiveKind,
    dir: string,
    make: () => Promise<Rendered>,
    key?: string,
    prefix = "",
  ) {
    this.entries.push({
      kind,
      render: async () => {
        const { fileName, buffer } = await make();
        const relative = `${dir}/${prefix}${fileName}`;
        if (key) this.documents.set(key, relative);
        return { path: `${this.base}/${relative}`, buffer };
      },
    });
  }

  file(kind: ArchiveKind, name: string, make: () => Promise<Buffer>) {
    this.entries.push({
      kind,
      render: async () => ({ path: `${this.base}/${name}`, buffer: await make() }),
    });
  }
}

/** Lists every file of the archive; nothing is rendered until an entry's `render` is called. */
export async function listArchive(db: Db, user: SessionUser): Promise<Archive> {
  requireAdmin(user);
  const entries: ArchiveEntry[] = [];
  const allPlans = await db
    .select({ id: plans.id, name: plans.name })
    .from(plans)
    .orderBy(asc(plans.id));
  for (const plan of allPlans) entries.push(...(await listPlanEntries(db, user, plan)));
  const { funds } = await listFunds(db, user);
  for (const fund of funds) entries.push(...(await listFundEntries(db, user, fund)));
  return {
    entries,
    documentCount: entries.filter((e) => e.kind !== "data" && e.kind !== "audit-trail").length,
    planCount: allPlans.length,
    fundCount: funds.length,
  };
}

/** Renders every entry in order and hands each file to `write`. */
export async function writeArchive(
  archive: Archive,
  write: (file: ArchiveFile) => void | Promise<void>,
): Promise<void> {
  for (const entry of archive.entries) await write(await entry.render());
}

// --- A plan's folder -----------------------------------------------------------------------------

async function listPlanEntries(
  db: Db,
  user: SessionUser,
  plan: { id: number; name: string },
): Promise<ArchiveEntry[]> {
  const folder = new FolderEntries(`helhedsplaner/${folderName(plan.id, plan.name)}`);

  for (const agreement of (await getPlanAgreements(db, user, plan.id)).agreements) {
    const dir = `delaftaler/${safeFileName(agreement.focusArea)}`;
    folder.document(
      "agreement",
      dir,
      () => renderAgreementDocx(db, user, plan.id, agreement.id),
      `agreement:${agreement.id}`,
    );
    const { versions, proposed } = await getRevisionState(db, user, plan.id, agreement.id);
    // Oldest first: each approved version's changes are against the one approved before it.
    const approvedOnes = versions
      .filter((v) => v.status === "approved" || v.status === "superseded")
      .sort((a, b) => a.number - b.number);
    let previous: number | null = null;
    for (const version of approvedOnes) {
      const before = previous;
      folder.document(
        "agreement-version",
        `${dir}/versioner`,
        () => renderAgreementVersionDocx(db, user, plan.id, agreement.id, version.number),
        `version:${agreement.id}:${version.number}`,
      );
      folder.document(
        "version-changes",
        `${dir}/ændringer`,
        () => renderVersionChangesDocx(db, user, plan.id, agreement.id, version, before),
        `changes:${agreement.id}:${version.number}`,
      );
      previous = version.number;
    }
    if (proposed) {
      folder.document(
        "version-changes",
        `${dir}/ændringer`,
        () => renderRevisionDocx(db, user, plan.id, agreement.id),
        `changes:${agreement.id}:${proposed.number}`,
      );
    }
  }

  // Progress reports that exist (draft or final), as Word and Excel.
  for (const report of await listProgressReports(db, user, plan.id)) {
    if (!report.status) continue;
    folder.document(
      "progress-report",
      "statusrapporter",
      () => renderProgressReportDocx(db, user, plan.id, report.year),
      `report-docx:${report.year}`,
    );
    folder.document(
      "progress-report",
      "statusrapporter",
      () => renderProgressReportXlsx(db, user, plan.id, report.year),
      `report-xlsx:${report.year}`,
    );
  }

  for (const evaluation of (await listSelfEvaluations(db, user, plan.id)).evaluations) {
    folder.document(
      "self-evaluation",
      "selvevalueringer",
      () => renderSelfEvaluationDocx(db, user, plan.id, evaluation.id),
      `evaluation:${evaluation.id}`,
      `${evaluation.id} - `,
    );
  }

  const auditFile = "revisionsspor.csv";
  folder.file("audit-trail", auditFile, () => auditTrailCsv(db, plan.id));
  folder.file("data", "data.json", async () =>
    json(
      PlanArchiveDataSchema.parse(await planData(db, user, plan.id, folder.documents, auditFile)),
    ),
  );
  return folder.entries;
}

async function planData(
  db: Db,
  user: SessionUser,
  planId: number,
  documentsOf: Map<string, string>,
  auditFile: string,
): Promise<PlanArchiveData> {
  const municipality = alias(organisations, "municipality");
  const [plan] = await db
    .select({
      id: plans.id,
      name: plans.name,
      fundingRound: fundingRounds.name,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      status: plans.status,
      municipality: municipality.name,
      description: plans.description,
      revisionIntervalMonths: plans.revisionIntervalMonths,
      reportDueMonthDay: plans.reportDueMonthDay,
    })
    .from(plans)
    .innerJoin(fundingRounds, eq(fundingRounds.id, plans.fundingRoundId))
    .leftJoin(municipality, eq(municipality.id, plans.municipalityId))
    .where(eq(plans.id, planId));
  if (!plan) throw new Error(`Plan ${planId} disappeared during the export`);
  const [orgs, members, reports, evaluations, auditCount] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        tenancies: organisations.tenancies,
      })
      .from(planOrganisations)
      .innerJoin(organisations, eq(organisations.id, planOrganisations.organisationId))
      .where(eq(planOrganisations.planId, planId))
      .orderBy(asc(organisations.name)),
    db
      .select({ name: users.name, email: users.email, role: planMemberships.role })
      .from(planMemberships)
      .innerJoin(users, eq(users.id, planMemberships.userId))
      .where(eq(planMemberships.planId, planId))
      .orderBy(asc(users.name)),
    db
      .select()
      .from(progressReports)
      .where(eq(progressReports.planId, planId))
      .orderBy(asc(progressReports.year)),
    db
      .select()
      .from(selfEvaluations)
      .where(eq(selfEvaluations.planId, planId))
      .orderBy(asc(selfEvaluations.id)),
    db.$count(auditEvents, eq(auditEvents.planId, planId)),
  ]);

  const agreementsData: PlanArchiveData["agreements"] = [];
  for (const summary of (await getPlanAgreements(db, user, planId)).agreements) {
    const { view } = await getAgreementView(db, user, planId, summary.id);
    const { versions } = await getRevisionState(db, user, planId, summary.id);
    agreementsData.push({
      id: summary.id,
      focusArea: summary.focusArea,
      validFrom: summary.validFrom,
      validTo: summary.validTo,
      document: documentsOf.get(`agreement:${summary.id}`)!,
      content: JSON.parse(JSON.stringify(view)) as Record<string, unknown>,
      versions: versions
        .slice()
        .sort((a, b) => a.number - b.number)
        .map((v) => ({
          number: v.number,
          status: v.status,
          summary: v.summary,
          recommendation: v.recommendation,
          submittedAt: v.submittedAt,
          submittedBy: v.submittedBy,
          decidedAt: v.decidedAt,
          decidedBy: v.decidedBy,
          meetingDate: v.meetingDate,
          decisionNote: v.decisionNote,
          document: documentsOf.get(`version:${summary.id}:${v.number}`) ?? null,
          changesDocument: documentsOf.get(`changes:${summary.id}:${v.number}`) ?? null,
        })),
      measurements: await agreementMeasurements(db, summary.id),
      economy: await agreementEconomy(db, summary.id),
    });
  }

  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    plan: { ...plan, organisations: orgs, members },
    agreements: agreementsData,
    progressReports: reports.map((r) => ({
      year: r.year,
      status: r.status,
      finalisedAt: iso(r.finalisedAt),
      reopenedAt: iso(r.reopenedAt),
      reopenReason: r.reopenReason,
      summary: r.summary,
      whatWorked: r.whatWorked,
      nextYear: r.nextYear,
      snapshot: (r.snapshot as Record<string, unknown> | null) ?? null,
      documents: [`report-docx:${r.year}`, `report-xlsx:${r.year}`]
        .map((key) => documentsOf.get(key))
        .filter((path): path is string => Boolean(path)),
    })),
    selfEvaluations: evaluations.map((e) => ({
      id: e.id,
      funder: e.funder,
      title: e.title,
      questionSet: e.questionSet,
      recipient: e.recipient,
      region: e.region,
      grantType: e.grantType,
      amount: e.amount,
      grantYear: e.grantYear,
      subGoal: e.subGoal,
      targetGroups: e.targetGroups,
      description: e.description,
      answers: e.answers,
      document: documentsOf.get(`evaluation:${e.id}`)!,
    })),
    auditTrail: { file: auditFile, events: auditCount },
  };
}

async function agreementMeasurements(db: Db, agreementId: number) {
  return db
    .select({
      criterionId: successCriteria.id,
      criterion: successCriteria.text,
      activity: activities.name,
      year: measurements.year,
      valueNumber: measurements.valueNumber,
      valueText: measurements.valueText,
      unit: measurements.unit,
      status: measurements.status,
      overrideReason: measurements.overrideReason,
      comment: measurements.comment,
      source: measurements.source,
    })
    .from(measurements)
    .innerJoin(successCriteria, eq(successCriteria.id, measurements.criterionId))
    .leftJoin(activities, eq(activities.id, successCriteria.activityId))
    .where(eq(successCriteria.agreementId, agreementId))
    .orderBy(asc(measurements.year), asc(successCriteria.id));
}

const FUNDING_KIND_NAMES = {
  lbf: "Landsbyggefonden",
  municipality: "Kommunen",
  housing_organisation: "Boligorganisationen",
  other: "Anden finansiering",
} as const;

async function agreementEconomy(
  db: Db,
  agreementId: number,
): Promise<PlanArchiveData["agreements"][number]["economy"]> {
  const sources = await db
    .select({ id: fundingSources.id, kind: fundingSources.kind, name: fundingSources.name })
    .from(fundingSources)
    .where(eq(fundingSources.agreementId, agreementId))
    .orderBy(asc(fundingSources.position));
  if (sources.length === 0) return [];
  const ids = sources.map((s) => s.id);
  const [budget, spent] = await Promise.all([
    db.select().from(budgetAmounts).where(inArray(budgetAmounts.fundingSourceId, ids)),
    db.select().from(spending).where(inArray(spending.fundingSourceId, ids)),
  ]);
  const rows: PlanArchiveData["agreements"][number]["economy"] = [];
  for (const source of sources) {
    const years = new Set([
      ...budget.filter((b) => b.fundingSourceId === source.id).map((b) => b.year),
      ...spent.filter((s) => s.fundingSourceId === source.id).map((s) => s.year),
    ]);
    for (const year of [...years].sort()) {
      const b = budget.find((x) => x.fundingSourceId === source.id && x.year === year);
      const s = spent.find((x) => x.fundingSourceId === source.id && x.year === year);
      rows.push({
        fundingSource: source.name ?? FUNDING_KIND_NAMES[source.kind],
        kind: source.kind,
        year,
        budget: b?.amount ?? null,
        spent: s?.amount ?? null,
        note: s?.note ?? null,
      });
    }
  }
  return rows;
}

// --- The audit trail as CSV ----------------------------------------------------------------------

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /[";\n\r,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The plan's audit events, oldest first, as CSV (UTF-8 with BOM so Excel reads æøå). */
async function auditTrailCsv(db: Db, planId: number): Promise<Buffer> {
  const rows = await db
    .select({
      at: auditEvents.at,
      user: users.name,
      email: users.email,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(eq(auditEvents.planId, planId))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
  const lines = [
    "tidspunkt,bruger,e-mail,handling,type,id,før,efter",
    ...rows.map((r) =>
      [r.at.toISOString(), r.user, r.email, r.action, r.entityType, r.entityId, r.before, r.after]
        .map(csvField)
        .join(","),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

// --- A fund's folder -----------------------------------------------------------------------------

const DECIDED = new Set(["approved", "approved_reduced", "rejected"]);

async function listFundEntries(
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

// --- As a zip, streamed --------------------------------------------------------------------------

const STORED = /\.(docx|xlsx)$/; // already zip files: deflating them again gains nothing

/**
 * The archive as a zip stream: each file is rendered when the reader asks for more, so memory
 * holds one document at a time and the browser shows the download's progress as it goes.
 */
export function archiveZipStream(entries: ArchiveEntry[]): ReadableStream<Uint8Array> {
  let next = 0;
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) {
          controller.error(error);
          return;
        }
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      const entry = entries[next++];
      if (!entry) {
        zip.end();
        return;
      }
      const { path, buffer } = await entry.render();
      const data = new Uint8Array(buffer);
      const file = STORED.test(path)
        ? new ZipPassThrough(path)
        : new ZipDeflate(path, { level: 6 });
      zip.add(file);
      file.push(data, true);
    },
  });
}

export function archiveZipName(date = new Date()): string {
  return `Samarbejdsaftaler - arkiv ${date.toISOString().slice(0, 10)}.zip`;
}
