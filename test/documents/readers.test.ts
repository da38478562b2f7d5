/**
 * The independent readers: every kind of Word document the app makes is read by pandoc (text,
 * headings, tables, tracked changes) and laid out by LibreOffice (PDF → text with pdftotext), and
 * pandoc must read the same as the JavaScript reader that `npm test` uses (test/helpers/docx.ts),
 * so the unit and integration tests' reading of our documents is itself checked.
 *
 * Run with `npm run test:documents`; it needs pandoc, LibreOffice (soffice) and poppler-utils
 * (pdftotext, pdfinfo), and says so when one is missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selfEvaluations } from "../../db/schema";
import { DEMO_REPORT_YEAR } from "../../db/demo-reporting";
import {
  renderAgreementDocx,
  renderFundApplicationDocx,
  renderFundDecisionDocx,
  renderPlanDocx,
  renderProgressReportDocx,
  renderSelfEvaluationDocx,
} from "~/documents.server";
import { diffAgreements } from "~/domain/agreement-diff";
import { buildAgreementView } from "~/domain/agreement-view";
import { renderDocx } from "../../templates/render";
import { buildRevisionDocument, REVISION_INTRO } from "../../templates/revision";
import { agreementRecord } from "../fixtures/agreement-record";
import { createTestDb, type TestDb } from "../helpers/db";
import { readDocxBuffer, type TrackChanges } from "../helpers/docx";
import {
  nodesOfType,
  textOf,
  type PandocDoc,
  type PandocNode,
  type PandocTable,
} from "../helpers/pandoc";

const TOOLS = [
  { command: "pandoc", package: "pandoc" },
  { command: "soffice", package: "libreoffice-writer-nogui" },
  { command: "pdftotext", package: "poppler-utils" },
  { command: "pdfinfo", package: "poppler-utils" },
];

const missing = TOOLS.filter(
  (tool) => spawnSync("sh", ["-c", `command -v ${tool.command}`]).status !== 0,
);
if (missing.length > 0) {
  const packages = [...new Set(missing.map((tool) => tool.package))].join(" ");
  throw new Error(
    `npm run test:documents needs ${missing.map((t) => t.command).join(", ")}, which ` +
      `${missing.length === 1 ? "is" : "are"} not installed. On Debian/Ubuntu: ` +
      `sudo apt-get install --no-install-recommends ${packages}`,
  );
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "documents-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let count = 0;
function save(buffer: Buffer): string {
  const file = path.join(tmp, `document-${++count}.docx`);
  writeFileSync(file, buffer);
  return file;
}

function pandocAst(file: string, trackChanges: TrackChanges = "accept"): PandocDoc {
  return JSON.parse(
    execFileSync("pandoc", ["--from=docx", "--to=json", `--track-changes=${trackChanges}`, file], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as PandocDoc;
}

/** What both readers must agree on: the text, the headings and the tables' cells. */
function summary(blocks: PandocNode[]) {
  const squash = (text: string) => text.replace(/\s+/g, " ").trim();
  return {
    text: squash(textOf(blocks)),
    headings: nodesOfType(blocks, "Header").map((h) => {
      const [level, , inlines] = h.c as [number, unknown, PandocNode[]];
      return `${level} ${squash(textOf(inlines))}`;
    }),
    tables: nodesOfType(blocks, "Table").map((table) => {
      const [, , , head, bodies, foot] = table.c as PandocTable;
      const rows = [...head[1], ...bodies.flatMap((b) => [...b[2], ...b[3]]), ...foot[1]];
      return rows.map(([, cells]) => cells.map((cell) => squash(textOf(cell[4]))));
    }),
    bulletLists: nodesOfType(blocks, "BulletList").length,
    orderedLists: nodesOfType(blocks, "OrderedList").length,
  };
}

function expectReadersAgree(buffer: Buffer, trackChanges: TrackChanges = "accept") {
  const file = save(buffer);
  const ours = summary(readDocxBuffer(buffer, { trackChanges }).ast.blocks);
  const pandoc = summary(pandocAst(file, trackChanges).blocks);
  expect(ours.headings).toEqual(pandoc.headings);
  expect(ours.tables).toEqual(pandoc.tables);
  expect(ours.bulletLists).toBe(pandoc.bulletLists);
  expect(ours.orderedLists).toBe(pandoc.orderedLists);
  expect(ours.text).toBe(pandoc.text);
  expect(pandoc.text.length).toBeGreaterThan(100);
  return { file, text: pandoc.text };
}

/** LibreOffice's PDF of the document: its text (whitespace squashed) and page count. */
function layOut(file: string): { text: string; pages: number } {
  const profile = mkdtempSync(path.join(os.tmpdir(), "lo-"));
  try {
    const result = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        tmp,
        file,
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(result.status, result.stderr).toBe(0);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = file.replace(/\.docx$/, ".pdf");
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  const pages = Number(
    /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1],
  );
  return { text: text.replace(/\s+/g, " "), pages };
}

/** An approved version and a proposed version with typical changes, as the revision document shows it. */
function revisionBuffer(): Promise<Buffer> {
  const before = agreementRecord();
  const after = structuredClone(before);
  after.goals[0]!.text = "at 60 beboere er aktive frivillige i 2026";
  after.successCriteria = after.successCriteria.filter((c) => c.id !== 2);
  after.activities = after.activities.filter((a) => a.id !== 32);
  const beforeView = buildAgreementView(before, "Version 1");
  const afterView = buildAgreementView(after, "Forslag til version 2");
  return renderDocx(
    buildRevisionDocument({
      before: beforeView,
      after: afterView,
      diff: diffAgreements(beforeView, afterView),
      versionLabel: "Forslag til version 2 (ændringer i forhold til version 1)",
      author: "Signe Lykkegaard",
      date: "2024-05-01T10:15:00.000Z",
    }),
  );
}

describe("Word documents read by pandoc and LibreOffice", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("pglite");
  });
  afterAll(() => t?.close());

  it("the agreement: pandoc reads what our reader reads; LibreOffice lays out pages, header and footer", async () => {
    const { buffer } = await renderAgreementDocx(
      t.db,
      t.user("secretariat"),
      t.demo.planId,
      t.demo.agreementId,
    );
    const { file } = expectReadersAgree(buffer);
    const pdf = layOut(file);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.text).toContain("Delaftale for indsatsområdet Sammenhængskraft og medborgerskab");
    expect(pdf.text).toContain(`Side 1 af ${pdf.pages}`);
    expect(pdf.text).toContain(`Side ${pdf.pages} af ${pdf.pages}`);
    expect(pdf.text).toContain(
      "Helhedsplan Strandengen og Solsikkeparken · Sammenhængskraft og medborgerskab",
    );
  }, 150_000);

  it("the whole plan: pandoc reads what our reader reads; LibreOffice lays it out", async () => {
    const { buffer } = await renderPlanDocx(t.db, t.user("secretariat"), t.demo.planId);
    const { file } = expectReadersAgree(buffer);
    const pdf = layOut(file);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.text).toContain("Aktivitetsskemaer");
  }, 150_000);

  it("the revision: tracked changes read alike when accepted, rejected and all marked; LibreOffice shows both", async () => {
    const buffer = await revisionBuffer();
    for (const mode of ["accept", "reject", "all"] as const) expectReadersAgree(buffer, mode);
    const pandocAll = textOf(pandocAst(save(buffer), "all").blocks);
    expect(pandocAll).toContain("Lektiecafé på biblioteket");
    const pdf = layOut(save(buffer));
    expect(pdf.text).toContain(REVISION_INTRO);
    expect(pdf.text).toContain("Side 1 af");
    // Both the removed and the added text are on the page, as tracked changes.
    expect(pdf.text).toContain("Lektiecafé på biblioteket");
    // The changed goal shows the removed and the added number side by side ("4060").
    expect(pdf.text).toContain("at 4060 beboere er aktive frivillige i 2026");
  }, 150_000);

  it("the progress report, the self-evaluation, the application and the decision letter", async () => {
    const reporter = t.user("reporter");
    const report = await renderProgressReportDocx(t.db, reporter, t.demo.planId, DEMO_REPORT_YEAR);
    expect(expectReadersAgree(report.buffer).text).toContain(`Statusrapport ${DEMO_REPORT_YEAR}`);

    const [evaluation] = await t.db
      .select({ id: selfEvaluations.id })
      .from(selfEvaluations)
      .limit(1);
    const selfEvaluation = await renderSelfEvaluationDocx(
      t.db,
      reporter,
      t.demo.planId,
      evaluation!.id,
    );
    expectReadersAgree(selfEvaluation.buffer);

    const fund = t.demo.dispositionFund;
    const admin = t.user("fundAdmin");
    const application = await renderFundApplicationDocx(
      t.db,
      admin,
      fund.fundId,
      fund.approvedApplicationId,
    );
    expectReadersAgree(application.buffer);
    const decision = await renderFundDecisionDocx(
      t.db,
      admin,
      fund.fundId,
      fund.approvedApplicationId,
    );
    const { file } = expectReadersAgree(decision.buffer);
    expect(layOut(file).pages).toBeGreaterThanOrEqual(1);
  }, 150_000);
});
