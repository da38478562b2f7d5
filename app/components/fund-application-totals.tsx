/**
 * The budget's totals beside the application form, computed as it is typed (never typed in): per
 * year and overall, the own contribution's share and the amounts per tenancy, with the fund's
 * limits. Reads the form's values with react-hook-form; parses them as the server would.
 */
import { useWatch } from "react-hook-form";
import { BudgetTable } from "./budget-table";
import {
  computeApplicationTotals,
  FUND_FUNDING_KINDS,
  type FundFundingKind,
} from "~/domain/disposition-fund";
import { formatAmount, formatPercent } from "~/domain/format";
import { amountField, optionalWholeNumber } from "~/domain/zod";
import type { ApplicationFormFund } from "./fund-application-form";

const previewAmount = amountField();
const previewTenancies = optionalWholeNumber();

const amountOf = (value: unknown) => {
  const parsed = previewAmount.safeParse(value);
  return parsed.success ? parsed.data : 0;
};

export const rowsOf = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value)
    ? value
    : value && typeof value === "object"
      ? Object.values(value)
      : []
  ).filter((row): row is Record<string, unknown> => Boolean(row) && typeof row === "object");

export const yearOf = (value: unknown): number | null => {
  const year = Number(typeof value === "string" ? value.trim() : value);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
};

/** The form's current values as budget input: what cannot be read (yet) counts as 0 or none. */
function previewBudget(values: {
  startYear: unknown;
  endYear: unknown;
  years: unknown;
  funding: unknown;
  tenancies: unknown;
}) {
  const years = rowsOf(values.years).flatMap((row) => {
    const year = yearOf(row.year);
    return year == null
      ? []
      : [
          {
            year,
            requestedAmount: amountOf(row.requestedAmount),
            ownContribution: amountOf(row.ownContribution),
          },
        ];
  });
  const funding = rowsOf(values.funding).map((row) => ({
    kind: (FUND_FUNDING_KINDS as readonly unknown[]).includes(row.kind)
      ? (row.kind as FundFundingKind)
      : "external",
    amount: amountOf(row.amount),
  }));
  const rowYears = years.map((y) => y.year);
  const start = yearOf(values.startYear) ?? (rowYears.length ? Math.min(...rowYears) : 0);
  const end = yearOf(values.endYear) ?? (rowYears.length ? Math.max(...rowYears) : start);
  const tenancies = previewTenancies.safeParse(values.tenancies);
  return computeApplicationTotals({
    startYear: start,
    // An end before the start (while typing) counts as a one-year period.
    endYear: Math.max(start, end),
    years,
    funding,
    tenancies: tenancies.success ? tenancies.data : null,
  });
}

/** Must be rendered inside the form: it reads the values through the form's context. */
export function LiveTotals({ fund }: { fund: ApplicationFormFund }) {
  const [startYear, endYear, years, funding, tenancies] = useWatch({
    name: ["startYear", "endYear", "years", "funding", "tenancies"],
  }) as unknown[];
  const totals = previewBudget({ startYear, endYear, years, funding, tenancies });
  const perTenancy = totals.perTenancyPerYear;
  return (
    <>
      <h2 id="fund-totals-title">Budgettet i tal</h2>
      <p className="muted small">
        Beregnes af formularens beløb. Beløb, der ikke kan læses, tæller som 0 kr.
      </p>
      <dl className="facts">
        <dt>Ansøgt i alt</dt>
        <dd data-total="requested">{formatAmount(totals.requested)}</dd>
        <dt>Egenfinansiering</dt>
        <dd data-total="own">{formatAmount(totals.own)}</dd>
        <dt>Anden finansiering</dt>
        <dd data-total="other">{formatAmount(totals.other)}</dd>
        <dt>Samlet budget</dt>
        <dd data-total="total">
          <strong>{formatAmount(totals.total)}</strong>
        </dd>
        <dt>Egenfinansieringens andel</dt>
        <dd data-total="ownShare">
          {totals.ownShare == null ? "–" : formatPercent(totals.ownShare)}
        </dd>
        {/* The fund's limit under the figure, across the row: beside it, it does not fit. */}
        {fund.minOwnSharePercent != null ? (
          <dd className="fund-totals-limit muted small">
            Fonden forventer mindst {fund.minOwnSharePercent} %
          </dd>
        ) : null}
        <dt>Ansøgt pr. lejemål pr. år</dt>
        <dd data-total="perTenancy">
          {perTenancy == null ? "–" : formatAmount(Math.round(perTenancy))}
        </dd>
        {perTenancy == null ? (
          <dd className="fund-totals-limit muted small">Antal lejemål mangler</dd>
        ) : null}
        {fund.maxAmountPerTenancy != null ? (
          <dd className="fund-totals-limit muted small">
            Fondens maksimum er {formatAmount(fund.maxAmountPerTenancy)}
          </dd>
        ) : null}
      </dl>
      {totals.years.length ? <BudgetTable totals={totals} variant="summary" /> : null}
    </>
  );
}
