/**
 * "Dispositionsfonde": the housing organisations' funds the user can use, with their role on each:
 * fund administrators (and administrators) manage a fund and see what awaits a decision;
 * applicants see the fund of their estate. Administrators of an organisation without a fund get a
 * link to set one up.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fundPath, fundSettingsPath } from "~/components/fund-parts";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { fundRoleLabels, isFundManager } from "~/domain/disposition-fund";
import { listFunds } from "~/models/disposition-funds.server";

export const meta: MetaFunction = () => [{ title: "Dispositionsfonde · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return listFunds(await getDb(), user);
}

function awaitingText(count: number) {
  if (count === 0) return "Ingen ansøgninger afventer afgørelse";
  return count === 1 ? "1 ansøgning afventer afgørelse" : `${count} ansøgninger afventer afgørelse`;
}

export default function FundsPage() {
  const { funds, organisationsWithoutFund } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Dispositionsfonde">
        <p className="muted">
          Boligorganisationernes egne fonde, som afdelingerne kan søge om støtte til ekstraordinære
          sociale indsatser.
        </p>
      </PageHeader>
      {funds.length === 0 ? (
        <p className="empty">
          Du har ikke adgang til nogen dispositionsfond. Kontakt en administrator, hvis din afdeling
          vil søge.
        </p>
      ) : (
        <ul className="plan-list fund-list">
          {funds.map((fund) => (
            <li key={fund.id}>
              <h2>
                <Link to={fundPath(fund.id)}>{fund.name}</Link>
              </h2>
              <p className="muted">{fund.organisationName}</p>
              <span className="badge">Din rolle: {fundRoleLabels[fund.role]}</span>
              {fund.estates.length ? (
                <p>Du søger for {fund.estates.map((e) => e.name).join(", ")}.</p>
              ) : null}
              {fund.awaitingDecision != null ? (
                <p>
                  {fund.awaitingDecision > 0 ? (
                    <span className="badge badge-warn">{awaitingText(fund.awaitingDecision)}</span>
                  ) : (
                    <span className="muted">{awaitingText(0)}</span>
                  )}
                </p>
              ) : null}
              {isFundManager(fund.role) ? (
                <p className="no-print">
                  <Link to={fundSettingsPath(fund.organisationId)}>
                    Indstillinger for {fund.name}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {organisationsWithoutFund.length ? (
        <section className="panel no-print" aria-labelledby="without-fund-title">
          <h2 id="without-fund-title">Boligorganisationer uden dispositionsfond</h2>
          <ul>
            {organisationsWithoutFund.map((o) => (
              <li key={o.id}>
                <Link to={fundSettingsPath(o.id)}>Opret dispositionsfond for {o.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
