/**
 * The helhedsplan's package as one Word document (templates/plan-package.ts), read back with the
 * JavaScript reader: the parts in the package's order as level-1 headings (so the contents list
 * them), a cover naming plan, period, round, parties and date, each part in its own section (a new
 * page), a part the plan lacks saying so, and attachments listed by name, kind and size where
 * they belong. LibreOffice's layout of it is checked in test/documents/plan-package.test.ts.
 */
import { describe, expect, it } from "vitest";
import { buildAgreementView } from "~/domain/agreement-view";
import {
  attachmentLine,
  PACKAGE_EMPTY_TEXTS,
  packageYear,
  type PackageAttachment,
} from "~/domain/plan-package";
import { AGREEMENT_HEADINGS as H } from "../../templates/agreement";
import {
  buildPlanPackageDocument,
  PACKAGE_CONTENTS_LABEL,
  planPackageTitle,
  type PlanPackageInput,
} from "../../templates/plan-package";
import { renderDocx } from "../../templates/render";
import { agreementRecord, emptyAgreementRecord } from "../fixtures/agreement-record";
import { readDocxBuffer, unzipDocx } from "../helpers/docx";
import { textOf } from "../helpers/pandoc";

const PLAN = {
  name: "Boligsocial helhedsplan Kildeparken",
  periodStart: "2023-01-01",
  periodEnd: "2026-12-31",
  fundingRound: "LBF-midler 2019-26",
  parties: ["Egeby Kommune", "Boligselskabet Kildehøj"],
};

const views = [
  agreementRecord(),
  emptyAgreementRecord({ id: 12, focusArea: { id: 5, name: "Beskæftigelse" } }),
].map((record) => buildAgreementView(record));

const attachments: PackageAttachment[] = [
  {
    kind: "preparedness_plan",
    kindLabel: "Beredskabsplan",
    title: "Beredskabsplan",
    fileName: "beredskab.pdf",
    fileSize: 1_258_291,
  },
  {
    kind: "communication_strategy",
    kindLabel: "Kommunikationsstrategi",
    title: "Kommunikationsstrategi",
    fileName: "kommunikation-2026.docx",
    fileSize: 86_016,
  },
  {
    kind: "terms_of_reference",
    kindLabel: "Kommissorium for bestyrelsen",
    title: "Kommissorium 2025",
    fileName: "kommissorium.pdf",
    fileSize: 20_480,
  },
];

function input(overrides: Partial<PlanPackageInput> = {}): PlanPackageInput {
  return {
    plan: PLAN,
    generatedOn: "2026-12-05",
    year: 2026,
    agreements: views,
    attachments,
    ...overrides,
  };
}

async function read(i: PlanPackageInput) {
  const buffer = await renderDocx(buildPlanPackageDocument(i));
  return { doc: readDocxBuffer(buffer), xml: unzipDocx(buffer).get("word/document.xml") ?? "" };
}

const level1 = (doc: ReturnType<typeof readDocxBuffer>) =>
  doc.headings.filter(([level]) => level === 1).map(([, text]) => text);

describe("the package as one Word document", () => {
  it("has the parts in the package's order as level-1 headings, each delaftale among them", async () => {
    const { doc } = await read(input());
    expect(level1(doc)).toEqual([
      "Strategisk samarbejdsaftale",
      "Delaftale for indsatsområdet Sammenhængskraft og medborgerskab",
      `${H.schemas}: Sammenhængskraft og medborgerskab`,
      "Delaftale for indsatsområdet Beskæftigelse",
      "Organisationsdiagram",
      "Kommunikationsstrategi",
      "Målhierarki",
      "Milepælsplan 2026",
      "Status og økonomi",
      "Beredskabsplan",
      "Øvrige bilag",
    ]);
  });

  it("has a cover with plan, period, round, parties and date, and a contents of level 1", async () => {
    const { doc, xml } = await read(input());
    expect(doc.meta.title).toBe(planPackageTitle(PLAN));
    expect(doc.text).toContain("Periode: 1. januar 2023 – 31. december 2026");
    expect(doc.text).toContain("Pulje: LBF-midler 2019-26");
    expect(doc.bullets).toEqual(expect.arrayContaining(PLAN.parties));
    expect(doc.text).toContain("Pakken er dannet 5. december 2026.");
    expect(doc.text).toContain(PACKAGE_CONTENTS_LABEL);
    expect(xml).toContain("TOC \\h \\o &quot;1-1&quot;");
    expect(
      unzipDocx(await renderDocx(buildPlanPackageDocument(input()))).get("word/settings.xml"),
    ).toMatch(/<w:updateFields/);
  });

  it("puts the cover and every part in a section of its own, so each starts on a new page", async () => {
    const { xml } = await read(input());
    // cover, strategic, 2 delaftaler, diagram, communication, goals, milestones, charts,
    // beredskabsplan, other attachments
    expect(xml.match(/<w:sectPr/g)).toHaveLength(11);
    expect(xml).not.toContain('w:val="continuous"');
  });

  it("lists the attachments by kind, name and size in their places", async () => {
    const { doc } = await read(input());
    const lines = doc.bullets.filter((b) => b.startsWith("Bilag:"));
    expect(lines).toEqual([
      "Bilag: Kommunikationsstrategi – kommunikation-2026.docx (84 kB), vedlagt som fil i pakkens .zip",
      "Bilag: Beredskabsplan – beredskab.pdf (1,2 MB), vedlagt som fil i pakkens .zip",
      "Bilag: Kommissorium for bestyrelsen: Kommissorium 2025 – kommissorium.pdf (20 kB), vedlagt som fil i pakkens .zip",
    ]);
    // Each line sits under its part's heading: the last level-1 heading before it.
    const partOf = (needle: string) => {
      let part = "";
      for (const block of doc.ast.blocks) {
        if (block.t === "Header" && (block.c as [number])[0] === 1) part = textOf(block);
        else if (textOf(block).includes(needle)) return part;
      }
      return null;
    };
    expect(partOf("kommunikation-2026.docx")).toBe("Kommunikationsstrategi");
    expect(partOf("beredskab.pdf")).toBe("Beredskabsplan");
    expect(partOf("kommissorium.pdf")).toBe("Øvrige bilag");
  });

  it("says what a plan without parts lacks, under each part's heading", async () => {
    const { doc } = await read(input({ agreements: [], attachments: [] }));
    expect(level1(doc)).toContain("Delaftaler");
    for (const key of [
      "strategic",
      "agreements",
      "milestones",
      "communication",
      "preparedness",
    ] as const) {
      expect(doc.text).toContain(PACKAGE_EMPTY_TEXTS[key]);
    }
    expect(doc.text).toContain("Planen har ingen milepæle endnu.");
  });
});

describe("package texts", () => {
  it("names an attachment's own title only when it says more than its kind", () => {
    expect(attachmentLine(attachments[1]!)).toBe(
      "Bilag: Kommunikationsstrategi – kommunikation-2026.docx (84 kB), vedlagt som fil i pakkens .zip",
    );
    expect(attachmentLine(attachments[2]!)).toContain(
      "Kommissorium for bestyrelsen: Kommissorium 2025",
    );
  });

  it("takes this year's milestone plan, kept inside the plan's period", () => {
    expect(packageYear("2026-12-05", "2023-01-01", "2026-12-31")).toBe(2026);
    expect(packageYear("2027-03-01", "2023-01-01", "2026-12-31")).toBe(2026);
    expect(packageYear("2022-03-01", "2023-01-01", "2026-12-31")).toBe(2023);
  });
});
