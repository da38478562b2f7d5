/**
 * The self-evaluation form, shared by "new" and "edit": the grant's facts, "Om donationen", the
 * target groups, and per question of the funder's question set a rating on the 5-point scale (a
 * radio group whose legend is the question) with a narrative. Validated by the set's schema in
 * the browser and on the server; works without JavaScript.
 */
import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { useFormContext } from "react-hook-form";
import type { FormFailure } from "~/domain/form";
import { formatInteger } from "~/domain/format";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import {
  NARRATIVE_MAX,
  RATINGS,
  ratingLabels,
  requireQuestionSet,
  SELF_EVALUATION_REGIONS,
  selfEvaluationSchema,
  type SelfEvaluationQuestion,
} from "~/domain/self-evaluation";
import { fieldId, SelectField, SubmitButton, TextArea, TextField, ValidatedForm } from "./form";

/** The five answers as radio buttons in a fieldset (form.tsx has no radio field). */
function RatingField({
  question,
  serverError,
}: {
  question: SelfEvaluationQuestion;
  serverError?: string;
}) {
  const form = useFormContext();
  const name = `answers.${question.key}.rating`;
  const id = fieldId(name);
  const clientError = (
    form.formState.errors.answers as Record<string, { rating?: { message?: unknown } }> | undefined
  )?.[question.key]?.rating?.message;
  const error = typeof clientError === "string" ? clientError : serverError;
  const current = form.getValues(name) as unknown;
  return (
    <fieldset
      className="field radio-group"
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{question.question}</legend>
      {RATINGS.map((rating) => (
        <label key={rating} className="checkbox" htmlFor={`${id}-${rating}`}>
          <input
            id={`${id}-${rating}`}
            type="radio"
            value={String(rating)}
            defaultChecked={current != null && String(current) === String(rating)}
            {...form.register(name)}
          />
          {ratingLabels[rating]}
        </label>
      ))}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function SelfEvaluationForm({
  questionSetKey,
  defaultValues,
  failure,
  hidden,
  submitLabel,
  cancelTo,
}: {
  questionSetKey: string;
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  /** The question set of a new self-evaluation, or the version an edit was loaded at. */
  hidden: Record<string, string | number>;
  submitLabel: string;
  cancelTo: string;
}) {
  const set = requireQuestionSet(questionSetKey);
  const schema = useMemo(() => selfEvaluationSchema(set), [set]);
  return (
    <ValidatedForm
      schema={schema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={hidden}
      aria-label="Selvevaluering"
      className="panel"
    >
      <section className="form-section" aria-labelledby="self-evaluation-grant">
        <h2 id="self-evaluation-grant">Bevillingen</h2>
        <div className="grid-2">
          <TextField
            name="funder"
            label="Bevillingsgiver"
            hint="Fonden eller puljen, der har givet støtten."
            required
          />
          <TextField name="title" label="Projektets titel" required />
          <TextField name="recipient" label="Modtager" hint="Den organisation, der fik støtten." />
          <SelectField
            name="region"
            label="Region"
            placeholder="Vælg region"
            options={SELF_EVALUATION_REGIONS.map((r) => ({ value: r, label: r }))}
          />
          <TextField name="grantType" label="Type" hint="Fx Projekt, Drift eller Anlæg." />
          <TextField
            name="amount"
            label="Støttet beløb (kr.)"
            hint="I hele kroner, fx 925.000."
            inputMode="numeric"
          />
          <TextField name="grantYear" label="Bevillingsår" hint="Fx 2024." inputMode="numeric" />
          <TextField
            name="dueDate"
            label="Frist for selvevalueringen"
            hint="Hvis bevillingsgiveren har sat en frist. Den kommer med i fristkalenderen."
            type="date"
          />
          <TextField
            name="subGoal"
            label="Delmål"
            hint="Det af bevillingsgiverens delmål, som projektet hører under."
          />
        </div>
        <TextArea name="description" label="Om donationen" hint={RICH_TEXT_HINT} rows={6} />
        <TextArea
          name="targetGroups"
          label="Målgruppen"
          hint="Én målgruppe pr. linje, fx Børn og unge."
          rows={3}
        />
      </section>
      <section className="form-section" aria-labelledby="self-evaluation-assessment">
        <h2 id="self-evaluation-assessment">Egen vurdering</h2>
        <p className="muted">
          {set.intro} Svar på skalaen fra «{ratingLabels[1]}» til «{ratingLabels[5]}». Du kan gemme
          uden at have svaret på alt og gøre det færdigt senere.
        </p>
        {set.questions.map((question) => {
          const headingId = `question-${question.key}`;
          return (
            <section key={question.key} aria-labelledby={headingId}>
              <h3 id={headingId}>{question.heading}</h3>
              <RatingField
                question={question}
                serverError={failure?.errors[`answers.${question.key}.rating`]}
              />
              <TextArea
                name={`answers.${question.key}.narrative`}
                label="Begrundelse"
                hint={`${question.hint ? `${question.hint} ` : ""}Højst ${formatInteger(NARRATIVE_MAX)} tegn.`}
                rows={6}
              />
            </section>
          );
        })}
      </section>
      <div className="form-actions">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo}>Annuller</Link>
      </div>
    </ValidatedForm>
  );
}
