/**
 * The strategic agreement (strategisk samarbejdsaftale) as Word: its title as Heading 1 (so a
 * package's table of contents lists it), parties, period, vision, objectives, the organisation,
 * the focus areas with their overall goals, the budget per focus area and funder computed from
 * the delaftaler with the LBF share (R1), the plan's own clauses and the signatures. Pure: takes
 * the document view and returns docx objects. A section with nothing to show is left out.
 */
import type { Document, FileChild, ISectionOptions } from "docx";
import { formatAmount, formatDate } from "../app/domain/format";
import {
  lbfShareText,
  objectiveRefs,
  STRATEGIC_HEADINGS as H,
  type StrategicAgreementView,
  type StrategicBodyView,
} from "../app/domain/strategic-agreement";
import { createDocument } from "./parts/document";
import { heading, type HeadingDepth } from "./parts/headings";
import { pageSection } from "./parts/page";
import { gridTable, type Cell } from "./parts/tables";
import { boldParagraph, bulletList, paragraph } from "./parts/text";

function section(text: string, depth: HeadingDepth, content: FileChild[]): FileChild[] {
  return content.length ? [heading(text, depth), ...content] : [];
}

/** Text with line breaks as paragraphs (blank lines separate them). */
function paragraphs(text: string): FileChild[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => paragraph(p));
}

function bodySection(body: StrategicBodyView, extra: FileChild[] = []): FileChild[] {
  return section(body.name, 3, [
    ...paragraphs(body.description),
    ...(body.members.length
      ? [
          gridTable({
            header: ["Navn", "Organisation", "Rolle"],
            rows: body.members.map((m) => [m.name, m.organisation, m.role]),
            widths: [0.35, 0.4, 0.25],
            cantSplitRows: true,
          }),
          paragraph(""),
        ]
      : []),
    ...extra,
  ]);
}

function budgetSection(view: StrategicAgreementView): FileChild[] {
  const b = view.budget;
  if (!b.rows.length) return [];
  const amount = (n: number, bold = false): Cell => ({
    content: formatAmount(n),
    alignment: "right",
    bold,
  });
  const funderShare = 0.55 / Math.max(b.funders.length, 1);
  const table = gridTable({
    header: [
      "Indsatsområde",
      ...b.funders.map((f): Cell => ({ content: f.label, alignment: "right" })),
      { content: "I alt", alignment: "right" },
    ],
    rows: [
      ...b.rows.map((r) => [r.focusArea, ...r.amounts.map((n) => amount(n)), amount(r.total)]),
      [
        { content: "I alt", bold: true },
        ...b.totals.amounts.map((n) => amount(n, true)),
        amount(b.totals.total, true),
      ],
    ],
    widths: [0.27, ...b.funders.map(() => funderShare), 0.18],
    textSize: b.funders.length > 3 ? 16 : undefined,
    cantSplitRows: true,
  });
  const share = lbfShareText(b);
  return section(H.budget, 2, [
    paragraph("Beløbene er summen af delaftalernes budgetter for hele perioden.", {
      italic: true,
    }),
    table,
    ...(share ? [paragraph(share)] : []),
  ]);
}

function approvalLines(view: StrategicAgreementView): FileChild[] {
  const a = view.approval;
  if (!a) return [];
  const lines = [
    a.meetingDate ? `Godkendt af bestyrelsen ${formatDate(a.meetingDate)}.` : null,
    a.fundApprovedAt
      ? `Godkendt af Landsbyggefonden ${formatDate(a.fundApprovedAt)}${a.fundReference ? ` (j.nr. ${a.fundReference})` : ""}.`
      : null,
  ].filter((l): l is string => l !== null);
  return lines.map((l) => paragraph(l, { italic: true }));
}

/** The body of the strategic agreement (for its own document or a package). */
export function buildStrategicAgreementChildren(view: StrategicAgreementView): FileChild[] {
  return [
    heading(view.title, 1),
    paragraph(`${view.fundingRound} · ${view.statusLabel}`, { italic: true }),
    ...approvalLines(view),
    ...section(
      H.parties,
      2,
      view.parties.map((p) =>
        paragraph(
          p.signatoryName
            ? `${p.name}\nv. ${[p.signatoryName, p.signatoryTitle].filter(Boolean).join(", ")}`
            : p.name,
        ),
      ),
    ),
    ...section(H.period, 2, [paragraph(`Aftalen gælder for perioden ${view.periodText}.`)]),
    ...section(H.vision, 2, paragraphs(view.vision)),
    ...section(
      H.objectives,
      2,
      view.objectives.map((o) => paragraph(`Målsætning ${o.number}: ${o.text}`)),
    ),
    ...section(H.organisation, 2, [
      ...bodySection(
        view.board,
        section(H.termsOfReference, 4, paragraphs(view.board.termsOfReference)),
      ),
      ...bodySection(view.followGroup),
      ...bodySection(view.secretariat),
      ...section(
        H.workingGroups,
        3,
        view.workingGroups.flatMap((g) => [
          boldParagraph(`${g.name} (${g.focusArea})`, { keepNext: true }),
          ...bulletList(g.members),
        ]),
      ),
    ]),
    ...section(
      H.focusAreas,
      2,
      view.focusAreas.flatMap((f) => [
        heading(f.name, 3),
        ...paragraphs(f.goal || "Det overordnede mål er ikke skrevet endnu."),
        ...(f.objectives.length
          ? [paragraph(`Bidrager til: ${objectiveRefs(f.objectives)}`, { italic: true })]
          : []),
      ]),
    ),
    ...budgetSection(view),
    ...section(
      H.clauses,
      2,
      view.clauses.flatMap((c) => [heading(c.heading, 3), ...paragraphs(c.text)]),
    ),
    ...section(
      H.signatures,
      2,
      view.parties.flatMap((p) => [
        paragraph(""),
        paragraph("Dato: ____________    Underskrift: ______________________________"),
        paragraph([p.signatoryName, p.signatoryTitle, p.name].filter(Boolean).join(", "), {
          italic: true,
        }),
      ]),
    ),
  ];
}

/** The strategic agreement as one section of a document: its own header and the page footer. */
export function buildStrategicAgreementSection(view: StrategicAgreementView): ISectionOptions {
  return pageSection(
    [view.plan.name, "Strategisk samarbejdsaftale", view.statusLabel],
    buildStrategicAgreementChildren(view),
  );
}

export function buildStrategicAgreementDocument(view: StrategicAgreementView): Document {
  return createDocument({
    title: view.title,
    description: `${view.plan.name}, ${view.statusLabel.toLocaleLowerCase("da")}`,
    sections: [buildStrategicAgreementSection(view)],
  });
}
