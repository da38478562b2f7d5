/**
 * The charts on the plan page and in the progress report, on both drivers: the plan's figures
 * counted in the same queries for one agreement as for four, the year choice, access as the plan
 * page's, the report page and its Word document with the charts (PNG images in the .docx), and a
 * final report's charts showing its frozen figures while the plan page shows today's, and each
 * chart at its own address (SVG for members, 404 for others, 304 for a browser that has it).
 */
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  budgetAmounts,
  fundingSources,
  measurements,
  spending,
  successCriteria,
} from "../../db/schema";
import type { Db } from "../../db/client";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { createAgreement, createPlan, type CreatedAgreement } from "../helpers/factories";
import {
  buildRequest,
  callRoute,
  callRouteWith,
  cookieFor,
  useTestDbForRoutes,
} from "../helpers/routes";
import { setAppDbForTests } from "~/db.server";
import type { ChartText, ChartView } from "~/domain/charts";
import type { MeasurementStatus } from "~/domain/measurement";
import { ProgressReportNarrativeSchema } from "~/domain/progress-report";
import { getPlanCharts } from "~/models/charts.server";
import { NotFoundError } from "~/models/errors.server";
import {
  finaliseProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import * as planPage from "~/routes/plans.$planId._index";
import * as planChart from "~/routes/plans.$planId.charts.$chart";
import * as reportPage from "~/routes/plans.$planId.reports.$year._index";
import * as reportChart from "~/routes/plans.$planId.reports.$year.charts.$chart";
import * as reportDocx from "~/routes/plans.$planId.reports.$year.report[.]docx";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Budget of 2025–2026 from LBF and the municipality, spend in 2025, and 2025's statuses. */
async function addFigures(db: Db, agreement: CreatedAgreement, statuses: MeasurementStatus[]) {
  const [lbf, municipality] = await db
    .insert(fundingSources)
    .values([
      { agreementId: agreement.id, kind: "lbf", position: 0 },
      { agreementId: agreement.id, kind: "municipality", name: "Havbakke Kommune", position: 1 },
    ])
    .returning({ id: fundingSources.id });
  await db.insert(budgetAmounts).values([
    { fundingSourceId: lbf!.id, year: 2025, amount: 1_000_000 },
    { fundingSourceId: lbf!.id, year: 2026, amount: 1_100_000 },
    { fundingSourceId: municipality!.id, year: 2025, amount: 300_000 },
  ]);
  await db.insert(spending).values([
    { fundingSourceId: lbf!.id, year: 2025, amount: 800_000 },
    { fundingSourceId: municipality!.id, year: 2025, amount: 350_000 },
  ]);
  const criteria = [
    ...agreement.criterionIds,
    ...agreement.activities.flatMap((a) => a.criterionIds),
  ];
  await db
    .insert(measurements)
    .values(statuses.map((status, i) => ({ criterionId: criteria[i]!, year: 2025, status })));
}

function tableOf(chart: ChartText) {
  return chart.table.rows;
}

describe.each(drivers)("charts on %s", (driver) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("counts the plan's criteria and money in the same queries for one agreement as for four", async () => {
    const plan = await createPlan(t.db, { members: { viewer: true } });
    const viewer = plan.members.viewer![0]!;
    const first = await createAgreement(t.db, plan, { criteria: 2, activities: 1 });
    await addFigures(t.db, first, ["met", "not_met"]);

    const { db, queries } = createCountingDb(t);
    const one = await getPlanCharts(db, viewer, plan.id);
    const forOne = queries.length;
    expect(forOne).toBeLessThanOrEqual(6);
    expect(one.criteriaYear).toBe(2025);
    expect(one.criteriaYears).toEqual([2025]);
    // Opfyldt, Delvist, Ikke opfyldt, Ikke målt, Ikke registreret, I alt.
    expect(tableOf(one.criteriaByStatus)).toEqual([
      [first.focusArea, "1", "0", "1", "0", "1", "3"],
    ]);
    expect(tableOf(one.budgetVsSpend)).toEqual([
      ["2025", "Landsbyggefonden", "1.000.000 kr.", "800.000 kr."],
      ["2025", "Kommune", "300.000 kr.", "350.000 kr."],
      ["2026", "Landsbyggefonden", "1.100.000 kr.", "0 kr."],
      ["2026", "Kommune", "0 kr.", "0 kr."],
      ["2027", "Landsbyggefonden", "0 kr.", "0 kr."],
      ["2027", "Kommune", "0 kr.", "0 kr."],
      ["2028", "Landsbyggefonden", "0 kr.", "0 kr."],
      ["2028", "Kommune", "0 kr.", "0 kr."],
    ]);
    expect(one.criteriaByStatus.svg).toContain(first.focusArea);
    expect(one.budgetVsSpend.svg).toContain("1.000.000 kr.");

    const others = [];
    for (let i = 0; i < 3; i++) {
      const agreement = await createAgreement(t.db, plan, { criteria: 3, activities: 2 });
      await addFigures(t.db, agreement, ["met", "partly_met", "not_measured", "met"]);
      others.push(agreement);
    }
    queries.length = 0;
    const four = await getPlanCharts(db, viewer, plan.id);
    expect(queries).toHaveLength(forOne);
    expect(tableOf(four.criteriaByStatus)).toHaveLength(4);
    expect(tableOf(four.criteriaByStatus)[1]).toEqual([
      others[0]!.focusArea,
      "2",
      "1",
      "0",
      "1",
      "1",
      "5",
    ]);
    expect(tableOf(four.budgetVsSpend)[0]).toEqual([
      "2025",
      "Landsbyggefonden",
      "4.000.000 kr.",
      "3.200.000 kr.",
    ]);
  });

  it("gives a plan without figures charts that say so, and refuses a non-member with 404", async () => {
    const plan = await createPlan(t.db, { members: { board: true } });
    await createAgreement(t.db, plan);
    const charts = await getPlanCharts(t.db, plan.members.board![0]!, plan.id);
    expect(charts.criteriaYear).toBeNull();
    expect(charts.criteriaByStatus.svg).toContain("Ingen data endnu");
    expect(charts.budgetVsSpend.svg).toContain("Ingen data endnu");
    await expect(getPlanCharts(t.db, t.user("otherPlan"), plan.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("shows both charts on the plan page, with an earlier year on request, to members only", async () => {
    const plan = await createPlan(t.db, { members: { viewer: true } });
    const agreement = await createAgreement(t.db, plan, { criteria: 2, activities: 0 });
    await addFigures(t.db, agreement, ["met"]);
    await t.db
      .insert(measurements)
      .values({ criterionId: agreement.criterionIds[0]!, year: 2026, status: "not_met" });
    const viewerId = plan.members.viewer![0]!.id;
    const params = { planId: String(plan.id) };

    const page = await callRoute(planPage.loader, `/plans/${plan.id}`, {
      userId: viewerId,
      params,
    });
    expect(page.status).toBe(200);
    const charts = (page.data as { charts: { views: ChartView[]; year: number; years: number[] } })
      .charts;
    expect(charts.views.map((c) => c.title)).toEqual([
      "Succeskriterier efter status pr. indsatsområde, 2026",
      "Budget og forbrug pr. finansieringskilde, 2025–2028",
    ]);
    expect(charts.years).toEqual([2025, 2026]);
    // Neither SVG nor PNG travels with the page: the drawings come from their own addresses.
    expect(Object.keys(charts.views[0]!).sort()).toEqual(["description", "src", "table", "title"]);
    // Each address names its figures' tag (the chart's route answers it without the queries).
    expect(charts.views.map((c) => c.src)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^/plans/${plan.id}/charts/criteria\\.svg\\?chartYear=2026&v=criteria-[\\w-]{32}$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(`^/plans/${plan.id}/charts/budget\\.svg\\?v=budget-[\\w-]{32}$`),
      ),
    ]);

    const earlier = await callRoute(planPage.loader, `/plans/${plan.id}?chartYear=2025`, {
      userId: viewerId,
      params,
    });
    const earlierCharts = (earlier.data as { charts: { views: ChartView[]; year: number } }).charts;
    expect(earlierCharts.year).toBe(2025);
    expect(earlierCharts.views[0]!.src).toMatch(
      new RegExp(`^/plans/${plan.id}/charts/criteria\\.svg\\?chartYear=2025&v=criteria-`),
    );
    expect(earlierCharts.views[0]!.src).not.toBe(charts.views[0]!.src);
    // The same figures, the same address.
    expect(earlierCharts.views[1]!.src).toBe(charts.views[1]!.src);
    expect(earlierCharts.views[0]!.table.rows[0]).toEqual([
      agreement.focusArea,
      "1",
      "0",
      "0",
      "0",
      "1",
      "2",
    ]);

    const other = await callRoute(planPage.loader, `/plans/${plan.id}`, {
      userId: t.demo.userIds.otherPlan,
      params,
    });
    expect(other.status).toBe(404);
  });

  it("puts the report's charts on its page and in its Word file, frozen once the report is final", async () => {
    const reporter = t.user("reporter");
    const { planId, agreementId } = t.demo;
    const params = { planId: String(planId), year: "2024" };
    const url = `/plans/${planId}/reports/2024`;

    const draft = await callRoute(reportPage.loader, url, { userId: t.demo.userIds.board, params });
    expect(draft.status).toBe(200);
    const draftCharts = (draft.data as { charts: ChartView[] }).charts;
    expect(draftCharts.map((c) => c.title)).toEqual([
      "Succeskriterier efter status pr. indsatsområde, 2024",
      "Budget og forbrug pr. finansieringskilde, 2024",
    ]);
    expect(draftCharts.map((c) => c.src)).toEqual([
      expect.stringMatching(new RegExp(`^${url}/charts/criteria\\.svg\\?v=criteria-[\\w-]{32}$`)),
      expect.stringMatching(new RegExp(`^${url}/charts/budget\\.svg\\?v=budget-[\\w-]{32}$`)),
    ]);
    expect(JSON.stringify(draft.data)).not.toContain("<svg");
    const [before] = draftCharts[0]!.table.rows.filter(
      (r) => r[0] === "Sammenhængskraft og medborgerskab",
    );
    expect(before).toBeDefined();

    const response = await reportDocx.loader({
      request: new Request(`http://localhost${url}/report.docx`, {
        headers: { Cookie: await cookieFor(t.demo.userIds.viewer) },
      }),
      params,
      context: {},
    });
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const media = Object.keys(files).filter((f) => f.startsWith("word/media/"));
    expect(media.length).toBeGreaterThanOrEqual(2);
    for (const name of media) {
      expect([...files[name]!.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(files[name]!.length).toBeGreaterThan(5_000);
    }
    const xml = new TextDecoder().decode(files["word/document.xml"]);
    expect(xml).toContain("Figur 1: Succeskriterier efter status pr. indsatsområde, 2024");
    expect(xml).toContain("Figur 2: Budget og forbrug pr. finansieringskilde, 2024");

    // Final: the snapshot's figures, even after a criterion is added to the agreement.
    await saveProgressReportNarrative(
      t.db,
      reporter,
      planId,
      2024,
      0,
      ProgressReportNarrativeSchema.parse({
        summary: "Året gik godt.",
        whatWorked: "",
        nextYear: "",
        activityNotes: [],
      }),
    );
    await finaliseProgressReport(t.db, reporter, planId, 2024, 1);
    await t.db.insert(successCriteria).values({
      agreementId,
      text: "Et nyt succeskriterium efter rapporten",
      dataSource: "Sekretariatets optælling",
      position: 99,
    });
    const final = await callRoute(reportPage.loader, url, { userId: t.demo.userIds.board, params });
    const finalCharts = (final.data as { charts: ChartView[] }).charts;
    // The snapshot's figures are the draft's: the same tags, the same addresses.
    expect(finalCharts.map((c) => c.src)).toEqual(draftCharts.map((c) => c.src));
    expect(finalCharts[0]!.table.rows).toEqual(draftCharts[0]!.table.rows);
    expect(finalCharts[1]!.table.rows).toEqual(draftCharts[1]!.table.rows);
    // The plan page counts today's criteria: one more than the frozen report, as "Ikke registreret".
    const today = await getPlanCharts(t.db, t.user("board"), planId, 2024);
    const [now] = today.criteriaByStatus.table.rows.filter(
      (r) => r[0] === "Sammenhængskraft og medborgerskab",
    );
    expect(Number(now!.at(-1))).toBe(Number(before!.at(-1)) + 1);
    expect(Number(now!.at(-2))).toBe(Number(before!.at(-2)) + 1);
  });
  it("serves the plan page's charts from their own address: SVG for members, 404 for others, 304 when current", async () => {
    const plan = await createPlan(t.db, { members: { viewer: true } });
    const agreement = await createAgreement(t.db, plan, { criteria: 2, activities: 0 });
    await addFigures(t.db, agreement, ["met"]);
    const viewerId = plan.members.viewer![0]!.id;
    const params = (chart: string) => ({ planId: String(plan.id), chart });
    const url = (chart: string, query = "") => `/plans/${plan.id}/charts/${chart}${query}`;

    const criteria = await callRoute(planChart.loader, url("criteria.svg"), {
      userId: viewerId,
      params: params("criteria.svg"),
    });
    expect(criteria.status).toBe(200);
    expect(criteria.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(criteria.headers.get("Cache-Control")).toBe("private, no-cache");
    const etag = criteria.headers.get("ETag")!;
    expect(etag).toMatch(/^"criteria-[\w-]+"$/);
    expect(criteria.data).toMatch(/^<svg[^>]* role="img"><title>Succeskriterier efter status/);
    expect(criteria.data).toContain(agreement.focusArea);

    const budget = await callRoute(planChart.loader, url("budget.svg"), {
      userId: viewerId,
      params: params("budget.svg"),
    });
    expect(budget.status).toBe(200);
    expect(budget.data).toContain("1.000.000 kr.");
    expect(budget.headers.get("ETag")).not.toBe(etag);

    // The same figures: 304 without a body; the page's default year is the latest measured.
    const again = await buildRequest(url("criteria.svg", "?chartYear=2025"), { userId: viewerId });
    again.headers.set("If-None-Match", etag);
    const notModified = await callRouteWith(planChart.loader, again, params("criteria.svg"));
    expect(notModified.status).toBe(304);
    expect(notModified.data).toBe("");
    expect(notModified.headers.get("ETag")).toBe(etag);

    // Another year, or changed figures: another tag, a new drawing.
    const other = await buildRequest(url("criteria.svg", "?chartYear=2024"), { userId: viewerId });
    other.headers.set("If-None-Match", etag);
    const otherYear = await callRouteWith(planChart.loader, other, params("criteria.svg"));
    expect(otherYear.status).toBe(200);
    expect(otherYear.data).toContain("Ingen data endnu");
    await t.db
      .insert(measurements)
      .values({ criterionId: agreement.criterionIds[1]!, year: 2025, status: "not_met" });
    const changed = await buildRequest(url("criteria.svg"), { userId: viewerId });
    changed.headers.set("If-None-Match", etag);
    const redrawn = await callRouteWith(planChart.loader, changed, params("criteria.svg"));
    expect(redrawn.status).toBe(200);
    expect(redrawn.headers.get("ETag")).not.toBe(etag);

    const stranger = await callRoute(planChart.loader, url("criteria.svg"), {
      userId: t.demo.userIds.otherPlan,
      params: params("criteria.svg"),
    });
    expect(stranger.status).toBe(404);
    const unknown = await callRoute(planChart.loader, url("pie.svg"), {
      userId: viewerId,
      params: params("pie.svg"),
    });
    expect(unknown.status).toBe(404);
  });

  it("serves the report's charts from their own address to those who may read the report", async () => {
    const { planId } = t.demo;
    const params = (chart: string) => ({ planId: String(planId), year: "2025", chart });
    const url = (chart: string) => `/plans/${planId}/reports/2025/charts/${chart}`;

    const criteria = await callRoute(reportChart.loader, url("criteria.svg"), {
      userId: t.demo.userIds.board,
      params: params("criteria.svg"),
    });
    expect(criteria.status).toBe(200);
    expect(criteria.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(criteria.data).toMatch(
      /<title>Succeskriterier efter status pr\. indsatsområde, 2025<\/title>/,
    );
    const budget = await callRoute(reportChart.loader, url("budget.svg"), {
      userId: t.demo.userIds.board,
      params: params("budget.svg"),
    });
    expect(budget.status).toBe(200);
    expect(budget.data).toMatch(/<title>Budget og forbrug pr\. finansieringskilde, 2025<\/title>/);

    const cached = await buildRequest(url("budget.svg"), { userId: t.demo.userIds.viewer });
    cached.headers.set("If-None-Match", budget.headers.get("ETag")!);
    expect((await callRouteWith(reportChart.loader, cached, params("budget.svg"))).status).toBe(
      304,
    );

    const stranger = await callRoute(reportChart.loader, url("criteria.svg"), {
      userId: t.demo.userIds.otherPlan,
      params: params("criteria.svg"),
    });
    expect(stranger.status).toBe(404);
  });

  it("answers a chart's tagged address after the access check alone, and only at its own plan", async () => {
    const { planId } = t.demo;
    const page = await callRoute(reportPage.loader, `/plans/${planId}/reports/2025`, {
      userId: t.demo.userIds.board,
      params: { planId: String(planId), year: "2025" },
    });
    const src = (page.data as { charts: ChartView[] }).charts[0]!.src;
    const params = { planId: String(planId), year: "2025", chart: "criteria.svg" };
    const tag = new URL(src, "http://localhost").searchParams.get("v")!;

    // Drawn once (the report read), then answered by its tag: the user's and the role's reads only.
    const drawn = await callRoute(reportChart.loader, src, {
      userId: t.demo.userIds.board,
      params,
    });
    expect(drawn.status).toBe(200);
    const etag = drawn.headers.get("ETag")!;
    expect(etag).toMatch(new RegExp(`^"${tag}-`));
    const { db, queries } = createCountingDb(t);
    setAppDbForTests({ ...t, db });
    try {
      const kept = await callRoute(reportChart.loader, src, {
        userId: t.demo.userIds.viewer,
        params,
      });
      expect(kept.status).toBe(200);
      expect(kept.data).toBe(drawn.data);
      expect(kept.headers.get("ETag")).toBe(etag);
      expect(queries).toHaveLength(2);

      queries.length = 0;
      const request = await buildRequest(src, { userId: t.demo.userIds.viewer });
      request.headers.set("If-None-Match", etag);
      const notModified = await callRouteWith(reportChart.loader, request, params);
      expect(notModified.status).toBe(304);
      expect(queries).toHaveLength(2);

      // Others still get 404, whatever the address names.
      const stranger = await buildRequest(src, { userId: t.demo.userIds.otherPlan });
      stranger.headers.set("If-None-Match", etag);
      expect((await callRouteWith(reportChart.loader, stranger, params)).status).toBe(404);
    } finally {
      useTestDbForRoutes(t);
    }

    // Another plan's address with this tag: that plan's own figures, not the kept drawing.
    const plan = await createPlan(t.db, { members: { viewer: true } });
    const agreement = await createAgreement(t.db, plan, { criteria: 2, activities: 0 });
    await addFigures(t.db, agreement, ["met"]);
    const elsewhere = await callRoute(
      reportChart.loader,
      `/plans/${plan.id}/reports/2025/charts/criteria.svg?v=${tag}`,
      {
        userId: plan.members.viewer![0]!.id,
        params: { ...params, planId: String(plan.id) },
      },
    );
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get("ETag")).not.toBe(etag);
    expect(elsewhere.data).toContain(agreement.focusArea);
    expect(elsewhere.data).not.toBe(drawn.data);

    // The plan page's charts likewise: kept by their tag after the first drawing.
    const planPageData = await callRoute(planPage.loader, `/plans/${plan.id}`, {
      userId: plan.members.viewer![0]!.id,
      params: { planId: String(plan.id) },
    });
    const budgetSrc = (planPageData.data as { charts: { views: ChartView[] } }).charts.views[1]!
      .src;
    const planParams = { planId: String(plan.id), chart: "budget.svg" };
    const first = await callRoute(planChart.loader, budgetSrc, {
      userId: plan.members.viewer![0]!.id,
      params: planParams,
    });
    expect(first.status).toBe(200);
    const counting = createCountingDb(t);
    setAppDbForTests({ ...t, db: counting.db });
    try {
      const again = await callRoute(planChart.loader, budgetSrc, {
        userId: plan.members.viewer![0]!.id,
        params: planParams,
      });
      expect(again.data).toBe(first.data);
      expect(counting.queries).toHaveLength(2);
    } finally {
      useTestDbForRoutes(t);
    }
  });
});
