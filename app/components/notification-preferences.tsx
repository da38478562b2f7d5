/**
 * «Notifikationer på e-mail» on the user's own page: per kind of notification (those that can
 * reach the user through their roles) a choice of «Med det samme», «Daglig oversigt» or «Ingen
 * e-mail». A table, one row per kind; each radio button is named by its row and its column.
 * Works without JavaScript (a plain form the server validates with
 * NotificationPreferencesSchema); after a refusal the form shows what the user chose.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import {
  NOTIFICATION_DELIVERIES,
  NOTIFICATION_KINDS,
  notificationDeliveryLabels,
  type NotificationDelivery,
  type NotificationKind,
} from "~/domain/notification-kinds";
import { ScrollTable, TableCaption } from "./scroll-table";

export const SAVE_NOTIFICATIONS_INTENT = "save-notifications";

export interface NotificationPreferencesProps {
  /** The kinds shown, in order. */
  kinds: readonly NotificationKind[];
  /** The user's delivery per kind as saved (their choice or the default). */
  preferences: Record<NotificationKind, NotificationDelivery>;
  /** After a refusal: what the user submitted, and the messages per kind. */
  failure?: { values: Record<string, unknown>; errors: Record<string, string> } | null;
}

export function NotificationPreferences({
  kinds,
  preferences,
  failure,
}: NotificationPreferencesProps) {
  const busy = useNavigation().state !== "idle";
  const errors = failure?.errors ?? {};
  return (
    <section aria-labelledby="notification-preferences-heading">
      <h2 id="notification-preferences-heading">Notifikationer på e-mail</h2>
      <p>
        Alle notifikationer står på siden <Link to="/notifikationer">Notifikationer</Link>. Her
        vælger du, hvilke du også vil have på e-mail: med det samme, samlet i én daglig oversigt
        eller slet ikke.
      </p>
      {kinds.length === 0 ? (
        <p className="empty">
          Du har ingen roller, der giver notifikationer. Kontakt en administrator.
        </p>
      ) : (
        <Form method="post" key={failure ? JSON.stringify(failure.values) : "saved"}>
          <input type="hidden" name="intent" value={SAVE_NOTIFICATIONS_INTENT} />
          {Object.keys(errors).length ? (
            <p className="alert alert-error" role="alert">
              Valgene er ikke gemt. Ret markeringerne nedenfor.
            </p>
          ) : null}
          <ScrollTable>
            <table className="data notification-preferences">
              <TableCaption className="sr-only">E-mail pr. slags notifikation</TableCaption>
              <thead>
                <tr>
                  <th scope="col">Notifikation</th>
                  {NOTIFICATION_DELIVERIES.map((d) => (
                    <th scope="col" key={d} id={`delivery-${d}`}>
                      {notificationDeliveryLabels[d]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {kinds.map((kind) => {
                  const submitted = failure?.values[kind];
                  const current = failure ? submitted : preferences[kind];
                  const error = errors[kind];
                  return (
                    <tr key={kind}>
                      <th scope="row">
                        <span id={`kind-${kind}`}>{NOTIFICATION_KINDS[kind].label}</span>
                        <br />
                        <span className="muted">Til: {NOTIFICATION_KINDS[kind].audience}</span>
                        {error ? (
                          <p className="field-error" id={`kind-${kind}-error`}>
                            {error}
                          </p>
                        ) : null}
                      </th>
                      {NOTIFICATION_DELIVERIES.map((d) => (
                        <td key={d}>
                          <input
                            type="radio"
                            name={kind}
                            value={d}
                            id={`kind-${kind}-${d}`}
                            aria-labelledby={`kind-${kind} delivery-${d}`}
                            aria-describedby={error ? `kind-${kind}-error` : undefined}
                            defaultChecked={current === d}
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              Gem valg for e-mail
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
