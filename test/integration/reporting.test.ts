/**
 * Reporting overviews against both drivers: each criterion's latest status on the plan page (in a
 * fixed number of queries), the report deadlines on the dashboard scoped to the user's plans, and
 * the report deadline in the plan form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { focusAreas, successCriteria } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { criterion } from "../fixtures/agreement";
import { sectionOf } from "~/domain/dashboard";
import { todayInDenmark } from "~/domain/format";
import type { MeasurementRow, MeasurementStatus } from "~/domain/measurement";
import { REPORT_DUE_NO_SUCH_DAY_MESSAGE } from "~/domain/plan";
import { reportDeadlinesToShow } from "~/domain/reporting";
import { createAgreement } from "~/models/agreements/create.server";
import { saveCriteria } from "~/models/agreements/sections.server";
import { saveMeasurements } from "~/models/measurements.server";
import { getPlanCriteriaOverview, listReportDeadlines } from "~/models/reporting.server";
import * as dashboard from "~/routes/_index";
import * as planPage from "~/routes/plans.$planId._index";
import * as planNew from "~/routes/plans.new";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type StoredCriterion = {
  id: number;
  activityId: number | null;
  baselineValue: number | null;
  targetValue: number | null;
};

/** A grid row as the form schema outputs it: a text result with an explicit status. */
function measurementRow(c: StoredCriterion, status: MeasurementStatus): MeasurementRow {
  return {
    criterionId: c.id,
    version: null,
    baselineValue: c.baselineValue,
    targetValue: c.targetValue,
    valueNumber: null,
    valueText: "Målt i beboerundersøgelsen",
    unit: null,
    status,
    overrideReason: null,
    comment: null,
    source: null,
  };
}

describe.each(drivers)("reporting overviews on %s", (driver) => {
  let t: TestDb;
  let criteria: StoredCriterion[];

  async function criteriaOf(agreementId: number): Promise<StoredCriterion[]> {
    return t.db
      .select({
        id: successCriteria.id,
        activityId: successCriteria.activityId,
        baselineValue: successCriteria.baselineValue,
        targetValue: successCriteria.targetValue,
      })
      .from(successCriteria)
      .where(eq(successCriteria.agreementId, agreementId))
      .orderBy(asc(successCriteria.id));
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    criteria = await criteriaOf(t.demo.agreementId);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows each criterion's status in the latest year measured", async () => {
    const reporter = t.user("reporter");
    const own = criteria.filter((c) => c.activityId == null);
    const ofActivity = criteria.find((c) => c.activityId != null)!;
    expect(own.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = own as [StoredCriterion, StoredCriterion, StoredCriterion];
    await saveMeasurements(t.db, reporter, t.demo.planId, t.demo.agreementId, 2023, [
      measurementRow(first, "not_met"),
      measurementRow(second, "partly_met"),
      measurementRow(ofActivity, "not_met"),
    ]);
    await saveMeasurements(t.db, reporter, t.demo.planId, t.demo.agreementId, 2024, [
      measurementRow(first, "met"),
      measurementRow(third, "not_measured"),
      measurementRow(ofActivity, "partly_met"),
    ]);

    const overview = await getPlanCriteriaOverview(t.db, t.user("viewer"), t.demo.planId);
    const agreement = overview.find((a) => a.agreementId === t.demo.agreementId)!;
    expect(agreement.criteria).toHaveLength(criteria.length);
    // The agreement's own criteria first, then the activities'.
    expect(agreement.criteria.slice(0, own.length).every((c) => c.activityName == null)).toBe(true);
    const latest = new Map(agreement.criteria.map((c) => [c.id, c.latest]));
    expect(latest.get(first.id)).toEqual({ year: 2024, status: "met" });
    expect(latest.get(second.id)).toEqual({ year: 2023, status: "partly_met" });
    expect(latest.get(third.id)).toEqual({ year: 2024, status: "not_measured" });
    expect(latest.get(ofActivity.id)).toEqual({ year: 2024, status: "partly_met" });
    expect(agreement.criteria.find((c) => c.id === ofActivity.id)?.activityName).toBeTruthy();
    expect(agreement.counts).toEqual({
      met: 1,
      partly_met: 2,
      not_met: 0,
      not_measured: 1,
      none: criteria.length - 4,
    });
  });

  it("shows the overview on the plan page to members, and 404 to others", async () => {
    const params = { planId: String(t.demo.planId) };
    const ok = await callRoute(planPage.loader, `/plans/${t.demo.planId}`, {
      userId: t.demo.userIds.viewer,
      params,
    });
    expect(ok.status).toBe(200);
    const data = ok.data as Awaited<ReturnType<typeof planPage.loader>>;
    expect(data.criteriaOverview.map((a) => a.agreementId)).toContain(t.demo.agreementId);
    expect(data.plan.reportDueMonthDay).toBe("06-30");
    const denied = await callRoute(planPage.loader, `/plans/${t.demo.planId}`, {
      userId: t.demo.userIds.otherPlan,
      params,
    });
    expect(denied.status).toBe(404);
  });

  it("builds the overview in a fixed number of queries, however many agreements and criteria", async () => {
    const { db, queries } = createCountingDb(t);
    await getPlanCriteriaOverview(db, t.user("viewer"), t.demo.planId);
    const before = queries.length;
    // The access check, then two reads.
    expect(before).toBeLessThanOrEqual(3);

    const secretariat = t.user("secretariat");
    const [area] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Beskæftigelse"));
    const other = await createAgreement(t.db, secretariat, t.demo.planId, {
      focusAreaId: area!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    await saveCriteria(t.db, secretariat, t.demo.planId, other.id, other.version, {
      criteria: Array.from({ length: 12 }, (_, i) =>
        criterion(`Flere i job ${i + 1}`, "Jobcentret", { targetValue: 40, targetUnit: "%" }),
      ),
    });
    const added = await criteriaOf(other.id);
    await saveMeasurements(
      t.db,
      secretariat,
      t.demo.planId,
      other.id,
      2024,
      added.slice(0, 6).map((c) => measurementRow(c, "met")),
    );

    queries.length = 0;
    const overview = await getPlanCriteriaOverview(db, t.user("viewer"), t.demo.planId);
    expect(queries.length).toBe(before);
    const second = overview.find((a) => a.agreementId === other.id)!;
    expect(second.focusArea).toBe("Beskæftigelse");
    expect(second.counts).toMatchObject({ met: 6, none: 6 });
  });

  it("lists report deadlines only for the user's plans; admins see all", async () => {
    const mine = await listReportDeadlines(t.db, t.user("reporter"), 2025);
    expect(mine.map((p) => p.planId)).toEqual([t.demo.planId]);
    expect(mine[0]).toMatchObject({
      periodStart: "2023-01-01",
      periodEnd: "2026-12-31",
      reportDueMonthDay: "06-30",
    });
    const other = await listReportDeadlines(t.db, t.user("otherPlan"), 2025);
    expect(other.map((p) => p.planId)).toEqual([t.demo.otherPlanId]);
    const all = await listReportDeadlines(t.db, t.user("admin"), 2025);
    expect(all.map((p) => p.planId).sort()).toEqual([t.demo.planId, t.demo.otherPlanId].sort());

    const { db, queries } = createCountingDb(t);
    await listReportDeadlines(db, t.user("reporter"), 2025);
    expect(queries).toHaveLength(1);
  });

  it("shows the dashboard's report deadlines for the user's plans only", async () => {
    const res = await callRoute(dashboard.loader, "/", { userId: t.demo.userIds.otherPlan });
    expect(res.status).toBe(200);
    const data = res.data as Awaited<ReturnType<typeof dashboard.loader>>;
    const expected = reportDeadlinesToShow(
      await listReportDeadlines(t.db, t.user("otherPlan"), 2025),
      todayInDenmark(),
    );
    const { reports } = sectionOf(data.sections, "secretariat")!;
    expect(reports).toEqual(expected);
    expect(reports.every((r) => r.planId === t.demo.otherPlanId)).toBe(true);
  });

  it("answers a report deadline that does not exist with 400 and a Danish message", async () => {
    const res = await callRoute(planNew.action, "/plans/new", {
      userId: t.demo.userIds.secretariat,
      form: {
        name: "Helhedsplan Fristen",
        fundingRoundId: "3",
        periodStart: "2025-01-01",
        periodEnd: "2028-12-31",
        status: "draft",
        reportDueMonthDay: "31-02",
      },
    });
    expect(res.status).toBe(400);
    const body = res.data as { errors: Record<string, string>; values: Record<string, unknown> };
    expect(body.errors.reportDueMonthDay).toBe(REPORT_DUE_NO_SUCH_DAY_MESSAGE);
    expect(body.values.reportDueMonthDay).toBe("31-02");
  });
});
