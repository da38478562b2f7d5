/**
 * An application to a dispositionsfond (/funds/:fundId/applications/:applicationId): everything it
 * says, its computed totals, the guideline checklist (R7; shown to applicants too, so they see
 * their application as the fund will), its history, the assessment and the decision, and after an
 * approval the grant with each year's report and deadline. What the reader does next stands first,
 * in a panel in their own words (beside the application on wide screens, above it on phones):
 * for the fund administration «Vurdering og beslutning» with the fund's frames, the assessment and
 * the organisation board's decision (warning before saving when it would exceed a year's frame);
 * for the applicant the submit button or the way back. What the user may do comes from
 * applicationPermissions. One action switches on `intent` (submit | withdraw | assess | decide);
 * each form has its own schema and works without JavaScript.
 *
 * The page's parts are beside this file: the loader data's shaping (application.presenter.server),
 * the panel (next-step-panel), what the application says (application-details), the decision and
 * grant (decision-and-grant), the forms (application-forms, decision-form).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { ApplicationStatusBadge, applicationPath, fundPath } from "~/components/fund-parts";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import {
  decisionSchema,
  FundAssessmentSchema,
  isDecided,
  isFundManager,
  WithdrawApplicationSchema,
} from "~/domain/disposition-fund";
import {
  APPLICATION_MESSAGES,
  type ApplicationMessageKey,
} from "~/domain/disposition-fund/application-messages";
import { todayInDenmark } from "~/domain/format";
import { parseFormData } from "~/domain/form";
import { badRequest, forbidden } from "~/http.server";
import { FieldValidationError } from "~/models/errors.server";
import {
  assessApplication,
  decideApplication,
  getApplication,
  submitApplication,
  withdrawApplication,
} from "~/models/fund-applications.server";
import { visiblePlanIds } from "~/models/plans.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";
import { ApplicationDetails, periodText } from "./application-details";
import { WithdrawForm } from "./application-forms";
import { presentApplicationPage } from "./application.presenter.server";
import { DecisionAndGrant } from "./decision-and-grant";
import { NextStepPanel } from "./next-step-panel";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.application.title ?? "Ansøgning"} · Samarbejdsaftaler` },
];

const SUBMIT_REFUSED = "Ansøgningen kan ikke indsendes endnu. Ret det, der mangler:";
const UNKNOWN_ACTION = "Handlingen kunne ikke udføres. Genindlæs siden, og prøv igen.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const applicationId = requireIdParam(params, "applicationId");
  const db = await getDb();
  const today = todayInDenmark();
  // 404 for others, and under another fund's address.
  const page = await getApplication(db, user, { fundId, applicationId }, today);
  // A linked LBF plan is a link only for those who may open it.
  const visible = await visiblePlanIds(
    db,
    user,
    page.application.funding.flatMap((f) => (f.planId == null ? [] : [f.planId])),
  );
  return presentApplicationPage(page, { visiblePlanIds: visible, today });
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
  const done = (notice: ApplicationMessageKey) =>
    redirectWithFlash(
      request,
      applicationPath(fundId, applicationId),
      APPLICATION_MESSAGES[notice],
    );
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
      if (!result.frames.hasWarnings) return done("decided");
      const warnings = result.frames.years.flatMap((y) => (y.warning ? [y.warning] : []));
      return redirectWithFlash(request, applicationPath(fundId, applicationId), {
        kind: "info",
        text: `${APPLICATION_MESSAGES["decided-over-frame"]} ${warnings.join(". ")}.`,
      });
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
  }

  return badRequest({}, {}, UNKNOWN_ACTION);
}
// --- the page -------------------------------------------------------------------------------

export default function ApplicationPage() {
  const view = useLoaderData<typeof loader>();
  const { fund, permissions, estate, application, funding, totals, checklist, grant, audience } =
    view;
  const failure = asFormFailure(useActionData<typeof action>());
  const base = applicationPath(fund.id, application.id);
  const decided = isDecided(application.status);
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

      {pageError ? (
        <div className="alert alert-error" role="alert">
          {pageError}
        </div>
      ) : null}

      {/* The panel comes first: beside the application on wide screens, above it on phones. */}
      <div className="fund-app-layout">
        <NextStepPanel base={base} view={view} failure={failure} />
        <div className="fund-app-main">
          <DecisionAndGrant fund={fund} application={application} grant={grant} />
          <ApplicationDetails
            estate={estate}
            application={application}
            funding={funding}
            totals={totals}
            checklist={checklist}
          />
          {permissions.canWithdraw ? (
            <WithdrawForm version={application.version} audience={audience} failure={failure} />
          ) : null}
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
