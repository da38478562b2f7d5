/**
 * Edit "Finansiering": the funding sources of the agreement, each with one amount for the whole
 * period (as the fund's template has it) or an amount per budget year (then those are its total).
 * The totals are never typed (R2): a summary below the sources is computed from the form's current
 * values with the same budget arithmetic as the agreement page, so it follows every keystroke with
 * JavaScript, and shows the saved figures without it. Without JavaScript both kinds of amount
 * fields are shown and the row's choice decides which one counts.
 */
import { YearColumnsHead } from "~/components/year-columns-head";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useWatch } from "react-hook-form";
import { handleSectionAction, loadSection, sectionSummary } from "~/agreement-section.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  HiddenField,
  SelectField,
  TextField,
  ValidatedForm,
  type Option,
} from "~/components/form";
import { ListField } from "~/components/list-field";
import { SectionActions, SectionPage } from "~/components/section-page";
import {
  amountField,
  FinancingSchema,
  FUNDING_SOURCE_KINDS,
  FUNDING_SPLITS,
  fundingSourceKindLabels,
  fundingSplitLabels,
} from "~/domain/agreement";
import { financingFormValues } from "~/domain/agreement-form-values";
import { computeBudget, MAX_LBF_SHARE, type BudgetSourceInput } from "~/domain/budget";
import { formatAmount, formatPercent } from "~/domain/format";
import { funderOptions } from "~/domain/register-options";
import { getRegisterOptions } from "~/models/agreements/read.server";
import { saveFinancing } from "~/models/agreements/sections.server";
import { agreementPath } from "~/paths";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction = () => [{ title: "Finansiering · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, record, lock } = await loadSection(request, params);
  const { years, values } = financingFormValues(record);
  const { organisations } = await getRegisterOptions(db);
  return {
    record: sectionSummary(record, lock),
    years,
    values,
    organisations: funderOptions(organisations),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleSectionAction(
    request,
    params,
    FinancingSchema,
    ({ db, user, planId, agreementId, confirmRemoval }, version, values) =>
      saveFinancing(db, user, planId, agreementId, version, values, { confirmRemoval }),
    { anchor: "financing", flash: "Finansieringen er gemt." },
  );
}

const kindOptions: Option[] = FUNDING_SOURCE_KINDS.map((kind) => ({
  value: kind,
  label: fundingSourceKindLabels[kind],
}));

const splitOptions: Option[] = FUNDING_SPLITS.map((split) => ({
  value: split,
  label: fundingSplitLabels[split],
}));

const previewAmount = amountField();

function parsedAmount(value: unknown): number {
  const parsed = previewAmount.safeParse(value);
  return parsed.success ? parsed.data : 0;
}

/**
 * The form's current rows as budget input, read as the schema reads them: a row's period total
 * or its yearly amounts, as its choice says. What cannot be parsed (yet) counts as 0.
 */
function previewSources(rows: unknown, years: number[]): BudgetSourceInput[] {
  return (Array.isArray(rows) ? rows : []).map((row: unknown, index) => {
    const { kind, split, periodTotal, amounts } = (row ?? {}) as Record<string, unknown>;
    const byKey = (amounts ?? {}) as Record<string, unknown>;
    const base = {
      id: index,
      // A row without a type yet is not Landsbyggefonden, so it counts as local co-financing.
      kind: FUNDING_SOURCE_KINDS.find((k) => k === kind) ?? "other",
      label: "",
    };
    if (split === "period") return { ...base, periodTotal: parsedAmount(periodTotal), amounts: [] };
    return {
      ...base,
      amounts: years
        .map((year) => ({ year, amount: parsedAmount(byKey[`y${year}`]) }))
        .filter((a) => a.amount > 0),
    };
  });
}

/** True once React runs in the browser: before that (or without JavaScript) show every field. */
function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** The row's amount fields: with JavaScript only those its choice uses, without it all of them. */
function AmountFields({ prefix, years }: { prefix: string; years: number[] }) {
  const split: unknown = useWatch({ name: `${prefix}.split` });
  const hydrated = useHydrated();
  const showPeriod = !hydrated || split === "period";
  const showYearly = !hydrated || split !== "period";
  return (
    <>
      {/* A plain wrapper carries `hidden`: the grid of .row-fields would override it. */}
      <div hidden={!showPeriod}>
        <div className="row-fields">
          <TextField
            name={`${prefix}.periodTotal`}
            label="Beløb for hele perioden (kr.)"
            inputMode="numeric"
            hint={hydrated ? undefined : "Bruges, når beløbet angives samlet for hele perioden."}
          />
        </div>
      </div>
      <div hidden={!showYearly}>
        <div className="row-fields amount-fields">
          {years.map((year) => (
            <TextField
              key={year}
              name={`${prefix}.amounts.y${year}`}
              label={`${year} (kr.)`}
              inputMode="numeric"
            />
          ))}
        </div>
      </div>
    </>
  );
}

/** Must be rendered inside the ValidatedForm: it reads the values through the form's context. */
function BudgetSummary({ years }: { years: number[] }) {
  const rows: unknown = useWatch({ name: "sources" });
  const budget = computeBudget(years, previewSources(rows, years));
  const periodOnly = [...budget.lbf, ...budget.local].some((l) => !l.yearly && l.total > 0);
  const line = (label: string, byYear: number[], total: number, className?: string) => (
    <tr className={className}>
      <th scope="row">{label}</th>
      {byYear.map((amount, i) => (
        <td key={years[i]} className="num">
          {formatAmount(amount)}
        </td>
      ))}
      <td className="num">{formatAmount(total)}</td>
    </tr>
  );
  return (
    <section className="budget-summary" aria-labelledby="budget-summary-title">
      <h2 id="budget-summary-title">Budgetoverblik</h2>
      <p className="muted">
        Beregnes af beløbene ovenfor. Beløb, der ikke kan læses, tæller som 0 kr.
      </p>
      <ScrollTable>
        <table className="data">
          <TableCaption className="sr-only">Budget for hele perioden</TableCaption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col" className="num">
                Finansiering
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Landsbyggefonden</th>
              <td className="num">{formatAmount(budget.lbfTotal.total)}</td>
            </tr>
            <tr>
              <th scope="row">Lokal medfinansiering</th>
              <td className="num">{formatAmount(budget.localTotal.total)}</td>
            </tr>
            <tr className="total-row">
              <th scope="row">Samlet budget for indsatsområdet</th>
              <td className="num">{formatAmount(budget.total.total)}</td>
            </tr>
          </tbody>
        </table>
      </ScrollTable>
      {budget.hasYearly ? (
        <ScrollTable>
          <table className="data">
            <TableCaption>Fordelt på år</TableCaption>
            <YearColumnsHead label="Finansiering" years={years} />
            <tbody>
              {line("Landsbyggefonden", budget.lbfTotal.byYear, budget.lbfTotal.total)}
              {line("Lokal medfinansiering", budget.localTotal.byYear, budget.localTotal.total)}
              {line("Samlet budget", budget.total.byYear, budget.total.total, "total-row")}
            </tbody>
          </table>
          {periodOnly ? (
            <p className="muted small">
              Kilder med ét beløb for hele perioden har ingen årlig fordeling: de indgår kun i «I
              alt».
            </p>
          ) : null}
        </ScrollTable>
      ) : null}
      <p>
        Landsbyggefondens andel:{" "}
        <strong>{budget.lbfShare === null ? "–" : formatPercent(budget.lbfShare)}</strong>
      </p>
      <p className="muted small">
        Landsbyggefonden kan højst betale {formatPercent(MAX_LBF_SHARE)} af helhedsplanens samlede
        budget. Kravet gælder for planen som helhed, ikke for den enkelte delaftale.
      </p>
    </section>
  );
}

export default function EditFinancing() {
  const { record, years, values, organisations } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const emptySource = {
    id: "",
    kind: "",
    name: "",
    organisationId: "",
    split: "period",
    periodTotal: "",
    amounts: Object.fromEntries(years.map((y) => [`y${y}`, ""])),
  };
  return (
    <SectionPage
      title="Finansiering"
      agreement={record}
      intro="Skriv hver finansieringskildes beløb i hele kroner, fx 750.000: samlet for hele perioden, som i fondens skabelon, eller fordelt på år. Totalerne beregnes automatisk."
    >
      <ValidatedForm
        schema={FinancingSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version: record.version }}
        aria-label="Finansiering"
        className="panel"
      >
        <ListField
          name="sources"
          itemLabel={(i) => `Finansieringskilde ${i + 1}`}
          addLabel="Tilføj finansieringskilde"
          emptyText="Ingen finansieringskilder endnu."
          emptyItem={emptySource}
          renderItem={(_, prefix) => (
            <>
              <HiddenField name={`${prefix}.id`} />
              <div className="row-fields">
                <SelectField name={`${prefix}.kind`} label="Type" required options={kindOptions} />
                <SelectField
                  name={`${prefix}.organisationId`}
                  label="Organisation"
                  hint="Ikke nødvendig for Landsbyggefonden og samlet lokal medfinansiering."
                  options={organisations}
                  placeholder="Ingen valgt"
                />
                <TextField
                  name={`${prefix}.name`}
                  label="Navn"
                  hint="Ved «Anden medfinansiering», eller hvis navnet skal stå anderledes."
                />
              </div>
              <SelectField
                name={`${prefix}.split`}
                label="Beløb angives"
                options={splitOptions}
                placeholder={null}
              />
              <AmountFields prefix={prefix} years={years} />
            </>
          )}
        />
        <BudgetSummary years={years} />
        <SectionActions cancelTo={agreementPath(record.planId, record.id, "financing")} />
      </ValidatedForm>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
