/**
 * What the user may do on the application page, one form each with its own schema, working
 * without JavaScript: submit (the applicant and the fund administration, in the page's panel),
 * the assessment (the fund administration, in the panel; the decision form is beside this file)
 * and withdrawal (below the application: a way back, not the next step). Each form shows the
 * failure of its own intent.
 */
import { Form, Link } from "@remix-run/react";
import { Checkbox, SubmitButton, TextArea, ValidatedForm } from "~/components/form";
import { RadioField } from "~/components/radio-field";
import {
  FUND_RECOMMENDATIONS,
  FundAssessmentSchema,
  fundRecommendationLabels,
  WithdrawApplicationSchema,
  type ApplicationAudience,
} from "~/domain/disposition-fund";
import type { FormFailure } from "~/domain/form";

/** The failure belongs to the form that was submitted with this intent. */
export function failureFor(failure: FormFailure | undefined, intent: string) {
  return failure?.values.intent === intent ? failure : undefined;
}

/** The id of the withdrawal section's heading: the applicant's "Træk den tilbage" links to it. */
export const WITHDRAW_ANCHOR = "withdraw-title";

export function SubmitApplicationForm({
  base,
  version,
  canEdit,
  failure,
}: {
  /** The application page's path. */
  base: string;
  version: number;
  canEdit: boolean;
  failure?: FormFailure;
}) {
  const submitFailure = failureFor(failure, "submit");
  return (
    <section className="fund-app-step no-print" aria-labelledby="submit-title">
      <h3 id="submit-title">Indsend ansøgningen</h3>
      <p>Når ansøgningen er indsendt, kan den ikke ændres, medmindre den trækkes tilbage.</p>
      {submitFailure?.formError ? (
        <div className="alert alert-error" role="alert">
          <p>{submitFailure.formError}</p>
          <ul>
            {Object.values(submitFailure.errors).map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
          {canEdit ? (
            <p>
              <Link to={`${base}/edit`}>Ret ansøgningen</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <Form method="post" aria-label="Indsend ansøgningen">
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="version" value={version} />
        <SubmitButton>Indsend ansøgning</SubmitButton>
      </Form>
    </section>
  );
}

export function AssessmentForm({
  version,
  defaultValues,
  failure,
}: {
  version: number;
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
}) {
  return (
    <section className="fund-app-step no-print" aria-labelledby="assess-title">
      <h3 id="assess-title">Vurdering og indstilling</h3>
      <ValidatedForm
        schema={FundAssessmentSchema}
        defaultValues={defaultValues}
        failure={failureFor(failure, "assess")}
        hidden={{ intent: "assess", version }}
        aria-label="Vurdering og indstilling"
      >
        <TextArea
          name="assessment"
          label="Vurdering"
          hint="Fondsadministrationens vurdering af ansøgningen efter fondens retningslinjer. Kan rettes, indtil der er truffet afgørelse."
          required
          rows={6}
        />
        <RadioField
          name="recommendation"
          legend="Indstilling til organisationsbestyrelsen"
          required
          options={FUND_RECOMMENDATIONS.map((r) => ({
            value: r,
            label: fundRecommendationLabels[r],
          }))}
          serverError={failureFor(failure, "assess")?.errors.recommendation}
        />
        <div className="form-actions">
          <SubmitButton variant="secondary">Gem vurdering</SubmitButton>
        </div>
      </ValidatedForm>
    </section>
  );
}

export function WithdrawForm({
  version,
  audience,
  failure,
}: {
  version: number;
  audience: ApplicationAudience;
  failure?: FormFailure;
}) {
  return (
    <section className="panel no-print" aria-labelledby={WITHDRAW_ANCHOR}>
      <h2 id={WITHDRAW_ANCHOR}>Træk ansøgningen tilbage</h2>
      <ValidatedForm
        schema={WithdrawApplicationSchema}
        defaultValues={{ confirm: false }}
        failure={failureFor(failure, "withdraw")}
        hidden={{ intent: "withdraw", version }}
        aria-label="Træk ansøgningen tilbage"
      >
        <p>
          {audience === "applicant"
            ? "En ansøgning, der er trukket tilbage, kan ikke genoptages. Vil I rette den, så træk den tilbage, og opret en ny."
            : "Træk kun ansøgningen tilbage, hvis afdelingen beder om det. En ansøgning, der er trukket tilbage, kan ikke genoptages."}
        </p>
        <Checkbox
          name="confirm"
          label="Ja, ansøgningen skal trækkes tilbage. Det kan ikke fortrydes."
        />
        <div className="form-actions">
          <SubmitButton variant="danger">Træk ansøgningen tilbage</SubmitButton>
        </div>
      </ValidatedForm>
    </section>
  );
}
