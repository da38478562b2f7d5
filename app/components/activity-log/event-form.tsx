/**
 * The form of an event in the activity log (new and edit): activity, kind, date, place,
 * participants per group, note, findings each with its actions, and the follow-up. One zod schema
 * (LogEventSchema) checks it in the browser and on the server; without JavaScript the list buttons
 * post and the server shows the form again with the row added or removed.
 */
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import {
  Checkbox,
  HiddenField,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  ValidatedForm,
  type Option,
} from "~/components/form";
import { ListField } from "~/components/list-field";
import {
  followUpDate,
  LOG_ACTION_STATUSES,
  LogEventSchema,
  logActionStatusLabels,
} from "~/domain/activity-log";
import type { FormFailure } from "~/domain/form";
import { CountField, GroupedSelectField, PartySelectField, type OptionGroup } from "./fields";

export interface LogEventFormOptions {
  activityGroups: OptionGroup[];
  /** Activity id → its agreement's key in `partyGroups`. */
  activityAgreement: Record<string, string>;
  partyGroups: OptionGroup[];
  kinds: { id: number; name: string; followUpMonths: number | null }[];
  groups: { id: number; name: string }[];
}

const statusOptions: Option[] = LOG_ACTION_STATUSES.map((s) => ({
  value: s,
  label: logActionStatusLabels[s],
}));

export const emptyAction = {
  id: "",
  party: "",
  description: "",
  dueDate: "",
  status: "open",
  dropReason: "",
};

export const emptyFinding = { id: "", text: "", place: "", actions: [emptyAction] };

/**
 * With JavaScript: a kind with follow-up months ticks «Planlæg opfølgning» and sets its date
 * that many months after the event's date, as long as the user has not set the date by hand.
 */
function FollowUpFields({ kinds }: { kinds: LogEventFormOptions["kinds"] }) {
  const { setValue, getValues } = useFormContext();
  const kindId: unknown = useWatch({ name: "kindId" });
  const date: unknown = useWatch({ name: "date" });
  const schedule: unknown = useWatch({ name: "scheduleFollowUp" });
  const first = useRef(true);
  useEffect(() => {
    // The values the page was loaded with (or the server sent back) stay as they are.
    if (first.current) {
      first.current = false;
      return;
    }
    const kind = kinds.find((k) => String(k.id) === String(kindId ?? ""));
    if (!kind?.followUpMonths || typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      return;
    }
    setValue("scheduleFollowUp", true);
    setValue("followUpDue", followUpDate(date, kind.followUpMonths));
  }, [kindId, date, kinds, setValue, getValues]);
  const checked = schedule === true || schedule === "on" || schedule === "true";
  return (
    <fieldset className="form-section">
      <legend>Opfølgning</legend>
      <Checkbox
        name="scheduleFollowUp"
        label="Planlæg opfølgning"
        hint="En tryghedsvandring følges op et halvt år efter. Opfølgningen vises på forsiden, når den forfalder."
      />
      <TextField
        name="followUpDue"
        label="Opfølgning senest"
        type="date"
        hint={checked ? undefined : "Bruges kun, når «Planlæg opfølgning» er valgt."}
      />
    </fieldset>
  );
}

function ActionFields({ prefix, options }: { prefix: string; options: LogEventFormOptions }) {
  return (
    <>
      <PartySelectField
        name={`${prefix}.party`}
        partyGroups={options.partyGroups}
        activityAgreement={options.activityAgreement}
      />
      <TextArea name={`${prefix}.description`} label="Hvad skal gøres" required rows={2} />
      <div className="row-fields">
        <TextField name={`${prefix}.dueDate`} label="Frist" type="date" />
        <SelectField
          name={`${prefix}.status`}
          label="Status"
          options={statusOptions}
          placeholder={null}
        />
      </div>
      {/* Always there, so the form works the same without JavaScript; required when dropped. */}
      <TextField name={`${prefix}.dropReason`} label="Begrundelse, hvis opgaven droppes" />
      <HiddenField name={`${prefix}.id`} />
    </>
  );
}

export function LogEventForm({
  defaultValues,
  failure,
  options,
  hidden,
  submitLabel,
  cancelTo,
}: {
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  options: LogEventFormOptions;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  cancelTo: string;
}) {
  const kindOptions: Option[] = options.kinds.map((k) => ({ value: k.id, label: k.name }));
  return (
    <ValidatedForm
      schema={LogEventSchema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={hidden}
      aria-label="Hændelse"
      className="panel log-event-form"
    >
      <GroupedSelectField
        name="activityId"
        label="Aktivitet"
        required
        groups={options.activityGroups}
        placeholder="Vælg aktivitet …"
      />
      <div className="row-fields">
        <SelectField name="kindId" label="Type" required options={kindOptions} />
        <TextField name="date" label="Dato" type="date" required />
      </div>
      <TextField name="place" label="Sted eller afdeling" hint="Fx «Gårdene i afd. 21»." />
      <fieldset className="form-section">
        <legend>Deltagere</legend>
        <div className="count-fields">
          {options.groups.map((g, i) => (
            <div key={g.id}>
              <CountField name={`participants.${i}.count`} label={g.name} />
              <HiddenField name={`participants.${i}.groupId`} />
            </div>
          ))}
        </div>
      </fieldset>
      <TextArea name="note" label="Kort note" rows={3} />
      <fieldset className="form-section">
        <legend>Fund og opgaver</legend>
        <p className="field-hint">
          Det, der blev fundet (fx forhold, der gør folk utrygge), og hvem der gør hvad inden
          hvornår.
        </p>
        <ListField
          name="findings"
          itemLabel={(i) => `Fund ${i + 1}`}
          addLabel="Tilføj fund"
          emptyText="Ingen fund."
          emptyItem={emptyFinding}
          ordered={false}
          renderItem={(findingIndex, prefix) => (
            <>
              <TextArea name={`${prefix}.text`} label="Hvad blev fundet" required rows={2} />
              <TextField name={`${prefix}.place`} label="Hvor" />
              <ListField
                name={`${prefix}.actions`}
                itemLabel={(i) => `Opgave ${i + 1} til fund ${findingIndex + 1}`}
                addLabel={`Tilføj opgave til fund ${findingIndex + 1}`}
                emptyText="Ingen opgaver til dette fund."
                emptyItem={emptyAction}
                ordered={false}
                renderItem={(_, actionPrefix) => (
                  <ActionFields prefix={actionPrefix} options={options} />
                )}
              />
              <HiddenField name={`${prefix}.id`} />
            </>
          )}
        />
      </fieldset>
      <FollowUpFields kinds={options.kinds} />
      <div className="form-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo} className="button button-secondary">
          Annullér
        </Link>
      </div>
    </ValidatedForm>
  );
}

interface AgreementOptions {
  id: number;
  focusArea: string;
  activities: { id: number; name: string }[];
  parties: { value: string; label: string }[];
}

interface LogSettingsOptions {
  kinds: { id: number; name: string; followUpMonths: number | null; retired: boolean }[];
  groups: { id: number; name: string; retired: boolean }[];
}

/**
 * The form's choices: current activities, kinds and groups, plus the retired ones an edited event
 * already uses (so editing it does not silently change them).
 */
export function logEventFormOptions(
  agreements: AgreementOptions[],
  settings: LogSettingsOptions,
  keep: {
    activity?: { id: number; name: string; agreementId: number };
    kindId?: number;
    groupIds?: number[];
  } = {},
): LogEventFormOptions {
  const activityGroups: OptionGroup[] = agreements.map((a) => {
    const options = a.activities.map((x) => ({ value: String(x.id), label: x.name }));
    if (
      keep.activity?.agreementId === a.id &&
      !a.activities.some((x) => x.id === keep.activity?.id)
    ) {
      options.push({ value: String(keep.activity.id), label: keep.activity.name });
    }
    return { key: String(a.id), label: a.focusArea, options };
  });
  const activityAgreement: Record<string, string> = {};
  for (const group of activityGroups) {
    for (const o of group.options) activityAgreement[o.value] = group.key;
  }
  return {
    activityGroups,
    activityAgreement,
    partyGroups: agreements.map((a) => ({
      key: String(a.id),
      label: a.focusArea,
      options: a.parties,
    })),
    kinds: settings.kinds
      .filter((k) => !k.retired || k.id === keep.kindId)
      .map(({ id, name, followUpMonths }) => ({ id, name, followUpMonths })),
    groups: settings.groups
      .filter((g) => !g.retired || keep.groupIds?.includes(g.id))
      .map(({ id, name }) => ({ id, name })),
  };
}
