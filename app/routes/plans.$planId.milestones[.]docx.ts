/** Download the milestone plan as Word (…/milestones.docx?year=2026 or ?view=period). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { milestonesDocxResponse } from "~/milestone-documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  return milestonesDocxResponse(await getDb(), user, planId, new URL(request.url));
}
