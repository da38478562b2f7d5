/**
 * The demo's attachments are real files an independent reader opens: pdftotext gets the Danish
 * text out of the beredskabsplan PDF the seed builds (db/demo-attachments.ts), æ, ø and å
 * included. Run with `npm run test:documents`; needs pdftotext (poppler-utils).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDemoPreparednessPlan } from "../../db/demo-attachments";

if (spawnSync("sh", ["-c", "command -v pdftotext"]).status !== 0) {
  throw new Error(
    "npm run test:documents needs pdftotext. On Debian/Ubuntu: sudo apt-get install " +
      "--no-install-recommends poppler-utils",
  );
}

const dir = mkdtempSync(join(tmpdir(), "bilag-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the demo's attachments read by an independent reader", () => {
  it("the beredskabsplan PDF: pdftotext reads its Danish text", () => {
    const file = join(dir, "plan.pdf");
    writeFileSync(file, buildDemoPreparednessPlan());
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(text).toContain("Beredskabsplan ved uro i Strandengen");
    expect(text).toContain("hærværk");
  });
});
