import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DiffView, diffSummary, isShowAll } from "~/components/diff-view";
import { diffAgreements } from "~/domain/agreement-diff";
import { buildAgreementView } from "~/domain/agreement-view";
import { agreementRecord, criterionRecord } from "../fixtures/agreement-record";

/** Two versions with a changed goal, added/removed/changed criteria, a moved activity and budget. */
function exampleDiff() {
  const before = agreementRecord();
  const after = structuredClone(before);
  after.goals[0]!.text = "at 50 beboere er aktive frivillige i 2026";
  after.successCriteria = after.successCriteria
    .filter((c) => c.id !== 1)
    .map((c) => (c.id === 2 ? { ...c, dataSource: "Foreningens medlemsliste" } : c));
  after.successCriteria.push(
    criterionRecord(6, "Beboerforeningen har mindst 100 medlemmer.", "Foreningens regnskab"),
  );
  after.activities = after.activities.map((a) => (a.id === 31 ? { ...a, position: 3 } : a));
  after.fundingSources[1]!.amounts[1]!.amount = 200_000;
  return diffAgreements(buildAgreementView(before), buildAgreementView(after));
}

const render = (showAll: boolean) =>
  renderToStaticMarkup(
    <DiffView diff={exampleDiff()} showAll={showAll} path="/plans/7/agreements/11/review" />,
  );

describe("DiffView", () => {
  it("marks inserted and deleted words with <ins>/<del> and hidden text for screen readers", () => {
    const html = render(false);
    expect(html).toContain('<del><span class="sr-only">slettet: </span>40</del>');
    expect(html).toContain('<ins><span class="sr-only">tilføjet: </span>50</ins>');
    // A changed field is marked word by word.
    expect(html).toContain(
      '<dd><del><span class="sr-only">slettet: </span>Sekretariatets</del><ins><span class="sr-only">tilføjet: </span>Foreningens</ins>',
    );
    // The budget cell shows the old amount struck and the new one.
    expect(html).toContain('<del><span class="sr-only">slettet: </span>190.000 kr.</del>');
    expect(html).toContain('<ins><span class="sr-only">tilføjet: </span>200.000 kr.</ins>');
  });

  it("labels items with badges and changed fields", () => {
    const html = render(false);
    for (const badge of ["Tilføjet", "Fjernet", "Ændret", "Flyttet"]) {
      expect(html).toMatch(new RegExp(`class="badge diff-badge[^"]*">${badge}</span>`));
    }
    expect(html).toContain("<dt>Datakilde:</dt>");
    expect(html).toContain("Beboerforeningen har mindst 100 medlemmer.");
    expect(html).toMatch(/<h2 id="diff-goals-title">Mål og delmål<\/h2>/);
    expect(html).toMatch(/<h3 id="diff-activity-31-title">/);
  });

  it("shows only changes by default and everything with ?all=1", () => {
    const diff = exampleDiff();
    const changesOnly = render(false);
    expect(changesOnly).toContain(`<strong>Ændringer:</strong> ${diffSummary(diff.counts)}`);
    expect(diffSummary(diff.counts)).toMatch(/ændret.*tilføjet.*fjernet.*flyttet/);
    expect(changesOnly).not.toContain("Problemkompleks");
    // The unchanged goal and unchanged criteria are left out.
    expect(changesOnly).not.toContain("at flere beboere stoler på deres naboer");
    expect(changesOnly).not.toContain("Der holdes fire gårdfester om året.");
    expect(changesOnly).toContain('href="/plans/7/agreements/11/review?all=1"');
    expect(changesOnly).toMatch(/aria-current="true">Vis kun ændringer/);

    const all = render(true);
    expect(all).toContain("Problemkompleks");
    expect(all).toContain("at flere beboere stoler på deres naboer");
    expect(all).toMatch(/aria-current="true">Vis hele aftalen/);
  });

  it("reads ?all=1 from the query, and the older ?alle=1 too", () => {
    expect(isShowAll(new URLSearchParams("all=1"))).toBe(true);
    expect(isShowAll(new URLSearchParams("alle=1"))).toBe(true);
    expect(isShowAll(new URLSearchParams(""))).toBe(false);
    expect(isShowAll(new URLSearchParams("all=0"))).toBe(false);
  });

  it("summarises counts in Danish", () => {
    expect(diffSummary({ changed: 3, added: 1, removed: 1, moved: 1 })).toBe(
      "3 ændret, 1 tilføjet, 1 fjernet, 1 flyttet",
    );
    expect(diffSummary({ changed: 0, added: 2, removed: 0, moved: 0 })).toBe("2 tilføjet");
  });
});
