import { describe, expect, it } from "vitest";
import { parseValues } from "~/domain/form";
import {
  defaultMeasurementYear,
  MeasurementGridSchema,
  measurementGridFormValues,
  measurementStatusLabels,
  OVERRIDE_REASON_MESSAGE,
  resolveStatus,
  suggestStatus,
  type MeasurementGridRow,
} from "~/domain/measurement";

describe("suggestStatus", () => {
  it("counts upwards toward a higher target", () => {
    const up = { baselineValue: 71, targetValue: 80 };
    expect(suggestStatus({ ...up, value: 80 })).toBe("met");
    expect(suggestStatus({ ...up, value: 85 })).toBe("met");
    expect(suggestStatus({ ...up, value: 75 })).toBe("partly_met");
    expect(suggestStatus({ ...up, value: 71 })).toBe("not_met");
    expect(suggestStatus({ ...up, value: 60 })).toBe("not_met");
  });

  it("counts downwards when the baseline lies above the target", () => {
    const down = { baselineValue: 40, targetValue: 25 };
    expect(suggestStatus({ ...down, value: 25 })).toBe("met");
    expect(suggestStatus({ ...down, value: 10 })).toBe("met");
    expect(suggestStatus({ ...down, value: 30 })).toBe("partly_met");
    expect(suggestStatus({ ...down, value: 40 })).toBe("not_met");
    expect(suggestStatus({ ...down, value: 45 })).toBe("not_met");
  });

  it("without a baseline: met at the target, partly from half of it", () => {
    const target = { baselineValue: null, targetValue: 14 };
    expect(suggestStatus({ ...target, value: 14 })).toBe("met");
    expect(suggestStatus({ ...target, value: 7 })).toBe("partly_met");
    expect(suggestStatus({ ...target, value: 6.5 })).toBe("not_met");
    // A baseline of 0 is a baseline, not a missing one.
    expect(suggestStatus({ baselineValue: 0, targetValue: 24, value: 1 })).toBe("partly_met");
  });

  it("suggests nothing for a text value or a criterion without a numeric target", () => {
    expect(suggestStatus({ baselineValue: 5, targetValue: 12, value: null })).toBeNull();
    expect(suggestStatus({ baselineValue: 5, targetValue: null, value: 9 })).toBeNull();
    expect(suggestStatus({ baselineValue: null, targetValue: undefined, value: 9 })).toBeNull();
    expect(resolveStatus("", null)).toBe("not_measured");
    expect(resolveStatus("", "met")).toBe("met");
    expect(resolveStatus("not_met", "met")).toBe("not_met");
  });

  it("has Danish labels", () => {
    expect(Object.values(measurementStatusLabels)).toEqual([
      "Opfyldt",
      "Delvist opfyldt",
      "Ikke opfyldt",
      "Ikke målt",
    ]);
  });
});

describe("MeasurementGridSchema", () => {
  const row = (fields: Record<string, string>) => ({
    criterionId: "7",
    version: "",
    baselineValue: "71",
    targetValue: "80",
    valueNumber: "",
    valueText: "",
    unit: "%",
    status: "",
    overrideReason: "",
    comment: "",
    source: "",
    ...fields,
  });

  it("parses Danish decimals, empty texts and the suggestion choice", () => {
    const result = parseValues(MeasurementGridSchema, {
      rows: [row({ valueNumber: "76,5", version: "3", comment: "  God udvikling " })],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rows[0]).toEqual({
      criterionId: 7,
      version: 3,
      baselineValue: 71,
      targetValue: 80,
      valueNumber: 76.5,
      valueText: null,
      unit: "%",
      status: "",
      overrideReason: null,
      comment: "God udvikling",
      source: null,
      logValue: null,
      valueOverrideReason: null,
    });
  });

  it("requires a reason when the chosen status differs from the suggestion", () => {
    const result = parseValues(MeasurementGridSchema, {
      rows: [row({ valueNumber: "80" }), row({ valueNumber: "75", status: "met" })],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ "rows.1.overrideReason": OVERRIDE_REASON_MESSAGE });

    const withReason = parseValues(MeasurementGridSchema, {
      rows: [row({ valueNumber: "75", status: "met", overrideReason: "Målt efter ny metode" })],
    });
    expect(withReason.ok).toBe(true);
    // Choosing the suggested status itself needs no reason.
    const same = parseValues(MeasurementGridSchema, {
      rows: [row({ valueNumber: "75", status: "partly_met" })],
    });
    expect(same.ok).toBe(true);
  });

  it("lets the reporter choose a status freely for a text value", () => {
    const result = parseValues(MeasurementGridSchema, {
      rows: [row({ targetValue: "", valueText: "Flere nye frivillige", status: "met" })],
    });
    expect(result.ok).toBe(true);
  });

  it("refuses a number that is not one, a number and a text together, and a bad status", () => {
    const result = parseValues(MeasurementGridSchema, {
      rows: [
        row({ valueNumber: "mange" }),
        row({ valueNumber: "4", valueText: "fire" }),
        row({ status: "done" }),
        row({ criterionId: "" }),
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors["rows.0.valueNumber"]).toBe("Skriv et tal, fx 42 eller 11,5");
    expect(result.errors["rows.1.valueText"]).toContain("enten et tal eller en tekst");
    expect(result.errors["rows.2.status"]).toBe("Vælg en status");
    expect(result.errors["rows.3.criterionId"]).toBe("Ukendt succeskriterium");
  });
});

describe("measurement grid form values and default year", () => {
  const base: MeasurementGridRow = {
    criterion: { id: 3, text: "Tryghed", dataSource: "Undersøgelse", baseline: null, target: null },
    activity: null,
    baselineValue: 71,
    targetValue: 80.5,
    defaultUnit: "%",
    measurement: null,
    suggestion: null,
  };
  const stored = {
    id: 1,
    version: 2,
    valueNumber: 76.5,
    valueText: null,
    unit: "%",
    status: "partly_met" as const,
    overrideReason: null,
    comment: null,
    source: "Survey",
  };

  it("starts a new row with the criterion's unit and shows a stored suggestion as the default", () => {
    const { rows } = measurementGridFormValues([
      base,
      { ...base, measurement: stored, suggestion: "partly_met" },
      {
        ...base,
        measurement: { ...stored, status: "met", overrideReason: "Ny opgørelse" },
        suggestion: "partly_met",
      },
    ]);
    expect(rows[0]).toMatchObject({ version: "", unit: "%", targetValue: "80,5", status: "" });
    expect(rows[1]).toMatchObject({ version: "2", valueNumber: "76,5", status: "" });
    expect(rows[2]).toMatchObject({ status: "met", overrideReason: "Ny opgørelse" });
  });

  it("opens on the last full calendar year of the validity", () => {
    const years = [2023, 2024, 2025, 2026];
    expect(defaultMeasurementYear(years, "2026-11-22")).toBe(2025);
    expect(defaultMeasurementYear(years, "2030-01-01")).toBe(2026);
    expect(defaultMeasurementYear(years, "2023-05-01")).toBe(2023);
    expect(defaultMeasurementYear([], "2023-05-01")).toBeNull();
  });
});
