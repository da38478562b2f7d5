import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    // Includes the accessibility sweep (test/e2e/axe.test.ts, every kind of page as every role,
    // axe at two widths); `npm run test:a11y` runs it alone.
    include: ["test/e2e/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    // One worker process for all files, instead of a fresh one per file that loads vitest,
    // playwright-core and the helpers again (about 1.3 s of CPU each). The files share no state:
    // each starts its own server and browser in beforeAll and stops them in afterAll, and none
    // mocks modules or changes process.env.
    isolate: false,
    // Migrates and seeds one template database per run; each server starts from a copy of it.
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
