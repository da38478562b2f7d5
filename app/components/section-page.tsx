/** The frame of a page that edits one section of an agreement. */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { PageHeader } from "./page-header";

/** What a section page needs to know about its agreement (sectionSummary on the server). */
export interface SectionSummary {
  id: number;
  planId: number;
  version: number;
  planName: string;
  focusArea: string;
}

export interface SectionPageProps {
  title: string;
  agreement: SectionSummary;
  intro?: ReactNode;
  children: ReactNode;
}

export function SectionPage({ title, agreement, intro, children }: SectionPageProps) {
  const { planId, planName, id: agreementId, focusArea } = agreement;
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${planId}`, label: planName },
          { to: `/plans/${planId}/agreements/${agreementId}`, label: focusArea },
        ]}
      >
        {intro ? <div className="muted">{intro}</div> : null}
      </PageHeader>
      {children}
    </>
  );
}

export function SectionActions({
  cancelTo,
  saveLabel = "Gem",
}: {
  cancelTo: string;
  saveLabel?: string;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary">
        {saveLabel}
      </button>
      <Link to={cancelTo}>Annuller</Link>
    </div>
  );
}
