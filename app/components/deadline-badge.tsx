/**
 * How a deadline stands, as the badge after its date: "Overskredet" (red) once it has passed,
 * "Snart" (yellow) shortly before, nothing while it is far off. The state is written in words
 * beside the colour, so it reads the same in black and white and to a screen reader. The badge
 * brings the space that separates it from the date, so a date without a badge has none after it.
 */
import type { DeadlineState } from "~/domain/revision";

export function DeadlineBadge({ state }: { state: DeadlineState | null }) {
  if (state === "overdue") {
    return (
      <>
        {" "}
        <span className="badge badge-danger">Overskredet</span>
      </>
    );
  }
  if (state === "soon") {
    return (
      <>
        {" "}
        <span className="badge badge-warn">Snart</span>
      </>
    );
  }
  return null;
}
