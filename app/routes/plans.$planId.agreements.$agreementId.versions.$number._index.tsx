/** One version of an agreement, read-only: its frozen snapshot laid out like the document. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { CommentHistory } from "~/components/comments/comments-panel";
import { getVersionComments } from "~/models/comments.server";
import commentStyles from "~/styles/comments.css";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { AgreementDocument } from "~/components/agreement-document";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { versionStatusLabels } from "~/domain/revision";
import { getVersionView } from "~/models/revision-views.server";
import { agreementPath } from "~/paths";
import { requireIdParam } from "~/route-helpers.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: commentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.label} · ${data.view.title} · Samarbejdsaftaler`
      : "Version · Samarbejdsaftaler",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const number = requireIdParam(params, "number");
  const db = await getDb();
  const [{ label, status, view }, comments] = await Promise.all([
    getVersionView(db, user, planId, agreementId, number),
    getVersionComments(db, user, planId, agreementId, number),
  ]);
  return { number, label, status, view, comments };
}

export default function VersionPage() {
  const { number, label, status, view, comments } = useLoaderData<typeof loader>();
  const base = agreementPath(view.planId, view.id);
  return (
    <>
      <PageHeader
        title={view.title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${view.planId}`, label: view.plan.name },
          { to: base, label: view.focusArea },
          { to: `${base}/versions`, label: "Versionshistorik" },
        ]}
        actions={
          <a
            className="button button-primary"
            href={`${base}/versions/${number}/document.docx`}
            download
          >
            Hent Word
          </a>
        }
      />
      <div className={status === "approved" ? "alert alert-ok" : "alert alert-warn"} role="note">
        <strong>{label}</strong> <span className="badge">{versionStatusLabels[status]}</span>
        <br />
        Dette er en gemt version af delaftalen og kan ikke ændres.{" "}
        <Link to={base}>Gå til den aktuelle delaftale</Link>
      </div>
      <AgreementDocument view={view} showTitle={false} />
      <div className="no-print">
        <CommentHistory
          threads={comments}
          title="Kommentarer under revisionen"
          empty="Der blev ikke skrevet kommentarer til udkastet i den revision, versionen kommer fra."
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
