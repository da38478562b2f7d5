/** Download the plan's målhierarki as a Word document (every member of the plan may). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, safeFileName } from "~/documents.server";
import { getGoalHierarchy } from "~/models/goal-hierarchy.server";
import { requireIdParam } from "~/route-helpers.server";
import { buildGoalHierarchyDocument } from "../../templates/goal-hierarchy";
import { renderDocx } from "../../templates/render";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const tree = await getGoalHierarchy(await getDb(), user, planId);
  const buffer = await renderDocx(buildGoalHierarchyDocument(tree.plan, tree));
  return fileResponse(buffer, `${safeFileName(`Målhierarki - ${tree.plan.name}`)}.docx`, DOCX_TYPE);
}
