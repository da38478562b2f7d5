/**
 * The application page's loader data, shaped from the model's page: each grant year with its
 * report, deadline and state, each linked LBF plan marked as one the user may open or not, the
 * what the page tells this reader to do next (their own words, by role
 * and stage), this year's frame for the fund administration, and the forms' starting values for
 * what the user may do.
 */
import {
  applicationAudience,
  applicationGuidance,
  applicationStage,
  assessmentFormValues,
  decisionFormValues,
  hasYearStarted,
  isFundManager,
  type FundFundingKind,
} from "~/domain/disposition-fund";
import { reportDeadline } from "~/domain/reporting";
import { deadlineState } from "~/domain/revision";
import type { FundApplicationPage } from "~/models/fund-applications.server";

interface FundingRow {
  id: number;
  kind: FundFundingKind;
  planId: number | null;
  planName: string | null;
  name: string | null;
  amount: number;
}

export function presentApplicationPage(
  page: FundApplicationPage,
  {
    visiblePlanIds,
    today,
  }: {
    /** The plans the user may open (a linked LBF plan is a link only for them). */
    visiblePlanIds: ReadonlySet<number>;
    today: string;
  },
) {
  const { application, fund, permissions } = page;
  // The record's funding rows, with the linked plan's name and the row's id.
  const funding: FundingRow[] = application.funding;
  const currentYear = Number(today.slice(0, 4));
  const grant = page.grant && {
    id: page.grant.id,
    total: page.grant.total,
    years: page.grant.years.map((y) => {
      const report = page.grant!.reports.find((r) => r.year === y.year) ?? null;
      const due = reportDeadline(y.year, fund.reportDueMonthDay);
      return {
        year: y.year,
        amount: y.amount,
        due,
        reportStatus: report?.status ?? null,
        spent: report?.spent ?? null,
        state: report?.status === "submitted" ? ("ok" as const) : deadlineState(due, today),
        /** The report is due once the year has ended. */
        ended: y.year < currentYear,
        started: hasYearStarted(y.year, today),
      };
    }),
  };
  const audience = applicationAudience(page.role);
  // This year's row of the frames (fund administration only), when the period reaches it.
  const thisYear = page.frames?.years.find((y) => y.year === currentYear) ?? null;
  return {
    fund: { id: fund.id, name: fund.name, organisationName: fund.organisationName },
    role: page.role,
    manager: isFundManager(page.role),
    permissions,
    estate: page.estate,
    application,
    /** The other funding, each linked plan marked as one the user may open or not. */
    funding: funding.map((f) => ({
      ...f,
      planVisible: f.planId != null && visiblePlanIds.has(f.planId),
    })),
    totals: page.totals,
    checklist: page.checklist,
    grant,
    frames: page.frames,
    audience,
    /** Where the application stands and what this reader does next, in their words. */
    guidance: applicationGuidance(
      applicationStage(application.status, application.assessedAt != null),
      audience,
    ),
    frameThisYear: thisYear && {
      year: thisYear.year,
      frame: thisYear.frame,
      remaining: thisYear.remaining,
    },
    assessmentValues: permissions.canAssess ? assessmentFormValues(application) : null,
    decisionValues: permissions.canDecide ? decisionFormValues(application.years, today) : null,
  };
}

export type ApplicationPageView = ReturnType<typeof presentApplicationPage>;
