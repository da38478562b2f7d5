/**
 * A comment link's page (no login; the secret token in the address is the credential): the
 * agreement's current draft, read-only, with its open comment threads and a form to comment or
 * reply in the link's name. Nothing else: no links into the app, no other agreement, no
 * documents. An unknown, revoked, expired or malformed token answers the same 404 and counts
 * against the client (calendar-throttle.server.ts, shared with the calendar feed). The page is
 * never indexed or cached and sends no referrer; the server's log never shows the token
 * (log-redaction.ts).
 */
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { countCalendarFailure, isCalendarClientBlocked } from "~/calendar-throttle.server";
import { handleCommentPost } from "~/comment-forms.server";
import { AgreementDocument } from "~/components/agreement-document";
import { CommentsPanel } from "~/components/comments/comments-panel";
import { asCommentFailure } from "~/components/comments/failure";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import type { Db } from "../../db/client";
import { clientAddress } from "~/login-throttle.server";
import { getDraftForLink, linkForToken } from "~/models/comment-links.server";
import { listOpenThreads } from "~/models/comments.server";
import commentStyles from "~/styles/comments.css";

const PRIVATE_HEADERS = {
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

export const headers: HeadersFunction = () => PRIVATE_HEADERS;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: commentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data ? `Kommentarer til ${data.view.title}` : "Siden findes ikke"} · Samarbejdsaftaler`,
  },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

/** The link of the token, or a 404 (429 while the client is blocked for too many wrong ones). */
async function requireLink(db: Db, request: Request, context: unknown, token: string) {
  const address = clientAddress(request, context);
  if (await isCalendarClientBlocked(db, address)) {
    throw new Response("For mange forkerte adresser. Prøv igen senere.", {
      status: 429,
      headers: { "Retry-After": "3600", ...PRIVATE_HEADERS },
    });
  }
  const link = await linkForToken(db, token);
  if (!link) {
    await countCalendarFailure(db, address);
    throw new Response("Siden findes ikke", { status: 404, headers: PRIVATE_HEADERS });
  }
  return link;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await getDb();
  const link = await requireLink(db, request, context, params.token ?? "");
  const [view, threads] = await Promise.all([
    getDraftForLink(db, link),
    listOpenThreads(db, link.agreementId),
  ]);
  return { name: link.name, view, threads };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await getDb();
  const token = params.token ?? "";
  const link = await requireLink(db, request, context, token);
  const formData = await request.formData();
  return handleCommentPost(
    db,
    request,
    formData,
    { kind: "link", link },
    link.planId,
    link.agreementId,
    `/kommentar/${token}`,
  );
}

export default function CommentLinkPage() {
  const { name, view, threads } = useLoaderData<typeof loader>();
  const failure = asCommentFailure(useActionData<typeof action>());
  return (
    <>
      <header className="page-header">
        <h1>{view.title}</h1>
        <p className="muted">
          {view.plan.name} · Udkast til kommentering. Du kommenterer som <strong>{name}</strong>.
        </p>
      </header>
      <div className="agreement-layout">
        <AgreementDocument view={view} showTitle={false} />
        <div className="no-print">
          <CommentsPanel
            threads={threads}
            activities={view.activities.map((a) => ({ id: a.id, name: a.listTitle }))}
            actions={{ canReply: true, canResolve: false, failure }}
            intro="Skriv en kommentar til et afsnit, eller svar på en anden kommentar. Sekretariatet og planens øvrige medlemmer kan se, hvad du skriver, og hvem der har skrevet det."
          />
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
