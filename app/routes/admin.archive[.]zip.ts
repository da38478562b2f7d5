/**
 * The archive of every plan and fund as a zip (administrators), streamed: each document is made
 * when the download asks for more, so the browser shows its progress (docs/archive.md).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { attachment } from "~/documents.server";
import { requireAdmin } from "~/models/access.server";
import { archiveZipName, archiveZipStream, listArchive } from "~/models/archive.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  const archive = await listArchive(await getDb(), user);
  return new Response(archiveZipStream(archive.entries), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachment(archiveZipName()),
      "Cache-Control": "private, no-store",
      "X-Archive-Documents": String(archive.documentCount),
    },
  });
}
