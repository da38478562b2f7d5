/**
 * Success criteria as the reporting pages read them: the columns with the activity's name (join
 * `activities` on the criterion's activity), and the document's order.
 */
import { asc, sql } from "drizzle-orm";
import { activities, successCriteria } from "../../db/schema";

/** A criterion as the grid and the progress report show it, with its activity's name. */
export const criterionColumns = {
  id: successCriteria.id,
  activityId: successCriteria.activityId,
  text: successCriteria.text,
  dataSource: successCriteria.dataSource,
  baselineValue: successCriteria.baselineValue,
  baselineUnit: successCriteria.baselineUnit,
  baselineYear: successCriteria.baselineYear,
  targetValue: successCriteria.targetValue,
  targetUnit: successCriteria.targetUnit,
  targetYear: successCriteria.targetYear,
  baselineText: successCriteria.baselineText,
  targetText: successCriteria.targetText,
  position: successCriteria.position,
  /** Set when the criterion left the working draft with its measurements kept. */
  retiredAt: successCriteria.retiredAt,
  activityName: activities.name,
};

/** The document's order: the agreement's own criteria first, then each activity's. */
export const criteriaInDocumentOrder = [
  sql`${successCriteria.activityId} is not null`,
  asc(activities.position),
  asc(activities.id),
  asc(successCriteria.position),
  asc(successCriteria.id),
];
