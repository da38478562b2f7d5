/**
 * Download the proposed version as Word with tracked changes (…/review/changes.docx): the same
 * diff as the review page, as insertions and deletions the board can step through in Word.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderRevisionDocx } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const { buffer, fileName } = await renderRevisionDocx(await getDb(), user, planId, agreementId);
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
