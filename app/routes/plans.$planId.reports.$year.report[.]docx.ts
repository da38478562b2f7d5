/**
 * Download a plan's progress report on a year as Word (…/reports/2025/report.docx). A final
 * report never changes (until reopened, which changes its version): it carries an ETag, and a
 * browser that has it gets 304 (after the access check) instead of a new render.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderProgressReportDocx } from "~/documents.server";
import { immutableETag, matchesIfNoneMatch, notModified, withETag } from "~/http.server";
import { finalReportTag } from "~/models/immutable-documents.server";
import { requireIdParam, requireYearParam } from "~/route-helpers.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const year = requireYearParam(params);
  const db = await getDb();
  const tag = await finalReportTag(db, user, planId, year);
  const etag = tag ? immutableETag(tag, context) : null;
  if (etag && matchesIfNoneMatch(request, etag)) return notModified(etag);
  const { buffer, fileName } = await renderProgressReportDocx(db, user, planId, year);
  const response = fileResponse(buffer, fileName, DOCX_TYPE);
  return etag ? withETag(response, etag) : response;
}
