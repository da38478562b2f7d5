/**
 * The charts on the plan page and in the progress report, on both drivers: the plan's figures
 * counted in the same queries for one agreement as for four, the year choice, access as the plan
 * page's, the report page and its Word document with the charts (PNG images in the .docx), and a
 * final report's charts showing its frozen figures while the plan page shows today's.
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
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import type { ChartView } from "~/domain/charts";
import type { MeasurementStatus } from "~/domain/measurement";
import { ProgressReportNarrativeSchema } from "~/domain/progress-report";
import { getPlanCharts } from "~/models/charts.server";
import { NotFoundError } from "~/models/errors.server";
import {
  finaliseProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import * as planPage from "~/routes/plans.$planId._index";
import * as reportPage from "~/routes/plans.$planId.reports.$year._index";
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

function tableOf(chart: ChartView) {
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
    // No PNG travels to the browser: only what the page shows.
    expect(Object.keys(charts.views[0]!).sort()).toEqual(["description", "svg", "table", "title"]);

    const earlier = await callRoute(planPage.loader, `/plans/${plan.id}?chartYear=2025`, {
      userId: viewerId,
      params,
    });
    const earlierCharts = (earlier.data as { charts: { views: ChartView[]; year: number } }).charts;
    expect(earlierCharts.year).toBe(2025);
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
});
