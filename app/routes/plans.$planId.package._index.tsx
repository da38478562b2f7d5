/**
 * "Helhedsplanens pakke": every part of the package in its order with its state (the strategic
 * agreement's version and status, how many delaftaler are approved, which attachments are
 * missing), each linking to its page, and the two downloads: the whole as one Word document and
 * as a .zip with each part as a file. Any member of the plan.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatDate } from "~/domain/format";
import { getPlanPackageSummary } from "~/models/plan-package.server";
import { requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Helhedsplanens pakke · ${data?.plan.name ?? "Helhedsplan"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  return getPlanPackageSummary(await getDb(), user, planId);
}

export default function PlanPackagePage() {
  const { plan, generatedOn, parts } = useLoaderData<typeof loader>();
  const missing = parts.filter((p) => p.missing);
  return (
    <>
      <PageHeader
        title="Helhedsplanens pakke"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
        ]}
      >
        <p className="muted">
          Pakken er det, bestyrelsen godkender og fonden modtager: den strategiske samarbejdsaftale,
          delaftalerne, organisationsdiagrammet, målhierarkiet, milepælsplanerne, status og økonomi
          og bilagene – i den rækkefølge. Delaftaler med en godkendt version kommer med som den
          gældende version, de øvrige som udkast.
        </p>
      </PageHeader>

      <section className="panel" aria-labelledby="package-downloads-title">
        <h2 id="package-downloads-title">Hent pakken</h2>
        <ul>
          <li>
            <a href={`/plans/${plan.id}/package.docx`} download>
              Hent hele pakken som ét Word-dokument
            </a>{" "}
            <span className="muted">
              (med forside, indholdsfortegnelse og hver del på en ny side)
            </span>
          </li>
          <li>
            <a href={`/plans/${plan.id}/package.zip`} download>
              Hent pakken som zip
            </a>{" "}
            <span className="muted">
              (hver del som sin egen fil og bilagene som de er uploadet)
            </span>
          </li>
        </ul>
        <p className="muted">Dannes med dagens dato, {formatDate(generatedOn)}.</p>
      </section>

      <section className="panel" aria-labelledby="package-parts-title">
        <h2 id="package-parts-title">Pakkens dele</h2>
        {missing.length ? (
          <div className="alert alert-warn" role="status">
            Der mangler noget i pakken: {missing.map((p) => p.title).join(", ")}. Delene står stadig
            i dokumentet med en linje om, at de mangler.
          </div>
        ) : null}
        <ol>
          {parts.map((part) => (
            <li key={part.key}>
              <Link to={part.href}>{part.title}</Link>
              {": "}
              <span className={part.missing ? "badge badge-warn badge-long" : undefined}>
                {part.state}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
