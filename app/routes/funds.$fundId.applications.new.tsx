/**
 * "Ny ansøgning" to a dispositionsfond: an applicant for their estate (the fund administration for
 * any of the organisation's estates). "Gem udkast" creates a draft; "Indsend ansøgning" checks the
 * fund's rules for submitting, creates the application and submits it. The application's page
 * follows. Everybody else gets 404 (the model's access check).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { FundApplicationForm, readApplicationSubmission } from "~/components/fund-application-form";
import { applicationPath, fundPath } from "~/components/fund-parts";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { APPLICATION_MESSAGES } from "~/domain/disposition-fund/application-messages";
import { applicationFormValues, fundGuidelineItems } from "~/domain/disposition-fund";
import { todayInDenmark } from "~/domain/format";
import { badRequest } from "~/http.server";
import { getFund, requireFund } from "~/models/disposition-funds.server";
import { ConflictError, FieldValidationError, LockedError } from "~/models/errors.server";
import { createApplication, submitApplication } from "~/models/fund-applications.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Ny ansøgning · ${data?.fund.name ?? "Dispositionsfond"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const page = await getFund(await getDb(), user, fundId);
  const only = page.estates.length === 1 ? page.estates[0]! : null;
  // A new application starts next year, for one year; the period is changed in the form.
  const nextYear = Number(todayInDenmark().slice(0, 4)) + 1;
  return {
    fund: {
      id: page.fund.id,
      name: page.fund.name,
      maxYears: page.fund.maxYears,
      minOwnSharePercent: page.fund.minOwnSharePercent,
      maxAmountPerTenancy: page.fund.maxAmountPerTenancy,
    },
    guidelineItems: fundGuidelineItems(page.fund),
    estates: page.estates,
    planOptions: page.planOptions,
    values: applicationFormValues(null, {
      estateId: only?.id ?? null,
      tenancies: only?.tenancies ?? null,
      startYear: nextYear,
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const db = await getDb();
  // Before the form is read: 404 for anybody without a role on the fund.
  const { fund } = await requireFund(db, user, fundId);
  const submission = readApplicationSubmission(await request.formData(), fund);
  if (submission.kind === "reply") {
    return submission.status === 400
      ? badRequest(submission.failure.values, submission.failure.errors)
      : data(submission.failure, { status: 200 });
  }
  let created: { id: number; version: number };
  try {
    created = await createApplication(db, user, fundId, submission.data);
  } catch (error) {
    return formErrorResponse(error, submission.values);
  }
  const page = applicationPath(fundId, created.id);
  if (submission.intent === "draft")
    return redirectWithFlash(request, page, APPLICATION_MESSAGES.saved);
  try {
    await submitApplication(db, user, { fundId, applicationId: created.id }, created.version);
  } catch (error) {
    // The form passed the submit rules, so this is next to impossible; the draft is saved, and its
    // page tells why it cannot be submitted (posting this form again would make a second draft).
    if (
      error instanceof FieldValidationError ||
      error instanceof ConflictError ||
      error instanceof LockedError
    ) {
      return redirectWithFlash(request, page, APPLICATION_MESSAGES.saved);
    }
    throw error;
  }
  return redirectWithFlash(request, page, APPLICATION_MESSAGES.submitted);
}

export default function NewApplicationPage() {
  const { fund, guidelineItems, estates, planOptions, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const back = fundPath(fund.id);
  return (
    <>
      <PageHeader
        title="Ny ansøgning"
        crumbs={[
          { to: "/funds", label: "Dispositionsfonde" },
          { to: back, label: fund.name },
        ]}
      />
      <section className="panel fund-rules-panel" aria-labelledby="rules-title">
        <h2 id="rules-title">Fondens retningslinjer i korte træk</h2>
        <ul className="fund-rules">
          {guidelineItems.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p className="no-print">
          <Link to={back}>Læs hele retningslinjerne</Link>
        </p>
      </section>
      {estates.length === 0 ? (
        <p className="empty">
          Boligorganisationen har ingen afdelinger, der kan søge. Kontakt fondens administration.
        </p>
      ) : (
        <FundApplicationForm
          fund={fund}
          estates={estates}
          planOptions={planOptions}
          defaultValues={values}
          failure={failure}
          cancelTo={back}
        />
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
