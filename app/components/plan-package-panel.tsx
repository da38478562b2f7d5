/**
 * The plan page's "Helhedsplanens pakke" panel: a link to every part of the package (issue 14)
 * and to the package itself, plus the plan's deadlines as a calendar file.
 */
import { Link } from "@remix-run/react";

export function planPackageLinks(planId: number): { to: string; label: string }[] {
  const base = `/plans/${planId}`;
  return [
    { to: `${base}/strategy`, label: "Strategisk samarbejdsaftale" },
    { to: `${base}/goals`, label: "Målhierarki" },
    { to: `${base}/organisation`, label: "Organisationsdiagram" },
    { to: `${base}/milestones`, label: "Milepælsplan" },
    { to: `${base}/attachments`, label: "Bilag" },
    { to: `${base}/package`, label: "Pakken" },
  ];
}

export function PlanPackagePanel({ planId }: { planId: number }) {
  return (
    <section className="panel" aria-labelledby="plan-package-title">
      <h2 id="plan-package-title">Helhedsplanens pakke</h2>
      <p className="muted">
        Det, bestyrelsen godkender og fonden modtager ud over delaftalerne. «Pakken» samler det hele
        som ét Word-dokument eller en zip.
      </p>
      <ul>
        {planPackageLinks(planId).map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
        <li>
          <a href={`/plans/${planId}/calendar.ics`} download>
            Frister som kalender (.ics)
          </a>
        </li>
      </ul>
    </section>
  );
}
