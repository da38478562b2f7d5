/** The organisation form, shared by "create" and "edit". */
import { Link } from "@remix-run/react";
import type { FormFailure } from "~/domain/form";
import {
  ORGANISATION_KINDS,
  OrganisationFormSchema,
  organisationKindLabels,
} from "~/domain/organisation";
import { SelectField, SubmitButton, TextArea, TextField, ValidatedForm } from "./form";

export interface OrganisationFormOptions {
  housingOrganisations: { id: number; name: string }[];
}

export function OrganisationForm({
  options,
  defaultValues,
  failure,
  version,
  submitLabel,
  cancelTo,
}: {
  options: OrganisationFormOptions;
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  version?: number;
  submitLabel: string;
  cancelTo: string;
}) {
  return (
    <ValidatedForm
      schema={OrganisationFormSchema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={version ? { version } : undefined}
      aria-label="Organisation"
      className="panel"
    >
      <SelectField
        name="kind"
        label="Type"
        required
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: organisationKindLabels[k] }))}
      />
      <TextField name="name" label="Navn" required />
      {/* Always shown, because the form must work without JavaScript; the server ignores both
          fields for other types than an estate. */}
      <div className="grid-2">
        <SelectField
          name="parentId"
          label="Boligorganisation"
          hint="Gælder kun for typen Afdeling, og skal udfyldes for den."
          placeholder="Ingen valgt"
          options={options.housingOrganisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <TextField
          name="tenancies"
          label="Antal lejemål"
          hint="Gælder kun for typen Afdeling."
          inputMode="numeric"
        />
      </div>
      <TextField name="address" label="Adresse" autoComplete="off" />
      <TextArea name="note" label="Note" rows={3} />
      <div className="form-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>Annuller</Link>
      </div>
    </ValidatedForm>
  );
}
