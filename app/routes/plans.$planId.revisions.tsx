/**
 * "Start årets revision af alle delaftaler" (secretariat and administrators). The plan page posts
 * its small form here; on success this goes back to the plan page with a message saying how many
 * revisions were started. After a failed submit this page shows the form with the message.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { success, type FlashInput } from "~/domain/flash";
import { parseFormData } from "~/domain/form";
import { StartRevisionSchema } from "~/domain/revision";
import { badRequest, notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { getPlanPage } from "~/models/plans.server";
import { startPlanRevisions } from "~/models/revisions.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction = () => [{ title: "Start årets revision · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, ["secretariat"]);
  const page = await getPlanPage(db, user, planId);
  if (!page) throw notFound();
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    defaults: { year: new Date().getFullYear() },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, ["secretariat"]);
  const parsed = parseFormData(StartRevisionSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    const started = await startPlanRevisions(db, user, planId, parsed.data.year);
    return redirectWithFlash(request, `/plans/${planId}`, revisionsStartedMessage(started));
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
}

function revisionsStartedMessage(count: number): FlashInput {
  if (count === 0)
    return {
      kind: "info",
      text: "Alle delaftaler var allerede under revision. Der er ikke startet nye.",
    };
  return success(
    count === 1
      ? "Revisionen er startet for 1 delaftale."
      : `Revisionen er startet for ${count} delaftaler.`,
  );
}

export default function StartPlanRevisions() {
  const { plan, defaults } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title="Start årets revision af alle delaftaler"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
        ]}
      >
        <p className="muted">
          Revisionen startes for hver delaftale i planen, som ikke allerede er under revision.
        </p>
      </PageHeader>
      <ValidatedForm
        schema={StartRevisionSchema}
        defaultValues={defaults}
        failure={failure}
        aria-label="Start årets revision"
        className="panel"
      >
        <TextField name="year" label="År" required inputMode="numeric" />
        <div className="form-actions">
          <SubmitButton>Start revision</SubmitButton>
          <Link to={`/plans/${plan.id}`}>Annuller</Link>
        </div>
      </ValidatedForm>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
