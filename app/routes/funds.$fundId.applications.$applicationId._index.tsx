/**
 * An application to a dispositionsfond (/funds/:fundId/applications/:applicationId): everything it
 * says, its computed totals, the guideline checklist (R7; shown to applicants too, so they see
 * their application as the fund will), its history, the assessment and the decision, and after an
 * approval the grant with each year's report and deadline. What the user may do now comes from
 * applicationPermissions: edit, submit or withdraw; for the fund administration the assessment and
 * the organisation board's decision, with the fund's frames beside it and a warning before saving
 * when the decision would exceed a year's frame. One action switches on `intent` (submit |
 * withdraw | assess | decide); each form has its own schema and works without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  Checkbox,
  HiddenField,
  SubmitButton,
  TextArea,
  TextField,
  ValidatedForm,
} from "~/components/form";
import {
  ApplicationStatusBadge,
  applicationPath,
  FrameOverviewTable,
  FrameWarnings,
  FundChecklist,
  fundPath,
  grantReportPath,
  ReportStateBadge,
} from "~/components/fund-parts";
import { PageHeader } from "~/components/page-header";
import { FieldMessage, RadioField } from "~/components/radio-field";
import { RichTextView } from "~/components/rich-text";
import { getDb } from "~/db.server";
import { amountField } from "~/domain/agreement";
import {
  applicationLockMessage,
  assessmentFormValues,
  decisionFormValues,
  decisionSchema,
  FUND_DECISIONS,
  FUND_RECOMMENDATIONS,
  FundAssessmentSchema,
  fundDecisionLabels,
  fundFundingKindLabels,
  fundNeedLabels,
  fundRecommendationLabels,
  frameOverview,
  hasYearStarted,
  isDecided,
  isFundManager,
  WithdrawApplicationSchema,
  type FrameOverview,
  type FundFundingKind,
  type RequestedYear,
} from "~/domain/disposition-fund";
import {
  formatAmount,
  formatDate,
  formatDateTime,
  formatPercent,
  todayInDenmark,
} from "~/domain/format";
import { parseFormData, type FormFailure } from "~/domain/form";
import { reportDeadline } from "~/domain/reporting";
import { deadlineState } from "~/domain/revision";
import { badRequest, forbidden } from "~/http.server";
import { FieldValidationError } from "~/models/errors.server";
import {
  assessApplication,
  decideApplication,
  getApplication,
  submitApplication,
  withdrawApplication,
} from "~/models/fund-applications.server";
import { listPlansForUser } from "~/models/plans.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.application.title ?? "Ansøgning"} · Samarbejdsaftaler` },
];

const NOTICES = {
  saved: "Ansøgningen er gemt som kladde.",
  submitted: "Ansøgningen er indsendt til fonden.",
  withdrawn: "Ansøgningen er trukket tilbage.",
  assessed: "Vurderingen og indstillingen er gemt.",
  decided: "Organisationsbestyrelsens afgørelse er registreret.",
  "decided-over-frame":
    "Organisationsbestyrelsens afgørelse er registreret, men bevillingen går ud over fondens ramme.",
} as const;
type NoticeKey = keyof typeof NOTICES;

const SUBMIT_REFUSED = "Ansøgningen kan ikke indsendes endnu. Ret det, der mangler:";
const UNKNOWN_ACTION = "Handlingen kunne ikke udføres. Genindlæs siden, og prøv igen.";

interface FundingRow {
  id: number;
  kind: FundFundingKind;
  planId: number | null;
  planName: string | null;
  name: string | null;
  amount: number;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const applicationId = requireIdParam(params, "applicationId");
  const db = await getDb();
  const today = todayInDenmark();
  // 404 for others, and under another fund's address.
  const page = await getApplication(db, user, { fundId, applicationId }, today);
  const { application, fund, permissions } = page;
  // The record's funding rows, with the linked plan's name and the row's id.
  const funding: FundingRow[] = application.funding;
  // A linked LBF plan is a link only for those who may open it.
  const visiblePlans = funding.some((f) => f.planId != null)
    ? new Set((await listPlansForUser(db, user)).map((p) => p.id))
    : new Set<number>();
  const currentYear = Number(today.slice(0, 4));
  const grant = page.grant && {
    id: page.grant.id,
    total: page.grant.total,
    years: page.grant.years.map((y) => {
      const report = page.grant!.reports.find((r) => r.year === y.year) ?? null;
      const due = reportDeadline(y.year, fund.reportDueMonthDay);
      return {
        year: y.year,
        amount: y.amount,
        due,
        reportStatus: report?.status ?? null,
        spent: report?.spent ?? null,
        state: report?.status === "submitted" ? ("ok" as const) : deadlineState(due, today),
        /** The report is due once the year has ended. */
        ended: y.year < currentYear,
        started: hasYearStarted(y.year, today),
      };
    }),
  };
  const done = new URL(request.url).searchParams.get("done");
  const notice = (Object.keys(NOTICES) as NoticeKey[]).find((key) => key === done) ?? null;
  return {
    fund: { id: fund.id, name: fund.name, organisationName: fund.organisationName },
    role: page.role,
    manager: isFundManager(page.role),
    permissions,
    estate: page.estate,
    application,
    /** The other funding, each linked plan marked as one the user may open or not. */
    funding: funding.map((f) => ({
      ...f,
      planVisible: f.planId != null && visiblePlans.has(f.planId),
    })),
    totals: page.totals,
    checklist: page.checklist,
    grant,
    frames: page.frames,
    lockMessage: applicationLockMessage(application.status),
    assessmentValues: permissions.canAssess ? assessmentFormValues(application) : null,
    decisionValues: permissions.canDecide ? decisionFormValues(application.years, today) : null,
    notice,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const applicationId = requireIdParam(params, "applicationId");
  const db = await getDb();
  // Before the form is read: 404 for anybody who may not see the application.
  const scope = { fundId, applicationId };
  const page = await getApplication(db, user, scope);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const done = (notice: NoticeKey) =>
    redirect(applicationPath(fundId, applicationId, `?done=${notice}`));
  // Assessing and deciding are the fund administration's: applicants get 403 whatever they post.
  if ((intent === "assess" || intent === "decide") && !isFundManager(page.role)) {
    throw forbidden("Kun fondens administration kan vurdere og afgøre ansøgninger");
  }

  if (intent === "submit") {
    const version = readVersion(formData);
    const values = { intent };
    try {
      await submitApplication(db, user, scope, version);
    } catch (error) {
      if (error instanceof FieldValidationError) {
        return badRequest(values, error.errors, SUBMIT_REFUSED);
      }
      return formErrorResponse(error, values);
    }
    return done("submitted");
  }

  if (intent === "withdraw") {
    const version = readVersion(formData);
    const parsed = parseFormData(WithdrawApplicationSchema, formData);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    try {
      await withdrawApplication(db, user, scope, version);
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
    return done("withdrawn");
  }

  if (intent === "assess") {
    const version = readVersion(formData);
    const parsed = parseFormData(FundAssessmentSchema, formData);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    try {
      await assessApplication(db, user, scope, version, parsed.data);
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
    return done("assessed");
  }

  if (intent === "decide") {
    const version = readVersion(formData);
    const parsed = parseFormData(decisionSchema(page.application.years), formData);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    try {
      const result = await decideApplication(db, user, scope, version, parsed.data);
      // The model's frame overview after the decision is what counts: over the frame is allowed,
      // and the page says so.
      return done(result.frames.hasWarnings ? "decided-over-frame" : "decided");
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
  }

  return badRequest({}, {}, UNKNOWN_ACTION);
}

/** The failure belongs to the form that was submitted with this intent. */
function failureFor(failure: FormFailure | undefined, intent: string) {
  return failure?.values.intent === intent ? failure : undefined;
}

function periodText(startYear: number, endYear: number) {
  const years = endYear - startYear + 1;
  return startYear === endYear
    ? `${startYear} (1 år)`
    : `${startYear}–${endYear} (${years > 0 ? years : 0} år)`;
}

const kroner = (value: number | null) => (value == null ? "–" : formatAmount(Math.round(value)));

// --- the decision form ----------------------------------------------------------------------

const previewAmount = amountField();

/** The frames and what is granted, recovered from the loader's overview. */
function frameInputs(overview: FrameOverview) {
  return {
    frames: overview.years
      .filter((y) => y.frame != null)
      .map((y) => ({ year: y.year, amount: y.frame! })),
    committed: overview.years.map((y) => ({ year: y.year, amount: y.committed })),
    years: overview.years.map((y) => y.year),
  };
}

/**
 * The fund's frames against the decision being entered: approved adds the requested amounts,
 * a lower amount adds what is typed, a rejection nothing. Inside the decision form.
 */
function LiveFrames({
  overview,
  requested,
}: {
  overview: FrameOverview;
  requested: readonly RequestedYear[];
}) {
  const decision = useWatch({ name: "decision" }) as unknown;
  const amounts = useWatch({ name: "amounts" }) as unknown;
  const inputs = useMemo(() => frameInputs(overview), [overview]);
  const pending =
    decision === "rejected"
      ? []
      : decision === "approved_reduced"
        ? (Array.isArray(amounts) ? amounts : []).flatMap((row: unknown) => {
            const r = (row ?? {}) as { year?: unknown; amount?: unknown };
            const amount = previewAmount.safeParse(r.amount);
            const year = Number(r.year);
            return Number.isInteger(year) && amount.success ? [{ year, amount: amount.data }] : [];
          })
        : requested.map((r) => ({ year: r.year, amount: r.requestedAmount }));
  const live = frameOverview(inputs.frames, inputs.committed, inputs.years, pending);
  return (
    <>
      <h3 id="decision-frames-title">Fondens ramme</h3>
      <FrameWarnings
        overview={live}
        intro="Afgørelsen vil overskride fondens ramme. Den kan godt gemmes, men organisationsbestyrelsen bør være opmærksom på det:"
        live
      />
      <FrameOverviewTable
        overview={live}
        caption="Ramme, bevilget og rest pr. år med denne afgørelse"
        showProposed
      />
      <p className="muted small">
        {decision === "rejected"
          ? "Et afslag bruger intet af rammen."
          : decision === "approved_reduced"
            ? "Beregnet med de beløb, der står i formularen."
            : "Beregnet med de ansøgte beløb."}
      </p>
    </>
  );
}

/** The amounts per year for «Bevilget med lavere beløb» (hidden with JavaScript otherwise). */
function ReducedAmounts({
  requested,
  failure,
}: {
  requested: readonly RequestedYear[];
  failure?: FormFailure;
}) {
  const decision = useWatch({ name: "decision" }) as unknown;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const rows = requested.filter((r) => r.requestedAmount > 0);
  const shown = !hydrated || decision === "approved_reduced";
  return (
    <fieldset className="fund-amounts" hidden={!shown} aria-describedby="decision-amounts-hint">
      <legend>Bevilget beløb pr. år</legend>
      <p className="field-hint" id="decision-amounts-hint">
        Kun ved «{fundDecisionLabels.approved_reduced}»: det bevilgede beløb for hvert år, højst det
        ansøgte.
      </p>
      <FieldMessage name="amounts" serverError={failure?.errors.amounts} />
      <div className="row-fields amount-fields">
        {rows.map((r, i) => (
          <div key={r.year}>
            <HiddenField name={`amounts.${i}.year`} />
            <FieldMessage
              name={`amounts.${i}.year`}
              serverError={failure?.errors[`amounts.${i}.year`]}
            />
            <TextField
              name={`amounts.${i}.amount`}
              label={`Bevilget ${r.year} (kr.)`}
              hint={`Ansøgt: ${formatAmount(r.requestedAmount)}`}
              inputMode="numeric"
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function DecisionForm({
  requested,
  frames,
  defaultValues,
  failure,
  version,
}: {
  requested: readonly RequestedYear[];
  frames: FrameOverview | null;
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  version: number;
}) {
  const schema = useMemo(() => decisionSchema(requested), [requested]);
  return (
    <ValidatedForm
      schema={schema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={{ intent: "decide", version }}
      aria-label="Organisationsbestyrelsens afgørelse"
    >
      <div className="fund-form-layout">
        <div>
          <RadioField
            name="decision"
            legend="Afgørelse"
            required
            options={FUND_DECISIONS.map((d) => ({ value: d, label: fundDecisionLabels[d] }))}
            serverError={failure?.errors.decision}
          />
          <TextField name="decisionDate" label="Dato for afgørelsen" type="date" required />
          <TextArea
            name="conditions"
            label="Vilkår"
            hint="Fx krav om afrapportering eller om anden finansiering. Kommer med i afgørelsesbrevet."
            rows={4}
          />
          <ReducedAmounts requested={requested} failure={failure} />
        </div>
        {frames ? (
          <aside className="fund-form-aside" aria-labelledby="decision-frames-title">
            <LiveFrames overview={frames} requested={requested} />
          </aside>
        ) : null}
      </div>
      <div className="form-actions">
        <SubmitButton>Registrér afgørelsen</SubmitButton>
      </div>
    </ValidatedForm>
  );
}

// --- the page -------------------------------------------------------------------------------

export default function ApplicationPage() {
  const {
    fund,
    permissions,
    estate,
    application,
    funding,
    totals,
    checklist,
    grant,
    frames,
    lockMessage,
    assessmentValues,
    decisionValues,
    notice,
  } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = applicationPath(fund.id, application.id);
  const decided = isDecided(application.status);
  const submitFailure = failureFor(failure, "submit");
  // A form shows its own messages; one for a form no longer on the page goes at the top.
  const shownForms = [
    ...(permissions.canSubmit ? ["submit"] : []),
    ...(permissions.canWithdraw ? ["withdraw"] : []),
    ...(permissions.canAssess ? ["assess"] : []),
    ...(permissions.canDecide ? ["decide"] : []),
  ];
  const pageError =
    failure?.formError && !shownForms.includes(String(failure.values.intent))
      ? failure.formError
      : undefined;

  return (
    <>
      <PageHeader
        title={application.title}
        crumbs={[
          { to: "/funds", label: "Dispositionsfonde" },
          { to: fundPath(fund.id), label: fund.name },
        ]}
        actions={
          <>
            {permissions.canEdit ? (
              <Link className="button button-primary" to={`${base}/edit`}>
                Rediger ansøgningen
              </Link>
            ) : null}
            <a className="button button-secondary" href={`${base}/application.docx`} download>
              Hent ansøgningen (Word)
            </a>
            {decided ? (
              <a className="button button-secondary" href={`${base}/decision.docx`} download>
                Hent afgørelsesbrevet (Word)
              </a>
            ) : null}
          </>
        }
      >
        <p>
          <ApplicationStatusBadge status={application.status} /> {estate.name} ·{" "}
          {periodText(application.startYear, application.endYear)} · {fund.organisationName}
        </p>
      </PageHeader>

      {notice ? (
        <div
          className={notice === "decided-over-frame" ? "alert alert-warn" : "alert alert-ok"}
          role="status"
        >
          {NOTICES[notice]}
          {notice === "decided-over-frame" && frames ? (
            <ul>
              {frames.years
                .filter((y) => y.warning)
                .map((y) => (
                  <li key={y.year}>{y.warning}</li>
                ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {pageError ? (
        <div className="alert alert-error" role="alert">
          {pageError}
        </div>
      ) : null}
      {lockMessage && application.status !== "draft" ? (
        <p className="muted">{lockMessage}</p>
      ) : null}

      <section className="panel" aria-labelledby="application-title">
        <h2 id="application-title">Ansøgningen</h2>
        <dl className="facts">
          <dt>Afdeling</dt>
          <dd>{estate.name}</dd>
          <dt>Antal lejemål</dt>
          <dd>{application.tenancies ?? "Ikke oplyst"}</dd>
          <dt>Behov</dt>
          <dd>{fundNeedLabels[application.need]}</dd>
          <dt>Periode</dt>
          <dd>{periodText(application.startYear, application.endYear)}</dd>
          <dt>Almindelig fællesaktivitet?</dt>
          <dd>
            {application.notOrdinaryActivity
              ? "Nej, ansøgeren har bekræftet, at indsatsen ikke er en almindelig fællesaktivitet"
              : "Ikke bekræftet"}
          </dd>
        </dl>
        <h3>Beskrivelse af indsatsen</h3>
        {application.description ? (
          <RichTextView text={application.description} />
        ) : (
          <p className="muted">Ikke udfyldt.</p>
        )}
        <h3>Formål</h3>
        {application.purpose ? (
          <RichTextView text={application.purpose} />
        ) : (
          <p className="muted">Ikke udfyldt.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="budget-title">
        <h2 id="budget-title">Budget</h2>
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">Ansøgt beløb og egenfinansiering pr. år</caption>
            <thead>
              <tr>
                <th scope="col">År</th>
                <th scope="col" className="num">
                  Ansøgt
                </th>
                <th scope="col" className="num">
                  Egenfinansiering
                </th>
                <th scope="col" className="num">
                  I alt
                </th>
                <th scope="col" className="num">
                  Ansøgt pr. lejemål
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td className="num">{formatAmount(y.requested)}</td>
                  <td className="num">{formatAmount(y.own)}</td>
                  <td className="num">{formatAmount(y.total)}</td>
                  <td className="num">{kroner(y.perTenancy)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row">I alt</th>
                <td className="num">{formatAmount(totals.requested)}</td>
                <td className="num">{formatAmount(totals.own)}</td>
                <td className="num">{formatAmount(totals.requested + totals.own)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>

        <h3>Anden finansiering</h3>
        {funding.length === 0 ? (
          <p className="muted">Der er ikke søgt eller opnået anden finansiering.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="sr-only">Anden finansiering i hele perioden</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Navn</th>
                  <th scope="col" className="num">
                    Beløb
                  </th>
                </tr>
              </thead>
              <tbody>
                {funding.map((f) => (
                  <tr key={f.id}>
                    <td>{fundFundingKindLabels[f.kind]}</td>
                    <td>
                      {f.planId != null && f.planVisible ? (
                        <Link to={`/plans/${f.planId}`}>{f.planName ?? f.name}</Link>
                      ) : (
                        (f.planName ?? f.name ?? "–")
                      )}
                    </td>
                    <td className="num">{formatAmount(f.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h3>Nøgletal</h3>
        <dl className="facts">
          <dt>Ansøgt i alt</dt>
          <dd>{formatAmount(totals.requested)}</dd>
          <dt>Egenfinansiering</dt>
          <dd>{formatAmount(totals.own)}</dd>
          <dt>Anden finansiering</dt>
          <dd>{formatAmount(totals.other)}</dd>
          <dt>Samlet budget</dt>
          <dd>{formatAmount(totals.total)}</dd>
          <dt>Egenfinansieringens andel</dt>
          <dd>{totals.ownShare == null ? "–" : formatPercent(totals.ownShare)}</dd>
          <dt>Ansøgt pr. lejemål pr. år</dt>
          <dd>{kroner(totals.perTenancyPerYear)}</dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="checklist-title">
        <h2 id="checklist-title">Tjekliste efter fondens retningslinjer</h2>
        <p className="muted">
          Beregnet ud fra ansøgningen. Organisationsbestyrelsen kan godt afgøre anderledes.
        </p>
        <FundChecklist items={checklist} />
      </section>

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Forløb</h2>
        <ol className="fund-history">
          <li>
            Oprettet {formatDateTime(application.createdAt)}
            {application.createdBy ? ` af ${application.createdBy}` : ""}
          </li>
          {application.submittedAt ? (
            <li>
              Indsendt {formatDateTime(application.submittedAt)}
              {application.submittedBy ? ` af ${application.submittedBy}` : ""}
            </li>
          ) : null}
          {application.assessedAt ? (
            <li>
              Vurderet {formatDateTime(application.assessedAt)}
              {application.assessedBy ? ` af ${application.assessedBy}` : ""}
            </li>
          ) : null}
          {application.decisionDate ? (
            <li>
              Afgjort af organisationsbestyrelsen {formatDate(application.decisionDate)}
              {application.decidedAt
                ? ` (registreret ${formatDateTime(application.decidedAt)}${application.decidedBy ? ` af ${application.decidedBy}` : ""})`
                : ""}
            </li>
          ) : null}
          {application.status === "withdrawn" ? <li>Trukket tilbage</li> : null}
        </ol>
      </section>

      {application.assessment ? (
        <section className="panel" aria-labelledby="assessment-title">
          <h2 id="assessment-title">Fondsadministrationens vurdering</h2>
          {application.recommendation ? (
            <p>
              <strong>{fundRecommendationLabels[application.recommendation]}</strong>
            </p>
          ) : null}
          <p className="fund-text">{application.assessment}</p>
        </section>
      ) : null}

      {decided ? (
        <section className="panel" aria-labelledby="decision-title">
          <h2 id="decision-title">Afgørelse</h2>
          <dl className="facts">
            <dt>Afgørelse</dt>
            <dd>
              <ApplicationStatusBadge status={application.status} />
            </dd>
            <dt>Dato</dt>
            <dd>{application.decisionDate ? formatDate(application.decisionDate) : "–"}</dd>
            <dt>Vilkår</dt>
            <dd className="fund-text">{application.decisionConditions ?? "Ingen"}</dd>
          </dl>
          {grant ? (
            <>
              <h3>Bevilling og afrapportering</h3>
              <div className="table-wrap">
                <table className="data">
                  <caption className="sr-only">
                    Bevilget beløb pr. år med afrapportering og frist
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">År</th>
                      <th scope="col" className="num">
                        Bevilget
                      </th>
                      <th scope="col">Afrapportering</th>
                      <th scope="col">Frist</th>
                      <th scope="col">
                        <span className="sr-only">Handling</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {grant.years.map((y) => (
                      <tr key={y.year}>
                        <th scope="row">{y.year}</th>
                        <td className="num">{formatAmount(y.amount)}</td>
                        <td>
                          <ReportStateBadge
                            status={y.reportStatus}
                            state={y.state}
                            ended={y.ended}
                          />
                          {y.spent != null ? (
                            <div className="muted small">Forbrug: {formatAmount(y.spent)}</div>
                          ) : null}
                        </td>
                        <td>{formatDate(y.due)}</td>
                        <td>
                          <Link to={grantReportPath(fund.id, grant.id, y.year)}>
                            {y.reportStatus === "submitted" || !y.started
                              ? `Se afrapportering ${y.year}`
                              : `Afrapportér ${y.year}`}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr className="total-row">
                      <th scope="row">I alt</th>
                      <td className="num">{formatAmount(grant.total)}</td>
                      <td />
                      <td />
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            </>
          ) : null}
        </section>
      ) : null}

      {frames && !permissions.canDecide ? (
        <section className="panel" aria-labelledby="frames-title">
          <h2 id="frames-title">Fondens ramme</h2>
          <FrameWarnings
            overview={frames}
            intro="Fondens ramme er overskredet, eller der er bevilget i et år uden ramme:"
          />
          <FrameOverviewTable
            overview={frames}
            caption="Fondens ramme, bevilget beløb og rest pr. år i ansøgningens periode"
            showProposed={application.status === "submitted"}
          />
        </section>
      ) : null}

      {permissions.canSubmit ? (
        <section className="panel no-print" aria-labelledby="submit-title">
          <h2 id="submit-title">Indsend ansøgningen</h2>
          <p>Når ansøgningen er indsendt, kan den ikke ændres, medmindre den trækkes tilbage.</p>
          {submitFailure?.formError ? (
            <div className="alert alert-error" role="alert">
              <p>{submitFailure.formError}</p>
              <ul>
                {Object.values(submitFailure.errors).map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
              {permissions.canEdit ? (
                <p>
                  <Link to={`${base}/edit`}>Ret ansøgningen</Link>
                </p>
              ) : null}
            </div>
          ) : null}
          <Form method="post" aria-label="Indsend ansøgningen">
            <input type="hidden" name="intent" value="submit" />
            <input type="hidden" name="version" value={application.version} />
            <SubmitButton>Indsend ansøgning</SubmitButton>
          </Form>
        </section>
      ) : null}

      {permissions.canAssess && assessmentValues ? (
        <section className="panel no-print" aria-labelledby="assess-title">
          <h2 id="assess-title">Vurdering og indstilling</h2>
          <ValidatedForm
            schema={FundAssessmentSchema}
            defaultValues={assessmentValues}
            failure={failureFor(failure, "assess")}
            hidden={{ intent: "assess", version: application.version }}
            aria-label="Vurdering og indstilling"
          >
            <TextArea
              name="assessment"
              label="Vurdering"
              hint="Fondsadministrationens vurdering af ansøgningen efter fondens retningslinjer. Kan rettes, indtil der er truffet afgørelse."
              required
              rows={6}
            />
            <RadioField
              name="recommendation"
              legend="Indstilling til organisationsbestyrelsen"
              required
              options={FUND_RECOMMENDATIONS.map((r) => ({
                value: r,
                label: fundRecommendationLabels[r],
              }))}
              serverError={failureFor(failure, "assess")?.errors.recommendation}
            />
            <div className="form-actions">
              <SubmitButton variant="secondary">Gem vurdering</SubmitButton>
            </div>
          </ValidatedForm>
        </section>
      ) : null}

      {permissions.canDecide && decisionValues ? (
        <section className="panel no-print" aria-labelledby="decide-title">
          <h2 id="decide-title">Organisationsbestyrelsens afgørelse</h2>
          <p className="muted">
            Registrér den afgørelse, organisationsbestyrelsen har truffet. Derefter kan ansøgningen
            ikke ændres.
          </p>
          <DecisionForm
            requested={application.years}
            frames={frames}
            defaultValues={decisionValues}
            failure={failureFor(failure, "decide")}
            version={application.version}
          />
        </section>
      ) : null}

      {permissions.canWithdraw ? (
        <section className="panel no-print" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">Træk ansøgningen tilbage</h2>
          <ValidatedForm
            schema={WithdrawApplicationSchema}
            defaultValues={{ confirm: false }}
            failure={failureFor(failure, "withdraw")}
            hidden={{ intent: "withdraw", version: application.version }}
            aria-label="Træk ansøgningen tilbage"
          >
            <p>En ansøgning, der er trukket tilbage, kan ikke genoptages.</p>
            <Checkbox
              name="confirm"
              label="Ja, ansøgningen skal trækkes tilbage. Det kan ikke fortrydes."
            />
            <div className="form-actions">
              <SubmitButton variant="danger">Træk ansøgningen tilbage</SubmitButton>
            </div>
          </ValidatedForm>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
