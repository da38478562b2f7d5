/**
 * Plan attachments (bilag): PDF and Word files that stay files in the helhedsplan package,
 * stored in the database (so a backup holds them). Every member of the plan lists and downloads
 * them; the secretariat (and administrators) upload, rename, reorder and delete them. Each write
 * is one transaction with its audit event; the audit holds the metadata, never the file.
 *
 * Lists never select the file's bytes: only a download (or the package, which needs the files)
 * reads them.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { planAttachments, users } from "../../db/schema";
import { checkAttachmentFile } from "~/attachments/check-file.server";
import {
  attachmentKindLabels,
  type AttachmentEditInput,
  type AttachmentKind,
  type AttachmentUploadInput,
} from "~/domain/attachments";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { recordAudit } from "./audit.server";
import { ConflictError, NotFoundError } from "./errors.server";

/** The roles besides administrators that may upload, rename, reorder and delete attachments. */
export const ATTACHMENT_EDITORS: readonly PlanAccessRole[] = ["secretariat"];

const NOT_FOUND = "Bilaget findes ikke";

export interface PlanAttachmentItem {
  id: number;
  kind: AttachmentKind;
  kindLabel: string;
  title: string;
  fileName: string;
  mediaType: string;
  fileSize: number;
  /** ISO 8601 in UTC. */
  uploadedAt: string;
  uploadedByName: string | null;
  /** The optimistic lock an edit form posts back. */
  version: number;
}

const uploadedAt = sql<string>`to_char(${planAttachments.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** The metadata columns (never the file). */
const itemColumns = {
  id: planAttachments.id,
  kind: planAttachments.kind,
  title: planAttachments.title,
  fileName: planAttachments.fileName,
  mediaType: planAttachments.mediaType,
  fileSize: planAttachments.fileSize,
  uploadedAt,
  uploadedByName: users.name,
  version: planAttachments.version,
};

function withLabel<T extends { kind: AttachmentKind }>(row: T): T & { kindLabel: string } {
  return { ...row, kindLabel: attachmentKindLabels[row.kind] };
}

/** The plan's attachments in package order, metadata only (every member of the plan). */
export async function listPlanAttachments(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<PlanAttachmentItem[]> {
  await requirePlanRole(db, user, planId);
  const rows = await db
    .select(itemColumns)
    .from(planAttachments)
    .leftJoin(users, eq(users.id, planAttachments.uploadedBy))
    .where(eq(planAttachments.planId, planId))
    .orderBy(asc(planAttachments.position), asc(planAttachments.id));
  return rows.map(withLabel);
}

/** The plan's attachments with their files, in package order (for the package .docx/.zip). */
export async function getPlanAttachmentFiles(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<(PlanAttachmentItem & { data: Uint8Array })[]> {
  await requirePlanRole(db, user, planId);
  const rows = await db
    .select({ ...itemColumns, data: planAttachments.fileData })
    .from(planAttachments)
    .leftJoin(users, eq(users.id, planAttachments.uploadedBy))
    .where(eq(planAttachments.planId, planId))
    .orderBy(asc(planAttachments.position), asc(planAttachments.id));
  return rows.map(withLabel);
}

/** One attachment's file, byte for byte, for a download (every member of the plan). */
export async function getPlanAttachmentFile(
  db: Db,
  user: SessionUser,
  planId: number,
  attachmentId: number,
): Promise<{ fileName: string; mediaType: string; data: Uint8Array }> {
  await requirePlanRole(db, user, planId);
  const [row] = await db
    .select({
      fileName: planAttachments.fileName,
      mediaType: planAttachments.mediaType,
      data: planAttachments.fileData,
    })
    .from(planAttachments)
    .where(and(eq(planAttachments.id, attachmentId), eq(planAttachments.planId, planId)));
  if (!row) throw new NotFoundError(NOT_FOUND);
  return row;
}

export interface AttachmentUpload extends AttachmentUploadInput {
  /** The name the file had on the user's machine. */
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Stores an uploaded PDF or .docx as the plan's last attachment. Throws `AttachmentFileError`
 * (400/413, Danish message) for a file that is empty, too large or of another type: nothing is
 * stored then.
 */
export async function uploadPlanAttachment(
  db: Db,
  user: SessionUser,
  planId: number,
  upload: AttachmentUpload,
): Promise<{ id: number }> {
  await requirePlanRole(db, user, planId, ATTACHMENT_EDITORS);
  const checked = checkAttachmentFile(upload.bytes, upload.fileName);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planAttachments)
      .values({
        planId,
        kind: upload.kind,
        title: upload.title,
        fileName: checked.fileName,
        mediaType: checked.mediaType,
        fileSize: upload.bytes.byteLength,
        fileSha256: createHash("sha256").update(upload.bytes).digest("hex"),
        fileData: upload.bytes,
        position: sql`(select coalesce(max(${planAttachments.position}) + 1, 0) from ${planAttachments} where ${planAttachments.planId} = ${planId})`,
        uploadedBy: user.id,
      })
      .returning({
        id: planAttachments.id,
        kind: planAttachments.kind,
        title: planAttachments.title,
        fileName: planAttachments.fileName,
        mediaType: planAttachments.mediaType,
        fileSize: planAttachments.fileSize,
        fileSha256: planAttachments.fileSha256,
        position: planAttachments.position,
      });
    if (!row) throw new Error("Insert returned no row");
    await recordAttachmentAudit(tx, user, planId, "attachment.upload", row.id, null, row);
    return { id: row.id };
  });
}

/** What the audit keeps of an attachment: its metadata and checksum, not its bytes. */
const auditColumns = {
  id: planAttachments.id,
  kind: planAttachments.kind,
  title: planAttachments.title,
  fileName: planAttachments.fileName,
  mediaType: planAttachments.mediaType,
  fileSize: planAttachments.fileSize,
  fileSha256: planAttachments.fileSha256,
  position: planAttachments.position,
  version: planAttachments.version,
};

async function recordAttachmentAudit(
  tx: Db,
  user: SessionUser,
  planId: number,
  action: string,
  id: number,
  before: unknown,
  after: unknown,
) {
  await recordAudit(tx, {
    user,
    action,
    entityType: "plan_attachment",
    entityId: id,
    planId,
    before,
    after,
  });
}

/** The attachment's metadata, locked for the write; 404 when it is not this plan's. */
async function lockAttachment(tx: Db, planId: number, attachmentId: number) {
  const [row] = await tx
    .select(auditColumns)
    .from(planAttachments)
    .where(and(eq(planAttachments.id, attachmentId), eq(planAttachments.planId, planId)))
    .for("update");
  if (!row) throw new NotFoundError(NOT_FOUND);
  return row;
}

/**
 * Renames an attachment or changes its kind (the file stays). A form loaded before someone else's
 * change (a stale version) is a ConflictError: nothing is overwritten.
 */
export async function updatePlanAttachment(
  db: Db,
  user: SessionUser,
  planId: number,
  attachmentId: number,
  values: AttachmentEditInput,
): Promise<void> {
  await requirePlanRole(db, user, planId, ATTACHMENT_EDITORS);
  await db.transaction(async (tx) => {
    const before = await lockAttachment(tx, planId, attachmentId);
    if (before.version !== values.version) throw new ConflictError();
    const [after] = await tx
      .update(planAttachments)
      .set({
        kind: values.kind,
        title: values.title,
        version: sql`${planAttachments.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(planAttachments.id, attachmentId))
      .returning(auditColumns);
    await recordAttachmentAudit(tx, user, planId, "attachment.update", attachmentId, before, after);
  });
}

/**
 * Moves an attachment one place up or down in the package. The plan's positions are renumbered
 * 0, 1, 2 … in the same statement, so gaps and ties (from deletions, or concurrent uploads) never
 * make a move do nothing.
 */
export async function movePlanAttachment(
  db: Db,
  user: SessionUser,
  planId: number,
  attachmentId: number,
  direction: "up" | "down",
): Promise<void> {
  await requirePlanRole(db, user, planId, ATTACHMENT_EDITORS);
  await db.transaction(async (tx) => {
    const ordered = await tx
      .select({ id: planAttachments.id, position: planAttachments.position })
      .from(planAttachments)
      .where(eq(planAttachments.planId, planId))
      .orderBy(asc(planAttachments.position), asc(planAttachments.id))
      .for("update");
    const index = ordered.findIndex((row) => row.id === attachmentId);
    if (index < 0) throw new NotFoundError(NOT_FOUND);
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= ordered.length) return; // already first or last
    const ids = ordered.map((row) => row.id);
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    const cases = sql.join(
      ids.map((id, position) => sql`when ${id}::integer then ${position}::integer`),
      sql` `,
    );
    await tx
      .update(planAttachments)
      .set({ position: sql`case ${planAttachments.id} ${cases} end` })
      .where(eq(planAttachments.planId, planId));
    await recordAttachmentAudit(
      tx,
      user,
      planId,
      "attachment.move",
      attachmentId,
      { order: ordered.map((row) => row.id) },
      { order: ids },
    );
  });
}

/** Deletes an attachment (its file is gone from the database; the audit keeps its metadata). */
export async function deletePlanAttachment(
  db: Db,
  user: SessionUser,
  planId: number,
  attachmentId: number,
): Promise<void> {
  await requirePlanRole(db, user, planId, ATTACHMENT_EDITORS);
  await db.transaction(async (tx) => {
    const before = await lockAttachment(tx, planId, attachmentId);
    await tx.delete(planAttachments).where(eq(planAttachments.id, attachmentId));
    await recordAttachmentAudit(tx, user, planId, "attachment.delete", attachmentId, before, null);
  });
}
