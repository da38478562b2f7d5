/**
 * "Ændringer til godkendelse": the proposed version of an agreement compared with the last
 * approved version (DESIGN.md R6), for every member of the plan, and the board's decision form.
 * The diff on screen is the same one the tracked-changes Word document (review/changes.docx) shows.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { CommentHistory } from "~/components/comments/comments-panel";
import { getReviewComments } from "~/models/comments.server";
import commentStyles from "~/styles/comments.css";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useFormContext } from "react-hook-form";
import { requiredId } from "~/domain/zod";
import { requireUser } from "~/auth.server";
import { DiffView, isShowAll } from "~/components/diff-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  fieldId,
  SubmitButton,
  TextArea,
  TextField,
  ValidatedForm,
} from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { formatDateTime, todayInDenmark } from "~/domain/format";
import { DecisionSchema } from "~/domain/revision";
import { badRequest, conflict } from "~/http.server";
import { requireAgreementRole } from "~/models/access.server";
import { getAgreementView } from "~/models/agreements/read.server";
import { ConflictError } from "~/models/errors.server";
import { decideRevision } from "~/models/revisions.server";
import { getRevisionReview } from "~/models/revision-views.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

const NOT_PENDING_MESSAGE =
  "Forslaget afventer ikke længere en beslutning: det er allerede besluttet, trukket tilbage eller afløst af et nyt forslag. Beslutningen er ikke gemt. Genindlæs siden for at se, hvad der afventer nu.";

// The proposed version's id (a row of agreement_versions), not an optimistic-lock version.
const VersionIdSchema = requiredId("Forslaget mangler");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: commentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `Ændringer til godkendelse${data ? ` · ${data.agreement.title}` : ""} · Samarbejdsaftaler`,
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const db = await getDb();
  const showAll = isShowAll(new URL(request.url).searchParams);
  const review = await getRevisionReview(db, user, planId, agreementId);
  if (!review) {
    // Nothing pending: the page says so, so the agreement's names come from its working draft.
    const { view } = await getAgreementView(db, user, planId, agreementId);
    return {
      agreement: {
        id: view.id,
        title: view.title,
        plan: { id: view.plan.id, name: view.plan.name },
      },
      review: null,
      canDecide: false,
      showAll,
      today: todayInDenmark(),
    };
  }
  const { after, proposed, approved, diff, role } = review;
  const comments = await getReviewComments(db, user, planId, agreementId);
  return {
    agreement: {
      id: after.id,
      title: after.title,
      plan: { id: after.plan.id, name: after.plan.name },
    },
    // Only what the page shows: the snapshots themselves stay on the server.
    review: { proposed, approved, diff, comments },
    canDecide: role === "board" || role === "admin",
    showAll,
    today: todayInDenmark(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const db = await getDb();
  // Refuse before reading the form: non-members and another plan's agreement get 404, members
  // outside the board 403.
  await requireAgreementRole(db, user, planId, agreementId, ["board"]);
  const formData = await request.formData();
  const versionId = VersionIdSchema.safeParse(formData.get("versionId"));
  if (!versionId.success) {
    throw new Response("Formularen mangler forslagets nummer", { status: 400 });
  }
  const parsed = parseFormData(DecisionSchema, formData);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await decideRevision(db, user, planId, agreementId, versionId.data, parsed.data);
  } catch (error) {
    if (error instanceof ConflictError) return conflict(parsed.values, NOT_PENDING_MESSAGE);
    return formErrorResponse(error, parsed.values);
  }
  return redirectWithFlash(
    request,
    `/plans/${planId}/agreements/${agreementId}`,
    parsed.data.decision === "approve"
      ? "Forslaget er godkendt og er nu den gældende version."
      : "Forslaget er afvist. Sekretariatet kan rette delaftalen og sende den igen.",
  );
}

const decisionOptions = [
  { value: "approve", label: "Godkend" },
  { value: "reject", label: "Afvis" },
] as const;

/** Approve or reject, as radio buttons in a fieldset (form.tsx has no radio field yet). */
function DecisionField({ serverError }: { serverError?: string }) {
  const form = useFormContext();
  const clientError = form.formState.errors.decision?.message;
  const error = typeof clientError === "string" ? clientError : serverError;
  const current = form.getValues("decision") as unknown;
  const id = fieldId("decision");
  return (
    <fieldset
      className="field radio-group"
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>
        Beslutning<span aria-hidden="true"> *</span>
      </legend>
      {decisionOptions.map((o) => (
        <label key={o.value} className="checkbox" htmlFor={`${id}-${o.value}`}>
          <input
            id={`${id}-${o.value}`}
            type="radio"
            value={o.value}
            defaultChecked={current === o.value}
            {...form.register("decision")}
          />
          {o.label}
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

export default function ReviewPage() {
  const { agreement, review, canDecide, showAll, today } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = `/plans/${agreement.plan.id}/agreements/${agreement.id}`;
  const crumbs = [
    { to: "/", label: "Mine helhedsplaner" },
    { to: `/plans/${agreement.plan.id}`, label: agreement.plan.name },
    { to: base, label: agreement.title },
  ];

  if (!review) {
    return (
      <>
        <PageHeader title="Ændringer til godkendelse" crumbs={crumbs} />
        {failure?.formError ? (
          <div className="alert alert-warn" role="alert">
            {failure.formError}
          </div>
        ) : null}
        <p>Der er ingen ændringer, som afventer bestyrelsens godkendelse.</p>
        <p>
          <Link to={`${base}/versions`}>Se versionshistorikken</Link> ·{" "}
          <Link to={base}>Tilbage til delaftalen</Link>
        </p>
      </>
    );
  }

  const { proposed, approved, diff, comments } = review;
  return (
    <>
      <PageHeader
        title="Ændringer til godkendelse"
        crumbs={crumbs}
        actions={
          <a className="button button-secondary" href={`${base}/review/changes.docx`} download>
            Hent med registrerede ændringer (Word)
          </a>
        }
      >
        <p className="muted">
          <span className="badge badge-warn">{proposed.label}</span> {agreement.title}
        </p>
      </PageHeader>

      <section className="panel review-proposed-version" aria-labelledby="proposed-version-title">
        <h2 id="proposed-version-title">Forslaget</h2>
        <dl className="facts">
          <dt>Forslag</dt>
          <dd>{proposed.label}</dd>
          <dt>Indsendt</dt>
          <dd>
            {formatDateTime(proposed.submittedAt)}
            {proposed.submittedBy ? ` af ${proposed.submittedBy}` : null}
          </dd>
          <dt>Sammenlignet med</dt>
          <dd>
            {approved
              ? approved.label
              : "Ingen godkendt version endnu: dette er første version, så alt vises som tilføjet."}
          </dd>
        </dl>
        <h3>Hvad er ændret</h3>
        <p className="review-text">{proposed.summary ?? "Ikke beskrevet."}</p>
        <h3>Arbejdsgruppens indstilling</h3>
        <p className="review-text">
          {proposed.recommendation ?? "Arbejdsgruppen har ikke skrevet en indstilling."}
        </p>
        {canDecide ? (
          <p className="no-print">
            <a href="#decision-title">Gå til beslutningen</a>
          </p>
        ) : null}
      </section>

      <DiffView diff={diff} showAll={showAll} path={`${base}/review`} />

      <CommentHistory threads={comments} />

      {canDecide ? (
        <section className="panel review-decision no-print" aria-labelledby="decision-title">
          <h2 id="decision-title">Bestyrelsens beslutning</h2>
          <ValidatedForm
            schema={DecisionSchema}
            defaultValues={{ decision: "", meetingDate: today, note: "" }}
            failure={failure}
            hidden={{ versionId: proposed.id }}
            aria-label="Bestyrelsens beslutning"
          >
            <DecisionField serverError={failure?.errors.decision} />
            <TextField name="meetingDate" label="Dato for bestyrelsesmødet" type="date" required />
            <TextArea
              name="note"
              label="Beslutningens begrundelse/bemærkning"
              hint="Skal udfyldes, når forslaget afvises, så sekretariatet ved, hvad der skal rettes."
              rows={4}
            />
            <div className="form-actions">
              <SubmitButton>Registrer beslutningen</SubmitButton>
              <Link to={base}>Annuller</Link>
            </div>
          </ValidatedForm>
        </section>
      ) : (
        <p className="muted no-print">
          Bestyrelsen træffer beslutningen om forslaget på et bestyrelsesmøde.
        </p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
