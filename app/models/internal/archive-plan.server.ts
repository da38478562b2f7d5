/**
 * A plan's folder of the archive: its agreements, versions, reports, self-evaluations,
 * attachments (bilag), data.json and audit trail (layout in docs/archive.md). Unscoped: the archive checks for an administrator.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  activities,
  auditEvents,
  budgetAmounts,
  spending,
  fundingRounds,
  fundingSources,
  measurements,
  organisations,
  planMemberships,
  planOrganisations,
  plans,
  progressReports,
  selfEvaluations,
  successCriteria,
  users,
} from "../../../db/schema";
import {
  renderAgreementDocx,
  renderAgreementVersionDocx,
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
  PlanArchiveDataSchema,
  type PlanArchiveData,
} from "~/domain/archive";
import type { SessionUser } from "~/domain/user";
import { getAgreementView, getPlanAgreements } from "../agreements/read.server";
import {
  getPlanAttachmentFile,
  listPlanAttachments,
  type PlanAttachmentItem,
} from "../attachments.server";
import { listProgressReports } from "../progress-reports.server";
import { getRevisionState } from "../revisions.server";
import { listSelfEvaluations } from "../self-evaluations.server";
import { FolderEntries, folderName, iso, json, type ArchiveEntry } from "./archive-entries.server";

// --- A plan's folder -----------------------------------------------------------------------------

export async function listPlanEntries(
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

  // Attachments as uploaded, numbered in package order (two may share a name). Each file is read
  // when its entry is rendered, so the archive holds one file in memory at a time.
  const attachments = await listPlanAttachments(db, user, plan.id);
  attachments.forEach((attachment, index) => {
    folder.document(
      "attachment",
      "bilag",
      async () => {
        const file = await getPlanAttachmentFile(db, user, plan.id, attachment.id);
        return { fileName: attachment.fileName, buffer: Buffer.from(file.data) };
      },
      `attachment:${attachment.id}`,
      `${index + 1} - `,
    );
  });

  const auditFile = "revisionsspor.csv";
  folder.file("audit-trail", auditFile, () => auditTrailCsv(db, plan.id));
  folder.file("data", "data.json", async () =>
    json(
      PlanArchiveDataSchema.parse(
        await planData(db, user, plan.id, folder.documents, auditFile, attachments),
      ),
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
  attachments: PlanAttachmentItem[],
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
    attachments: attachments.map((a) => ({
      title: a.title,
      kind: a.kind,
      fileName: a.fileName,
      mediaType: a.mediaType,
      fileSize: a.fileSize,
      uploadedAt: a.uploadedAt,
      uploadedBy: a.uploadedByName,
      file: documentsOf.get(`attachment:${a.id}`)!,
    })),
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
  local: "Lokal medfinansiering",
} as const;

async function agreementEconomy(
  db: Db,
  agreementId: number,
): Promise<PlanArchiveData["agreements"][number]["economy"]> {
  const sources = await db
    .select({
      id: fundingSources.id,
      kind: fundingSources.kind,
      name: fundingSources.name,
      periodTotal: fundingSources.periodTotal,
    })
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
    const fundingSource = source.name ?? FUNDING_KIND_NAMES[source.kind];
    const yearly = budget.some((b) => b.fundingSourceId === source.id);
    // The fund template's way: one amount for the whole period, no yearly budget to invent.
    if (!yearly && source.periodTotal !== null) {
      rows.push({
        fundingSource,
        kind: source.kind,
        year: null,
        budget: Number(source.periodTotal),
        spent: null,
        note: null,
      });
    }
    const years = new Set([
      ...budget.filter((b) => b.fundingSourceId === source.id).map((b) => b.year),
      ...spent.filter((s) => s.fundingSourceId === source.id).map((s) => s.year),
    ]);
    for (const year of [...years].sort()) {
      const b = budget.find((x) => x.fundingSourceId === source.id && x.year === year);
      const s = spent.find((x) => x.fundingSourceId === source.id && x.year === year);
      rows.push({
        fundingSource,
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
