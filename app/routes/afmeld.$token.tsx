/**
 * Unsubscribe from one kind of e-mail (or the daily digest) through the link in a mail, without
 * logging in. The GET only asks (mail scanners follow links and must not unsubscribe anyone);
 * the POST turns the e-mails off: the page's button, or a mail client's one-click unsubscribe
 * (RFC 8058: a POST with List-Unsubscribe=One-Click, let through scripts/server.ts's cross-site
 * check). A forged or altered token, or a deleted user's, answers 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { notFound } from "~/http.server";
import {
  readUnsubscribeToken,
  unsubscribe,
  unsubscribeLabel,
  unsubscribeUserExists,
} from "~/mail/unsubscribe.server";

export const meta: MetaFunction = () => [{ title: "Afmeld e-mails · Samarbejdsaftaler" }];

const NOT_FOUND = "Afmeldingslinket findes ikke. Kopiér hele linket fra e-mailen.";

async function requireLink(token: string | undefined) {
  const link = readUnsubscribeToken(token ?? "");
  if (!link || !(await unsubscribeUserExists(await getDb(), link.userId))) {
    throw notFound(NOT_FOUND);
  }
  return link;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await requireLink(params.token);
  return { label: unsubscribeLabel(link.kind) };
}

export async function action({ params }: ActionFunctionArgs) {
  const link = await requireLink(params.token);
  await unsubscribe(await getDb(), link.userId, link.kind);
  return { done: true as const, label: unsubscribeLabel(link.kind) };
}

export default function UnsubscribePage() {
  const { label } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  if (result?.done) {
    return (
      <>
        <PageHeader title="Du er afmeldt" />
        <p role="status">Du får ikke længere e-mails om {label}.</p>
        <p>
          Beskederne står stadig i appen. Du kan altid vælge e-mails til igen under{" "}
          <Link to="/account">Min konto</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={`Afmeld e-mails om ${label}?`} />
      <p>
        Du får ikke flere e-mails om {label}. Beskederne står stadig i appen, og du kan vælge
        e-mails til igen under <Link to="/account">Min konto</Link>.
      </p>
      <Form method="post">
        <button type="submit" className="button button-primary" disabled={busy}>
          Afmeld
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
