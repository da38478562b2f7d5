/**
 * Round trip of the app's own Word export through the importer (issue 13): for each record x,
 * recognise(read(export(x))).draft equals recordToDraft(x), every block of the export is placed or
 * a label (nothing unplaced), and export(draftToAgreementRecord(draft)) reads as the same text as
 * export(x).
 */
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { buildAgreementView, type AgreementRecord } from "~/domain/agreement-view";
import { draftToAgreementRecord, recordToDraft } from "~/domain/import/draft-record";
import { importCoverage } from "~/domain/import/place";
import { recogniseAgreement } from "~/domain/import/recognise";
import { readAgreementDocx } from "~/import/read-docx.server";
import { buildAgreementDocument } from "../../templates/agreement";
import { renderDocx } from "../../templates/render";
import {
  agreementRecord,
  emptyAgreementRecord,
  scaledAgreementRecord,
} from "../fixtures/agreement-record";

async function exportDocx(record: AgreementRecord): Promise<Buffer> {
  return renderDocx(buildAgreementDocument(buildAgreementView(record)));
}

async function rawText(bytes: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: bytes })).value;
}

const RECORDS: [string, () => AgreementRecord][] = [
  ["the complete agreement", () => agreementRecord()],
  ["the agreement with every optional section empty", () => emptyAgreementRecord()],
  [
    "a generated agreement with six activities",
    () =>
      scaledAgreementRecord({
        parties: 12,
        activities: 6,
        agreementCriteria: 4,
        criteriaPerActivity: 3,
      }),
  ],
];

describe.each(RECORDS)("importing the app's own export of %s", (_name, make) => {
  it("reads back the same structured agreement, with nothing unplaced", async () => {
    const record = make();
    const bytes = await exportDocx(record);
    const doc = await readAgreementDocx(bytes, "delaftale.docx");
    const recognition = recogniseAgreement(doc);
    const unplaced = doc.blocks.filter((_, i) => recognition.destinations[i]?.kind === "unplaced");
    expect(unplaced.map((b) => b.text)).toEqual([]);
    expect(recognition.draft).toEqual(recordToDraft(record));
    const coverage = importCoverage(doc, recognition);
    expect(coverage.placedShare).toBe(1);
  });

  it("exports the imported draft as the same text", async () => {
    const record = make();
    const bytes = await exportDocx(record);
    const recognition = recogniseAgreement(await readAgreementDocx(bytes, "delaftale.docx"));
    const again = draftToAgreementRecord(recognition.draft, record.plan, record.focusArea);
    expect(await rawText(await exportDocx(again))).toBe(await rawText(bytes));
  });
});
