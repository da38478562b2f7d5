/**
 * The whole plan's Word document as the file says it (read back with test/helpers/docx.ts): its
 * title is the document's title and not a heading, the table of contents takes the level-1
 * headings, which name their agreement, and the document asks Word to update its fields when
 * opened, so the contents get their page numbers. That the page numbers then appear, and are
 * right, is checked with LibreOffice in test/documents/plan-contents.test.ts.
 */
import { describe, expect, it } from "vitest";
import { buildAgreementView } from "~/domain/agreement-view";
import { AGREEMENT_HEADINGS as H, buildAgreementDocument } from "../../templates/agreement";
import { buildPlanDocument, CONTENTS_LABEL } from "../../templates/plan";
import { renderDocx } from "../../templates/render";
import { agreementRecord, emptyAgreementRecord } from "../fixtures/agreement-record";
import { readDocxBuffer, unzipDocx } from "../helpers/docx";

const PLAN = {
  name: "Boligsocial helhedsplan Kildeparken",
  periodStart: "2023-01-01",
  periodEnd: "2026-12-31",
  fundingRound: "LBF-midler 2019-26",
};
const TITLE = "Boligsocial helhedsplan Kildeparken: delaftaler";

const views = [
  agreementRecord(),
  emptyAgreementRecord({ id: 12, focusArea: { id: 5, name: "Beskæftigelse" } }),
  agreementRecord({ id: 13, focusArea: { id: 6, name: "Uddannelse og livschancer" } }),
].map((record) => buildAgreementView(record));

const settingsOf = (buffer: Buffer) => unzipDocx(buffer).get("word/settings.xml") ?? "";
/** w:updateFields switched on (a CT_OnOff: on without a value, or with true/1/on). */
const UPDATE_FIELDS = /<w:updateFields(?: w:val="(?:true|1|on)")?\/>/;

describe("whole plan document", () => {
  it("has the plan's title as the document's title, not as a heading", async () => {
    const doc = readDocxBuffer(await renderDocx(buildPlanDocument(PLAN, views)));
    expect(doc.meta.title).toBe(TITLE);
    expect(doc.headings.map(([, text]) => text)).not.toContain(TITLE);
    expect(doc.plain).toContain(CONTENTS_LABEL);
  });

  it("has level-1 headings that name their agreement, none alike, and a contents of level 1", async () => {
    const buffer = await renderDocx(buildPlanDocument(PLAN, views));
    const level1 = readDocxBuffer(buffer)
      .headings.filter(([level]) => level === 1)
      .map(([, text]) => text);
    expect(level1).toEqual([
      "Delaftale for indsatsområdet Sammenhængskraft og medborgerskab",
      `${H.schemas}: Sammenhængskraft og medborgerskab`,
      "Delaftale for indsatsområdet Beskæftigelse",
      "Delaftale for indsatsområdet Uddannelse og livschancer",
      `${H.schemas}: Uddannelse og livschancer`,
    ]);
    const body = unzipDocx(buffer).get("word/document.xml") ?? "";
    expect(body).toContain("TOC \\h \\o &quot;1-1&quot;");
  });

  it("asks Word to update its fields on opening; a single agreement, without contents, doesn't", async () => {
    expect(settingsOf(await renderDocx(buildPlanDocument(PLAN, views)))).toMatch(UPDATE_FIELDS);
    expect(settingsOf(await renderDocx(buildAgreementDocument(views[0]!)))).not.toMatch(
      UPDATE_FIELDS,
    );
  });

  it("a plan without agreements says so and has no contents to update", async () => {
    const buffer = await renderDocx(buildPlanDocument(PLAN, []));
    const doc = readDocxBuffer(buffer);
    expect(doc.meta.title).toBe(TITLE);
    expect(doc.plain).toContain("Planen har ingen delaftaler endnu.");
    expect(doc.plain).not.toContain(CONTENTS_LABEL);
    expect(settingsOf(buffer)).not.toMatch(UPDATE_FIELDS);
  });
});
