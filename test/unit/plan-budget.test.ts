/**
 * R1 co-financing at plan level: Landsbyggefonden pays at most 75 % of a plan's total, so the plan
 * page warns when the LBF share of its agreements together is above 75 % (exactly 75 % is allowed).
 */
import { describe, expect, it } from "vitest";
import { summarisePlanBudget } from "~/domain/budget";

describe("summarisePlanBudget (R1)", () => {
  it("allows exactly 75 % LBF and warns from the first krone above", () => {
    const atLimit = summarisePlanBudget([{ lbf: 750_000, local: 250_000 }]);
    expect(atLimit).toMatchObject({ lbfShare: 0.75, lbfShareTooHigh: false });
    const justAbove = summarisePlanBudget([{ lbf: 750_001, local: 249_999 }]);
    expect(justAbove.lbfShareTooHigh).toBe(true);
    const justBelow = summarisePlanBudget([{ lbf: 749_999, local: 250_001 }]);
    expect(justBelow.lbfShareTooHigh).toBe(false);
  });

  it("judges the plan as a whole: one agreement above 75 % is fine if the sum is not", () => {
    // Per agreement the share is shown, not enforced (DESIGN.md R1).
    const plan = summarisePlanBudget([
      { lbf: 900_000, local: 100_000 }, // 90 %
      { lbf: 300_000, local: 300_000 }, // 50 %
    ]);
    expect(plan).toEqual({
      lbf: 1_200_000,
      local: 400_000,
      total: 1_600_000,
      lbfShare: 0.75,
      lbfShareTooHigh: false,
    });
    const over = summarisePlanBudget([
      { lbf: 900_000, local: 100_000 },
      { lbf: 300_000, local: 299_000 },
    ]);
    expect(over.lbfShareTooHigh).toBe(true);
  });

  it("has no share and no warning without money, and none when LBF pays nothing", () => {
    expect(summarisePlanBudget([])).toEqual({
      lbf: 0,
      local: 0,
      total: 0,
      lbfShare: null,
      lbfShareTooHigh: false,
    });
    expect(summarisePlanBudget([{ lbf: 0, local: 0 }]).lbfShareTooHigh).toBe(false);
    expect(summarisePlanBudget([{ lbf: 0, local: 500 }])).toMatchObject({
      lbfShare: 0,
      lbfShareTooHigh: false,
    });
    expect(summarisePlanBudget([{ lbf: 500, local: 0 }])).toMatchObject({
      lbfShare: 1,
      lbfShareTooHigh: true,
    });
  });
});
