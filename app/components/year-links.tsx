import { Link } from "@remix-run/react";

/** Links to the same page for each year; the current one is marked. */
export function YearLinks({ base, years, year }: { base: string; years: number[]; year: number }) {
  return (
    // The review page's filter pills (app.css .diff-filter) look the way a year switch should.
    <nav className="diff-filter no-print" aria-label="Vælg år">
      <ul>
        {years.map((y) => (
          <li key={y}>
            <Link to={`${base}?year=${y}`} aria-current={y === year ? "true" : undefined}>
              {y}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
