/** The person form, shared by "create" and "edit". */
import { Link } from "@remix-run/react";
import type { FormFailure } from "~/domain/form";
import {
  PersonFormSchema,
  organisationKindLabels,
  type OrganisationKind,
} from "~/domain/organisation";
import { SelectField, SubmitButton, TextField, ValidatedForm, type Option } from "./form";

export interface PersonFormOptions {
  organisations: { id: number; name: string; kind: OrganisationKind }[];
}

/** Names are unique per type only, so a name that occurs twice gets its type added. */
function organisationOptions(organisations: PersonFormOptions["organisations"]): Option[] {
  const counts = new Map<string, number>();
  for (const o of organisations) {
    const key = o.name.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return organisations.map((o) => ({
    value: o.id,
    label:
      (counts.get(o.name.toLowerCase()) ?? 0) > 1
        ? `${o.name} – ${organisationKindLabels[o.kind]}`
        : o.name,
  }));
}

export function PersonForm({
  options,
  defaultValues,
  failure,
  version,
  submitLabel,
  cancelTo,
}: {
  options: PersonFormOptions;
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  version?: number;
  submitLabel: string;
  cancelTo: string;
}) {
  return (
    <ValidatedForm
      schema={PersonFormSchema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={version ? { version } : undefined}
      aria-label="Person"
      className="panel"
    >
      <TextField name="name" label="Navn" required autoComplete="off" />
      <TextField name="title" label="Titel" hint="Fx ejendomsleder eller SSP-konsulent." />
      <SelectField
        name="organisationId"
        label="Organisation"
        placeholder="Ingen organisation"
        options={organisationOptions(options.organisations)}
      />
      <div className="grid-2">
        {/* autoComplete off: the browser would otherwise offer the signed-in user's own details. */}
        <TextField name="email" label="E-mail" type="email" autoComplete="off" />
        <TextField name="phone" label="Telefon" type="tel" autoComplete="off" />
      </div>
      <div className="form-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>Annuller</Link>
      </div>
    </ValidatedForm>
  );
}
