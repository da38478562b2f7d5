/**
 * What the user may do on the application page, one form each with its own schema, working
 * without JavaScript: submit and withdraw (the applicant and the fund administration), the
 * assessment and the organisation board's decision (the fund administration). Each form shows the
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
} from "~/domain/disposition-fund";
import type { FormFailure } from "~/domain/form";
import type { ApplicationPageView } from "./application.presenter.server";
import { DecisionForm } from "./decision-form";

/** The failure belongs to the form that was submitted with this intent. */
export function failureFor(failure: FormFailure | undefined, intent: string) {
  return failure?.values.intent === intent ? failure : undefined;
}

export function ApplicationForms({
  base,
  application,
  frames,
  permissions,
  assessmentValues,
  decisionValues,
  failure,
}: Pick<
  ApplicationPageView,
  "application" | "frames" | "permissions" | "assessmentValues" | "decisionValues"
> & {
  /** The application page's path. */
  base: string;
  failure?: FormFailure;
}) {
  const submitFailure = failureFor(failure, "submit");
  return (
    <>
      {permissions.canSubmit ? (
        <section className="panel no-print" aria-labelledby="submit-title">
          <h2 id="submit-title">Indsend ansøgningen</h2>
          <p>Når ansøgningen er indsendt, kan den ikke ændres, medmindre den trækkes tilbage.</p>
          {submitFailure?.formError ? (
            <div className="alert alert-error" role="alert">
              <p>{submitFailure.formError}</p>
              <ul>
                {Object.values(submitFailure.errors).map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
              {permissions.canEdit ? (
                <p>
                  <Link to={`${base}/edit`}>Ret ansøgningen</Link>
                </p>
              ) : null}
            </div>
          ) : null}
          <Form method="post" aria-label="Indsend ansøgningen">
            <input type="hidden" name="intent" value="submit" />
            <input type="hidden" name="version" value={application.version} />
            <SubmitButton>Indsend ansøgning</SubmitButton>
          </Form>
        </section>
      ) : null}

      {permissions.canAssess && assessmentValues ? (
        <section className="panel no-print" aria-labelledby="assess-title">
          <h2 id="assess-title">Vurdering og indstilling</h2>
          <ValidatedForm
            schema={FundAssessmentSchema}
            defaultValues={assessmentValues}
            failure={failureFor(failure, "assess")}
            hidden={{ intent: "assess", version: application.version }}
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
      ) : null}

      {permissions.canDecide && decisionValues ? (
        <section className="panel no-print" aria-labelledby="decide-title">
          <h2 id="decide-title">Organisationsbestyrelsens afgørelse</h2>
          <p className="muted">
            Registrér den afgørelse, organisationsbestyrelsen har truffet. Derefter kan ansøgningen
            ikke ændres.
          </p>
          <DecisionForm
            requested={application.years}
            frames={frames}
            defaultValues={decisionValues}
            failure={failureFor(failure, "decide")}
            version={application.version}
          />
        </section>
      ) : null}

      {permissions.canWithdraw ? (
        <section className="panel no-print" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">Træk ansøgningen tilbage</h2>
          <ValidatedForm
            schema={WithdrawApplicationSchema}
            defaultValues={{ confirm: false }}
            failure={failureFor(failure, "withdraw")}
            hidden={{ intent: "withdraw", version: application.version }}
            aria-label="Træk ansøgningen tilbage"
          >
            <p>En ansøgning, der er trukket tilbage, kan ikke genoptages.</p>
            <Checkbox
              name="confirm"
              label="Ja, ansøgningen skal trækkes tilbage. Det kan ikke fortrydes."
            />
            <div className="form-actions">
              <SubmitButton variant="danger">Træk ansøgningen tilbage</SubmitButton>
            </div>
          </ValidatedForm>
        </section>
      ) : null}
    </>
  );
}
