/**
 * Restores a backup made by `npm run backup` or the admin page Sikkerhedskopi into the configured
 * database (DATABASE_URL, or the embedded PGlite under data/):
 *
 *   npm run restore -- --file <fil> [--replace]
 *
 * A database with rows is only replaced with --replace; without it the command lists what it would
 * replace. Replacing keeps the old database (PGlite: the old directory beside the new one;
 * PostgreSQL: a backup file in the current directory). Stop the app first.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DatabaseInUseError, driverFromEnv, type DriverOptions } from "../db/client";
import { BackupError, describeCounts, restoreBackup } from "../app/models/backup.server";
import type { CliResult } from "./backup";

const USAGE = "Brug: npm run restore -- --file <fil> [--replace]";

export async function runRestore(argv: string[], target: DriverOptions): Promise<CliResult> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { file: { type: "string" }, replace: { type: "boolean" } },
    }));
  } catch (error) {
    return { exitCode: 1, lines: [error instanceof Error ? error.message : String(error), USAGE] };
  }
  if (!values.file) return { exitCode: 1, lines: [USAGE] };
  const file = path.resolve(values.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { exitCode: 1, lines: [`Filen ${file} kan ikke læses.`] };
  }
  try {
    const result = await restoreBackup(target, bytes, { replace: Boolean(values.replace) });
    const lines = [
      `Sikkerhedskopien fra ${result.manifest.createdAt} (${result.manifest.driver}) er gendannet.`,
    ];
    if (Object.keys(result.replaced).length > 0) {
      lines.push("Erstattede:", ...describeCounts(result.replaced));
    }
    if (result.keptAt) lines.push(`Den tidligere database er gemt i ${result.keptAt}`);
    const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
    lines.push(`Databasen har nu ${rows} rækker i ${Object.keys(result.tables).length} tabeller.`);
    return { exitCode: 0, lines };
  } catch (error) {
    if (error instanceof BackupError || error instanceof DatabaseInUseError) {
      return { exitCode: 1, lines: [error.message] };
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runRestore(process.argv.slice(2), driverFromEnv())
    .then((result) => {
      (result.exitCode ? process.stderr : process.stdout).write(`${result.lines.join("\n")}\n`);
      process.exitCode = result.exitCode;
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `Gendannelsen fejlede: ${error instanceof Error ? error.message : error}\n`,
      );
      process.exit(1);
    });
}
