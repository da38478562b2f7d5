/**
 * One of the plan page's charts as SVG (/plans/3/charts/criteria.svg?chartYear=2025,
 * …/budget.svg), shown by the page as an image: members of the plan only (others 404, as the
 * page). The page names the chart's tag (a digest of its figures) in the address (`&v=<tag>`): after
 * the access check, a browser that has that drawing gets 304 and a drawing kept of that tag is
 * served, without the figures' queries (app/chart-response.server.ts). Otherwise the figures are
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
import { getPlanChartDrawing } from "~/models/charts.server";
import { requireIdParam } from "~/route-helpers.server";

/** "criteria.svg" → "criteria". */
const ChartParam = z
  .string()
  .regex(/\.svg$/)
  .transform((s) => s.slice(0, -".svg".length))
  .pipe(z.enum(CHART_NAMES));
/** The page's year choice (an invalid one counts as none, as on the page). */
const ChartYear = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const chart = ChartParam.safeParse(params.chart ?? "");
  if (!chart.success) throw notFound("Diagrammet findes ikke");
  const year = ChartYear.safeParse(new URL(request.url).searchParams.get("chartYear") ?? "");
  const db = await getDb();
  await requirePlanRole(db, user, planId);
  return chartResponse(request, context, `plan:${planId}:${chart.data}`, () =>
    getPlanChartDrawing(db, user, planId, chart.data, year.success ? year.data : undefined),
  );
}
