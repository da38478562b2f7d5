/**
 * A whole plan as one Word document: a title page with a table of contents, then every agreement
 * of the plan in its own section (with its own header). Pure: takes views, returns a Document.
 */
import { Paragraph, TableOfContents, TextRun, type Document } from "docx";
import type { AgreementView } from "~/domain/agreement-view";
import { formatPeriod } from "~/domain/format";
import { buildAgreementSectionOptions } from "./agreement";
import { createDocument } from "./parts/document";
import { heading } from "./parts/headings";
import { pageSection } from "./parts/page";

export interface PlanDocumentInfo {
  name: string;
  periodStart: string;
  periodEnd: string;
  fundingRound: string;
}

export function buildPlanDocument(plan: PlanDocumentInfo, views: AgreementView[]): Document {
  const titlePage = pageSection(
    [plan.name],
    [
      heading(`${plan.name}: delaftaler`, 1),
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
      new TableOfContents("Indhold", { hyperlink: true, headingStyleRange: "1-1" }),
    ],
  );
  return createDocument({
    title: `${plan.name}: delaftaler`,
    description: `Alle delaftaler i ${plan.name}`,
    sections: [titlePage, ...views.map(buildAgreementSectionOptions)],
  });
}
