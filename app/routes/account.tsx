/**
 * "Min konto": the signed-in user's name, e-mail and roles, and their deadline calendar: a secret
 * address to subscribe to from Outlook or Google Calendar. The address is shown once, right after
 * it is made (only its hash is stored); making a new one or revoking stops the old one.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { requireUser } from "~/auth.server";
import { calendarFeedUrl } from "~/calendar.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  NotificationPreferences,
  SAVE_NOTIFICATIONS_INTENT,
} from "~/components/notification-preferences";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDateTime } from "~/domain/format";
import { formDataToValues, issuesToFieldErrors } from "~/domain/form";
import {
  NotificationPreferencesSchema,
  relevantNotificationKinds,
} from "~/domain/notification-preferences";
import { organisationRoleLabels, planRoleLabels } from "~/domain/roles";
import { z } from "~/domain/zod";
import { getAccount } from "~/models/account.server";
import { createCalendarFeed, revokeCalendarFeed } from "~/models/calendar.server";
import { getPreferences, setPreferences } from "~/models/notification-preferences.server";
import { redirectWithFlash } from "~/flash.server";
import notificationStyles from "~/styles/notifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];

export const meta: MetaFunction = () => [{ title: "Min konto · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const [account, preferences] = await Promise.all([
    getAccount(db, user),
    getPreferences(db, user.id),
  ]);
  // Only the kinds the user's roles can receive (all for an administrator).
  const roles = [...account.plans, ...account.organisations].map((m) => m.role);
  const notificationKinds = relevantNotificationKinds(roles, account.isAdmin);
  return { account, notifications: { kinds: notificationKinds, preferences } };
}

const CalendarIntentSchema = z.object({ intent: z.enum(["create-calendar", "revoke-calendar"]) });

type ActionResult =
  | { feedUrl: string }
  | { revoked: boolean }
  | { notificationFailure: { values: Record<string, unknown>; errors: Record<string, string> } };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === SAVE_NOTIFICATIONS_INTENT) {
    const values = formDataToValues(formData);
    const parsed = NotificationPreferencesSchema.safeParse(values);
    if (!parsed.success) {
      const errors = issuesToFieldErrors(parsed.error.issues);
      return data<ActionResult>({ notificationFailure: { values, errors } }, { status: 400 });
    }
    await setPreferences(await getDb(), user, parsed.data);
    return redirectWithFlash(request, "/account", "Dine valg for e-mail er gemt.");
  }
  const parsed = CalendarIntentSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("Ukendt handling", { status: 400 });
  const db = await getDb();
  if (parsed.data.intent === "create-calendar") {
    const token = await createCalendarFeed(db, user);
    // Shown once, in this reply only: never cached, never stored.
    return data<ActionResult>(
      { feedUrl: calendarFeedUrl(request, token) },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  return data<ActionResult>({ revoked: await revokeCalendarFeed(db, user) });
}

export default function AccountPage() {
  const { account, notifications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const notificationFailure =
    result && "notificationFailure" in result ? result.notificationFailure : null;
  const feedUrl = result && "feedUrl" in result ? result.feedUrl : null;
  const revoked = result && "revoked" in result ? result.revoked : false;
  const busy = useNavigation().state !== "idle";

  return (
    <>
      <PageHeader title="Min konto" />
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Oplysninger</h2>
        <dl className="facts">
          <dt>Navn</dt>
          <dd>{account.name}</dd>
          <dt>E-mail</dt>
          <dd>{account.email}</dd>
          <dt>Roller</dt>
          <dd>
            {account.isAdmin || account.plans.length || account.organisations.length ? (
              <ul>
                {account.isAdmin ? <li>Administrator (adgang til alt)</li> : null}
                {account.plans.map((p) => (
                  <li key={`plan-${p.id}`}>
                    {planRoleLabels[p.role]} i <Link to={`/plans/${p.id}`}>{p.name}</Link>{" "}
                    <a href={`/plans/${p.id}/calendar.ics`} download>
                      (planens frister som kalenderfil)
                    </a>
                  </li>
                ))}
                {account.organisations.map((o) => (
                  <li key={`${o.organisationName}-${o.estateName ?? ""}-${o.role}`}>
                    {organisationRoleLabels[o.role]} i {o.organisationName}
                    {o.estateName ? ` (${o.estateName})` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              "Ingen roller endnu. Kontakt en administrator."
            )}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">Kalender</h2>
        <p>
          Abonnér på dine frister i din egen kalender: revisioner af delaftaler, statusrapporter,
          milepæle og afrapporteringer til dispositionsfonden. Kalenderen viser kun det, du har
          adgang til, og opdateres af sig selv.
        </p>

        {feedUrl ? (
          <FeedAddress url={feedUrl} />
        ) : revoked ? (
          <p className="alert alert-ok" role="status">
            Kalenderadressen er tilbagekaldt og virker ikke længere.
          </p>
        ) : null}

        {account.calendarFeed ? (
          <>
            {feedUrl ? null : (
              <p>
                Du har en kalenderadresse, lavet {formatDateTime(account.calendarFeed.createdAt)}.{" "}
                {account.calendarFeed.lastUsedAt
                  ? `Senest hentet ${formatDateTime(account.calendarFeed.lastUsedAt)}.`
                  : "Den er ikke hentet endnu."}{" "}
                Adressen vises kun, når den laves. Har du mistet den, så lav en ny.
              </p>
            )}
            <div className="form-actions">
              <Form method="post">
                <input type="hidden" name="intent" value="create-calendar" />
                <button type="submit" className="button button-secondary" disabled={busy}>
                  Lav en ny adresse (den gamle holder op med at virke)
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-calendar" />
                <button type="submit" className="button button-danger" disabled={busy}>
                  Tilbagekald adressen
                </button>
              </Form>
            </div>
          </>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="create-calendar" />
            <button type="submit" className="button button-primary" disabled={busy}>
              Lav en kalenderadresse
            </button>
          </Form>
        )}
      </section>

      <NotificationPreferences
        kinds={notifications.kinds}
        preferences={notifications.preferences}
        failure={notificationFailure}
      />
    </>
  );
}

function FeedAddress({ url }: { url: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = () => {
    navigator.clipboard
      .writeText(url)
      .then(() => setCopied("yes"))
      .catch(() => setCopied("no"));
  };
  return (
    <div className="alert alert-warn" role="status">
      <p>
        <strong>Gem adressen nu – den vises kun én gang.</strong> Adressen er hemmelig: alle, der
        har den, kan se dine frister. Del den ikke.
      </p>
      <div className="field">
        <label htmlFor="calendar-feed-url">Din kalenderadresse</label>
        <input
          id="calendar-feed-url"
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          size={80}
        />
      </div>
      <p>
        <button type="button" className="button button-small" onClick={copy}>
          Kopiér adressen
        </button>{" "}
        <span aria-live="polite">
          {copied === "yes"
            ? "Kopieret."
            : copied === "no"
              ? "Kunne ikke kopiere – markér adressen og kopiér den selv."
              : ""}
        </span>
      </p>
      <h3>Outlook</h3>
      <ol>
        <li>Åbn Kalender, og vælg «Tilføj kalender».</li>
        <li>Vælg «Abonner fra internettet» (på nettet) eller «Fra internettet» (i programmet).</li>
        <li>Indsæt adressen, giv kalenderen et navn, og vælg «Importér» eller «OK».</li>
      </ol>
      <h3>Google Kalender</h3>
      <ol>
        <li>Åbn Google Kalender på en computer.</li>
        <li>Klik på «+» ud for «Andre kalendere», og vælg «Fra webadresse».</li>
        <li>Indsæt adressen, og klik på «Tilføj kalender».</li>
      </ol>
      <p className="muted">
        Kalenderprogrammer henter ændringer med jævne mellemrum (Google op til et døgn), så nye
        frister kan være et stykke tid om at dukke op.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
