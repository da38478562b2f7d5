/**
 * A dispositionsfond application's budget per year, drawn the same way wherever it is shown: the
 * live totals beside the application form (`summary`: requested and own financing per year) and
 * the application page (`full`: also each year's total, the amount per tenancy and a total row).
 * The column labels are the Word document's (BUDGET_COLUMN_LABELS).
 */
import type { ApplicationTotals } from "~/domain/disposition-fund";
import { formatAmount } from "~/domain/format";
import { BUDGET_COLUMN_LABELS as L, TOTAL_LABEL } from "~/domain/fund-application-view";

type BudgetTotals = Pick<ApplicationTotals, "years" | "requested" | "own">;

const kroner = (value: number | null) => (value == null ? "–" : formatAmount(Math.round(value)));

export function BudgetTable({
  totals,
  variant,
}: {
  totals: BudgetTotals;
  variant: "summary" | "full";
}) {
  const full = variant === "full";
  return (
    <table className={full ? "data" : "data fund-totals-years"}>
      <caption className="sr-only">Ansøgt beløb og egenfinansiering pr. år</caption>
      <thead>
        <tr>
          <th scope="col">{L.year}</th>
          <th scope="col" className="num">
            {L.requested}
          </th>
          <th scope="col" className="num">
            {L.own}
          </th>
          {full ? (
            <>
              <th scope="col" className="num">
                {L.total}
              </th>
              <th scope="col" className="num">
                {L.perTenancy}
              </th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {totals.years.map((y) => (
          <tr key={y.year}>
            <th scope="row">{y.year}</th>
            <td className="num">{formatAmount(y.requested)}</td>
            <td className="num">{formatAmount(y.own)}</td>
            {full ? (
              <>
                <td className="num">{formatAmount(y.total)}</td>
                <td className="num">{kroner(y.perTenancy)}</td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
      {full ? (
        <tfoot>
          <tr className="total-row">
            <th scope="row">{TOTAL_LABEL}</th>
            <td className="num">{formatAmount(totals.requested)}</td>
            <td className="num">{formatAmount(totals.own)}</td>
            <td className="num">{formatAmount(totals.requested + totals.own)}</td>
            <td />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
