/** The original Word file of an import (…/imports/:importId/file), as it was uploaded. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { DOCX_TYPE, fileResponse, safeFileName } from "~/documents.server";
import { getImportFile } from "~/models/imports/index.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const importId = requireIdParam(params, "importId");
  const { fileName, bytes } = await getImportFile(await getDb(), user, planId, importId);
  const name = safeFileName(fileName) || "delaftale.docx";
  return fileResponse(Buffer.from(bytes), name, DOCX_TYPE);
}
