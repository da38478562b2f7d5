/** Download the plan's agreements as a .zip with one Word file per agreement. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { fileResponse, renderPlanZip } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { buffer, fileName } = await renderPlanZip(await getDb(), user, planId);
  return fileResponse(buffer, fileName, "application/zip");
}
