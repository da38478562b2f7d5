/**
 * Frozen agreement snapshots (agreement_versions.snapshot) were written by the document view of
 * their day. Approved versions never change, so an older shape is read as it is and brought to
 * today's AgreementView here: every word it held is kept, and fields it did not have are empty.
 * Pure: no database.
 */
import type { AgreementView, GoalView, MeasureView, StaffView } from "./agreement-view";
import type { Budget, BudgetLine } from "./budget";
import { formatNumber } from "./format";

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null;
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** Goals were a list of strings before delmål existed. */
function goals(value: unknown): GoalView[] {
  if (!Array.isArray(value)) return [];
  return value.map((g, i): GoalView => {
    if (typeof g === "string") return { id: -(i + 1), text: g, subGoals: [] };
    const goal = g as Loose;
    return {
      id: Number(goal.id),
      text: String(goal.text ?? ""),
      subGoals: Array.isArray(goal.subGoals) ? (goal.subGoals as GoalView["subGoals"]) : [],
    };
  });
}

/** Staff lines had a count, a role and figures, printed with "×"; now they are the written line. */
function staff(value: unknown): StaffView[] {
  if (!Array.isArray(value)) return [];
  return value.map((s: Loose): StaffView => {
    if (typeof s.role !== "string") return { id: Number(s.id), text: String(s.text ?? "") };
    const figure = (v: unknown, suffix: string) =>
      typeof v === "number" ? `${formatNumber(v)} ${suffix}` : null;
    const line = [
      typeof s.count === "number" ? `${formatNumber(s.count)} ${s.role}` : s.role,
      figure(s.hoursPerWeek, "timer/uge"),
      figure(s.fte, "årsværk"),
      text(s.note),
    ];
    return { id: Number(s.id), text: line.filter(Boolean).join(", ") };
  });
}

function measureView(value: unknown): MeasureView | null {
  if (!isObject(value)) return null;
  return { ...(value as unknown as MeasureView), note: text(value.note) };
}

function budget(value: Budget): Budget {
  const line = (l: BudgetLine): BudgetLine => ({ ...l, yearly: l.yearly ?? true });
  return {
    ...value,
    lbf: value.lbf.map(line),
    local: value.local.map(line),
    hasYearly: value.hasYearly ?? [...value.lbf, ...value.local].some((l) => l.yearly ?? true),
  };
}

export function readAgreementSnapshot(snapshot: unknown): AgreementView {
  const v = snapshot as AgreementView & Loose;
  const criteria = (list: AgreementView["criteria"]) =>
    list.map((c) => ({ ...c, baseline: measureView(c.baseline), target: measureView(c.target) }));
  return {
    ...v,
    purposesLeadIn: text(v.purposesLeadIn),
    goalsLeadIn: text(v.goalsLeadIn),
    goals: goals(v.goals),
    primaryTargetGroup: (v.primaryTargetGroup as AgreementView["primaryTargetGroup"]) ?? null,
    criteria: criteria(v.criteria),
    activities: v.activities.map((a) => ({
      ...a,
      shortName: text(a.shortName),
      listTitle: typeof a.listTitle === "string" ? a.listTitle : a.title,
      purposesLeadIn: text(a.purposesLeadIn),
      targetGroupsLeadIn: text(a.targetGroupsLeadIn),
      criteria: criteria(a.criteria),
    })),
    budget: budget(v.budget),
    staff: staff(v.staff),
  };
}
