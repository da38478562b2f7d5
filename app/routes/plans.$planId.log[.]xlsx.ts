/**
 * Download the plan's activity log of a year as Excel (…/log.xlsx?year=2026&activity=12): all
 * activities, or the one named; the year defaults to this year (Danish time).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { todayInDenmark } from "~/domain/format";
import { fileResponse, renderLogYearXlsx, XLSX_TYPE } from "~/documents.server";
import { readYearQuery, requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const year = readYearQuery(request) ?? Number(todayInDenmark().slice(0, 4));
  const activity = new URL(request.url).searchParams.get("activity");
  const activityId = activity ? requireIdParam({ activity }, "activity") : null;
  const { buffer, fileName } = await renderLogYearXlsx(await getDb(), user, planId, {
    year,
    activityId,
  });
  return fileResponse(buffer, fileName, XLSX_TYPE);
}
