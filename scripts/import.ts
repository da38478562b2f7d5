/**
 * Bulk migration of existing delaftaler from Word, on whichever database the app is configured for
 * (DATABASE_URL or the embedded PGlite under data/):
 *
 *   npm run import -- --plan <id> --file <a.docx> [--file <b.docx> …] [--focus-area <navn>]
 *                     [--user <e-mail>] [--review]
 *
 * Each file is read and recognised exactly as an upload on the plan's page «Importér delaftale fra
 * Word» is, and the command prints a summary per file: the sections recognised, the items found,
 * the share of the words placed, and every paragraph it could not place, with its text. A file
 * whose every paragraph was placed, with a focus area, is then saved as a draft agreement (or as a
 * revision draft when the plan already has an agreement for that focus area); a file with unplaced
 * paragraphs stays on the import's review screen, whose address is printed, so nothing is lost.
 * --review leaves every file there. The command acts as --user (default: the first active
 * administrator), who is recorded in the audit trail. It exits 1 when a file could not be read or
 * imported (the other files are still imported) and 0 otherwise.
 *
 * While the app runs on the embedded database it holds that database, and the command says so: use
 * the import page in the app then, or stop the app first.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DatabaseInUseError, driverFromEnv, openDb, type Db } from "../db/client";
import { formatPercent } from "../app/domain/format";
import { blockPosition, importSectionLabels } from "../app/domain/import/review";
import type { ImportDraft } from "../app/domain/import/types";
import {
  FieldValidationError,
  ForbiddenError,
  LockedError,
  NotFoundError,
} from "../app/models/errors.server";
import {
  chooseImportFocusArea,
  createImports,
  getImportReview,
  saveImport,
} from "../app/models/imports/index.server";
import { getCommandLineUser } from "../app/models/users.server";

export const USAGE =
  "Brug: npm run import -- --plan <id> --file <fil.docx> [--file <fil.docx> …] " +
  "[--focus-area <navn>] [--user <e-mail>] [--review]";

export interface ImportCommandResult {
  exitCode: 0 | 1;
  lines: string[];
}

interface ImportArgs {
  planId: number;
  files: string[];
  focusArea: string | null;
  user: string | undefined;
  review: boolean;
}

function parse(argv: string[]): ImportArgs | { usage: string[] } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        plan: { type: "string" },
        file: { type: "string", multiple: true },
        "focus-area": { type: "string" },
        user: { type: "string" },
        review: { type: "boolean" },
      },
    }));
  } catch (error) {
    return { usage: [(error as Error).message, USAGE] };
  }
  const planId = Number(values.plan);
  if (!values.plan || !Number.isInteger(planId) || planId <= 0) {
    return { usage: ["Angiv planens id med --plan.", USAGE] };
  }
  if (!values.file?.length) return { usage: ["Angiv mindst én Word-fil med --file.", USAGE] };
  return {
    planId,
    files: values.file,
    focusArea: values["focus-area"]?.trim() || null,
    user: values.user,
    review: values.review ?? false,
  };
}

const normalise = (name: string) => name.trim().replace(/\s+/g, " ").toLocaleLowerCase("da");

/** "3 parter, 2 arbejdsgrupper, …": what the draft holds, by the agreement's parts. */
export function itemsSummary(draft: ImportDraft): string {
  const criteria =
    draft.successCriteria.length + draft.activities.reduce((n, a) => n + a.criteria.length, 0);
  const parts: [number, string, string][] = [
    [draft.parties.length, "part", "parter"],
    [draft.workingGroups.length, "arbejdsgruppe", "arbejdsgrupper"],
    [draft.purposes.length, "formål", "formål"],
    [draft.goals.length, "mål", "mål"],
    [draft.goals.reduce((n, g) => n + g.subGoals.length, 0), "delmål", "delmål"],
    [criteria, "succeskriterium", "succeskriterier"],
    [draft.activities.length, "aktivitet", "aktiviteter"],
    [draft.fundingSources.length, "finansieringslinje", "finansieringslinjer"],
    [draft.staff.length, "medarbejderlinje", "medarbejderlinjer"],
  ];
  return parts.map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(", ");
}

function errorLines(error: unknown): string[] | null {
  if (error instanceof FieldValidationError) return Object.values(error.errors);
  if (error instanceof LockedError) return [error.userMessage];
  if (error instanceof NotFoundError || error instanceof ForbiddenError) return [error.message];
  return null;
}

async function importFile(
  db: Db,
  args: ImportArgs,
  user: NonNullable<Awaited<ReturnType<typeof getCommandLineUser>>>,
  file: string,
): Promise<{ ok: boolean; lines: string[] }> {
  const name = path.basename(file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    return { ok: false, lines: [`${name}: kunne ikke læses (${(error as Error).message}).`] };
  }
  const lines = [`${name}:`];
  try {
    const [created] = await createImports(db, user, args.planId, [{ name, bytes }]);
    if (!created) throw new Error("The import created no record");
    let review = await getImportReview(db, user, args.planId, created.id);
    if (args.focusArea) {
      const wanted = normalise(args.focusArea);
      const area = review.focusArea.options.find((o) => normalise(o.name) === wanted);
      if (!area) {
        const names = review.focusArea.options.map((o) => o.name).join("; ");
        lines.push(`  Indsatsområdet «${args.focusArea}» findes ikke i planens pulje (${names}).`);
      } else if (area.id !== review.focusArea.chosenId) {
        await chooseImportFocusArea(db, user, args.planId, created.id, {
          version: review.version,
          focusAreaId: area.id,
        });
        review = await getImportReview(db, user, args.planId, created.id);
      }
    }
    const { recognition, coverage, source } = review;
    const chosen = review.focusArea.options.find((o) => o.id === review.focusArea.chosenId);
    lines.push(
      `  Indsatsområde: ${chosen?.name ?? "ikke fundet – vælg det på gennemsynssiden eller med --focus-area"}`,
      `  Afsnit genkendt (${recognition.sectionsFound.length}): ` +
        recognition.sectionsFound
          .map((s) => (s === "activity" ? "Aktivitetsskemaer" : importSectionLabels[s]))
          .join(", "),
      `  Fundet: ${itemsSummary(recognition.draft)}`,
      `  Ord placeret: ${formatPercent(coverage.placedShare)} af ${coverage.words}`,
    );
    for (const note of recognition.notes) lines.push(`  Bemærk: ${note}`);
    const unplaced = source.blocks.filter(
      (block) => recognition.destinations[block.index]?.kind === "unplaced",
    );
    lines.push(`  Ikke placeret: ${unplaced.length} afsnit`);
    for (const block of unplaced) lines.push(`    ${blockPosition(block)}: ${block.text}`);
    const reviewPath = `/plans/${args.planId}/imports/${created.id}`;
    if (args.review || unplaced.length || !chosen) {
      lines.push(`  Venter på gennemsyn: ${reviewPath}`);
      return { ok: true, lines };
    }
    const saved = await saveImport(db, user, args.planId, created.id, { version: review.version });
    lines.push(
      saved.revision
        ? `  Gemt som revisionsudkast til delaftale ${saved.agreementId}: /plans/${args.planId}/agreements/${saved.agreementId}`
        : `  Gemt som udkast til delaftale ${saved.agreementId}: /plans/${args.planId}/agreements/${saved.agreementId}`,
    );
    return { ok: true, lines };
  } catch (error) {
    const messages = errorLines(error);
    if (!messages) throw error;
    return { ok: false, lines: [...lines, ...messages.map((m) => `  ${m}`)] };
  }
}

/** Imports on an open database (the command's own, or a test's). */
export async function runImport(argv: string[], db: Db): Promise<ImportCommandResult> {
  const args = parse(argv);
  if ("usage" in args) return { exitCode: 1, lines: args.usage };
  const user = await getCommandLineUser(db, args.user);
  if (!user) {
    return {
      exitCode: 1,
      lines: [
        args.user
          ? `Der er ingen aktiv bruger med e-mailen ${args.user}.`
          : "Der er ingen aktiv administrator at importere som. Angiv en bruger med --user.",
      ],
    };
  }
  const lines = [`Importerer til plan ${args.planId} som ${user.name} <${user.email}>.`];
  let failed = 0;
  for (const file of args.files) {
    const result = await importFile(db, args, user, file);
    lines.push(...result.lines);
    if (!result.ok) failed++;
  }
  if (failed) lines.push(`${failed} af ${args.files.length} filer blev ikke importeret.`);
  return { exitCode: failed ? 1 : 0, lines };
}

async function main() {
  let handle;
  try {
    handle = await openDb(driverFromEnv());
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    console.error(error.forCommand("import").message);
    process.exitCode = 1;
    return;
  }
  try {
    const result = await runImport(process.argv.slice(2), handle.db);
    const out = result.exitCode ? console.error : console.log;
    out(result.lines.join("\n"));
    process.exitCode = result.exitCode;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`Importen mislykkedes: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
