import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["test/e2e/**/*.test.ts"],
    // The accessibility sweep (every page as every role, axe at two widths) runs on its own:
    // `npm run test:a11y` (vitest.a11y.config.ts). It takes about 15 minutes on two cores.
    exclude: ["test/e2e/axe.test.ts"],
    pool: "forks",
    fileParallelism: false,
    // Migrates and seeds one template database per run; each server starts from a copy of it.
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
