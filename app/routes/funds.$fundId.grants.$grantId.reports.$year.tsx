/**
 * The yearly report on a grant from a dispositionsfond (/funds/:fundId/grants/:grantId/reports/
 * :year): what was spent and what the year's activities achieved, beside the year's granted
 * amount and the deadline. "Gem udkast" saves, "Indsend afrapportering" submits (the activities
 * are then required); a submitted report is read-only and says who submitted it and when.
 * Applicants of the grant's estate and the fund's administration; others 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, TextArea, TextField, ValidatedForm } from "~/components/form";
import {
  applicationPath,
  fundPath,
  grantReportPath,
  ReportStateBadge,
} from "~/components/fund-parts";
import { PageHeader } from "~/components/page-header";
import { RichTextView } from "~/components/rich-text";
import { useSubmitIntentSchema } from "~/components/submit-intent";
import { getDb } from "~/db.server";
import {
  fundReportFormValues,
  fundReportSchema,
  type FundReportIntent,
} from "~/domain/disposition-fund";
import { formatAmount, formatDate, formatDateTime, todayInDenmark } from "~/domain/format";
import { parseFormData } from "~/domain/form";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { badRequest } from "~/http.server";
import { getFundReport, saveFundReport, submitFundReport } from "~/models/fund-reports.server";
import {
  formErrorResponse,
  readVersion,
  requireIdParam,
  requireYearParam,
} from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `Afrapportering ${data?.year ?? ""} · ${data?.grant.title ?? "Bevilling"} · Samarbejdsaftaler`,
  },
];

/** The report (404 for others, for a year outside the grant, and under another fund's address). */
async function loadReport(
  db: Awaited<ReturnType<typeof getDb>>,
  user: SessionUser,
  params: LoaderFunctionArgs["params"],
) {
  const fundId = requireIdParam(params, "fundId");
  const grantId = requireIdParam(params, "grantId");
  const year = requireYearParam(params);
  const scope = { fundId, grantId, year };
  const page = await getFundReport(db, user, scope, todayInDenmark());
  return { scope, page };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { page } = await loadReport(await getDb(), user, params);
  const currentYear = Number(todayInDenmark().slice(0, 4));
  return {
    ...page,
    started: page.year <= currentYear,
    /** The report is due once the year has ended. */
    ended: page.year < currentYear,
    values: page.canEdit ? fundReportFormValues(page.report) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  // Before the form is read: 404 for anybody who may not see the grant.
  const { scope } = await loadReport(db, user, params);
  const { fundId, grantId, year } = scope;
  const formData = await request.formData();
  // The version the form was loaded at: 0 before the first save.
  const version = readVersion(formData, { allowUnsaved: true });
  const intent: FundReportIntent = formData.get("intent") === "submit" ? "submit" : "save";
  const parsed = parseFormData(fundReportSchema(intent), formData);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    if (intent === "submit") {
      await submitFundReport(db, user, scope, version, parsed.data);
    } else {
      await saveFundReport(db, user, scope, version, parsed.data);
    }
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
  return redirectWithFlash(
    request,
    grantReportPath(fundId, grantId, year),
    intent === "submit" ? "Afrapporteringen er indsendt." : "Afrapporteringen er gemt som udkast.",
  );
}

function ReportForm({
  year,
  version,
  defaultValues,
  failure,
}: {
  year: number;
  version: number;
  defaultValues: Record<string, unknown>;
  failure?: ReturnType<typeof asFormFailure>;
}) {
  const schemas = useMemo(
    () => ({ save: fundReportSchema("save"), submit: fundReportSchema("submit") }),
    [],
  );
  const { schema, marker } = useSubmitIntentSchema(schemas, "save", failure?.values.intent);
  return (
    <ValidatedForm
      schema={schema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={{ version }}
      aria-label={`Afrapportering ${year}`}
    >
      {marker}
      <TextField
        name="spent"
        label={`Forbrug i ${year} (kr.)`}
        hint="Det beløb af bevillingen, der er brugt i året, i hele kroner."
        inputMode="numeric"
      />
      <TextArea
        name="activities"
        label="Aktiviteter og resultater"
        hint={`Hvad er der sket i året, hvem har deltaget, og hvad er opnået? Kræves for at indsende. ${RICH_TEXT_HINT}`}
        rows={10}
      />
      <div className="form-actions">
        <button type="submit" name="intent" value="save" className="button button-secondary">
          Gem udkast
        </button>
        <button type="submit" name="intent" value="submit" className="button button-primary">
          Indsend afrapportering
        </button>
      </div>
    </ValidatedForm>
  );
}

export default function GrantReportPage() {
  const { grant, year, amount, due, state, report, version, canEdit, started, ended, values } =
    useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const application = applicationPath(grant.fundId, grant.applicationId);
  const submitted = report?.status === "submitted";
  return (
    <>
      <PageHeader
        title={`Afrapportering ${year}: ${grant.title}`}
        crumbs={[
          { to: "/funds", label: "Dispositionsfonde" },
          { to: fundPath(grant.fundId), label: grant.fundName },
          { to: application, label: grant.title },
        ]}
      >
        <p>
          <ReportStateBadge status={report?.status ?? null} state={state} ended={ended} />{" "}
          {grant.estateName}
        </p>
      </PageHeader>

      <div className="fund-form-layout">
        <div>
          {submitted && report ? (
            <section className="panel" aria-labelledby="report-title">
              <h2 id="report-title">Afrapporteringen</h2>
              {failure?.formError ? (
                <div className="alert alert-error" role="alert">
                  {failure.formError}
                </div>
              ) : null}
              <p>
                Indsendt {report.submittedAt ? formatDateTime(report.submittedAt) : ""}
                {report.submittedBy ? ` af ${report.submittedBy}` : ""}. Afrapporteringen kan ikke
                ændres.
              </p>
              <dl className="facts">
                <dt>Forbrug i {year}</dt>
                <dd>{formatAmount(report.spent)}</dd>
              </dl>
              <h3>Aktiviteter og resultater</h3>
              {report.activities ? (
                <RichTextView text={report.activities} />
              ) : (
                <p className="muted">Ikke udfyldt.</p>
              )}
            </section>
          ) : canEdit && values ? (
            <section className="panel" aria-labelledby="report-title">
              <h2 id="report-title">Forbrug og aktiviteter i {year}</h2>
              <p className="muted">
                Gem udkastn undervejs. Når afrapporteringen er indsendt, kan den ikke ændres.
              </p>
              <ReportForm
                key={version}
                year={year}
                version={version}
                defaultValues={values}
                failure={failure}
              />
            </section>
          ) : (
            <section className="panel" aria-labelledby="report-title">
              <h2 id="report-title">Forbrug og aktiviteter i {year}</h2>
              {failure?.formError ? (
                <div className="alert alert-error" role="alert">
                  {failure.formError}
                </div>
              ) : null}
              <p>
                {started
                  ? "Afrapporteringen kan ikke skrives her."
                  : `Afrapporteringen for ${year} kan først skrives, når året er begyndt.`}
              </p>
            </section>
          )}
        </div>
        <aside className="fund-form-aside panel" aria-labelledby="grant-title">
          <h2 id="grant-title">Bevillingen</h2>
          <dl className="facts">
            <dt>Bevilget {year}</dt>
            <dd>
              <strong>{formatAmount(amount)}</strong>
            </dd>
            <dt>Frist</dt>
            <dd>{formatDate(due)}</dd>
            <dt>Afdeling</dt>
            <dd>{grant.estateName}</dd>
          </dl>
          <h3>Alle år</h3>
          <ul className="fund-grant-years">
            {grant.years.map((y) => (
              <li key={y.year}>
                {y.year === year ? (
                  <strong aria-current="page">
                    {y.year}: {formatAmount(y.amount)}
                  </strong>
                ) : (
                  <Link to={grantReportPath(grant.fundId, grant.id, y.year)}>
                    {y.year}: {formatAmount(y.amount)}
                  </Link>
                )}
              </li>
            ))}
          </ul>
          <p className="no-print">
            <Link to={application}>Til ansøgningen</Link>
          </p>
        </aside>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
