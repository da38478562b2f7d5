/**
 * Vitest global setup of the browser tests (vitest.e2e.config.ts): migrates and seeds ONE template
 * database per run, the way `npm start` does (db/migrate.ts and db/seed.ts as commands), and hands
 * it to the test files; startServer (test/e2e/server.ts) gives each server its own copy. Removed
 * again when the run ends.
 * - PGlite: a DATA_DIR whose "pglite" directory the commands opened and closed again. A closed
 *   PGlite directory is an ordinary, shut-down PostgreSQL data directory (db/seed.ts itself
 *   reopens the directory db/migrate.ts closed), so a file-by-file copy is a database of its own.
 * - PostgreSQL (E2E_DATABASE_URL): a database e2e_template_<random> on that server, copied with
 *   `create database … template …`.
 * It also compiles the server (scripts/server.ts) once, into build/e2e-server-<random>/, so that
 * each test file's server starts with plain `node` instead of compiling it again with tsx.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import {
  compileServer,
  createDatabase,
  databaseUrl,
  dropDatabase,
  migrateAndSeed,
  serverEnv,
  type E2eTemplate,
} from "./server";

export default async function setup(project: TestProject) {
  const started = Date.now();
  const pgUrl = process.env.E2E_DATABASE_URL;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "e2e-template-"));
  let template: E2eTemplate;
  let removeDatabase: (() => Promise<void>) | undefined;
  try {
    if (pgUrl) {
      const database = `e2e_template_${randomBytes(5).toString("hex")}`;
      await createDatabase(pgUrl, database);
      removeDatabase = () => dropDatabase(pgUrl, database);
      migrateAndSeed(serverEnv(dataDir, databaseUrl(pgUrl, database)));
      template = { driver: "postgres", database };
    } else {
      const env = serverEnv(dataDir);
      migrateAndSeed(env);
      // The commands remove their lock file when they close the database: if it is still
      // there, a copy could be of a directory that was not shut down cleanly.
      if (existsSync(`${env.PGLITE_DIR}.lock`)) {
        throw new Error(`The template's PGlite directory ${env.PGLITE_DIR} was not closed`);
      }
      template = { driver: "pglite", dataDir };
    }
  } catch (error) {
    await removeDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  mkdirSync("build", { recursive: true });
  const serverDir = mkdtempSync(path.resolve("build", "e2e-server-"));
  let serverEntry: string;
  try {
    serverEntry = await compileServer(serverDir);
  } catch (error) {
    rmSync(serverDir, { recursive: true, force: true });
    await removeDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide("e2eTemplate", template);
  project.provide("e2eServerEntry", serverEntry);
  if (process.env.E2E_TIMING) {
    process.stdout.write(`e2e template (${template.driver}) in ${Date.now() - started} ms\n`);
  }
  return async () => {
    rmSync(serverDir, { recursive: true, force: true });
    await removeDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
