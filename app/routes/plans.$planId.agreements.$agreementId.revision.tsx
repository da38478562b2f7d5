/**
 * "Indstil til godkendelse" (secretariat and administrators): start the year's revision, submit
 * the working draft to the board with a summary and the working group's recommendation, or take a
 * proposed version back. One action switches on `intent` (start | submit | withdraw); each form is
 * parsed with its own schema and works without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, SubmitButton, TextArea, TextField, ValidatedForm } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { agreementChecklist, isReadyForApproval } from "~/domain/agreement-view";
import { formatDateTime } from "~/domain/format";
import { parseFormData, type FormFailure } from "~/domain/form";
import { StartRevisionSchema, SubmitRevisionSchema } from "~/domain/revision";
import { badRequest, conflict } from "~/http.server";
import { requireAgreementRole } from "~/models/access.server";
import { getAgreementView } from "~/models/agreements/read.server";
import { ConflictError } from "~/models/errors.server";
import {
  getRevisionState,
  startRevision,
  submitRevision,
  withdrawProposedVersion,
} from "~/models/revisions.server";
import { agreementPath } from "~/paths";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

const NOTHING_TO_WITHDRAW =
  "Der er intet forslag at trække tilbage. Bestyrelsen har måske allerede besluttet, eller forslaget er trukket tilbage.";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `Indstil til godkendelse · ${data?.agreement.title ?? "Delaftale"} · Samarbejdsaftaler`,
  },
];

async function revisionContext(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const db = await getDb();
  // Before anything else: non-members and another plan's agreement get 404, members without the
  // secretariat role 403.
  await requireAgreementRole(db, user, planId, agreementId, ["secretariat"]);
  return { user, planId, agreementId, db };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, planId, agreementId, db } = await revisionContext(request, params);
  const [{ view }, state] = await Promise.all([
    getAgreementView(db, user, planId, agreementId),
    getRevisionState(db, user, planId, agreementId),
  ]);
  const checklist = agreementChecklist(view);
  return {
    agreement: {
      id: view.id,
      planId: view.planId,
      title: view.title,
      focusArea: view.focusArea,
      planName: view.plan.name,
    },
    revision: state.revision,
    current: state.current ? { number: state.current.number, label: state.current.label } : null,
    proposed: state.proposed
      ? {
          number: state.proposed.number,
          label: state.proposed.label,
          submittedAt: state.proposed.submittedAt,
          submittedBy: state.proposed.submittedBy,
        }
      : null,
    // Versions are listed newest first.
    nextNumber: (state.versions[0]?.number ?? 0) + 1,
    ready: isReadyForApproval(checklist),
    failing: checklist
      .filter((item) => item.rule && !item.ok)
      .map(({ key, label, section, field }) => ({ key, label, section, field })),
    startDefaults: { year: new Date().getFullYear() },
    // After the board returned a proposed version (or it was withdrawn), start from what was sent.
    submitDefaults: {
      summary: state.revision?.summary ?? "",
      recommendation: state.revision?.recommendation ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, planId, agreementId, db } = await revisionContext(request, params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const done = (text: string) =>
    redirectWithFlash(request, agreementPath(planId, agreementId), text);

  if (intent === "start") {
    const parsed = parseFormData(StartRevisionSchema, formData);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    try {
      await startRevision(db, user, planId, agreementId, parsed.data.year);
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
    return done(`Revisionen for ${parsed.data.year} er startet.`);
  }

  if (intent === "submit") {
    const parsed = parseFormData(SubmitRevisionSchema, formData);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    try {
      await submitRevision(db, user, planId, agreementId, parsed.data);
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
    return done("Delaftalen er sendt til bestyrelsen til beslutning.");
  }

  if (intent === "withdraw") {
    const values = { intent };
    try {
      await withdrawProposedVersion(db, user, planId, agreementId);
    } catch (error) {
      // The shared conflict message speaks of unsaved input; here nothing was typed.
      if (error instanceof ConflictError) return conflict(values, NOTHING_TO_WITHDRAW);
      return formErrorResponse(error, values);
    }
    return done("Forslaget er trukket tilbage. Du kan redigere delaftalen igen.");
  }

  return badRequest({}, {}, "Handlingen kunne ikke udføres. Genindlæs siden, og prøv igen.");
}

/** The failure belongs to the form that was submitted with this intent. */
function failureFor(failure: FormFailure | undefined, intent: string) {
  return failure?.values.intent === intent ? failure : undefined;
}

export default function RevisionPage() {
  const {
    agreement,
    revision,
    current,
    proposed,
    nextNumber,
    ready,
    failing,
    startDefaults,
    submitDefaults,
  } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = agreementPath(agreement.planId, agreement.id);
  // A form shows its own message; one for a form no longer on the page (the withdraw button, or
  // a submit that met a proposed version sent meanwhile) is shown at the top.
  const shownForms = proposed ? [] : [...(revision ? [] : ["start"]), ...(ready ? ["submit"] : [])];
  const pageError =
    failure?.formError && !shownForms.includes(String(failure.values.intent))
      ? failure.formError
      : undefined;

  return (
    <>
      <PageHeader
        title="Indstil til godkendelse"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${agreement.planId}`, label: agreement.planName },
          { to: base, label: agreement.focusArea },
        ]}
      >
        <p className="muted">
          {agreement.title}.{" "}
          {current ? `Gældende version: ${current.label}.` : "Delaftalen er ikke godkendt endnu."}
        </p>
      </PageHeader>

      {pageError ? (
        <div className="alert alert-error" role="alert">
          {pageError}
        </div>
      ) : null}

      {proposed ? (
        <section className="panel" aria-labelledby="pending-title">
          <h2 id="pending-title">{proposed.label} afventer bestyrelsen</h2>
          <p>
            Indstillet {formatDateTime(proposed.submittedAt)}
            {proposed.submittedBy ? ` af ${proposed.submittedBy}` : ""}. Delaftalen er låst, indtil
            bestyrelsen har besluttet, eller forslaget trækkes tilbage.
          </p>
          <div className="form-actions">
            <Link className="button button-secondary" to={`${base}/review`}>
              Se ændringer
            </Link>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="button button-danger">
                Træk forslaget tilbage
              </button>
            </Form>
          </div>
        </section>
      ) : (
        <>
          <section className="panel" aria-labelledby="revision-title">
            <h2 id="revision-title">Årets revision</h2>
            {revision ? (
              <>
                <p>Revisionen for {revision.year} er i gang.</p>
                {revision.returnNote ? (
                  <div className="alert alert-warn" role="note">
                    <strong>Bestyrelsen sendte forslaget tilbage:</strong> {revision.returnNote}
                  </div>
                ) : null}
              </>
            ) : (
              <ValidatedForm
                schema={StartRevisionSchema}
                defaultValues={startDefaults}
                failure={failureFor(failure, "start")}
                hidden={{ intent: "start" }}
                aria-label="Start revision"
              >
                <p className="muted">
                  Delaftalen er ikke under revision. Start årets revision, eller indstil direkte
                  nedenfor; så startes revisionen for indeværende år.
                </p>
                <TextField name="year" label="År" required inputMode="numeric" />
                <div className="form-actions">
                  <SubmitButton variant="secondary">Start revision</SubmitButton>
                </div>
              </ValidatedForm>
            )}
          </section>

          <section className="panel" aria-labelledby="submit-title">
            <h2 id="submit-title">Indstil som version {nextNumber}</h2>
            {ready ? (
              <ValidatedForm
                schema={SubmitRevisionSchema}
                defaultValues={submitDefaults}
                failure={failureFor(failure, "submit")}
                hidden={{ intent: "submit" }}
                aria-label="Indstil til godkendelse"
              >
                <p className="muted">
                  Delaftalen gemmes som den er nu og sendes til bestyrelsen. Mens bestyrelsen
                  behandler forslaget, kan delaftalen ikke ændres.
                </p>
                <TextArea
                  name="summary"
                  label="Resumé af ændringerne"
                  hint="Skriv kort, hvad der er ændret siden den gældende version, så bestyrelsen kan se det."
                  required
                  rows={5}
                />
                <TextArea
                  name="recommendation"
                  label="Arbejdsgruppens indstilling"
                  hint="Arbejdsgruppens anbefaling til bestyrelsen (valgfri)."
                  rows={4}
                />
                <div className="form-actions">
                  <SubmitButton>Indstil til godkendelse</SubmitButton>
                  <Link to={base}>Annuller</Link>
                </div>
              </ValidatedForm>
            ) : (
              <div className="alert alert-error" role="alert">
                <p>
                  <strong>Delaftalen kan ikke indstilles endnu.</strong> Disse regler skal være
                  opfyldt først:
                </p>
                <ul className="checklist">
                  {failing.map((item) => (
                    <li key={item.key} className="fail">
                      <Link
                        to={`${base}/edit/${item.section}${item.field ? `#f-${item.field}` : ""}`}
                      >
                        {item.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        </>
      )}
      <p>
        <Link to={base}>Tilbage til delaftalen</Link>
        {" · "}
        <Link to={`${base}/versions`}>Versionshistorik</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
