/**
 * Edit the strategic agreement's working content in one form with editable lists (parties,
 * objectives, the bodies' members, clauses): works without JavaScript (list buttons re-render
 * the form), errors beside the fields, the input kept on a conflict. An objective keeps its key
 * across edits (hidden field); a new one gets a key when saved. Each focus area of the plan's
 * round has a row for its overall goal and the objectives it serves. The working groups and the
 * budget are not typed here: they come from the delaftaler.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  CheckboxGroup,
  HiddenField,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  ValidatedForm,
} from "~/components/form";
import { ListField } from "~/components/list-field";
import { PageHeader } from "~/components/page-header";
import { LockNotice } from "~/components/section-page";
import { getDb } from "~/db.server";
import { StrategicFormSchema, strategicFormValues } from "~/domain/strategic-agreement";
import {
  getStrategicForEdit,
  requireStrategicEditor,
  saveStrategicContent,
  STRATEGIC_LOCKED_MESSAGE,
} from "~/models/strategic-agreements.server";
import { readVersion, requireIdParam, submitListForm } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Rediger strategisk samarbejdsaftale · ${data.plan.name} · Samarbejdsaftaler`
      : "Rediger strategisk samarbejdsaftale · Samarbejdsaftaler",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const edit = await getStrategicForEdit(await getDb(), user, planId);
  return {
    plan: edit.plan,
    version: edit.version,
    locked: edit.locked,
    focusAreas: edit.focusAreas,
    organisations: edit.organisations,
    objectives: edit.content.objectives,
    values: strategicFormValues(edit.content, edit.focusAreas),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  // Who may edit is checked before the form is read (404 for non-members, 403 for other roles).
  await requireStrategicEditor(db, user, planId);
  const formData = await request.formData();
  const version = readVersion(formData, { allowUnsaved: true });
  return submitListForm(formData, StrategicFormSchema, async (values) => {
    await saveStrategicContent(db, user, planId, version, values);
    return redirectWithFlash(
      request,
      `/plans/${planId}/strategy`,
      "Den strategiske samarbejdsaftale er gemt.",
    );
  });
}

const emptyMember = { name: "", organisationId: "", organisationName: "", role: "" };

function Members({
  name,
  label,
  organisations,
}: {
  name: string;
  label: string;
  organisations: { value: number; label: string }[];
}) {
  return (
    <ListField
      name={name}
      itemLabel={(i) => `${label}: medlem ${i + 1}`}
      addLabel={`Tilføj medlem (${label.toLocaleLowerCase("da")})`}
      emptyText="Ingen medlemmer endnu."
      emptyItem={emptyMember}
      renderItem={(_, prefix) => (
        <>
          <TextField name={`${prefix}.name`} label="Navn" required />
          <SelectField
            name={`${prefix}.organisationId`}
            label="Organisation i registret"
            options={organisations}
            placeholder="Ikke i registret"
          />
          <TextField
            name={`${prefix}.organisationName`}
            label="Organisation (når den ikke er i registret)"
          />
          <TextField name={`${prefix}.role`} label="Rolle" hint="Fx formand, medlem" />
        </>
      )}
    />
  );
}

export default function EditStrategy() {
  const { plan, version, locked, focusAreas, organisations, objectives, values } =
    useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = `/plans/${plan.id}/strategy`;
  const orgOptions = organisations.map((o) => ({ value: o.id, label: o.name }));
  const objectiveOptions = objectives.map((o, i) => ({
    value: o.key,
    label: `${i + 1}. ${o.text}`,
  }));
  return (
    <>
      <PageHeader
        title="Rediger strategisk samarbejdsaftale"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
          { to: base, label: "Strategisk samarbejdsaftale" },
        ]}
      />
      {/* While the board decides, the form is shown disabled with why (the save is refused too). */}
      {locked ? (
        <LockNotice lock={{ reason: "awaiting-board", notice: STRATEGIC_LOCKED_MESSAGE }} />
      ) : null}
      <ValidatedForm
        disabled={locked}
        schema={StrategicFormSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version }}
        aria-label="Strategisk samarbejdsaftale"
        className="panel"
      >
        <fieldset>
          <legend>
            <h2>Aftalens parter og underskrivere</h2>
          </legend>
          <ListField
            name="parties"
            itemLabel={(i) => `Part ${i + 1}`}
            addLabel="Tilføj part"
            emptyText="Ingen parter endnu."
            emptyItem={{ organisationId: "", name: "", signatoryName: "", signatoryTitle: "" }}
            renderItem={(_, prefix) => (
              <>
                <SelectField
                  name={`${prefix}.organisationId`}
                  label="Organisation i registret"
                  options={orgOptions}
                  placeholder="Ikke i registret"
                />
                <TextField
                  name={`${prefix}.name`}
                  label="Partens navn (når den ikke er i registret)"
                />
                <TextField name={`${prefix}.signatoryName`} label="Underskriver" />
                <TextField
                  name={`${prefix}.signatoryTitle`}
                  label="Underskriverens titel"
                  hint="Fx borgmester, formand for organisationsbestyrelsen"
                />
              </>
            )}
          />
        </fieldset>

        <h2>Vision og overordnede målsætninger</h2>
        <p className="muted">Perioden er planens egen og rettes på planens side.</p>
        <TextArea name="vision" label="Vision" rows={5} />
        <ListField
          name="objectives"
          itemLabel={(i) => `Målsætning ${i + 1}`}
          addLabel="Tilføj målsætning"
          emptyText="Ingen målsætninger endnu."
          emptyItem={{ key: "", text: "" }}
          renderItem={(_, prefix) => (
            <>
              <HiddenField name={`${prefix}.key`} />
              <TextArea name={`${prefix}.text`} label="Målsætning" required rows={2} />
            </>
          )}
        />

        <h2>Organisering</h2>
        <p className="muted">Arbejdsgrupperne hentes fra delaftalerne og rettes dér.</p>
        <fieldset>
          <legend>
            <h3>Bestyrelsen</h3>
          </legend>
          <TextField name="board.name" label="Navn" required />
          <TextArea name="board.description" label="Opgave og mandat" rows={3} />
          <TextArea name="board.termsOfReference" label="Kommissorium" rows={6} />
          <Members name="board.members" label="Bestyrelsen" organisations={orgOptions} />
        </fieldset>
        <fieldset>
          <legend>
            <h3>Følgegruppe eller styregruppe</h3>
          </legend>
          <TextField name="followGroup.name" label="Navn" required />
          <TextArea name="followGroup.description" label="Opgave og mandat" rows={3} />
          <Members name="followGroup.members" label="Følgegruppen" organisations={orgOptions} />
        </fieldset>
        <fieldset>
          <legend>
            <h3>Sekretariatet</h3>
          </legend>
          <TextField name="secretariat.name" label="Navn" required />
          <TextArea name="secretariat.description" label="Opgave og mandat" rows={3} />
          <Members name="secretariat.members" label="Sekretariatet" organisations={orgOptions} />
        </fieldset>

        <h2>Indsatsområder og overordnede mål</h2>
        <p className="muted">
          Budgettet pr. indsatsområde beregnes fra delaftalerne.
          {objectiveOptions.length
            ? " Nye målsætninger kan vælges her, når de er gemt."
            : " Gem målsætningerne først; så kan indsatsområderne kobles til dem."}
        </p>
        {focusAreas.map((area, i) => (
          <fieldset key={area.id}>
            <legend>
              <h3>{area.name}</h3>
            </legend>
            <HiddenField name={`focusAreaGoals.${i}.focusAreaId`} />
            <TextArea
              name={`focusAreaGoals.${i}.goal`}
              label={`Overordnet mål for ${area.name}`}
              rows={3}
            />
            {objectiveOptions.length ? (
              <CheckboxGroup
                name={`focusAreaGoals.${i}.objectiveKeys`}
                label="Bidrager til målsætningerne"
                options={objectiveOptions}
              />
            ) : null}
          </fieldset>
        ))}

        <h2>Øvrige bestemmelser</h2>
        <ListField
          name="clauses"
          itemLabel={(i) => `Bestemmelse ${i + 1}`}
          addLabel="Tilføj bestemmelse"
          emptyText="Ingen bestemmelser endnu."
          emptyItem={{ heading: "", text: "" }}
          renderItem={(_, prefix) => (
            <>
              <TextField name={`${prefix}.heading`} label="Overskrift" required />
              <TextArea name={`${prefix}.text`} label="Tekst" rows={4} />
            </>
          )}
        />

        <div className="form-actions">
          {locked ? null : <SubmitButton>Gem</SubmitButton>}
          <Link to={base}>{locked ? "Tilbage" : "Annuller"}</Link>
        </div>
      </ValidatedForm>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
