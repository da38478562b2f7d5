/** Download budget against spend of a year as Excel (…/spending.xlsx?year=2025). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { fileResponse, renderSpendingXlsx, XLSX_TYPE } from "~/documents.server";
import { readYearQuery, requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request);
  const { buffer, fileName } = await renderSpendingXlsx(
    await getDb(),
    user,
    planId,
    agreementId,
    year,
  );
  return fileResponse(buffer, fileName, XLSX_TYPE);
}
