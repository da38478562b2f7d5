/** Paths of the activity log's pages (client-safe). */
export function logPath(planId: number, suffix = ""): string {
  return `/plans/${planId}/log${suffix}`;
}

export function logEventPath(planId: number, eventId: number, suffix = ""): string {
  return `/plans/${planId}/log/${eventId}${suffix}`;
}
