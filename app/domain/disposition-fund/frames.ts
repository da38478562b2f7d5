/**
 * The fund's yearly frames against what its grants commit (and what a decision would add).
 */
import { formatAmount } from "../format";
import { byYear, sum, type YearAmount } from "./internal";

// --- the frame overview ---------------------------------------------------------------------

export interface FrameYear {
  year: number;
  /** The year's frame; null when none is set. */
  frame: number | null;
  /** Granted so far. */
  committed: number;
  /** Frame − committed; null without a frame. */
  remaining: number | null;
  /** What the decision under consideration would add. */
  proposed: number;
  /** Remaining after the proposed decision; null without a frame. */
  remainingAfter: number | null;
  /** Committed + proposed is more than the frame: a warning, not a block. */
  exceeds: boolean;
  /** Something is committed or proposed in a year without a frame. */
  noFrame: boolean;
  /** The Danish warning for the year, or null. */
  warning: string | null;
}

export interface FrameOverview {
  years: FrameYear[];
  total: { frame: number; committed: number; proposed: number };
  /** Any year exceeded or without a frame. */
  hasWarnings: boolean;
}

/**
 * The fund's frame per year against what is committed (the grant years of all grants) and,
 * optionally, what a decision under consideration would add. `years` are the years to show.
 */
export function frameOverview(
  frames: readonly YearAmount[],
  grants: readonly YearAmount[],
  years: readonly number[],
  pending: readonly YearAmount[] = [],
): FrameOverview {
  const frameBy = byYear(frames);
  const committedBy = byYear(grants);
  const pendingBy = byYear(pending);
  const rows = [...new Set(years)]
    .sort((a, b) => a - b)
    .map((year): FrameYear => {
      const frame = frameBy.has(year) ? frameBy.get(year)! : null;
      const committed = committedBy.get(year) ?? 0;
      const proposed = pendingBy.get(year) ?? 0;
      const exceeds = frame != null && committed + proposed > frame;
      const noFrame = frame == null && committed + proposed > 0;
      const remainingAfter = frame == null ? null : frame - committed - proposed;
      return {
        year,
        frame,
        committed,
        remaining: frame == null ? null : frame - committed,
        proposed,
        remainingAfter,
        exceeds,
        noFrame,
        warning: exceeds
          ? `Rammen for ${year} overskrides med ${formatAmount(-remainingAfter!)}`
          : noFrame
            ? `Der er ikke fastsat en ramme for ${year}`
            : null,
      };
    });
  return {
    years: rows,
    total: {
      frame: sum(rows.map((r) => r.frame ?? 0)),
      committed: sum(rows.map((r) => r.committed)),
      proposed: sum(rows.map((r) => r.proposed)),
    },
    hasWarnings: rows.some((r) => r.warning != null),
  };
}
