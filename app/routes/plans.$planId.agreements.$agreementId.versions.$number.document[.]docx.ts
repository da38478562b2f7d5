/** Download one version of the agreement as Word (…/versions/<number>/document.docx). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderAgreementVersionDocx } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const number = requireIdParam(params, "number");
  const { buffer, fileName } = await renderAgreementVersionDocx(
    await getDb(),
    user,
    planId,
    agreementId,
    number,
  );
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
