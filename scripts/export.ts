/**
 * Command-line export of agreements as Word, on whichever database the app is configured for
 * (DATABASE_URL or the embedded PGlite under data/):
 *
 *   npm run export -- --agreement <id> --out <file.docx>
 *   npm run export -- --plan <id> --out <file.docx>      (every agreement, with a table of contents)
 *   npm run export -- --all --out <dir>                   (the archive: every plan and fund)
 *
 * The archive (docs/archive.md) has a folder per plan with every agreement's current document and
 * approved versions, the revisions as tracked changes, progress reports (Word and Excel),
 * self-evaluations, data.json and the audit trail as CSV, and a folder per dispositionsfond with
 * its applications, decision letters and data.json. It is the admin page's archive download too.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { driverFromEnv, openDb, type Db } from "../db/client";
import { buildAgreementDocument } from "../templates/agreement";
import { renderDocx } from "../templates/render";
import { agreementFileName, renderPlanDocx } from "../app/documents.server";
import { getAgreementViewById } from "../app/models/agreements/read.server";
import { NotFoundError } from "../app/models/errors.server";
import { ARCHIVE_SYSTEM_USER, listArchive, writeArchive } from "../app/models/archive.server";

export interface ExportResult {
  exitCode: number;
  lines: string[];
}

const USAGE =
  "Brug: npm run export -- (--agreement <id> | --plan <id> | --all) --out <fil eller mappe>";

function positiveId(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export async function runExport(argv: string[], db: Db): Promise<ExportResult> {
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
    return { exitCode: 1, lines: [error instanceof Error ? error.message : String(error), USAGE] };
  }
  const modes = [values.agreement !== undefined, values.plan !== undefined, Boolean(values.all)];
  if (modes.filter(Boolean).length !== 1 || !values.out) return { exitCode: 1, lines: [USAGE] };
  const out = path.resolve(values.out);

  if (values.agreement !== undefined) {
    const id = positiveId(values.agreement);
    const missing = { exitCode: 1, lines: [`Delaftale ${values.agreement} findes ikke.`] };
    if (!id) return missing;
    let view;
    try {
      ({ view } = await getAgreementViewById(db, ARCHIVE_SYSTEM_USER, id));
    } catch (error) {
      if (error instanceof NotFoundError) return missing;
      throw error;
    }
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, await renderDocx(buildAgreementDocument(view)));
    return { exitCode: 0, lines: [`Skrev ${out}`] };
  }
  if (values.plan !== undefined) {
    const id = positiveId(values.plan);
    if (!id) return { exitCode: 1, lines: [`Plan ${values.plan} findes ikke.`] };
    try {
      const { buffer } = await renderPlanDocx(db, ARCHIVE_SYSTEM_USER, id);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, buffer);
      return { exitCode: 0, lines: [`Skrev ${out}`] };
    } catch (error) {
      if (error instanceof NotFoundError) {
        return { exitCode: 1, lines: [`Plan ${values.plan} findes ikke.`] };
      }
      throw error;
    }
  }
  mkdirSync(out, { recursive: true });
  const archive = await listArchive(db, ARCHIVE_SYSTEM_USER);
  let written = 0;
  await writeArchive(archive, ({ path: relative, buffer }) => {
    const target = path.join(out, ...relative.split("/"));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, buffer);
    written++;
  });
  return {
    exitCode: 0,
    lines: [
      `Arkivet er skrevet til ${out}: ${archive.planCount} helhedsplaner og ` +
        `${archive.fundCount} dispositionsfonde, ${archive.documentCount} dokumenter ` +
        `(${written} filer med data.json og revisionsspor).`,
    ],
  };
}

export { agreementFileName };

async function main() {
  const handle = await openDb(driverFromEnv());
  try {
    const result = await runExport(process.argv.slice(2), handle.db);
    const stream = result.exitCode ? process.stderr : process.stdout;
    stream.write(`${result.lines.join("\n")}\n`);
    process.exitCode = result.exitCode;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`Eksporten fejlede: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
}
