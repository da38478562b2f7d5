/**
 * A whole plan as one Word document: a title page with a table of contents, then every agreement
 * of the plan in its own section (with its own header). Pure: takes views, returns a Document.
 *
 * The title is in Word's Title style, outside the contents; the contents list the level-1
 * headings: each agreement's title and its activity schemas (which name the focus area), so no
 * two entries read alike. Word fills in the page numbers when it opens the document (it updates
 * the fields after asking), as LibreOffice does when its indexes are updated.
 */
import { HeadingLevel, Paragraph, TableOfContents, TextRun, type Document } from "docx";
import type { AgreementView } from "~/domain/agreement-view";
import { formatPeriod } from "~/domain/format";
import { buildAgreementSectionOptions } from "./agreement";
import { createDocument } from "./parts/document";
import { pageSection } from "./parts/page";
import { boldParagraph, textRuns } from "./parts/text";

export interface PlanDocumentInfo {
  name: string;
  periodStart: string;
  periodEnd: string;
  fundingRound: string;
}

/** The label above the table of contents. */
export const CONTENTS_LABEL = "Indhold";

export function planDocumentTitle(plan: Pick<PlanDocumentInfo, "name">): string {
  return `${plan.name}: delaftaler`;
}

export function buildPlanDocument(plan: PlanDocumentInfo, views: AgreementView[]): Document {
  const title = planDocumentTitle(plan);
  const titlePage = pageSection(
    [plan.name],
    [
      new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(title) }),
      new Paragraph({
        children: [new TextRun(`Periode: ${formatPeriod(plan.periodStart, plan.periodEnd)}`)],
      }),
      new Paragraph({ children: [new TextRun(`Pulje: ${plan.fundingRound}`)] }),
      new Paragraph({
        children: [
          new TextRun(
            views.length
              ? `Dokumentet indeholder ${views.length === 1 ? "én delaftale" : `${views.length} delaftaler`}.`
              : "Planen har ingen delaftaler endnu.",
          ),
        ],
      }),
      ...(views.length
        ? [
            boldParagraph(CONTENTS_LABEL, { keepNext: true }),
            new TableOfContents(CONTENTS_LABEL, { hyperlink: true, headingStyleRange: "1-1" }),
          ]
        : []),
    ],
  );
  return createDocument({
    title,
    description: `Alle delaftaler i ${plan.name}`,
    sections: [titlePage, ...views.map(buildAgreementSectionOptions)],
    updateFields: views.length > 0,
  });
}
