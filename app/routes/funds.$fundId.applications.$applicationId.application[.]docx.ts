/**
 * Download an application to a dispositionsfond as Word
 * (/funds/:fundId/applications/:applicationId/application.docx): the applicant of its estate and
 * the fund's administrators (their copy with the guideline checklist); others 404.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, renderFundApplicationDocx } from "~/documents.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const applicationId = requireIdParam(params, "applicationId");
  const { buffer, fileName } = await renderFundApplicationDocx(
    await getDb(),
    user,
    fundId,
    applicationId,
  );
  return fileResponse(buffer, fileName, DOCX_TYPE);
}
