/**
 * The activity log's settings: the plan's event kinds (with the months until a follow-up) and
 * participant groups. Kinds and groups that events use are retired, not deleted. The secretariat
 * and admins only.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { logPath } from "~/components/activity-log/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  Checkbox,
  HiddenField,
  SubmitButton,
  TextField,
  ValidatedForm,
} from "~/components/form";
import { ListField } from "~/components/list-field";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { LogSettingsSchema } from "~/domain/activity-log";
import { notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { getLogSettings, saveLogSettings } from "~/models/activity-log/index.server";
import { getPlanPage } from "~/models/plans.server";
import { requireIdParam, submitListForm } from "~/route-helpers.server";
import logStyles from "~/styles/activity-log.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: logStyles }];

export const meta: MetaFunction = () => [
  { title: "Indstillinger for aktivitetsloggen · Samarbejdsaftaler" },
];

const SETTINGS_ROLES = ["secretariat"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, SETTINGS_ROLES);
  const [page, settings] = await Promise.all([
    getPlanPage(db, user, planId),
    getLogSettings(db, user, planId),
  ]);
  if (!page) throw notFound();
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    values: {
      kinds: settings.kinds.map((k) => ({
        id: String(k.id),
        name: k.name,
        followUpMonths: k.followUpMonths == null ? "" : String(k.followUpMonths),
        retired: k.retired,
      })),
      groups: settings.groups.map((g) => ({ id: String(g.id), name: g.name, retired: g.retired })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, SETTINGS_ROLES);
  return submitListForm(await request.formData(), LogSettingsSchema, async (values) => {
    await saveLogSettings(db, user, planId, values);
    return redirectWithFlash(
      request,
      logPath(planId, "/settings"),
      "Indstillingerne for aktivitetsloggen er gemt.",
    );
  });
}

const retiredHint = "Vises ikke længere ved nye hændelser; de registrerede beholder den.";

export default function LogSettingsPage() {
  const { plan, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title="Indstillinger for aktivitetsloggen"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
          { to: logPath(plan.id), label: "Aktivitetslog" },
        ]}
      />
      <ValidatedForm
        // A saved form starts again from what was saved.
        key={JSON.stringify(values)}
        schema={LogSettingsSchema}
        defaultValues={values}
        failure={failure}
        aria-label="Indstillinger for aktivitetsloggen"
        className="panel"
      >
        <fieldset className="form-section">
          <legend>Typer af hændelser</legend>
          <ListField
            name="kinds"
            itemLabel={(i) => `Type ${i + 1}`}
            addLabel="Tilføj type"
            emptyText="Ingen typer endnu."
            emptyItem={{ id: "", name: "", followUpMonths: "", retired: false }}
            renderItem={(_, prefix) => (
              <>
                <div className="row-fields">
                  <TextField name={`${prefix}.name`} label="Navn" required />
                  <TextField
                    name={`${prefix}.followUpMonths`}
                    label="Opfølgning efter (måneder)"
                    inputMode="numeric"
                    hint="Tomt: ingen opfølgning som udgangspunkt. En tryghedsvandring: 6."
                  />
                </div>
                <Checkbox name={`${prefix}.retired`} label="Udgået" hint={retiredHint} />
                <HiddenField name={`${prefix}.id`} />
              </>
            )}
          />
        </fieldset>
        <fieldset className="form-section">
          <legend>Deltagergrupper</legend>
          <ListField
            name="groups"
            itemLabel={(i) => `Gruppe ${i + 1}`}
            addLabel="Tilføj gruppe"
            emptyText="Ingen grupper endnu."
            emptyItem={{ id: "", name: "", retired: false }}
            renderItem={(_, prefix) => (
              <>
                <TextField name={`${prefix}.name`} label="Navn" required />
                <Checkbox name={`${prefix}.retired`} label="Udgået" hint={retiredHint} />
                <HiddenField name={`${prefix}.id`} />
              </>
            )}
          />
        </fieldset>
        <div className="form-actions">
          <SubmitButton>Gem</SubmitButton>
          <Link to={logPath(plan.id)} className="button button-secondary">
            Tilbage til loggen
          </Link>
        </div>
      </ValidatedForm>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
