/**
 * Fictional reporting history for the demo (added by `npm start` on an empty database, after the
 * demo data): the demo agreement's measurements and spend for 2023 and a final progress report on
 * 2023, so a newcomer finds a finished report next to the open years. The tests' own databases do
 * not get it: they enter their own figures for these years.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { budgetAmounts, spending, fundingSources, measurements, successCriteria } from "./schema";
import { DEMO_USERS, type DemoBaseIds } from "./demo-users";
import { suggestStatus } from "../app/domain/measurement";
import { ProgressReportNarrativeSchema } from "../app/domain/progress-report";
import {
  finaliseProgressReport,
  getProgressReport,
  saveProgressReportNarrative,
} from "../app/models/progress-reports.server";

export const DEMO_REPORT_YEAR = 2023;

/** How far each numeric criterion got in 2023, as a share of the way from baseline to target. */
const PROGRESS = [0.4, 0.25, 1.1, 0.6, 0.9, 0, 1, 0.5];

/**
 * The full demo (db/demo-history.ts) has more agreements in the 2023 report: their activities'
 * notes by activity name, and a paragraph about them after the summary.
 */
export interface DemoReportingMore {
  activityNotes: Record<string, string>;
  summary: string;
}

export async function seedDemoReporting(
  db: Db,
  demo: Pick<DemoBaseIds, "planId" | "userIds"> & { agreementId: number },
  more?: DemoReportingMore,
): Promise<void> {
  const year = DEMO_REPORT_YEAR;
  const reporter = {
    id: demo.userIds.reporter,
    email: DEMO_USERS.reporter.email,
    name: DEMO_USERS.reporter.name,
    isAdmin: false,
  };
  const [criteria, budget] = await Promise.all([
    db
      .select({
        id: successCriteria.id,
        baselineValue: successCriteria.baselineValue,
        targetValue: successCriteria.targetValue,
        unit: successCriteria.targetUnit,
      })
      .from(successCriteria)
      .where(eq(successCriteria.agreementId, demo.agreementId))
      .orderBy(asc(successCriteria.id)),
    db
      .select({ sourceId: budgetAmounts.fundingSourceId, amount: budgetAmounts.amount })
      .from(budgetAmounts)
      .innerJoin(fundingSources, eq(fundingSources.id, budgetAmounts.fundingSourceId))
      .where(and(eq(fundingSources.agreementId, demo.agreementId), eq(budgetAmounts.year, year))),
  ]);

  await db.transaction(async (tx) => {
    const rows = criteria.slice(0, 12).map((c, i) => {
      if (c.targetValue == null) {
        return {
          criterionId: c.id,
          year,
          valueText: i % 3 === 0 ? "Ikke opgjort i 2023" : "Gennemført som planlagt",
          status: i % 3 === 0 ? ("not_measured" as const) : ("met" as const),
          source: "Sekretariatets aktivitetslog",
          updatedBy: reporter.id,
        };
      }
      const start = c.baselineValue ?? 0;
      const value = Math.round(
        start + (c.targetValue - start) * (PROGRESS[i % PROGRESS.length] ?? 0),
      );
      const status =
        suggestStatus({ baselineValue: c.baselineValue, targetValue: c.targetValue, value }) ??
        "not_measured";
      return {
        criterionId: c.id,
        year,
        valueNumber: value,
        unit: c.unit,
        status,
        comment: status === "not_met" ? "Opstarten blev forsinket til efteråret." : null,
        source: "Sekretariatets opgørelse pr. 31. december 2023",
        updatedBy: reporter.id,
      };
    });
    if (rows.length) await tx.insert(measurements).values(rows);
    const spent = budget
      .filter((b) => b.amount > 0)
      .map((b) => ({
        fundingSourceId: b.sourceId,
        year,
        // About nine tenths of the year's budget, in whole thousands.
        amount: Math.round((Number(b.amount) * 0.9) / 1000) * 1000,
        updatedBy: reporter.id,
      }));
    if (spent.length) await tx.insert(spending).values(spent);
  });

  const { view } = await getProgressReport(db, reporter, demo.planId, year);
  const notes = view.agreements.flatMap((a) =>
    a.activities.map((activity, i) => ({
      activityId: String(activity.id),
      note:
        a.agreementId !== demo.agreementId
          ? (more?.activityNotes[activity.name] ?? "")
          : i === 0
            ? "Kører efter planen; 14 naboværter er uddannet."
            : i === 1
              ? "Sommerens gårdaktiviteter blev godt besøgt; vinteren var stille."
              : "Startede i efteråret og er endnu i gang.",
    })),
  );
  const narrative = ProgressReportNarrativeSchema.parse({
    summary:
      "Første år af helhedsplanen handlede om at få aktiviteterne i gang. Naboværtsordningen kom hurtigt fra start, mens forløbet for nye beboerdemokrater først begyndte i efteråret.\n\n- 14 naboværter uddannet\n- 11 gårdaktiviteter afholdt" +
      (more ? `\n\n${more.summary}` : ""),
    whatWorked:
      "Samarbejdet med ejendomskontorerne om velkomstbesøg hos nye lejere. Beboerne tog selv initiativ til flere gårdaktiviteter.",
    nextYear:
      "Foreningsbroen får fast træffetid i beboerhuset, og forløbet for nye beboerdemokrater flyttes til foråret.",
    activityNotes: notes,
  });
  const version = await saveProgressReportNarrative(db, reporter, demo.planId, year, 0, narrative);
  await finaliseProgressReport(db, reporter, demo.planId, year, version);
}
