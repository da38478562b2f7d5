import path from "node:path";
import { defineConfig } from "vitest/config";

/** `npm run test:documents`: our Word documents read by pandoc and LibreOffice (test/documents). */
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["test/documents/**/*.test.ts"],
    pool: "forks",
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 150_000,
    hookTimeout: 120_000,
    env: { SESSION_SECRET: "test-secret-test-secret-test-secret-1234", NODE_ENV: "test" },
  },
});
