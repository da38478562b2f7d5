/**
 * The helhedsplan's package as a reader sees it once Word has updated its fields (LibreOffice with
 * its indexes updated, test/documents/libreoffice.ts): the contents page lists every part and
 * every delaftale, each line ending in the page its heading is on; each delaftale starts on a page
 * of its own (its title is the first thing under the page header); the organisation diagram and
 * the two charts are in the PDF as images; LibreOffice prints no warnings.
 *
 * Run with `npm run test:documents`; needs LibreOffice (soffice) and poppler-utils (pdftotext,
 * pdfimages).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPlanPackageDocx } from "~/documents/plan-package.server";
import { PACKAGE_CONTENTS_LABEL } from "../../templates/plan-package";
import { createTestDb, type TestDb } from "../helpers/db";
import { createAgreement } from "../helpers/factories";
import { readDocxBuffer } from "../helpers/docx";
import { libreOfficeWarnings, renderPdfWithFields } from "./libreoffice";

for (const command of ["soffice", "pdftotext", "pdfimages"]) {
  if (spawnSync("sh", ["-c", `command -v ${command}`]).status !== 0) {
    throw new Error(
      `npm run test:documents needs ${command}. On Debian/Ubuntu: sudo apt-get install ` +
        "--no-install-recommends libreoffice-writer-nogui poppler-utils",
    );
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "plan-package-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

function pdfText(pdf: string, page?: number): string {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  return execFileSync("pdftotext", ["-layout", ...range, pdf, "-"], { encoding: "utf8" });
}

/** The contents page's lines (page 1, under the label, up to the footer) with their page numbers. */
function contentsLines(pdf: string): { text: string; page: number | null }[] {
  const lines = pdfText(pdf, 1)
    .split("\n")
    .map((line) => line.trim());
  const start = lines.indexOf(PACKAGE_CONTENTS_LABEL);
  expect(start, `"${PACKAGE_CONTENTS_LABEL}" on page 1`).toBeGreaterThan(-1);
  const end = lines.findIndex((line, i) => i > start && /^Side 1 af \d+$/.test(line));
  expect(end, "the footer of page 1").toBeGreaterThan(start);
  // A long entry wraps: its first line has no page number and joins the next.
  const out: { text: string; page: number | null }[] = [];
  let pending = "";
  for (const line of lines.slice(start + 1, end).filter(Boolean)) {
    const match = /^(.*?)\s*\.{3,}\s*(\d+)$/.exec(line);
    if (match) {
      out.push({ text: squash(`${pending} ${match[1]!}`), page: Number(match[2]) });
      pending = "";
    } else pending = squash(`${pending} ${line}`);
  }
  if (pending) out.push({ text: pending, page: null });
  return out;
}

describe("the helhedsplan's package laid out by LibreOffice, fields updated as on opening", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("pglite");
    // The demo plan with three more delaftaler: four in all, as the package has.
    const plan = await t.db.query.plans.findFirst({
      where: (p, { eq }) => eq(p.id, t.demo.planId),
    });
    for (let i = 0; i < 3; i++) {
      await createAgreement(t.db, plan!, { activities: 2, criteria: 2 });
    }
  });
  afterAll(() => t?.close());

  it("has a contents with a page for every part and delaftale, each delaftale on a new page, and the images", async () => {
    const { buffer } = await renderPlanPackageDocx(t.db, t.user("secretariat"), t.demo.planId);
    const file = path.join(tmp, "package.docx");
    writeFileSync(file, buffer);
    const expected = readDocxBuffer(buffer)
      .headings.filter(([level]) => level === 1)
      .map(([, text]) => text);
    const agreementTitles = expected.filter((h) => h.startsWith("Delaftale for indsatsområdet"));
    expect(agreementTitles).toHaveLength(4);

    const { pdf, stderr } = renderPdfWithFields(file);
    expect(libreOfficeWarnings(stderr)).toEqual([]);
    const lines = contentsLines(pdf);
    expect(lines.map((l) => l.text)).toEqual(expected);
    const pages = Number(/Side 1 af (\d+)/.exec(pdfText(pdf, 1))?.[1]);
    let previous = 1;
    for (const line of lines) {
      expect(line.page, `page number of "${line.text}"`).not.toBeNull();
      expect(line.page!).toBeGreaterThan(previous - 1);
      expect(line.page!).toBeLessThanOrEqual(pages);
      expect(squash(pdfText(pdf, line.page!)), `"${line.text}" on page ${line.page}`).toContain(
        line.text,
      );
      previous = line.page!;
    }
    // Each delaftale (and each part) starts a page: its title is the first line under the header.
    for (const line of lines.filter(
      (l) => agreementTitles.includes(l.text) || !l.text.includes(":"),
    )) {
      const body = pdfText(pdf, line.page!)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      expect(squash(body.slice(1, 5).join(" ")), `page ${line.page}`).toContain(line.text);
    }
    // The organisation diagram and the two charts are images in the PDF.
    const images = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" })
      .split("\n")
      .slice(2)
      .filter((l) => l.trim());
    expect(images.length).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
