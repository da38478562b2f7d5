/**
 * Dispositionsfond applications' statuses, decisions, needs and their Danish labels; the fund
 * roles and what each may do with an application.
 */
import { fundApplicationStatusWords, fundReportStatusWords } from "../status-words";

// --- statuses and labels --------------------------------------------------------------------

export const FUND_APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "approved_reduced",
  "rejected",
  "withdrawn",
] as const;
export type FundApplicationStatus = (typeof FUND_APPLICATION_STATUSES)[number];

/** The app's one set of status words (status-words.ts). */
export const fundApplicationStatusLabels: Record<FundApplicationStatus, string> =
  fundApplicationStatusWords;

/** The organisation board's possible decisions; also the statuses of a decided application. */
export const FUND_DECISIONS = ["approved", "approved_reduced", "rejected"] as const;
export type FundDecision = (typeof FUND_DECISIONS)[number];

export const fundDecisionLabels: Record<FundDecision, string> = {
  approved: "Bevilget som ansøgt",
  approved_reduced: "Bevilget med lavere beløb",
  rejected: "Afslået",
};

/** A decided application never changes (enforced by the database too). */
export function isDecided(status: FundApplicationStatus): status is FundDecision {
  return (FUND_DECISIONS as readonly string[]).includes(status);
}

export const FUND_NEEDS = ["preventive", "acute"] as const;
export type FundNeed = (typeof FUND_NEEDS)[number];

export const fundNeedLabels: Record<FundNeed, string> = {
  preventive: "Forebyggende indsats",
  acute: "Akut behov",
};

export const FUND_RECOMMENDATIONS = ["approve", "approve_reduced", "reject"] as const;
export type FundRecommendation = (typeof FUND_RECOMMENDATIONS)[number];

export const fundRecommendationLabels: Record<FundRecommendation, string> = {
  approve: "Indstilles til bevilling",
  approve_reduced: "Indstilles til bevilling med lavere beløb",
  reject: "Indstilles til afslag",
};

export const FUND_FUNDING_KINDS = ["lbf_plan", "external"] as const;
export type FundFundingKind = (typeof FUND_FUNDING_KINDS)[number];

export const fundFundingKindLabels: Record<FundFundingKind, string> = {
  lbf_plan: "Boligsocial helhedsplan (Landsbyggefonden)",
  external: "Anden fond eller pulje",
};

export const FUND_REPORT_STATUSES = ["draft", "submitted"] as const;
export type FundReportStatus = (typeof FUND_REPORT_STATUSES)[number];

export const fundReportStatusLabels: Record<FundReportStatus, string> = fundReportStatusWords;

// --- who may do what ------------------------------------------------------------------------

/**
 * A user's effective role on a fund: administrators act as fund administrators everywhere; a
 * fund_admin membership of the housing organisation covers the fund and all its applications;
 * an applicant membership covers the applications of that one estate.
 */
export type FundRole = "admin" | "fund_admin" | "applicant";

export const fundRoleLabels: Record<FundRole, string> = {
  admin: "Administrator",
  fund_admin: "Fondsadministrator",
  applicant: "Ansøger",
};

/** Administrators and the fund's administrators manage the fund, assess and record decisions. */
export function isFundManager(role: FundRole | null | undefined): boolean {
  return role === "admin" || role === "fund_admin";
}

export interface FundApplicationPermissions {
  /** Save the draft (applicant or fund administration). */
  canEdit: boolean;
  canSubmit: boolean;
  canWithdraw: boolean;
  /** Write the assessment and recommendation (fund administration, submitted only). */
  canAssess: boolean;
  /** Record the organisation board's decision (fund administration, submitted only). */
  canDecide: boolean;
}

/** What the user may do with an application now: the UI shows these, the models enforce them. */
export function applicationPermissions(
  role: FundRole,
  status: FundApplicationStatus,
): FundApplicationPermissions {
  const manager = isFundManager(role);
  return {
    canEdit: status === "draft",
    canSubmit: status === "draft",
    canWithdraw: status === "draft" || status === "submitted",
    canAssess: manager && status === "submitted",
    canDecide: manager && status === "submitted",
  };
}

/** Why an application cannot be changed now (the LockedError's message), or null when it can. */
export function applicationLockMessage(status: FundApplicationStatus): string | null {
  if (isDecided(status)) {
    return "Ansøgningen er afgjort af organisationsbestyrelsen og kan ikke ændres.";
  }
  if (status === "submitted") {
    return "Ansøgningen er indsendt og kan ikke ændres. Træk den tilbage, hvis den skal rettes.";
  }
  if (status === "withdrawn") return "Ansøgningen er trukket tilbage og kan ikke ændres.";
  return null;
}
