/**
 * The målhierarki in Word: a level-1 heading "Målhierarki" (so a table of contents lists it),
 * each plan objective as a level-2 heading, each focus area serving it as level 3 with its overall
 * goal and primary target group, each goal as level 4, and under it its criteria (with their
 * activities) as a real list, its delmål as indented paragraphs with their own lists. Missing links
 * are written out ("Ingen succeskriterier"). Pure: takes the tree, returns paragraphs.
 */
import { Paragraph, type Document, type Table } from "docx";
import {
  focusAreasByObjective,
  type GoalHierarchy,
  type HierarchyCriterion,
  type HierarchyFocusArea,
  type HierarchyGoal,
} from "~/domain/goal-hierarchy";
import { formatPeriod } from "~/domain/format";
import { createDocument } from "./parts/document";
import { heading } from "./parts/headings";
import { pageSection } from "./parts/page";
import { boldParagraph, list, paragraph } from "./parts/text";

export const GOAL_HIERARCHY_TITLE = "Målhierarki";
export const NO_CRITERIA_TEXT = "Ingen succeskriterier";
export const NO_OBJECTIVE_TEXT = "Ikke knyttet til et overordnet mål";
export const UNLINKED_CRITERIA_TEXT = "Succeskriterier, der ikke er knyttet til et mål";

const INDENT = 360;

function criterionLine(c: HierarchyCriterion): string {
  return c.activity ? `${c.text} (aktivitet: ${c.activity.name})` : c.text;
}

function goalBlocks(goal: HierarchyGoal): Paragraph[] {
  const level = goal.isSubGoal ? 1 : 0;
  const title = `${goal.label}: ${goal.text}`;
  const blocks: Paragraph[] = goal.isSubGoal
    ? [boldParagraph(title, { indent: INDENT, keepNext: true })]
    : [heading(title, 4)];
  if (goal.criteria.length) {
    blocks.push(
      paragraph("Succeskriterier:", { indent: level * INDENT, keepNext: true }),
      ...list(goal.criteria.map(criterionLine), { level }),
    );
  } else if (goal.missingCriteria) {
    blocks.push(paragraph(`${NO_CRITERIA_TEXT}.`, { indent: level * INDENT, italic: true }));
  }
  if (goal.activities.length) {
    blocks.push(
      paragraph(`Aktiviteter: ${goal.activities.map((a) => a.name).join(", ")}`, {
        indent: level * INDENT,
      }),
    );
  }
  for (const sub of goal.subGoals) blocks.push(...goalBlocks(sub));
  return blocks;
}

function focusAreaBlocks(f: HierarchyFocusArea, objectiveNumbers: string[]): Paragraph[] {
  const blocks: Paragraph[] = [heading(`Indsatsområde: ${f.name}`, 3)];
  blocks.push(
    f.overallGoal
      ? paragraph(`Overordnet mål for indsatsområdet: ${f.overallGoal}`)
      : paragraph("Indsatsområdets overordnede mål er ikke skrevet i den strategiske aftale.", {
          italic: true,
        }),
  );
  blocks.push(
    objectiveNumbers.length
      ? paragraph(
          `Bidrager til ${objectiveNumbers.length === 1 ? "planens overordnede mål" : "planens overordnede mål"} ${objectiveNumbers.join(", ")}.`,
        )
      : paragraph(`${NO_OBJECTIVE_TEXT}.`, { italic: true }),
  );
  if (f.primaryTargetGroup) blocks.push(paragraph(`Primær målgruppe: ${f.primaryTargetGroup}`));
  if (f.agreementId == null) {
    blocks.push(paragraph("Der er ingen delaftale for indsatsområdet endnu.", { italic: true }));
  } else if (!f.goals.length) {
    blocks.push(paragraph("Delaftalen har ingen mål endnu.", { italic: true }));
  }
  for (const goal of f.goals) blocks.push(...goalBlocks(goal));
  if (f.unlinkedCriteria.length) {
    blocks.push(
      boldParagraph(`${UNLINKED_CRITERIA_TEXT}:`, { keepNext: true }),
      ...list(f.unlinkedCriteria.map(criterionLine)),
    );
  }
  return blocks;
}

export function goalHierarchyBlocks(tree: GoalHierarchy): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [heading(GOAL_HIERARCHY_TITLE, 1)];
  blocks.push(
    paragraph(
      "Planens overordnede mål, indsatsområdernes mål, delaftalernes mål og delmål, de succeskriterier der måler dem, og de aktiviteter kriterierne hører til.",
    ),
  );
  if (!tree.hasStrategicAgreement) {
    blocks.push(
      paragraph(
        "Planen har endnu ingen strategisk samarbejdsaftale, så de overordnede mål mangler.",
        { italic: true },
      ),
    );
  }
  const objectivesOf = (f: HierarchyFocusArea) =>
    tree.objectives.filter((o) => f.objectiveKeys.includes(o.key)).map((o) => o.number);
  const { groups, unlinked } = focusAreasByObjective(tree);
  for (const { objective, entries } of groups) {
    blocks.push(heading(`Overordnet mål ${objective.number}: ${objective.text}`, 2));
    if (!entries.length) {
      blocks.push(paragraph("Intet indsatsområde bidrager til målet.", { italic: true }));
    }
    for (const { focusArea, firstUnder } of entries) {
      blocks.push(
        ...(firstUnder == null
          ? focusAreaBlocks(focusArea, objectivesOf(focusArea))
          : [
              paragraph(
                `Indsatsområdet ${focusArea.name} bidrager også hertil (se under overordnet mål ${firstUnder}).`,
              ),
            ]),
      );
    }
  }
  if (unlinked.length) {
    blocks.push(heading(NO_OBJECTIVE_TEXT, 2));
    for (const f of unlinked) blocks.push(...focusAreaBlocks(f, []));
  }
  if (!tree.focusAreas.length && !tree.objectives.length) {
    blocks.push(
      paragraph("Planen har hverken overordnede mål eller delaftaler endnu.", { italic: true }),
    );
  }
  return blocks;
}

export function goalHierarchyDocumentTitle(plan: { name: string }): string {
  return `${plan.name}: målhierarki`;
}

/** The målhierarki alone, for download. */
export function buildGoalHierarchyDocument(
  plan: { name: string; periodStart: string; periodEnd: string },
  tree: GoalHierarchy,
): Document {
  const title = goalHierarchyDocumentTitle(plan);
  return createDocument({
    title,
    description: `Målhierarkiet for ${plan.name}, ${formatPeriod(plan.periodStart, plan.periodEnd)}`,
    sections: [pageSection([plan.name, GOAL_HIERARCHY_TITLE], goalHierarchyBlocks(tree))],
  });
}
