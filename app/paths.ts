/** Paths of pages that several modules link to (client-safe). */
export function agreementPath(planId: number, agreementId: number, anchor?: string) {
  return `/plans/${planId}/agreements/${agreementId}${anchor ? `#${anchor}` : ""}`;
}

/** A plan's progress report on a calendar year. */
export function reportPath(planId: number, year: number, suffix = "") {
  return `/plans/${planId}/reports/${year}${suffix}`;
}
