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
import { parseRichText } from "~/domain/rich-text";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import {
  agreementRecord,
  criterionRecord,
  emptyAgreementRecord,
  fundingSourceRecord,
  scaledAgreementRecord,
} from "../fixtures/agreement-record";

/**
 * A 2015-18 agreement in the older edition: lead-ins, goals with delmål, a primary target group,
 * baselines and targets written as text, a short name in the list of activities, a named fund
 * line and period totals only (no per-year table).
 */
function olderEditionRecord(): AgreementRecord {
  const base = agreementRecord();
  const [first, second] = base.activities;
  return {
    ...base,
    plan: {
      ...base.plan,
      name: "Boligsocial helhedsplan Vesterå 2017-2021",
      periodStart: "2017-03-01",
      periodEnd: "2021-02-28",
      templateEdition: "older",
      fundingRound: { name: "LBF-midler 2015-18" },
    },
    focusArea: { id: 9, name: "Tryghed og trivsel" },
    openingText: OPENING_CLAUSE_DEFAULTS.older,
    validFrom: "2017-03-01",
    validTo: "2021-02-28",
    purposesLeadIn: "Formålet er:",
    purposes: ["at styrke fællesskaberne og trygheden i boligområdet"],
    goalsLeadIn: "Målet er:",
    goals: [
      { id: 61, parentId: null, text: "at flere beboere føler sig trygge i området", position: 1 },
      { id: 62, parentId: 61, text: "færre henvendelser om uro i opgangene", position: 1 },
      { id: 63, parentId: 61, text: "bedre belysning på stierne", position: 2 },
      {
        id: 64,
        parentId: null,
        text: "at flere beboere deltager i fællesaktiviteter",
        position: 2,
      },
    ],
    primaryTargetGroup: parseRichText("Beboere i alle ni afdelinger, især nytilflyttere."),
    successCriteria: [
      criterionRecord(
        1,
        "Alle afdelinger har mindst 75 % trygge beboere.",
        "Tryghedsundersøgelse 2019",
        {
          baselineText: "53 %, 66 % og 68 % i tre afdelinger",
          baselineYear: 2016,
          targetValue: 75,
          targetUnit: "%",
          targetYear: 2019,
        },
      ),
      criterionRecord(2, "Færre anser kriminalitet for et problem.", "Tryghedsundersøgelse 2019", {
        baselineValue: 42,
        baselineUnit: "%",
        baselineYear: 2016,
        baselineText: "gennemsnit af ni afdelinger",
      }),
      criterionRecord(3, "Der holdes fire gårdfester om året.", "Sekretariatets optælling", {
        activityId: 31,
      }),
    ],
    activities: [
      {
        ...first!,
        shortName: "Gårdfester",
        purposesLeadIn: "Formål med indsatsen er:",
        targetGroupsLeadIn: "Målgruppen er:",
      },
      second!,
    ],
    fundingSources: [
      fundingSourceRecord(1, "lbf", [], { name: "Driftsstøtte", periodTotal: 3_962_000 }),
      fundingSourceRecord(2, "local", [], {
        name: "Lokal medfinansiering",
        periodTotal: 2_078_000,
      }),
    ],
  };
}

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
  ["an older-edition agreement with delmål and text measures", olderEditionRecord],
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
    expect(recognition.templateEdition).toBe(record.plan.templateEdition);
  });

  it("exports the imported draft as the same text", async () => {
    const record = make();
    const bytes = await exportDocx(record);
    const recognition = recogniseAgreement(await readAgreementDocx(bytes, "delaftale.docx"));
    const again = draftToAgreementRecord(recognition.draft, record.plan, record.focusArea);
    expect(await rawText(await exportDocx(again))).toBe(await rawText(bytes));
  });
});
