/** One mail in «Udgående post» (admins only): its facts, its text and the raw RFC 822 message. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDateTime, formatInteger } from "~/domain/format";
import { notFound } from "~/http.server";
import { mailStatusBadge, mailStatusLabels } from "~/mail/labels";
import { getMailMessage } from "~/mail/outbox.server";
import { requireAdmin } from "~/models/access.server";
import { requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mail.subject ?? "E-mail"} · Udgående post · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  const mail = await getMailMessage(await getDb(), user, requireIdParam(params, "mailId"));
  if (!mail) throw notFound("E-mailen findes ikke");
  return { mail };
}

export default function OutboxMail() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={mail.subject} crumbs={[{ to: "/admin/mail", label: "Udgående post" }]} />
      <dl className="facts">
        <dt>Til</dt>
        <dd>{mail.toAddress}</dd>
        <dt>Status</dt>
        <dd>
          <span className={mailStatusBadge[mail.status]}>{mailStatusLabels[mail.status]}</span>
        </dd>
        <dt>Oprettet</dt>
        <dd>{formatDateTime(mail.createdAt)}</dd>
        <dt>Sendt</dt>
        <dd>{mail.sentAt ? formatDateTime(mail.sentAt) : "–"}</dd>
        {mail.status === "queued" ? (
          <>
            <dt>Næste forsøg</dt>
            <dd>{formatDateTime(mail.runAfter)}</dd>
          </>
        ) : null}
        <dt>Forsøg</dt>
        <dd>{formatInteger(mail.attempts)}</dd>
        {mail.lastError ? (
          <>
            <dt>Seneste fejl</dt>
            <dd>{mail.lastError}</dd>
          </>
        ) : null}
      </dl>
      <h2 id="mail-text">Teksten</h2>
      {/* Long lines (links, encoded parts) wrap: no sideways scrolling box to reach by keyboard. */}
      <pre className="mail-source">{mail.textBody}</pre>
      <h2 id="mail-raw">Hele e-mailen (RFC 822)</h2>
      {mail.raw ? (
        <pre className="mail-source">{mail.raw}</pre>
      ) : (
        <p className="muted">E-mailen er ikke bygget endnu: den bygges, når den sendes.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
