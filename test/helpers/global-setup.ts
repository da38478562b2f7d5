/**
 * Vitest global setup: a directory for this run's template databases (test/helpers/db-templates.ts),
 * handed to the workers, and at the end that directory and the run's PostgreSQL templates removed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testDbTemplates: string;
  }
}

/** The prefix of this run's PostgreSQL template databases. */
export function postgresTemplatePrefix(dir: string): string {
  return `tmpl_${path
    .basename(dir)
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase()}_`;
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "test-db-templates-"));
  project.provide("testDbTemplates", dir);
  return async () => {
    const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
    if (pgUrl) {
      const sql = postgres(pgUrl, { max: 1, onnotice: () => {} });
      try {
        const prefix = postgresTemplatePrefix(dir);
        const rows = await sql<{ datname: string }[]>`
          select datname from pg_database where starts_with(datname, ${prefix})`;
        for (const { datname } of rows) {
          await sql.unsafe(`drop database if exists ${datname} with (force)`);
        }
      } finally {
        await sql.end();
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
