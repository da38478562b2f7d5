/**
 * The answer of a chart's own address (the plan page's and the progress report's charts), after
 * the route's access check. The page names the chart's tag in the address (`?v=<tag>`, the digest
 * of its figures): a browser that has that drawing gets 304, a drawing kept of that tag is served
 * as it is, and only otherwise are the figures read (`draw`) and the chart drawn. An address
 * without a tag, or with a tag that is no longer current, gets the current drawing and its tag.
 */
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { immutableETag, matchesIfNoneMatch, notModified, withETag } from "~/http.server";
import { keepChartSvg, keptChartSvg, type ChartDrawing } from "~/models/charts.server";

/** A tag as chartTag makes them ("criteria-<32 characters of base64url>"). */
const TagParam = z.string().regex(/^[a-z]+-[\w-]{1,64}$/);

function svgResponse(svg: string, etag: string): Response {
  const response = new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8" },
  });
  return withETag(response, etag);
}

/**
 * `scope` names whose chart this is (e.g. "plan:3:criteria"): a kept drawing is served only at
 * the scope that drew it. Call it only after the access check.
 */
export async function chartResponse(
  request: Request,
  context: AppLoadContext | undefined,
  scope: string,
  draw: () => Promise<ChartDrawing>,
): Promise<Response> {
  const named = TagParam.safeParse(new URL(request.url).searchParams.get("v") ?? "");
  if (named.success) {
    const etag = immutableETag(named.data, context);
    if (matchesIfNoneMatch(request, etag)) return notModified(etag);
    const kept = keptChartSvg(scope, named.data);
    if (kept !== undefined) return svgResponse(kept, etag);
  }
  const drawing = await draw();
  const etag = immutableETag(drawing.tag, context);
  if (matchesIfNoneMatch(request, etag)) return notModified(etag);
  const svg = await drawing.svg();
  keepChartSvg(scope, drawing.tag, svg);
  return svgResponse(svg, etag);
}
