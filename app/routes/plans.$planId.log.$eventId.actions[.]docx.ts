/** Download the action list after an event of the activity log as Word (…/log/12/actions.docx). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderLogActionListDocx } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const eventId = requireIdParam(params, "eventId");
  const { buffer, fileName } = await renderLogActionListDocx(await getDb(), user, planId, eventId);
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
