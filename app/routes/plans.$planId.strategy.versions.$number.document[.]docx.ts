/** One version of the strategic agreement as Word (…/strategy/versions/<number>/document.docx). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse } from "~/documents.server";
import { renderStrategicAgreementDocx } from "~/strategic-documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const number = requireIdParam(params, "number");
  const { buffer, fileName } = await renderStrategicAgreementDocx(
    await getDb(),
    user,
    planId,
    number,
  );
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
