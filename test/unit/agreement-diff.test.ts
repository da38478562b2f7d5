import { describe, expect, it } from "vitest";
import { buildAgreementView, type AgreementRecord } from "~/domain/agreement-view";
import { diffAgreements, type SectionDiff } from "~/domain/agreement-diff";
import { diffItems, diffText, type ItemDiff } from "~/domain/diff";
import { parseRichText } from "~/domain/rich-text";
import {
  agreementRecord,
  criterionRecord,
  scaledAgreementRecord,
} from "../fixtures/agreement-record";

const view = (r: AgreementRecord) => buildAgreementView(r);
const section = (sections: SectionDiff[], key: string) => sections.find((s) => s.key === key)!;
const items = (s: SectionDiff): ItemDiff[] => (s.kind === "items" ? s.items : []);

describe("diffText", () => {
  it("marks changed words", () => {
    expect(diffText("at styrke trygheden i området", "at styrke trivslen i hele området")).toEqual([
      { type: "equal", text: "at styrke " },
      { type: "delete", text: "trygheden" },
      { type: "insert", text: "trivslen" },
      { type: "equal", text: " i " },
      { type: "insert", text: "hele " },
      { type: "equal", text: "området" },
    ]);
    expect(diffText("", "ny")).toEqual([{ type: "insert", text: "ny" }]);
    expect(diffText("gammel", "")).toEqual([{ type: "delete", text: "gammel" }]);
    expect(diffText("samme", "samme")).toEqual([{ type: "equal", text: "samme" }]);
  });
});

describe("diffItems", () => {
  const describe_ = (x: { id: number; t: string }) => ({
    title: x.t,
    fields: [] as [string, string][],
  });
  it("finds added, removed, changed and moved items by id", () => {
    const before = [
      { id: 1, t: "a" },
      { id: 2, t: "b" },
      { id: 3, t: "c" },
      { id: 4, t: "d" },
    ];
    const after = [
      { id: 3, t: "c" },
      { id: 1, t: "a" },
      { id: 2, t: "B" },
      { id: 5, t: "e" },
    ];
    const result = diffItems(before, after, describe_);
    expect(result.map((r) => [r.id, r.kind, r.moved])).toEqual([
      [3, "unchanged", true],
      // A removed item stays right after the item it followed before (3).
      [4, "removed", false],
      [1, "unchanged", false],
      [2, "changed", false],
      [5, "added", false],
    ]);
  });
});

describe("diffAgreements", () => {
  it("reports no changes between identical versions", () => {
    const diff = diffAgreements(view(agreementRecord()), view(agreementRecord()));
    expect(diff.hasChanges).toBe(false);
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0, moved: 0 });
  });

  it("marks a changed goal by words, a removed criterion, an added activity and a changed budget year", () => {
    const before = agreementRecord();
    const after = structuredClone(before);
    after.goals[0]!.text = `${before.goals[0]!.text} og i hele bydelen`;
    const removed = after.successCriteria.find((c) => c.activityId == null)!;
    after.successCriteria = after.successCriteria.filter((c) => c.id !== removed.id);
    after.activities.push({
      id: 99,
      name: "Sommerlejr for familier",
      shortName: null,
      reference: null,
      content: parseRichText("En uge ved vandet for familier fra boligområdet."),
      purposesLeadIn: null,
      purposes: ["at give familier fælles oplevelser"],
      targetGroupsLeadIn: null,
      targetGroups: ["børnefamilier"],
      position: 9,
      responsibilities: [],
    });
    after.successCriteria.push(
      criterionRecord(199, "30 familier deltager", "Tilmeldinger", { activityId: 99 }),
    );
    const lbf = after.fundingSources.find((s) => s.kind === "lbf")!;
    lbf.amounts = lbf.amounts.map((a) =>
      a.year === 2025 ? { ...a, amount: a.amount + 50_000 } : a,
    );

    const diff = diffAgreements(view(before), view(after));
    expect(diff.hasChanges).toBe(true);

    const goals = section(diff.sections, "goals");
    if (goals.kind !== "text") throw new Error("expected text");
    const goal = goals.paragraphs[0]!;
    expect(goal.kind).toBe("change");
    const join = (skip: string) =>
      goal.segments
        .filter((x) => x.type !== skip)
        .map((x) => x.text)
        .join("");
    expect(join("delete")).toBe(after.goals[0]!.text);
    expect(join("insert")).toBe(before.goals[0]!.text);
    expect(goal.segments.filter((x) => x.type === "insert").map((x) => x.text.trim())).toEqual([
      "og i hele bydelen",
    ]);

    const criteria = items(section(diff.sections, "criteria"));
    expect(criteria.find((c) => c.id === removed.id)?.kind).toBe("removed");
    expect(criteria.filter((c) => c.kind !== "unchanged")).toHaveLength(1);

    const added = diff.activities.find((a) => a.id === 99)!;
    expect(added.kind).toBe("added");
    expect(added.title).toEqual([{ type: "insert", text: "Sommerlejr for familier" }]);
    expect(items(added.sections.find((s) => s.key === "criteria")!)[0]!.kind).toBe("added");

    const budget = section(diff.sections, "financing");
    if (budget.kind !== "budget") throw new Error("expected budget");
    const lbfRow = budget.rows.find((r) => r.label === "Landsbyggefonden")!;
    expect(lbfRow.kind).toBe("changed");
    const cell = lbfRow.cells.find((c) => c.year === 2025)!;
    expect(cell.after! - cell.before!).toBe(50_000);
    expect(lbfRow.cells.filter((c) => c.before !== c.after)).toHaveLength(1);
    expect(budget.rows.find((r) => r.label.startsWith("Samlet"))!.kind).toBe("changed");

    // Untouched sections stay unchanged.
    expect(section(diff.sections, "parties").changed).toBe(false);
    expect(section(diff.sections, "problem").changed).toBe(false);
  });

  it("marks moved and removed activities and changed party contacts", () => {
    const before = agreementRecord();
    const after = structuredClone(before);
    after.activities = [...after.activities].reverse().map((a, i) => ({ ...a, position: i }));
    const party = after.parties[0]!;
    party.contactPerson = { id: 999, name: "Nina Holt", title: "Ejendomsleder" };
    const diff = diffAgreements(view(before), view(after));
    expect(diff.activities.filter((a) => a.moved)).toHaveLength(1);
    const parties = items(section(diff.sections, "parties"));
    const changed = parties.find((p) => p.id === party.id)!;
    expect(changed.kind).toBe("changed");
    expect(changed.fields.find((f) => f.label === "Kontaktperson")?.changed).toBe(true);

    const fewer = structuredClone(before);
    fewer.activities = fewer.activities.slice(1);
    const removedDiff = diffAgreements(view(before), view(fewer));
    expect(removedDiff.activities[0]!.kind).toBe("removed");
    expect(removedDiff.activities[0]!.title.every((s) => s.type === "delete")).toBe(true);
  });

  it("diffs paragraphs of rich text: kept, changed by words, added", () => {
    const before = agreementRecord({
      method: parseRichText("Første afsnit.\n\nAndet afsnit om metoden."),
    });
    const after = agreementRecord({
      method: parseRichText("Første afsnit.\n\nAndet afsnit om den nye metode.\n\n- et nyt punkt"),
    });
    const method = section(diffAgreements(view(before), view(after)).sections, "method");
    if (method.kind !== "text") throw new Error("expected text");
    expect(method.paragraphs.map((p) => [p.kind, p.style])).toEqual([
      ["equal", "paragraph"],
      ["change", "paragraph"],
      ["insert", "bullet"],
    ]);
  });

  it("diffs a 20-activity agreement: only the changed goals", () => {
    const big = scaledAgreementRecord({
      parties: 20,
      activities: 20,
      agreementCriteria: 5,
      criteriaPerActivity: 5,
    });
    const changed = structuredClone(big);
    changed.goals = changed.goals.map((g) => ({ ...g, text: `${g.text} (revideret)` }));
    const a = view(big);
    const b = view(changed);
    // Correctness here; speed is measured in bench/diff.ts.
    const diff = diffAgreements(a, b);
    expect(diff.counts.changed).toBe(b.goals.length);
    expect(diff.activities.every((x) => x.kind === "unchanged" && !x.moved)).toBe(true);
  });
});
