/**
 * The measurements of one year as a compact table: one row per success criterion (criterion,
 * baseline, target, value, unit, status, comment), the data source, a value as text and the
 * figure's source "on demand" in a disclosure in the criterion's cell.
 *
 * With JavaScript it behaves like a spreadsheet (app/components/grid-keyboard.ts): arrows and Enter
 * move between cells, a column pasted from Excel fills downward, and a sticky bar counts the
 * changes not saved yet. Without JavaScript it is the same table of inputs posting the same form
 * (`rows.<i>.<field>`) to the same action, validated by the same zod schema: errors beside the
 * cell, the user's input kept.
 *
 * The read-only table (board members, viewers, a year whose report is final) has the same rows.
 */
import { Link } from "@remix-run/react";
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { get, useFormContext, useWatch } from "react-hook-form";
import { fieldId, HiddenField, ValidatedForm } from "~/components/form";
import {
  gridKeyAction,
  insertLineBreak,
  moveInGrid,
  planPaste,
  type GridCaret,
  type GridPosition,
} from "~/components/grid-keyboard";
import { optionalDecimal } from "~/domain/agreement";
import { formatNumber } from "~/domain/format";
import type { FormFailure } from "~/domain/form";
import {
  differsFromLog,
  fillFromLogIntent,
  logFillValues,
  MEASUREMENT_STATUSES,
  MeasurementGridSchema,
  measurementGridFormValues,
  measurementStatusClasses,
  measurementStatusLabels,
  NO_MEASUREMENT_LABEL,
  suggestStatus,
  USE_LOG_NOTICE,
  valueOverrideLine,
  type CriterionLogValue,
  type MeasurementGridRow,
  type MeasurementStatus,
  type StoredMeasurement,
} from "~/domain/measurement";
import { ENDED_LABEL } from "~/domain/retired";

type FormValues = ReturnType<typeof measurementGridFormValues>;
type FormRow = FormValues["rows"][number];

/** The grid's editable columns, left to right; arrows and paste move through these. */
export const GRID_COLUMNS = [
  { key: "valueNumber", label: "Værdi", kind: "text" },
  { key: "unit", label: "Enhed", kind: "text" },
  { key: "status", label: "Status", kind: "select" },
  { key: "comment", label: "Kommentar", kind: "multiline" },
] as const satisfies readonly { key: keyof FormRow; label: string; kind: GridCaret["kind"] }[];

/** The fields a user edits (the rest travel hidden with the row). */
const EDITABLE_FIELDS = [
  "valueNumber",
  "valueText",
  "unit",
  "status",
  "overrideReason",
  "comment",
  "source",
  "valueOverrideReason",
] as const satisfies readonly (keyof FormRow)[];

/** How many fields differ from what is stored (the form as the page was loaded). */
export function countUnsavedChanges(saved: FormRow[], current: unknown): number {
  if (!Array.isArray(current)) return 0;
  let count = 0;
  saved.forEach((row, i) => {
    const now: unknown = current[i];
    if (!now || typeof now !== "object") return;
    for (const key of EDITABLE_FIELDS) {
      const value: unknown = (now as Record<string, unknown>)[key];
      if (String(value ?? "") !== row[key]) count += 1;
    }
  });
  return count;
}

/**
 * A status pasted as text ("Opfyldt", "delvist opfyldt", or the stored key "met"); "" for an empty
 * cell or "Forslag…" (use the suggestion); null when it is not a status.
 */
export function statusFromText(text: string): MeasurementStatus | "" | null {
  const t = text.trim().toLowerCase();
  if (t === "" || t.startsWith("forslag")) return "";
  for (const status of MEASUREMENT_STATUSES) {
    if (t === status || t === measurementStatusLabels[status].toLowerCase()) return status;
  }
  return null;
}

/** A pasted value: Excel copies a percentage as "76%" or "76 %"; the unit has its own column. */
export function valueFromText(text: string): string {
  return text.trim().replace(/\s*%$/, "");
}

const parseDecimal = optionalDecimal();

function useSuggestion(index: number, row: MeasurementGridRow): MeasurementStatus | null {
  const typed: unknown = useWatch({ name: `rows.${index}.valueNumber` });
  const parsed = parseDecimal.safeParse(typed);
  return suggestStatus({
    baselineValue: row.baselineValue,
    targetValue: row.targetValue,
    value: parsed.success ? parsed.data : null,
  });
}

interface GridContextValue {
  serverErrors: Record<string, string>;
  /** The column headers' ids, by field, for the inputs' labels. */
  columnIds: Record<string, string>;
  announce: (message: string) => void;
}
const GridContext = createContext<GridContextValue>({
  serverErrors: {},
  columnIds: {},
  announce: () => {},
});

/** The message beside a field: the browser's validation, else the server's. */
function useFieldError(name: string): string | undefined {
  const { formState } = useFormContext();
  const { serverErrors } = useContext(GridContext);
  const client = get(formState.errors, name) as { message?: string } | undefined;
  return client?.message ?? serverErrors[name];
}

function useFieldDefault(name: string): string {
  const value: unknown = useFormContext().getValues(name);
  return value == null ? "" : String(value);
}

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      {error}
    </p>
  );
}

const rowHeaderId = (gridId: string, index: number) => `${gridId}-criterion-${index}`;

/** One editable cell of the grid (value, unit, status or comment), with what follows the input. */
function GridCell({
  index,
  col,
  labelledBy,
  options,
  children,
}: {
  index: number;
  col: number;
  labelledBy: string;
  /** A select's options. */
  options?: ReactNode;
  children?: ReactNode;
}) {
  const column = GRID_COLUMNS[col]!;
  const name = `rows.${index}.${column.key}`;
  const { register } = useFormContext();
  const { columnIds } = useContext(GridContext);
  const error = useFieldError(name);
  const defaultValue = useFieldDefault(name);
  const id = fieldId(name);
  const errorId = `${id}-error`;
  const common = {
    id,
    "data-grid-row": index,
    "data-grid-col": col,
    "aria-labelledby": `${columnIds[column.key]} ${labelledBy}`,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    defaultValue,
    ...register(name),
  };
  return (
    <td className={`grid-cell grid-${column.key}`}>
      {column.kind === "multiline" ? (
        <textarea rows={1} {...common} />
      ) : column.kind === "select" ? (
        <select {...common}>{options}</select>
      ) : (
        <input
          type="text"
          inputMode={column.key === "valueNumber" ? "decimal" : undefined}
          {...common}
        />
      )}
      <FieldError id={errorId} error={error} />
      {children}
    </td>
  );
}

/** A labelled field in a row's details (value as text, the figure's source). */
function DetailField({ name, label, hint }: { name: string; label: string; hint?: string }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const defaultValue = useFieldDefault(name);
  const id = fieldId(name);
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="field grid-detail-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        type="text"
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        defaultValue={defaultValue}
        {...register(name)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** A reason inside a cell: its own visible label, the criterion named for screen readers. */
function ReasonField({
  name,
  label,
  labelledBy,
}: {
  name: string;
  label: string;
  labelledBy: string;
}) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const defaultValue = useFieldDefault(name);
  const id = fieldId(name);
  return (
    <div className="grid-reason">
      <label id={`${id}-label`} htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        rows={2}
        aria-labelledby={`${id}-label ${labelledBy}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        defaultValue={defaultValue}
        {...register(name)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function StatusBadge({ status }: { status: MeasurementStatus }) {
  return (
    <span className={measurementStatusClasses[status]}>{measurementStatusLabels[status]}</span>
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

/** The status select's options; the first follows the typed value ("Forslag: Opfyldt"). */
function StatusOptions({ suggestion }: { suggestion: MeasurementStatus | null }) {
  return (
    <>
      <option value="">
        {suggestion
          ? `Forslag: ${measurementStatusLabels[suggestion]}`
          : "Intet forslag (gemmes som Ikke målt)"}
      </option>
      {MEASUREMENT_STATUSES.map((s) => (
        <option key={s} value={s}>
          {measurementStatusLabels[s]}
        </option>
      ))}
    </>
  );
}

/** The reason for a status other than the suggestion, below the status while it is needed. */
function OverrideReason({
  index,
  suggestion,
  labelledBy,
}: {
  index: number;
  suggestion: MeasurementStatus | null;
  labelledBy: string;
}) {
  const name = `rows.${index}.overrideReason`;
  const status: unknown = useWatch({ name: `rows.${index}.status` });
  const current: unknown = useWatch({ name });
  const error = useFieldError(name);
  const needed =
    typeof status === "string" && status !== "" && suggestion != null && status !== suggestion;
  // Keep the field while it holds text or a message points at it.
  if (!needed && !current && !error) return <HiddenField name={name} />;
  return (
    <ReasonField name={name} label="Begrundelse for afvigende status" labelledBy={labelledBy} />
  );
}

/** The reason for a value other than the activity log's, shown while the value differs. */
function ValueOverrideReason({
  index,
  row,
  labelledBy,
}: {
  index: number;
  row: MeasurementGridRow;
  labelledBy: string;
}) {
  const name = `rows.${index}.valueOverrideReason`;
  const typed: unknown = useWatch({ name: `rows.${index}.valueNumber` });
  const current: unknown = useWatch({ name });
  const error = useFieldError(name);
  const parsed = parseDecimal.safeParse(typed);
  const differs = differsFromLog(parsed.success ? parsed.data : null, row.log?.value);
  if (!differs && !current && !error) return <HiddenField name={name} />;
  return (
    <ReasonField
      name={name}
      label="Begrundelse for anden værdi end loggens"
      labelledBy={labelledBy}
    />
  );
}

/**
 * «Brug værdien fra loggen» below the value: with JavaScript it fills the row in the browser;
 * without, it posts `intent=use-log-<index>` and the server sends the form back filled.
 */
function LogButton({ index, log }: { index: number; log: CriterionLogValue }) {
  const { setValue } = useFormContext();
  const { announce } = useContext(GridContext);
  if (log.value == null) return null;
  const shown = formatNumber(log.value);
  return (
    <p className="grid-log">
      Loggen: {shown}{" "}
      <button
        type="submit"
        name="intent"
        value={fillFromLogIntent(index)}
        formNoValidate
        className="button-link"
        aria-label={`Brug værdien fra loggen (${shown})`}
        onClick={(event) => {
          event.preventDefault();
          for (const [key, value] of Object.entries(logFillValues(log))) {
            setValue(`rows.${index}.${key}`, value, { shouldDirty: true, shouldValidate: true });
          }
          announce(USE_LOG_NOTICE);
        }}
      >
        Brug
      </button>
    </p>
  );
}

/** The row's details: data source, the log's source, the saved status, value as text, source. */
function RowDetails({
  index,
  row,
  criterionId,
}: {
  index: number;
  row: MeasurementGridRow;
  criterionId: string;
}) {
  const { formState } = useFormContext();
  const { serverErrors } = useContext(GridContext);
  const hasError = [`rows.${index}.valueText`, `rows.${index}.source`].some(
    (n) => Boolean(get(formState.errors, n)) || Boolean(serverErrors[n]),
  );
  const [open, setOpen] = useState(hasError);
  // A message inside the details must be seen: open them when one appears.
  useEffect(() => {
    if (hasError) setOpen(true);
  }, [hasError]);
  return (
    <details className="grid-details" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      {/* "Detaljer" only: the row header it sits in names the criterion (repeating it there
          would double what a screen reader reads for every cell of the row). */}
      <summary aria-describedby={criterionId}>Detaljer</summary>
      <dl className="grid-facts">
        <dt>Datakilde</dt>
        <dd>{row.criterion.dataSource}</dd>
        {row.log ? (
          <>
            <dt>Fra aktivitetsloggen</dt>
            <dd>
              {row.log.value == null ? "ingen værdi" : formatNumber(row.log.value)} (
              {row.log.sourceText})
            </dd>
          </>
        ) : null}
        {row.measurement ? (
          <>
            <dt>Gemt status</dt>
            <dd>
              <StatusBadge status={row.measurement.status} />
            </dd>
          </>
        ) : null}
      </dl>
      <DetailField
        name={`rows.${index}.valueText`}
        label="Værdi som tekst"
        hint="Når resultatet ikke er et tal"
      />
      <DetailField
        name={`rows.${index}.source`}
        label="Kilde til tallet"
        hint="Fx «Beboerundersøgelsen 2025»"
      />
    </details>
  );
}

function EditableRow({
  index,
  row,
  gridId,
}: {
  index: number;
  row: MeasurementGridRow;
  gridId: string;
}) {
  const suggestion = useSuggestion(index, row);
  const criterionId = rowHeaderId(gridId, index);
  const prefix = `rows.${index}`;
  return (
    <tr>
      <th scope="row" className="grid-criterion">
        <span id={criterionId}>{row.criterion.text}</span>
        <EndedBadge ended={row.ended} />
        <HiddenField name={`${prefix}.criterionId`} />
        <HiddenField name={`${prefix}.version`} />
        <HiddenField name={`${prefix}.baselineValue`} />
        <HiddenField name={`${prefix}.targetValue`} />
        <HiddenField name={`${prefix}.logValue`} />
        <RowDetails index={index} row={row} criterionId={criterionId} />
      </th>
      <td className="grid-measure">{row.criterion.baseline?.text ?? ""}</td>
      <td className="grid-measure">{row.criterion.target?.text ?? ""}</td>
      <GridCell index={index} col={0} labelledBy={criterionId}>
        {row.log ? <LogButton index={index} log={row.log} /> : null}
        {row.log ? (
          <ValueOverrideReason index={index} row={row} labelledBy={criterionId} />
        ) : (
          <HiddenField name={`${prefix}.valueOverrideReason`} />
        )}
      </GridCell>
      <GridCell index={index} col={1} labelledBy={criterionId} />
      <GridCell
        index={index}
        col={2}
        labelledBy={criterionId}
        options={<StatusOptions suggestion={suggestion} />}
      >
        <OverrideReason index={index} suggestion={suggestion} labelledBy={criterionId} />
      </GridCell>
      <GridCell index={index} col={3} labelledBy={criterionId} />
    </tr>
  );
}

export interface RowGroup {
  key: string;
  title: string;
  rows: { row: MeasurementGridRow; index: number }[];
}

/** The agreement's own criteria first, then one group per activity (rows are in that order). */
export function groupRows(rows: MeasurementGridRow[]): RowGroup[] {
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

/** The cell an event came from, if it is one of the grid's editable cells. */
function cellOf(target: EventTarget | null): { el: HTMLElement; pos: GridPosition } | null {
  if (!(target instanceof HTMLElement)) return null;
  const row = Number(target.dataset.gridRow);
  const col = Number(target.dataset.gridCol);
  if (target.dataset.gridRow == null || !Number.isInteger(row) || !Number.isInteger(col)) {
    return null;
  }
  return { el: target, pos: { row, col } };
}

function caretOf(el: HTMLElement): GridCaret {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    return {
      kind: el instanceof HTMLTextAreaElement ? "multiline" : "text",
      value: el.value,
      selectionStart: el.selectionStart,
      selectionEnd: el.selectionEnd,
    };
  }
  return { kind: "select", value: "", selectionStart: null, selectionEnd: null };
}

function focusCell(table: HTMLElement, pos: GridPosition) {
  const next = table.querySelector<HTMLElement>(
    `[data-grid-row="${pos.row}"][data-grid-col="${pos.col}"]`,
  );
  if (!next) return;
  next.focus();
  // Arriving in a cell selects its text, so typing replaces it (as in a spreadsheet).
  if (next instanceof HTMLInputElement || next instanceof HTMLTextAreaElement) next.select();
}

function changesText(count: number): string {
  if (count === 0) return "Ingen ændringer endnu";
  return count === 1 ? "1 ændring ikke gemt" : `${count} ændringer ikke gemt`;
}

/** The save bar's count of unsaved changes (only with JavaScript: without, it cannot count). */
function UnsavedCount({ saved }: { saved: FormRow[] }) {
  const current: unknown = useWatch({ name: "rows" });
  const count = countUnsavedChanges(saved, current);
  return <span className="grid-unsaved">{changesText(count)}</span>;
}

/** The table and its keys; inside the form. */
function GridTable({
  rows,
  year,
  gridId,
}: {
  rows: MeasurementGridRow[];
  year: number;
  gridId: string;
}) {
  const form = useFormContext();
  const { announce, columnIds } = useContext(GridContext);
  const tableRef = useRef<HTMLTableElement>(null);
  const size = { rows: rows.length, cols: GRID_COLUMNS.length };
  const groups = groupRows(rows);
  const captionId = `${gridId}-caption`;

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const cell = cellOf(event.target);
    if (!cell || !tableRef.current) return;
    const caret = caretOf(cell.el);
    const action = gridKeyAction(
      {
        key: event.key,
        shiftKey: event.shiftKey,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        isComposing: event.nativeEvent.isComposing,
      },
      caret,
    );
    if (!action) return;
    // Never the browser's own: Enter would save the form, arrows would change a select's value.
    event.preventDefault();
    if (action === "newline") {
      const { value, caret: at } = insertLineBreak(caret);
      const name = (cell.el as HTMLTextAreaElement).name;
      form.setValue(name, value, { shouldDirty: true });
      (cell.el as HTMLTextAreaElement).setSelectionRange(at, at);
      return;
    }
    const next = moveInGrid(cell.pos, action, size);
    if (next) focusCell(tableRef.current, next);
  }

  function onPaste(event: ClipboardEvent<HTMLTableElement>) {
    const cell = cellOf(event.target);
    if (!cell) return;
    const text = event.clipboardData.getData("text/plain");
    const plan = planPaste(text, cell.pos, size, caretOf(cell.el).kind);
    if (!plan) return;
    event.preventDefault();
    let filled = 0;
    let unknownStatuses = 0;
    const validate = form.formState.isSubmitted;
    for (const { row, col, value } of plan.cells) {
      const key = GRID_COLUMNS[col]!.key;
      let next: string | null = value;
      if (key === "valueNumber") next = valueFromText(value);
      else if (key === "status") next = statusFromText(value);
      else if (key === "unit") next = value.trim();
      if (next == null) {
        unknownStatuses += 1;
        continue;
      }
      form.setValue(`rows.${row}.${key}`, next, { shouldDirty: true, shouldValidate: validate });
      filled += 1;
    }
    const parts = [filled === 1 ? "1 celle indsat." : `${filled} celler indsat.`];
    if (plan.outside > 0) parts.push(`${plan.outside} lå uden for tabellen og er ikke indsat.`);
    if (unknownStatuses > 0) {
      parts.push(
        `${unknownStatuses} ${unknownStatuses === 1 ? "status" : "statusser"} blev ikke genkendt.`,
      );
    }
    announce(parts.join(" "));
  }

  return (
    // A table wider than the screen scrolls in its box, which keyboard users must be able to reach
    // (WCAG scrollable-region-focusable): focusable and named by the caption.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap grid-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
      {/* Keys and paste are handled for the whole table, delegated from its cells' inputs. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <table className="data grid" ref={tableRef} onKeyDown={onKeyDown} onPaste={onPaste}>
        <caption id={captionId} className="sr-only">
          Målinger {year}
        </caption>
        <thead>
          <tr>
            <th scope="col">Succeskriterium</th>
            <th scope="col">Udgangspunkt</th>
            <th scope="col">Mål</th>
            {GRID_COLUMNS.map((c) => (
              <th key={c.key} scope="col" id={columnIds[c.key]}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.key}>
            <tr className="grid-group">
              <th scope="rowgroup" colSpan={3 + GRID_COLUMNS.length}>
                {group.title}
              </th>
            </tr>
            {group.rows.map(({ row, index }) => (
              <EditableRow key={row.criterion.id} index={index} row={row} gridId={gridId} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

export interface MeasurementsGridProps {
  rows: MeasurementGridRow[];
  year: number;
  /** The form as loaded (what is stored). */
  values: FormValues;
  failure?: FormFailure;
  action: string;
  /** Where «Tilbage til delaftalen» goes. */
  backTo: string;
}

/** The editable grid: a form with the table and a sticky save bar. */
export function MeasurementsGrid({
  rows,
  year,
  values,
  failure,
  action,
  backTo,
}: MeasurementsGridProps) {
  const gridId = useId().replace(/:/g, "");
  const [hydrated, setHydrated] = useState(false);
  const [message, setMessage] = useState("");
  useEffect(() => setHydrated(true), []);
  const columnIds = Object.fromEntries(GRID_COLUMNS.map((c) => [c.key, `${gridId}-col-${c.key}`]));
  return (
    <GridContext.Provider
      value={{ serverErrors: failure?.errors ?? {}, columnIds, announce: setMessage }}
    >
      <ValidatedForm
        // A fresh form for another year and after a save (the rows' new versions), since the
        // redirect back to this page keeps the component and the form's own state.
        key={`${year}:${rows.map((r) => r.measurement?.version ?? 0).join(".")}`}
        schema={MeasurementGridSchema}
        defaultValues={values}
        failure={failure}
        action={action}
        aria-label={`Målinger ${year}`}
        className="measurements-grid"
      >
        {hydrated ? (
          <p className="muted small grid-help">
            Piletasterne og Enter flytter mellem cellerne som i et regneark (Alt+Enter giver ny
            linje i en kommentar). Du kan indsætte en kolonne eller et område fra Excel: det
            udfyldes nedad og til højre fra cellen.
          </p>
        ) : null}
        <GridTable rows={rows} year={year} gridId={gridId} />
        <div className="grid-savebar">
          <button type="submit" className="button button-primary">
            Gem målinger
          </button>
          {hydrated ? <UnsavedCount saved={values.rows} /> : null}
          <span role="status" className="grid-message">
            {message}
          </span>
          <Link to={backTo}>Tilbage til delaftalen</Link>
        </div>
      </ValidatedForm>
    </GridContext.Provider>
  );
}

function valueText(m: Pick<StoredMeasurement, "valueNumber" | "valueText" | "unit">): string {
  if (m.valueNumber != null) {
    const unit = m.unit ? (m.unit === "%" ? " %" : ` ${m.unit}`) : "";
    return `${formatNumber(m.valueNumber)}${unit}`;
  }
  return m.valueText ?? "";
}

/** The year's measurements read-only: the same rows, one table. */
export function MeasurementsTable({ rows, year }: { rows: MeasurementGridRow[]; year: number }) {
  const captionId = `${useId().replace(/:/g, "")}-caption`;
  return (
    // A table wider than the screen scrolls in its box, which keyboard users must be able to reach
    // (WCAG scrollable-region-focusable): focusable and named by the caption.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap grid-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="data grid grid-readonly">
        <caption id={captionId} className="sr-only">
          Målinger {year}
        </caption>
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
        {groupRows(rows).map((group) => (
          <tbody key={group.key}>
            <tr className="grid-group">
              <th scope="rowgroup" colSpan={8}>
                {group.title}
              </th>
            </tr>
            {group.rows.map(({ row }) => {
              const m = row.measurement;
              const override = m ? valueOverrideLine(m) : null;
              return (
                <tr key={row.criterion.id}>
                  <th scope="row" className="grid-criterion">
                    {row.criterion.text}
                    <EndedBadge ended={row.ended} />
                  </th>
                  <td>{row.criterion.dataSource}</td>
                  <td>{row.criterion.baseline?.text ?? ""}</td>
                  <td>{row.criterion.target?.text ?? ""}</td>
                  <td>
                    {m ? valueText(m) : ""}
                    {override ? <p className="small">{override}</p> : null}
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
        ))}
      </table>
    </div>
  );
}
