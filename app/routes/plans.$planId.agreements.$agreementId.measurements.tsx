/**
 * Measurements of an agreement for one year (`?year=2025`): every success criterion with its
 * baseline and target, the actual value, the status (suggested from value and target, or chosen
 * with a reason), a comment and the figure's source. Reporters, the secretariat and admins edit;
 * board members and viewers see the same grid read-only. Works without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  HiddenField,
  SelectField,
  TextArea,
  TextField,
  ValidatedForm,
} from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { optionalDecimal } from "~/domain/agreement";
import { formatNumber } from "~/domain/format";
import { formDataToValues, parseValues, type FormFailure } from "~/domain/form";
import {
  differsFromLog,
  logFillValues,
  MEASUREMENT_STATUSES,
  MeasurementGridSchema,
  measurementGridFormValues,
  NO_MEASUREMENT_LABEL,
  measurementStatusClasses,
  measurementStatusLabels,
  readUseLogIntent,
  suggestStatus,
  USE_LOG_NOTICE,
  fillFromLogIntent,
  valueOverrideLine,
  type CriterionLogValue,
  type MeasurementStatus,
  type StoredMeasurement,
} from "~/domain/measurement";
import { canEditLog } from "~/domain/activity-log";
import { ENDED_LABEL } from "~/domain/retired";
import { badRequest, notFound } from "~/http.server";
import { requireAgreementRole } from "~/models/access.server";
import {
  getMeasurementGrid,
  MEASUREMENT_EDITOR_ROLES,
  saveMeasurements,
} from "~/models/measurements.server";
import { agreementPath } from "~/paths";
import { formErrorResponse, readYearQuery, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Målinger ${data?.year ?? ""} · Samarbejdsaftaler` },
];

/** `?year=` as a number; absent is undefined (the default year), anything else 404. */
function measurementsPath(planId: number, agreementId: number, year?: number, saved = false) {
  const query = [year != null ? `year=${year}` : "", saved ? "saved=1" : ""].filter(Boolean);
  return `${agreementPath(planId, agreementId)}/measurements${query.length ? `?${query.join("&")}` : ""}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request);
  const db = await getDb();
  const grid = await getMeasurementGrid(db, user, planId, agreementId, year);
  return {
    ...grid,
    canChooseSources: canEditLog(grid.role),
    values: grid.canEdit ? measurementGridFormValues(grid.rows) : null,
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request);
  if (year == null) throw notFound("Året findes ikke");
  const db = await getDb();
  // Access before reading the form: a reader gets 403, not validation messages.
  await requireAgreementRole(db, user, planId, agreementId, MEASUREMENT_EDITOR_ROLES);
  const values = formDataToValues(await request.formData());
  const useLog = readUseLogIntent(values.intent);
  if (useLog != null)
    return fillFromLogReply(
      values,
      useLog,
      await getMeasurementGrid(db, user, planId, agreementId, year),
    );
  delete values.intent;
  const parsed = parseValues(MeasurementGridSchema, values);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await saveMeasurements(db, user, planId, agreementId, year, parsed.data.rows);
  } catch (error) {
    return formErrorResponse(error, values);
  }
  return redirect(measurementsPath(planId, agreementId, year, true));
}

/**
 * "Brug værdien fra loggen" without JavaScript: the form comes back with the log's value and
 * source text in the row (from the log as it is now, not from the page), nothing saved.
 */
function fillFromLogReply(
  values: Record<string, unknown>,
  index: number,
  grid: Awaited<ReturnType<typeof getMeasurementGrid>>,
) {
  delete values.intent;
  const rows = Array.isArray(values.rows) ? (values.rows as unknown[]) : [];
  const row = rows[index];
  const criterionId =
    row && typeof row === "object" ? Number((row as { criterionId?: unknown }).criterionId) : NaN;
  const log = grid.rows.find((r) => r.criterion.id === criterionId)?.log;
  if (!log || !row || typeof row !== "object") {
    throw new Response("Succeskriteriet måles ikke fra aktivitetsloggen", { status: 400 });
  }
  Object.assign(row, logFillValues(log));
  const body: FormFailure = { ok: false, errors: {}, values, notice: USE_LOG_NOTICE };
  return data(body, { status: 200 });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type GridRow = LoaderData["rows"][number];

interface RowGroup {
  key: string;
  title: string;
  rows: { row: GridRow; index: number }[];
}

/** The agreement's own criteria first, then one group per activity (rows are in that order). */
function groupRows(rows: GridRow[]): RowGroup[] {
  const groups: RowGroup[] = [];
  rows.forEach((row, index) => {
    const key = row.activity ? `activity-${row.activity.id}` : "agreement";
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      group = {
        key,
        title: row.activity ? `Aktivitet: ${row.activity.name}` : "Delaftalens succeskriterier",
        rows: [],
      };
      groups.push(group);
    }
    group.rows.push({ row, index });
  });
  return groups;
}

function StatusBadge({ status }: { status: MeasurementStatus }) {
  return (
    <span className={measurementStatusClasses[status]}>{measurementStatusLabels[status]}</span>
  );
}

function valueText(m: Pick<StoredMeasurement, "valueNumber" | "valueText" | "unit">): string {
  if (m.valueNumber != null) {
    const unit = m.unit ? (m.unit === "%" ? " %" : ` ${m.unit}`) : "";
    return `${formatNumber(m.valueNumber)}${unit}`;
  }
  return m.valueText ?? "";
}

const parseDecimal = optionalDecimal();
const statusOptions = MEASUREMENT_STATUSES.map((s) => ({
  value: s,
  label: measurementStatusLabels[s],
}));

/** The status select; its first option follows the value the user types ("Forslag: Opfyldt"). */
function StatusField({ index, row }: { index: number; row: GridRow }) {
  const typed: unknown = useWatch({ name: `rows.${index}.valueNumber` });
  const parsed = parseDecimal.safeParse(typed);
  const suggestion = suggestStatus({
    baselineValue: row.baselineValue,
    targetValue: row.targetValue,
    value: parsed.success ? parsed.data : null,
  });
  return (
    <SelectField
      name={`rows.${index}.status`}
      label="Status"
      options={statusOptions}
      placeholder={
        suggestion
          ? `Forslag: ${measurementStatusLabels[suggestion]}`
          : "Intet forslag (gemmes som Ikke målt)"
      }
      hint={
        suggestion
          ? `Forslag ud fra værdi og mål: ${measurementStatusLabels[suggestion]}. Vælger du en anden status, skal du begrunde det.`
          : "Der foreslås en status, når både værdi og mål er tal."
      }
    />
  );
}

function CriterionFacts({ row }: { row: GridRow }) {
  return (
    <dl className="facts">
      <dt>Datakilde</dt>
      <dd>{row.criterion.dataSource}</dd>
      <dt>Udgangspunkt</dt>
      <dd>{row.criterion.baseline?.text || <span className="muted">Ikke angivet</span>}</dd>
      <dt>Mål</dt>
      <dd>{row.criterion.target?.text || <span className="muted">Ikke angivet</span>}</dd>
    </dl>
  );
}

/** A retired criterion, still shown for the years it has measurements or was part of. */
function EndedBadge({ ended }: { ended?: boolean }) {
  if (!ended) return null;
  return (
    <>
      {" "}
      <span className="badge" title="Succeskriteriet er fjernet fra delaftalen">
        {ENDED_LABEL}
      </span>
    </>
  );
}

/**
 * The year's value from the activity log beside the value field, with «Brug værdien fra loggen»:
 * with JavaScript it fills the row in the browser; without, it posts `intent=use-log-<index>`.
 */
function LogSuggestion({ log, index }: { log: CriterionLogValue; index: number }) {
  const { setValue } = useFormContext();
  const [status, setStatus] = useState("");
  const prefix = `rows.${index}`;
  return (
    <div className="field" aria-label="Forslag fra aktivitetsloggen" role="group">
      <p>
        <strong>Fra aktivitetsloggen:</strong>{" "}
        {log.value == null ? "ingen værdi" : formatNumber(log.value)}{" "}
        <span className="muted small">({log.sourceText})</span>
      </p>
      {log.value != null ? (
        <div className="field-actions">
          <button
            type="submit"
            name="intent"
            value={fillFromLogIntent(index)}
            formNoValidate
            className="button button-secondary button-small"
            onClick={(event) => {
              event.preventDefault();
              for (const [key, value] of Object.entries(logFillValues(log))) {
                setValue(`${prefix}.${key}`, value, { shouldDirty: true, shouldValidate: true });
              }
              setStatus(USE_LOG_NOTICE);
            }}
          >
            Brug værdien fra loggen
          </button>
          <span className="muted" role="status">
            {status ? ` ${status}` : ""}
          </span>
        </div>
      ) : null}
    </div>
  );
}

/** The reason field for a value other than the log's; shown while the value differs. */
function ValueOverrideReason({ row, index }: { row: GridRow; index: number }) {
  const typed: unknown = useWatch({ name: `rows.${index}.valueNumber` });
  const parsed = parseDecimal.safeParse(typed);
  const differs = differsFromLog(parsed.success ? parsed.data : null, row.log?.value);
  const name = `rows.${index}.valueOverrideReason`;
  const current: unknown = useWatch({ name });
  // Keep the field while it holds text or an error may point at it (the value differs).
  if (!differs && !current) return <HiddenField name={name} />;
  return (
    <TextArea
      name={name}
      label="Begrundelse for anden værdi end loggens"
      hint="Værdien afviger fra aktivitetsloggens. Skriv hvorfor."
      rows={2}
    />
  );
}

function MeasurementFields({ row, index }: { row: GridRow; index: number }) {
  const prefix = `rows.${index}`;
  return (
    <fieldset className="panel">
      <legend>
        {row.criterion.text}
        <EndedBadge ended={row.ended} />
      </legend>
      <CriterionFacts row={row} />
      <HiddenField name={`${prefix}.criterionId`} />
      <HiddenField name={`${prefix}.version`} />
      <HiddenField name={`${prefix}.baselineValue`} />
      <HiddenField name={`${prefix}.targetValue`} />
      <HiddenField name={`${prefix}.logValue`} />
      {row.log ? <LogSuggestion log={row.log} index={index} /> : null}
      <div className="row-fields">
        <TextField name={`${prefix}.valueNumber`} label="Værdi (tal)" inputMode="decimal" />
        <TextField name={`${prefix}.unit`} label="Enhed" hint="Fx %, personer" />
        <TextField
          name={`${prefix}.valueText`}
          label="Værdi som tekst"
          hint="Når resultatet ikke er et tal"
        />
      </div>
      {row.log ? (
        <ValueOverrideReason row={row} index={index} />
      ) : (
        <HiddenField name={`${prefix}.valueOverrideReason`} />
      )}
      <StatusField index={index} row={row} />
      <TextArea
        name={`${prefix}.overrideReason`}
        label="Begrundelse for afvigende status"
        rows={2}
      />
      <TextArea name={`${prefix}.comment`} label="Kommentar" rows={2} />
      <TextField
        name={`${prefix}.source`}
        label="Kilde til tallet"
        hint="Hvor tallet kommer fra, fx «Beboerundersøgelsen 2025»"
      />
      {row.measurement ? (
        <p className="muted small">
          Gemt status: <StatusBadge status={row.measurement.status} />
        </p>
      ) : null}
    </fieldset>
  );
}

function ReadOnlyGroup({ group }: { group: RowGroup }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="sr-only">{group.title}</caption>
        <thead>
          <tr>
            <th scope="col">Succeskriterium</th>
            <th scope="col">Datakilde</th>
            <th scope="col">Udgangspunkt</th>
            <th scope="col">Mål</th>
            <th scope="col">Værdi</th>
            <th scope="col">Status</th>
            <th scope="col">Kommentar</th>
            <th scope="col">Kilde</th>
          </tr>
        </thead>
        <tbody>
          {group.rows.map(({ row }) => {
            const m = row.measurement;
            return (
              <tr key={row.criterion.id}>
                <th scope="row">
                  {row.criterion.text}
                  <EndedBadge ended={row.ended} />
                </th>
                <td>{row.criterion.dataSource}</td>
                <td>{row.criterion.baseline?.text ?? ""}</td>
                <td>{row.criterion.target?.text ?? ""}</td>
                <td>
                  {m ? valueText(m) : ""}
                  {m && valueOverrideLine(m) ? (
                    <p className="small">{valueOverrideLine(m)}</p>
                  ) : null}
                  {!m && row.log?.value != null ? (
                    <p className="small muted">
                      Fra aktivitetsloggen: {formatNumber(row.log.value)} (ikke registreret)
                    </p>
                  ) : null}
                </td>
                <td>
                  {m ? (
                    <StatusBadge status={m.status} />
                  ) : (
                    <span className="muted">{NO_MEASUREMENT_LABEL}</span>
                  )}
                  {m?.overrideReason ? (
                    <p className="small">Begrundelse: {m.overrideReason}</p>
                  ) : null}
                </td>
                <td>{m?.comment ?? ""}</td>
                <td>{m?.source ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default function MeasurementsPage() {
  const { agreement, years, year, rows, canEdit, canChooseSources, lockedMessage, values, saved } =
    useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const groups = groupRows(rows);
  const base = agreementPath(agreement.planId, agreement.id);
  return (
    <>
      <PageHeader
        title={`Målinger ${year}`}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${agreement.planId}`, label: agreement.planName },
          { to: base, label: agreement.focusArea },
        ]}
        actions={
          <>
            {canChooseSources ? (
              <Link
                className="button button-secondary"
                to={`${base}/measurements/sources?year=${year}`}
              >
                Målt fra aktivitetsloggen
              </Link>
            ) : null}
            <a
              className="button button-secondary"
              href={`${base}/measurements.xlsx?year=${year}`}
              download
            >
              Hent som Excel
            </a>
          </>
        }
      >
        <p className="muted">
          De faktiske værdier for delaftalens succeskriterier i {year}.{" "}
          {canEdit
            ? "Status foreslås ud fra værdi og mål, når begge er tal. Vælger du en anden status, skal du skrive en begrundelse."
            : "Du kan se målingerne, men ikke ændre dem."}
        </p>
        <nav aria-label="Vælg år" className="page-actions no-print">
          {years.map((y) => (
            <Link
              key={y}
              to={measurementsPath(agreement.planId, agreement.id, y)}
              className={`button button-small ${y === year ? "button-primary" : "button-secondary"}`}
              aria-current={y === year ? "page" : undefined}
            >
              {y}
            </Link>
          ))}
        </nav>
      </PageHeader>

      {lockedMessage ? (
        <p className="alert alert-warn" role="status">
          {lockedMessage}
        </p>
      ) : null}
      {saved && !failure ? (
        <div className="alert alert-ok" role="status">
          Målingerne for {year} er gemt.
        </div>
      ) : null}

      {rows.length === 0 ? (
        <p className="panel">Delaftalen har ingen succeskriterier endnu.</p>
      ) : canEdit && values ? (
        <ValidatedForm
          // A fresh form for another year and after a save (the rows' new versions), since the
          // redirect back to this page keeps the component and the form's own state.
          key={`${year}:${rows.map((r) => r.measurement?.version ?? 0).join(".")}`}
          schema={MeasurementGridSchema}
          defaultValues={values}
          failure={failure}
          action={measurementsPath(agreement.planId, agreement.id, year)}
          aria-label={`Målinger ${year}`}
        >
          {groups.map((group) => (
            <section key={group.key} aria-labelledby={`group-${group.key}`}>
              <h2 id={`group-${group.key}`}>{group.title}</h2>
              {group.rows.map(({ row, index }) => (
                <MeasurementFields key={row.criterion.id} row={row} index={index} />
              ))}
            </section>
          ))}
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              Gem målinger
            </button>
            <Link to={base}>Tilbage til delaftalen</Link>
          </div>
        </ValidatedForm>
      ) : (
        groups.map((group) => (
          <section key={group.key} aria-labelledby={`group-${group.key}`}>
            <h2 id={`group-${group.key}`}>{group.title}</h2>
            <ReadOnlyGroup group={group} />
          </section>
        ))
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
