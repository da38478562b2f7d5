/**
 * The organisation board's decision form in the application page's panel, with what the decision
 * does to the fund's frames recomputed as it is entered (approved adds the requested amounts, a
 * lower amount adds what is typed, a rejection nothing) just above its button, and the amounts per
 * year for «Bevilget med lavere beløb». The fields stand under each other: the panel is narrow.
 */
import { useEffect, useMemo, useState } from "react";
import { useWatch } from "react-hook-form";
import { HiddenField, SubmitButton, TextArea, TextField, ValidatedForm } from "~/components/form";
import { FrameOverviewTable, FrameWarnings } from "~/components/fund-parts";
import { FieldMessage, RadioField } from "~/components/radio-field";
import {
  decisionSchema,
  FUND_DECISIONS,
  fundDecisionLabels,
  frameOverview,
  type FrameOverview,
  type RequestedYear,
} from "~/domain/disposition-fund";
import { amountField } from "~/domain/zod";
import { formatAmount } from "~/domain/format";
import type { FormFailure } from "~/domain/form";

const previewAmount = amountField();

/** The frames and what is granted, recovered from the loader's overview. */
function frameInputs(overview: FrameOverview) {
  return {
    frames: overview.years
      .filter((y) => y.frame != null)
      .map((y) => ({ year: y.year, amount: y.frame! })),
    committed: overview.years.map((y) => ({ year: y.year, amount: y.committed })),
    years: overview.years.map((y) => y.year),
  };
}

/**
 * The fund's frames against the decision being entered: approved adds the requested amounts,
 * a lower amount adds what is typed, a rejection nothing. Inside the decision form.
 */
function LiveFrames({
  overview,
  requested,
}: {
  overview: FrameOverview;
  requested: readonly RequestedYear[];
}) {
  const decision = useWatch({ name: "decision" }) as unknown;
  const amounts = useWatch({ name: "amounts" }) as unknown;
  const inputs = useMemo(() => frameInputs(overview), [overview]);
  const pending =
    decision === "rejected"
      ? []
      : decision === "approved_reduced"
        ? (Array.isArray(amounts) ? amounts : []).flatMap((row: unknown) => {
            const r = (row ?? {}) as { year?: unknown; amount?: unknown };
            const amount = previewAmount.safeParse(r.amount);
            const year = Number(r.year);
            return Number.isInteger(year) && amount.success ? [{ year, amount: amount.data }] : [];
          })
        : requested.map((r) => ({ year: r.year, amount: r.requestedAmount }));
  const live = frameOverview(inputs.frames, inputs.committed, inputs.years, pending);
  return (
    <>
      <h4 id="decision-frames-title">Rammen med denne afgørelse</h4>
      <FrameWarnings
        overview={live}
        intro="Afgørelsen vil overskride fondens ramme. Den kan godt gemmes, men organisationsbestyrelsen bør være opmærksom på det:"
        live
      />
      <FrameOverviewTable
        overview={live}
        caption="Denne afgørelse og resten af rammen pr. år"
        variant="decision"
      />
      <p className="muted small">
        {decision === "rejected"
          ? "Et afslag bruger intet af rammen."
          : decision === "approved_reduced"
            ? "Beregnet med de beløb, der står i formularen."
            : "Beregnet med de ansøgte beløb."}
      </p>
    </>
  );
}

/** The amounts per year for «Bevilget med lavere beløb» (hidden with JavaScript otherwise). */
function ReducedAmounts({
  requested,
  failure,
}: {
  requested: readonly RequestedYear[];
  failure?: FormFailure;
}) {
  const decision = useWatch({ name: "decision" }) as unknown;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const rows = requested.filter((r) => r.requestedAmount > 0);
  const shown = !hydrated || decision === "approved_reduced";
  return (
    <fieldset className="fund-amounts" hidden={!shown} aria-describedby="decision-amounts-hint">
      <legend>Bevilget beløb pr. år</legend>
      <p className="field-hint" id="decision-amounts-hint">
        Kun ved «{fundDecisionLabels.approved_reduced}»: det bevilgede beløb for hvert år, højst det
        ansøgte.
      </p>
      <FieldMessage name="amounts" serverError={failure?.errors.amounts} />
      <div className="row-fields amount-fields">
        {rows.map((r, i) => (
          <div key={r.year}>
            <HiddenField name={`amounts.${i}.year`} />
            <FieldMessage
              name={`amounts.${i}.year`}
              serverError={failure?.errors[`amounts.${i}.year`]}
            />
            <TextField
              name={`amounts.${i}.amount`}
              label={`Bevilget ${r.year} (kr.)`}
              hint={`Ansøgt: ${formatAmount(r.requestedAmount)}`}
              inputMode="numeric"
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function DecisionForm({
  requested,
  frames,
  defaultValues,
  failure,
  version,
}: {
  requested: readonly RequestedYear[];
  frames: FrameOverview | null;
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  version: number;
}) {
  const schema = useMemo(() => decisionSchema(requested), [requested]);
  return (
    <ValidatedForm
      schema={schema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={{ intent: "decide", version }}
      aria-label="Organisationsbestyrelsens afgørelse"
    >
      <RadioField
        name="decision"
        legend="Afgørelse"
        required
        options={FUND_DECISIONS.map((d) => ({ value: d, label: fundDecisionLabels[d] }))}
        serverError={failure?.errors.decision}
      />
      <TextField name="decisionDate" label="Dato for afgørelsen" type="date" required />
      <TextArea
        name="conditions"
        label="Vilkår"
        hint="Fx krav om afrapportering eller om anden finansiering. Kommer med i afgørelsesbrevet."
        rows={4}
      />
      <ReducedAmounts requested={requested} failure={failure} />
      {frames ? (
        <div className="fund-decision-frames" role="group" aria-labelledby="decision-frames-title">
          <LiveFrames overview={frames} requested={requested} />
        </div>
      ) : null}
      <div className="form-actions">
        <SubmitButton>Registrér afgørelsen</SubmitButton>
      </div>
    </ValidatedForm>
  );
}
