/**
 * Lists that grow with the sector (plans, a fund's applications, versions) are shown a page at a
 * time: `?page=2`, as the activity log does, 50 rows to a page.
 */
export const PAGE_SIZE = 50;

/** The page asked for in the query string: a positive whole number, else the first page. */
export function readPage(search: URLSearchParams, name = "page"): number {
  const text = search.get(name) ?? "";
  return /^\d{1,6}$/.test(text) && Number(text) > 0 ? Number(text) : 1;
}

/** How many pages `total` rows fill (at least one, so an empty list is page 1 of 1). */
export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

export interface Paged<T> {
  items: T[];
  /** The page shown: the one asked for, or the last one when that is past the end. */
  page: number;
  pageCount: number;
  total: number;
}

/** One page of a list already in memory (a page past the end shows the last one). */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE): Paged<T> {
  const count = pageCount(items.length, size);
  const shown = Math.min(Math.max(1, page), count);
  return {
    items: items.slice((shown - 1) * size, shown * size),
    page: shown,
    pageCount: count,
    total: items.length,
  };
}
