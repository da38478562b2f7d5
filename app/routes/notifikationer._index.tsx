/**
 * «Notifikationer»: the signed-in user's own notifications, newest first, 50 a page. Unread ones
 * are marked in words as well as weight; each leads through /notifikationer/:id, which marks it
 * read and goes to the thing itself. «Markér alle som læst» marks the rest.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDateTime } from "~/domain/format";
import { z } from "~/domain/zod";
import { redirectWithFlash } from "~/flash.server";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
} from "~/models/notifications.server";
import styles from "~/styles/notifications.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Notifikationer · Samarbejdsaftaler" }];

/** `?side=N`; anything else is the first page. */
function readPage(request: Request): number {
  const text = new URL(request.url).searchParams.get("side") ?? "";
  return /^\d{1,6}$/.test(text) && Number(text) > 0 ? Number(text) : 1;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const [list, unread] = await Promise.all([
    listNotifications(db, user.id, readPage(request)),
    countUnreadNotifications(db, user.id),
  ]);
  return { ...list, unread };
}

const IntentSchema = z.object({ intent: z.literal("read-all") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = IntentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Ukendt handling", { status: 400 });
  const marked = await markAllNotificationsRead(await getDb(), user, new Date());
  return redirectWithFlash(
    request,
    "/notifikationer",
    marked === 1
      ? "1 notifikation er markeret som læst."
      : `${marked} notifikationer er markeret som læst.`,
  );
}

export default function NotificationsPage() {
  const { items, page, hasNext, unread } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <PageHeader
        title="Notifikationer"
        actions={
          unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <button type="submit" className="button button-secondary" disabled={busy}>
                Markér alle som læst
              </button>
            </Form>
          ) : null
        }
      />
      <p>
        {unread === 0
          ? "Du har ingen ulæste notifikationer."
          : unread === 1
            ? "Du har 1 ulæst notifikation."
            : `Du har ${unread} ulæste notifikationer.`}{" "}
        Hvilke du også får på e-mail, vælger du under <Link to="/account">Min konto</Link>.
      </p>
      {items.length === 0 ? (
        <p className="empty">
          {page > 1 ? "Der er ikke flere notifikationer." : "Ingen notifikationer endnu."}
        </p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? undefined : "is-unread"}>
              <p>
                {n.read ? null : (
                  <>
                    <span className="badge">Ulæst</span>{" "}
                  </>
                )}
                {/* A resource route (marks read, then redirects): a whole page load, so the header counts anew. */}
                <a href={`/notifikationer/${n.id}`}>{n.title}</a>
              </p>
              {n.body ? <p>{n.body}</p> : null}
              <p className="muted">{formatDateTime(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
      {page > 1 || hasNext ? (
        <nav aria-label="Sider" className="notification-pager">
          {page > 1 ? (
            <Link className="button button-secondary" to={`/notifikationer?side=${page - 1}`}>
              Nyere
            </Link>
          ) : null}
          <span>Side {page}</span>
          {hasNext ? (
            <Link className="button button-secondary" to={`/notifikationer?side=${page + 1}`}>
              Ældre
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
