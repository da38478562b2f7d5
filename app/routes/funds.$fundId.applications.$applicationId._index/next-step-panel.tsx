/**
 * The application page's panel: where the application stands and what this reader does next, in
 * their own words (applicationGuidance), with the forms for it. For the fund administration it is
 * «Vurdering og beslutning»: the state, what is left of the fund's frame, the assessment and the
 * organisation board's decision; for the applicant their draft's submit button or the way back.
 * On wide screens it stands beside the application and stays in view while the application is
 * read (app.css, "fund application page"); on phones it comes first.
 */
import { ApplicationStatusBadge, FrameOverviewTable, FrameWarnings } from "~/components/fund-parts";
import { fundRecommendationLabels, isDecided } from "~/domain/disposition-fund";
import { formatAmount, formatDate, formatDateTime } from "~/domain/format";
import type { FormFailure } from "~/domain/form";
import {
  AssessmentForm,
  failureFor,
  SubmitApplicationForm,
  WITHDRAW_ANCHOR,
} from "./application-forms";
import type { ApplicationPageView } from "./application.presenter.server";
import { GRANT_ANCHOR } from "./decision-and-grant";
import { DecisionForm } from "./decision-form";

/** The panel's heading id (its name as a region). */
export const PANEL_TITLE = "next-step-title";

/** What is left of this year's frame, in one sentence. */
function FrameThisYear({ year }: { year: NonNullable<ApplicationPageView["frameThisYear"]> }) {
  if (year.frame == null) {
    return <p>Fonden har ingen ramme for {year.year}.</p>;
  }
  const remaining = year.remaining ?? 0;
  return (
    <p className="fund-app-frame-now">
      {remaining < 0 ? (
        <>
          Rammen for {year.year} er overskredet med{" "}
          <strong className="fund-app-amount fund-over">{formatAmount(-remaining)}</strong>
        </>
      ) : (
        <>
          Tilbage af rammen for {year.year}:{" "}
          <strong className="fund-app-amount">{formatAmount(remaining)}</strong>
        </>
      )}{" "}
      (af <span className="fund-app-amount">{formatAmount(year.frame)}</span>)
    </p>
  );
}

export function NextStepPanel({
  base,
  view,
  failure,
}: {
  /** The application page's path. */
  base: string;
  view: Pick<
    ApplicationPageView,
    | "application"
    | "guidance"
    | "frames"
    | "frameThisYear"
    | "grant"
    | "permissions"
    | "assessmentValues"
    | "decisionValues"
  >;
  failure?: FormFailure;
}) {
  const { application, guidance, frames, frameThisYear, grant, permissions } = view;
  const deciding = permissions.canDecide && view.decisionValues != null;
  return (
    <section className="panel fund-app-panel" aria-labelledby={PANEL_TITLE}>
      <h2 id={PANEL_TITLE}>{guidance.heading}</h2>
      <dl className="facts fund-app-facts">
        <dt>Status</dt>
        <dd>
          <ApplicationStatusBadge status={application.status} />
        </dd>
        {application.submittedAt ? (
          <>
            <dt>Indsendt</dt>
            <dd>{formatDateTime(application.submittedAt)}</dd>
          </>
        ) : null}
        {application.recommendation ? (
          <>
            <dt>Indstilling</dt>
            <dd>{fundRecommendationLabels[application.recommendation]}</dd>
          </>
        ) : null}
        {isDecided(application.status) && application.decisionDate ? (
          <>
            <dt>Afgjort</dt>
            <dd>{formatDate(application.decisionDate)}</dd>
          </>
        ) : null}
      </dl>
      <p className="fund-app-guidance">
        {guidance.text}
        {guidance.withdrawHint && permissions.canWithdraw ? (
          <>
            {" "}
            <a href={`#${WITHDRAW_ANCHOR}`}>{guidance.withdrawHint}</a>
          </>
        ) : null}
      </p>
      {grant ? (
        <p className="no-print">
          <a href={`#${GRANT_ANCHOR}`}>Gå til bevilling og afrapportering</a>
        </p>
      ) : null}

      {frames ? (
        <section className="fund-app-step" aria-labelledby="frames-title">
          <h3 id="frames-title">Fondens ramme</h3>
          {frameThisYear ? <FrameThisYear year={frameThisYear} /> : null}
          {/* While deciding, the warnings follow the decision being entered (in its form). */}
          {deciding ? null : (
            <FrameWarnings
              overview={frames}
              intro="Fondens ramme er overskredet, eller der er bevilget i et år uden ramme:"
            />
          )}
          <FrameOverviewTable
            overview={frames}
            caption="Fondens ramme, bevilget og rest pr. år i ansøgningens periode"
          />
        </section>
      ) : null}

      {permissions.canSubmit ? (
        <SubmitApplicationForm
          base={base}
          version={application.version}
          canEdit={permissions.canEdit}
          failure={failure}
        />
      ) : null}

      {permissions.canAssess && view.assessmentValues ? (
        <AssessmentForm
          version={application.version}
          defaultValues={view.assessmentValues}
          failure={failure}
        />
      ) : null}

      {deciding ? (
        <section className="fund-app-step no-print" aria-labelledby="decide-title">
          <h3 id="decide-title">Organisationsbestyrelsens afgørelse</h3>
          <p className="muted">
            Registrér den afgørelse, organisationsbestyrelsen har truffet. Derefter kan ansøgningen
            ikke ændres.
          </p>
          <DecisionForm
            requested={application.years}
            frames={frames}
            defaultValues={view.decisionValues!}
            failure={failureFor(failure, "decide")}
            version={application.version}
          />
        </section>
      ) : null}
    </section>
  );
}
