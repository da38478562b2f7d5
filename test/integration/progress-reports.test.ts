/**
 * The yearly progress report: assembled from the plan's measurements and spending, the narrative
 * saved with optimistic locking, finalising (snapshot; the database then refuses changes to the
 * report and to the year's figures), an admin's reopening with a reason, who may do what (also
 * through the page's loader and action), the audit trail and a fixed number of queries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import {
  auditEvents,
  spending,
  fundingSources,
  measurements,
  progressReports,
  successCriteria,
} from "../../db/schema";
import { generateReportPlan } from "../../bench/dataset";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { flashOf } from "../helpers/flash";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import { MeasurementGridSchema, measurementGridFormValues } from "~/domain/measurement";
import { ProgressReportNarrativeSchema } from "~/domain/progress-report";
import {
  ConflictError,
  FieldValidationError,
  ForbiddenError,
  LockedError,
} from "~/models/errors.server";
import { getMeasurementGrid, saveMeasurements } from "~/models/measurements.server";
import {
  finaliseProgressReport,
  getProgressReport,
  listProgressReports,
  reopenProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import { saveSpending } from "~/models/spending.server";
import * as reportPage from "~/routes/plans.$planId.reports.$year._index";
import * as reportList from "~/routes/plans.$planId.reports._index";

const narrative = (summary: string, notes: { activityId: number; note: string }[] = []) =>
  ProgressReportNarrativeSchema.parse({
    summary,
    whatWorked: "- Lektiecaféen\n- Samarbejdet med skolen",
    nextYear: "Vi flytter fritidsjobindsatsen til foråret.",
    activityNotes: notes.map((n) => ({ activityId: String(n.activityId), note: n.note })),
  });

/** The database refuses the statement with its own message (the error's cause, under drizzle's). */
async function expectRefused(query: Promise<unknown>, pattern = /final/) {
  const error = await query.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the database should refuse the statement").toBeInstanceOf(Error);
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
  expect(messages.join(" | ")).toMatch(pattern);
}

describe.each(drivers)("progress reports on %s", (driver) => {
  let t: TestDb;
  let params: Record<string, string>;
  let criterionIds: number[];
  let sourceIds: number[];

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    params = { planId: String(t.demo.planId), year: "2024" };
    const criteria = await t.db
      .select({ id: successCriteria.id })
      .from(successCriteria)
      .where(eq(successCriteria.agreementId, t.demo.agreementId))
      .orderBy(asc(successCriteria.id));
    criterionIds = criteria.map((c) => c.id);
    const sources = await t.db
      .select({ id: fundingSources.id })
      .from(fundingSources)
      .where(eq(fundingSources.agreementId, t.demo.agreementId))
      .orderBy(asc(fundingSources.position));
    sourceIds = sources.map((s) => s.id);
    // 2024: three criteria measured (met, partly, not met), the rest not; LBF and one local spend.
    await t.db.insert(measurements).values([
      { criterionId: criterionIds[0]!, year: 2024, valueText: "Gennemført", status: "met" },
      {
        criterionId: criterionIds[1]!,
        year: 2024,
        valueNumber: 12,
        unit: "%",
        status: "partly_met",
      },
      {
        criterionId: criterionIds[2]!,
        year: 2024,
        valueNumber: 3,
        status: "not_met",
        comment: "Færre deltagere end ventet",
        source: "Deltagerlister",
      },
    ]);
    await t.db.insert(spending).values([
      { fundingSourceId: sourceIds[0]!, year: 2024, amount: 1_000_000 },
      { fundingSourceId: sourceIds[1]!, year: 2024, amount: 250_000 },
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("assembles the year's criteria, counts, activities and budget vs spend", async () => {
    const page = await getProgressReport(t.db, t.user("reporter"), t.demo.planId, 2024);
    expect(page.version).toBe(0);
    expect(page.canEdit).toBe(true);
    expect(page.canReopen).toBe(false);
    const { view } = page;
    expect(view.title).toBe("Statusrapport 2024");
    expect(view.status).toBe("draft");
    expect(view.due).toBe("2025-06-30");
    expect(view.agreements).toHaveLength(1);
    const agreement = view.agreements[0]!;
    expect(agreement.focusArea).toBe("Sammenhængskraft og medborgerskab");
    const measured = agreement.criteria.filter((c) => c.measurement);
    expect(measured.map((c) => [c.actualText, c.status])).toEqual(
      expect.arrayContaining([
        ["Gennemført", "met"],
        ["12 %", "partly_met"],
        ["3", "not_met"],
      ]),
    );
    expect(view.counts).toEqual({
      met: 1,
      partly_met: 1,
      not_met: 1,
      not_measured: 0,
      none: criterionIds.length - 3,
    });
    expect(agreement.activities.length).toBeGreaterThan(0);
    expect(agreement.spending.lbfTotal).toMatchObject({ budget: 1_064_000, spent: 1_000_000 });
    expect(agreement.spending.total).toMatchObject({ budget: 1_520_000, spent: 1_250_000 });
    expect(view.spending).toEqual({
      budget: 1_520_000,
      periodOnly: 0,
      spent: 1_250_000,
      lbfBudget: 1_064_000,
      lbfSpent: 1_000_000,
      lbfShareOfSpend: 0.8,
    });
  });

  it("lets plan members read and keeps others out", async () => {
    for (const key of ["board", "viewer"] as const) {
      const page = await getProgressReport(t.db, t.user(key), t.demo.planId, 2024);
      expect(page.canEdit, key).toBe(false);
    }
    const res = await callRoute(reportPage.loader, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.otherPlan,
      params,
    });
    expect(res.status).toBe(404);
    const list = await callRoute(reportList.loader, `/plans/${t.demo.planId}/reports`, {
      userId: t.demo.userIds.otherPlan,
      params: { planId: String(t.demo.planId) },
    });
    expect(list.status).toBe(404);
    const outside = await callRoute(reportPage.loader, `/plans/${t.demo.planId}/reports/2030`, {
      userId: t.demo.userIds.reporter,
      params: { ...params, year: "2030" },
    });
    expect(outside.status).toBe(404);
  });

  it("refuses the narrative from board members and viewers (403) and non-members (404)", async () => {
    for (const [key, status] of [
      ["board", 403],
      ["viewer", 403],
      ["otherPlan", 404],
    ] as const) {
      const res = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
        userId: t.demo.userIds[key],
        params,
        form: { intent: "save", version: "0", summary: "Forsøg" },
      });
      expect(res.status, key).toBe(status);
    }
    await expect(
      saveProgressReportNarrative(t.db, t.user("board"), t.demo.planId, 2024, 0, narrative("x")),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.select().from(progressReports)).toHaveLength(0);
  });

  it("keeps the typed text with a Danish message when a note is too long", async () => {
    const page = await getProgressReport(t.db, t.user("reporter"), t.demo.planId, 2024);
    const activityId = page.view.agreements[0]!.activities[0]!.id;
    const form = {
      intent: "save",
      version: "0",
      summary: "Et godt år.",
      whatWorked: "",
      nextYear: "",
      "activityNotes.0.activityId": String(activityId),
      "activityNotes.0.note": "x".repeat(4001),
    };
    const res = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.reporter,
      params,
      form,
    });
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors["activityNotes.0.note"]).toMatch(/højst/i);
    expect(failure.values.summary).toBe("Et godt år.");
  });

  it("saves the narrative with optimistic locking and audits it", async () => {
    const page = await getProgressReport(t.db, t.user("reporter"), t.demo.planId, 2024);
    const activity = page.view.agreements[0]!.activities[0]!;
    const res = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.reporter,
      params,
      form: {
        intent: "save",
        version: "0",
        summary: "Året bød på **flere deltagere** end ventet.",
        whatWorked: "- Lektiecaféen",
        nextYear: "Mere fokus på fritidsjob.",
        "activityNotes.0.activityId": String(activity.id),
        "activityNotes.0.note": "Kører efter planen.",
      },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/plans/${t.demo.planId}/reports/2024`);
    expect(await flashOf(res)).toBe("Rapportens tekst er gemt.");
    const after = await getProgressReport(t.db, t.user("board"), t.demo.planId, 2024);
    expect(after.version).toBe(1);
    expect(after.view.summary?.blocks).toHaveLength(1);
    expect(after.view.agreements[0]!.activities[0]).toMatchObject({
      id: activity.id,
      note: "Kører efter planen.",
    });

    // A second editor who loaded version 0 is refused, with the input kept.
    const stale = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.secretariat,
      params,
      form: { intent: "save", version: "0", summary: "Min udgave" },
    });
    expect(stale.status).toBe(409);
    expect((stale.data as FormFailure).values.summary).toBe("Min udgave");

    // An activity of another plan is a field error, not a silent drop.
    await expect(
      saveProgressReportNarrative(
        t.db,
        t.user("reporter"),
        t.demo.planId,
        2024,
        1,
        narrative("x", [{ activityId: 999_999, note: "?" }]),
      ),
    ).rejects.toBeInstanceOf(FieldValidationError);

    const events = await t.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, "progress_report.update"));
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ year: 2024 });
  });

  it("will not finalise without a summary", async () => {
    await saveProgressReportNarrative(
      t.db,
      t.user("reporter"),
      t.demo.planId,
      2025,
      0,
      narrative(""),
    );
    await expect(
      finaliseProgressReport(t.db, t.user("reporter"), t.demo.planId, 2025, 1),
    ).rejects.toBeInstanceOf(FieldValidationError);
    const res = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2025`, {
      userId: t.demo.userIds.reporter,
      params: { ...params, year: "2025" },
      form: { intent: "finalise", version: "1" },
    });
    expect(res.status).toBe(400);
    expect((res.data as FormFailure).formError).toMatch(/resumé/);
  });

  it("finalises: the snapshot holds, and the report and the year's figures are locked", async () => {
    // Board members may not finalise.
    const board = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.board,
      params,
      form: { intent: "finalise", version: "1" },
    });
    expect(board.status).toBe(403);
    await expect(
      finaliseProgressReport(t.db, t.user("reporter"), t.demo.planId, 2024, 0),
    ).rejects.toBeInstanceOf(ConflictError);

    const res = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.reporter,
      params,
      form: { intent: "finalise", version: "1" },
    });
    expect(res.status).toBe(302);
    expect(await flashOf(res)).toBe(
      "Rapporten er gjort endelig. Årets målinger og forbrug er nu låst.",
    );
    const final = await getProgressReport(t.db, t.user("reporter"), t.demo.planId, 2024);
    expect(final.view.status).toBe("final");
    expect(final.view.finalised?.by).toBe("Sofie Brandt");
    expect(final.canEdit).toBe(false);
    expect(final.view.counts.met).toBe(1);

    // The report cannot be changed through the app…
    await expect(
      saveProgressReportNarrative(
        t.db,
        t.user("reporter"),
        t.demo.planId,
        2024,
        2,
        narrative("Ny"),
      ),
    ).rejects.toBeInstanceOf(LockedError);
    const edit = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.reporter,
      params,
      form: { intent: "save", version: "2", summary: "Ny tekst" },
    });
    expect(edit.status).toBe(409);
    expect((edit.data as FormFailure).formError).toMatch(/endelig/);
    // …nor in the database.
    await expectRefused(
      t.db.execute(
        sql`update progress_reports set summary = null where plan_id = ${t.demo.planId} and year = 2024`,
      ),
    );
    await expectRefused(
      t.db.execute(
        sql`delete from progress_reports where plan_id = ${t.demo.planId} and year = 2024`,
      ),
    );
    await expectRefused(
      t.db.execute(
        sql`update progress_reports set status = 'draft', reopened_at = now() where plan_id = ${t.demo.planId} and year = 2024`,
      ),
    );

    // The year's measurements and spend are locked too, in the app and in the database.
    const grid = await getMeasurementGrid(
      t.db,
      t.user("reporter"),
      t.demo.planId,
      t.demo.agreementId,
      2024,
    );
    expect(grid.canEdit).toBe(false);
    expect(grid.lockedMessage).toMatch(/2024 er endelig/);
    // One untouched criterion of the grid, now with a result.
    const { rows } = MeasurementGridSchema.parse({
      rows: [{ ...measurementGridFormValues(grid.rows).rows[5]!, valueText: "Nyt resultat" }],
    });
    await expect(
      saveMeasurements(t.db, t.user("reporter"), t.demo.planId, t.demo.agreementId, 2024, rows),
    ).rejects.toBeInstanceOf(LockedError);
    await expect(
      saveSpending(t.db, t.user("reporter"), t.demo.planId, t.demo.agreementId, 2024, [
        { fundingSourceId: sourceIds[2]!, amount: 5, note: null },
      ]),
    ).rejects.toBeInstanceOf(LockedError);
    await expectRefused(
      t.db.execute(
        sql`update measurements set value_text = 'x' where criterion_id = ${criterionIds[0]!} and year = 2024`,
      ),
    );
    await expectRefused(
      t.db.execute(
        sql`insert into spending (funding_source_id, year, amount) values (${sourceIds[2]!}, 2024, 10)`,
      ),
    );
    // Other years stay open.
    await t.db
      .insert(measurements)
      .values({ criterionId: criterionIds[0]!, year: 2023, valueText: "ok", status: "met" });

    // Later changes to the agreement do not change the final report.
    await t.db
      .update(successCriteria)
      .set({ text: "Omformuleret kriterium" })
      .where(eq(successCriteria.id, criterionIds[0]!));
    const again = await getProgressReport(t.db, t.user("viewer"), t.demo.planId, 2024);
    expect(again.view).toEqual(final.view);
    expect(JSON.stringify(again.view)).not.toContain("Omformuleret kriterium");

    const list = await listProgressReports(t.db, t.user("viewer"), t.demo.planId, "2026-11-22");
    expect(list.map((r) => [r.year, r.status])).toEqual([
      [2025, "draft"],
      [2024, "final"],
      [2023, null],
    ]);
  });

  it("lets only an admin reopen, with a reason", async () => {
    const version = (await getProgressReport(t.db, t.user("admin"), t.demo.planId, 2024)).version;
    const asReporter = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.reporter,
      params,
      form: { intent: "reopen", version: String(version), reason: "Fejl i tal" },
    });
    expect(asReporter.status).toBe(403);
    const noReason = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.admin,
      params,
      form: { intent: "reopen", version: String(version), reason: "  " },
    });
    expect(noReason.status).toBe(400);
    expect((noReason.data as FormFailure).errors.reason).toMatch(/genåbnes/);

    const res = await callRoute(reportPage.action, `/plans/${t.demo.planId}/reports/2024`, {
      userId: t.demo.userIds.admin,
      params,
      form: {
        intent: "reopen",
        version: String(version),
        reason: "Fonden har bedt om rettede tal",
      },
    });
    expect(res.status).toBe(302);
    expect(await flashOf(res)).toBe("Rapporten er genåbnet og kan redigeres igen.");
    const reopened = await getProgressReport(t.db, t.user("reporter"), t.demo.planId, 2024);
    expect(reopened.view.status).toBe("draft");
    expect(reopened.canEdit).toBe(true);
    expect(reopened.view.reopened).toMatchObject({
      by: "Astrid Holm",
      reason: "Fonden har bedt om rettede tal",
    });
    // The draft is assembled afresh: the reworded criterion shows now.
    expect(JSON.stringify(reopened.view)).toContain("Omformuleret kriterium");
    // Figures unlock.
    await t.db
      .update(measurements)
      .set({ comment: "Rettet" })
      .where(and(eq(measurements.criterionId, criterionIds[0]!), eq(measurements.year, 2024)));

    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(sql`${auditEvents.action} like 'progress_report.%'`)
      .orderBy(asc(auditEvents.id));
    expect(actions.map((a) => a.action)).toEqual([
      "progress_report.update",
      "progress_report.update",
      "progress_report.finalise",
      "progress_report.reopen",
    ]);
    await expect(
      reopenProgressReport(t.db, t.user("admin"), t.demo.planId, 2024, reopened.version, "igen"),
    ).rejects.toBeInstanceOf(LockedError);
  });

  it("assembles a report of 4 agreements and 60 criteria in the same number of queries", async () => {
    const bigPlanId = await generateReportPlan(t.db, t.demo, {
      agreementCount: 4,
      activitiesPerAgreement: 3,
      criteriaPerActivity: 5,
      year: 2025,
    });
    const { db, queries } = createCountingDb(t);
    const small = await getProgressReport(db, t.user("admin"), t.demo.planId, 2025);
    const smallCount = queries.length;
    queries.length = 0;
    const big = await getProgressReport(db, t.user("admin"), bigPlanId, 2025);
    expect(big.view.agreements).toHaveLength(4);
    expect(big.view.agreements.flatMap((a) => a.criteria)).toHaveLength(60);
    expect(big.view.counts).toEqual({
      met: 15,
      partly_met: 15,
      not_met: 15,
      not_measured: 15,
      none: 0,
    });
    expect(small.view.agreements.length).toBeLessThan(big.view.agreements.length);
    expect(queries.length).toBe(smallCount);
    // 11 for the report's figures, plus 1 for the milestones of the year and the next.
    expect(smallCount).toBeLessThanOrEqual(12);
  });
});
