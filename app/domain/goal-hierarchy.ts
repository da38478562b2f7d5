/**
 * The plan's målhierarki (goal hierarchy), derived from what is already entered and never typed
 * twice: the strategic agreement's objectives → each focus area's overall goal (linked to the
 * objectives it serves) → the delaftale's goals → their delmål → the success criteria that measure
 * them → the activities those criteria belong to. Pure: the model loads the rows, this builds the
 * tree that the page, the diagram and the Word document all render.
 */
import type { StrategicContent } from "./strategic-agreement-content";
import { numberGoals, type GoalRecord } from "./agreement-view";
import { richTextToPlain, type RichText } from "./rich-text";

// --- input (what the model loads) ----------------------------------------------------------------

export interface GoalHierarchyCriterionRecord {
  id: number;
  activityId: number | null;
  goalId: number | null;
  text: string;
  position: number;
}

export interface GoalHierarchyActivityRecord {
  id: number;
  name: string;
  shortName: string | null;
  position: number;
}

export interface GoalHierarchyAgreementRecord {
  id: number;
  focusArea: { id: number; name: string; position: number };
  primaryTargetGroup: RichText | null;
  goals: GoalRecord[];
  criteria: GoalHierarchyCriterionRecord[];
  activities: GoalHierarchyActivityRecord[];
}

export interface GoalHierarchyInput {
  plan: { id: number; name: string; periodStart: string; periodEnd: string };
  /** The strategic agreement's working content; null when the plan has none yet. */
  strategic: Pick<StrategicContent, "objectives" | "focusAreaGoals"> | null;
  /** The plan's funding round's focus areas (names for focus-area goals without a delaftale). */
  focusAreas: { id: number; name: string; position: number }[];
  agreements: GoalHierarchyAgreementRecord[];
}

// --- the tree ------------------------------------------------------------------------------------

export interface HierarchyActivity {
  id: number;
  /** The activity's name as in the agreement's list (short name when it has one). */
  name: string;
}

export interface HierarchyCriterion {
  id: number;
  text: string;
  /** The activity whose schema holds the criterion; null for the agreement's own criteria. */
  activity: HierarchyActivity | null;
}

export interface HierarchyGoal {
  id: number;
  /** "1" for a goal, "1.2" for a delmål. */
  number: string;
  /** "Mål 1", "Delmål 1.2". */
  label: string;
  text: string;
  isSubGoal: boolean;
  criteria: HierarchyCriterion[];
  /** The activities of this goal's criteria, each once, in the agreement's order. */
  activities: HierarchyActivity[];
  subGoals: HierarchyGoal[];
  /** A leaf (a delmål, or a goal without delmål) that no criterion measures. */
  missingCriteria: boolean;
}

export interface HierarchyFocusArea {
  focusAreaId: number;
  name: string;
  /** The focus area's overall goal from the strategic agreement; null when not written. */
  overallGoal: string | null;
  /** The plan objectives (their keys) the overall goal serves; unknown keys are left out. */
  objectiveKeys: string[];
  /** The delaftale of the focus area; null when the strategic agreement names it but none exists. */
  agreementId: number | null;
  /** The delaftale's primary target group, as plain text. */
  primaryTargetGroup: string | null;
  goals: HierarchyGoal[];
  /** The delaftale's criteria linked to no goal. */
  unlinkedCriteria: HierarchyCriterion[];
}

export interface HierarchyObjective {
  key: string;
  /** "1", "2" … in the strategic agreement's order. */
  number: string;
  text: string;
  /** Focus areas (by focusAreaId) whose overall goal serves this objective, in focus-area order. */
  focusAreaIds: number[];
}

export interface GoalHierarchyIssues {
  /** Criteria linked to no goal. */
  unlinkedCriteria: number;
  /** Leaf goals (a delmål, or a goal without delmål) with no criteria. */
  goalsWithoutCriteria: number;
  /** Focus areas whose overall goal serves no plan objective (or that have no overall goal). */
  focusAreasWithoutObjective: number;
  /** Plan objectives no focus area serves. */
  objectivesWithoutFocusArea: number;
}

export interface GoalHierarchy {
  plan: { id: number; name: string; periodStart: string; periodEnd: string };
  /** Whether the plan has a strategic agreement (objectives and focus-area goals come from it). */
  hasStrategicAgreement: boolean;
  objectives: HierarchyObjective[];
  /** Every focus area with a delaftale or an overall goal, in the funding round's order. */
  focusAreas: HierarchyFocusArea[];
  issues: GoalHierarchyIssues;
}

const byPosition = <T extends { position: number; id: number }>(a: T, b: T) =>
  a.position - b.position || a.id - b.id;

function activityName(a: GoalHierarchyActivityRecord): string {
  return a.shortName?.trim() || a.name;
}

function buildFocusArea(
  agreement: GoalHierarchyAgreementRecord | undefined,
  focusArea: { id: number; name: string },
  overall: StrategicContent["focusAreaGoals"][number] | undefined,
  objectiveKeys: Set<string>,
): HierarchyFocusArea {
  const activities = new Map<number, { view: HierarchyActivity; position: number }>();
  for (const a of [...(agreement?.activities ?? [])].sort(byPosition))
    activities.set(a.id, { view: { id: a.id, name: activityName(a) }, position: a.position });
  const criteria = [...(agreement?.criteria ?? [])].sort(
    (a, b) =>
      // The agreement's own criteria first, then each activity's in the activities' order.
      (a.activityId == null ? -1 : (activities.get(a.activityId)?.position ?? 0)) -
        (b.activityId == null ? -1 : (activities.get(b.activityId)?.position ?? 0)) ||
      byPosition(a, b),
  );
  const goalIds = new Set((agreement?.goals ?? []).map((g) => g.id));
  const view = (c: GoalHierarchyCriterionRecord): HierarchyCriterion => ({
    id: c.id,
    text: c.text,
    activity: c.activityId == null ? null : (activities.get(c.activityId)?.view ?? null),
  });
  const criteriaOf = (goalId: number) => criteria.filter((c) => c.goalId === goalId).map(view);
  const numbers = numberGoals(agreement?.goals ?? []);
  const sorted = [...(agreement?.goals ?? [])].sort(byPosition);

  const goalNode = (g: GoalRecord, subGoals: HierarchyGoal[]): HierarchyGoal => {
    const own = criteriaOf(g.id);
    const seen = new Set<number>();
    const goalActivities: HierarchyActivity[] = [];
    for (const c of own) {
      if (c.activity && !seen.has(c.activity.id)) {
        seen.add(c.activity.id);
        goalActivities.push(c.activity);
      }
    }
    goalActivities.sort(
      (a, b) => (activities.get(a.id)?.position ?? 0) - (activities.get(b.id)?.position ?? 0),
    );
    const number = numbers.get(g.id)!;
    return {
      id: g.id,
      number: number.number,
      label: number.label,
      text: g.text,
      isSubGoal: g.parentId != null,
      criteria: own,
      activities: goalActivities,
      subGoals,
      missingCriteria: subGoals.length === 0 && own.length === 0,
    };
  };

  const goals = sorted
    .filter((g) => g.parentId == null)
    .map((g) =>
      goalNode(
        g,
        sorted.filter((s) => s.parentId === g.id).map((s) => goalNode(s, [])),
      ),
    );
  const target = agreement ? richTextToPlain(agreement.primaryTargetGroup).trim() : "";
  return {
    focusAreaId: focusArea.id,
    name: focusArea.name,
    overallGoal: (overall?.goal ?? "").trim() || null,
    objectiveKeys: (overall?.objectiveKeys ?? []).filter((k) => objectiveKeys.has(k)),
    agreementId: agreement?.id ?? null,
    primaryTargetGroup: target || null,
    goals,
    // A criterion pointing at a goal that is not this agreement's counts as unlinked.
    unlinkedCriteria: criteria.filter((c) => c.goalId == null || !goalIds.has(c.goalId)).map(view),
  };
}

/** Every goal and delmål of the tree, depth first (a goal before its delmål). */
export function flattenGoals(goals: HierarchyGoal[]): HierarchyGoal[] {
  return goals.flatMap((g) => [g, ...flattenGoals(g.subGoals)]);
}

export function buildGoalHierarchy(input: GoalHierarchyInput): GoalHierarchy {
  const objectives = (input.strategic?.objectives ?? []).filter((o) => o.text.trim());
  const objectiveKeys = new Set(objectives.map((o) => o.key));
  const overallGoals = new Map(
    (input.strategic?.focusAreaGoals ?? []).map((g) => [g.focusAreaId, g] as const),
  );
  const agreementsByFocusArea = new Map(input.agreements.map((a) => [a.focusArea.id, a] as const));
  const known = new Map(input.focusAreas.map((f) => [f.id, f] as const));
  for (const a of input.agreements) known.set(a.focusArea.id, a.focusArea);

  const focusAreas = [...known.values()]
    .filter(
      (f) =>
        agreementsByFocusArea.has(f.id) ||
        Boolean((overallGoals.get(f.id)?.goal ?? "").trim()),
    )
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, "da"))
    .map((f) =>
      buildFocusArea(agreementsByFocusArea.get(f.id), f, overallGoals.get(f.id), objectiveKeys),
    );

  const allGoals = focusAreas.flatMap((f) => flattenGoals(f.goals));
  const hierarchyObjectives = objectives.map((o, i) => ({
    key: o.key,
    number: String(i + 1),
    text: o.text.trim(),
    focusAreaIds: focusAreas
      .filter((f) => f.objectiveKeys.includes(o.key))
      .map((f) => f.focusAreaId),
  }));
  return {
    plan: input.plan,
    hasStrategicAgreement: input.strategic != null,
    objectives: hierarchyObjectives,
    focusAreas,
    issues: {
      unlinkedCriteria: focusAreas.reduce((n, f) => n + f.unlinkedCriteria.length, 0),
      goalsWithoutCriteria: allGoals.filter((g) => g.missingCriteria).length,
      focusAreasWithoutObjective: focusAreas.filter((f) => f.objectiveKeys.length === 0).length,
      objectivesWithoutFocusArea: hierarchyObjectives.filter((o) => o.focusAreaIds.length === 0)
        .length,
    },
  };
}

/** Whether every node has its parent and its children (nothing missing anywhere). */
export function isHierarchyComplete(tree: GoalHierarchy): boolean {
  return Object.values(tree.issues).every((n) => n === 0);
}

/**
 * Focus areas under each objective, as the tree is read: a focus area serving several objectives
 * is shown in full under the first and referred to under the rest. Focus areas serving no
 * objective come last, under `unlinked`.
 */
export function focusAreasByObjective(tree: GoalHierarchy): {
  groups: {
    objective: HierarchyObjective;
    entries: { focusArea: HierarchyFocusArea; firstUnder: string | null }[];
  }[];
  unlinked: HierarchyFocusArea[];
} {
  const byId = new Map(tree.focusAreas.map((f) => [f.focusAreaId, f] as const));
  const shownUnder = new Map<number, string>();
  const groups = tree.objectives.map((objective) => ({
    objective,
    entries: objective.focusAreaIds.map((id) => {
      const firstUnder = shownUnder.get(id) ?? null;
      if (firstUnder == null) shownUnder.set(id, objective.number);
      return { focusArea: byId.get(id)!, firstUnder };
    }),
  }));
  return { groups, unlinked: tree.focusAreas.filter((f) => f.objectiveKeys.length === 0) };
}
