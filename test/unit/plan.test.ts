import { describe, expect, it } from "vitest";
import {
  defaultPeriodEnd,
  PlanFormSchema,
  REPORT_DUE_FORMAT_MESSAGE,
  REPORT_DUE_NO_SUCH_DAY_MESSAGE,
  reportDueFormText,
} from "~/domain/plan";
import { parseFormData } from "~/domain/form";

function form(entries: [string, string][]) {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("plan rules", () => {
  it("ends a default plan four years on, the day before", () => {
    expect(defaultPeriodEnd("2017-03-01")).toBe("2021-02-28");
    expect(defaultPeriodEnd("2024-01-01")).toBe("2027-12-31");
  });

  it("parses a valid form with several organisations", () => {
    const result = parseFormData(
      PlanFormSchema,
      form([
        ["name", "  Helhedsplan Nord "],
        ["fundingRoundId", "3"],
        ["periodStart", "2024-01-01"],
        ["periodEnd", "2027-12-31"],
        ["status", "active"],
        ["municipalityId", ""],
        ["organisationIds", "4"],
        ["organisationIds", "9"],
        ["description", ""],
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual({
      name: "Helhedsplan Nord",
      fundingRoundId: 3,
      periodStart: "2024-01-01",
      periodEnd: "2027-12-31",
      status: "active",
      municipalityId: null,
      organisationIds: [4, 9],
      description: null,
      revisionIntervalMonths: 12,
      reportDueMonthDay: "06-30",
    });
  });

  it("reads the report deadline as day-month and stores it as month-day", () => {
    const parse = (due: string) =>
      parseFormData(
        PlanFormSchema,
        form([
          ["name", "A"],
          ["fundingRoundId", "1"],
          ["periodStart", "2024-01-01"],
          ["periodEnd", "2025-01-01"],
          ["status", "draft"],
          ["reportDueMonthDay", due],
        ]),
      );
    const stored = (due: string) => {
      const result = parse(due);
      return result.ok ? result.data.reportDueMonthDay : result.errors.reportDueMonthDay;
    };
    expect(stored("30-06")).toBe("06-30");
    expect(stored("1.3")).toBe("03-01");
    expect(stored(" 28/02 ")).toBe("02-28");
    expect(stored("")).toBe("06-30");
    expect(stored("31-02")).toBe(REPORT_DUE_NO_SUCH_DAY_MESSAGE);
    expect(stored("29-02")).toBe(REPORT_DUE_NO_SUCH_DAY_MESSAGE);
    expect(stored("06-30")).toBe(REPORT_DUE_NO_SUCH_DAY_MESSAGE);
    expect(stored("30. juni")).toBe(REPORT_DUE_FORMAT_MESSAGE);
    expect(reportDueFormText("06-30")).toBe("30-06");
    expect(reportDueFormText("30-06")).toBe("30-06");
  });

  it("accepts a single organisation and none", () => {
    const one = parseFormData(
      PlanFormSchema,
      form([
        ["name", "A"],
        ["fundingRoundId", "1"],
        ["periodStart", "2024-01-01"],
        ["periodEnd", "2025-01-01"],
        ["status", "draft"],
        ["organisationIds", "7"],
      ]),
    );
    expect(one.ok && one.data.organisationIds).toEqual([7]);
  });

  it("reports every problem at once, in Danish, keeping the values", () => {
    const result = parseFormData(
      PlanFormSchema,
      form([
        ["name", ""],
        ["fundingRoundId", ""],
        ["periodStart", "2024-05-01"],
        ["periodEnd", "2024-04-01"],
        ["status", "draft"],
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: "Skriv planens navn",
      fundingRoundId: "Vælg en pulje",
      periodEnd: "Slutdatoen skal ligge efter startdatoen",
    });
    expect(result.values.periodStart).toBe("2024-05-01");
  });

  it("rejects an impossible date", () => {
    const result = parseFormData(
      PlanFormSchema,
      form([
        ["name", "A"],
        ["fundingRoundId", "1"],
        ["periodStart", "2024-02-30"],
        ["periodEnd", "2025-01-01"],
        ["status", "draft"],
      ]),
    );
    expect(!result.ok && result.errors.periodStart).toBe("Angiv en gyldig startdato");
  });
});

describe("Danish decimals in agreement forms", () => {
  it("reads thousands separators and decimal commas, and writes values back the same way", async () => {
    const { optionalDecimal } = await import("~/domain/agreement");
    const { criterionFormValues } = await import("~/domain/agreement-form-values");
    const schema = optionalDecimal();
    expect(schema.parse("1.250")).toBe(1250);
    expect(schema.parse("1.250,5")).toBe(1250.5);
    expect(schema.parse("11,5")).toBe(11.5);
    expect(schema.parse("0.5")).toBe(0.5);
    expect(schema.parse("")).toBeNull();
    const values = criterionFormValues({
      id: 1,
      activityId: null,
      text: "t",
      dataSource: "d",
      baselineValue: 1250.5,
      baselineUnit: null,
      baselineYear: null,
      targetValue: 2000,
      targetUnit: null,
      targetYear: null,
      baselineText: null,
      targetText: null,
      position: 0,
    });
    expect(values.baselineValue).toBe("1250,5");
    expect(schema.parse(values.baselineValue)).toBe(1250.5);
    expect(schema.parse(values.targetValue)).toBe(2000);
  });
});
