/**
 * The milestone plan's downloads: Word and Excel of one year or the whole period, for any member
 * of the plan (others 404, as is a year outside the plan's period).
 */
import type { Db } from "../db/client";
import { buildMilestoneDocument } from "../templates/milestones";
import { buildMilestoneWorkbook } from "../templates/milestones-xlsx";
import { renderDocx } from "../templates/render";
import { DOCX_TYPE, fileResponse, safeFileName, XLSX_TYPE } from "./documents.server";
import { todayInDenmark } from "./domain/format";
import { milestonePlanTitle, readMilestoneScope } from "./domain/milestone";
import type { SessionUser } from "./domain/user";
import { NotFoundError } from "./models/errors.server";
import { getMilestonePlan } from "./models/milestones.server";

async function load(db: Db, user: SessionUser, planId: number, url: URL) {
  const view = await getMilestonePlan(db, user, planId);
  const scope = readMilestoneScope(url.searchParams, view.plan, todayInDenmark());
  if (!scope) throw new NotFoundError("Året ligger uden for planens periode");
  const fileName = safeFileName(`${milestonePlanTitle(scope)} - ${view.plan.name}`);
  return { view, scope, fileName };
}

export async function milestonesDocxResponse(
  db: Db,
  user: SessionUser,
  planId: number,
  url: URL,
): Promise<Response> {
  const { view, scope, fileName } = await load(db, user, planId, url);
  const buffer = await renderDocx(buildMilestoneDocument(view, scope));
  return fileResponse(buffer, `${fileName}.docx`, DOCX_TYPE);
}

export async function milestonesXlsxResponse(
  db: Db,
  user: SessionUser,
  planId: number,
  url: URL,
): Promise<Response> {
  const { view, scope, fileName } = await load(db, user, planId, url);
  const workbook = buildMilestoneWorkbook(view, scope);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return fileResponse(buffer, `${fileName}.xlsx`, XLSX_TYPE);
}
