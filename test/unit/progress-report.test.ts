import { describe, expect, it } from "vitest";
import {
  buildProgressReportView,
  canEditReport,
  hasLogCounts,
  logGroupLines,
  logKindLines,
  narrativeFormValues,
  ProgressReportNarrativeSchema,
  reportStatusText,
  reportYears,
  type ProgressReportInput,
} from "~/domain/progress-report";
import { parseRichText } from "~/domain/rich-text";

const criterion = (id: number, agreementId: number, activityId: number | null = null) => ({
  id,
  agreementId,
  activityId,
  activityName: activityId ? `Aktivitet ${activityId}` : null,
  text: `Kriterium ${id}`,
  dataSource: "Optælling",
  baselineValue: 10,
  baselineUnit: "%",
  baselineYear: 2022,
  targetValue: 20,
  targetUnit: "%",
  targetYear: 2026,
  baselineText: null,
  targetText: null,
  position: id,
});

const measured = (criterionId: number, valueNumber: number | null, status: "met" | "not_met") => ({
  criterionId,
  valueNumber,
  valueText: valueNumber == null ? "Afholdt" : null,
  unit: valueNumber == null ? null : "%",
  status,
  overrideReason: null,
  comment: null,
  source: null,
});

function input(overrides: Partial<ProgressReportInput> = {}): ProgressReportInput {
  return {
    plan: {
      id: 1,
      name: "Helhedsplan Engparken",
      periodStart: "2023-01-01",
      periodEnd: "2026-12-31",
      reportDueMonthDay: "05-15",
    },
    year: 2025,
    report: null,
    agreements: [
      { id: 10, focusArea: "Beskæftigelse", validFrom: "2023-01-01", validTo: "2026-12-31" },
      // Ended before the report's year: not in the report.
      {
        id: 11,
        focusArea: "Kriminalitetsforebyggelse",
        validFrom: "2023-01-01",
        validTo: "2024-12-31",
      },
      {
        id: 12,
        focusArea: "Uddannelse og livschancer",
        validFrom: "2025-07-01",
        validTo: "2026-12-31",
      },
    ],
    activities: [
      { id: 100, agreementId: 10, name: "Jobcafé" },
      { id: 120, agreementId: 12, name: "Lektiehjælp" },
    ],
    criteria: [criterion(1, 10), criterion(2, 10, 100), criterion(3, 11), criterion(4, 12, 120)],
    measurements: [measured(1, 22, "met"), measured(2, null, "not_met"), measured(3, 5, "not_met")],
    fundingSources: [
      { id: 1000, agreementId: 10, kind: "lbf", label: "Landsbyggefonden" },
      { id: 1001, agreementId: 10, kind: "municipality", label: "Engby Kommune" },
      { id: 1200, agreementId: 12, kind: "lbf", label: "Landsbyggefonden" },
    ],
    budgetAmounts: [
      { sourceId: 1000, year: 2025, amount: 300_000 },
      { sourceId: 1001, year: 2025, amount: 100_000 },
      { sourceId: 1000, year: 2026, amount: 999_999 },
      { sourceId: 1200, year: 2025, amount: 50_000 },
    ],
    spent: [
      { sourceId: 1000, amount: 240_000 },
      { sourceId: 1001, amount: 60_000 },
    ],
    logCounts: [],
    ...overrides,
  };
}

describe("buildProgressReportView", () => {
  it("takes the agreements valid in the year, with their criteria, results and counts", () => {
    const view = buildProgressReportView(input());
    expect(view.title).toBe("Statusrapport 2025");
    expect(view.due).toBe("2026-05-15");
    expect(view.status).toBe("draft");
    expect(view.agreements.map((a) => a.focusArea)).toEqual([
      "Beskæftigelse",
      "Uddannelse og livschancer",
    ]);
    const [jobs, school] = view.agreements;
    expect(jobs!.criteria.map((c) => [c.text, c.activityName, c.actualText, c.status])).toEqual([
      ["Kriterium 1", null, "22 %", "met"],
      ["Kriterium 2", "Aktivitet 100", "Afholdt", "not_met"],
    ]);
    expect(jobs!.criteria[0]!.baseline?.text).toBe("10 % (2022)");
    expect(jobs!.criteria[0]!.suggestion).toBe("met");
    expect(school!.criteria[0]).toMatchObject({
      measurement: null,
      status: null,
      actualText: null,
    });
    expect(view.counts).toEqual({ met: 1, partly_met: 0, not_met: 1, not_measured: 0, none: 1 });
    expect(jobs!.counts).toEqual({ met: 1, partly_met: 0, not_met: 1, not_measured: 0, none: 0 });
  });

  it("compares the year's budget and spend per funder and for the plan", () => {
    const view = buildProgressReportView(input());
    const jobs = view.agreements[0]!.spending;
    expect(jobs.lbf.map((l) => [l.label, l.budget, l.spent])).toEqual([
      ["Landsbyggefonden", 300_000, 240_000],
    ]);
    expect(jobs.local.map((l) => [l.label, l.budget, l.spent, l.difference])).toEqual([
      ["Engby Kommune", 100_000, 60_000, 40_000],
    ]);
    expect(jobs.lbfShareOfSpend).toBe(0.8);
    expect(view.agreements[1]!.spending.total).toMatchObject({ budget: 50_000, spent: 0 });
    expect(view.spending).toEqual({
      budget: 450_000,
      periodOnly: 0,
      spent: 300_000,
      lbfBudget: 350_000,
      lbfSpent: 240_000,
      lbfShareOfSpend: 0.8,
    });
    const nothingSpent = buildProgressReportView(input({ spent: [] }));
    expect(nothingSpent.spending.lbfShareOfSpend).toBeNull();
  });

  it("carries the narrative, trimmed activity notes and the final and reopened facts", () => {
    const view = buildProgressReportView(
      input({
        report: {
          status: "final",
          summary: parseRichText("Et år med **fremgang**."),
          whatWorked: null,
          nextYear: null,
          activityNotes: { "100": "  På sporet  ", "120": "   " },
          finalisedAt: "2026-03-01T10:00:00.000Z",
          finalisedBy: "Ida Lund",
          reopenedAt: "2026-02-01T10:00:00.000Z",
          reopenedBy: "Per Holm",
          reopenReason: "Rettede tal",
        },
      }),
    );
    expect(view.status).toBe("final");
    expect(view.finalised).toEqual({ at: "2026-03-01T10:00:00.000Z", by: "Ida Lund" });
    expect(view.reopened).toEqual({
      at: "2026-02-01T10:00:00.000Z",
      by: "Per Holm",
      reason: "Rettede tal",
    });
    expect(view.agreements.flatMap((a) => a.activities.map((x) => x.note))).toEqual([
      "På sporet",
      null,
    ]);
    expect(narrativeFormValues(view)).toEqual({
      summary: "Et år med **fremgang**.",
      whatWorked: "",
      nextYear: "",
      activityNotes: [
        { activityId: "100", note: "På sporet" },
        { activityId: "120", note: "" },
      ],
    });
  });

  it("counts each activity's events by kind and participants by group from the log", () => {
    const view = buildProgressReportView(
      input({
        logCounts: [
          { activityId: 100, kind: "Møde", group: null, position: 3, count: 4 },
          { activityId: 100, kind: "Tryghedsvandring", group: null, position: 1, count: 14 },
          { activityId: 100, kind: null, group: "Frivillige", position: 2, count: 9 },
          { activityId: 100, kind: null, group: "Beboere", position: 1, count: 1210 },
          // Logged on an activity of an agreement outside the year: not in the report.
          { activityId: 999, kind: "Møde", group: null, position: 3, count: 2 },
        ],
      }),
    );
    const [jobs, homework] = view.agreements.flatMap((a) => a.activities);
    expect(jobs!.log).toEqual({
      eventCount: 18,
      byKind: [
        { kind: "Tryghedsvandring", count: 14 },
        { kind: "Møde", count: 4 },
      ],
      participantCount: 1219,
      byGroup: [
        { group: "Beboere", count: 1210 },
        { group: "Frivillige", count: 9 },
      ],
    });
    expect(logKindLines(jobs!.log!)).toEqual(["Tryghedsvandring: 14", "Møde: 4"]);
    expect(logGroupLines(jobs!.log!)).toEqual(["Beboere: 1.210", "Frivillige: 9"]);
    // Nothing logged: no counts, and the report shows no log for the activity.
    expect(homework!.log).toBeNull();
    expect(hasLogCounts(view.agreements)).toBe(true);
    expect(hasLogCounts(buildProgressReportView(input()).agreements)).toBe(false);
  });
});

describe("the progress report's rules", () => {
  it("lists the plan's years that have ended", () => {
    expect(reportYears("2023-03-01", "2027-02-28", "2026-11-22")).toEqual([2023, 2024, 2025]);
    expect(reportYears("2026-01-01", "2029-12-31", "2026-11-22")).toEqual([]);
  });

  it("lets reporters, the secretariat and admins write; board and viewers read", () => {
    expect(
      ["reporter", "secretariat", "admin", "board", "viewer"].map((r) => canEditReport(r as never)),
    ).toEqual([true, true, true, false, false]);
  });

  it("names a missing measurement", () => {
    expect(reportStatusText(null)).toBe("Ikke registreret");
    expect(reportStatusText("partly_met")).toBe("Delvist opfyldt");
  });

  it("parses the narrative form with Danish messages", () => {
    const parsed = ProgressReportNarrativeSchema.safeParse({
      summary: "Kort",
      activityNotes: [{ activityId: "x", note: "y" }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("Ukendt aktivitet");
    const ok = ProgressReportNarrativeSchema.parse({ summary: "- a\n- b" });
    expect(ok.summary.blocks[0]).toMatchObject({ type: "list" });
    expect(ok.activityNotes).toEqual([]);
  });
});
