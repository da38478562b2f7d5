/** The plan form, shared by "create" and "edit". */
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { FormFailure } from "~/domain/form";
import {
  DEFAULT_REPORT_DUE_MONTH_DAY,
  defaultTemplateEdition,
  PLAN_STATUSES,
  PlanFormSchema,
  planStatusLabels,
  reportDueFormText,
} from "~/domain/plan";
import {
  REMINDER_OFFSETS_HINT,
  REMINDER_OFFSETS_LABEL,
  reminderOffsetsFormText,
} from "~/domain/reminders";
import { DEFAULT_REMINDER_OFFSET_DAYS } from "~/domain/notification-kinds";
import { TEMPLATE_EDITION_LABELS, TEMPLATE_EDITIONS } from "~/domain/texts.da";
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
  fundingRounds: (Named & { code: string })[];
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
  newPlan = false,
}: {
  options: PlanFormOptions;
  /** The stored values (the report deadline as "MM-DD"); the form shows the deadline day first. */
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  version?: number;
  submitLabel: string;
  cancelTo: string;
  /**
   * A new plan: the template edition may be left to follow the funding round, and choosing a
   * round prefills it (in the browser) until the user picks an edition.
   */
  newPlan?: boolean;
}) {
  const parentName = new Map(options.housingOrganisations.map((o) => [o.id, o.name]));
  const storedDue = defaultValues.reportDueMonthDay;
  const storedOffsets = defaultValues.reminderOffsetDays;
  const formDefaults = {
    ...defaultValues,
    reminderOffsetDays: reminderOffsetsFormText(
      Array.isArray(storedOffsets) ? storedOffsets : DEFAULT_REMINDER_OFFSET_DAYS,
    ),
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
      <SelectField
        name="templateEdition"
        label="Skabelonudgave"
        hint="Udgaven af Landsbyggefondens skabelon for delaftaler, som planen følger. Den afgør standardteksten for den indledende tekst i nye delaftaler. Ændrer du den, ændres teksten i eksisterende delaftaler ikke."
        required={!newPlan}
        placeholder={newPlan ? "Som puljen (2019-26: skabelon fra 2018, ellers ældre)" : null}
        options={TEMPLATE_EDITIONS.map((e) => ({ value: e, label: TEMPLATE_EDITION_LABELS[e] }))}
      />
      {newPlan ? <EditionFollowsRound rounds={options.fundingRounds} /> : null}
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
      <TextField
        name="reminderOffsetDays"
        label={REMINDER_OFFSETS_LABEL}
        hint={`${REMINDER_OFFSETS_HINT} Gælder statusrapporter, revisioner, milepæle og selvevalueringer.`}
      />
      <TextArea name="description" label="Beskrivelse" rows={4} />
      <div className="form-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>Annuller</Link>
      </div>
    </ValidatedForm>
  );
}

/**
 * When the user chooses a funding round, sets the template edition to that round's usual one,
 * unless the user has picked an edition (the field is neither empty nor what we set). Not on the
 * first render: a form re-rendered after a failed submit keeps what it was submitted with.
 */
function EditionFollowsRound({ rounds }: { rounds: { id: number; code: string }[] }) {
  const { control, getValues, setValue } = useFormContext();
  const roundId = String(useWatch({ control, name: "fundingRoundId" }) ?? "");
  const previousRound = useRef(roundId);
  const setByUs = useRef<string | null>(null);
  useEffect(() => {
    if (previousRound.current === roundId) return;
    previousRound.current = roundId;
    const round = rounds.find((r) => String(r.id) === roundId);
    const current = String(getValues("templateEdition") ?? "");
    if (!round || (current !== "" && current !== setByUs.current)) return;
    const edition = defaultTemplateEdition(round.code);
    setByUs.current = edition;
    setValue("templateEdition", edition);
  }, [roundId, rounds, getValues, setValue]);
  return null;
}
