/**
 * The målhierarki builder: objectives → focus areas → goals → delmål → criteria → activities,
 * with the missing links named; the checklist's goal items; the diagram and the Word blocks.
 */
import { describe, expect, it } from "vitest";
import { Document, Packer } from "docx";
import {
  buildGoalHierarchy,
  focusAreasByObjective,
  isHierarchyComplete,
  type GoalHierarchyInput,
} from "~/domain/goal-hierarchy";
import { agreementChecklist, buildAgreementView } from "~/domain/agreement-view";
import { goalHierarchyDiagramSvg, wrapText } from "~/graphics/goal-hierarchy-diagram.server";
import { buildGoalHierarchyDocument } from "../../templates/goal-hierarchy";
import { readDocxBuffer } from "../helpers/docx";
import { agreementRecord } from "../fixtures/agreement-record";

const plan = {
  id: 1,
  name: "Helhedsplan Strandengen",
  periodStart: "2023-01-01",
  periodEnd: "2026-12-31",
};
const areas = [
  { id: 10, name: "Uddannelse og livschancer", position: 0 },
  { id: 11, name: "Beskæftigelse", position: 1 },
  { id: 12, name: "Sammenhængskraft og medborgerskab", position: 3 },
];

function input(overrides: Partial<GoalHierarchyInput> = {}): GoalHierarchyInput {
  return {
    plan,
    strategic: {
      objectives: [
        { key: "a", text: "Bedre livschancer" },
        { key: "b", text: "Trygge boligområder" },
      ],
      focusAreaGoals: [
        { focusAreaId: 10, goal: "Flere unge gennemfører en uddannelse", objectiveKeys: ["a"] },
        { focusAreaId: 12, goal: "Stærkere naboskab", objectiveKeys: ["a", "b", "gone"] },
      ],
    },
    focusAreas: areas,
    agreements: [
      {
        id: 100,
        focusArea: areas[2]!,
        primaryTargetGroup: { blocks: [{ type: "paragraph", content: [{ text: "Nye beboere" }] }] },
        goals: [
          { id: 2, parentId: null, text: "Tryghed", position: 1 },
          { id: 1, parentId: null, text: "Naboskab", position: 0 },
          { id: 4, parentId: 1, text: "Nye beboere falder til", position: 1 },
          { id: 3, parentId: 1, text: "Naboer kender hinanden", position: 0 },
        ],
        activities: [
          { id: 51, name: "Gårdliv – fællesskab udendørs", shortName: "Gårdliv", position: 1 },
          { id: 50, name: "Naboværter", shortName: null, position: 0 },
        ],
        criteria: [
          { id: 900, activityId: null, goalId: 2, text: "Trygheden stiger til 80 %", position: 0 },
          { id: 901, activityId: 51, goalId: 3, text: "14 gårdaktiviteter om året", position: 0 },
          { id: 902, activityId: 50, goalId: 3, text: "24 naboværter", position: 0 },
          { id: 903, activityId: 50, goalId: 3, text: "80 % får besøg", position: 1 },
          { id: 904, activityId: null, goalId: null, text: "Ikke knyttet", position: 1 },
        ],
      },
    ],
    ...overrides,
  };
}

describe("buildGoalHierarchy", () => {
  it("nests goals, delmål, criteria and activities in the agreement's order", () => {
    const tree = buildGoalHierarchy(input());
    const area = tree.focusAreas.find((f) => f.focusAreaId === 12)!;
    expect(area.primaryTargetGroup).toBe("Nye beboere");
    expect(area.goals.map((g) => g.label)).toEqual(["Mål 1", "Mål 2"]);
    const [naboskab, tryghed] = area.goals;
    expect(naboskab!.subGoals.map((s) => `${s.label}: ${s.text}`)).toEqual([
      "Delmål 1.1: Naboer kender hinanden",
      "Delmål 1.2: Nye beboere falder til",
    ]);
    const kender = naboskab!.subGoals[0]!;
    // The activity's criteria in the activities' order, each under its activity.
    expect(kender.criteria.map((c) => [c.text, c.activity?.name])).toEqual([
      ["24 naboværter", "Naboværter"],
      ["80 % får besøg", "Naboværter"],
      ["14 gårdaktiviteter om året", "Gårdliv"],
    ]);
    // Each activity named once per goal.
    expect(kender.activities.map((a) => a.name)).toEqual(["Naboværter", "Gårdliv"]);
    expect(tryghed!.criteria.map((c) => c.activity)).toEqual([null]);
  });

  it("names the missing links", () => {
    const tree = buildGoalHierarchy(input());
    const area = tree.focusAreas.find((f) => f.focusAreaId === 12)!;
    expect(area.unlinkedCriteria.map((c) => c.text)).toEqual(["Ikke knyttet"]);
    const falderTil = area.goals[0]!.subGoals[1]!;
    expect(falderTil.missingCriteria).toBe(true);
    // A goal with delmål is not itself a leaf that needs criteria.
    expect(area.goals[0]!.missingCriteria).toBe(false);
    // An unknown objective key is dropped; both real ones kept.
    expect(area.objectiveKeys).toEqual(["a", "b"]);
    expect(tree.issues).toEqual({
      unlinkedCriteria: 1,
      goalsWithoutCriteria: 1,
      focusAreasWithoutObjective: 0,
      objectivesWithoutFocusArea: 0,
    });
    expect(isHierarchyComplete(tree)).toBe(false);
  });

  it("lists focus areas with a delaftale or an overall goal, in the round's order", () => {
    const tree = buildGoalHierarchy(input());
    expect(tree.focusAreas.map((f) => [f.name, f.agreementId])).toEqual([
      ["Uddannelse og livschancer", null],
      ["Sammenhængskraft og medborgerskab", 100],
    ]);
    expect(tree.objectives.map((o) => [o.number, o.focusAreaIds])).toEqual([
      ["1", [10, 12]],
      ["2", [12]],
    ]);
    // Shown in full under the first objective, referred to under the next.
    const { groups, unlinked } = focusAreasByObjective(tree);
    expect(groups[1]!.entries.map((e) => [e.focusArea.name, e.firstUnder])).toEqual([
      ["Sammenhængskraft og medborgerskab", "1"],
    ]);
    expect(unlinked).toEqual([]);
  });

  it("without a strategic agreement, every focus area is not linked to an objective", () => {
    const tree = buildGoalHierarchy(input({ strategic: null }));
    expect(tree.hasStrategicAgreement).toBe(false);
    expect(tree.objectives).toEqual([]);
    expect(tree.focusAreas.map((f) => f.name)).toEqual(["Sammenhængskraft og medborgerskab"]);
    expect(tree.issues.focusAreasWithoutObjective).toBe(1);
    expect(focusAreasByObjective(tree).unlinked).toHaveLength(1);
  });

  it("a criterion pointing at another agreement's goal counts as unlinked", () => {
    const base = input();
    base.agreements[0]!.criteria.push({
      id: 905,
      activityId: null,
      goalId: 777,
      text: "Fremmed mål",
      position: 2,
    });
    const area = buildGoalHierarchy(base).focusAreas.find((f) => f.agreementId === 100)!;
    expect(area.unlinkedCriteria.map((c) => c.text)).toEqual(["Ikke knyttet", "Fremmed mål"]);
  });

  it("is complete when every link is there", () => {
    const base = input();
    const a = base.agreements[0]!;
    a.criteria = a.criteria.filter((c) => c.goalId != null);
    a.criteria.push({ id: 906, activityId: null, goalId: 4, text: "Indflytning", position: 3 });
    const tree = buildGoalHierarchy({
      ...base,
      strategic: { ...base.strategic!, focusAreaGoals: base.strategic!.focusAreaGoals.slice(1) },
    });
    expect(tree.issues).toEqual({
      unlinkedCriteria: 0,
      goalsWithoutCriteria: 0,
      focusAreasWithoutObjective: 0,
      objectivesWithoutFocusArea: 0,
    });
    expect(isHierarchyComplete(tree)).toBe(true);
  });
});

describe("the agreement's checklist and the criterion's goal", () => {
  it("flags an unlinked criterion and a goal without criteria, pointing at the form", () => {
    const record = agreementRecord();
    const goalId = record.goals.find((g) => g.parentId == null)!.id;
    const view = buildAgreementView({
      ...record,
      successCriteria: record.successCriteria.map((c) => ({ ...c, goalId: null })),
    });
    const items = agreementChecklist(view);
    const unlinked = items.filter((i) => i.key.startsWith("criterion-") && i.key.endsWith("-goal"));
    expect(unlinked.length).toBe(record.successCriteria.length);
    expect(unlinked.every((i) => !i.ok && !i.rule)).toBe(true);
    expect(unlinked[0]!.label).toMatch(/er ikke knyttet til et mål eller delmål$/);
    const sections = new Set(unlinked.map((i) => i.section));
    expect(sections.has("criteria") || [...sections].some((s) => s.startsWith("activities/"))).toBe(
      true,
    );
    const goalItem = items.find((i) => i.key === `goal-${goalId}-criteria`);
    expect(goalItem?.ok).toBe(false);
    expect(goalItem?.label).toMatch(/har ingen succeskriterier$/);
  });

  it("shows the goal's number beside a linked criterion", () => {
    const record = agreementRecord();
    const first = record.goals
      .filter((g) => g.parentId == null)
      .sort((a, b) => a.position - b.position)[0]!;
    const view = buildAgreementView({
      ...record,
      successCriteria: record.successCriteria.map((c) => ({ ...c, goalId: first.id })),
    });
    const all = [...view.criteria, ...view.activities.flatMap((a) => a.criteria)];
    expect(all.every((c) => c.goal?.label === "Mål 1")).toBe(true);
    const items = agreementChecklist(view);
    expect(items.some((i) => i.key.startsWith("criterion-") && !i.ok)).toBe(false);
  });
});

describe("diagram and Word", () => {
  it("wraps long texts without losing words and caps the lines", () => {
    expect(wrapText("en to tre fire fem", 9)).toEqual(["en to tre", "fire fem"]);
    const capped = wrapText("ord ".repeat(100), 10, 3);
    expect(capped).toHaveLength(3);
    expect(capped[2]!.endsWith("…")).toBe(true);
  });

  it("draws one box per objective, focus area, goal and delmål, laid out by elkjs", async () => {
    const svg = await goalHierarchyDiagramSvg(buildGoalHierarchy(input()));
    expect(svg).toContain('font-family="DejaVu Sans"');
    // 2 objectives + 2 focus areas + 2 goals + 2 delmål + 1 box of unlinked criteria.
    expect(svg.match(/<rect x=/g)).toHaveLength(9);
    expect(svg).toContain("Delmål 1.2");
    expect(svg).toContain("Ingen succeskriterier");
    expect(svg).toContain("Ikke knyttet til et mål");
    // elkjs places boxes apart: no two boxes share a position.
    const positions = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)"/g)].map(
      (m) => `${m[1]},${m[2]}`,
    );
    expect(new Set(positions).size).toBe(positions.length);
  });

  it("the Word document lists the levels under a Målhierarki heading", async () => {
    const tree = buildGoalHierarchy(input());
    const doc: Document = buildGoalHierarchyDocument(plan, tree);
    const read = readDocxBuffer(await Packer.toBuffer(doc));
    const text = read.text;
    expect(read.headings[0]).toEqual([1, "Målhierarki"]);
    for (const expected of [
      "Målhierarki",
      "Overordnet mål 1: Bedre livschancer",
      "Indsatsområde: Sammenhængskraft og medborgerskab",
      "Mål 1: Naboskab",
      "Delmål 1.2: Nye beboere falder til",
      "24 naboværter (aktivitet: Naboværter)",
      "Ingen succeskriterier",
      "Succeskriterier, der ikke er knyttet til et mål",
      "Der er ingen delaftale for indsatsområdet endnu.",
      "bidrager også hertil (se under overordnet mål 1)",
    ]) {
      expect(text).toContain(expected);
    }
  });
});
