/**
 * «Udgående post» (admins only): the latest mails, newest first, 50 a page: to whom, what, its
 * status, when it was made and sent, attempts and the last error. Without SMTP_URL every mail
 * stays here (status «I udbakken») so a newcomer sees what users would get.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ScrollTable, TableCaption } from "~/components/scroll-table";
import { getDb } from "~/db.server";
import { formatDateTime, formatInteger } from "~/domain/format";
import { mailStatusBadge, mailStatusLabels } from "~/mail/labels";
import { listMailMessages } from "~/mail/outbox.server";
import { requireAdmin } from "~/models/access.server";

export const meta: MetaFunction = () => [{ title: "Udgående post · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  const pageText = new URL(request.url).searchParams.get("page") ?? "";
  const page = /^\d{1,6}$/.test(pageText) && Number(pageText) > 0 ? Number(pageText) : 1;
  const list = await listMailMessages(await getDb(), user, { page });
  return { ...list, page, smtp: Boolean(process.env.SMTP_URL?.trim()) };
}

export default function Outbox() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Udgående post" />
      <p>
        {data.smtp
          ? "E-mails sendes over SMTP. Her ses de seneste, også dem der venter eller mislykkedes."
          : "Der er ingen mailserver sat op (SMTP_URL), så e-mails bliver ikke sendt, men lagt her, så du kan se, hvad brugerne ville få."}
      </p>
      {data.mails.length === 0 ? (
        <p className="empty">Der er ingen udgående post endnu.</p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">
              Udgående post, {formatInteger(data.total)} e-mails
            </TableCaption>
            <thead>
              <tr>
                <th scope="col">Emne</th>
                <th scope="col">Til</th>
                <th scope="col">Status</th>
                <th scope="col">Oprettet</th>
                <th scope="col">Sendt</th>
                <th scope="col" className="num">
                  Forsøg
                </th>
                <th scope="col">Seneste fejl</th>
              </tr>
            </thead>
            <tbody>
              {data.mails.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/admin/mail/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>{m.toAddress}</td>
                  <td>
                    <span className={mailStatusBadge[m.status]}>{mailStatusLabels[m.status]}</span>
                  </td>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.sentAt ? formatDateTime(m.sentAt) : <span className="muted">–</span>}</td>
                  <td className="num">{formatInteger(m.attempts)}</td>
                  <td>{m.lastError ?? <span className="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {data.pageCount > 1 ? (
        <nav aria-label="Sider" className="pager">
          {data.page > 1 ? (
            <Link className="button button-secondary" to={`?page=${data.page - 1}`}>
              Forrige side
            </Link>
          ) : null}
          <span>
            Side {data.page} af {data.pageCount}
          </span>
          {data.page < data.pageCount ? (
            <Link className="button button-secondary" to={`?page=${data.page + 1}`}>
              Næste side
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
