/**
 * The yearly reports on grants: their deadlines and the report form's schema and rules.
 */
import { reportDeadline } from "../reporting";
import { deadlineState, type DeadlineState } from "../revision";
import { isRichTextEmpty } from "../rich-text";
import { z, amountField, richTextField } from "../zod";
import type { RuleIssue } from "./application";
import { addIssues, type YearAmount } from "./internal";
import type { FundSettings } from "./settings";
import type { FundReportStatus } from "./status";

// --- yearly reports on grants ---------------------------------------------------------------

/** A grant year's report may be written once the year has started. */
export function hasYearStarted(year: number, today: string): boolean {
  return year <= Number(today.slice(0, 4));
}

export interface GrantForDeadlines {
  grantId: number;
  applicationId: number;
  title: string;
  estateName: string;
  fundName?: string;
  years: readonly YearAmount[];
  reports: readonly { year: number; status: FundReportStatus }[];
}

export interface GrantReportDeadline {
  grantId: number;
  applicationId: number;
  title: string;
  estateName: string;
  fundName: string | null;
  /** The grant year reported on. */
  year: number;
  /** The year's granted amount. */
  amount: number;
  /** yyyy-MM-dd */
  due: string;
  /** A submitted report is never overdue. */
  state: DeadlineState;
  reportStatus: FundReportStatus | null;
  submitted: boolean;
}

const stateOrder: Record<DeadlineState, number> = { overdue: 0, soon: 1, ok: 2 };

/** Reports still to write first (overdue, then soon), then the earliest due, then by title. */
export function compareGrantReportDeadlines(
  a: GrantReportDeadline,
  b: GrantReportDeadline,
): number {
  return (
    Number(a.submitted) - Number(b.submitted) ||
    stateOrder[a.state] - stateOrder[b.state] ||
    a.due.localeCompare(b.due) ||
    a.title.localeCompare(b.title, "da")
  );
}

/**
 * The report deadline of every grant year that has ended (before `today`'s year): due on the
 * fund's day in the following year, overdue/soon/ok, and whether the report is submitted.
 */
export function grantReportDeadlines(
  grants: readonly GrantForDeadlines[],
  fund: Pick<FundSettings, "reportDueMonthDay">,
  today: string,
): GrantReportDeadline[] {
  const currentYear = Number(today.slice(0, 4));
  return grants
    .flatMap((grant) =>
      grant.years
        .filter((y) => y.year < currentYear)
        .map((y): GrantReportDeadline => {
          const due = reportDeadline(y.year, fund.reportDueMonthDay);
          const reportStatus = grant.reports.find((r) => r.year === y.year)?.status ?? null;
          const submitted = reportStatus === "submitted";
          return {
            grantId: grant.grantId,
            applicationId: grant.applicationId,
            title: grant.title,
            estateName: grant.estateName,
            fundName: grant.fundName ?? null,
            year: y.year,
            amount: y.amount,
            due,
            state: submitted ? "ok" : deadlineState(due, today),
            reportStatus,
            submitted,
          };
        }),
    )
    .sort(compareGrantReportDeadlines);
}

// --- the yearly report form ---------------------------------------------------------------

export type FundReportIntent = "save" | "submit";

const FundReportFieldsSchema = z.object({
  spent: amountField(),
  activities: richTextField(),
});
export type FundReportValues = z.output<typeof FundReportFieldsSchema>;

/** To submit, the report describes the year's activities. */
export function fundReportIssues(values: FundReportValues, intent: FundReportIntent): RuleIssue[] {
  return intent === "submit" && isRichTextEmpty(values.activities)
    ? [{ path: ["activities"], message: "Beskriv årets aktiviteter og resultater" }]
    : [];
}

export function fundReportSchema(intent: FundReportIntent = "save") {
  return FundReportFieldsSchema.superRefine((r, ctx) =>
    addIssues(ctx, fundReportIssues(r, intent)),
  );
}
