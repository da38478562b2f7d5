/**
 * Editing an application to a dispositionsfond while it is a draft: the same form as "Ny
 * ansøgning", with the saved values and the version it was loaded at (a save over a newer one is
 * a 409 with the input kept). "Indsend ansøgning" saves and submits in one go. A submitted,
 * decided or withdrawn application shows why it cannot be changed. Applicants of its estate and
 * the fund's administration; others 404.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { FundApplicationForm, readApplicationSubmission } from "~/components/fund-application-form";
import { ApplicationStatusBadge, applicationPath, fundPath } from "~/components/fund-parts";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import {
  applicationAudience,
  applicationFormValues,
  applicationLockMessageFor,
} from "~/domain/disposition-fund";
import { APPLICATION_MESSAGES } from "~/domain/disposition-fund/application-messages";
import { formDataToValues } from "~/domain/form";
import { badRequest, conflict } from "~/http.server";
import { getFund } from "~/models/disposition-funds.server";
import {
  getApplication,
  submitApplication,
  updateApplication,
} from "~/models/fund-applications.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Rediger ${data?.application.title ?? "ansøgning"} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const applicationId = requireIdParam(params, "applicationId");
  const db = await getDb();
  // 404 for others, and under another fund's address.
  const page = await getApplication(db, user, { fundId, applicationId });
  const { application } = page;
  const base = {
    fund: {
      id: page.fund.id,
      name: page.fund.name,
      maxYears: page.fund.maxYears,
      minOwnSharePercent: page.fund.minOwnSharePercent,
      maxAmountPerTenancy: page.fund.maxAmountPerTenancy,
    },
    application: {
      id: application.id,
      title: application.title,
      status: application.status,
      version: application.version,
    },
    // Said to this reader: the applicant is told how to change it, the administration not.
    lockMessage: applicationLockMessageFor(application.status, applicationAudience(page.role)),
  };
  if (!page.permissions.canEdit) {
    return { ...base, form: null };
  }
  const { estates, planOptions } = await getFund(db, user, fundId);
  return {
    ...base,
    form: { estates, planOptions, values: applicationFormValues(application) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const applicationId = requireIdParam(params, "applicationId");
  const db = await getDb();
  const scope = { fundId, applicationId };
  const page = await getApplication(db, user, scope);
  const formData = await request.formData();
  const locked = applicationLockMessageFor(page.application.status, applicationAudience(page.role));
  if (locked) return conflict(formDataToValues(formData), locked);
  const version = readVersion(formData);
  const submission = readApplicationSubmission(formData, page.fund);
  if (submission.kind === "reply") {
    return submission.status === 400
      ? badRequest(submission.failure.values, submission.failure.errors)
      : data(submission.failure, { status: 200 });
  }
  try {
    if (submission.intent === "submit") {
      await submitApplication(db, user, scope, version, submission.data);
    } else {
      await updateApplication(db, user, scope, version, submission.data);
    }
  } catch (error) {
    return formErrorResponse(error, submission.values);
  }
  return redirectWithFlash(
    request,
    applicationPath(fundId, applicationId),
    APPLICATION_MESSAGES[submission.intent === "submit" ? "submitted" : "saved"],
  );
}

export default function EditApplicationPage() {
  const { fund, application, lockMessage, form } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const page = applicationPath(fund.id, application.id);
  return (
    <>
      <PageHeader
        title={`Rediger ${application.title}`}
        crumbs={[
          { to: "/funds", label: "Dispositionsfonde" },
          { to: fundPath(fund.id), label: fund.name },
          { to: page, label: application.title },
        ]}
      >
        <p>
          <ApplicationStatusBadge status={application.status} />
        </p>
      </PageHeader>
      {form ? (
        <FundApplicationForm
          fund={fund}
          estates={form.estates}
          planOptions={form.planOptions}
          defaultValues={form.values}
          failure={failure}
          version={application.version}
          cancelTo={page}
        />
      ) : (
        <>
          <div className="alert alert-warn" role="status">
            {failure?.formError ?? lockMessage}
          </div>
          <p>
            <Link to={page}>Tilbage til ansøgningen</Link>
          </p>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
