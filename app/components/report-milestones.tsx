/**
 * The progress report's milestone section: the report year's milestones done against planned
 * ("7 af 9 milepæle nået"), the postponed ones with their note, and next year's milestone plan.
 */
import { Link } from "@remix-run/react";
import { milestonesPath, type ReportMilestones } from "~/domain/milestone";
import { MilestoneTable } from "./milestone-timeline";

export function ReportMilestonesSection({
  planId,
  milestones,
}: {
  planId: number;
  milestones: ReportMilestones;
}) {
  const { year, nextYear, counts } = milestones;
  const postponed = milestones.milestones.filter((m) => m.status === "postponed");
  return (
    <section className="panel" aria-labelledby="milestones-title">
      <h2 id="milestones-title">Milepæle {year}</h2>
      <p className="milestone-counts" data-testid="report-milestone-counts">
        {milestones.countText}
        {counts.total ? (
          <span className="muted">
            {" "}
            · {counts.postponed} udskudt · {counts.planned} planlagt
          </span>
        ) : null}
      </p>
      <MilestoneTable
        planId={planId}
        milestones={milestones.milestones}
        caption={`Milepæle ${year}`}
        empty={`Planen havde ingen milepæle i ${year}.`}
      />
      {postponed.length ? (
        <>
          <h3>Udskudte milepæle</h3>
          <dl className="facts">
            {postponed.map((m) => (
              <div key={m.id}>
                <dt>{m.title}</dt>
                <dd>{m.note ?? "Ingen begrundelse"}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <h3>Milepæle {nextYear}</h3>
      <MilestoneTable
        planId={planId}
        milestones={milestones.next}
        caption={`Milepæle ${nextYear}`}
        empty={`Der er ingen milepæle for ${nextYear} endnu.`}
      />
      <p className="no-print">
        <Link to={`${milestonesPath(planId)}?year=${nextYear}`}>Se milepælsplanen {nextYear}</Link>
      </p>
    </section>
  );
}
