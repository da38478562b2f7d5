/**
 * One set of status words for the whole app: pages, badges, Word and Excel documents import their
 * labels from here, so a state is called the same everywhere (issue 19, item 7).
 *
 * A not-final draft is an "Udkast" everywhere: an agreement, a progress report, a dispositionsfond
 * application and its yearly report (the app said "Kladde" for some of them before). Agreements
 * go Udkast → Til beslutning → Godkendt or Afvist; a progress report is Udkast or Endelig.
 *
 * The agreement's badge is computed from its versions (agreementStatus): "Udkast",
 * "Til beslutning (version 2)", "Godkendt (version 2, 3. maj 2026)", "Afvist (version 2, …)",
 * "Udkast til version 3" while a revision is drafted after an approval. Pure and client-safe.
 */
import type { FundApplicationStatus, FundReportStatus } from "./disposition-fund/status";
import { formatDate } from "./format";
import type { ReportStatus } from "./reporting";
import type { RevisionStatus, VersionStatus } from "./revision";
import type { StrategicState, StrategicVersionStatus } from "./strategic-agreement";

/** The one word for anything saved but not final. */
export const DRAFT_WORD = "Udkast";

// --- agreements (delaftaler) and their versions ----------------------------------------------

export const AGREEMENT_STATES = ["draft", "submitted", "approved", "rejected"] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export const agreementStateWords: Record<AgreementState, string> = {
  draft: DRAFT_WORD,
  submitted: "Til beslutning",
  approved: "Godkendt",
  rejected: "Afvist",
};

/** A version's own status (the version history, a version's page). */
export const versionStatusWords: Record<VersionStatus, string> = {
  proposed: agreementStateWords.submitted,
  approved: agreementStateWords.approved,
  rejected: agreementStateWords.rejected,
  withdrawn: "Trukket tilbage",
  superseded: "Afløst",
};

/** A revision round's status (the agreement page's revision panel). */
export const revisionStatusWords: Record<RevisionStatus, string> = {
  open: "Under udarbejdelse",
  submitted: agreementStateWords.submitted,
  approved: agreementStateWords.approved,
  rejected: agreementStateWords.rejected,
};

/** The badge classes of the agreement states (colour beside the word, never instead of it). */
export const agreementStateClasses: Record<AgreementState, string> = {
  draft: "badge",
  submitted: "badge badge-warn",
  approved: "badge badge-ok",
  rejected: "badge badge-danger",
};

/** What the agreement's state is computed from: its versions and whether a revision is drafted. */
export interface AgreementStatusInput {
  versions: {
    number: number;
    status: VersionStatus;
    /** ISO timestamp of the recorded decision. */
    decidedAt: string | null;
    /** The board meeting's date (yyyy-MM-dd), the date of the decision when known. */
    meetingDate: string | null;
  }[];
  /**
   * A revision is being drafted: a revision round is open, or the working draft was saved after
   * the approved version was submitted.
   */
  revising: boolean;
}

export interface AgreementStatus {
  state: AgreementState;
  /** The version the state is about (the proposed, rejected or approved one; the next draft's). */
  version: number | null;
  /** The decision's date (yyyy-MM-dd) of an approved or rejected version. */
  decidedOn: string | null;
  /** "Godkendt (version 2, 3. maj 2026)" */
  label: string;
}

function decidedOn(v: { decidedAt: string | null; meetingDate: string | null }): string | null {
  return v.meetingDate ?? (v.decidedAt ? v.decidedAt.slice(0, 10) : null);
}

function decidedLabel(word: string, number: number, on: string | null): string {
  return `${word} (version ${number}${on ? `, ${formatDate(on)}` : ""})`;
}

/**
 * The agreement's real state: a proposal awaiting the board wins; then a rejection that no newer
 * proposal has replaced; then the approved version, unless a revision of it is being drafted
 * ("Udkast til version 3"); an agreement never approved is an "Udkast".
 */
export function agreementStatus({ versions, revising }: AgreementStatusInput): AgreementStatus {
  const proposed = versions.find((v) => v.status === "proposed");
  if (proposed) {
    return {
      state: "submitted",
      version: proposed.number,
      decidedOn: null,
      label: `${agreementStateWords.submitted} (version ${proposed.number})`,
    };
  }
  // Withdrawn proposals say nothing about the agreement; the newest of the others does.
  const latest = versions
    .filter((v) => v.status !== "withdrawn")
    .reduce<AgreementStatusInput["versions"][number] | null>(
      (best, v) => (best && best.number > v.number ? best : v),
      null,
    );
  if (latest?.status === "rejected") {
    const on = decidedOn(latest);
    return {
      state: "rejected",
      version: latest.number,
      decidedOn: on,
      label: decidedLabel(agreementStateWords.rejected, latest.number, on),
    };
  }
  const approved = versions.find((v) => v.status === "approved");
  if (approved && !revising) {
    const on = decidedOn(approved);
    return {
      state: "approved",
      version: approved.number,
      decidedOn: on,
      label: decidedLabel(agreementStateWords.approved, approved.number, on),
    };
  }
  if (approved) {
    // Withdrawn and rejected proposals used numbers too: the next version is after all of them.
    const next = Math.max(...versions.map((v) => v.number)) + 1;
    return {
      state: "draft",
      version: next,
      decidedOn: null,
      label: `${DRAFT_WORD} til version ${next}`,
    };
  }
  return { state: "draft", version: null, decidedOn: null, label: DRAFT_WORD };
}

// --- progress reports (statusrapporter) --------------------------------------------------------

export const reportStatusWords: Record<ReportStatus, string> = {
  draft: DRAFT_WORD,
  final: "Endelig",
};

// --- the strategic agreement --------------------------------------------------------------------

export const strategicStateWords: Record<StrategicState, string> = {
  draft: DRAFT_WORD,
  proposed: agreementStateWords.submitted,
  awaiting_fund: "Afventer fondens godkendelse",
  approved: agreementStateWords.approved,
};

export const strategicVersionStatusWords: Record<StrategicVersionStatus, string> = {
  proposed: agreementStateWords.submitted,
  awaiting_fund: strategicStateWords.awaiting_fund,
  approved: agreementStateWords.approved,
  rejected: agreementStateWords.rejected,
  withdrawn: versionStatusWords.withdrawn,
  superseded: versionStatusWords.superseded,
};

// --- the dispositionsfond -------------------------------------------------------------------------

/** An application is granted or refused ("bevilget", "afslået": the fund's own terms). */
export const fundApplicationStatusWords: Record<FundApplicationStatus, string> = {
  draft: DRAFT_WORD,
  submitted: "Indsendt",
  approved: "Bevilget",
  approved_reduced: "Bevilget med lavere beløb",
  rejected: "Afslået",
  withdrawn: versionStatusWords.withdrawn,
};

export const fundReportStatusWords: Record<FundReportStatus, string> = {
  draft: DRAFT_WORD,
  submitted: fundApplicationStatusWords.submitted,
};
