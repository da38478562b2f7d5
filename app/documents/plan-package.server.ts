/**
 * The helhedsplan's package as downloads: one Word document in the package's order
 * (templates/plan-package.ts), and a .zip with that document, each part as its own file and the
 * attachments as they were uploaded. Access is checked by getPlanPackage (any member of the plan).
 */
import type ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import type { Db } from "../../db/client";
import { buildAgreementDocument } from "../../templates/agreement";
import { buildGoalHierarchyDocument } from "../../templates/goal-hierarchy";
import { buildMilestoneDocument } from "../../templates/milestones";
import { buildMilestoneWorkbook } from "../../templates/milestones-xlsx";
import { buildStrategicAgreementDocument } from "../../templates/strategic-agreement";
import { buildPlanPackageDocument, type PlanPackageInput } from "../../templates/plan-package";
import { renderDocx } from "../../templates/render";
import type { SessionUser } from "~/domain/user";
import { safeFileName } from "~/documents.server";
import { getPlanAttachmentFiles } from "~/models/attachments.server";
import { getPlanPackage, type PlanPackage } from "~/models/plan-package.server";

/** The gathered package as the document template's input. */
export function planPackageInput(pkg: PlanPackage): PlanPackageInput {
  return {
    plan: pkg.plan,
    generatedOn: pkg.generatedOn,
    year: pkg.year,
    agreements: pkg.agreements.map((a) => a.view),
    attachments: pkg.attachments,
    goals: pkg.goals,
    milestones: pkg.milestones,
    strategic: pkg.strategic,
    organisation: pkg.organisation,
    charts: pkg.charts,
  };
}

async function renderXlsx(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** "Helhedsplanens pakke - Helhedsplan Strandengen og Solsikkeparken" */
function packageBaseName(pkg: PlanPackage): string {
  return safeFileName(`Helhedsplanens pakke - ${pkg.plan.name}`);
}

export async function renderPlanPackageDocx(db: Db, user: SessionUser, planId: number) {
  const pkg = await getPlanPackage(db, user, planId);
  return {
    fileName: `${packageBaseName(pkg)}.docx`,
    buffer: await renderDocx(buildPlanPackageDocument(planPackageInput(pkg))),
  };
}

/**
 * The .zip's files (name → bytes), in the package's order; the attachments under bilag/ by their
 * file names (a name that repeats gets " (2)" before its extension).
 */
export async function planPackageZipEntries(
  pkg: PlanPackage,
  attachmentFiles: { fileName: string; data: Uint8Array }[],
): Promise<[string, Uint8Array][]> {
  const entries: [string, Uint8Array][] = [];
  const add = (name: string, data: Uint8Array | Buffer) =>
    entries.push([name, data instanceof Buffer ? new Uint8Array(data) : data]);
  add(
    "00 Helhedsplanens pakke.docx",
    await renderDocx(buildPlanPackageDocument(planPackageInput(pkg))),
  );
  if (pkg.strategic) {
    add(
      "01 Strategisk samarbejdsaftale.docx",
      await renderDocx(buildStrategicAgreementDocument(pkg.strategic)),
    );
  }
  for (const { view } of pkg.agreements) {
    add(
      `${safeFileName(`02 Delaftale – ${view.focusArea}`)}.docx`,
      await renderDocx(buildAgreementDocument(view)),
    );
  }
  add("Organisationsdiagram.png", pkg.organisation.png.data);
  add("Organisationsdiagram.svg", strToU8(pkg.organisation.svg));
  add("Målhierarki.docx", await renderDocx(buildGoalHierarchyDocument(pkg.plan, pkg.goals)));
  add(
    `Milepælsplan ${pkg.year}.docx`,
    await renderDocx(buildMilestoneDocument(pkg.milestones, { year: pkg.year })),
  );
  add(
    `Milepælsplan ${pkg.year}.xlsx`,
    await renderXlsx(buildMilestoneWorkbook(pkg.milestones, { year: pkg.year })),
  );
  add(
    "Milepælsplan for hele perioden.docx",
    await renderDocx(buildMilestoneDocument(pkg.milestones, "period")),
  );
  const used = new Set<string>();
  for (const file of attachmentFiles) {
    const name = safeFileName(file.fileName) || "bilag";
    let unique = name;
    for (let n = 2; used.has(unique.toLowerCase()); n++) {
      unique = name.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`);
    }
    used.add(unique.toLowerCase());
    add(`bilag/${unique}`, file.data);
  }
  return entries;
}

export async function renderPlanPackageZip(db: Db, user: SessionUser, planId: number) {
  const [pkg, files] = await Promise.all([
    getPlanPackage(db, user, planId),
    getPlanAttachmentFiles(db, user, planId),
  ]);
  const entries = await planPackageZipEntries(pkg, files);
  const zip = zipSync(Object.fromEntries(entries), { level: 6 });
  return { fileName: `${packageBaseName(pkg)}.zip`, buffer: Buffer.from(zip) };
}
