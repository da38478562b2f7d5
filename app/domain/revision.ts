/**
 * Revisions and versions (DESIGN.md R6): labels, the decision form, deadlines and the empty
 * baseline a first version is compared with. Pure.
 */
import { addMonths, differenceInCalendarDays, format, parseISO } from "date-fns";
import type { AgreementView } from "./agreement-view";
import { computeBudget } from "./budget";
import { formatDate } from "./format";
import { versionStatusWords } from "./status-words";
import { z, isoDate, optionalText, requiredText } from "./zod";

export const VERSION_STATUSES = [
  "proposed",
  "approved",
  "rejected",
  "withdrawn",
  "superseded",
] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** The app's one set of status words (status-words.ts). */
export const versionStatusLabels: Record<VersionStatus, string> = versionStatusWords;

export const REVISION_STATUSES = ["open", "submitted", "approved", "rejected"] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/** The label in the header of a version's document and on its page. */
export function versionLabel(v: {
  number: number;
  status: VersionStatus;
  decidedAt: string | null;
  meetingDate?: string | null;
}): string {
  if (v.status === "proposed") return `Forslag til version ${v.number}`;
  const when = v.meetingDate ?? v.decidedAt;
  const decided = when ? formatDate(when) : null;
  if (v.status === "approved" || v.status === "superseded") {
    return `Version ${v.number}, godkendt${decided ? ` ${decided}` : ""}`;
  }
  if (v.status === "rejected") return `Version ${v.number}, afvist${decided ? ` ${decided}` : ""}`;
  return `Version ${v.number}, trukket tilbage`;
}

export const SubmitRevisionSchema = z.object({
  recommendation: optionalText(5000, { multiline: true }),
  summary: requiredText("Skriv kort, hvad der er ændret", 5000, { multiline: true }),
});

export const DECISIONS = ["approve", "reject"] as const;
export const DecisionSchema = z
  .object({
    decision: z.enum(DECISIONS, { error: "Vælg godkend eller afvis" }),
    meetingDate: isoDate("Angiv datoen for bestyrelsesmødet"),
    note: optionalText(5000, { multiline: true }),
  })
  .superRefine((d, ctx) => {
    if (d.decision === "reject" && !d.note) {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: "Skriv hvorfor forslaget afvises, så sekretariatet kan rette det",
      });
    }
  });

export const StartRevisionSchema = z.object({
  year: z.coerce
    .number({ error: "Angiv et årstal" })
    .int({ error: "Angiv et årstal" })
    .min(2000, { error: "Angiv et årstal" })
    .max(2100, { error: "Angiv et årstal" }),
});

/** R6: the next revision is due a number of months (default 12) after the last approval. */
export function nextRevisionDue(lastApproved: string | Date, months: number): string {
  const date = typeof lastApproved === "string" ? parseISO(lastApproved) : lastApproved;
  return format(addMonths(date, months), "yyyy-MM-dd");
}

export type DeadlineState = "overdue" | "soon" | "ok";

/** Overdue after the due date; "soon" within `soonDays` before it. */
export function deadlineState(due: string, today: string, soonDays = 60): DeadlineState {
  const days = differenceInCalendarDays(parseISO(due), parseISO(today));
  if (days < 0) return "overdue";
  if (days <= soonDays) return "soon";
  return "ok";
}

/** An agreement with nothing in it: the baseline for a first version, so all of it shows as new. */
export function emptyAgreementView(like: AgreementView): AgreementView {
  return {
    ...like,
    openingClause: "",
    validityText: "",
    parties: { primary: [], secondary: [] },
    workingGroups: [],
    problemStatement: null,
    purposesLeadIn: null,
    purposes: [],
    goalsLeadIn: null,
    goals: [],
    primaryTargetGroup: null,
    method: null,
    criteria: [],
    activities: [],
    municipalInterplay: null,
    anchoring: null,
    budget: computeBudget(like.budget.years, []),
    staff: [],
    conflictHandling: null,
    revisionClause: null,
  };
}
