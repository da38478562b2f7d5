/** Download a plan's progress report on a year as Excel (…/reports/2025/report.xlsx). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { fileResponse, renderProgressReportXlsx, XLSX_TYPE } from "~/documents.server";
import { requireIdParam, requireYearParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const year = requireYearParam(params);
  const { buffer, fileName } = await renderProgressReportXlsx(await getDb(), user, planId, year);
  return fileResponse(buffer, fileName, XLSX_TYPE);
}
