/**
 * What the activity log's event form offers: the plan's current activities under their agreement,
 * each agreement's parties (as "org:<id>" / "label:<text>", the responsible party of an action),
 * for the plan's members. Four queries whatever the plan's size.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  activities,
  agreementParties,
  agreements,
  focusAreas,
  organisations,
} from "../../db/schema";
import { partyValue } from "~/domain/activity-log";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";

export interface LogFormAgreement {
  id: number;
  focusArea: string;
  activities: { id: number; name: string }[];
  parties: { value: string; label: string }[];
}

export async function getLogFormAgreements(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<LogFormAgreement[]> {
  // Every member may see the activities (the log's filter); the parties only matter to editors,
  // who are checked by the page that offers the form.
  await requirePlanRole(db, user, planId);
  const agreementRows = await db
    .select({ id: agreements.id, focusArea: focusAreas.name })
    .from(agreements)
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .where(eq(agreements.planId, planId))
    .orderBy(asc(focusAreas.position));
  const ids = agreementRows.map((a) => a.id);
  if (ids.length === 0) return [];
  const [activityRows, partyRows] = await Promise.all([
    db
      .select({ id: activities.id, name: activities.name, agreementId: activities.agreementId })
      .from(activities)
      .where(and(inArray(activities.agreementId, ids), isNull(activities.retiredAt)))
      .orderBy(asc(activities.position)),
    db
      .select({
        agreementId: agreementParties.agreementId,
        organisationId: agreementParties.organisationId,
        organisationName: organisations.name,
        label: agreementParties.label,
      })
      .from(agreementParties)
      .leftJoin(organisations, eq(organisations.id, agreementParties.organisationId))
      .where(inArray(agreementParties.agreementId, ids))
      .orderBy(asc(agreementParties.tier), asc(agreementParties.position)),
  ]);
  return agreementRows.map((a) => {
    const seen = new Set<string>();
    const parties: LogFormAgreement["parties"] = [];
    for (const p of partyRows) {
      if (p.agreementId !== a.id) continue;
      const value = partyValue({ organisationId: p.organisationId, partyLabel: p.label });
      if (seen.has(value)) continue;
      seen.add(value);
      // As the log shows a responsible party (the organisation's name, else the label).
      const label = p.organisationName ?? p.label ?? "";
      parties.push({ value, label });
    }
    return {
      id: a.id,
      focusArea: a.focusArea,
      activities: activityRows
        .filter((r) => r.agreementId === a.id)
        .map((r) => ({ id: r.id, name: r.name })),
      parties,
    };
  });
}
