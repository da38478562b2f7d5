/**
 * The plan page: period, funding round, municipality, organisations and estates, agreements (with
 * starting the year's revision of all of them), each success criterion's latest status, members.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { ChartsSection } from "~/components/chart-figure";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { PlanPackagePanel } from "~/components/plan-package-panel";
import { getDb } from "~/db.server";
import { MAX_LBF_SHARE } from "~/domain/budget";
import { budgetChartText, criteriaChartText, planChartPath, toChartView } from "~/domain/charts";
import { formatAmount, formatInteger, formatPercent, formatPeriod } from "~/domain/format";
import { measurementStatusClasses, measurementStatusLabels } from "~/domain/measurement";
import { planStatusLabels } from "~/domain/plan";
import { TEMPLATE_EDITION_LABELS } from "~/domain/texts.da";
import { formatReportDue, STATUS_COUNT_KEYS, type StatusCounts } from "~/domain/reporting";
import { StartRevisionSchema } from "~/domain/revision";
import { canEditPlan, planRoleLabels } from "~/domain/roles";
import { agreementStateClasses } from "~/domain/status-words";
import { notFound } from "~/http.server";
import { getPlanAgreements } from "~/models/agreements/read.server";
import { chartTag, getPlanChartFigures } from "~/models/charts.server";
import { getPlanPage } from "~/models/plans.server";
import { getPlanCriteriaOverview, type AgreementCriteriaOverview } from "~/models/reporting.server";
import { agreementPath } from "~/paths";
import { requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.plan.name ?? "Helhedsplan"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  const searchParams = new URL(request.url).searchParams;
  // The charts' year of criteria (links in "Status og økonomi"); default the latest measured.
  const chartYear = searchParams.get("chartYear") ?? "";
  // Together: each call checks the user's role on the plan (404 for non-members), and the checks
  // started together share one query (app/models/access.server.ts).
  const [page, { agreements, budget }, criteriaOverview, charts] = await Promise.all([
    getPlanPage(db, user, planId),
    getPlanAgreements(db, user, planId),
    getPlanCriteriaOverview(db, user, planId),
    getPlanChartFigures(
      db,
      user,
      planId,
      /^\d{4}$/.test(chartYear) ? Number(chartYear) : undefined,
    ),
  ]);
  if (!page) throw notFound();
  return {
    ...page,
    agreements,
    budget,
    criteriaOverview,
    charts: {
      // Titles and tables only: each chart's drawing comes from its own address, which names
      // the figures' tag (the chart's route answers it without reading them again).
      views: [
        toChartView(
          criteriaChartText(charts.criteria),
          planChartPath(
            planId,
            "criteria",
            charts.criteriaYear,
            chartTag("criteria", charts.criteria),
          ),
        ),
        toChartView(
          budgetChartText(charts.budget),
          planChartPath(planId, "budget", null, chartTag("budget", charts.budget)),
        ),
      ],
      year: charts.criteriaYear,
      years: charts.criteriaYears,
    },
    isAdmin: user.isAdmin,
    revisionDefaults: { year: new Date().getFullYear() },
  };
}

const noMeasurementLabel = "Ikke målt endnu";

/** "3 opfyldt · 1 delvist opfyldt · 2 ikke målt endnu" (statuses with no criteria left out). */
function statusCountsText(counts: StatusCounts): string {
  return STATUS_COUNT_KEYS.filter((key) => counts[key] > 0)
    .map(
      (key) =>
        `${counts[key]} ${(key === "none" ? noMeasurementLabel : measurementStatusLabels[key]).toLowerCase()}`,
    )
    .join(" · ");
}

function CriteriaOverview({
  planId,
  overview,
}: {
  planId: number;
  overview: AgreementCriteriaOverview[];
}) {
  return (
    <section className="panel" aria-labelledby="criteria-overview-title">
      <h2 id="criteria-overview-title">Succeskriterier – seneste status</h2>
      {overview.length === 0 ? (
        <p className="muted">Planen har ingen delaftaler endnu.</p>
      ) : (
        overview.map((agreement) => {
          return (
            <div key={agreement.agreementId}>
              <h3>
                <Link to={agreementPath(planId, agreement.agreementId)}>{agreement.focusArea}</Link>
              </h3>
              {agreement.criteria.length === 0 ? (
                <p className="muted">Delaftalen har ingen succeskriterier endnu.</p>
              ) : (
                <>
                  <p className="muted">{statusCountsText(agreement.counts)}</p>
                  <ScrollTable>
                    <table className="data">
                      <TableCaption className="sr-only">
                        Succeskriterier for {agreement.focusArea} med seneste status
                      </TableCaption>
                      <thead>
                        <tr>
                          <th scope="col">Succeskriterium</th>
                          <th scope="col">Aktivitet</th>
                          <th scope="col" className="num">
                            Seneste år
                          </th>
                          <th scope="col">Status</th>
                        </tr>
                      </thead>
                      <tbody>
                        {agreement.criteria.map((c) => (
                          <tr key={c.id}>
                            <td>{c.text}</td>
                            <td>{c.activityName ?? <span className="muted">Delaftalen</span>}</td>
                            <td className="num">{c.latest?.year ?? ""}</td>
                            <td>
                              {c.latest ? (
                                <span className={measurementStatusClasses[c.latest.status]}>
                                  {measurementStatusLabels[c.latest.status]}
                                </span>
                              ) : (
                                <span className="muted">{noMeasurementLabel}</span>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollTable>
                </>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}

export default function PlanPage() {
  const { plan, role, isAdmin, agreements, budget, criteriaOverview, charts, revisionDefaults } =
    useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={plan.name}
        crumbs={[{ to: "/", label: "Mine helhedsplaner" }]}
        actions={
          <>
            <Link className="button button-secondary" to={`/plans/${plan.id}/log`}>
              Aktivitetslog
            </Link>
            <Link className="button button-secondary" to={`/plans/${plan.id}/reports`}>
              Statusrapporter
            </Link>
            <Link className="button button-secondary" to={`/plans/${plan.id}/self-evaluations`}>
              Selvevalueringer
            </Link>
            {canEditPlan(role) ? (
              <Link className="button button-secondary" to={`/plans/${plan.id}/edit`}>
                Rediger plan
              </Link>
            ) : null}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => window.print()}
            >
              Udskriv
            </button>
          </>
        }
      >
        <p>
          <span className="badge">{planStatusLabels[plan.status]}</span>{" "}
          <span className="badge">Din rolle: {planRoleLabels[role]}</span>
        </p>
      </PageHeader>

      <div className="grid-2">
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">Om planen</h2>
          <dl className="facts">
            <dt>Periode</dt>
            <dd>{formatPeriod(plan.periodStart, plan.periodEnd)}</dd>
            <dt>Pulje</dt>
            <dd>{plan.fundingRound.name}</dd>
            <dt>Skabelonudgave</dt>
            <dd>{TEMPLATE_EDITION_LABELS[plan.templateEdition]}</dd>
            <dt>Kommune</dt>
            <dd>{plan.municipality?.name ?? <span className="muted">Ikke angivet</span>}</dd>
            <dt>Revision</dt>
            <dd>{plan.revisionIntervalMonths} måneder efter seneste godkendelse</dd>
            <dt>Statusrapport</dt>
            <dd>senest {formatReportDue(plan.reportDueMonthDay)} for året før</dd>
            <dt>Lejemål i alt</dt>
            <dd>
              {plan.totalTenancies ? (
                formatInteger(plan.totalTenancies)
              ) : (
                <span className="muted">Ikke angivet</span>
              )}
            </dd>
          </dl>
          {plan.description ? <p>{plan.description}</p> : null}
        </section>

        <section className="panel" aria-labelledby="orgs-title">
          <h2 id="orgs-title">Boligorganisationer og afdelinger</h2>
          <h3>Boligorganisationer</h3>
          {plan.housingOrganisations.length ? (
            <ul>
              {plan.housingOrganisations.map((o) => (
                <li key={o.id}>
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Ingen boligorganisationer valgt.</p>
          )}
          <h3>Afdelinger</h3>
          {plan.estates.length ? (
            <ul>
              {plan.estates.map((e) => (
                <li key={e.id}>
                  <Link to={`/organisations/${e.id}`}>{e.name}</Link>
                  {e.tenancies != null ? (
                    <span className="muted"> · {formatInteger(e.tenancies)} lejemål</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Ingen afdelinger valgt.</p>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="agreements-title">
        <div className="doc-section-head">
          <h2 id="agreements-title">Delaftaler</h2>
          {canEditPlan(role) ? (
            <Link
              className="button button-secondary no-print"
              to={`/plans/${plan.id}/agreements/new`}
            >
              Ny delaftale
            </Link>
          ) : null}
          {canEditPlan(role) ? (
            <Link className="button button-secondary no-print" to={`/plans/${plan.id}/imports`}>
              Importér delaftale fra Word
            </Link>
          ) : null}
        </div>
        {agreements.length ? (
          <p className="no-print">
            <a href={`/plans/${plan.id}/agreements.docx`} download>
              Hent alle delaftaler som ét Word-dokument
            </a>
            {" · "}
            <a href={`/plans/${plan.id}/agreements.zip`} download>
              Hent som zip med én fil pr. delaftale
            </a>
          </p>
        ) : null}
        {agreements.length ? (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">
                Planens delaftaler med status og budget
              </TableCaption>
              <thead>
                <tr>
                  <th scope="col">Indsatsområde</th>
                  <th scope="col">Status</th>
                  <th scope="col">Gyldighed</th>
                  <th scope="col" className="num">
                    Aktiviteter
                  </th>
                  <th scope="col" className="num">
                    Landsbyggefonden
                  </th>
                  <th scope="col" className="num">
                    Lokal medfinansiering
                  </th>
                  <th scope="col" className="num">
                    I alt
                  </th>
                </tr>
              </thead>
              <tbody>
                {agreements.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/plans/${plan.id}/agreements/${a.id}`}>{a.focusArea}</Link>
                    </td>
                    <td>
                      <span className={agreementStateClasses[a.status.state]}>
                        {a.status.label}
                      </span>
                    </td>
                    <td>{formatPeriod(a.validFrom, a.validTo)}</td>
                    <td className="num">{a.activityCount}</td>
                    <td className="num">{formatAmount(a.lbf)}</td>
                    <td className="num">{formatAmount(a.local)}</td>
                    <td className="num">{formatAmount(a.lbf + a.local)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="total-row">
                  <th scope="row" colSpan={4}>
                    Planen i alt
                  </th>
                  <td className="num">{formatAmount(budget.lbf)}</td>
                  <td className="num">{formatAmount(budget.local)}</td>
                  <td className="num">{formatAmount(budget.total)}</td>
                </tr>
              </tfoot>
            </table>
          </ScrollTable>
        ) : (
          <p className="muted">Planen har ingen delaftaler endnu.</p>
        )}
        {budget.lbfShare !== null ? (
          budget.lbfShareTooHigh ? (
            <div className="alert alert-warn" role="alert">
              Landsbyggefonden finansierer {formatPercent(budget.lbfShare)} af planen. Fonden kan
              højst betale {formatPercent(MAX_LBF_SHARE)}; den lokale medfinansiering skal være
              mindst {formatPercent(1 - MAX_LBF_SHARE)}.
            </div>
          ) : (
            <p className="muted">
              Landsbyggefondens andel af planen: {formatPercent(budget.lbfShare)} (højst{" "}
              {formatPercent(MAX_LBF_SHARE)}).
            </p>
          )
        ) : null}
        {canEditPlan(role) && agreements.length ? (
          <ValidatedForm
            schema={StartRevisionSchema}
            defaultValues={revisionDefaults}
            action={`/plans/${plan.id}/revisions`}
            aria-label="Start årets revision af alle delaftaler"
            className="no-print"
          >
            <h3>Start årets revision af alle delaftaler</h3>
            <p className="muted">
              Revisionen startes for hver delaftale, som ikke allerede er under revision.
            </p>
            <TextField name="year" label="År" required inputMode="numeric" />
            <SubmitButton variant="secondary">Start revision</SubmitButton>
          </ValidatedForm>
        ) : null}
      </section>

      <PlanPackagePanel planId={plan.id} />

      <ChartsSection id="plan-charts" title="Status og økonomi" charts={charts.views}>
        {charts.years.length > 1 ? (
          <p className="no-print">
            Succeskriterier i:{" "}
            {charts.years.map((y, i) => (
              <span key={y}>
                {i > 0 ? " · " : null}
                {y === charts.year ? (
                  <strong aria-current="page">{y}</strong>
                ) : (
                  <Link to={`?chartYear=${y}`} preventScrollReset>
                    {y}
                  </Link>
                )}
              </span>
            ))}
          </p>
        ) : null}
      </ChartsSection>

      <CriteriaOverview planId={plan.id} overview={criteriaOverview} />

      <section className="panel" aria-labelledby="members-title">
        <h2 id="members-title">Medlemmer</h2>
        {plan.members.length ? (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">Planens medlemmer og deres roller</TableCaption>
              <thead>
                <tr>
                  <th scope="col">Navn</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Rolle</th>
                </tr>
              </thead>
              <tbody>
                {plan.members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {isAdmin ? <Link to={`/admin/users/${m.id}`}>{m.name}</Link> : m.name}
                      {m.active ? null : <span className="badge"> deaktiveret</span>}
                    </td>
                    <td>{m.email}</td>
                    <td>{planRoleLabels[m.role]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p className="muted">Planen har ingen medlemmer endnu.</p>
        )}
        {isAdmin ? (
          <p className="no-print">
            <Link to="/admin/users">Administrer brugere og roller</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
