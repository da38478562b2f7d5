/**
 * The helhedsplan's whole package as one Word document, in the order a board approves it and the
 * fund receives it (issue 14): a cover with a table of contents, the strategic agreement, one
 * delaftale per focus area, the organisation diagram, the communication strategy (an attachment,
 * listed by name), the målhierarki, the milestone plans for the year and for the whole period,
 * "Status og økonomi" (the charts), the beredskabsplan (an attachment) and the other attachments.
 *
 * Every part is its own section, so it starts on a new page with a header naming it; each part
 * opens with a level-1 heading, which is what the contents list. A part the plan has nothing for
 * yet still has its heading and says so ("Planen har ingen milepæle endnu."), so the contents show
 * what the package is missing. Pure: takes the gathered views, returns a Document.
 */
import {
  HeadingLevel,
  Paragraph,
  TableOfContents,
  TextRun,
  type Document,
  type FileChild,
  type ISectionOptions,
} from "docx";
import type { AgreementView } from "~/domain/agreement-view";
import type { RenderedChart } from "~/domain/charts";
import type { GoalHierarchy } from "~/domain/goal-hierarchy";
import { milestonePlanTitle, type MilestonePlanView } from "~/domain/milestone";
import type { OrganisationDiagramData } from "~/domain/organisation-diagram";
import type { StrategicAgreementView } from "~/domain/strategic-agreement";
import type { PngImage } from "~/graphics/png.server";
import { formatDate, formatPeriod } from "~/domain/format";
import {
  attachmentLine,
  attachmentsOfPart,
  PACKAGE_EMPTY_TEXTS,
  PACKAGE_PART_TITLES,
  type PackageAttachment,
  type PackagePartKey,
} from "~/domain/plan-package";
import { buildAgreementSectionOptions } from "./agreement";
import { buildStrategicAgreementSection } from "./strategic-agreement";
import { chartBlocks } from "./charts";
import { goalHierarchyBlocks } from "./goal-hierarchy";
import { milestonePlanBlocks } from "./milestones";
import { organisationDiagramBlocks } from "./organisation-diagram";
import { createDocument } from "./parts/document";
import { heading } from "./parts/headings";
import { pageSection } from "./parts/page";
import { boldParagraph, bulletList, paragraph, textRuns } from "./parts/text";

/** The label above the table of contents. */
export const PACKAGE_CONTENTS_LABEL = "Indhold";

export interface PlanPackageInput {
  plan: {
    name: string;
    periodStart: string;
    periodEnd: string;
    fundingRound: string;
    /** The municipality and housing organisations (the cover's parties without a strategy). */
    parties: string[];
  };
  /** The strategic agreement: the version in effect, else the working draft; null: none yet. */
  strategic?: StrategicAgreementView | null;
  /** The day the package was made (ISO date), printed on the cover. */
  generatedOn: string;
  /** The year of the yearly milestone plan. */
  year: number;
  /** The delaftaler: each the approved version in effect, else the working draft ("Udkast"). */
  agreements: AgreementView[];
  /** The plan's attachments (metadata only), in their order. */
  attachments?: PackageAttachment[];
  /** The målhierarki, built from the plan's data. */
  goals?: GoalHierarchy | null;
  /** The whole period's milestones; the package prints the year's plan and the period's. */
  milestones?: MilestonePlanView | null;
  /** The organisation diagram as an image, with the data listed under it. */
  organisation?: { png: PngImage; data: OrganisationDiagramData } | null;
  /** "Status og økonomi": criteria by status and budget against spend. */
  charts?: RenderedChart[] | null;
}

export function planPackageTitle(plan: Pick<PlanPackageInput["plan"], "name">): string {
  return `${plan.name}: helhedsplanens pakke`;
}

/** One part of the package as a section of its own, with a header naming plan and part. */
function partSection(
  input: PlanPackageInput,
  headerPart: string,
  children: FileChild[],
): ISectionOptions {
  return pageSection([input.plan.name, headerPart], children);
}

/** A part's heading and its "ingen endnu" line. */
function emptyPart(key: PackagePartKey, title: string = PACKAGE_PART_TITLES[key]): FileChild[] {
  return [heading(title, 1), paragraph(PACKAGE_EMPTY_TEXTS[key])];
}

function attachmentPart(
  input: PlanPackageInput,
  key: "communication" | "preparedness" | "otherAttachments",
): ISectionOptions {
  const title = PACKAGE_PART_TITLES[key];
  const items = attachmentsOfPart(input.attachments ?? [], key);
  const children = items.length
    ? [heading(title, 1), ...bulletList(items.map(attachmentLine))]
    : emptyPart(key);
  return partSection(input, title, children);
}

/** "Vestby Kommune (underskrives af Ida Mørch, borgmester)" from the strategic agreement. */
function coverParties(input: PlanPackageInput): string[] {
  const parties = input.strategic?.parties ?? [];
  if (!parties.length) return input.plan.parties;
  return parties.map((p) => {
    const signatory = [p.signatoryName, p.signatoryTitle].filter((x) => x.trim()).join(", ");
    return signatory ? `${p.name} (underskrives af ${signatory})` : p.name;
  });
}

/** "Strategisk samarbejdsaftale: Version 2, godkendt 3. maj 2026" / "…: Udkast". */
export function strategicCoverLine(strategic: StrategicAgreementView | null | undefined): string {
  return strategic
    ? `${PACKAGE_PART_TITLES.strategic}: ${strategic.statusLabel}`
    : PACKAGE_EMPTY_TEXTS.strategic;
}

function coverSection(input: PlanPackageInput): ISectionOptions {
  const { plan } = input;
  const parties = coverParties(input);
  const facts: FileChild[] = [
    paragraph(`Periode: ${formatPeriod(plan.periodStart, plan.periodEnd)}`),
    paragraph(`Pulje: ${plan.fundingRound}`),
    ...(parties.length
      ? [boldParagraph("Parter", { keepNext: true }), ...bulletList(parties)]
      : [paragraph("Parter: ikke angivet endnu")]),
    paragraph(strategicCoverLine(input.strategic)),
    paragraph(`Pakken er dannet ${formatDate(input.generatedOn)}.`),
  ];
  return pageSection(
    [plan.name],
    [
      new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(planPackageTitle(plan)) }),
      ...facts,
      boldParagraph(PACKAGE_CONTENTS_LABEL, { keepNext: true }),
      new TableOfContents(PACKAGE_CONTENTS_LABEL, { hyperlink: true, headingStyleRange: "1-1" }),
      new Paragraph({ children: [new TextRun("")] }),
    ],
  );
}

/** The year's milestone plan and the whole period's, or one "ingen milepæle" part. */
function milestoneSections(input: PlanPackageInput): ISectionOptions[] {
  const view = input.milestones;
  const yearTitle = milestonePlanTitle({ year: input.year });
  if (!view?.milestones.length) {
    return [partSection(input, yearTitle, emptyPart("milestones", yearTitle))];
  }
  return [
    partSection(input, yearTitle, milestonePlanBlocks(view, { year: input.year })),
    partSection(input, milestonePlanTitle("period"), milestonePlanBlocks(view, "period")),
  ];
}

export function buildPlanPackageSections(input: PlanPackageInput): ISectionOptions[] {
  const T = PACKAGE_PART_TITLES;
  return [
    coverSection(input),
    input.strategic
      ? buildStrategicAgreementSection(input.strategic)
      : partSection(input, T.strategic, emptyPart("strategic")),
    ...(input.agreements.length
      ? input.agreements.map(buildAgreementSectionOptions)
      : [partSection(input, T.agreements, emptyPart("agreements"))]),
    partSection(
      input,
      T.organisation,
      input.organisation
        ? organisationDiagramBlocks(input.organisation.png, input.organisation.data)
        : emptyPart("organisation"),
    ),
    attachmentPart(input, "communication"),
    partSection(
      input,
      T.goals,
      input.goals ? goalHierarchyBlocks(input.goals) : emptyPart("goals"),
    ),
    ...milestoneSections(input),
    partSection(
      input,
      T.charts,
      input.charts?.length ? chartBlocks(input.charts, T.charts) : emptyPart("charts"),
    ),
    attachmentPart(input, "preparedness"),
    attachmentPart(input, "otherAttachments"),
  ];
}

export function buildPlanPackageDocument(input: PlanPackageInput): Document {
  return createDocument({
    title: planPackageTitle(input.plan),
    description: `Helhedsplanens pakke for ${input.plan.name}, dannet ${formatDate(input.generatedOn)}`,
    sections: buildPlanPackageSections(input),
    updateFields: true,
  });
}
