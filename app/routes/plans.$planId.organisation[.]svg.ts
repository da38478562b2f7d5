/** Download the plan's organisation diagram as SVG (every member of the plan). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { fileResponse, safeFileName } from "~/documents.server";
import { getOrganisationDiagramSvg } from "~/models/organisation-diagram.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { svg, data } = await getOrganisationDiagramSvg(await getDb(), user, planId);
  const fileName = `${safeFileName(`Organisationsdiagram ${data.planName}`)}.svg`;
  return fileResponse(Buffer.from(svg, "utf8"), fileName, "image/svg+xml; charset=utf-8");
}
