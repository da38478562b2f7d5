/**
 * Download the organisation board's decision letter on an application as Word
 * (/funds/:fundId/applications/:applicationId/decision.docx): the applicant of its estate and the
 * fund's administrators; others 404, as does an application that is not decided yet.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderFundDecisionDocx } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const applicationId = requireIdParam(params, "applicationId");
  const { buffer, fileName } = await renderFundDecisionDocx(
    await getDb(),
    user,
    fundId,
    applicationId,
  );
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
