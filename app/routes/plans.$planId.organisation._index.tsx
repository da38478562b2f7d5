/**
 * "Organisationsdiagram": the plan's organisation drawn from its data (the strategic agreement's
 * bodies and the delaftaler's working groups), with the same content as nested lists under it for
 * screen readers and print, and downloads as SVG and PNG. Every member of the plan may see it.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { diagramBodies, memberLabel, type DiagramMember } from "~/domain/organisation-diagram";
import { getOrganisationDiagramSvg } from "~/models/organisation-diagram.server";
import { requireIdParam } from "~/route-helpers.server";
import diagramStyles from "~/styles/organisation-diagram.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: diagramStyles }];

export const meta: MetaFunction = () => [{ title: "Organisationsdiagram · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { svg, data } = await getOrganisationDiagramSvg(await getDb(), user, planId);
  return { planId, svg, data };
}

function MemberList({ members }: { members: DiagramMember[] }) {
  if (members.length === 0) return <p className="muted">Ingen medlemmer angivet.</p>;
  return (
    <ul>
      {members.map((m, i) => (
        <li key={i}>{memberLabel(m)}</li>
      ))}
    </ul>
  );
}

export default function OrganisationDiagramPage() {
  const { planId, svg, data } = useLoaderData<typeof loader>();
  const base = `/plans/${planId}/organisation`;
  return (
    <>
      <PageHeader
        title="Organisationsdiagram"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${planId}`, label: data.planName },
        ]}
        actions={
          <>
            <a href={`${base}.svg`} download>
              Hent som SVG
            </a>
            <a href={`${base}.png`} download>
              Hent som PNG
            </a>
          </>
        }
      >
        <p className="muted">
          Tegnet ud fra den strategiske samarbejdsaftale og delaftalernes arbejdsgrupper. Ret
          oplysningerne dér, så følger diagrammet med.
        </p>
      </PageHeader>
      {data.missing.length > 0 ? (
        <div className="alert alert-warn" role="status">
          <p>Diagrammet er ikke komplet:</p>
          <ul>
            {data.missing.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <figure className="panel organisation-diagram">
        {/* Our own SVG (app/graphics/organisation-diagram.ts), every text in it XML-escaped;
            inline so it scales with the page and its <title>/<desc> reach screen readers. */}
        {/* On a phone the diagram scrolls sideways in its box, which the keyboard can reach. */}
        <div
          className="organisation-diagram-image"
          role="region"
          aria-label="Organisationsdiagram"
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <figcaption className="muted">
          Diagrammet som tekst står herunder. Hent det som PNG til Word eller som SVG til tryk.
        </figcaption>
      </figure>
      <section className="panel" aria-labelledby="organisation-lists">
        <h2 id="organisation-lists">Organisationen</h2>
        {data.parties.length > 0 ? (
          <>
            <h3>Aftalens parter</h3>
            <ul>
              {data.parties.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        ) : null}
        <ul className="organisation-tree">
          {diagramBodies(data).map((body) => (
            <li key={body.kind}>
              <h3>{body.name}</h3>
              {body.description ? <p>{body.description}</p> : null}
              <MemberList members={body.members} />
              {body.kind === "secretariat" && data.workingGroups.length > 0 ? (
                <>
                  <h4>Arbejdsgrupper under sekretariatet</h4>
                  <ul>
                    {data.workingGroups.map((group) => (
                      <li key={group.id}>
                        <h5>
                          {group.name} <span className="muted">({group.focusArea})</span>
                        </h5>
                        <MemberList members={group.members} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ul>
        {data.organisations.length > 0 ? (
          <>
            <h3>Organisationer, der deltager</h3>
            <ul>
              {data.organisations.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
