/**
 * The roll-up's pure shaping: grouping focus areas by funding round, totals, the share met, the
 * default year and the year links.
 */
import { describe, expect, it } from "vitest";
import {
  defaultRollupYear,
  emptyRollupCounts,
  rollupStatusLabels,
  ROLLUP_STATUS_KEYS,
  rollupYears,
  shapeRollup,
  shareMet,
  sumRollupCounts,
  type FocusAreaCounts,
  type PlanCounts,
  type RollupCounts,
} from "~/domain/rollup";

function counts(values: Partial<RollupCounts>): RollupCounts {
  return { ...emptyRollupCounts(), ...values };
}

function area(
  fundingRoundId: number,
  focusAreaId: number,
  focusArea: string,
  planCount: number,
  values: Partial<RollupCounts>,
): FocusAreaCounts {
  return {
    fundingRoundId,
    fundingRound: `Pulje ${fundingRoundId}`,
    focusAreaId,
    focusArea,
    planCount,
    ...counts(values),
  };
}

function plan(
  planId: number,
  planName: string,
  agreementCount: number,
  values: Partial<RollupCounts>,
): PlanCounts {
  return { planId, planName, agreementCount, ...counts(values) };
}

describe("the roll-up of success-criterion statuses", () => {
  const focusAreas = [
    area(2, 21, "Tryghed og trivsel", 1, { criteria: 2, partly_met: 1, not_met: 1 }),
    area(3, 32, "Beskæftigelse", 2, {
      criteria: 8,
      met: 3,
      partly_met: 1,
      not_met: 1,
      not_measured: 1,
      notRecorded: 2,
    }),
    area(3, 33, "Kriminalitetsforebyggelse", 1, {}),
  ];
  const plans = [
    plan(1, "Helhedsplan Birkedalen", 1, {
      criteria: 5,
      met: 2,
      partly_met: 1,
      not_measured: 1,
      notRecorded: 1,
    }),
    plan(2, "Helhedsplan Kastanjegården", 2, { criteria: 3, met: 1, not_met: 1, notRecorded: 1 }),
    plan(3, "Helhedsplan Ravnsborg", 1, { criteria: 2, partly_met: 1, not_met: 1 }),
  ];
  const rollup = shapeRollup({ year: 2030, years: [2029, 2030], focusAreas, plans });

  it("groups the focus areas by funding round, keeping the order given", () => {
    expect(
      rollup.rounds.map((r) => [r.fundingRound, r.focusAreas.map((a) => a.focusArea)]),
    ).toEqual([
      ["Pulje 2", ["Tryghed og trivsel"]],
      ["Pulje 3", ["Beskæftigelse", "Kriminalitetsforebyggelse"]],
    ]);
  });

  it("gives each row the share of its criteria met, and none without criteria", () => {
    const [tryghed, beskaeftigelse, kriminalitet] = rollup.rounds.flatMap((r) => r.focusAreas);
    expect(tryghed!.shareMet).toBe(0);
    expect(beskaeftigelse!.shareMet).toBe(3 / 8);
    expect(kriminalitet!.shareMet).toBeNull();
    expect(rollup.plans.map((p) => p.shareMet)).toEqual([2 / 5, 1 / 3, 0]);
  });

  it("totals the counts, counting each plan once however many focus areas it has", () => {
    expect(rollup.total).toEqual({
      criteria: 10,
      met: 3,
      partly_met: 2,
      not_met: 2,
      not_measured: 1,
      notRecorded: 2,
      shareMet: 0.3,
      planCount: 3,
      agreementCount: 4,
    });
    // The per-plan rows add up to the same counts as the focus areas.
    const { planCount: _p, agreementCount: _a, shareMet: _s, ...totalCounts } = rollup.total;
    expect(sumRollupCounts(plans)).toEqual(totalCounts);
  });

  it("shows an empty year as zeros without a share", () => {
    const empty = shapeRollup({ year: 2019, years: [2019], focusAreas: [], plans: [] });
    expect(empty.rounds).toEqual([]);
    expect(empty.total).toEqual({
      ...emptyRollupCounts(),
      shareMet: null,
      planCount: 0,
      agreementCount: 0,
    });
  });

  it("computes the share from met and criteria", () => {
    expect(shareMet({ criteria: 4, met: 1 })).toBe(0.25);
    expect(shareMet({ criteria: 0, met: 0 })).toBeNull();
  });

  it("opens on last calendar year and offers the measured years with it", () => {
    expect(defaultRollupYear("2026-01-01")).toBe(2025);
    expect(defaultRollupYear("2026-12-31")).toBe(2025);
    expect(rollupYears([2023, 2024], 2025, 2025)).toEqual([2023, 2024, 2025]);
    expect(rollupYears([2026, 2023, 2024], 2025, 2019)).toEqual([2019, 2023, 2024, 2025, 2026]);
    expect(rollupYears([], 2025, 2025)).toEqual([2025]);
  });

  it("labels the status columns in Danish, not registered last", () => {
    expect(ROLLUP_STATUS_KEYS.map((k) => rollupStatusLabels[k])).toEqual([
      "Opfyldt",
      "Delvist opfyldt",
      "Ikke opfyldt",
      "Ikke målt",
      "Ikke registreret",
    ]);
  });
});
