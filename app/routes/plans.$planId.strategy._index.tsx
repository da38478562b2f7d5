/**
 * "Strategisk samarbejdsaftale": the plan's top agreement as a document, its state badge (Udkast,
 * Til beslutning, Afventer fondens godkendelse, Godkendt), the version in effect,
 * and the actions each role may take: the secretariat edits, submits, withdraws, records when the
 * board's approval was sent to the fund and the fund's answer; the board decides on the version's
 * page (…/strategy/versions/<number>), linked from here. One action
 * switches on `intent`; each form keeps its input and shows its errors beside its fields.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
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
import { parseFormData, type FormFailure } from "~/domain/form";
import { formatDate, formatDateTime, todayInDenmark } from "~/domain/format";
import { canEditPlan } from "~/domain/roles";
import {
  awaitingFundText,
  FundDecisionSchema,
  FundSentSchema,
  strategicStateLabels,
  SubmitStrategicSchema,
  type StrategicState,
} from "~/domain/strategic-agreement";
import { MAX_INT } from "~/domain/zod";
import { badRequest } from "~/http.server";
import {
  getStrategicPage,
  markStrategicSentToFund,
  recordStrategicFundDecision,
  requireStrategicEditor,
  submitStrategicAgreement,
  withdrawStrategicVersion,
} from "~/models/strategic-agreements.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Strategisk samarbejdsaftale · ${data.page.planName} · Samarbejdsaftaler`
      : "Strategisk samarbejdsaftale · Samarbejdsaftaler",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { current, ...page } = await getStrategicPage(await getDb(), user, planId);
  // The page shows the draft; the version in effect is linked, its document not sent along.
  return {
    planId,
    page: { ...page, current: current ? { info: current.info } : null },
    today: todayInDenmark(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  // Who may act is checked before the form is read (404 for non-members, 403 for other roles).
  await requireStrategicEditor(db, user, planId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const number = Number(formData.get("number"));
  const done = (text: string) => redirectWithFlash(request, `/plans/${planId}/strategy`, text);
  const run = async <T,>(
    schema: Parameters<typeof parseFormData>[0],
    save: (data: T) => Promise<unknown>,
    text: string,
  ) => {
    const parsed = parseFormData(schema, formData);
    if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
    try {
      await save(parsed.data as T);
    } catch (error) {
      return formErrorResponse(error, parsed.values);
    }
    return done(text);
  };
  if (intent !== "submit" && (!Number.isSafeInteger(number) || number <= 0 || number > MAX_INT)) {
    return badRequest({ intent }, {}, "Handlingen kunne ikke udføres. Genindlæs siden.");
  }
  switch (intent) {
    case "submit":
      return run(
        SubmitStrategicSchema,
        (d: { summary: string }) => submitStrategicAgreement(db, user, planId, d),
        "Den strategiske samarbejdsaftale er sendt til bestyrelsen til beslutning.",
      );
    case "withdraw": {
      const values = { intent };
      try {
        await withdrawStrategicVersion(db, user, planId, number);
      } catch (error) {
        return formErrorResponse(error, values);
      }
      return done("Forslaget er trukket tilbage. Du kan redigere aftalen igen.");
    }
    case "fund-sent":
      return run(
        FundSentSchema,
        (d: Parameters<typeof markStrategicSentToFund>[4]) =>
          markStrategicSentToFund(db, user, planId, number, d),
        "Det er noteret, at aftalen er sendt til fonden.",
      );
    case "fund-decision":
      return run(
        FundDecisionSchema,
        (d: Parameters<typeof recordStrategicFundDecision>[4]) =>
          recordStrategicFundDecision(db, user, planId, number, d),
        "Fondens afgørelse er gemt.",
      );
    default:
      return badRequest({}, {}, "Handlingen kunne ikke udføres. Genindlæs siden, og prøv igen.");
  }
}

/** The failure belongs to the form submitted with this intent. */
function failureFor(failure: FormFailure | undefined, intent: string) {
  return failure?.values.intent === intent ? failure : undefined;
}

const badgeClass: Record<StrategicState, string> = {
  draft: "badge",
  proposed: "badge badge-warn",
  awaiting_fund: "badge badge-warn",
  approved: "badge badge-ok",
};

export default function StrategyPage() {
  const { planId, page, today } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = `/plans/${planId}/strategy`;
  const editor = canEditPlan(page.role);
  const decider = page.role === "admin" || page.role === "board";
  const pending = page.pending;
  const shown: string[] = [];
  if (editor && !pending) shown.push("submit");
  if (pending?.status === "awaiting_fund" && editor) shown.push("fund-sent", "fund-decision");
  const pageError =
    failure?.formError && !shown.includes(String(failure.values.intent))
      ? failure.formError
      : undefined;

  return (
    <>
      <PageHeader
        title="Strategisk samarbejdsaftale"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${planId}`, label: page.planName },
        ]}
        actions={
          <>
            {editor && pending?.status !== "proposed" ? (
              <Link className="button button-secondary" to={`${base}/edit`}>
                {page.exists ? "Rediger" : "Opret strategisk samarbejdsaftale"}
              </Link>
            ) : null}
            {page.exists ? (
              <a className="button button-secondary" href={`${base}/document.docx`} download>
                Hent Word
              </a>
            ) : null}
          </>
        }
      >
        <p>
          <span className={badgeClass[page.state]} data-testid="strategic-state">
            {strategicStateLabels[page.state]}
          </span>{" "}
          {page.current ? (
            <>
              Gældende version:{" "}
              <Link to={`${base}/versions/${page.current.info.number}`}>
                {page.current.info.label}
              </Link>
              {page.current.info.fundReference
                ? ` (Landsbyggefondens j.nr. ${page.current.info.fundReference})`
                : null}
              .
            </>
          ) : (
            <span className="muted">Ingen version er godkendt endnu.</span>
          )}{" "}
          <Link to={`${base}/versions`}>Versionshistorik</Link>
        </p>
      </PageHeader>

      {pageError ? (
        <div className="alert alert-error" role="alert">
          {pageError}
        </div>
      ) : null}

      {pending ? (
        <section className="panel" aria-labelledby="pending-title">
          <h2 id="pending-title">
            {pending.status === "proposed"
              ? `${pending.label} afventer bestyrelsen`
              : `Version ${pending.number}: ${awaitingFundText(pending)}`}
          </h2>
          <p>
            Indstillet {formatDateTime(pending.submittedAt)}
            {pending.submittedBy ? ` af ${pending.submittedBy}` : ""}.
            {pending.summary ? ` Resumé: ${pending.summary}` : ""}
          </p>
          {pending.meetingDate ? (
            <p>Godkendt af bestyrelsen på mødet {formatDate(pending.meetingDate)}.</p>
          ) : null}
          <p>
            <Link to={`${base}/versions/${pending.number}`}>
              Se version {pending.number} og ændringerne
            </Link>
          </p>
          {pending.status === "proposed" ? (
            <>
              <p className="muted">
                Aftalen er låst, indtil bestyrelsen har besluttet, eller sekretariatet trækker
                forslaget tilbage.
              </p>
              {editor ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="number" value={pending.number} />
                  <button type="submit" className="button button-danger">
                    Træk forslaget tilbage
                  </button>
                </Form>
              ) : null}
              {decider ? (
                <p>
                  <Link className="button button-primary" to={`${base}/versions/${pending.number}`}>
                    Se forslaget og træf bestyrelsens beslutning
                  </Link>
                </p>
              ) : null}
            </>
          ) : editor ? (
            <>
              {!pending.fundSentAt ? (
                <ValidatedForm
                  schema={FundSentSchema}
                  defaultValues={{ fundSentAt: today }}
                  failure={failureFor(failure, "fund-sent")}
                  hidden={{ intent: "fund-sent", number: pending.number }}
                  aria-label="Sendt til fonden"
                  className="panel"
                >
                  <h3>Sendt til Landsbyggefonden</h3>
                  <TextField name="fundSentAt" label="Sendt den" type="date" required />
                  <div className="form-actions">
                    <SubmitButton variant="secondary">Markér som sendt til fonden</SubmitButton>
                  </div>
                </ValidatedForm>
              ) : null}
              <ValidatedForm
                schema={FundDecisionSchema}
                defaultValues={{
                  fundDecision: "",
                  fundDate: today,
                  fundReference: "",
                  fundNote: "",
                }}
                failure={failureFor(failure, "fund-decision")}
                hidden={{ intent: "fund-decision", number: pending.number }}
                aria-label="Fondens afgørelse"
                className="panel"
              >
                <h3>Landsbyggefondens afgørelse</h3>
                <SelectField
                  name="fundDecision"
                  label="Afgørelse"
                  required
                  options={[
                    { value: "approve", label: "Godkendt af fonden (træder i kraft)" },
                    { value: "reject", label: "Afvist af fonden" },
                  ]}
                />
                <TextField name="fundDate" label="Dato for afgørelsen" type="date" required />
                <TextField
                  name="fundReference"
                  label="Fondens journalnummer eller reference"
                  hint="Skal udfyldes, når fonden har godkendt."
                />
                <TextArea name="fundNote" label="Bemærkning" />
                <div className="form-actions">
                  <SubmitButton>Registrér fondens afgørelse</SubmitButton>
                </div>
              </ValidatedForm>
            </>
          ) : null}
        </section>
      ) : editor && page.exists ? (
        <section className="panel" aria-labelledby="submit-title">
          <h2 id="submit-title">Indstil til bestyrelsen</h2>
          <ValidatedForm
            schema={SubmitStrategicSchema}
            defaultValues={{ summary: "" }}
            failure={failureFor(failure, "submit")}
            hidden={{ intent: "submit" }}
            aria-label="Indstil til bestyrelsen"
          >
            <p className="muted">
              Aftalen gemmes som den er nu (med budgettet fra delaftalerne) og sendes til
              bestyrelsen. Når bestyrelsen har godkendt, skal ændringen godkendes af
              Landsbyggefonden, før den træder i kraft.
            </p>
            <TextArea name="summary" label="Resumé af ændringerne" required rows={4} />
            <div className="form-actions">
              <SubmitButton>Indstil til bestyrelsen</SubmitButton>
            </div>
          </ValidatedForm>
        </section>
      ) : null}

      {page.exists ? (
        <>
          <h2>{page.current ? "Arbejdsudgaven" : "Udkast"}</h2>
          {page.current ? (
            <p className="muted">
              Sådan ser aftalen ud med de seneste ændringer. Den gældende version er{" "}
              <Link to={`${base}/versions/${page.current.info.number}`}>
                {page.current.info.label.toLocaleLowerCase("da")}
              </Link>
              .
            </p>
          ) : null}
          <StrategicDocument view={page.draft} />
        </>
      ) : (
        <p className="empty">
          Planen har ingen strategisk samarbejdsaftale endnu.
          {editor ? " Opret den med knappen ovenfor." : ""}
        </p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
