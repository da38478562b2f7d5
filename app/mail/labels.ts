/** The mail queue's statuses in Danish, with the badge each shows as (client-safe). */
export const mailStatusLabels = {
  queued: "I kø",
  sending: "Sendes",
  sent: "Sendt",
  outbox: "I udbakken (ikke sendt)",
  failed: "Mislykkedes",
} as const;

export type MailStatus = keyof typeof mailStatusLabels;

export const mailStatusBadge: Record<MailStatus, string> = {
  queued: "badge",
  sending: "badge",
  sent: "badge badge-ok",
  outbox: "badge",
  failed: "badge badge-danger",
};
