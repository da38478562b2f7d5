/**
 * What bench/run.ts and bench/memory.ts both do before starting the built server: build it unless
 * told not to (BENCH_BUILD=0 with a build present), and make a throwaway data directory and the
 * server's production environment (PGlite in that directory unless DATABASE_URL is set).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function buildIfNeeded(): void {
  if (!existsSync("build/index.js") || process.env.BENCH_BUILD !== "0") {
    const build = spawnSync("npx", ["remix", "build"], {
      stdio: "ignore",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0) throw new Error("remix build failed");
  }
}

export function benchServerEnv(prefix: string, port: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATA_DIR: dataDir,
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret",
  };
  if (!env.DATABASE_URL) env.PGLITE_DIR = path.join(dataDir, "pglite");
  const driver = env.DATABASE_URL ? "postgres.js" : "PGlite";
  return { dataDir, env, driver };
}
