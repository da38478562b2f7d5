/**
 * The archive's entries and the folder helper the plan and fund folders share (see
 * app/models/archive.server.ts). Unscoped: the archive checks that the user is an administrator.
 */
import { safeFileName } from "~/documents.server";

export type ArchiveKind =
  | "agreement"
  | "agreement-version"
  | "version-changes"
  | "progress-report"
  | "self-evaluation"
  | "attachment"
  | "fund-application"
  | "fund-decision"
  | "data"
  | "audit-trail";

export interface ArchiveFile {
  /** The file's path inside the archive, with "/" between folders. */
  path: string;
  buffer: Buffer;
}

/**
 * One file of the archive. Its name comes from the data (a document is named by plan, focus area
 * and so on), so it is known when the file is rendered. Render the entries in order: a folder's
 * data.json comes after its documents and names them.
 */
export interface ArchiveEntry {
  kind: ArchiveKind;
  render: () => Promise<ArchiveFile>;
}

export const folderName = (id: number, name: string) => safeFileName(`${id} - ${name}`);
export const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type Rendered = { fileName: string; buffer: Buffer };

/**
 * The entries of one folder (a plan's or a fund's). `documents` remembers where each rendered
 * document went (relative to the folder), for the folder's data.json.
 */
export class FolderEntries {
  readonly entries: ArchiveEntry[] = [];
  readonly documents = new Map<string, string>();
  constructor(readonly base: string) {}

  document(
    kind: ArchiveKind,
    dir: string,
    make: () => Promise<Rendered>,
    key?: string,
    prefix = "",
  ) {
    this.entries.push({
      kind,
      render: async () => {
        const { fileName, buffer } = await make();
        const relative = `${dir}/${prefix}${fileName}`;
        if (key) this.documents.set(key, relative);
        return { path: `${this.base}/${relative}`, buffer };
      },
    });
  }

  file(kind: ArchiveKind, name: string, make: () => Promise<Buffer>) {
    this.entries.push({
      kind,
      render: async () => ({ path: `${this.base}/${name}`, buffer: await make() }),
    });
  }
}
