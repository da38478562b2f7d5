/**
 * A self-evaluation laid out like the funder's form: "Om donationen", the facts of the grant,
 * the target groups and each question with the chosen answer marked on the 5-point scale and its
 * narrative, plus what is still missing before it is complete. Members of the plan read it and
 * download it as Word; reporters, the secretariat and admins edit or delete it. Deleting asks
 * for confirmation in a disclosure, so it works without JavaScript too.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, fieldId } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { RichTextView } from "~/components/rich-text";
import { getDb } from "~/db.server";
import { formatDate, formatDateTime } from "~/domain/format";
import {
  RATINGS,
  ratingLabels,
  SELF_EVALUATION_EDITOR_ROLES,
  SELF_EVALUATION_HEADINGS as H,
  selfEvaluationPath,
  selfEvaluationsPath,
  type SelfEvaluationAnswerView,
} from "~/domain/self-evaluation";
import { badRequest, conflict } from "~/http.server";
import { requireSelfEvaluationRole } from "~/models/access.server";
import { ConflictError } from "~/models/errors.server";
import { deleteSelfEvaluation, getSelfEvaluation } from "~/models/self-evaluations.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.view.title ?? "Selvevaluering"} · Samarbejdsaftaler` },
];

const DELETE_CONFLICT_MESSAGE =
  "En anden har ændret selvevalueringen, efter at du åbnede siden, så den er ikke slettet. Se den nyeste udgave, og prøv igen.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const evaluationId = requireIdParam(params, "evaluationId");
  const { view, canEdit } = await getSelfEvaluation(await getDb(), user, planId, evaluationId);
  return { view, canEdit };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const evaluationId = requireIdParam(params, "evaluationId");
  const db = await getDb();
  await requireSelfEvaluationRole(db, user, planId, evaluationId, SELF_EVALUATION_EDITOR_ROLES);
  const formData = await request.formData();
  if (formData.get("intent") !== "delete") {
    return badRequest({}, {}, "Handlingen kunne ikke udføres. Genindlæs siden, og prøv igen.");
  }
  const version = readVersion(formData);
  try {
    await deleteSelfEvaluation(db, user, planId, evaluationId, version);
  } catch (error) {
    if (error instanceof ConflictError) return conflict({}, DELETE_CONFLICT_MESSAGE);
    return formErrorResponse(error, {});
  }
  return redirectWithFlash(request, selfEvaluationsPath(planId), "Selvevalueringen er slettet.");
}

/** The five answers in a row with the chosen one marked; its label is also written out below. */
function RatingScale({ question }: { question: SelfEvaluationAnswerView }) {
  return (
    <>
      <ol className="row-actions rating-scale" aria-label={`Skala: ${question.heading}`}>
        {RATINGS.map((rating) => {
          const chosen = rating === question.rating;
          return (
            <li key={rating}>
              <span
                className={chosen ? "badge badge-ok" : "badge"}
                aria-current={chosen ? "true" : undefined}
              >
                {chosen ? <span aria-hidden="true">X </span> : null}
                {ratingLabels[rating]}
                {chosen ? <span className="sr-only"> (valgt)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      <p>
        {question.ratingLabel ? (
          <>
            <strong>Vurdering:</strong> {question.ratingLabel}
          </>
        ) : (
          <span className="doc-empty">Ikke vurderet endnu.</span>
        )}
      </p>
    </>
  );
}

function Narrative({ text }: { text: string | null }) {
  if (!text) return <p className="doc-empty">Ingen begrundelse endnu.</p>;
  return (
    <>
      {text
        .split(/\r?\n\s*\r?\n/)
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part, i) => (
          <p key={i} className="review-text">
            {part}
          </p>
        ))}
    </>
  );
}

export default function SelfEvaluationPage() {
  const { view, canEdit } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const page = selfEvaluationPath(view.planId, view.id);
  const { completeness } = view;
  return (
    <>
      <PageHeader
        title={view.title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${view.planId}`, label: view.planName },
          { to: selfEvaluationsPath(view.planId), label: "Selvevalueringer" },
        ]}
        actions={
          <>
            {canEdit ? (
              <Link className="button button-primary" to={`${page}/edit`}>
                Rediger
              </Link>
            ) : null}
            <a className="button button-secondary" href={`${page}/document.docx`} download>
              Hent som Word
            </a>
          </>
        }
      >
        <p className="muted">
          {H.document} for {view.funder} · {view.questionSet.name} · senest gemt{" "}
          {formatDateTime(view.updatedAt)}
        </p>
      </PageHeader>
      {failure?.formError ? (
        <div className="alert alert-error" role="alert">
          {failure.formError} <Link to={page}>Genindlæs siden</Link>
        </div>
      ) : null}

      <section className="panel no-print" aria-labelledby="completeness-title">
        <h2 id="completeness-title">Udfyldt</h2>
        {completeness.complete ? (
          <p>
            <span className="badge badge-ok">Færdig</span> Alle {completeness.total} punkter er
            udfyldt.
          </p>
        ) : (
          <>
            <p>
              <span className="badge badge-warn">Ikke færdig</span> {completeness.done} af{" "}
              {completeness.total} punkter er udfyldt. Mangler:
            </p>
            <ul>
              {completeness.missing.map((item) => (
                <li key={item.field}>
                  {canEdit ? (
                    <Link to={`${page}/edit#${fieldId(item.field)}`}>{item.label}</Link>
                  ) : (
                    item.label
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <article className="agreement-document" aria-label={H.document}>
        {view.description ? (
          <section aria-labelledby="evaluation-description">
            <h2 id="evaluation-description">{H.description}</h2>
            <RichTextView text={view.description} headingLevel={3} />
          </section>
        ) : null}
        <dl className="facts">
          <dt>Bevillingsgiver</dt>
          <dd>{view.funder}</dd>
          {view.facts.map((fact) => (
            <Fragment key={fact.label}>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </Fragment>
          ))}
          {view.dueDate ? (
            <>
              <dt>Frist</dt>
              <dd>{formatDate(view.dueDate)}</dd>
            </>
          ) : null}
        </dl>
        {view.targetGroups.length ? (
          <section aria-labelledby="evaluation-target-groups" className="doc-section">
            <h2 id="evaluation-target-groups">{H.targetGroups}</h2>
            <ul>
              {view.targetGroups.map((group, i) => (
                <li key={i}>{group}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="evaluation-assessment" className="doc-section">
          <h2 id="evaluation-assessment">{H.assessment}</h2>
          <p className="muted">{view.questionSet.intro}</p>
          {view.questions.map((question) => (
            <section
              key={question.key}
              aria-labelledby={`answer-${question.key}`}
              className="doc-section"
            >
              <h3 id={`answer-${question.key}`}>{question.heading}</h3>
              <p>
                <em>{question.question}</em>
              </p>
              <RatingScale question={question} />
              <Narrative text={question.narrative} />
            </section>
          ))}
        </section>
      </article>

      {canEdit ? (
        <details className="panel no-print danger-zone">
          <summary className="button button-danger">Slet selvevalueringen</summary>
          <Form method="post">
            <p>
              Vil du slette selvevalueringen «{view.title}»? Det kan ikke fortrydes, men handlingen
              gemmes i loggen.
            </p>
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={view.version} />
            <button type="submit" className="button button-danger">
              Ja, slet selvevalueringen
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
