/**
 * The deadline badge after a date: "Overskredet" in red once the deadline has passed, "Snart" in
 * yellow shortly before, and nothing (not even the space) while it is far off.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DeadlineBadge } from "~/components/deadline-badge";
import { ReportStateBadge } from "~/components/fund-parts";
import { deadlineState } from "~/domain/revision";

const after = (due: string, today: string) =>
  renderToStaticMarkup(
    <td>
      {due}
      <DeadlineBadge state={deadlineState(due, today)} />
    </td>,
  );

describe("DeadlineBadge", () => {
  it("marks a passed deadline as overdue and a near one as soon, in words beside the colour", () => {
    expect(after("2026-03-31", "2026-04-01")).toBe(
      '<td>2026-03-31 <span class="badge badge-danger">Overskredet</span></td>',
    );
    expect(after("2026-03-31", "2026-03-01")).toBe(
      '<td>2026-03-31 <span class="badge badge-warn">Snart</span></td>',
    );
    expect(after("2026-12-31", "2026-03-01")).toBe("<td>2026-12-31</td>");
    expect(renderToStaticMarkup(<DeadlineBadge state={null} />)).toBe("");
  });

  it("is the one a grant report's state shows once its year has ended", () => {
    const badge = (ended: boolean) =>
      renderToStaticMarkup(<ReportStateBadge status="draft" state="overdue" ended={ended} />);
    expect(badge(true)).toBe(
      '<span class="badge">Udkast</span> <span class="badge badge-danger">Overskredet</span>',
    );
    expect(badge(false)).toBe('<span class="badge">Udkast</span>');
  });
});
