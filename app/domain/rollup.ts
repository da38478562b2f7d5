/**
 * The administrators' roll-up of success-criterion statuses across all plans for one calendar
 * year: per focus area (grouped by funding round) and per plan, with a totals row and the share
 * met. The model counts in SQL; this shapes the counts for the page and the Excel download. Pure
 * and client-safe.
 */
import {
  MEASUREMENT_STATUSES,
  measurementStatusLabels,
  NO_MEASUREMENT_LABEL,
  type MeasurementStatus,
} from "./measurement";

/**
 * How many success criteria of the agreements valid in the year had each status that year.
 * `notRecorded` counts the criteria without a measurement that year ("Ikke registreret").
 */
export type RollupCounts = Record<MeasurementStatus, number> & {
  criteria: number;
  notRecorded: number;
};

export interface RollupShare {
  /** Criteria met as a fraction of all criteria; null when there are none (no made-up 0 %). */
  shareMet: number | null;
}

/** One focus area's counts, as the model reads them (over every plan). */
export interface FocusAreaCounts extends RollupCounts {
  fundingRoundId: number;
  fundingRound: string;
  focusAreaId: number;
  focusArea: string;
  /** Plans with an agreement on the focus area valid in the year. */
  planCount: number;
}

/** One plan's counts, as the model reads them (over its agreements valid in the year). */
export interface PlanCounts extends RollupCounts {
  planId: number;
  planName: string;
  agreementCount: number;
}

export type FocusAreaRollupRow = FocusAreaCounts & RollupShare;
export type PlanRollupRow = PlanCounts & RollupShare;

export interface FundingRoundRollup {
  fundingRoundId: number;
  fundingRound: string;
  focusAreas: FocusAreaRollupRow[];
}

export type RollupTotal = RollupCounts &
  RollupShare & {
    /** Distinct plans: a plan with two focus areas counts once here, once in each area's row. */
    planCount: number;
    agreementCount: number;
  };

export interface FocusAreaRollup {
  year: number;
  /** The years offered as links, ascending. */
  years: number[];
  rounds: FundingRoundRollup[];
  plans: PlanRollupRow[];
  total: RollupTotal;
}

/** The status columns in the order they are shown, "Ikke registreret" last. */
export const ROLLUP_STATUS_KEYS = [...MEASUREMENT_STATUSES, "notRecorded"] as const;
export type RollupStatusKey = (typeof ROLLUP_STATUS_KEYS)[number];

/** Column headings: the statuses' own labels, and criteria nobody measured that year. */
export const rollupStatusLabels: Record<RollupStatusKey, string> = {
  ...measurementStatusLabels,
  notRecorded: NO_MEASUREMENT_LABEL,
};

export function emptyRollupCounts(): RollupCounts {
  return { criteria: 0, met: 0, partly_met: 0, not_met: 0, not_measured: 0, notRecorded: 0 };
}

export function shareMet(counts: Pick<RollupCounts, "criteria" | "met">): number | null {
  return counts.criteria > 0 ? counts.met / counts.criteria : null;
}

function withShare<T extends RollupCounts>(row: T): T & RollupShare {
  return { ...row, shareMet: shareMet(row) };
}

export function sumRollupCounts(rows: readonly RollupCounts[]): RollupCounts {
  const sum = emptyRollupCounts();
  for (const row of rows) {
    sum.criteria += row.criteria;
    sum.notRecorded += row.notRecorded;
    for (const status of MEASUREMENT_STATUSES) sum[status] += row[status];
  }
  return sum;
}

/** Reports cover the previous calendar year, so the page opens on it (`today` is yyyy-MM-dd). */
export function defaultRollupYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** The years with any measurement, the default year and the year shown: unique, ascending. */
export function rollupYears(measuredYears: readonly number[], ...extra: number[]): number[] {
  return [...new Set([...measuredYears, ...extra])].sort((a, b) => a - b);
}

/**
 * The page's view of the counts: focus areas grouped by funding round in the order given (the
 * model orders by round, then focus-area position), each row and the total with its share met.
 * The total sums the focus areas (every criterion belongs to exactly one); its plan count is the
 * number of plans, which the per-plan rows give.
 */
export function shapeRollup(input: {
  year: number;
  years: number[];
  focusAreas: readonly FocusAreaCounts[];
  plans: readonly PlanCounts[];
}): FocusAreaRollup {
  const rounds: FundingRoundRollup[] = [];
  for (const area of input.focusAreas) {
    let round = rounds.find((r) => r.fundingRoundId === area.fundingRoundId);
    if (!round) {
      round = {
        fundingRoundId: area.fundingRoundId,
        fundingRound: area.fundingRound,
        focusAreas: [],
      };
      rounds.push(round);
    }
    round.focusAreas.push(withShare(area));
  }
  const counts = sumRollupCounts(input.focusAreas);
  return {
    year: input.year,
    years: input.years,
    rounds,
    plans: input.plans.map(withShare),
    total: {
      ...counts,
      shareMet: shareMet(counts),
      planCount: input.plans.length,
      agreementCount: input.plans.reduce((n, p) => n + p.agreementCount, 0),
    },
  };
}
