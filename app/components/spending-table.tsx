/** Budget against spend for one year, per funding source. */
import { formatAmount, formatPercent } from "~/domain/format";
import {
  lacksYearBudget,
  periodOnlyNote,
  yearBudgetText,
  type SpendingComparison,
  type SpendingFigures,
} from "~/domain/spending";
import { ScrollTable, TableCaption } from "./scroll-table";

function share(value: number | null): string {
  return value === null ? "–" : formatPercent(value);
}

/**
 * A year's budget and spend per funding source (Landsbyggefonden, local co-financing, total), with
 * LBF's share of the spend. Used by the spending page and the progress report.
 */
export function SpendingComparisonTable({
  comparison,
  caption,
}: {
  comparison: SpendingComparison;
  caption?: string;
}) {
  const line = (key: string, label: string, f: SpendingFigures, className?: string) => (
    <tr key={key} className={className}>
      <th scope="row">{label}</th>
      <td className="num">{yearBudgetText(f)}</td>
      <td className="num">{formatAmount(f.spent)}</td>
      {/* Without a budget for the year there is nothing to subtract the spend from. */}
      <td className="num">{lacksYearBudget(f) ? "–" : formatAmount(f.difference)}</td>
      <td className="num">{share(f.spentShare)}</td>
    </tr>
  );
  const { lbf, local, lbfTotal, localTotal, total, year } = comparison;
  return (
    <>
      <ScrollTable>
        <table className="data">
          <TableCaption className="sr-only">
            {caption ?? `Budget og forbrug ${year} pr. organisation`}
          </TableCaption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col" className="num">
                Budget
              </th>
              <th scope="col" className="num">
                Forbrug
              </th>
              <th scope="col" className="num">
                Forskel
              </th>
              <th scope="col" className="num">
                Forbrugt af budget
              </th>
            </tr>
          </thead>
          <tbody>
            {line("lbf", "Landsbyggefonden", lbfTotal, "strong-row")}
            {/* One LBF source is the LBF line itself; several are listed under it. */}
            {lbf.length > 1 ? lbf.map((l) => line(`s${l.id}`, l.label, l, "sub-row")) : null}
            {line("local", "Lokal medfinansiering", localTotal, "strong-row")}
            {local.map((l) => line(`s${l.id}`, l.label, l, "sub-row"))}
            {line("total", "I alt", total, "total-row")}
          </tbody>
        </table>
      </ScrollTable>
      <p>
        Landsbyggefondens andel af forbruget: <strong>{share(comparison.lbfShareOfSpend)}</strong>
      </p>
      {periodOnlyNote(total) ? <p className="muted small">{periodOnlyNote(total)}</p> : null}
      <p className="muted small">
        Forskel er budget minus forbrug; et negativt tal betyder, at der er brugt mere end
        budgetteret.
      </p>
    </>
  );
}
