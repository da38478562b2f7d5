/**
 * The whole plan's table of contents as a reader sees it once the fields are updated (Word does so
 * on opening, as the document asks it to; LibreOffice when its indexes are updated, which
 * test/documents/libreoffice.ts does before it stores the PDF): the contents page lists each
 * agreement and its activity schemas by name, every line ends in the page number where that
 * heading is, no two lines read alike, and the document's own title is not an entry. LibreOffice
 * reads the plan and a single agreement without warnings.
 *
 * Run with `npm run test:documents`; needs LibreOffice (soffice) and poppler-utils (pdftotext).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAgreementDocx, renderPlanDocx } from "~/documents.server";
import { buildAgreementView, type AgreementView } from "~/domain/agreement-view";
import { AGREEMENT_HEADINGS } from "../../templates/agreement";
import { buildPlanDocument, CONTENTS_LABEL, planDocumentTitle } from "../../templates/plan";
import { renderDocx } from "../../templates/render";
import { agreementRecord, emptyAgreementRecord } from "../fixtures/agreement-record";
import { createTestDb, type TestDb } from "../helpers/db";
import { libreOfficeWarnings, renderPdfWithFields } from "./libreoffice";

for (const command of ["soffice", "pdftotext"]) {
  if (spawnSync("sh", ["-c", `command -v ${command}`]).status !== 0) {
    throw new Error(
      `npm run test:documents needs ${command}. On Debian/Ubuntu: sudo apt-get install ` +
        "--no-install-recommends libreoffice-writer-nogui poppler-utils",
    );
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "plan-contents-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** The text of one page of the PDF (1-based), or of all pages. */
function pdfText(pdf: string, page?: number): string {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  return execFileSync("pdftotext", ["-layout", ...range, pdf, "-"], { encoding: "utf8" });
}

interface ContentsLine {
  text: string;
  page: number | null;
}

/**
 * The lines under the contents label on the first page, up to its footer: each as its text and
 * the page number it ends in (after the dot leader), or null when it has none.
 */
function contentsLines(pdf: string): ContentsLine[] {
  const lines = pdfText(pdf, 1)
    .split("\n")
    .map((line) => line.trim());
  const start = lines.indexOf(CONTENTS_LABEL);
  expect(start, `"${CONTENTS_LABEL}" on page 1`).toBeGreaterThan(-1);
  const end = lines.findIndex((line, i) => i > start && /^Side 1 af \d+$/.test(line));
  expect(end, "the footer of page 1").toBeGreaterThan(start);
  return lines
    .slice(start + 1, end)
    .filter(Boolean)
    .map((line) => {
      const match = /^(.*?)\s*\.{3,}\s*(\d+)$/.exec(line);
      return match ? { text: match[1]!, page: Number(match[2]) } : { text: line, page: null };
    });
}

/** What the contents must list for these agreements, in their order. */
function expectedEntries(views: AgreementView[]): string[] {
  return views.flatMap((view) => [
    view.title,
    ...(view.activities.length ? [`${AGREEMENT_HEADINGS.schemas}: ${view.focusArea}`] : []),
  ]);
}

/** Renders the .docx with its fields updated and checks the contents page against `entries`. */
function checkContents(file: string, title: string, entries: string[]): ContentsLine[] {
  const { pdf, stderr } = renderPdfWithFields(file);
  expect(libreOfficeWarnings(stderr)).toEqual([]);
  const lines = contentsLines(pdf);
  expect(lines.map((line) => line.text)).toEqual(entries);
  expect(new Set(lines.map((line) => line.text)).size).toBe(lines.length);
  expect(lines.map((line) => line.text)).not.toContain(title);
  expect(squash(pdfText(pdf, 1))).toContain(title);
  const pages = Number(/Side 1 af (\d+)/.exec(pdfText(pdf, 1))?.[1]);
  let previous = 1;
  for (const line of lines) {
    // The number is the page the heading is on, and the entries follow the document's order.
    expect(line.page, `page number of "${line.text}"`).not.toBeNull();
    expect(line.page!).toBeGreaterThan(previous);
    expect(line.page!).toBeLessThanOrEqual(pages);
    expect(squash(pdfText(pdf, line.page!)), `"${line.text}" on page ${line.page}`).toContain(
      line.text,
    );
    previous = line.page!;
  }
  return lines;
}

describe("the whole plan's table of contents, with the fields updated as on opening", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("pglite");
  });
  afterAll(() => t?.close());

  it("the demo plan: its agreement and activity schemas with page numbers; LibreOffice warns of nothing", async () => {
    const { buffer } = await renderPlanDocx(t.db, t.user("secretariat"), t.demo.planId);
    const file = path.join(tmp, "demo-plan.docx");
    writeFileSync(file, buffer);
    const focusArea = "Sammenhængskraft og medborgerskab";
    checkContents(file, "Helhedsplan Strandengen og Solsikkeparken: delaftaler", [
      `Delaftale for indsatsområdet ${focusArea}`,
      `Aktivitetsskemaer: ${focusArea}`,
    ]);
  }, 150_000);

  it("a plan of three agreements: one line per agreement and per agreement's activity schemas", async () => {
    const views = [
      agreementRecord(),
      emptyAgreementRecord({ id: 12, focusArea: { id: 5, name: "Beskæftigelse" } }),
      agreementRecord({ id: 13, focusArea: { id: 6, name: "Uddannelse og livschancer" } }),
    ].map((record) => buildAgreementView(record));
    const plan = {
      name: "Boligsocial helhedsplan Kildeparken",
      periodStart: "2023-01-01",
      periodEnd: "2026-12-31",
      fundingRound: "LBF-midler 2019-26",
    };
    const file = path.join(tmp, "three-agreements.docx");
    writeFileSync(file, await renderDocx(buildPlanDocument(plan, views)));
    const entries = expectedEntries(views);
    // Two agreements with activities, one without: five lines, two of them activity schemas.
    expect(entries).toHaveLength(5);
    checkContents(file, planDocumentTitle(plan), entries);
  }, 150_000);

  it("a single agreement: LibreOffice lays it out, fields updated, without warnings", async () => {
    const { buffer } = await renderAgreementDocx(
      t.db,
      t.user("secretariat"),
      t.demo.planId,
      t.demo.agreementId,
    );
    const file = path.join(tmp, "agreement.docx");
    writeFileSync(file, buffer);
    const { pdf, stderr } = renderPdfWithFields(file);
    expect(libreOfficeWarnings(stderr)).toEqual([]);
    const text = squash(pdfText(pdf));
    const pages = Number(/Side 1 af (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Side ${pages} af ${pages}`);
    expect(text).toContain("Aktivitetsskemaer: Sammenhængskraft og medborgerskab");
  }, 150_000);
});
