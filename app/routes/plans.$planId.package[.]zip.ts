/**
 * Download the helhedsplan's package as a .zip: the whole as one Word document, each part as its
 * own file and the attachments under bilag/; any member of the plan.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { renderPlanPackageZip } from "~/documents/plan-package.server";
import { fileResponse } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { buffer, fileName } = await renderPlanPackageZip(await getDb(), user, planId);
  return fileResponse(buffer, fileName, "application/zip");
}
