/** Paths of pages that several modules link to (client-safe). */
export function agreementPath(planId: number, agreementId: number, anchor?: string) {
  return `/plans/${planId}/agreements/${agreementId}${anchor ? `#${anchor}` : ""}`;
}
