/** "Mine helhedsplaner": the plans the user takes part in. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatPeriod } from "~/domain/format";
import { planStatusLabels } from "~/domain/plan";
import { canCreatePlans, planRoleLabels } from "~/domain/roles";
import { listPlansForUser } from "~/models/plans.server";

export const meta: MetaFunction = () => [{ title: "Mine helhedsplaner · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const plans = await listPlansForUser(await getDb(), user);
  return {
    plans,
    canCreate: canCreatePlans(
      user,
      plans.map((p) => p.role),
    ),
  };
}

export default function Dashboard() {
  const { plans, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Mine helhedsplaner"
        actions={
          canCreate ? (
            <Link className="button button-primary" to="/plans/new">
              Opret helhedsplan
            </Link>
          ) : null
        }
      />
      {plans.length === 0 ? (
        <p className="empty">
          Du er ikke tilknyttet nogen helhedsplaner endnu. Kontakt en administrator for at få
          adgang.
        </p>
      ) : (
        <ul className="plan-list">
          {plans.map((plan) => (
            <li key={plan.id}>
              <h2>
                <Link to={`/plans/${plan.id}`}>{plan.name}</Link>
              </h2>
              <p className="muted">
                {formatPeriod(plan.periodStart, plan.periodEnd)} · {plan.fundingRoundName}
                {plan.municipalityName ? ` · ${plan.municipalityName}` : ""}
              </p>
              <span className="badge">{planStatusLabels[plan.status]}</span>{" "}
              <span className="badge">Din rolle: {planRoleLabels[plan.role]}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
