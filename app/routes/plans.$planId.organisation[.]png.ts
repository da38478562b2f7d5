/** Download the plan's organisation diagram as PNG (for Word or slides; every member of the plan). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { fileResponse, safeFileName } from "~/documents.server";
import { getOrganisationDiagram } from "~/models/organisation-diagram.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { png, data } = await getOrganisationDiagram(await getDb(), user, planId);
  const fileName = `${safeFileName(`Organisationsdiagram ${data.planName}`)}.png`;
  return fileResponse(Buffer.from(png.data), fileName, "image/png");
}
