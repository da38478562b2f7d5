/**
 * One version of the strategic agreement, read-only, and what changed since the previous one.
 * While the version awaits the board, the board (and admins) decide it here: approval sends it
 * on to the fund (R6), rejection returns it to the secretariat.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { Segments } from "~/components/diff-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  ValidatedForm,
} from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { StrategicDocument } from "~/components/strategic-document";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { formatDate, todayInDenmark } from "~/domain/format";
import {
  StrategicDecisionSchema,
  strategicVersionStatusLabels,
} from "~/domain/strategic-agreement";
import { badRequest } from "~/http.server";
import {
  decideStrategicVersion,
  getStrategicVersion,
  requireStrategicDecider,
} from "~/models/strategic-agreements.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.info.label} · Strategisk samarbejdsaftale · Samarbejdsaftaler`
      : "Version · Samarbejdsaftaler",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const number = requireIdParam(params, "number");
  const version = await getStrategicVersion(await getDb(), user, planId, number);
  return { planId, ...version, today: todayInDenmark() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const number = requireIdParam(params, "number");
  const db = await getDb();
  // 404 for a plan or version the user cannot see, 403 for a role that may not decide, first.
  await requireStrategicDecider(db, user, planId, number);
  const parsed = parseFormData(StrategicDecisionSchema, await request.formData());
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await decideStrategicVersion(db, user, planId, number, parsed.data);
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
  return redirectWithFlash(
    request,
    `/plans/${planId}/strategy`,
    parsed.data.decision === "approve"
      ? "Forslaget er godkendt og er nu den gældende version."
      : "Forslaget er afvist. Sekretariatet kan rette aftalen og sende den igen.",
  );
}

export default function StrategicVersionPage() {
  const { planId, info, view, previous, diff, role, today } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const decider = role === "admin" || role === "board";
  const base = `/plans/${planId}/strategy`;
  const changes = diff.filter((d) => d.kind !== "equal");
  return (
    <>
      <PageHeader
        title={view.title}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${planId}`, label: view.plan.name },
          { to: base, label: "Strategisk samarbejdsaftale" },
          { to: `${base}/versions`, label: "Versionshistorik" },
        ]}
        actions={
          <a
            className="button button-primary"
            href={`${base}/versions/${info.number}/document.docx`}
            download
          >
            Hent Word
          </a>
        }
      />
      <div
        className={info.status === "approved" ? "alert alert-ok" : "alert alert-warn"}
        role="note"
      >
        <strong>{info.label}</strong>{" "}
        <span className="badge">{strategicVersionStatusLabels[info.status]}</span>
        <br />
        {info.meetingDate ? `Bestyrelsesmøde ${formatDate(info.meetingDate)}. ` : null}
        {info.fundApprovedAt
          ? `Godkendt af Landsbyggefonden ${formatDate(info.fundApprovedAt)}${info.fundReference ? ` (j.nr. ${info.fundReference})` : ""}. `
          : info.fundSentAt
            ? `Sendt til fonden ${formatDate(info.fundSentAt)}. `
            : null}
        Dette er en gemt version og kan ikke ændres.{" "}
        <Link to={base}>Gå til den aktuelle aftale</Link>
      </div>
      {info.status === "proposed" && decider ? (
        <section className="panel" aria-labelledby="decision-title">
          <h2 id="decision-title">Bestyrelsens beslutning</h2>
          {info.summary ? <p>Resumé fra sekretariatet: {info.summary}</p> : null}
          <ValidatedForm
            schema={StrategicDecisionSchema}
            defaultValues={{ decision: "", meetingDate: today, note: "" }}
            failure={failure}
            aria-label="Bestyrelsens beslutning"
          >
            <SelectField
              name="decision"
              label="Beslutning"
              required
              options={[
                { value: "approve", label: "Godkend (sendes derefter til fonden)" },
                { value: "reject", label: "Afvis (tilbage til sekretariatet)" },
              ]}
            />
            <TextField name="meetingDate" label="Bestyrelsesmødets dato" type="date" required />
            <TextArea name="note" label="Bemærkning" hint="Skal udfyldes, når forslaget afvises." />
            <div className="form-actions">
              <SubmitButton>Registrér beslutningen</SubmitButton>
            </div>
          </ValidatedForm>
        </section>
      ) : failure?.formError ? (
        <div className="alert alert-error" role="alert">
          {failure.formError}
        </div>
      ) : null}
      <section className="panel" aria-labelledby="changes-title">
        <h2 id="changes-title">
          {previous ? `Ændringer siden version ${previous.number}` : "Første version"}
        </h2>
        {!previous ? (
          <p className="muted">Der er ingen tidligere version at sammenligne med.</p>
        ) : changes.length === 0 ? (
          <p className="muted">Ingen ændringer i teksten.</p>
        ) : (
          <ul className="diff-list">
            {changes.map((d, i) => (
              <li key={i}>
                <span className="muted small">
                  {d.kind === "insert" ? "Tilføjet" : d.kind === "delete" ? "Fjernet" : "Ændret"}
                  {d.style === "heading" ? " (overskrift)" : ""}:{" "}
                </span>
                <Segments segments={d.segments} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <StrategicDocument view={view} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
