/**
 * One attachment's file (…/attachments/:attachmentId/file), byte for byte as uploaded, for every
 * member of the plan. Always a download (`Content-Disposition: attachment`) with the type decided
 * from the content at upload, and `nosniff`, so a browser never renders it in the app's origin.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { fileResponse, safeFileName } from "~/documents.server";
import { getPlanAttachmentFile } from "~/models/attachments.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const attachmentId = requireIdParam(params, "attachmentId");
  const file = await getPlanAttachmentFile(await getDb(), user, planId, attachmentId);
  const response = fileResponse(
    Buffer.from(file.data),
    safeFileName(file.fileName) || "bilag",
    file.mediaType,
  );
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
}
