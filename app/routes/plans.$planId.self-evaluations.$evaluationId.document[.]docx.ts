/** Download a self-evaluation as Word (…/self-evaluations/:evaluationId/document.docx). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderSelfEvaluationDocx } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const evaluationId = requireIdParam(params, "evaluationId");
  const { buffer, fileName } = await renderSelfEvaluationDocx(
    await getDb(),
    user,
    planId,
    evaluationId,
  );
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
