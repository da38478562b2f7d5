/**
 * POST /admin/backup/download (administrators): makes a backup of the whole database inside the
 * app's process, records it in the audit trail and answers it as a file download. GET is not
 * offered: making a backup is an action that is recorded.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getOpenDb } from "~/db.server";
import { attachment } from "~/documents.server";
import { requireAdmin } from "~/models/access.server";
import { BackupError, backupFileName, createBackup, recordBackup } from "~/models/backup.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  const handle = await getOpenDb();
  try {
    const backup = await createBackup(handle);
    await recordBackup(handle.db, user, backup.manifest, "admin");
    return new Response(new Uint8Array(backup.bytes), {
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Disposition": attachment(backupFileName(backup.manifest)),
        "Content-Length": String(backup.bytes.length),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    // E.g. pg_dump missing or failing: the user's browser shows the Danish explanation.
    if (error instanceof BackupError) {
      return new Response(`Sikkerhedskopien kunne ikke laves.\n\n${error.message}\n`, {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    throw error;
  }
}
