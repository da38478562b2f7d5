/** Download the measurements of a year as Excel (…/measurements.xlsx?year=2025). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { fileResponse, renderMeasurementsXlsx, XLSX_TYPE } from "~/documents.server";
import { readYearQuery, requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request);
  const { buffer, fileName } = await renderMeasurementsXlsx(
    await getDb(),
    user,
    planId,
    agreementId,
    year,
  );
  return fileResponse(buffer, fileName, XLSX_TYPE);
}
