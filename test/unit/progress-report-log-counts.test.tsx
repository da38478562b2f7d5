/**
 * The progress report page counts each activity's logged events by kind and participants by
 * group, under the activities' status notes; an agreement with nothing logged shows no such table.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportBody } from "~/components/progress-report-body";
import { buildProgressReportView } from "~/domain/progress-report";
import { ACTIVITY, LOG, progressReportInput } from "../fixtures/progress-report";

/** The rows of the table captioned `caption`, as lists of cell texts (tags inside cells dropped). */
function tableRows(html: string, caption: string): string[][] {
  const table = html
    .split("<table")
    // The caption may carry an id (it names the table's scroll box).
    .find((t) => new RegExp(`<caption[^>]*class="sr-only"[^>]*>${caption}</caption>`).test(t));
  if (!table) throw new Error(`No table captioned ${caption}`);
  return [...table.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!.replace(/<\/div><div[^>]*>/g, "\n").replace(/<[^>]+>/g, ""),
    ),
  );
}

describe("progress report page: the activity log", () => {
  const view = buildProgressReportView(progressReportInput());
  const html = renderToStaticMarkup(
    <ReportBody view={view} editing={false} canEnterFigures={false} />,
  );

  it("shows each logged activity's events by kind and participants by group", () => {
    expect(html).toContain("<h3>Aktivitetsloggen 2025</h3>");
    const rows = tableRows(
      html,
      "Hændelser og deltagere i aktivitetsloggen 2025 for Uddannelse og livschancer",
    );
    expect(rows).toEqual([
      ["Aktivitet", "Hændelser", "Deltagere"],
      [
        ACTIVITY.homework,
        [...LOG.homework.events, "I alt: 14"].join("\n"),
        [...LOG.homework.participants, "I alt: 1.158"].join("\n"),
      ],
    ]);
  });

  it("leaves the table out when nothing was logged", () => {
    const empty = buildProgressReportView({ ...progressReportInput(), logCounts: [] });
    const page = renderToStaticMarkup(
      <ReportBody view={empty} editing={false} canEnterFigures={false} />,
    );
    expect(page).not.toContain("Aktivitetsloggen");
  });
});
