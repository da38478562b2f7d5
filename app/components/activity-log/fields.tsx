/**
 * Form fields of the activity log that the shared form kit lacks: a select with option groups
 * (activities under their agreement, parties under their agreement) and a number of people. They
 * take part in the surrounding ValidatedForm like its own fields: registered with react-hook-form,
 * the browser's or the server's message beside them.
 */
import { useFormContext, useWatch } from "react-hook-form";
import { fieldId, useListError } from "~/components/form";

export interface OptionGroup {
  /** The agreement the options belong to (used to narrow the parties to the chosen activity's). */
  key: string;
  label: string;
  options: { value: string; label: string }[];
}

function describedBy(...ids: (string | false | undefined)[]) {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

/** A select whose options are grouped (`<optgroup>`), e.g. activities under their agreement. */
export function GroupedSelectField({
  name,
  label,
  hint,
  required,
  groups,
  placeholder = "Vælg …",
}: {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  groups: OptionGroup[];
  placeholder?: string;
}) {
  const form = useFormContext();
  const error = useListError(name);
  const id = fieldId(name);
  const value: unknown = form.getValues(name);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        defaultValue={value == null ? "" : String(value)}
        {...form.register(name)}
      >
        <option value="">{placeholder}</option>
        {groups.map((g) =>
          g.options.length ? (
            <optgroup key={g.key} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The responsible party of an action: the parties of the chosen activity's agreement. Without
 * JavaScript every agreement's parties are offered under their agreement's name (the server
 * refuses a party of another agreement); with it only the chosen activity's agreement's.
 */
export function PartySelectField({
  name,
  partyGroups,
  activityAgreement,
}: {
  name: string;
  partyGroups: OptionGroup[];
  /** Activity id → agreement key. */
  activityAgreement: Record<string, string>;
}) {
  const activityId: unknown = useWatch({ name: "activityId" });
  const agreementKey = activityAgreement[String(activityId ?? "")];
  const groups = agreementKey ? partyGroups.filter((g) => g.key === agreementKey) : partyGroups;
  return (
    <GroupedSelectField
      name={name}
      label="Ansvarlig part"
      required
      groups={groups}
      placeholder="Vælg part …"
    />
  );
}

/** A count of people: a whole number, with the phone's number keyboard. */
export function CountField({ name, label }: { name: string; label: string }) {
  const form = useFormContext();
  const error = useListError(name);
  const id = fieldId(name);
  const value: unknown = form.getValues(name);
  return (
    <div className="field field-count">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        defaultValue={value == null ? "" : String(value)}
        {...form.register(name)}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
