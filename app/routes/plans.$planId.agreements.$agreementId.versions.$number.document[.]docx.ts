/**
 * Download one version of the agreement as Word (…/versions/<number>/document.docx). An approved
 * version never changes: it carries an ETag, and a browser that has it gets 304 (after the access
 * check) instead of a new render.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderAgreementVersionDocx } from "~/documents.server";
import { immutableETag, matchesIfNoneMatch, notModified, withETag } from "~/http.server";
import { approvedVersionTag } from "~/models/immutable-documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const number = requireIdParam(params, "number");
  const db = await getDb();
  const tag = await approvedVersionTag(db, user, planId, agreementId, number);
  const etag = tag ? immutableETag(tag, context) : null;
  if (etag && matchesIfNoneMatch(request, etag)) return notModified(etag);
  const { buffer, fileName } = await renderAgreementVersionDocx(
    db,
    user,
    planId,
    agreementId,
    number,
  );
  const response = fileResponse(buffer, fileName, DOCX_TYPE);
  return etag ? withETag(response, etag) : response;
}
