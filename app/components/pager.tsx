/**
 * "Forrige side · Side 2 af 5 · Næste side" under a list shown a page at a time. Links keep the
 * page's other query parameters (filters, year), so a filtered list pages within the filter.
 */
import { Link, useLocation } from "@remix-run/react";

export function Pager({
  page,
  pageCount,
  label = "Sider",
  name = "page",
}: {
  page: number;
  pageCount: number;
  /** The navigation landmark's name, for a page with more than one list. */
  label?: string;
  name?: string;
}) {
  const { pathname, search } = useLocation();
  if (pageCount <= 1) return null;
  const link = (to: number) => {
    const params = new URLSearchParams(search);
    if (to === 1) params.delete(name);
    else params.set(name, String(to));
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  return (
    <nav aria-label={label} className="pager">
      {page > 1 ? (
        <Link className="button button-secondary" to={link(page - 1)} rel="prev">
          Forrige side
        </Link>
      ) : null}
      <span aria-current="page">
        Side {page} af {pageCount}
      </span>
      {page < pageCount ? (
        <Link className="button button-secondary" to={link(page + 1)} rel="next">
          Næste side
        </Link>
      ) : null}
    </nav>
  );
}
