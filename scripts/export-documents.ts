/**
 * What `npm run export` makes, shared by the command (scripts/export.ts), which makes it on the
 * database it opens, and the running app's internal export route (scripts/internal-export.ts),
 * which makes it for the command when the app holds the embedded database. Both act as
 * ARCHIVE_SYSTEM_USER, so the files are the same either way.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { Db } from "../db/client";
import { buildAgreementDocument } from "../templates/agreement";
import { renderDocx } from "../templates/render";
import { renderPlanDocx } from "../app/documents.server";
import { getAgreementViewById } from "../app/models/agreements/read.server";
import { NotFoundError } from "../app/models/errors.server";
import { ARCHIVE_SYSTEM_USER } from "../app/models/archive.server";

export type ExportRequest =
  | { kind: "agreement"; id: number | null; raw: string }
  | { kind: "plan"; id: number | null; raw: string }
  | { kind: "all" };

export const USAGE =
  "Brug: npm run export -- (--agreement <id> | --plan <id> | --all) --out <fil eller mappe>";

export function positiveId(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The command line as a request and an absolute --out, or the lines to print for bad usage. */
export function parseExportArgs(
  argv: string[],
): { request: ExportRequest; out: string } | { usage: string[] } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        agreement: { type: "string" },
        plan: { type: "string" },
        all: { type: "boolean" },
        out: { type: "string" },
      },
    }));
  } catch (error) {
    return { usage: [error instanceof Error ? error.message : String(error), USAGE] };
  }
  const modes = [values.agreement !== undefined, values.plan !== undefined, Boolean(values.all)];
  if (modes.filter(Boolean).length !== 1 || !values.out) return { usage: [USAGE] };
  const out = path.resolve(values.out);
  if (values.agreement !== undefined) {
    const raw = values.agreement;
    return { request: { kind: "agreement", id: positiveId(raw), raw }, out };
  }
  if (values.plan !== undefined) {
    const raw = values.plan;
    return { request: { kind: "plan", id: positiveId(raw), raw }, out };
  }
  return { request: { kind: "all" }, out };
}

/** The Danish line for an agreement or plan that does not exist. */
export function notFoundLine(request: ExportRequest & { raw: string }): string {
  return request.kind === "agreement"
    ? `Delaftale ${request.raw} findes ikke.`
    : `Plan ${request.raw} findes ikke.`;
}

/** One agreement as Word, or null when there is no such agreement. */
export async function agreementDocx(db: Db, id: number | null): Promise<Buffer | null> {
  if (!id) return null;
  try {
    const { view } = await getAgreementViewById(db, ARCHIVE_SYSTEM_USER, id);
    return await renderDocx(buildAgreementDocument(view));
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** Every agreement of a plan in one Word document, or null when there is no such plan. */
export async function planDocx(db: Db, id: number | null): Promise<Buffer | null> {
  if (!id) return null;
  try {
    return (await renderPlanDocx(db, ARCHIVE_SYSTEM_USER, id)).buffer;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** The line printed after writing the archive, whichever way it was made. */
export function archiveSummary(
  out: string,
  counts: { planCount: number; fundCount: number; documentCount: number },
  written: number,
): string {
  return (
    `Arkivet er skrevet til ${out}: ${counts.planCount} helhedsplaner og ` +
    `${counts.fundCount} dispositionsfonde, ${counts.documentCount} dokumenter ` +
    `(${written} filer med data.json og revisionsspor).`
  );
}
