/**
 * Retired rows (docs/decisions/0006-retired-rows.md): a success criterion, activity or funding
 * source that left the working draft while it had history (measurements, spend) is kept with the
 * time it was retired. The yearly pages and reports still show it for the years it belongs to.
 */

/** What the yearly pages call a retired row. */
export const ENDED_LABEL = "Afsluttet";

/** The calendar year a row was retired in (UTC; a timestamp as Date or ISO text). */
export function retiredYear(retiredAt: Date | string): number {
  return new Date(retiredAt).getUTCFullYear();
}

/**
 * Whether a row belongs on the pages and reports of `year`: a current row always; a retired one
 * when it has figures for the year, or when it was still part of the agreement during it (it was
 * retired in a later year).
 */
export function isShownInYear(
  retiredAt: Date | string | null,
  year: number,
  hasFigures: boolean,
): boolean {
  return retiredAt == null || hasFigures || retiredYear(retiredAt) > year;
}
