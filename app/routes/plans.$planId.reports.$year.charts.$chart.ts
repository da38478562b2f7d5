/**
 * One of the progress report's charts as SVG (/plans/3/reports/2025/charts/criteria.svg,
 * …/budget.svg), shown by the report's page as an image: whoever may read the report (the same
 * model function as the page), drawn from the report's view (a final report: its frozen figures).
 * The ETag is a digest of what the chart is drawn from, so a browser that has the current drawing
 * gets 304 without a drawing.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { CHART_NAMES } from "~/domain/charts";
import { immutableETag, matchesIfNoneMatch, notFound, notModified, withETag } from "~/http.server";
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
  const { view } = await getProgressReport(await getDb(), user, planId, year);
  const drawing = progressReportChartDrawing(view, chart.data);
  const etag = immutableETag(drawing.tag, context);
  if (matchesIfNoneMatch(request, etag)) return notModified(etag);
  const response = new Response(await drawing.svg(), {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8" },
  });
  return withETag(response, etag);
}
