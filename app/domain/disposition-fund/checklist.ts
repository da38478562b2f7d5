/**
 * The figures computed from an application (totals, own share, amount per tenancy) and the
 * guideline checklist a reviewer sees.
 */
import { formatAmount, formatPercent } from "../format";
import { periodYears } from "./application";
import { sum } from "./internal";
import type { FundSettings } from "./settings";
import type { FundFundingKind, FundNeed } from "./status";

// --- computed figures -----------------------------------------------------------------------

export interface ApplicationBudgetInput {
  startYear: number;
  endYear: number;
  years: readonly { year: number; requestedAmount: number; ownContribution: number }[];
  funding: readonly { kind: FundFundingKind; amount: number }[];
  tenancies: number | null;
}

export interface ApplicationYearTotal {
  year: number;
  requested: number;
  own: number;
  /** Requested + own contribution (other funding is given for the whole period only). */
  total: number;
  /** Kroner requested per tenancy this year; null without tenancies. */
  perTenancy: number | null;
}

export interface ApplicationTotals {
  /** Every year of the period (and any budget row outside it), in order. */
  years: ApplicationYearTotal[];
  requested: number;
  own: number;
  /** All other funding over the period … */
  other: number;
  /** … of which LBF plans it co-finances … */
  lbfPlans: number;
  /** … and external funds. */
  external: number;
  /** The total budget: requested + own + other. */
  total: number;
  /** The own contribution's share of the total budget (0–1); null when nothing is budgeted. */
  ownShare: number | null;
  /** Requested per tenancy per year, averaged over the period; null without tenancies. */
  perTenancyPerYear: number | null;
  /** The highest year's amount per tenancy (what a maximum per year is checked against). */
  highestPerTenancy: number | null;
}

/** Totals per year and overall, the own share and the amounts per tenancy. */
export function computeApplicationTotals(input: ApplicationBudgetInput): ApplicationTotals {
  const yearSet = new Set([
    ...periodYears(input.startYear, input.endYear),
    ...input.years.map((y) => y.year),
  ]);
  const tenancies = input.tenancies && input.tenancies > 0 ? input.tenancies : null;
  const years = [...yearSet]
    .sort((a, b) => a - b)
    .map((year): ApplicationYearTotal => {
      const rows = input.years.filter((y) => y.year === year);
      const requested = sum(rows.map((r) => r.requestedAmount));
      const own = sum(rows.map((r) => r.ownContribution));
      return {
        year,
        requested,
        own,
        total: requested + own,
        perTenancy: tenancies ? requested / tenancies : null,
      };
    });
  const requested = sum(years.map((y) => y.requested));
  const own = sum(years.map((y) => y.own));
  const lbfPlans = sum(input.funding.filter((f) => f.kind === "lbf_plan").map((f) => f.amount));
  const external = sum(input.funding.filter((f) => f.kind === "external").map((f) => f.amount));
  const other = lbfPlans + external;
  const total = requested + own + other;
  const periodLength = periodYears(input.startYear, input.endYear).length || years.length || 1;
  return {
    years,
    requested,
    own,
    other,
    lbfPlans,
    external,
    total,
    ownShare: total > 0 ? own / total : null,
    perTenancyPerYear: tenancies ? requested / periodLength / tenancies : null,
    highestPerTenancy: tenancies ? Math.max(0, ...years.map((y) => y.perTenancy ?? 0)) : null,
  };
}

export type ChecklistState = "ok" | "warn" | "fail" | "info";

export const CHECKLIST_KEYS = [
  "period",
  "notOrdinary",
  "lbfCofinancing",
  "need",
  "ownShare",
  "perTenancy",
] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];

export interface ChecklistItem {
  key: ChecklistKey;
  label: string;
  state: ChecklistState;
  detail: string;
}

export interface ChecklistInput extends ApplicationBudgetInput {
  need: FundNeed;
  notOrdinaryActivity: boolean;
  funding: readonly {
    kind: FundFundingKind;
    amount: number;
    name?: string | null;
    /** The linked plan's name, when the plan is in the system. */
    planName?: string | null;
  }[];
}

/** Whole kroner for a figure that may have øre (an amount per tenancy). */
const kroner = (value: number) => formatAmount(Math.round(value));

/**
 * The guideline checklist of an application (R7), computed from its data: the period (fail
 * beyond the fund's maximum), the not-ordinary confirmation (fail without it), co-financing of an
 * LBF plan and acute need (priorities, informative), the own contribution's share and the amount
 * per tenancy against the fund's limits (warnings: the board may still decide otherwise).
 */
export function applicationChecklist(
  application: ChecklistInput,
  fund: FundSettings,
): ChecklistItem[] {
  const totals = computeApplicationTotals(application);
  const years = application.endYear - application.startYear + 1;
  const items: ChecklistItem[] = [];

  items.push({
    key: "period",
    label: `Perioden er højst ${fund.maxYears} år`,
    state: years >= 1 && years <= fund.maxYears ? "ok" : "fail",
    detail:
      years === 1
        ? `${application.startYear} (1 år)`
        : `${application.startYear}–${application.endYear} (${years} år)`,
  });

  items.push({
    key: "notOrdinary",
    label: "Ekstraordinær social indsats, ikke en almindelig fællesaktivitet",
    state: application.notOrdinaryActivity ? "ok" : "fail",
    detail: application.notOrdinaryActivity
      ? "Ansøgeren har bekræftet, at indsatsen ikke er en almindelig fællesaktivitet."
      : "Ansøgeren har ikke bekræftet, at indsatsen ikke er en almindelig fællesaktivitet.",
  });

  const plans = application.funding.filter((f) => f.kind === "lbf_plan");
  const planNames = plans.map((p) => p.planName ?? p.name).filter((n): n is string => Boolean(n));
  items.push({
    key: "lbfCofinancing",
    label: "Medfinansiering af en boligsocial helhedsplan",
    state: plans.length && fund.prioritiseLbfCofinancing ? "ok" : "info",
    detail: plans.length
      ? `Medfinansierer ${planNames.join(", ") || "en helhedsplan"} (${formatAmount(totals.lbfPlans)}).${
          fund.prioritiseLbfCofinancing ? " Prioriteres efter fondens retningslinjer." : ""
        }`
      : "Medfinansierer ikke en helhedsplan.",
  });

  items.push({
    key: "need",
    label: "Akut eller forebyggende behov",
    state: "info",
    detail:
      application.need === "acute"
        ? `Akut behov.${fund.prioritiseAcute ? " Akutte behov prioriteres efter fondens retningslinjer." : ""}`
        : "Forebyggende indsats.",
  });

  const share = totals.ownShare;
  const shareText =
    share == null
      ? "Der er endnu intet budget."
      : `Egenfinansieringen er ${formatAmount(totals.own)} af ${formatAmount(totals.total)} (${formatPercent(share)}).`;
  const minimum = fund.minOwnSharePercent;
  items.push({
    key: "ownShare",
    label:
      minimum == null ? "Afdelingens egenfinansiering" : `Egenfinansiering mindst ${minimum} %`,
    state: minimum == null ? "info" : share != null && share * 100 >= minimum ? "ok" : "warn",
    detail:
      minimum != null && (share == null || share * 100 < minimum)
        ? `${shareText} Fonden forventer mindst ${minimum} %.`
        : shareText,
  });

  const maximum = fund.maxAmountPerTenancy;
  const highest = totals.highestPerTenancy;
  let perTenancy: Pick<ChecklistItem, "state" | "detail">;
  if (highest == null) {
    perTenancy = { state: maximum == null ? "info" : "warn", detail: "Antal lejemål mangler." };
  } else {
    const text = `Højst ${kroner(highest)} pr. lejemål i et år (${application.tenancies} lejemål), gennemsnitligt ${kroner(totals.perTenancyPerYear ?? 0)} pr. år.`;
    perTenancy =
      maximum == null
        ? { state: "info", detail: text }
        : highest <= maximum
          ? { state: "ok", detail: text }
          : {
              state: "warn",
              detail: `${text} Fondens maksimum er ${formatAmount(maximum)} pr. lejemål pr. år.`,
            };
  }
  items.push({
    key: "perTenancy",
    label:
      maximum == null
        ? "Beløb pr. lejemål pr. år"
        : `Højst ${formatAmount(maximum)} pr. lejemål pr. år`,
    ...perTenancy,
  });

  return items;
}
