/**
 * "Selvevalueringer": the plan's self-evaluations for funders, with funder, year, amount and how
 * complete each is. Every member of the plan may see the list; reporters, the secretariat and
 * admins get the button for a new one.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatAmount } from "~/domain/format";
import { selfEvaluationPath, selfEvaluationsPath } from "~/domain/self-evaluation";
import { listSelfEvaluations } from "~/models/self-evaluations.server";
import { requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Selvevalueringer · ${data?.plan.name ?? "Helhedsplan"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const list = await listSelfEvaluations(await getDb(), user, planId);
  return {
    plan: list.plan,
    canEdit: list.canEdit,
    evaluations: list.evaluations,
  };
}

export default function SelfEvaluationList() {
  const { plan, canEdit, evaluations } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Selvevalueringer"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
        ]}
        actions={
          canEdit ? (
            <Link className="button button-primary" to={`${selfEvaluationsPath(plan.id)}/new`}>
              Ny selvevaluering
            </Link>
          ) : null
        }
      >
        <p className="muted">
          Bevillingsgivernes selvevalueringsskemaer: fakta om bevillingen, målgruppen og jeres egen
          vurdering af hvert spørgsmål på en skala fra 1 til 5 med en begrundelse.
        </p>
      </PageHeader>
      {evaluations.length === 0 ? (
        <p className="empty">Planen har ingen selvevalueringer endnu.</p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">Selvevalueringer for {plan.name}</TableCaption>
            <thead>
              <tr>
                <th scope="col">Projekt</th>
                <th scope="col">Bevillingsgiver</th>
                <th scope="col" className="num">
                  År
                </th>
                <th scope="col" className="num">
                  Støttet beløb
                </th>
                <th scope="col">Udfyldt</th>
              </tr>
            </thead>
            <tbody>
              {evaluations.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={selfEvaluationPath(plan.id, e.id)}>{e.title}</Link>
                    <div className="muted small">{e.questionSetName}</div>
                  </th>
                  <td>{e.funder}</td>
                  <td className="num">{e.grantYear ?? ""}</td>
                  <td className="num">{e.amount == null ? "" : formatAmount(e.amount)}</td>
                  <td>
                    {e.complete ? (
                      <span className="badge badge-ok">Færdig</span>
                    ) : (
                      <span className="badge badge-warn">
                        {e.done} af {e.total} udfyldt
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
