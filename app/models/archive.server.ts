/**
 * The archive export: everything in the database as open files, per plan and per dispositionsfond
 * (layout in docs/archive.md). `listArchive` lists the files with their paths and a `render` that
 * makes each one when asked, so the CLI can write them one by one and the admin download can
 * stream a zip while they are made, and both can say how many there are before rendering any.
 * Every document comes from app/documents.server.ts (model → view → template), as on the pages.
 * Administrators only: the export covers every plan and fund.
 */
import { asc } from "drizzle-orm";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { Db } from "../../db/client";
import { plans } from "../../db/schema";
import type { SessionUser } from "~/domain/user";
import { requireAdmin } from "./access.server";
import { listFunds } from "./disposition-funds.server";
import type { ArchiveEntry, ArchiveFile } from "./internal/archive-entries.server";
import { listFundEntries } from "./internal/archive-fund.server";
import { listPlanEntries } from "./internal/archive-plan.server";

export type { ArchiveEntry, ArchiveFile, ArchiveKind } from "./internal/archive-entries.server";

export interface Archive {
  entries: ArchiveEntry[];
  /**
   * Documents the app makes (Word and Excel): every entry but data.json, the audit trail's CSV and
   * the attachments (files as uploaded).
   */
  documentCount: number;
  planCount: number;
  fundCount: number;
}

/** Who runs the command-line export: an administrator that is nobody in particular. */
export const ARCHIVE_SYSTEM_USER: SessionUser = {
  id: 0,
  email: "arkiv@localhost",
  name: "Arkiveksport",
  isAdmin: true,
};

/** Lists every file of the archive; nothing is rendered until an entry's `render` is called. */
export async function listArchive(db: Db, user: SessionUser): Promise<Archive> {
  requireAdmin(user);
  const entries: ArchiveEntry[] = [];
  const allPlans = await db
    .select({ id: plans.id, name: plans.name })
    .from(plans)
    .orderBy(asc(plans.id));
  for (const plan of allPlans) entries.push(...(await listPlanEntries(db, user, plan)));
  const { funds } = await listFunds(db, user);
  for (const fund of funds) entries.push(...(await listFundEntries(db, user, fund)));
  return {
    entries,
    documentCount: entries.filter(
      (e) => e.kind !== "data" && e.kind !== "audit-trail" && e.kind !== "attachment",
    ).length,
    planCount: allPlans.length,
    fundCount: funds.length,
  };
}

/** Renders every entry in order and hands each file to `write`. */
export async function writeArchive(
  archive: Archive,
  write: (file: ArchiveFile) => void | Promise<void>,
): Promise<void> {
  for (const entry of archive.entries) await write(await entry.render());
}

// --- As a zip, streamed --------------------------------------------------------------------------

const STORED = /\.(docx|xlsx)$/; // already zip files: deflating them again gains nothing

/**
 * The archive as a zip stream: each file is rendered when the reader asks for more, so memory
 * holds one document at a time and the browser shows the download's progress as it goes.
 */
export function archiveZipStream(entries: ArchiveEntry[]): ReadableStream<Uint8Array> {
  let next = 0;
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) {
          controller.error(error);
          return;
        }
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      const entry = entries[next++];
      if (!entry) {
        zip.end();
        return;
      }
      const { path, buffer } = await entry.render();
      const data = new Uint8Array(buffer);
      const file = STORED.test(path)
        ? new ZipPassThrough(path)
        : new ZipDeflate(path, { level: 6 });
      zip.add(file);
      file.push(data, true);
    },
  });
}

export function archiveZipName(date = new Date()): string {
  return `Samarbejdsaftaler - arkiv ${date.toISOString().slice(0, 10)}.zip`;
}
