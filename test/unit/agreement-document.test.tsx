/**
 * The agreement page's document view follows the Word document's layout: the first half as
 * headings and text, the second half as the fund template's label | content tables with the same
 * labels (row headers), the financing totals with a per-year table only when yearly amounts exist.
 * Empty rows say so on screen and are marked to be left out in print, as Word leaves them out.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { AgreementDocument } from "~/components/agreement-document";
import {
  CLAUSE_LABELS,
  FINANCING_LABELS,
  SCHEMA_CRITERIA_HEADER,
  SCHEMA_LABELS,
} from "~/domain/agreement-layout";
import { buildAgreementView, type AgreementView } from "~/domain/agreement-view";
import { DEFAULT_CONFLICT_HANDLING, DEFAULT_REVISION_CLAUSE } from "~/domain/texts.da";
import { agreementRecord, fundingSourceRecord } from "../fixtures/agreement-record";

/** The rendered document as a DOM (React's static markup is well-formed XML). */
function render(view: AgreementView, editBase?: string): Element {
  const html = renderToStaticMarkup(
    <StaticRouter location="/">
      <AgreementDocument view={view} editBase={editBase} />
    </StaticRouter>,
  );
  return new DOMParser().parseFromString(html, "text/xml").documentElement as unknown as Element;
}

const all = (root: Element, tag: string) =>
  Array.from(root.getElementsByTagName(tag) as unknown as ArrayLike<Element>);

/** Text of an element without its edit links, whitespace collapsed. */
function text(el: Element | undefined): string {
  if (!el) return "";
  const parts: string[] = [];
  const walk = (node: Element) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? "");
      else if (child.nodeType === 1) {
        const element = child as unknown as Element;
        if (element.getAttribute("class")?.includes("doc-edit")) continue;
        if (["p", "li", "div", "tr"].includes(element.tagName)) parts.push(" ");
        walk(element);
      }
    }
  };
  walk(el);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** A table's own rows (not those of a table nested in a cell) as cell texts. */
function rows(table: Element): string[][] {
  return all(table, "tr")
    .filter((tr) => closest(tr, "table") === table)
    .map((tr) =>
      all(tr, "*").filter((c) => ["th", "td"].includes(c.tagName) && c.parentNode === tr),
    )
    .map((cells) => cells.map(text));
}

function closest(el: Element, tag: string): Element | null {
  let node = el.parentNode as Element | null;
  while (node && node.tagName !== tag) node = node.parentNode as Element | null;
  return node;
}

const tableWith = (root: Element, className: string) =>
  all(root, "table").filter((t) => (t.getAttribute("class") ?? "").split(" ").includes(className));

describe("agreement document view", () => {
  it("shows the financing as Organisation | Finansiering with the per-year table after it", () => {
    const doc = render(buildAgreementView(agreementRecord()));
    expect(rows(tableWith(doc, "doc-financing")[0]!)).toEqual([
      [FINANCING_LABELS.organisation, FINANCING_LABELS.financing],
      ["Landsbyggefonden", "3.000.000 kr."],
      ["Kildeby Kommune", "780.000 kr."],
      ["Boligforeningen Egebo", "240.000 kr."],
      [FINANCING_LABELS.total, "4.020.000 kr."],
    ]);
    expect(rows(tableWith(doc, "doc-financing-years")[0]!).at(-1)).toEqual([
      "I alt",
      "990.000 kr.",
      "1.000.000 kr.",
      "1.010.000 kr.",
      "1.020.000 kr.",
      "4.020.000 kr.",
    ]);
  });

  it("shows staff, clauses, validity and each activity schema as label | content tables", () => {
    const view = buildAgreementView(agreementRecord());
    const doc = render(view, "/plans/7/agreements/11/edit");
    const [clauses, ...schemas] = tableWith(doc, "doc-form");
    expect(rows(clauses!)).toEqual([
      [CLAUSE_LABELS.staff, view.staff.map((s) => s.text).join(" ")],
      [CLAUSE_LABELS.conflict, DEFAULT_CONFLICT_HANDLING.join(" ")],
      [CLAUSE_LABELS.revision, DEFAULT_REVISION_CLAUSE.join(" ")],
      [CLAUSE_LABELS.validity, view.validityText],
    ]);
    // The labels are row headers, each with its edit link.
    for (const th of all(clauses!, "th")) expect(th.getAttribute("scope")).toBe("row");
    expect(
      all(clauses!, "a").map((a) => [a.getAttribute("aria-label"), a.getAttribute("href")]),
    ).toEqual([
      [`Rediger: ${CLAUSE_LABELS.staff}`, "/plans/7/agreements/11/edit/staff"],
      ["Rediger: Konflikthåndtering og underretning", "/plans/7/agreements/11/edit/clauses"],
      ["Rediger: Revision af delaftalen", "/plans/7/agreements/11/edit/clauses"],
      ["Rediger: Delaftalen gælder fra", "/plans/7/agreements/11/edit/basics"],
    ]);

    expect(schemas).toHaveLength(2);
    const first = rows(schemas[0]!);
    expect(first.map(([label]) => label)).toEqual(Object.values(SCHEMA_LABELS));
    expect(first[0]).toEqual([SCHEMA_LABELS.name, "Gårdfester i afdelingerne (jf. CFBU)"]);
    expect(first[2]).toEqual([
      SCHEMA_LABELS.purposes,
      "at skabe kendskab mellem naboer at finde nye frivillige",
    ]);
    const criteria = all(schemas[0]!, "table")[0]!;
    expect(rows(criteria)).toEqual([
      SCHEMA_CRITERIA_HEADER,
      ["Der holdes fire gårdfester om året. Mål: 4 fester (2024)", "Sekretariatets optælling"],
      ["80 % af deltagerne vil komme igen.", "Spørgeskema efter hver fest"],
    ]);
  });

  it("shows an empty row and a name-only activity on screen, marked to be left out in print", () => {
    const base = agreementRecord();
    const view = buildAgreementView(
      agreementRecord({
        fundingSources: [
          fundingSourceRecord(1, "lbf", [], { periodTotal: 3_962_000 }),
          fundingSourceRecord(2, "local", [], { periodTotal: 2_078_000 }),
        ],
        conflictHandling: null,
        activities: [
          base.activities[0]!,
          {
            ...base.activities[1]!,
            name: "Naboskabsapp",
            content: null,
            purposes: [],
            targetGroups: [],
            responsibilities: [],
          },
        ],
        successCriteria: base.successCriteria.filter((c) => c.activityId !== 32),
      }),
    );
    const doc = render(view);
    expect(rows(tableWith(doc, "doc-financing")[0]!)).toEqual([
      [FINANCING_LABELS.organisation, FINANCING_LABELS.financing],
      ["Landsbyggefonden", "3.962.000 kr."],
      ["Lokal medfinansiering", "2.078.000 kr."],
      [FINANCING_LABELS.total, "6.040.000 kr."],
    ]);
    expect(tableWith(doc, "doc-financing-years")).toEqual([]);

    const conflict = all(doc, "tr").find((tr) => text(tr).startsWith(CLAUSE_LABELS.conflict))!;
    expect(conflict.getAttribute("class")).toBe("doc-empty-row");
    expect(text(conflict)).toBe(`${CLAUSE_LABELS.conflict} Ikke udfyldt endnu.`);

    const schemas = all(doc, "section").filter((s) =>
      s.getAttribute("class")?.includes("activity-schema"),
    );
    expect(schemas.map((s) => s.getAttribute("class"))).toEqual([
      "doc-section activity-schema",
      "doc-section activity-schema no-print",
    ]);
    expect(all(schemas[1]!, "table")).toEqual([]);
    expect(text(schemas[1])).toBe(
      "Aktivitet 2: Naboskabsapp Aktivitetsskemaet er ikke udfyldt endnu.",
    );
    expect(text(doc)).not.toContain("×");
  });

  it("keeps the headings in order: the page's h1, sections' h2, activity schemas' h3", () => {
    const doc = render(buildAgreementView(agreementRecord()));
    const levels = all(doc, "*")
      .filter((el) => /^h[1-6]$/.test(el.tagName))
      .map((el) => Number(el.tagName[1]));
    expect(levels[0]).toBe(1);
    levels.forEach((level, i) => {
      if (i) expect(level, `heading ${i}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
    });
    const activityList = all(doc, "section").find((s) => s.getAttribute("id") === "activities")!;
    expect(all(activityList, "li").map(text)).toEqual([
      "Gårdfester i afdelingerne (jf. CFBU)",
      "Lektiecafé på biblioteket",
    ]);
  });
});
