/**
 * A plan's progress report (statusrapport) on one calendar year. The figures assemble themselves
 * from the year's measurements and spending (the same view as the Word and Excel downloads); the
 * reporter writes the summary, what worked, what changes next year and a status note per activity.
 * Reporters, the secretariat and admins edit a draft and finalise it; a final report shows its
 * snapshot and only an admin can reopen it, with a reason. Board members and viewers read.
 * One action switches on `intent` (save | finalise | reopen); every form works without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { ChartsSection } from "~/components/chart-figure";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, SubmitButton, TextArea, ValidatedForm } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import {
  budgetChartText,
  budgetSpendFromReport,
  criteriaByStatusFromReport,
  criteriaChartText,
  reportChartPath,
  toChartView,
} from "~/domain/charts";
import { formatAmount, formatDate, formatDateTime, formatPercent } from "~/domain/format";
import { parseFormData, type FormFailure } from "~/domain/form";
import {
  narrativeFormValues,
  ProgressReportNarrativeSchema,
  REPORT_EDITOR_ROLES,
  reportStatusLabels,
  ReopenReportSchema,
} from "~/domain/progress-report";
import { badRequest } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { chartTag } from "~/models/charts.server";
import { FieldValidationError } from "~/models/errors.server";
import {
  finaliseProgressReport,
  getProgressReport,
  reopenProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import { reportPath } from "~/paths";
import {
  formErrorResponse,
  readVersion,
  requireIdParam,
  requireYearParam,
} from "~/route-helpers.server";

import { CountsTable, ReportBody } from "~/components/progress-report-body";
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.view.title ?? "Statusrapport"} · ${data?.view.plan.name ?? ""} · Samarbejdsaftaler`,
  },
];

/** The messages (flash) after each action on the report. */
const MESSAGES = {
  saved: "Rapportens tekst er gemt.",
  final: "Rapporten er gjort endelig. Årets målinger og forbrug er nu låst.",
  reopened: "Rapporten er genåbnet og kan redigeres igen.",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const year = requireYearParam(params);
  const db = await getDb();
  const page = await getProgressReport(db, user, planId, year);
  // From the report's own view (a final report's charts show its frozen figures); titles and
  // tables only: each chart's drawing comes from its own address, which names the figures' tag
  // (the chart's route answers it without reading the report again).
  const criteria = criteriaByStatusFromReport(page.view);
  const budget = budgetSpendFromReport(page.view);
  const charts = [
    toChartView(
      criteriaChartText(criteria),
      reportChartPath(planId, year, "criteria", chartTag("criteria", criteria)),
    ),
    toChartView(
      budgetChartText(budget),
      reportChartPath(planId, year, "budget", chartTag("budget", budget)),
    ),
  ];
  return {
    ...page,
    charts,
    values: page.canEdit ? narrativeFormValues(page.view) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const year = requireYearParam(params);
  const db = await getDb();
  // Members only, before the form is read (the models check each intent's role again).
  await requirePlanRole(db, user, planId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const done = (message: keyof typeof MESSAGES) =>
    redirectWithFlash(request, reportPath(planId, year), MESSAGES[message]);

  if (intent === "reopen") {
    // Admins only: everybody else is refused before the form is read.
    await requirePlanRole(db, user, planId, []);
    const version = readVersion(formData);
    const parsed = parseFormData(ReopenReportSchema, formData);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    try {
      await reopenProgressReport(db, user, planId, year, version, parsed.data.reason);
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
    return done("reopened");
  }

  await requirePlanRole(db, user, planId, REPORT_EDITOR_ROLES);

  if (intent === "save") {
    // The version the narrative form was loaded at: 0 before the first save.
    const version = readVersion(formData, { allowUnsaved: true });
    const parsed = parseFormData(ProgressReportNarrativeSchema, formData);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    try {
      await saveProgressReportNarrative(db, user, planId, year, version, parsed.data);
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
    return done("saved");
  }

  if (intent === "finalise") {
    const version = readVersion(formData);
    const values = { intent };
    try {
      await finaliseProgressReport(db, user, planId, year, version);
    } catch (error) {
      // The only rule is the written summary; say so at the finalise button.
      if (error instanceof FieldValidationError) {
        return badRequest(values, {}, Object.values(error.errors).join(" "));
      }
      return formErrorResponse(error, values);
    }
    return done("final");
  }

  return badRequest({}, {}, "Handlingen kunne ikke udføres. Genindlæs siden, og prøv igen.");
}

/** The failure belongs to the form that was submitted with this intent. */
function failureFor(failure: FormFailure | undefined, intent: string) {
  return failure?.values.intent === intent ? failure : undefined;
}

export default function ProgressReportPage() {
  const { view, version, canEdit, canReopen, values, charts } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const finaliseFailure = failureFor(failure, "finalise");
  const base = reportPath(view.plan.id, view.year);
  const final = view.status === "final";
  const spending = view.spending;
  return (
    <>
      <PageHeader
        title={view.title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${view.plan.id}`, label: view.plan.name },
          { to: `/plans/${view.plan.id}/reports`, label: "Statusrapporter" },
        ]}
        actions={
          <>
            <a className="button button-secondary" href={`${base}/report.docx`} download>
              Hent som Word
            </a>
            <a className="button button-secondary" href={`${base}/report.xlsx`} download>
              Hent som Excel
            </a>
          </>
        }
      >
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <span className={final ? "badge badge-ok" : "badge"}>
              {reportStatusLabels[view.status]}
            </span>
            {view.finalised
              ? ` ${formatDateTime(view.finalised.at)}${view.finalised.by ? ` af ${view.finalised.by}` : ""}`
              : null}
          </dd>
          <dt>Frist</dt>
          <dd>{formatDate(view.due)}</dd>
        </dl>
      </PageHeader>

      {final ? (
        <p className="alert alert-warn" role="status">
          Rapporten er endelig og kan ikke ændres. Årets målinger og forbrug er låst.
          {canReopen ? "" : " En administrator kan genåbne den."}
        </p>
      ) : view.reopened ? (
        <p className="alert alert-warn">
          Genåbnet {formatDateTime(view.reopened.at)}
          {view.reopened.by ? ` af ${view.reopened.by}` : ""}: {view.reopened.reason}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="overview-title">
        <h2 id="overview-title">Overblik</h2>
        <CountsTable counts={view.counts} caption={`Succeskriterier i ${view.year} efter status`} />
        <dl className="facts">
          <dt>Budget {view.year}</dt>
          <dd>{formatAmount(spending.budget)}</dd>
          <dt>Forbrug {view.year}</dt>
          <dd>{formatAmount(spending.spent)}</dd>
          <dt>Heraf Landsbyggefonden</dt>
          <dd>
            {formatAmount(spending.lbfSpent)}
            {spending.lbfShareOfSpend != null
              ? ` (${formatPercent(spending.lbfShareOfSpend)} af forbruget)`
              : ""}
          </dd>
        </dl>
      </section>

      <ChartsSection id="report-charts" title="Diagrammer" charts={charts} />

      {canEdit && values ? (
        <ValidatedForm
          key={version}
          schema={ProgressReportNarrativeSchema}
          defaultValues={values}
          failure={failureFor(failure, "save")}
          hidden={{ intent: "save", version }}
          aria-label={`${view.title}, tekst og statusnoter`}
        >
          <ReportBody view={view} editing canEnterFigures />
          <div className="form-actions">
            <SubmitButton>Gem udkast</SubmitButton>
          </div>
        </ValidatedForm>
      ) : (
        <ReportBody view={view} editing={false} canEnterFigures={false} />
      )}

      {canEdit ? (
        <section className="panel no-print" aria-labelledby="finalise-title">
          <h2 id="finalise-title">Gør rapporten endelig</h2>
          <p>
            Når rapporten er endelig, gemmes den, som den ser ud nu, og hverken tekst, målinger
            eller forbrug for {view.year} kan ændres. Kun en administrator kan genåbne den. Gem dine
            ændringer, før du gør rapporten endelig.
          </p>
          {version === 0 ? (
            <p className="muted">Gem rapportens tekst først.</p>
          ) : (
            <Form method="post" aria-label="Gør rapporten endelig">
              <input type="hidden" name="intent" value="finalise" />
              <input type="hidden" name="version" value={version} />
              {finaliseFailure?.formError ? (
                <div className="alert alert-error" role="alert">
                  {finaliseFailure.formError}
                </div>
              ) : null}
              <SubmitButton>Gør rapporten endelig</SubmitButton>
            </Form>
          )}
        </section>
      ) : null}

      {canReopen ? (
        <section className="panel no-print" aria-labelledby="reopen-title">
          <h2 id="reopen-title">Genåbn rapporten</h2>
          <ValidatedForm
            schema={ReopenReportSchema}
            defaultValues={{ reason: "" }}
            failure={failureFor(failure, "reopen")}
            hidden={{ intent: "reopen", version }}
            aria-label="Genåbn rapporten"
          >
            <TextArea
              name="reason"
              label="Begrundelse"
              hint="Begrundelsen gemmes og vises på rapporten."
              required
              rows={3}
            />
            <SubmitButton variant="danger">Genåbn rapporten</SubmitButton>
          </ValidatedForm>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
