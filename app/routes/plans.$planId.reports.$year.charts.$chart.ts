/**
 * One of the progress report's charts as SVG (/plans/3/reports/2025/charts/criteria.svg,
 * …/budget.svg), shown by the report's page as an image: whoever may read the report (the same
 * model function as the page), drawn from the report's view (a final report: its frozen figures).
 * The report page names the chart's tag (a digest of its figures) in the address (`?v=<tag>`):
 * after the access check, a browser that has that drawing gets 304 and a drawing kept of that tag
 * is served, without reading the report (app/chart-response.server.ts). Otherwise the report is
 * read and the chart drawn; the ETag is its tag.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { CHART_NAMES } from "~/domain/charts";
import { chartResponse } from "~/chart-response.server";
import { notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { progressReportChartDrawing } from "~/models/charts.server";
import { getProgressReport } from "~/models/progress-reports.server";
import { requireIdParam, requireYearParam } from "~/route-helpers.server";

/** "criteria.svg" → "criteria". */
const ChartParam = z
  .string()
  .regex(/\.svg$/)
  .transform((s) => s.slice(0, -".svg".length))
  .pipe(z.enum(CHART_NAMES));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const year = requireYearParam(params);
  const chart = ChartParam.safeParse(params.chart ?? "");
  if (!chart.success) throw notFound("Diagrammet findes ikke");
  const db = await getDb();
  // The report's own check (members; others 404), before anything is answered.
  await requirePlanRole(db, user, planId);
  return chartResponse(request, context, `report:${planId}:${year}:${chart.data}`, async () => {
    const { view } = await getProgressReport(db, user, planId, year);
    return progressReportChartDrawing(view, chart.data);
  });
}
