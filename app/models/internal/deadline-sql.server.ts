/**
 * Pieces of SQL that compute in a query what app/domain computes in JavaScript, so a list can be
 * dated, ordered and cut where its rows are: a report's deadline (reportDeadline) and the order of
 * `localeCompare(b, "da")`.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * The deadline (a date) of the report on `year`, as reportDeadline (app/domain/reporting.ts): the
 * "MM-DD" day in the following year, a day the month lacks falling back to its last day. The
 * database checks the "MM-DD" format of both plans' and funds' report days.
 */
export function reportDeadlineSql(year: SQLWrapper, monthDay: SQLWrapper): SQL {
  const dueYear = sql`(${year})::int + 1`;
  const month = sql`substr(${monthDay}, 1, 2)::int`;
  const day = sql`substr(${monthDay}, 4, 2)::int`;
  // Date arithmetic only (no intervals): the day, or the day before the next month's first.
  return sql`least(make_date(${dueYear}, ${month}, 1) + (${day} - 1),
    make_date(${dueYear} + ${month} / 12, ${month} % 12 + 1, 1) - 1)`;
}

/**
 * Text ordered as JavaScript's `localeCompare(b, "da")` orders it. Neither driver has a Danish
 * collation (PGlite ships only ICU's root one), so the letters Danish places after z (æ, ø, å, and
 * "aa" as å; ä and ö with æ and ø; ü with y) are mapped onto Greek letters, which the root
 * collation places after the Latin ones, in that order. Texts equal but for case, or for å/aa,
 * tie: the caller breaks ties as the JavaScript sort's input order did.
 */
export function danishOrder(text: SQLWrapper): SQL {
  return sql`translate(replace(replace(replace(${text}, 'AA', 'Γ'), 'Aa', 'Γ'), 'aa', 'γ'),
    'æÆäÄøØöÖåÅüÜ', 'αΑαΑβΒβΒγΓyY') collate "und-x-icu"`;
}
