/**
 * Each user's choice of e-mail per kind of notification (issue 20): which kinds concern which
 * roles, and the schema of the preferences form. Pure and client-safe.
 *
 * The page shows only the kinds that can reach the user through their roles (an applicant does not
 * see the board's kinds); an administrator sees them all. The in-app list shows every notification
 * whatever the choice: the choice decides only the e-mail.
 */
import {
  NOTIFICATION_DELIVERIES,
  NOTIFICATION_KIND_KEYS,
  type NotificationKind,
} from "./notification-kinds";
import type { OrganisationRole, PlanRole } from "./roles";
import { z } from "./zod";

type Role = PlanRole | OrganisationRole;

/** The roles whose members a kind is sent to (see the events and reminders that notify). */
export const NOTIFICATION_KIND_ROLES: Record<NotificationKind, readonly Role[]> = {
  revision_submitted: ["board"],
  revision_decided: ["secretariat"],
  revision_returned: ["secretariat"],
  revision_due: ["secretariat"],
  comment_added: ["secretariat"],
  // Anyone who may comment on a draft may get an answer.
  comment_reply: ["secretariat", "board", "reporter", "viewer"],
  report_due: ["reporter", "secretariat"],
  self_evaluation_due: ["reporter", "secretariat"],
  milestone_due: ["secretariat"],
  application_submitted: ["fund_admin"],
  application_decided: ["applicant", "fund_admin"],
  grant_report_due: ["applicant"],
};

/** The kinds that can reach a user with these roles, in the order of NOTIFICATION_KINDS. */
export function relevantNotificationKinds(
  roles: Iterable<Role>,
  isAdmin: boolean,
): NotificationKind[] {
  if (isAdmin) return [...NOTIFICATION_KIND_KEYS];
  const held = new Set(roles);
  return NOTIFICATION_KIND_KEYS.filter((kind) =>
    NOTIFICATION_KIND_ROLES[kind].some((role) => held.has(role)),
  );
}

export const DELIVERY_MESSAGE = "Vælg «Med det samme», «Daglig oversigt» eller «Ingen e-mail»";

const DeliverySchema = z.enum(NOTIFICATION_DELIVERIES, { error: DELIVERY_MESSAGE });

/**
 * The preferences form: one field per kind, named by the kind. A kind the form did not show is
 * left as it is; any other field is ignored.
 */
export const NotificationPreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KIND_KEYS.map((k) => [k, DeliverySchema.optional()])) as Record<
    NotificationKind,
    z.ZodOptional<typeof DeliverySchema>
  >,
);
export type NotificationPreferencesInput = z.output<typeof NotificationPreferencesSchema>;
