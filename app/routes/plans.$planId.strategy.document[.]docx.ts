/** The strategic agreement as Word: the version in effect, or the draft when none is approved. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse } from "~/documents.server";
import { renderStrategicAgreementDocx } from "~/strategic-documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { buffer, fileName } = await renderStrategicAgreementDocx(await getDb(), user, planId);
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
