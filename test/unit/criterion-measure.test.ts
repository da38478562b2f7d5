/**
 * How a success criterion's baseline and target read on the page, in Word and in the diff: a
 * number with its unit and year, a measure written as text, or both.
 */
import { describe, expect, it } from "vitest";
import { toCriterionView, type CriterionRecord } from "~/domain/agreement-view";
import { CriterionRowSchema } from "~/domain/agreement";

function record(fields: Partial<CriterionRecord>): CriterionRecord {
  return {
    id: 1,
    activityId: null,
    text: "Trygheden stiger",
    dataSource: "Tryghedsmåling",
    baselineValue: null,
    baselineUnit: null,
    baselineYear: null,
    targetValue: null,
    targetUnit: null,
    targetYear: null,
    baselineText: null,
    targetText: null,
    position: 0,
    ...fields,
  };
}

describe("a criterion's baseline and target", () => {
  it("reads a number with its unit and year", () => {
    const view = toCriterionView(
      record({ baselineValue: 42, baselineUnit: "%", baselineYear: 2016, targetValue: 12.5 }),
    );
    expect(view.baseline?.text).toBe("42 % (2016)");
    expect(view.baseline?.note).toBeNull();
    expect(view.target?.text).toBe("12,5");
  });

  it("keeps a baseline of three values exactly as written, with its year", () => {
    const view = toCriterionView(
      record({ baselineText: "53 %, 66 % og 68 % i tre afdelinger", baselineYear: 2018 }),
    );
    expect(view.baseline).toEqual({
      value: null,
      unit: null,
      year: 2018,
      note: "53 %, 66 % og 68 % i tre afdelinger",
      text: "53 %, 66 % og 68 % i tre afdelinger (2018)",
    });
  });

  it("prints a text target without a year on its own", () => {
    const view = toCriterionView(record({ targetText: "Mindst 70 % i alle afdelinger" }));
    expect(view.target?.text).toBe("Mindst 70 % i alle afdelinger");
    expect(view.baseline).toBeNull();
  });

  it("puts the number and its year first and the text after it when both are given", () => {
    const view = toCriterionView(
      record({
        baselineValue: 62,
        baselineUnit: "%",
        baselineYear: 2016,
        baselineText: "gennemsnit af 53 %, 66 % og 68 %",
      }),
    );
    expect(view.baseline?.text).toBe("62 % (2016) – gennemsnit af 53 %, 66 % og 68 %");
  });

  it("does not print a unit alone in front of a text", () => {
    const view = toCriterionView(record({ targetUnit: "%", targetText: "70 % og 75 %" }));
    expect(view.target?.text).toBe("70 % og 75 %");
    expect(view.target?.unit).toBe("%");
  });

  it("treats a blank text as no text", () => {
    expect(toCriterionView(record({ baselineText: "   " })).baseline).toBeNull();
  });
});

describe("CriterionRowSchema's text measures", () => {
  const row = {
    text: "Trygheden stiger",
    dataSource: "Tryghedsmåling",
    baselineValue: "",
    targetValue: "70",
    baselineText: "  53 %, 66 % og 68 %  ",
    targetText: "",
  };

  it("keeps the text as written (trimmed) and an empty one as none", () => {
    const parsed = CriterionRowSchema.parse(row);
    expect(parsed.baselineText).toBe("53 %, 66 % og 68 %");
    expect(parsed.targetText).toBeNull();
    expect(parsed.baselineValue).toBeNull();
    expect(parsed.targetValue).toBe(70);
  });

  it("refuses a text over 500 characters with a Danish message", () => {
    const result = CriterionRowSchema.safeParse({ ...row, targetText: "x".repeat(501) });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join(".") === "targetText");
    expect(issue?.message).toBe("Højst 500 tegn");
  });
});
