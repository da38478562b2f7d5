/** A page's heading with an optional breadcrumb trail and actions. */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export interface Crumb {
  to: string;
  label: string;
}

export function PageHeader({
  title,
  crumbs = [],
  actions,
  children,
}: {
  title: string;
  crumbs?: Crumb[];
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      {crumbs.length ? (
        <nav aria-label="Brødkrummer" className="breadcrumbs">
          <ol>
            {crumbs.map((c) => (
              <li key={c.to}>
                <Link to={c.to}>{c.label}</Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="page-header-row">
        <h1>{title}</h1>
        {actions ? <div className="page-actions no-print">{actions}</div> : null}
      </div>
      {children}
    </header>
  );
}
