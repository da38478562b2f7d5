/**
 * A backup of the configured database (DATABASE_URL, or the embedded PGlite under data/):
 *
 *   npm run backup -- --out <fil>
 *
 * PGlite: the data directory as PGlite dumps it; refused while another process (the running app)
 * has the directory open — use the admin page Sikkerhedskopi then, or stop the app. PostgreSQL:
 * pg_dump -Fc (a consistent snapshot, also while the app runs). See app/models/backup.server.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DatabaseInUseError, driverFromEnv, openDb, type DriverOptions } from "../db/client";
import {
  BackupError,
  createBackup,
  describeCounts,
  recordBackup,
} from "../app/models/backup.server";

export interface CliResult {
  exitCode: number;
  lines: string[];
}

const USAGE = "Brug: npm run backup -- --out <fil>";

export async function runBackup(argv: string[], target: DriverOptions): Promise<CliResult> {
  let out: string | undefined;
  try {
    ({
      values: { out },
    } = parseArgs({ args: argv, options: { out: { type: "string" } } }));
  } catch (error) {
    return { exitCode: 1, lines: [error instanceof Error ? error.message : String(error), USAGE] };
  }
  if (!out) return { exitCode: 1, lines: [USAGE] };
  const file = path.resolve(out);
  try {
    const handle = await openDb(target);
    try {
      const backup = await createBackup(handle);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, backup.bytes);
      await recordBackup(handle.db, null, backup.manifest, "cli");
      const rows = Object.values(backup.manifest.tables).reduce((a, b) => a + b, 0);
      return {
        exitCode: 0,
        lines: [
          `Sikkerhedskopi skrevet til ${file} (${(backup.bytes.length / 1024 / 1024).toFixed(1)} MB, ` +
            `${backup.manifest.driver}, migration ${backup.manifest.migrations.latest ?? "ingen"}, ` +
            `${rows} rækker i ${Object.keys(backup.manifest.tables).length} tabeller).`,
          ...describeCounts(
            Object.fromEntries(Object.entries(backup.manifest.tables).filter(([, n]) => n > 0)),
          ),
        ],
      };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof BackupError || error instanceof DatabaseInUseError) {
      return { exitCode: 1, lines: [error.message] };
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runBackup(process.argv.slice(2), driverFromEnv())
    .then((result) => {
      (result.exitCode ? process.stderr : process.stdout).write(`${result.lines.join("\n")}\n`);
      process.exitCode = result.exitCode;
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `Sikkerhedskopien fejlede: ${error instanceof Error ? error.message : error}\n`,
      );
      process.exit(1);
    });
}
