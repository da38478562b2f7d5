/**
 * The milestone plan on screen: a timeline (months of a year, or the quarters of the whole period,
 * across; one lane per milestone; a date is a dot, a quarter a bar over its three months) and,
 * below it, the same milestones as a table. The drawing is SVG with positions in percent (the
 * Content-Security-Policy allows no inline styles); it is hidden from screen readers, which read
 * the table. The status shows as colour AND as a sign and a word, so it survives grey print.
 */
import { Link } from "@remix-run/react";
import {
  MILESTONE_STATUSES,
  milestonePath,
  milestoneStatusIcons,
  milestoneStatusLabels,
  timelinePlacement,
  type MilestoneStatus,
  type MilestoneView,
  type TimelineRange,
} from "~/domain/milestone";
import { ScrollTable, TableCaption } from "./scroll-table";

/** The app's badges, so the status has its colour on pages without this component's stylesheet. */
const STATUS_BADGES: Record<MilestoneStatus, string> = {
  planned: "badge",
  done: "badge badge-ok",
  postponed: "badge badge-warn",
};

const LANE = 30;
const HEAD = 30;
/** The share of the width the titles take on the left, in percent. */
const LABEL_SHARE = 34;
const MAX_TITLE = 42;

function shortTitle(title: string): string {
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

/** A percent of the track (0–100) as a percent of the whole drawing. */
function onTrack(percent: number): string {
  return `${(LABEL_SHARE + (percent * (100 - LABEL_SHARE)) / 100).toFixed(2)}%`;
}

export function MilestoneLegend() {
  return (
    <ul className="milestone-legend" aria-label="Forklaring">
      {MILESTONE_STATUSES.map((s) => (
        <li key={s} className={`ms-${s}`}>
          <span className="milestone-swatch" aria-hidden="true">
            {milestoneStatusIcons[s]}
          </span>{" "}
          {milestoneStatusLabels[s]}
        </li>
      ))}
      <li>● dato · ▬ kvartal</li>
    </ul>
  );
}

/**
 * A quarter column's label ("3. kv. 2026") as its parts: the whole period shows the year once
 * over its four quarters and each quarter as "K3", so 16–20 columns stay readable.
 */
function quarterLabel(label: string): { quarter: number; year: string } | null {
  const match = /^([1-4])\. kv\. (\d{4})$/.exec(label);
  return match ? { quarter: Number(match[1]), year: match[2]! } : null;
}

export function MilestoneTimeline({
  milestones,
  range,
}: {
  milestones: readonly MilestoneView[];
  range: TimelineRange;
}) {
  const height = HEAD + Math.max(milestones.length, 1) * LANE + 4;
  const columnWidth = 100 / range.columns.length;
  return (
    <div className="milestone-timeline" aria-hidden="true">
      <svg width="100%" height={height} className="milestone-svg" focusable="false">
        {range.columns.map((c, i) => (
          <g key={c.start}>
            <line
              x1={onTrack(i * columnWidth)}
              x2={onTrack(i * columnWidth)}
              y1={0}
              y2={height}
              className="ms-grid"
            />
            {quarterLabel(c.label) ? (
              <>
                {quarterLabel(c.label)!.quarter === 1 ? (
                  <text
                    x={onTrack((i + 2) * columnWidth)}
                    y={11}
                    textAnchor="middle"
                    className="ms-col ms-year"
                  >
                    {quarterLabel(c.label)!.year}
                  </text>
                ) : null}
                <text
                  x={onTrack((i + 0.5) * columnWidth)}
                  y={24}
                  textAnchor="middle"
                  className="ms-col"
                >
                  {`K${quarterLabel(c.label)!.quarter}`}
                </text>
              </>
            ) : (
              <text
                x={onTrack((i + 0.5) * columnWidth)}
                y={18}
                textAnchor="middle"
                className="ms-col"
              >
                {c.label}
              </text>
            )}
          </g>
        ))}
        <line x1={onTrack(100)} x2={onTrack(100)} y1={0} y2={height} className="ms-grid" />
        <line x1="0" x2="100%" y1={HEAD - 2} y2={HEAD - 2} className="ms-grid" />
        {milestones.length === 0 ? (
          <text x="1%" y={HEAD + 20} className="ms-title">
            Ingen milepæle
          </text>
        ) : null}
        {milestones.map((m, i) => {
          const y = HEAD + i * LANE;
          const place = timelinePlacement(m, range);
          return (
            <g key={m.id} className={`ms-${m.status}`}>
              <text x="0.5%" y={y + 19} className="ms-title">
                {`${m.statusIcon} ${shortTitle(m.title)}`}
              </text>
              {place && m.dueDate ? (
                <circle cx={onTrack(place.left)} cy={y + 14} r={7} className="ms-mark" />
              ) : null}
              {place && !m.dueDate ? (
                <rect
                  x={onTrack(place.left)}
                  width={`${((place.width * (100 - LABEL_SHARE)) / 100).toFixed(2)}%`}
                  y={y + 8}
                  height={12}
                  rx={3}
                  className="ms-mark"
                />
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** The milestones as a table: what the timeline shows, for screen readers and for reading. */
export function MilestoneTable({
  planId,
  milestones,
  caption,
  empty = "Der er ingen milepæle her endnu.",
}: {
  planId: number;
  milestones: readonly MilestoneView[];
  caption: string;
  empty?: string;
}) {
  if (milestones.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ScrollTable>
      <table className="data milestone-table">
        <TableCaption>{caption}</TableCaption>
        <thead>
          <tr>
            <th scope="col">Hvornår</th>
            <th scope="col">Milepæl</th>
            <th scope="col">Delaftale og aktivitet</th>
            <th scope="col">Ansvarlig</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={m.id}>
              <td>{m.whenText}</td>
              <th scope="row">
                <Link to={milestonePath(planId, m.id)}>{m.title}</Link>
              </th>
              <td>
                {m.agreementName ?? "–"}
                {m.activityName ? <div className="muted small">{m.activityName}</div> : null}
              </td>
              <td>{m.responsibleName ?? "–"}</td>
              <td>
                <span className={`milestone-status ms-${m.status} ${STATUS_BADGES[m.status]}`}>
                  <span aria-hidden="true">{m.statusIcon}</span> {m.statusText}
                </span>
                {m.note ? <div className="muted small">{m.note}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
