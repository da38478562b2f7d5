/**
 * The activity log's documents: the action list after an event (Word, sent to the partners: what
 * was found, who does what by when) and the year's log per activity (Excel). Plain view objects
 * the templates render, and the pure steps between them: the actions gathered per responsible
 * party, the log counted per activity. Client-safe.
 */
import { formatDate } from "./format";

export interface ActionListAction {
  /** The responsible party as shown: the organisation's name or the party's label. */
  responsible: string;
  description: string;
  dueDate: string | null;
  /** The status as shown: "Åben", "I gang", "Udført", "Droppet". */
  status: string;
  /** Why it was dropped (dropped actions only). */
  dropReason: string | null;
}

export interface ActionListFinding {
  text: string;
  place: string | null;
  actions: ActionListAction[];
}

export interface ActionListView {
  planName: string;
  focusArea: string;
  activity: string;
  kind: string;
  /** yyyy-MM-dd */
  date: string;
  place: string | null;
  note: string | null;
  /** Participants by group, in the plan's order of groups. */
  participants: { group: string; count: number }[];
  /** When the follow-up meeting is due (yyyy-MM-dd), if one is planned. */
  followUpDue: string | null;
  findings: ActionListFinding[];
}

/** "Handlingsliste efter tryghedsvandring 12. maj 2026" */
export function actionListTitle(view: Pick<ActionListView, "kind" | "date">): string {
  return `Handlingsliste efter ${view.kind.toLocaleLowerCase("da")} ${formatDate(view.date)}`;
}

/** "Udført", or "Droppet: <reason>" when the action was dropped. */
export function actionStatusText(action: Pick<ActionListAction, "status" | "dropReason">): string {
  return action.dropReason ? `${action.status}: ${action.dropReason}` : action.status;
}

export interface PartyActions {
  responsible: string;
  actions: (ActionListAction & { finding: string })[];
}

/**
 * The actions per responsible party, the parties in the order they first appear, each party's
 * actions by due date (those without one last), then in the list's order.
 */
export function actionsByParty(findings: readonly ActionListFinding[]): PartyActions[] {
  const parties = new Map<string, PartyActions>();
  for (const finding of findings) {
    for (const action of finding.actions) {
      let party = parties.get(action.responsible);
      if (!party) {
        party = { responsible: action.responsible, actions: [] };
        parties.set(action.responsible, party);
      }
      party.actions.push({ ...action, finding: finding.text });
    }
  }
  const due = (d: string | null) => d ?? "9999-12-31";
  for (const party of parties.values()) {
    // Array.prototype.sort is stable: equal due dates keep the list's order.
    party.actions.sort((a, b) => due(a.dueDate).localeCompare(due(b.dueDate)));
  }
  return [...parties.values()];
}

// --- the year's log ---------------------------------------------------------------------------

export interface YearLogEvent {
  id: number;
  /** yyyy-MM-dd */
  date: string;
  focusArea: string;
  activity: string;
  kind: string;
  place: string | null;
  note: string | null;
  /** Participants by group name. */
  participants: Record<string, number>;
  findingCount: number;
  actionCount: number;
  /** Actions still open or in progress. */
  openActionCount: number;
  /** The event is the follow-up meeting of an earlier one. */
  isFollowUp: boolean;
}

/** An action found at one of the year's events. */
export interface YearLogAction extends ActionListAction {
  eventId: number;
  finding: string;
  findingPlace: string | null;
}

export interface YearLogView {
  planName: string;
  year: number;
  /** The activity the log is narrowed to; null: all the plan's activities. */
  activity: string | null;
  /** The plan's participant groups in order (a column each). */
  groups: string[];
  /** By agreement and activity, then date. */
  events: YearLogEvent[];
  /** In the order of the events, then of their findings and actions. */
  actions: YearLogAction[];
}

export interface YearLogCount {
  focusArea: string;
  activity: string;
  measure: "events" | "participants";
  /** The event kind (events) or participant group (participants). */
  name: string;
  count: number;
}

/**
 * The year's log counted per activity (in the order the activities first appear): events by kind
 * (kinds in order of first appearance), then participants by group (in the view's group order).
 */
export function countYearLog(view: YearLogView): YearLogCount[] {
  const byActivity = new Map<
    string,
    { focusArea: string; activity: string; kinds: Map<string, number>; groups: Map<string, number> }
  >();
  for (const e of view.events) {
    const key = `${e.focusArea}\u0000${e.activity}`;
    let entry = byActivity.get(key);
    if (!entry) {
      entry = { focusArea: e.focusArea, activity: e.activity, kinds: new Map(), groups: new Map() };
      byActivity.set(key, entry);
    }
    entry.kinds.set(e.kind, (entry.kinds.get(e.kind) ?? 0) + 1);
    for (const [group, count] of Object.entries(e.participants)) {
      entry.groups.set(group, (entry.groups.get(group) ?? 0) + count);
    }
  }
  return [...byActivity.values()].flatMap(({ focusArea, activity, kinds, groups }) => [
    ...[...kinds].map(([name, count]) => ({
      focusArea,
      activity,
      measure: "events" as const,
      name,
      count,
    })),
    ...view.groups
      .filter((g) => (groups.get(g) ?? 0) > 0)
      .map((name) => ({
        focusArea,
        activity,
        measure: "participants" as const,
        name,
        count: groups.get(name)!,
      })),
  ]);
}
