/** The plan form, shared by "create" and "edit". */
import { Link } from "@remix-run/react";
import type { FormFailure } from "~/domain/form";
import {
  DEFAULT_REPORT_DUE_MONTH_DAY,
  PLAN_STATUSES,
  PlanFormSchema,
  planStatusLabels,
  reportDueFormText,
} from "~/domain/plan";
import {
  CheckboxGroup,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  ValidatedForm,
} from "./form";

interface Named {
  id: number;
  name: string;
}

export interface PlanFormOptions {
  fundingRounds: Named[];
  municipalities: Named[];
  housingOrganisations: Named[];
  estates: (Named & { parentId: number | null })[];
}

export function PlanForm({
  options,
  defaultValues,
  failure,
  version,
  submitLabel,
  cancelTo,
}: {
  options: PlanFormOptions;
  /** The stored values (the report deadline as "MM-DD"); the form shows the deadline day first. */
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  version?: number;
  submitLabel: string;
  cancelTo: string;
}) {
  const parentName = new Map(options.housingOrganisations.map((o) => [o.id, o.name]));
  const storedDue = defaultValues.reportDueMonthDay;
  const formDefaults = {
    ...defaultValues,
    reportDueMonthDay: reportDueFormText(
      typeof storedDue === "string" && storedDue ? storedDue : DEFAULT_REPORT_DUE_MONTH_DAY,
    ),
  };
  return (
    <ValidatedForm
      schema={PlanFormSchema}
      defaultValues={formDefaults}
      failure={failure}
      hidden={version ? { version } : undefined}
      aria-label="Helhedsplan"
      className="panel"
    >
      <TextField name="name" label="Navn på helhedsplanen" required />
      <SelectField
        name="fundingRoundId"
        label="Pulje (LBF-midler)"
        hint="Puljen afgør, hvilke indsatsområder planen kan have."
        required
        options={options.fundingRounds.map((r) => ({ value: r.id, label: r.name }))}
      />
      <div className="grid-2">
        <TextField name="periodStart" label="Periodens start" type="date" required />
        <TextField
          name="periodEnd"
          label="Periodens slutning"
          type="date"
          hint="Normalt fire år efter starten."
          required
        />
      </div>
      <SelectField
        name="status"
        label="Status"
        required
        placeholder={null}
        options={PLAN_STATUSES.map((s) => ({ value: s, label: planStatusLabels[s] }))}
      />
      <SelectField
        name="municipalityId"
        label="Kommune"
        placeholder="Ingen valgt"
        options={options.municipalities.map((m) => ({ value: m.id, label: m.name }))}
      />
      <CheckboxGroup
        name="organisationIds"
        label="Boligorganisationer og afdelinger"
        hint="Vælg de boligorganisationer og boligafdelinger, som planen omfatter."
        options={[
          ...options.housingOrganisations.map((o) => ({ value: o.id, label: o.name })),
          ...options.estates.map((e) => ({
            value: e.id,
            label: `${e.name}${e.parentId ? ` (${parentName.get(e.parentId) ?? ""})` : ""}`,
          })),
        ]}
      />
      <TextField
        name="revisionIntervalMonths"
        label="Måneder mellem revisioner"
        inputMode="numeric"
        hint="Delaftalerne revideres mindst én gang om året; standard er 12 måneder efter seneste godkendelse."
      />
      <TextField
        name="reportDueMonthDay"
        label="Frist for statusrapport (dag og måned)"
        hint="Statusrapporten for det foregående kalenderår skal være færdig senest denne dag, skrevet som dag-måned. Standard er 30-06 (30. juni)."
      />
      <TextArea name="description" label="Beskrivelse" rows={4} />
      <div className="form-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>Annuller</Link>
      </div>
    </ValidatedForm>
  );
}
