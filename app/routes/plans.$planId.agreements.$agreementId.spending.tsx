/**
 * "Forbrug": the actual spend of an agreement's funding sources in one calendar year (`?year=`),
 * against the year's budget. Reporters, the secretariat and admins record it; the board and
 * viewers read it. The comparison table below the inputs is computed with the same rule on the
 * server (saved figures, and without JavaScript) and in the browser from the current inputs.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useWatch } from "react-hook-form";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, HiddenField, TextField, ValidatedForm } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { SpendingComparisonTable } from "~/components/spending-table";
import { YearLinks } from "~/components/year-links";
import { getDb } from "~/db.server";
import { amountField } from "~/domain/agreement";
import type { Budget } from "~/domain/budget";
import { formatAmount, formatInteger } from "~/domain/format";
import { formDataToValues, parseValues } from "~/domain/form";
import {
  compareSpending,
  NO_YEARLY_SPLIT,
  SPENDING_EDITORS,
  SpendingSchema,
  type SpentAmount,
} from "~/domain/spending";
import { badRequest, notFound } from "~/http.server";
import { requireAgreementRole } from "~/models/access.server";
import { getSpending, saveSpending } from "~/models/spending.server";
import { agreementPath } from "~/paths";
import { formErrorResponse, readYearQuery, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Forbrug ${data.year} · ${data.agreement.focusArea} · Samarbejdsaftaler`
      : "Forbrug · Samarbejdsaftaler",
  },
];

/** `?year=2024`; absent is null (the page's default year), anything else but a year is a 404. */
function spendingPath(planId: number, agreementId: number, year: number) {
  return `${agreementPath(planId, agreementId)}/spending?year=${year}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const db = await getDb();
  const page = await getSpending(db, user, planId, agreementId, readYearQuery(request) ?? null);
  return {
    ...page,
    comparison: compareSpending(page.budget, page.spent, page.year),
    values: {
      rows: page.sources.map((s) => ({
        fundingSourceId: String(s.id),
        amount: s.spent === null ? "" : formatInteger(s.spent),
        note: s.note ?? "",
        loadedAmount: s.spent === null ? "" : String(s.spent),
        loadedNote: s.note ?? "",
      })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request) ?? null;
  if (year === null) throw notFound("Året mangler");
  const db = await getDb();
  // Access first, so a reader's post is a 403 whatever it contains.
  await requireAgreementRole(db, user, planId, agreementId, SPENDING_EDITORS);
  const values = formDataToValues(await request.formData());
  const parsed = parseValues(SpendingSchema, values);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await saveSpending(db, user, planId, agreementId, year, parsed.data.rows);
  } catch (error) {
    return formErrorResponse(error, values);
  }
  return redirectWithFlash(
    request,
    spendingPath(planId, agreementId, year),
    `Forbruget for ${year} er gemt.`,
  );
}

const previewAmount = amountField();

/** The form's current rows as spend; what cannot be parsed (yet) counts as 0. */
function previewSpent(rows: unknown): SpentAmount[] {
  return (Array.isArray(rows) ? rows : []).map((row: unknown) => {
    const { fundingSourceId, amount } = (row ?? {}) as {
      fundingSourceId?: unknown;
      amount?: unknown;
    };
    const parsed = previewAmount.safeParse(amount);
    return { sourceId: Number(fundingSourceId), amount: parsed.success ? parsed.data : 0 };
  });
}

function ComparisonSection({ children }: { children: ReactNode }) {
  return (
    <section className="budget-summary" aria-labelledby="spending-summary-title">
      <h2 id="spending-summary-title">Budget og forbrug</h2>
      {children}
    </section>
  );
}

/** Must be rendered inside the ValidatedForm: it reads the current inputs through its context. */
function LiveComparison({ budget, year }: { budget: Budget; year: number }) {
  const rows: unknown = useWatch({ name: "rows" });
  return (
    <ComparisonSection>
      <p className="muted">
        Beregnes af beløbene ovenfor. Beløb, der ikke kan læses, tæller som 0 kr.
      </p>
      <SpendingComparisonTable comparison={compareSpending(budget, previewSpent(rows), year)} />
    </ComparisonSection>
  );
}

export default function SpendingPage() {
  const { agreement, years, year, sources, budget, comparison, values, canEdit, lockedMessage } =
    useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = agreementPath(agreement.planId, agreement.id);
  const notes = sources.filter((s) => s.note);
  return (
    <>
      <PageHeader
        title={`Forbrug ${year}`}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${agreement.planId}`, label: agreement.planName },
          { to: base, label: agreement.focusArea },
        ]}
        actions={
          <a
            className="button button-secondary"
            href={`${base}/spending.xlsx?year=${year}`}
            download
          >
            Hent som Excel
          </a>
        }
      >
        <p className="muted">
          Det faktiske forbrug pr. finansieringskilde i {year} for indsatsområdet{" "}
          {agreement.focusArea}, sammenholdt med budgettet.
        </p>
      </PageHeader>
      <YearLinks base={`${base}/spending`} years={years} year={year} />
      {lockedMessage ? (
        <p className="alert alert-warn" role="status">
          {lockedMessage}
        </p>
      ) : null}
      {sources.length === 0 ? (
        <p className="empty">
          Delaftalen har ingen finansieringskilder endnu. Sekretariatet tilføjer dem under
          Finansiering.
        </p>
      ) : canEdit ? (
        <ValidatedForm
          // Another year, or figures just saved, make a fresh form with the stored values as typed
          // back by the server (a failed save changes neither, so the user's input stays).
          key={`${year}:${JSON.stringify(values)}`}
          schema={SpendingSchema}
          defaultValues={values}
          failure={failure}
          action={spendingPath(agreement.planId, agreement.id, year)}
          aria-label={`Forbrug ${year}`}
          className="panel"
        >
          <p className="muted">
            Skriv hver finansieringskildes forbrug i {year} i hele kroner, fx 750.000. Et tomt felt
            uden bemærkning sletter tallet.
          </p>
          {sources.map((source, index) => (
            <fieldset key={source.id}>
              <legend>{source.label}</legend>
              <HiddenField name={`rows.${index}.fundingSourceId`} />
              <HiddenField name={`rows.${index}.loadedAmount`} />
              <HiddenField name={`rows.${index}.loadedNote`} />
              <p>
                Budget {year}:{" "}
                {source.budget === null ? (
                  <>
                    <strong>{NO_YEARLY_SPLIT.toLocaleLowerCase("da")}</strong> (
                    {formatAmount(source.periodTotal ?? 0)} for hele perioden)
                  </>
                ) : (
                  <strong>{formatAmount(source.budget)}</strong>
                )}
              </p>
              <div className="row-fields">
                <TextField
                  name={`rows.${index}.amount`}
                  label={`Forbrug ${year} (kr.)`}
                  inputMode="numeric"
                />
                <TextField name={`rows.${index}.note`} label="Bemærkning" />
              </div>
            </fieldset>
          ))}
          <LiveComparison budget={budget} year={year} />
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              Gem
            </button>
            <Link to={base}>Tilbage til delaftalen</Link>
          </div>
        </ValidatedForm>
      ) : (
        <div className="panel">
          <ComparisonSection>
            <SpendingComparisonTable comparison={comparison} />
          </ComparisonSection>
          {notes.length ? (
            <section aria-labelledby="spending-notes-title">
              <h2 id="spending-notes-title">Bemærkninger</h2>
              <dl className="facts">
                {notes.map((s) => (
                  <Fragment key={s.id}>
                    <dt>{s.label}</dt>
                    <dd>{s.note}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          ) : null}
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
