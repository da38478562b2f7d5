/**
 * Small pieces the dispositionsfond pages share: their paths, an application's status badge, the
 * guideline checklist, the frame overview table and a grant year's report state. Every state is
 * written in words beside its colour and icon, so it reads the same in black and white and to a
 * screen reader.
 */
import {
  checklistStateLabels,
  fundApplicationStatusLabels,
  fundReportStatusLabels,
  type ChecklistItem,
  type ChecklistState,
  type FrameOverview,
  type FundApplicationStatus,
  type FundReportStatus,
} from "~/domain/disposition-fund";
import { formatAmount } from "~/domain/format";
import type { DeadlineState } from "~/domain/revision";
import { DeadlineBadge } from "./deadline-badge";
import { ScrollTable, TableCaption } from "./scroll-table";

/** The dispositionsfond's pages (client-safe paths for links and redirects). */
export function fundPath(fundId: number, suffix = "") {
  return `/funds/${fundId}${suffix}`;
}

export function applicationPath(fundId: number, applicationId: number, suffix = "") {
  return `/funds/${fundId}/applications/${applicationId}${suffix}`;
}

export function grantReportPath(fundId: number, grantId: number, year: number) {
  return `/funds/${fundId}/grants/${grantId}/reports/${year}`;
}

export function fundSettingsPath(organisationId: number) {
  return `/organisations/${organisationId}/fund`;
}

const statusBadgeClass: Record<FundApplicationStatus, string> = {
  draft: "badge",
  submitted: "badge badge-warn",
  approved: "badge badge-ok",
  approved_reduced: "badge badge-ok",
  rejected: "badge badge-danger",
  withdrawn: "badge",
};

export function ApplicationStatusBadge({ status }: { status: FundApplicationStatus }) {
  return <span className={statusBadgeClass[status]}>{fundApplicationStatusLabels[status]}</span>;
}

const checklistIcons: Record<ChecklistState, string> = {
  ok: "✓",
  warn: "!",
  fail: "✗",
  info: "i",
};

/** The guideline checklist: per item an icon, the state in words, the rule and the detail. */
export function FundChecklist({ items }: { items: readonly ChecklistItem[] }) {
  return (
    <ul className="fund-checklist">
      {items.map((item) => (
        <li key={item.key} className={`fund-check fund-check-${item.state}`}>
          <span className="fund-check-icon" aria-hidden="true">
            {checklistIcons[item.state]}
          </span>
          <div>
            <p className="fund-check-label">
              <strong>{item.label}</strong>{" "}
              <span className="fund-check-state">({checklistStateLabels[item.state]})</span>
            </p>
            <p className="fund-check-detail">{item.detail}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A remaining amount; below zero it is marked in words as well as colour. */
function Remaining({ value }: { value: number | null }) {
  if (value == null) return <span className="muted">Ingen ramme</span>;
  if (value >= 0) return <>{formatAmount(value)}</>;
  return (
    <span className="fund-over">
      {formatAmount(value)} <span className="badge badge-danger">Overskredet</span>
    </span>
  );
}

/**
 * Which figures the frame table shows per year: `remaining` the frame, what is granted and what is
 * left (the fund's page, and the application page beside the assessment); `proposed` also what
 * the decision under consideration adds and what would be left after it; `decision` only those
 * two (under the decision form, where the frame and what is left already stand above it).
 */
export type FrameTableVariant = "remaining" | "proposed" | "decision";

/** The fund's frame per year against what is granted, and what a decision would do to it. */
export function FrameOverviewTable({
  overview,
  caption,
  variant = "remaining",
}: {
  overview: FrameOverview;
  caption: string;
  variant?: FrameTableVariant;
}) {
  if (overview.years.length === 0) {
    return <p className="muted">Fonden har ingen rammer endnu.</p>;
  }
  const before = variant !== "decision";
  const after = variant !== "remaining";
  return (
    <ScrollTable>
      <table className="data fund-frames">
        <TableCaption>{caption}</TableCaption>
        <thead>
          <tr>
            <th scope="col">År</th>
            {before ? (
              <>
                <th scope="col" className="num">
                  Ramme
                </th>
                <th scope="col" className="num">
                  Bevilget
                </th>
              </>
            ) : null}
            {after ? (
              <>
                <th scope="col" className="num">
                  Denne afgørelse
                </th>
                <th scope="col" className="num">
                  Rest efter afgørelsen
                </th>
              </>
            ) : (
              <th scope="col" className="num">
                Rest
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {overview.years.map((y) => {
            // Mark the rows the figures shown go wrong in: what is left now, or after the decision.
            const marked = after
              ? y.warning != null
              : (y.remaining != null && y.remaining < 0) || (y.frame == null && y.committed > 0);
            return (
              <tr key={y.year} className={marked ? "fund-frame-warning" : undefined}>
                <th scope="row">{y.year}</th>
                {before ? (
                  <>
                    <td className="num">
                      {y.frame == null ? (
                        <span className="muted">Ingen ramme</span>
                      ) : (
                        formatAmount(y.frame)
                      )}
                    </td>
                    <td className="num">{formatAmount(y.committed)}</td>
                  </>
                ) : null}
                {after ? (
                  <>
                    <td className="num">{formatAmount(y.proposed)}</td>
                    <td className="num">
                      <Remaining value={y.remainingAfter} />
                    </td>
                  </>
                ) : (
                  <td className="num">
                    <Remaining value={y.remaining} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row">I alt</th>
            {before ? (
              <>
                <td className="num">{formatAmount(overview.total.frame)}</td>
                <td className="num">{formatAmount(overview.total.committed)}</td>
              </>
            ) : null}
            {after ? <td className="num">{formatAmount(overview.total.proposed)}</td> : null}
            <td />
          </tr>
        </tfoot>
      </table>
    </ScrollTable>
  );
}

/** The warnings of a frame overview (years over their frame, or without one), or nothing. */
export function FrameWarnings({
  overview,
  intro,
  live = false,
}: {
  overview: FrameOverview;
  intro: string;
  /** Announce changes (the overview follows what is being typed). */
  live?: boolean;
}) {
  const warnings = overview.years.map((y) => y.warning).filter((w): w is string => Boolean(w));
  return (
    <div aria-live={live ? "polite" : undefined}>
      {warnings.length ? (
        <div className="alert alert-warn fund-frame-alert">
          <p>
            <strong>Advarsel:</strong> {intro}
          </p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** A grant year's report: submitted or draft, else how its deadline stands. */
export function ReportStateBadge({
  status,
  state,
  ended,
}: {
  status: FundReportStatus | null;
  state: DeadlineState;
  /** The grant year has ended, so its report is due. */
  ended: boolean;
}) {
  if (status === "submitted") {
    return <span className="badge badge-ok">{fundReportStatusLabels.submitted}</span>;
  }
  return (
    <>
      <span className="badge">
        {status === "draft" ? fundReportStatusLabels.draft : "Ikke påbegyndt"}
      </span>
      {ended ? <DeadlineBadge state={state} /> : null}
    </>
  );
}
