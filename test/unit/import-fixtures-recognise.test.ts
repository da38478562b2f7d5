/**
 * The recogniser on the fictional Word delaftaler of test/fixtures/import (issue 13): each is
 * built with `docx`, read by the reader and recognised. The draft must match the fixture's
 * expected draft section by section, at least 95 % of the words must land in a section or be a
 * label, every word is accounted for, and the unplaced paragraphs are exactly the expected ones.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { importCoverage } from "~/domain/import/place";
import { MIN_SECTIONS_FOR_AGREEMENT, recogniseAgreement } from "~/domain/import/recognise";
import type { ImportDraft, Recognition, SourceDocument } from "~/domain/import/types";
import { readAgreementDocx } from "~/import/read-docx.server";
import { buildAgreementView } from "~/domain/agreement-view";
import { draftToAgreementRecord, recordToDraft } from "~/domain/import/draft-record";
import { buildAgreementDocument } from "../../templates/agreement";
import { renderDocx } from "../../templates/render";
import { IMPORT_FIXTURES, largeAgreement, notAnAgreement } from "../fixtures/import";

describe.each(IMPORT_FIXTURES.map((f) => [f.name, f] as const))("fixture %s", (name, fixture) => {
  let doc: SourceDocument;
  let recognition: Recognition;
  beforeAll(async () => {
    doc = await readAgreementDocx(await fixture.build(), `${name}.docx`);
    recognition = recogniseAgreement(doc);
  });

  const keys = Object.keys(fixture.expected) as (keyof ImportDraft)[];
  it.each(keys)("reads %s as expected", (key) => {
    expect(recognition.draft[key]).toEqual(fixture.expected[key]);
  });

  it("places at least 95 % of the words and accounts for all of them", () => {
    const c = importCoverage(doc, recognition);
    console.log(
      `${name}: ${(c.placedShare * 100).toFixed(1)} % of ${c.words} words placed ` +
        `(${c.placedWords} in sections, ${c.labelWords} labels, ${c.unplacedWords} unplaced)`,
    );
    expect(c.placedShare).toBeGreaterThanOrEqual(0.95);
    expect(c.placedWords + c.labelWords + c.unplacedWords + c.discardedWords).toBe(c.words);
    expect(c.words).toBe(doc.wordCount);
  });

  it("leaves exactly the expected paragraphs unplaced", () => {
    const unplaced = doc.blocks
      .filter((_, i) => recognition.destinations[i]?.kind === "unplaced")
      .map((b) => b.text);
    expect(unplaced).toEqual(fixture.expectedUnplaced);
  });

  it("gives every block a destination, empty ones as empty", () => {
    expect(recognition.destinations).toHaveLength(doc.blocks.length);
    doc.blocks.forEach((block, i) => {
      expect(recognition.destinations[i]?.kind === "empty").toBe(block.text.trim() === "");
    });
  });

  it("exports the imported draft and imports the export as the same agreement", async () => {
    const plan = {
      id: 1,
      name: fixture.plan.name,
      periodStart: fixture.plan.periodStart,
      periodEnd: fixture.plan.periodEnd,
      templateEdition: fixture.templateEdition,
      fundingRound: { name: fixture.plan.fundingRoundName },
    };
    const record = draftToAgreementRecord(recognition.draft, plan, {
      id: 1,
      name: fixture.plan.focusAreaName,
    });
    const bytes = await renderDocx(buildAgreementDocument(buildAgreementView(record)));
    const again = recogniseAgreement(await readAgreementDocx(bytes, "eksport.docx"));
    expect(again.draft).toEqual(recordToDraft(record));
    expect(again.destinations.filter((d) => d.kind === "unplaced")).toEqual([]);
  });

  it("recognises the template edition and enough sections", () => {
    expect(recognition.templateEdition).toBe(fixture.templateEdition);
    expect(recognition.sectionsFound.length).toBeGreaterThanOrEqual(MIN_SECTIONS_FOR_AGREEMENT);
  });
});

describe("a long agreement (the benchmark's 30 pages)", () => {
  it("reads as expected, with at least 95 % of the words placed", async () => {
    const fixture = largeAgreement(30);
    const doc = await readAgreementDocx(await fixture.build(), "lang.docx");
    const recognition = recogniseAgreement(doc);
    const c = importCoverage(doc, recognition);
    console.log(`largeAgreement: ${(c.placedShare * 100).toFixed(1)} % of ${c.words} words placed`);
    expect(recognition.draft).toEqual(fixture.expected);
    expect(c.placedShare).toBeGreaterThanOrEqual(0.95);
  });
});

describe("a Word file that is not a delaftale (board minutes)", () => {
  it("finds fewer sections than an agreement has, and places little", async () => {
    const doc = await readAgreementDocx(await notAnAgreement.build(), "referat.docx");
    const recognition = recogniseAgreement(doc);
    const c = importCoverage(doc, recognition);
    console.log(
      `notAnAgreement: ${recognition.sectionsFound.length} sections (${recognition.sectionsFound.join(", ")}), ${(c.placedShare * 100).toFixed(1)} % placed`,
    );
    expect(recognition.sectionsFound.length).toBeLessThan(MIN_SECTIONS_FOR_AGREEMENT);
    expect(recognition.draft.title).toBeNull();
  });
});
