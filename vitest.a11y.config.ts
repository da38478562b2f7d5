import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The accessibility sweep alone (test/e2e/axe.test.ts): every page of the demo as every role, axe
 * at desktop and phone width. `npm run test:a11y`; the other browser tests exclude it.
 */
export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["test/e2e/axe.test.ts"],
    pool: "forks",
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
