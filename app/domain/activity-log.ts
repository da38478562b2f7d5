/**
 * The activity log (issue 21): what happened in each activity (events with participants by group),
 * what was found (findings), who does what by when (actions), the follow-up meeting's stock-taking,
 * and success criteria measured from the log. Pure and client-safe: the forms validate with these
 * schemas in the browser, the models with the same ones on the server.
 */
import type { PlanAccessRole } from "./roles";
import {
  MAX_DATE_YEAR,
  MAX_INT,
  MIN_DATE_YEAR,
  checkbox,
  isoDate,
  optionalId,
  optionalText,
  optionalWholeNumber,
  requiredId,
  requiredText,
  versionField,
  z,
} from "./zod";

// --- settings -------------------------------------------------------------------------------------

/** The kinds of event a plan's log starts with; a walk's follow-up is due half a year later. */
export const DEFAULT_EVENT_KINDS: readonly { name: string; followUpMonths: number | null }[] = [
  { name: "Tryghedsvandring", followUpMonths: 6 },
  { name: "Opfølgningsmøde", followUpMonths: null },
  { name: "Møde", followUpMonths: null },
  { name: "Temamøde", followUpMonths: null },
  { name: "Kursus", followUpMonths: null },
  { name: "Mægling", followUpMonths: null },
  { name: "Arrangement", followUpMonths: null },
];

/** The kind a follow-up meeting gets unless the user picks another. */
export const FOLLOW_UP_KIND_NAME = "Opfølgningsmøde";

/** A follow-up scheduled on an event whose kind names no interval: half a year. */
export const DEFAULT_FOLLOW_UP_MONTHS = 6;

export const DEFAULT_PARTICIPANT_GROUPS: readonly string[] = [
  "Beboere",
  "Frivillige",
  "Samarbejdspartnere",
];

/** Who enters and edits events, findings and actions (admins always may). */
export const LOG_EDITOR_ROLES = ["secretariat", "reporter"] as const;

export function canEditLog(role: PlanAccessRole | null | undefined): boolean {
  return role === "admin" || role === "secretariat" || role === "reporter";
}

const settingsRow = {
  id: optionalId(),
  name: requiredText("Skriv et navn", 100),
  retired: checkbox,
};

/** The plan's event kinds and participant groups (rows without an id are new; names unique). */
export const LogSettingsSchema = z
  .object({
    kinds: z.preprocess(
      (v) => v ?? [],
      z
        .array(
          z.object({
            ...settingsRow,
            followUpMonths: optionalWholeNumber("Skriv et antal måneder (1-36)", 1, 36),
          }),
        )
        .max(100),
    ),
    groups: z.preprocess((v) => v ?? [], z.array(z.object(settingsRow)).max(100)),
  })
  .superRefine((values, ctx) => {
    for (const list of ["kinds", "groups"] as const) {
      const seen = new Set<string>();
      values[list].forEach((row, i) => {
        const key = row.name.toLowerCase();
        if (seen.has(key))
          ctx.addIssue({
            code: "custom",
            path: [list, i, "name"],
            message: "Navnet findes allerede",
          });
        seen.add(key);
      });
    }
  });
export type LogSettingsValues = z.output<typeof LogSettingsSchema>;

// --- actions --------------------------------------------------------------------------------------

export const LOG_ACTION_STATUSES = ["open", "in_progress", "done", "dropped"] as const;
export type LogActionStatus = (typeof LOG_ACTION_STATUSES)[number];

export const logActionStatusLabels: Record<LogActionStatus, string> = {
  open: "Åben",
  in_progress: "I gang",
  done: "Udført",
  dropped: "Droppet",
};

/** Open and in progress: still to be done. */
export function isPendingStatus(status: LogActionStatus): boolean {
  return status === "open" || status === "in_progress";
}

/** Whether a pending action's due date has passed (`today` as yyyy-mm-dd, Danish time). */
export function isOverdue(
  action: { status: LogActionStatus; dueDate: string | null },
  today: string,
): boolean {
  return isPendingStatus(action.status) && action.dueDate != null && action.dueDate < today;
}

export const DROP_REASON_MESSAGE = "Skriv, hvorfor opgaven droppes";

/** A responsible party as a form value: "org:12" (an organisation) or "label:Politiet". */
export interface PartyRef {
  organisationId: number | null;
  partyLabel: string | null;
}

export function partyValue(ref: PartyRef): string {
  return ref.organisationId != null ? `org:${ref.organisationId}` : `label:${ref.partyLabel ?? ""}`;
}

export function parsePartyValue(value: string): PartyRef | null {
  const org = /^org:(\d+)$/.exec(value);
  if (org) {
    const id = Number(org[1]);
    return id > 0 && id <= MAX_INT ? { organisationId: id, partyLabel: null } : null;
  }
  const label = /^label:(.+)$/s.exec(value);
  return label && label[1]!.trim() ? { organisationId: null, partyLabel: label[1]!.trim() } : null;
}

/** An optional date from <input type="date">: "" becomes null. */
function optionalDate(message = "Angiv en gyldig dato") {
  return z.preprocess(
    (v) => (v == null || (typeof v === "string" && v.trim() === "") ? null : v),
    z.iso
      .date({ error: message })
      .refine(
        (d) => Number(d.slice(0, 4)) >= MIN_DATE_YEAR && Number(d.slice(0, 4)) <= MAX_DATE_YEAR,
        { error: message },
      )
      .nullable(),
  );
}

const statusField = z.preprocess(
  (v) => (v == null || v === "" ? "open" : v),
  z.enum(LOG_ACTION_STATUSES, { error: "Vælg en status" }),
);

export const LogActionSchema = z
  .object({
    id: optionalId(),
    party: z.preprocess(
      (v) => (typeof v === "string" ? v : ""),
      z.string().refine((v) => parsePartyValue(v) != null, { error: "Vælg den ansvarlige part" }),
    ),
    description: requiredText("Beskriv opgaven", 1000, { multiline: true }),
    dueDate: optionalDate(),
    status: statusField,
    dropReason: optionalText(1000, { multiline: true }),
  })
  .superRefine((a, ctx) => {
    if (a.status === "dropped" && !a.dropReason)
      ctx.addIssue({ code: "custom", path: ["dropReason"], message: DROP_REASON_MESSAGE });
  })
  .transform((a) => ({
    ...a,
    ...parsePartyValue(a.party)!,
    // A reason belongs to a dropped action only.
    dropReason: a.status === "dropped" ? a.dropReason : null,
  }));
export type LogActionValues = z.output<typeof LogActionSchema>;

export const LogFindingSchema = z.object({
  id: optionalId(),
  text: requiredText("Beskriv fundet", 1000, { multiline: true }),
  place: optionalText(200),
  actions: z.preprocess((v) => v ?? [], z.array(LogActionSchema).max(50)),
});
export type LogFindingValues = z.output<typeof LogFindingSchema>;

// --- events ---------------------------------------------------------------------------------------

/** yyyy-mm-dd plus whole months; a day the month lacks becomes its last (31 Aug + 6 → 28/29 Feb). */
export function followUpDate(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

export const LogEventSchema = z
  .object({
    activityId: requiredId("Vælg en aktivitet"),
    kindId: requiredId("Vælg en type"),
    date: isoDate("Angiv datoen"),
    place: optionalText(200),
    note: optionalText(4000, { multiline: true }),
    participants: z.preprocess(
      (v) => v ?? [],
      z
        .array(
          z.object({
            groupId: requiredId("Ukendt deltagergruppe"),
            count: optionalWholeNumber("Skriv et antal", 0, 100_000),
          }),
        )
        .max(100),
    ),
    findings: z.preprocess((v) => v ?? [], z.array(LogFindingSchema).max(200)),
    scheduleFollowUp: checkbox,
    /** Empty with scheduleFollowUp: the kind's interval (a walk: 6 months) after the date. */
    followUpDue: optionalDate(),
  })
  .superRefine((e, ctx) => {
    if (e.scheduleFollowUp && e.followUpDue && e.date && e.followUpDue <= e.date)
      ctx.addIssue({
        code: "custom",
        path: ["followUpDue"],
        message: "Opfølgningen skal ligge efter datoen",
      });
    const groups = new Set<number>();
    e.participants.forEach((p, i) => {
      if (groups.has(p.groupId))
        ctx.addIssue({
          code: "custom",
          path: ["participants", i, "count"],
          message: "Gruppen står der allerede",
        });
      groups.add(p.groupId);
    });
  })
  .transform((e) => ({
    ...e,
    followUpDue: e.scheduleFollowUp ? e.followUpDue : null,
    // An empty count is no one of that group.
    participants: e.participants
      .filter((p) => p.count != null && p.count > 0)
      .map((p) => ({ groupId: p.groupId, count: p.count! })),
  }));
export type LogEventValues = z.output<typeof LogEventSchema>;

export const ActionStatusSchema = z
  .object({
    version: versionField(),
    status: z.enum(LOG_ACTION_STATUSES, { error: "Vælg en status" }),
    dropReason: optionalText(1000, { multiline: true }),
  })
  .superRefine((a, ctx) => {
    if (a.status === "dropped" && !a.dropReason)
      ctx.addIssue({ code: "custom", path: ["dropReason"], message: DROP_REASON_MESSAGE });
  });
export type ActionStatusValues = z.output<typeof ActionStatusSchema>;

export const FollowUpSchema = z.object({
  date: isoDate("Angiv datoen for opfølgningsmødet"),
  kindId: optionalId(),
});
export type FollowUpValues = z.output<typeof FollowUpSchema>;

/** The stock-taking at a follow-up meeting: each original action's status now. */
export const FollowUpReviewSchema = z.object({
  version: versionField(),
  reviews: z.preprocess(
    (v) => v ?? [],
    z
      .array(
        z
          .object({
            actionId: requiredId("Ukendt opgave"),
            status: z.enum(LOG_ACTION_STATUSES, { error: "Vælg en status" }),
            note: optionalText(1000, { multiline: true }),
          })
          .superRefine((r, ctx) => {
            if (r.status === "dropped" && !r.note)
              ctx.addIssue({ code: "custom", path: ["note"], message: DROP_REASON_MESSAGE });
          }),
      )
      .max(1000),
  ),
});
export type FollowUpReviewValues = z.output<typeof FollowUpReviewSchema>;

// --- measurements from the log ------------------------------------------------------------------

export const LOG_METRICS = ["event_count", "participant_sum", "actions_done_share"] as const;
export type LogMetric = (typeof LOG_METRICS)[number];

export const logMetricLabels: Record<LogMetric, string> = {
  event_count: "Antal aktiviteter i året (af en type)",
  participant_sum: "Antal deltagere i året (fra en gruppe)",
  actions_done_share: "Andel udførte opgaver (%)",
};

export interface LogSourceSpec {
  metric: LogMetric;
  /** Only events of this kind (null: every kind). */
  kindId: number | null;
  /** The group summed (participant_sum only). */
  groupId: number | null;
}

/** A criterion's log source from its form; metric "" means the criterion is not measured from the log. */
export const CriterionLogSourceSchema = z
  .object({
    metric: z.preprocess(
      (v) => (v == null || v === "" ? null : v),
      z.enum(LOG_METRICS, { error: "Vælg en måling" }).nullable(),
    ),
    kindId: optionalId(),
    groupId: optionalId(),
  })
  .superRefine((s, ctx) => {
    if (s.metric === "participant_sum" && s.groupId == null)
      ctx.addIssue({ code: "custom", path: ["groupId"], message: "Vælg deltagergruppen" });
  })
  .transform((s): LogSourceSpec | null =>
    s.metric == null
      ? null
      : {
          metric: s.metric,
          kindId: s.kindId,
          groupId: s.metric === "participant_sum" ? s.groupId : null,
        },
  );

/** What the metrics need of one event. */
export interface LogMetricEvent {
  date: string;
  kindId: number;
  participants: { groupId: number; count: number }[];
  actions: { status: LogActionStatus }[];
}

/**
 * The year's value of a log source: the number of events (of the kind), the sum of a group's
 * participants, or the share (in %, two decimals) of the actions found at the year's events that
 * are done. Dropped actions (with a reason) are left out of the share: they were decided against,
 * not left undone. Null for a share without actions.
 */
export function computeLogValue(
  source: LogSourceSpec,
  events: readonly LogMetricEvent[],
  year: number,
): number | null {
  const prefix = `${year}-`;
  const chosen = events.filter(
    (e) => e.date.startsWith(prefix) && (source.kindId == null || e.kindId === source.kindId),
  );
  switch (source.metric) {
    case "event_count":
      return chosen.length;
    case "participant_sum":
      return chosen.reduce(
        (sum, e) =>
          sum +
          e.participants
            .filter((p) => p.groupId === source.groupId)
            .reduce((s, p) => s + p.count, 0),
        0,
      );
    case "actions_done_share": {
      const counted = chosen.flatMap((e) => e.actions).filter((a) => a.status !== "dropped");
      if (!counted.length) return null;
      const done = counted.filter((a) => a.status === "done").length;
      return Math.round((done / counted.length) * 10_000) / 100;
    }
  }
}

/** "Tryghedsvandring" → "tryghedsvandringer", "Møde" → "møder", "Kursus" → "kurser". */
export function pluralKindName(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith("us")) return `${lower.slice(0, -2)}er`;
  if (lower.endsWith("e")) return `${lower}r`;
  return `${lower}er`;
}

const danishNumber = (n: number) =>
  new Intl.NumberFormat("da-DK", { maximumFractionDigits: 2 }).format(n);

/** "Aktivitetsloggen: 14 tryghedsvandringer i 2026": where a suggested value comes from. */
export function logSourceText(
  source: LogSourceSpec,
  value: number | null,
  year: number,
  names: { kind: string | null; group: string | null },
): string {
  const kind = names.kind ? pluralKindName(names.kind) : null;
  switch (source.metric) {
    case "event_count":
      return `Aktivitetsloggen: ${danishNumber(value ?? 0)} ${
        kind ? (value === 1 ? names.kind!.toLowerCase() : kind) : "aktiviteter"
      } i ${year}`;
    case "participant_sum":
      return `Aktivitetsloggen: ${danishNumber(value ?? 0)} deltagere fra gruppen »${
        names.group ?? "?"
      }«${kind ? ` ved ${kind}` : ""} i ${year}`;
    case "actions_done_share":
      return value == null
        ? `Aktivitetsloggen: ingen opgaver${kind ? ` fra ${kind}` : ""} i ${year}`
        : `Aktivitetsloggen: ${danishNumber(value)} % af opgaverne${
            kind ? ` fra ${kind}` : ""
          } i ${year} er udført`;
  }
}
