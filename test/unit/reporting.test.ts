import { describe, expect, it } from "vitest";
import {
  countLatestStatuses,
  formatReportDue,
  reportDeadline,
  reportDeadlinesToShow,
  type ReportingPlan,
} from "~/domain/reporting";

function plan(
  planId: number,
  planName: string,
  periodStart: string,
  periodEnd: string,
  reportDueMonthDay = "06-30",
): ReportingPlan {
  return { planId, planName, periodStart, periodEnd, reportDueMonthDay };
}

describe("report deadlines", () => {
  it("falls due on the plan's day in the year after the report's year", () => {
    expect(reportDeadline(2024, "06-30")).toBe("2025-06-30");
    expect(reportDeadline(2025, "03-01")).toBe("2026-03-01");
  });

  it("uses the month's last day when the stored day does not exist that year", () => {
    expect(reportDeadline(2024, "02-29")).toBe("2025-02-28");
    expect(reportDeadline(2023, "02-29")).toBe("2024-02-29");
    expect(reportDeadline(2024, "04-31")).toBe("2025-04-30");
  });

  it("writes the deadline the Danish way", () => {
    expect(formatReportDue("06-30")).toBe("30. juni");
    expect(formatReportDue("03-01")).toBe("1. marts");
  });

  it("lists last year's report for the plans whose period covers that year", () => {
    const shown = reportDeadlinesToShow(
      [
        plan(1, "Nord", "2023-01-01", "2026-12-31"),
        plan(2, "Syd", "2024-07-01", "2028-06-30", "09-30"),
        plan(3, "Ny", "2025-01-01", "2028-12-31"),
        plan(4, "Gammel", "2019-01-01", "2023-12-31"),
      ],
      "2025-03-15",
    );
    expect(shown.map((r) => [r.planId, r.year, r.due])).toEqual([
      [1, 2024, "2025-06-30"],
      [2, 2024, "2025-09-30"],
    ]);
  });

  it("marks overdue and soon deadlines, overdue first", () => {
    const plans = [
      plan(1, "Juni", "2023-01-01", "2026-12-31", "06-30"),
      plan(2, "Marts", "2023-01-01", "2026-12-31", "03-31"),
      plan(3, "December", "2023-01-01", "2026-12-31", "12-01"),
    ];
    const shown = reportDeadlinesToShow(plans, "2025-05-10");
    expect(shown.map((r) => [r.planName, r.state])).toEqual([
      ["Marts", "overdue"],
      ["Juni", "soon"],
      ["December", "ok"],
    ]);
    // The deadline day itself is not overdue; the day after is.
    expect(reportDeadlinesToShow([plans[0]!], "2025-06-30")[0]!.state).toBe("soon");
    expect(reportDeadlinesToShow([plans[0]!], "2025-07-01")[0]!.state).toBe("overdue");
  });

  it("counts criteria by their latest status, the unmeasured apart", () => {
    expect(
      countLatestStatuses([
        { latest: { year: 2024, status: "met" } },
        { latest: { year: 2023, status: "met" } },
        { latest: { year: 2024, status: "not_met" } },
        { latest: { year: 2024, status: "not_measured" } },
        { latest: null },
      ]),
    ).toEqual({ met: 2, partly_met: 0, not_met: 1, not_measured: 1, none: 1 });
  });
});
