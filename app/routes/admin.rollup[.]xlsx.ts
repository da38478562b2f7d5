/** Download the roll-up of success-criterion statuses as Excel (/admin/rollup.xlsx?year=2025). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { fileResponse, renderRollupXlsx, XLSX_TYPE } from "~/documents.server";
import { requireAdmin } from "~/models/access.server";
import { readYearQuery } from "~/route-helpers.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  const year = readYearQuery(request);
  const { buffer, fileName } = await renderRollupXlsx(await getDb(), user, year);
  return fileResponse(buffer, fileName, XLSX_TYPE);
}
