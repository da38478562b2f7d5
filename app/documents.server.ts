/**
 * Word documents and Excel workbooks: model → view → template → Buffer, with file names users
 * recognise. Access is checked by the models (members of the plan only).
 */
import type ExcelJS from "exceljs";
import { zipSync } from "fflate";
import type { Db } from "../db/client";
import { buildAgreementDocument } from "../templates/agreement";
import { buildActionListDocument } from "../templates/log-action-list";
import { buildYearLogWorkbook } from "../templates/log-year-xlsx";
import {
  buildDecisionLetterDocument,
  buildFundApplicationDocument,
} from "../templates/fund-application";
import { buildMeasurementsWorkbook } from "../templates/measurements-xlsx";
import { buildPlanDocument } from "../templates/plan";
import { buildProgressReportDocument } from "../templates/progress-report";
import { buildProgressReportWorkbook } from "../templates/progress-report-xlsx";
import { buildRevisionDocument } from "../templates/revision";
import { renderDocx } from "../templates/render";
import { buildRollupWorkbook } from "../templates/rollup-xlsx";
import { buildSelfEvaluationDocument } from "../templates/self-evaluation";
import { buildSpendingWorkbook } from "../templates/spending-xlsx";
import { logActionStatusLabels } from "./domain/activity-log";
import type { ActionListView, YearLogView } from "./domain/activity-log-documents";
import { diffAgreements } from "./domain/agreement-diff";
import { type AgreementView } from "./domain/agreement-view";
import {
  buildFundApplicationView,
  hasDecision,
  type FundApplicationView,
} from "./domain/fund-application-view";
import { emptyAgreementView } from "./domain/revision";
import { compareSpending } from "./domain/spending";
import type { SessionUser } from "./domain/user";
import { NotFoundError } from "./models/errors.server";
import { getActionList, getActivityYearLog } from "./models/activity-log/index.server";
import { selectFindings } from "./models/activity-log/shared.server";
import { getAgreementView, getPlanAgreementViews } from "./models/agreements/read.server";
import { getApplication } from "./models/fund-applications.server";
import { getMeasurementGrid } from "./models/measurements.server";
import { renderProgressReportCharts } from "./models/charts.server";
import { getProgressReport } from "./models/progress-reports.server";
import { getRevisionReview, getVersionView } from "./models/revision-views.server";
import { getSelfEvaluation } from "./models/self-evaluations.server";
import { getFocusAreaRollup } from "./models/rollup.server";
import { getSpending } from "./models/spending.server";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A file name without characters that file systems or headers choke on. */
export function safeFileName(name: string): string {
  return (
    name
      .normalize("NFC")
      // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 150)
  );
}

export function agreementFileName(view: Pick<AgreementView, "plan" | "focusArea">): string {
  return `${safeFileName(`Delaftale - ${view.plan.name} - ${view.focusArea}`)}.docx`;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266/5987) for æøå. */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/"/g, "");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function renderAgreementDocx(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
) {
  const { view } = await getAgreementView(db, user, planId, agreementId);
  return {
    fileName: agreementFileName(view),
    buffer: await renderDocx(buildAgreementDocument(view)),
  };
}

/**
 * One version of an agreement as Word, from its frozen snapshot. The header carries the version's
 * label ("Version 1, godkendt 20. november 2026"), so a printed copy says which version it is.
 */
export async function renderAgreementVersionDocx(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  number: number,
) {
  const { view } = await getVersionView(db, user, planId, agreementId, number);
  const base = agreementFileName(view).replace(/\.docx$/, "");
  return {
    fileName: `${base} - version ${number}.docx`,
    buffer: await renderDocx(buildAgreementDocument(view)),
  };
}

/** Every agreement of the plan in one document with a table of contents. */
export async function renderPlanDocx(db: Db, user: SessionUser, planId: number) {
  const { plan, views } = await getPlanAgreementViews(db, user, planId);
  return {
    fileName: `${safeFileName(`Delaftaler - ${plan.name}`)}.docx`,
    buffer: await renderDocx(buildPlanDocument(plan, views)),
  };
}

/** One .docx per agreement (named by plan and focus area), for a zip or a directory. */
export async function renderPlanAgreementFiles(db: Db, user: SessionUser, planId: number) {
  const { plan, views } = await getPlanAgreementViews(db, user, planId);
  const files: { fileName: string; buffer: Buffer }[] = [];
  for (const view of views) {
    files.push({
      fileName: agreementFileName(view),
      buffer: await renderDocx(buildAgreementDocument(view)),
    });
  }
  return { plan, files };
}

export async function renderPlanZip(db: Db, user: SessionUser, planId: number) {
  const { plan, files } = await renderPlanAgreementFiles(db, user, planId);
  const zip = zipSync(
    Object.fromEntries(files.map((f) => [f.fileName, new Uint8Array(f.buffer)])),
    { level: 6 },
  );
  return { fileName: `${safeFileName(`Delaftaler - ${plan.name}`)}.zip`, buffer: Buffer.from(zip) };
}

export function fileResponse(buffer: Buffer, fileName: string, contentType: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": attachment(fileName),
      "Content-Length": String(buffer.length),
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * The proposed version as Word with tracked changes against the last approved version (or against
 * nothing, for a first version), from the same diff as the review screen. 404 when nothing is
 * pending.
 */
export async function renderRevisionDocx(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
) {
  const review = await getRevisionReview(db, user, planId, agreementId);
  if (!review) throw new NotFoundError("Der er ingen ændringer, som afventer godkendelse");
  const { proposed, approved, before, after, diff } = review;
  const comparedWith = approved ? approved.label : "ingen tidligere version";
  const document = buildRevisionDocument({
    before,
    after,
    diff,
    versionLabel: `${proposed.label} (ændringer i forhold til ${comparedWith})`,
    author: proposed.submittedBy ?? "Sekretariatet",
    date: proposed.submittedAt,
  });
  const name = `${after.plan.name} - ${after.focusArea} - forslag til version ${proposed.number} (med ændringer)`;
  return { fileName: `${safeFileName(name)}.docx`, buffer: await renderDocx(document) };
}

/**
 * An approved version as Word with tracked changes against an earlier version (or against nothing,
 * for a first version): the revision history of an agreement, from the versions' frozen snapshots
 * and the same diff as the review screen.
 */
export async function renderVersionChangesDocx(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: { number: number; submittedBy: string | null; submittedAt: string },
  previousNumber: number | null,
) {
  const after = await getVersionView(db, user, planId, agreementId, version.number);
  const previous = previousNumber
    ? await getVersionView(db, user, planId, agreementId, previousNumber)
    : null;
  const before = previous ? previous.view : emptyAgreementView(after.view);
  const comparedWith = previous ? previous.label : "ingen tidligere version";
  const document = buildRevisionDocument({
    before,
    after: after.view,
    diff: diffAgreements(before, after.view),
    versionLabel: `${after.label} (ændringer i forhold til ${comparedWith})`,
    author: version.submittedBy ?? "Sekretariatet",
    date: version.submittedAt,
  });
  const name = `${after.view.plan.name} - ${after.view.focusArea} - version ${version.number} (med ændringer)`;
  return { fileName: `${safeFileName(name)}.docx`, buffer: await renderDocx(document) };
}

// --- Excel ---------------------------------------------------------------------------------------

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An Excel workbook as the bytes of a download. */
async function renderXlsx(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function xlsxFileName(
  kind: string,
  agreement: { planName: string; focusArea: string },
  year: number,
): string {
  return `${safeFileName(`${kind} - ${agreement.planName} - ${agreement.focusArea} - ${year}`)}.xlsx`;
}

/** The measurement grid of a year (default: as on the page) as Excel; members of the plan only. */
export async function renderMeasurementsXlsx(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  year: number | undefined,
) {
  const grid = await getMeasurementGrid(db, user, planId, agreementId, year);
  return {
    fileName: xlsxFileName("Målinger", grid.agreement, grid.year),
    buffer: await renderXlsx(buildMeasurementsWorkbook(grid)),
  };
}

/** Budget against spend of a year (default: as on the page) as Excel; members of the plan only. */
export async function renderSpendingXlsx(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  year: number | undefined,
) {
  const page = await getSpending(db, user, planId, agreementId, year ?? null);
  const comparison = compareSpending(page.budget, page.spent, page.year);
  return {
    fileName: xlsxFileName("Forbrug", page.agreement, page.year),
    buffer: await renderXlsx(buildSpendingWorkbook({ agreement: page.agreement, comparison })),
  };
}

// --- progress report -----------------------------------------------------------------------------

/** "Statusrapport 2025 - Helhedsplan Strandengen og Solsikkeparken.docx" */
function progressReportFileName(
  view: { title: string; plan: { name: string } },
  extension: "docx" | "xlsx",
): string {
  return `${safeFileName(`${view.title} - ${view.plan.name}`)}.${extension}`;
}

/**
 * The plan's progress report on a year as Word: a final report from its snapshot, a draft from the
 * current figures. Any member of the plan; others 404, as does a year outside the plan's period.
 */
export async function renderProgressReportDocx(
  db: Db,
  user: SessionUser,
  planId: number,
  year: number,
) {
  const { view } = await getProgressReport(db, user, planId, year);
  // The charts come from the report's view too (a final report: its snapshot).
  const charts = await renderProgressReportCharts(view);
  return {
    fileName: progressReportFileName(view, "docx"),
    buffer: await renderDocx(buildProgressReportDocument(view, { charts })),
  };
}

/** The same report as an Excel workbook (criteria, economy and notes as rows to work with). */
export async function renderProgressReportXlsx(
  db: Db,
  user: SessionUser,
  planId: number,
  year: number,
) {
  const { view } = await getProgressReport(db, user, planId, year);
  return {
    fileName: progressReportFileName(view, "xlsx"),
    buffer: await renderXlsx(buildProgressReportWorkbook(view)),
  };
}

// --- roll-up across plans (administrators) -------------------------------------------------------

/** Success-criterion statuses of a year across all plans as Excel; administrators only. */
export async function renderRollupXlsx(db: Db, user: SessionUser, year: number | undefined) {
  const rollup = await getFocusAreaRollup(db, user, year);
  return {
    fileName: `${safeFileName(`Succeskriterier - alle helhedsplaner - ${rollup.year}`)}.xlsx`,
    buffer: await renderXlsx(buildRollupWorkbook(rollup)),
  };
}

// --- Self-evaluations ----------------------------------------------------------------------------

/** A self-evaluation as Word, named by funder and project; members of the plan only. */
export async function renderSelfEvaluationDocx(
  db: Db,
  user: SessionUser,
  planId: number,
  evaluationId: number,
) {
  const { view } = await getSelfEvaluation(db, user, planId, evaluationId);
  return {
    fileName: `${safeFileName(`Selvevaluering - ${view.funder} - ${view.title}`)}.docx`,
    buffer: await renderDocx(buildSelfEvaluationDocument(view)),
  };
}

// --- Dispositionsfond ----------------------------------------------------------------------------

/**
 * The application's view for a document, as the user may see it: applicants of its estate and
 * the fund's administrators (their copy with the checklist); others 404, as is an application
 * that is not the fund's in the URL.
 */
async function loadFundApplicationView(
  db: Db,
  user: SessionUser,
  fundId: number,
  applicationId: number,
) {
  const page = await getApplication(db, user, { fundId, applicationId });
  return buildFundApplicationView(page);
}

/** "Ansøgning - Fællesværkstedet - Afd. 7 Kløverhaven.docx" */
function fundApplicationFileName(kind: string, view: FundApplicationView): string {
  return `${safeFileName(`${kind} - ${view.title} - ${view.estateName}`)}.docx`;
}

/** An application to a dispositionsfond as Word, in any status. */
export async function renderFundApplicationDocx(
  db: Db,
  user: SessionUser,
  fundId: number,
  applicationId: number,
) {
  const view = await loadFundApplicationView(db, user, fundId, applicationId);
  return {
    fileName: fundApplicationFileName("Ansøgning", view),
    buffer: await renderDocx(buildFundApplicationDocument(view)),
  };
}

/** The organisation board's decision letter on an application; 404 until it is decided. */
export async function renderFundDecisionDocx(
  db: Db,
  user: SessionUser,
  fundId: number,
  applicationId: number,
) {
  const view = await loadFundApplicationView(db, user, fundId, applicationId);
  if (!hasDecision(view)) throw new NotFoundError("Ansøgningen er ikke afgjort endnu");
  return {
    fileName: fundApplicationFileName("Afgørelse", view),
    buffer: await renderDocx(buildDecisionLetterDocument(view)),
  };
}

// --- Activity log --------------------------------------------------------------------------------

/**
 * The action list after an event as Word, to send to the partners: "Handlingsliste -
 * Tryghedsvandring 2026-05-12 - Tryghedsvandringer i Solsikkeparken.docx". Members of the plan
 * only; others 404, as does an event of another plan.
 */
export async function renderLogActionListDocx(
  db: Db,
  user: SessionUser,
  planId: number,
  eventId: number,
) {
  const list = await getActionList(db, user, planId, eventId);
  const view: ActionListView = {
    planName: list.planName,
    focusArea: list.focusArea,
    activity: list.activity,
    kind: list.event.kind,
    date: list.event.date,
    place: list.event.place,
    note: list.event.note,
    participants: list.participants,
    followUpDue: list.followUpDue,
    findings: list.findings,
  };
  const name = `Handlingsliste - ${view.kind} ${view.date} - ${view.activity}`;
  return {
    fileName: `${safeFileName(name)}.docx`,
    buffer: await renderDocx(buildActionListDocument(view)),
  };
}

/**
 * The plan's activity log of a year (all activities, or one) as Excel: the events, the actions
 * found at them and the counts per activity. Members of the plan only; others 404. The actions
 * are read for the year's events in one batch (two queries), after the access check.
 */
export async function renderLogYearXlsx(
  db: Db,
  user: SessionUser,
  planId: number,
  { year, activityId }: { year: number; activityId: number | null },
) {
  const log = await getActivityYearLog(db, user, planId, { year, activityId });
  const findings = await selectFindings(
    db,
    log.rows.map((r) => r.eventId),
  );
  const groupName = new Map(log.groups.map((g) => [g.id, g.name]));
  const findingsByEvent = new Map<number, typeof findings>();
  for (const f of findings)
    findingsByEvent.set(f.eventId, [...(findingsByEvent.get(f.eventId) ?? []), f]);
  const openCount = (eventId: number) =>
    (findingsByEvent.get(eventId) ?? [])
      .flatMap((f) => f.actions)
      .filter((a) => a.status === "open" || a.status === "in_progress").length;
  const activity = activityId != null ? (log.rows[0]?.activity.name ?? null) : null;
  const view: YearLogView = {
    planName: log.planName,
    year,
    activity,
    groups: log.groups.map((g) => g.name),
    events: log.rows.map((r) => ({
      id: r.eventId,
      date: r.date,
      focusArea: r.focusArea,
      activity: r.activity.name,
      kind: r.kind,
      place: r.place,
      note: r.note,
      participants: Object.fromEntries(
        Object.entries(r.participants).map(([id, count]) => [
          groupName.get(Number(id)) ?? "",
          count,
        ]),
      ),
      findingCount: r.findingCount,
      actionCount: r.actionCount,
      openActionCount: openCount(r.eventId),
      isFollowUp: r.followUpOfId != null,
    })),
    // selectFindings returns the findings by position, not by event: put them in the rows' order.
    actions: log.rows.flatMap((r) =>
      (findingsByEvent.get(r.eventId) ?? []).flatMap((f) =>
        f.actions.map((a) => ({
          eventId: r.eventId,
          finding: f.text,
          findingPlace: f.place,
          responsible: a.responsible,
          description: a.description,
          dueDate: a.dueDate,
          status: logActionStatusLabels[a.status],
          dropReason: a.status === "dropped" ? a.dropReason : null,
        })),
      ),
    ),
  };
  const name = [`Aktivitetslog ${year}`, log.planName, activity].filter(Boolean).join(" - ");
  return {
    fileName: `${safeFileName(name)}.xlsx`,
    buffer: await renderXlsx(buildYearLogWorkbook(view)),
  };
}
