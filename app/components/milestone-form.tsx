/** The milestone form (create and edit) and the status form (done / postponed / planned). */
import { Link } from "@remix-run/react";
import { useMemo } from "react";
import type { FormFailure } from "~/domain/form";
import {
  MILESTONE_STATUSES,
  milestoneSchema,
  MilestoneStatusSchema,
  milestoneStatusLabels,
  periodQuarters,
  quarterValue,
  type MilestoneView,
} from "~/domain/milestone";
import { SelectField, SubmitButton, TextArea, TextField, ValidatedForm } from "./form";
import { RadioField } from "./radio-field";

export interface MilestoneFormChoices {
  plan: { periodStart: string; periodEnd: string };
  agreements: { id: number; name: string }[];
  activities: { id: number; agreementId: number; name: string }[];
  organisations: { id: number; name: string }[];
}

export const EMPTY_MILESTONE_VALUES = {
  title: "",
  dueDate: "",
  quarter: "",
  agreementId: "",
  activityId: "",
  responsibleOrganisationId: "",
  note: "",
};

export function milestoneFormValues(m: MilestoneView) {
  return {
    title: m.title,
    dueDate: m.dueDate ?? "",
    quarter: m.dueDate ? "" : quarterValue(m.year, m.quarter ?? 1),
    agreementId: m.agreementId ?? "",
    activityId: m.activityId ?? "",
    responsibleOrganisationId: m.responsibleOrganisationId ?? "",
    note: m.note ?? "",
  };
}

export function MilestoneForm({
  choices,
  defaultValues,
  failure,
  hidden,
  submitLabel,
  cancelTo,
}: {
  choices: MilestoneFormChoices;
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  cancelTo: string;
}) {
  const { plan } = choices;
  const schema = useMemo(
    () => milestoneSchema({ periodStart: plan.periodStart, periodEnd: plan.periodEnd }),
    [plan.periodStart, plan.periodEnd],
  );
  const agreementName = new Map(choices.agreements.map((a) => [a.id, a.name]));
  return (
    <ValidatedForm
      schema={schema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={hidden}
      aria-label="Milepæl"
      className="panel"
    >
      <TextField name="title" label="Titel" required />
      <fieldset className="field">
        <legend>Hvornår *</legend>
        <p className="field-hint">
          Angiv enten en dato eller, når kun kvartalet kendes, et kvartal. Det skal ligge i planens
          periode.
        </p>
        <div className="grid-2">
          <TextField name="dueDate" label="Dato" type="date" />
          <SelectField
            name="quarter"
            label="Kvartal"
            placeholder="Intet kvartal"
            options={periodQuarters(plan)}
          />
        </div>
      </fieldset>
      <div className="grid-2">
        <SelectField
          name="agreementId"
          label="Delaftale"
          placeholder="Ingen delaftale"
          options={choices.agreements.map((a) => ({ value: a.id, label: a.name }))}
        />
        <SelectField
          name="activityId"
          label="Aktivitet"
          hint="Aktiviteten skal høre til den valgte delaftale."
          placeholder="Ingen aktivitet"
          options={choices.activities.map((a) => ({
            value: a.id,
            label: `${a.name} (${agreementName.get(a.agreementId) ?? ""})`,
          }))}
        />
      </div>
      <SelectField
        name="responsibleOrganisationId"
        label="Ansvarlig"
        hint="En organisation i planen eller part i en af dens delaftaler."
        placeholder="Ingen ansvarlig valgt"
        options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <TextArea name="note" label="Note" rows={3} />
      <div className="form-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>Annuller</Link>
      </div>
    </ValidatedForm>
  );
}

export function MilestoneStatusForm({
  milestone,
  failure,
  today,
}: {
  milestone: MilestoneView;
  failure?: FormFailure;
  today: string;
}) {
  return (
    <ValidatedForm
      schema={MilestoneStatusSchema}
      defaultValues={{
        status: milestone.status,
        completedOn: milestone.completedOn ?? today,
        note: milestone.note ?? "",
      }}
      failure={failure}
      hidden={{ intent: "status", version: milestone.version }}
      aria-label="Status"
      className="panel"
    >
      <RadioField
        name="status"
        legend="Status"
        required
        options={MILESTONE_STATUSES.map((s) => ({ value: s, label: milestoneStatusLabels[s] }))}
        serverError={failure?.errors.status}
      />
      <TextField
        name="completedOn"
        label="Nået den"
        type="date"
        hint="Udfyldes, når milepælen er nået."
      />
      <TextArea
        name="note"
        label="Note"
        hint="Skriv hvorfor milepælen er udskudt, eller hvad der er nået."
        rows={3}
      />
      <div className="form-actions">
        <SubmitButton>Gem status</SubmitButton>
      </div>
    </ValidatedForm>
  );
}
