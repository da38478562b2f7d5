/** "Rediger aktivitet": one activity schema of the agreement. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { agreementPath } from "~/paths";
import { ActivityForm } from "~/components/activity-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { SectionPage } from "~/components/section-page";
import { ActivitySchema } from "~/domain/agreement";
import { activityFormValues, goalSelectOptions } from "~/domain/agreement-form-values";
import { organisationOptions } from "~/domain/register-options";
import { notFound } from "~/http.server";
import { getRegisterOptions } from "~/models/agreements/read.server";
import { requireActivity, saveActivity } from "~/models/agreements/activities.server";
import { requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Rediger aktiviteten «${data.values.name}» · Samarbejdsaftaler`
      : "Rediger aktivitet · Samarbejdsaftaler",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, record, lock } = await loadSection(request, params);
  const activityId = requireIdParam(params, "activityId");
  // Only an activity of this agreement: activityFormValues finds it among the record's own.
  const values = activityFormValues(record, activityId);
  if (!values) throw notFound("Aktiviteten findes ikke");
  const { organisations } = await getRegisterOptions(db);
  return {
    record: sectionSummary(record, lock),
    activityId,
    organisations: organisationOptions(organisations),
    goals: goalSelectOptions(record),
    values,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const activityId = requireIdParam(params, "activityId");
  return handleSectionAction(
    request,
    params,
    ActivitySchema,
    async ({ db, user, planId, agreementId, confirmRemoval }, version, values) => {
      // saveActivity answers 404 for an activity of another agreement.
      await saveActivity(db, user, planId, agreementId, activityId, version, values, {
        confirmRemoval,
      });
      return agreementPath(planId, agreementId, `activity-${activityId}`);
    },
    {
      flash: (values) => `Aktiviteten «${values.name}» er gemt.`,
      // An activity of another agreement is 404 before the form is even read.
      precheck: ({ db, user, planId, agreementId }) =>
        requireActivity(db, user, planId, agreementId, activityId),
    },
  );
}

export default function EditActivity() {
  const { record, activityId, organisations, goals, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = agreementPath(record.planId, record.id);
  return (
    <SectionPage
      title="Rediger aktivitet"
      agreement={record}
      intro={
        <p>
          <strong>{values.name}</strong> ·{" "}
          <Link to={`${base}/edit/activities`}>Alle aktiviteter</Link>
        </p>
      }
    >
      <ActivityForm
        key={activityId}
        defaultValues={values}
        failure={failure}
        version={record.version}
        organisations={organisations}
        goals={goals}
        cancelTo={agreementPath(record.planId, record.id, `activity-${activityId}`)}
      />
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
