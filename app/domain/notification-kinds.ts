/**
 * The kinds of notification (issue 20): what happened, who it concerns, and how it is mailed
 * unless the user chose otherwise. Pure and client-safe (the preferences page lists them).
 */
export const NOTIFICATION_DELIVERIES = ["immediate", "digest", "off"] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

export const notificationDeliveryLabels: Record<NotificationDelivery, string> = {
  immediate: "Med det samme",
  digest: "Daglig oversigt",
  off: "Ingen e-mail",
};

export interface NotificationKindInfo {
  /** Shown on the preferences page. */
  label: string;
  /** Who receives it, in the user's words (the preferences page's hint). */
  audience: string;
  defaultDelivery: NotificationDelivery;
}

export const NOTIFICATION_KINDS = {
  revision_submitted: {
    label: "En revision afventer bestyrelsens beslutning",
    audience: "Bestyrelsen",
    defaultDelivery: "immediate",
  },
  revision_decided: {
    label: "Bestyrelsen har godkendt eller afvist en revision",
    audience: "Sekretariatet",
    defaultDelivery: "immediate",
  },
  revision_returned: {
    label: "En revision er sendt tilbage til sekretariatet",
    audience: "Sekretariatet",
    defaultDelivery: "immediate",
  },
  revision_due: {
    label: "Påmindelse: en delaftale skal revideres",
    audience: "Sekretariatet",
    defaultDelivery: "immediate",
  },
  comment_added: {
    label: "Ny kommentar til et udkast",
    audience: "Sekretariatet",
    defaultDelivery: "digest",
  },
  comment_reply: {
    label: "Svar på en kommentar, du har skrevet eller deltager i",
    audience: "Kommentarens forfattere",
    defaultDelivery: "immediate",
  },
  report_due: {
    label: "Påmindelse: en fremdriftsrapport skal afleveres",
    audience: "Rapportører og sekretariatet",
    defaultDelivery: "immediate",
  },
  self_evaluation_due: {
    label: "Påmindelse: en selvevaluering skal afleveres",
    audience: "Rapportører og sekretariatet",
    defaultDelivery: "immediate",
  },
  milestone_due: {
    label: "Påmindelse: en milepæl nærmer sig",
    audience: "Sekretariatet",
    defaultDelivery: "digest",
  },
  application_submitted: {
    label: "En ansøgning til dispositionsfonden er indsendt",
    audience: "Fondsadministratorer",
    defaultDelivery: "immediate",
  },
  application_decided: {
    label: "Der er truffet afgørelse om en ansøgning",
    audience: "Ansøgeren",
    defaultDelivery: "immediate",
  },
  grant_report_due: {
    label: "Påmindelse: en afrapportering på en bevilling skal afleveres",
    audience: "Ansøgeren",
    defaultDelivery: "immediate",
  },
} as const satisfies Record<string, NotificationKindInfo>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const NOTIFICATION_KIND_KEYS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}

/** The delivery a user gets for a kind: their own choice, else the kind's default. */
export function effectiveDelivery(
  kind: NotificationKind,
  chosen: NotificationDelivery | null | undefined,
): NotificationDelivery {
  return chosen ?? NOTIFICATION_KINDS[kind].defaultDelivery;
}

/** Default reminder offsets in days relative to a deadline: two weeks before, on the day, a week after. */
export const DEFAULT_REMINDER_OFFSET_DAYS = [-14, 0, 7] as const;
