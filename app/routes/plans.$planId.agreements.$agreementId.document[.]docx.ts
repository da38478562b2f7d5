/** Download the agreement as Word (…/document.docx). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderAgreementDocx } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const { buffer, fileName } = await renderAgreementDocx(await getDb(), user, planId, agreementId);
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
