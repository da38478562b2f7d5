/**
 * One of the plan page's charts as SVG (/plans/3/charts/criteria.svg?chartYear=2025,
 * …/budget.svg), shown by the page as an image: members of the plan only (others 404, as the
 * page). The ETag is a digest of what the chart is drawn from, so a browser that has the current
 * drawing gets 304 (after the access check and the figures' queries) without a drawing.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { CHART_NAMES } from "~/domain/charts";
import { immutableETag, matchesIfNoneMatch, notFound, notModified, withETag } from "~/http.server";
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
  const drawing = await getPlanChartDrawing(
    await getDb(),
    user,
    planId,
    chart.data,
    year.success ? year.data : undefined,
  );
  const etag = immutableETag(drawing.tag, context);
  if (matchesIfNoneMatch(request, etag)) return notModified(etag);
  const response = new Response(await drawing.svg(), {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8" },
  });
  return withETag(response, etag);
}
