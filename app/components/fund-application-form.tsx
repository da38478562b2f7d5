/**
 * The application to a dispositionsfond, shared by "Ny ansøgning" and editing a draft: the estate
 * and the measure, the period with one budget row per year, other funding and the estate's
 * tenancies, with the budget's totals computed beside the form as it is typed (never typed in).
 * Two submit buttons with different rules: "Gem udkast" saves an incomplete draft, "Indsend
 * ansøgning" checks everything the fund needs; the browser validates with the same schema as the
 * server (built from the fund's settings). Without JavaScript, the list buttons and "Opdater år
 * efter perioden" post the form and the action shows it again with the change (see
 * readApplicationSubmission); with JavaScript the rows follow the period at once.
 */
import { Link } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import {
  applicationSchema,
  budgetRowsForPeriod,
  FUND_FUNDING_KINDS,
  FUND_NEEDS,
  fundFundingKindLabels,
  fundNeedLabels,
  type ApplicationIntent,
  type ApplicationValues,
  type BudgetRowFormValues,
  type FundSettings,
} from "~/domain/disposition-fund";
import { applyListIntent, formDataToValues, parseValues, type FormFailure } from "~/domain/form";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import {
  Checkbox,
  HiddenField,
  SelectField,
  TextArea,
  TextField,
  ValidatedForm,
  type Option,
} from "./form";
import { ListField } from "./list-field";
import { FieldMessage, RadioField } from "./radio-field";
import { LiveTotals, rowsOf, yearOf } from "./fund-application-totals";
import { useSubmitIntentSchema } from "./submit-intent";

export const APPLICATION_LIST_NOTICE =
  "Listen er ændret, men ansøgningen er ikke gemt endnu. Tryk «Gem udkast» for at gemme.";
export const APPLICATION_PERIOD_NOTICE =
  "Budgettets år følger nu perioden, men ansøgningen er ikke gemt endnu. Tryk «Gem udkast» for at gemme.";
export const PERIOD_UNREADABLE_MESSAGE =
  "Skriv første og sidste år som årstal, fx 2026 og 2027, så årene i budgettet kan følge perioden";

/** What the action should do with a posted application form. */
export type ApplicationSubmission =
  /** Show the form again: a list or period button without JavaScript (200), or bad input (400). */
  | { kind: "reply"; status: 200 | 400; failure: FormFailure }
  | {
      kind: "valid";
      intent: ApplicationIntent;
      data: ApplicationValues;
      /** What was posted, to refill the form if the model refuses. */
      values: Record<string, unknown>;
    };

/**
 * Reads a posted application form: the list and period buttons (no JavaScript) re-render it
 * with the change; otherwise it is parsed with the schema of the button pressed ("Indsend
 * ansøgning" posts intent=submit; anything else saves a draft).
 */
export function readApplicationSubmission(
  formData: FormData,
  fund: Pick<FundSettings, "maxYears">,
): ApplicationSubmission {
  const values = formDataToValues(formData);
  delete values._list;
  delete values._period;
  const listed = applyListIntent(values, formData.get("_list"));
  if (listed) {
    return {
      kind: "reply",
      status: 200,
      failure: { ok: false, errors: {}, values: listed, notice: APPLICATION_LIST_NOTICE },
    };
  }
  if (formData.get("_period") != null) {
    const years = budgetRowsForPeriod(values.years, values.startYear, values.endYear);
    return years
      ? {
          kind: "reply",
          status: 200,
          failure: {
            ok: false,
            errors: {},
            values: { ...values, years },
            notice: APPLICATION_PERIOD_NOTICE,
          },
        }
      : {
          kind: "reply",
          status: 400,
          failure: { ok: false, errors: { endYear: PERIOD_UNREADABLE_MESSAGE }, values },
        };
  }
  const intent: ApplicationIntent = formData.get("intent") === "submit" ? "submit" : "draft";
  const parsed = parseValues(applicationSchema(fund, intent), values);
  if (!parsed.ok) return { kind: "reply", status: 400, failure: parsed };
  return { kind: "valid", intent, data: parsed.data, values };
}

export interface ApplicationFormFund {
  name: string;
  maxYears: number;
  minOwnSharePercent: number | null;
  maxAmountPerTenancy: number | null;
}

export interface ApplicationFormEstate {
  id: number;
  name: string;
  tenancies: number | null;
}

const needOptions: Option[] = FUND_NEEDS.map((need) => ({
  value: need,
  label: fundNeedLabels[need],
}));

const fundingKindOptions: Option[] = FUND_FUNDING_KINDS.map((kind) => ({
  value: kind,
  label: fundFundingKindLabels[kind],
}));

const emptyFunding = { kind: "", planId: "", name: "", amount: "" };

// --- the parts of the form ------------------------------------------------------------------

/** The estate (a choice only when the user may apply for several) and its tenancies. */
function EstateFields({ estates }: { estates: readonly ApplicationFormEstate[] }) {
  const { getValues, setValue } = useFormContext();
  const estateId = useWatch({ name: "estateId" }) as unknown;
  const previous = useRef(estateId);
  useEffect(() => {
    if (String(previous.current ?? "") === String(estateId ?? "")) return;
    const before = estates.find((e) => String(e.id) === String(previous.current));
    const chosen = estates.find((e) => String(e.id) === String(estateId));
    previous.current = estateId;
    // Another estate brings its own tenancies, unless the applicant has typed a figure of their own.
    const typed = String(getValues("tenancies") ?? "").trim();
    if (typed === "" || (before && typed === String(before.tenancies ?? ""))) {
      setValue("tenancies", chosen?.tenancies == null ? "" : String(chosen.tenancies));
    }
  }, [estateId, estates, getValues, setValue]);

  const only = estates.length === 1 ? estates[0]! : null;
  return (
    <>
      {only ? (
        <div className="field">
          <HiddenField name="estateId" />
          <p className="fund-fixed-field">
            <span className="fund-fixed-label">Afdeling, der søger</span> {only.name}
          </p>
        </div>
      ) : (
        <SelectField
          name="estateId"
          label="Afdeling, der søger"
          required
          options={estates.map((e) => ({ value: e.id, label: e.name }))}
          placeholder="Vælg afdeling"
        />
      )}
      <TextField
        name="tenancies"
        label="Antal lejemål i afdelingen"
        hint="Forudfyldt fra afdelingen. Bruges til at beregne beløbet pr. lejemål."
        inputMode="numeric"
      />
    </>
  );
}

/** The period and one budget row per year of it. */
function PeriodAndBudget({ fund, failure }: { fund: ApplicationFormFund; failure?: FormFailure }) {
  const { control, getValues, trigger } = useFormContext();
  const { fields, replace } = useFieldArray({ control, name: "years", keyName: "_key" });
  const [startYear, endYear] = useWatch({ name: ["startYear", "endYear"] }) as unknown[];
  const remembered = useRef(new Map<number, BudgetRowFormValues>());
  const lastPeriod = useRef(`${String(startYear)}–${String(endYear)}`);
  const [announcement, setAnnouncement] = useState("");

  /** Rebuilds the rows for the period typed; false when the period cannot be read. */
  const followPeriod = useCallback((): boolean => {
    const current = rowsOf(getValues("years"));
    for (const row of current) {
      const year = yearOf(row.year);
      if (year != null) {
        remembered.current.set(year, {
          year: String(year),
          requestedAmount: String(row.requestedAmount ?? ""),
          ownContribution: String(row.ownContribution ?? ""),
        });
      }
    }
    const next = budgetRowsForPeriod(
      current,
      getValues("startYear"),
      getValues("endYear"),
      remembered.current,
    );
    if (!next) return false;
    const same =
      next.length === current.length && next.every((r, i) => r.year === String(current[i]!.year));
    if (!same) {
      replace(next);
      setAnnouncement(
        next.length === 1
          ? `Budgettet har nu én række: ${next[0]!.year}`
          : `Budgettet har nu rækker for ${next[0]!.year}–${next.at(-1)!.year}`,
      );
    }
    return true;
  }, [getValues, replace]);

  // With JavaScript the rows follow the period as it is typed (only a period that can be read).
  useEffect(() => {
    const period = `${String(startYear)}–${String(endYear)}`;
    if (period === lastPeriod.current) return;
    lastPeriod.current = period;
    followPeriod();
  }, [startYear, endYear, followPeriod]);

  return (
    <>
      <div className="row-fields fund-period">
        <TextField name="startYear" label="Første år" required inputMode="numeric" />
        <TextField
          name="endYear"
          label="Sidste år"
          required
          inputMode="numeric"
          hint={`Fonden støtter højst ${fund.maxYears} år.`}
        />
      </div>
      <p className="field-actions">
        <button
          type="submit"
          name="_period"
          value="years"
          formNoValidate
          className="button button-secondary button-small"
          onClick={(event) => {
            event.preventDefault();
            if (!followPeriod()) {
              setAnnouncement(PERIOD_UNREADABLE_MESSAGE);
              // Show what is wrong with the years next to them.
              void trigger(["startYear", "endYear"]);
            }
          }}
        >
          Opdater år efter perioden
        </button>
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <fieldset className="fund-budget" aria-describedby="fund-budget-hint">
        <legend>Budget pr. år</legend>
        <p className="field-hint" id="fund-budget-hint">
          Beløb i hele kroner, fx 95.000. Egenfinansiering er afdelingens eget bidrag det år.
        </p>
        <FieldMessage name="years" serverError={failure?.errors.years} />
        {fields.length === 0 ? (
          <p className="muted">Skriv perioden ovenfor, så kommer der en række pr. år.</p>
        ) : null}
        {fields.map((field, index) => {
          const year = String((field as unknown as { year?: unknown }).year ?? "");
          const prefix = `years.${index}`;
          return (
            <fieldset
              key={(field as unknown as { _key: string })._key}
              className="fund-budget-year"
            >
              <legend>Budget {year}</legend>
              <HiddenField name={`${prefix}.year`} />
              <FieldMessage
                name={`${prefix}.year`}
                serverError={failure?.errors[`${prefix}.year`]}
              />
              <div className="row-fields amount-fields">
                <TextField
                  name={`${prefix}.requestedAmount`}
                  label={`Ansøgt beløb ${year} (kr.)`}
                  inputMode="numeric"
                />
                <TextField
                  name={`${prefix}.ownContribution`}
                  label={`Egenfinansiering ${year} (kr.)`}
                  inputMode="numeric"
                />
              </div>
            </fieldset>
          );
        })}
      </fieldset>
    </>
  );
}

/** One row of other funding: an LBF plan (in the system or named) or another fund. */
function FundingRow({
  prefix,
  planOptions,
}: {
  prefix: string;
  planOptions: readonly { id: number; name: string }[];
}) {
  const kind = useWatch({ name: `${prefix}.kind` }) as unknown;
  return (
    <div className="row-fields">
      <SelectField
        name={`${prefix}.kind`}
        label="Type"
        required
        options={fundingKindOptions}
        placeholder="Vælg type"
      />
      {kind === "external" ? null : (
        <SelectField
          name={`${prefix}.planId`}
          label="Helhedsplan"
          hint="Vælg planen, hvis den findes i systemet."
          options={planOptions.map((p) => ({ value: p.id, label: p.name }))}
          placeholder="Ikke i systemet"
        />
      )}
      <TextField
        name={`${prefix}.name`}
        label="Navn"
        hint="Fondens eller puljens navn, eller helhedsplanens, hvis den ikke findes i systemet."
      />
      <TextField
        name={`${prefix}.amount`}
        label="Beløb i hele perioden (kr.)"
        inputMode="numeric"
      />
    </div>
  );
}

export function FundApplicationForm({
  fund,
  estates,
  planOptions,
  defaultValues,
  failure,
  version,
  cancelTo,
}: {
  fund: ApplicationFormFund;
  estates: readonly ApplicationFormEstate[];
  planOptions: readonly { id: number; name: string }[];
  defaultValues: Record<string, unknown>;
  failure?: FormFailure;
  /** The version a saved draft was loaded at; none for a new application. */
  version?: number;
  cancelTo: string;
}) {
  const maxYears = fund.maxYears;
  const schemas = useMemo(
    () => ({
      draft: applicationSchema({ maxYears }, "draft"),
      submit: applicationSchema({ maxYears }, "submit"),
    }),
    [maxYears],
  );
  const { schema, marker } = useSubmitIntentSchema(schemas, "draft", failure?.values.intent);
  return (
    <ValidatedForm
      schema={schema}
      defaultValues={defaultValues}
      failure={failure}
      hidden={version == null ? undefined : { version }}
      aria-label="Ansøgning"
      className="panel fund-application-form"
    >
      {marker}
      <div className="fund-form-layout">
        <div className="fund-form-fields">
          <section className="fund-form-section" aria-labelledby="application-measure">
            <h2 id="application-measure">Afdeling og indsats</h2>
            <EstateFields estates={estates} />
            <TextField name="title" label="Titel" required />
            <TextArea
              name="description"
              label="Beskrivelse af indsatsen"
              hint={`Hvad skal der ske, for hvem, og hvem står for det? ${RICH_TEXT_HINT}`}
              rows={8}
            />
            <TextArea
              name="purpose"
              label="Formål"
              hint={`Hvad skal indsatsen føre til? ${RICH_TEXT_HINT}`}
              rows={5}
            />
            <RadioField
              name="need"
              legend="Behov"
              required
              options={needOptions}
              hint="Akutte behov er fx uro eller utryghed, der skal løses nu. Forebyggende indsatser skal hindre problemer i at opstå."
              serverError={failure?.errors.need}
            />
            <Checkbox
              name="notOrdinaryActivity"
              label="Indsatsen er ikke en almindelig fællesaktivitet i afdelingen"
              hint={`${fund.name} støtter kun ekstraordinære sociale indsatser. Almindelige fællesaktiviteter, fx sommerfest, juletræsfest eller drift af fælleslokaler, betales af afdelingens eget budget. Bekræftelsen kræves for at indsende ansøgningen.`}
            />
          </section>
          <section className="fund-form-section" aria-labelledby="application-budget">
            <h2 id="application-budget">Periode og budget</h2>
            <PeriodAndBudget fund={fund} failure={failure} />
          </section>
          <section className="fund-form-section" aria-labelledby="application-funding">
            <h2 id="application-funding">Anden finansiering</h2>
            <p className="muted">
              En boligsocial helhedsplan, som indsatsen medfinansierer, eller andre fonde og puljer.
              Beløbet gælder hele perioden.
            </p>
            <ListField
              name="funding"
              itemLabel={(i) => `Finansiering ${i + 1}`}
              addLabel="Tilføj finansiering"
              emptyText="Ingen anden finansiering."
              emptyItem={emptyFunding}
              ordered={false}
              renderItem={(_, prefix) => <FundingRow prefix={prefix} planOptions={planOptions} />}
            />
          </section>
        </div>
        <aside className="fund-form-aside fund-totals" aria-labelledby="fund-totals-title">
          <LiveTotals fund={fund} />
        </aside>
      </div>
      <div className="form-actions">
        <button type="submit" name="intent" value="draft" className="button button-secondary">
          Gem udkast
        </button>
        <button type="submit" name="intent" value="submit" className="button button-primary">
          Indsend ansøgning
        </button>
        <Link to={cancelTo}>Annuller</Link>
      </div>
    </ValidatedForm>
  );
}
