/**
 * Measurements of an agreement's success criteria per year: the grid (every criterion of the
 * agreement, with its stored measurement and suggested status) in a fixed number of queries, and
 * saving the grid in one transaction with optimistic locking per row and one audit event.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  activities,
  agreements,
  focusAreas,
  measurements,
  plans,
  progressReports,
  successCriteria,
} from "../../db/schema";
import { budgetYears } from "~/domain/agreement";
import { toCriterionView } from "~/domain/agreement-view";
import { todayInDenmark } from "~/domain/format";
import { isShownInYear } from "~/domain/retired";
import {
  canEnterMeasurements,
  defaultMeasurementYear,
  differsFromLog,
  MEASUREMENT_EDITOR_ROLES,
  resolveStatus,
  roundToCents,
  suggestStatus,
  type MeasurementGridRow,
  type MeasurementRow,
  type StoredMeasurement,
} from "~/domain/measurement";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { criteriaInDocumentOrder, criterionColumns } from "./criteria.server";
import { assertReportYearOpen, finalYearMessage } from "./internal/report-years.server";
import { logValuesFor, logValuesOfAgreement } from "./activity-log/index.server";
import { recordAudit } from "./audit.server";
import {
  ConflictError,
  FieldValidationError,
  isUniqueViolation,
  NotFoundError,
} from "./errors.server";
import { preparedPerDb } from "./internal/prepared.server";

export { MEASUREMENT_EDITOR_ROLES };

export interface MeasurementGrid {
  role: PlanAccessRole;
  canEdit: boolean;
  /** Why the year's figures cannot change (its progress report is final), or null. */
  lockedMessage: string | null;
  agreement: {
    id: number;
    planId: number;
    planName: string;
    focusArea: string;
    validFrom: string;
    validTo: string;
  };
  /** The calendar years the agreement's validity touches. */
  years: number[];
  year: number;
  rows: MeasurementGridRow[];
}

const storedColumns = {
  id: measurements.id,
  criterionId: measurements.criterionId,
  year: measurements.year,
  version: measurements.version,
  valueNumber: measurements.valueNumber,
  valueText: measurements.valueText,
  unit: measurements.unit,
  status: measurements.status,
  overrideReason: measurements.overrideReason,
  comment: measurements.comment,
  source: measurements.source,
  logValue: measurements.logValue,
  valueOverrideReason: measurements.valueOverrideReason,
};

const agreementColumns = {
  id: agreements.id,
  planId: agreements.planId,
  planName: plans.name,
  focusArea: focusAreas.name,
  validFrom: agreements.validFrom,
  validTo: agreements.validTo,
};

async function requireAgreement(db: Db, planId: number, agreementId: number) {
  const [row] = await db
    .select(agreementColumns)
    .from(agreements)
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId)));
  if (!row) throw new NotFoundError("Delaftalen findes ikke");
  return row;
}

function prepareGridQueries(db: Db) {
  const agreementId = sql.placeholder("agreementId");
  return {
    /**
     * The agreement (404 unless it is the plan's) with the years whose progress report is final
     * (they lock the figures).
     */
    agreement: db
      .select({
        ...agreementColumns,
        finalYears: sql<number[]>`array(select ${progressReports.year} from ${progressReports}
        where ${progressReports.planId} = ${agreements.planId} and ${progressReports.status} = 'final')`,
      })
      .from(agreements)
      .innerJoin(plans, eq(plans.id, agreements.planId))
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .where(and(eq(agreements.id, agreementId), eq(agreements.planId, sql.placeholder("planId"))))
      .prepare("measurement_grid_agreement"),
    /** The agreement's criteria in the document's order, each with its measurement of the year. */
    criteriaWithStored: db
      .select({ ...criterionColumns, stored: storedColumns })
      .from(successCriteria)
      .leftJoin(activities, eq(activities.id, successCriteria.activityId))
      .leftJoin(
        measurements,
        and(
          eq(measurements.criterionId, successCriteria.id),
          eq(measurements.year, sql.placeholder("year")),
        ),
      )
      .where(eq(successCriteria.agreementId, agreementId))
      .orderBy(...criteriaInDocumentOrder)
      .prepare("measurement_grid_criteria"),
  };
}

/** The grid's queries, built once per database handle (drizzle prepared queries). */
const gridQueries = preparedPerDb(prepareGridQueries);

function requireYear(years: number[], year: number): void {
  if (!years.includes(year)) throw new NotFoundError("Året ligger uden for delaftalens gyldighed");
}

function toStored(m: StoredRow): StoredMeasurement {
  return {
    id: m.id,
    version: m.version,
    valueNumber: m.valueNumber,
    valueText: m.valueText,
    unit: m.unit,
    status: m.status,
    overrideReason: m.overrideReason,
    comment: m.comment,
    source: m.source,
    logValue: m.logValue,
    valueOverrideReason: m.valueOverrideReason,
  };
}

type StoredRow = Awaited<ReturnType<typeof selectStored>>[number];

function selectStored(db: Db, agreementId: number, year?: number) {
  return db
    .select(storedColumns)
    .from(measurements)
    .innerJoin(successCriteria, eq(successCriteria.id, measurements.criterionId))
    .where(
      and(
        eq(successCriteria.agreementId, agreementId),
        year == null ? undefined : eq(measurements.year, year),
      ),
    );
}

/**
 * The measurement grid of an agreement for a year (default: the last full calendar year of its
 * validity); members of the plan only. Three queries (the role, the agreement, the criteria with
 * the year's measurements; the last two prepared once per database handle), and the year's
 * values from the activity log (two more), whatever the number of criteria and logged events.
 */
export async function getMeasurementGrid(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  year?: number,
): Promise<MeasurementGrid> {
  const role = await requirePlanRole(db, user, planId);
  // The year is known once the validity is: then only that year's measurements, with the
  // criteria and the log's values (the role on the plan covers the log's access check).
  const [found] = await gridQueries(db).agreement.execute({ planId, agreementId });
  if (!found) throw new NotFoundError("Delaftalen findes ikke");
  const { finalYears: finalList, ...agreement } = found;
  const finalYears = new Set(finalList.map(Number));
  const years = budgetYears(agreement.validFrom, agreement.validTo);
  const chosen = year ?? defaultMeasurementYear(years, todayInDenmark());
  if (chosen == null) throw new NotFoundError("Delaftalen har ingen gyldighedsperiode");
  requireYear(years, chosen);
  const [criteria, logValues] = await Promise.all([
    gridQueries(db).criteriaWithStored.execute({ agreementId, year: chosen }),
    logValuesOfAgreement(db, agreementId, chosen),
  ]);
  const byCriterion = new Map<number, StoredRow>();
  for (const c of criteria) {
    // No measurement joined: every column of `stored` is null.
    if (c.stored?.id != null) byCriterion.set(c.id, c.stored as StoredRow);
  }
  const shown = criteria.filter((c) => isShownInYear(c.retiredAt, chosen, byCriterion.has(c.id)));
  const rows = shown.map((c): MeasurementGridRow => {
    const m = byCriterion.get(c.id);
    return {
      criterion: toCriterionView(c),
      activity: c.activityId != null ? { id: c.activityId, name: c.activityName ?? "" } : null,
      baselineValue: c.baselineValue,
      targetValue: c.targetValue,
      defaultUnit: c.targetUnit ?? c.baselineUnit,
      measurement: m ? toStored(m) : null,
      suggestion: suggestStatus({
        baselineValue: c.baselineValue,
        targetValue: c.targetValue,
        value: m?.valueNumber,
      }),
      ended: c.retiredAt != null,
      log: logValues.get(c.id) ?? null,
    };
  });
  return {
    role,
    canEdit: canEnterMeasurements(role) && !finalYears.has(chosen),
    lockedMessage: finalYears.has(chosen) ? finalYearMessage(chosen) : null,
    agreement,
    years,
    year: chosen,
    rows,
  };
}

type MeasurementValues = Pick<
  StoredMeasurement,
  | "valueNumber"
  | "valueText"
  | "unit"
  | "status"
  | "overrideReason"
  | "comment"
  | "source"
  | "logValue"
  | "valueOverrideReason"
>;

const VALUE_KEYS = [
  "valueNumber",
  "valueText",
  "unit",
  "status",
  "overrideReason",
  "comment",
  "source",
  "logValue",
  "valueOverrideReason",
] as const satisfies readonly (keyof MeasurementValues)[];

/** A new row the user left untouched is not stored (the unit alone is prefilled). */
function isBlank(row: MeasurementRow): boolean {
  return (
    row.valueNumber == null &&
    !row.valueText &&
    row.status === "" &&
    !row.overrideReason &&
    !row.comment &&
    !row.source &&
    !row.valueOverrideReason
  );
}

/**
 * Saves the grid for a year: reporters, the secretariat and admins (board and viewers 403,
 * non-members 404). Every criterion must belong to the agreement (400). A row stored since the form
 * was loaded, or a criterion whose baseline or target changed since, is a conflict (409) and
 * nothing is saved, and so is a row whose value from the activity log changed since (the reason
 * rule was checked against the value the user saw). A criterion measured from the log stores the
 * log's value beside the one entered, the reason when they differ, and the log's source text
 * when the value is the log's and no other source is given.
 * Only changed rows are written; they get one audit event together.
 * Returns the number of rows written.
 */
export async function saveMeasurements(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  year: number,
  rows: MeasurementRow[],
): Promise<number> {
  await requirePlanRole(db, user, planId, MEASUREMENT_EDITOR_ROLES);
  const agreement = await requireAgreement(db, planId, agreementId);
  requireYear(budgetYears(agreement.validFrom, agreement.validTo), year);

  try {
    return await db.transaction(async (tx) => {
      await assertReportYearOpen(tx, planId, year);
      const [criteria, existingRows, logValues] = await Promise.all([
        tx
          .select({
            id: successCriteria.id,
            baselineValue: successCriteria.baselineValue,
            targetValue: successCriteria.targetValue,
          })
          .from(successCriteria)
          .where(eq(successCriteria.agreementId, agreementId)),
        // Locks the year's rows, so a concurrent save waits and then sees the new versions.
        selectStored(tx, agreementId, year).for("update", { of: measurements }),
        logValuesFor(tx, user, agreementId, year),
      ]);
      const criterionById = new Map(criteria.map((c) => [c.id, c]));
      const existing = new Map(existingRows.map((m) => [m.criterionId, m]));

      const errors: Record<string, string> = {};
      const seen = new Set<number>();
      rows.forEach((row, i) => {
        if (!criterionById.has(row.criterionId) || seen.has(row.criterionId)) {
          errors[`rows.${i}.criterionId`] = "Succeskriteriet hører ikke til denne delaftale";
        }
        seen.add(row.criterionId);
      });
      if (Object.keys(errors).length) throw new FieldValidationError(errors);

      const changes: {
        criterionId: number;
        version: number | null;
        before: MeasurementValues | null;
        after: MeasurementValues;
      }[] = [];
      for (const row of rows) {
        const criterion = criterionById.get(row.criterionId)!;
        const stored = existing.get(row.criterionId);
        if ((stored?.version ?? null) !== row.version) throw new ConflictError();
        // The schema checked the override rule against these; they must be the real ones.
        if (
          criterion.baselineValue !== row.baselineValue ||
          criterion.targetValue !== row.targetValue
        ) {
          throw new ConflictError();
        }
        const log = logValues.get(row.criterionId);
        const logValue = log ? log.value : null;
        if (roundToCents(row.logValue) !== logValue) throw new ConflictError();
        if (!stored && isBlank(row)) continue;
        const valueNumber = roundToCents(row.valueNumber);
        const differs = differsFromLog(valueNumber, logValue);
        const suggestion = suggestStatus({
          baselineValue: criterion.baselineValue,
          targetValue: criterion.targetValue,
          value: valueNumber,
        });
        const after: MeasurementValues = {
          valueNumber,
          valueText: row.valueText,
          unit: row.unit,
          status: resolveStatus(row.status, suggestion),
          overrideReason: row.overrideReason,
          comment: row.comment,
          source:
            row.source ??
            (log && valueNumber != null && !differs && logValue != null ? log.sourceText : null),
          logValue,
          valueOverrideReason: differs ? (row.valueOverrideReason ?? null) : null,
        };
        const before = stored ? pickValues(stored) : null;
        if (before && VALUE_KEYS.every((k) => before[k] === after[k])) continue;
        changes.push({ criterionId: row.criterionId, version: row.version, before, after });
      }
      if (!changes.length) return 0;

      // One statement for new and changed rows. A changed row is updated only at the version the
      // user loaded; a new row that someone else inserted meanwhile conflicts (version 0 never
      // matches). Fewer rows back than sent means a conflict, and the transaction rolls back.
      const written = await tx
        .insert(measurements)
        .values(
          changes.map((c) => ({
            criterionId: c.criterionId,
            year,
            ...c.after,
            updatedBy: user.id,
            version: (c.version ?? 0) + 1,
          })),
        )
        .onConflictDoUpdate({
          target: [measurements.criterionId, measurements.year],
          set: {
            valueNumber: sql`excluded.value_number`,
            valueText: sql`excluded.value_text`,
            unit: sql`excluded.unit`,
            status: sql`excluded.status`,
            overrideReason: sql`excluded.override_reason`,
            comment: sql`excluded.comment`,
            source: sql`excluded.source`,
            logValue: sql`excluded.log_value`,
            valueOverrideReason: sql`excluded.value_override_reason`,
            updatedBy: sql`excluded.updated_by`,
            version: sql`excluded.version`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${measurements.version} = excluded.version - 1`,
        })
        .returning({ id: measurements.id });
      if (written.length !== changes.length) throw new ConflictError();

      await recordAudit(tx, {
        user,
        action: "measurements.update",
        entityType: "agreement",
        entityId: agreementId,
        planId,
        before: {
          year,
          rows: changes.map((c) => ({ criterionId: c.criterionId, ...(c.before ?? {}) })),
        },
        after: {
          year,
          rows: changes.map((c) => ({ criterionId: c.criterionId, ...c.after })),
        },
      });
      return changes.length;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError();
    throw error;
  }
}

function pickValues(m: StoredRow): MeasurementValues {
  const { valueNumber, valueText, unit, status, overrideReason, comment, source } = m;
  const { logValue, valueOverrideReason } = m;
  return {
    valueNumber,
    valueText,
    unit,
    status,
    overrideReason,
    comment,
    source,
    logValue,
    valueOverrideReason,
  };
}
