/** Download every agreement of the plan as one Word document with a table of contents. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderPlanDocx } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { buffer, fileName } = await renderPlanDocx(await getDb(), user, planId);
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
