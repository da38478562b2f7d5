/** "Ny aktivitet": adds an activity schema to the agreement and shows it on the agreement page. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { agreementPath } from "~/paths";
import { ActivityForm } from "~/components/activity-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { SectionPage } from "~/components/section-page";
import { ActivitySchema } from "~/domain/agreement";
import { emptyActivity, goalSelectOptions } from "~/domain/agreement-form-values";
import { organisationOptions } from "~/domain/register-options";
import { createActivity } from "~/models/agreements/activities.server";
import { getRegisterOptions } from "~/models/agreements/read.server";

export const meta: MetaFunction = () => [{ title: "Ny aktivitet · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, record, lock } = await loadSection(request, params);
  const { organisations } = await getRegisterOptions(db);
  return {
    record: sectionSummary(record, lock),
    organisations: organisationOptions(organisations),
    goals: goalSelectOptions(record),
    values: emptyActivity,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    ActivitySchema,
    async ({ db, user, planId, agreementId }, version, values) => {
      const activityId = await createActivity(db, user, planId, agreementId, version, values);
      return agreementPath(planId, agreementId, `activity-${activityId}`);
    },
    { flash: (values) => `Aktiviteten «${values.name}» er tilføjet.` },
  );
}

export default function NewActivity() {
  const { record, organisations, goals, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = agreementPath(record.planId, record.id);
  return (
    <SectionPage
      title="Ny aktivitet"
      agreement={record}
      intro={
        <p>
          Ét skema pr. aktivitet. Aktiviteten kommer sidst i{" "}
          <Link to={`${base}/edit/activities`}>listen over aktiviteter</Link>, hvor rækkefølgen kan
          ændres.
        </p>
      }
    >
      <ActivityForm
        defaultValues={values}
        failure={failure}
        version={record.version}
        organisations={organisations}
        goals={goals}
        saveLabel="Opret aktivitet"
        cancelTo={agreementPath(record.planId, record.id, "activities")}
      />
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
