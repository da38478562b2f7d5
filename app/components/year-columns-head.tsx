/**
 * The head row of a table with one column per budget year: a label column, the years and a
 * total column. Shared by the agreement's per-year financing, the financing form's preview and the
 * board's budget diff, so the three read alike.
 */
export function YearColumnsHead({
  label,
  years,
  totalLabel = "I alt",
}: {
  label: string;
  years: number[];
  totalLabel?: string;
}) {
  return (
    <thead>
      <tr>
        <th scope="col">{label}</th>
        {years.map((y) => (
          <th key={y} scope="col" className="num">
            {y}
          </th>
        ))}
        <th scope="col" className="num">
          {totalLabel}
        </th>
      </tr>
    </thead>
  );
}
