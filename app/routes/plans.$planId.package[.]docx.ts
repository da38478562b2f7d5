/** Download the helhedsplan's whole package as one Word document; any member of the plan. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { renderPlanPackageDocx } from "~/documents/plan-package.server";
import { DOCX_TYPE, fileResponse } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { buffer, fileName } = await renderPlanPackageDocx(await getDb(), user, planId);
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
