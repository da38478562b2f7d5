/**
 * The frame of a page that edits one section of an agreement. While the agreement is locked (a
 * proposal awaits the board) the page says so on opening, its fields are disabled and it has no
 * save button; the server refuses the save as well.
 */
import { Link } from "@remix-run/react";
import { createContext, useContext, type ReactNode } from "react";
import type { EditLock } from "~/domain/edit-lock";
import { PageHeader } from "./page-header";

/** What a section page needs to know about its agreement (sectionSummary on the server). */
export interface SectionSummary {
  id: number;
  planId: number;
  version: number;
  planName: string;
  focusArea: string;
  /** Why the agreement may not be changed now (a proposal awaits the board), or null. */
  lock?: EditLock | null;
}

export interface SectionPageProps {
  title: string;
  agreement: SectionSummary;
  intro?: ReactNode;
  children: ReactNode;
}

const LockContext = createContext<EditLock | null>(null);

/** The lock of the page being edited, if any (for buttons that must not be offered then). */
export function useEditLock(): EditLock | null {
  return useContext(LockContext);
}

/** Why the page cannot be saved now, shown above its (disabled) form. */
export function LockNotice({ lock }: { lock: EditLock }) {
  return (
    <div className="alert alert-warn lock-notice" id="lock-notice">
      <p>{lock.notice}</p>
    </div>
  );
}

/**
 * The page's forms, disabled while `lock` is set: a disabled fieldset disables every control in
 * it, also those of the forms inside it; links stay usable.
 */
export function LockedFields({ lock, children }: { lock: EditLock | null; children: ReactNode }) {
  if (!lock) return <>{children}</>;
  return (
    <LockContext.Provider value={lock}>
      <LockNotice lock={lock} />
      <fieldset disabled className="locked-fields" aria-describedby="lock-notice">
        {children}
      </fieldset>
    </LockContext.Provider>
  );
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
      <LockedFields lock={agreement.lock ?? null}>{children}</LockedFields>
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
  const lock = useEditLock();
  return (
    <div className="form-actions">
      {lock ? null : (
        <button type="submit" className="button button-primary">
          {saveLabel}
        </button>
      )}
      <Link to={cancelTo}>{lock ? "Tilbage" : "Annuller"}</Link>
    </div>
  );
}
