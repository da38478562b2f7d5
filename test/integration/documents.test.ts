import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { buildRequest, callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { richTextToPlain } from "~/domain/rich-text";
import * as agreementPage from "~/routes/plans.$planId.agreements.$agreementId._index";
import * as agreementDocx from "~/routes/plans.$planId.agreements.$agreementId.document[.]docx";
import * as planDocx from "~/routes/plans.$planId.agreements[.]docx";
import * as planZip from "~/routes/plans.$planId.agreements[.]zip";
import { runExport } from "../../scripts/export";

type AgreementPageData = Awaited<ReturnType<typeof agreementPage.loader>>;

/** The document's text as a reader sees it (test/helpers/docx.ts). */
function documentText(buffer: Buffer | Uint8Array): string {
  return readDocxBuffer(buffer).plain;
}

describe.each(drivers)("Word downloads on %s", (driver) => {
  let t: TestDb;
  let tmp: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    tmp = mkdtempSync(path.join(os.tmpdir(), "export-"));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("downloads an agreement as .docx with a recognisable file name", async () => {
    const params = { planId: String(t.demo.planId), agreementId: String(t.demo.agreementId) };
    const url = `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}/document.docx`;
    const response = await agreementDocx.loader({
      request: new Request(`http://localhost${url}`, {
        headers: { Cookie: await cookieFor(t.demo.userIds.viewer) },
      }),
      params,
      context: {},
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const disposition = response.headers.get("Content-Disposition")!;
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(
      "Delaftale - Helhedsplan Strandengen og Solsikkeparken - Sammenhængskraft og medborgerskab.docx",
    );
    const text = documentText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain("Delaftale for indsatsområdet Sammenhængskraft og medborgerskab");
    expect(text).toContain("Aftalen gælder fra den 1. januar 2023 – 31. december 2026.");
  });

  it("answers 404 to a user of another plan", async () => {
    const res = await callRoute(agreementDocx.loader, "/x", {
      userId: t.demo.userIds.otherPlan,
      params: { planId: String(t.demo.planId), agreementId: String(t.demo.agreementId) },
    });
    expect(res.status).toBe(404);
    const zip = await callRoute(planZip.loader, "/x", {
      userId: t.demo.userIds.otherPlan,
      params: { planId: String(t.demo.planId) },
    });
    expect(zip.status).toBe(404);
  });

  it("exports the whole plan as one document and as a zip", async () => {
    const cookie = await cookieFor(t.demo.userIds.board);
    const req = (url: string) =>
      new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
    const params = { planId: String(t.demo.planId) };
    const doc = await planDocx.loader({ request: req("/p"), params, context: {} });
    const docRead = readDocxBuffer(Buffer.from(await doc.arrayBuffer()));
    const docText = docRead.plain;
    // The plan's own title is the document's title (Word's Title style), not a heading.
    expect(docRead.meta.title).toBe("Helhedsplan Strandengen og Solsikkeparken: delaftaler");
    expect(docText).toContain("Delaftale for indsatsområdet Sammenhængskraft og medborgerskab");
    const zip = await planZip.loader({ request: req("/p"), params, context: {} });
    expect(zip.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files)).toEqual([
      "Delaftale - Helhedsplan Strandengen og Solsikkeparken - Sammenhængskraft og medborgerskab.docx",
    ]);
  });

  it("exports from the command line: one agreement, a plan, and everything", async () => {
    const one = path.join(tmp, "one.docx");
    expect(
      (await runExport(["--agreement", String(t.demo.agreementId), "--out", one], t.db)).exitCode,
    ).toBe(0);
    expect(documentText(readFileSync(one))).toContain("Aktivitetsskemaer");
    const plan = path.join(tmp, "plan.docx");
    expect((await runExport(["--plan", String(t.demo.planId), "--out", plan], t.db)).exitCode).toBe(
      0,
    );
    const dir = path.join(tmp, "all");
    const all = await runExport(["--all", "--out", dir], t.db);
    expect(all.exitCode).toBe(0);
    // The archive (docs/archive.md): the agreement in its plan's folder, under its focus area.
    expect(
      readdirSync(
        path.join(
          dir,
          "helhedsplaner",
          `${t.demo.planId} - Helhedsplan Strandengen og Solsikkeparken`,
          "delaftaler",
          "Sammenhængskraft og medborgerskab",
        ),
      ),
    ).toContain(
      "Delaftale - Helhedsplan Strandengen og Solsikkeparken - Sammenhængskraft og medborgerskab.docx",
    );
    expect((await runExport(["--agreement", "99999", "--out", one], t.db)).lines).toEqual([
      "Delaftale 99999 findes ikke.",
    ]);
    expect((await runExport(["--out", one], t.db)).exitCode).toBe(1);
  });

  it("renders the same view that the page shows", async () => {
    // What the agreement page shows a viewer, and the Word file the same viewer downloads.
    const params = { planId: String(t.demo.planId), agreementId: String(t.demo.agreementId) };
    const page = await callRoute(
      agreementPage.loader,
      `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}`,
      { userId: t.demo.userIds.viewer, params },
    );
    expect(page.status).toBe(200);
    const { view } = page.data as AgreementPageData;
    const download = await agreementDocx.loader({
      request: await buildRequest(
        `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}/document.docx`,
        { userId: t.demo.userIds.viewer },
      ),
      params,
      context: {},
    });
    expect(download.status).toBe(200);
    const doc = readDocxBuffer(Buffer.from(await download.arrayBuffer()));
    const lines = doc.text.split("\n").map((line) => line.trim());

    // The demo agreement fills every section, so nothing below is vacuous.
    expect(view.activities.length).toBeGreaterThan(1);
    expect(view.criteria.length).toBeGreaterThan(1);
    expect(view.staff.length).toBeGreaterThan(0);

    expect(doc.headerText).toContain(view.plan.name);
    expect(lines).toContain(view.validityText);
    for (const group of [...view.parties.primary, ...view.parties.secondary]) {
      for (const party of group.parties) expect(doc.text).toContain(party.name);
    }
    for (const member of view.workingGroups.flatMap((g) => g.members)) {
      expect(doc.text).toContain(member.text);
    }
    expect(doc.bullets).toEqual(
      expect.arrayContaining([...view.purposes, ...view.goals.map((g) => g.text)]),
    );
    // Long texts paragraph by paragraph, in the page's order.
    for (const rich of [view.problemStatement, view.method, view.anchoring]) {
      const paragraphs = richTextToPlain(rich).split(/\n+/).filter(Boolean);
      expect(paragraphs.length).toBeGreaterThan(0);
      for (const paragraph of paragraphs) {
        // A list item's "• " is the list's bullet in Word, not text.
        expect(doc.text).toContain(paragraph.replace(/^• /, "").trim());
      }
    }
    // Every success criterion with its data source, baseline and target, in one table row.
    const rows = doc.tables.flat();
    for (const criterion of [...view.criteria, ...view.activities.flatMap((a) => a.criteria)]) {
      const row = rows.find((cells) => cells.some((cell) => cell.includes(criterion.text)));
      expect(row, criterion.text).toBeDefined();
      const rowText = row!.join(" | ");
      expect(rowText).toContain(criterion.dataSource);
      if (criterion.baseline) expect(rowText).toContain(criterion.baseline.text);
      if (criterion.target) expect(rowText).toContain(criterion.target.text);
    }
    // The activities' schemas (the fund's label | content tables), in the page's order.
    const schemaNames = doc.tables
      .map((table) => table.find((cells) => cells[0]?.trim() === "Aktivitetsnavn:")?.[1]?.trim())
      .filter(Boolean);
    expect(schemaNames).toEqual(view.activities.map((a) => a.title));
    for (const staff of view.staff) expect(doc.text).toContain(staff.text);
  });
});
