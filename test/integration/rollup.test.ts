/**
 * The administrators' roll-up of success-criterion statuses across plans, on both drivers: exact
 * counts per focus area and per plan for a year from fictional plans inserted here (agreements
 * outside the year left out, criteria without a measurement that year counted as not recorded),
 * a query count that does not grow with the number of plans, the page and its Excel download for
 * administrators only.
 */
import ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  agreements,
  focusAreas,
  fundingRounds,
  measurements,
  plans,
  successCriteria,
} from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { todayInDenmark } from "~/domain/format";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import type { MeasurementStatus } from "~/domain/measurement";
import { defaultRollupYear, type FocusAreaRollup } from "~/domain/rollup";
import { getFocusAreaRollup } from "~/models/rollup.server";
import { ForbiddenError } from "~/models/errors.server";
import * as page from "~/routes/admin.rollup";
import * as oldPage from "~/routes/admin.reporting._index";
import * as oldDownload from "~/routes/admin.reporting[.]xlsx._index";
import * as download from "~/routes/admin.rollup[.]xlsx";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type RoundCode = "2011-14" | "2015-18" | "2019-26";

interface CriterionSpec {
  /** The status measured per year; a year missing here has no measurement. */
  measured?: Record<number, MeasurementStatus>;
  /** An activity's criterion rather than the agreement's own. */
  ofActivity?: boolean;
}

interface AgreementSpec {
  focusArea: string;
  validFrom: string;
  validTo: string;
  criteria: CriterionSpec[];
}

interface PlanSpec {
  name: string;
  round: RoundCode;
  periodStart: string;
  periodEnd: string;
  agreements: AgreementSpec[];
}

/** Counts in the order of the columns: criteria, the four statuses, not recorded. */
function figures(
  criteria: number,
  [met, partly_met, not_met, not_measured]: [number, number, number, number],
  notRecorded: number,
) {
  return { criteria, met, partly_met, not_met, not_measured, notRecorded };
}

/**
 * The fixture for 2030 (and 2029). Birkedalen's second agreement starts in 2031 and Lindely's
 * ended in 2029: their 2030 measurements must not count. Kastanjegården's second agreement
 * touches 2030 by its last day only and has no criteria.
 */
const FIXTURE: PlanSpec[] = [
  {
    name: "Helhedsplan Birkedalen",
    round: "2019-26",
    periodStart: "2029-01-01",
    periodEnd: "2032-12-31",
    agreements: [
      {
        focusArea: "Beskæftigelse",
        validFrom: "2029-01-01",
        validTo: "2032-12-31",
        criteria: [
          { measured: { 2030: "met" } },
          { measured: { 2029: "not_met", 2030: "met" } },
          { measured: { 2030: "partly_met" } },
          { measured: { 2030: "not_measured" }, ofActivity: true },
          { measured: { 2029: "met" } },
        ],
      },
      {
        focusArea: "Uddannelse og livschancer",
        validFrom: "2031-01-01",
        validTo: "2032-12-31",
        criteria: [{ measured: { 2030: "met" } }, { measured: { 2030: "met" } }],
      },
    ],
  },
  {
    name: "Helhedsplan Kastanjegården",
    round: "2019-26",
    periodStart: "2028-07-01",
    periodEnd: "2030-06-30",
    agreements: [
      {
        focusArea: "Beskæftigelse",
        validFrom: "2028-07-01",
        validTo: "2030-06-30",
        criteria: [{ measured: { 2030: "not_met" } }, { measured: { 2030: "met" } }, {}],
      },
      {
        focusArea: "Kriminalitetsforebyggelse",
        validFrom: "2029-01-01",
        validTo: "2030-01-01",
        criteria: [],
      },
    ],
  },
  {
    name: "Helhedsplan Ravnsborg",
    round: "2015-18",
    periodStart: "2029-01-01",
    periodEnd: "2030-12-31",
    agreements: [
      {
        focusArea: "Tryghed og trivsel",
        validFrom: "2030-01-01",
        validTo: "2030-12-31",
        criteria: [{ measured: { 2030: "partly_met" } }, { measured: { 2030: "not_met" } }],
      },
    ],
  },
  {
    name: "Helhedsplan Lindely",
    round: "2019-26",
    periodStart: "2026-01-01",
    periodEnd: "2029-12-31",
    agreements: [
      {
        focusArea: "Sammenhængskraft og medborgerskab",
        validFrom: "2026-01-01",
        validTo: "2029-12-31",
        criteria: [{ measured: { 2029: "met", 2030: "met" } }],
      },
    ],
  },
];

/** A plan whose agreements are valid in 2033 only, for the query count. */
function plan2033(name: string): PlanSpec {
  const criteria: CriterionSpec[] = [
    { measured: { 2033: "met" } },
    { measured: { 2033: "not_met" } },
    { ofActivity: true },
  ];
  return {
    name,
    round: "2019-26",
    periodStart: "2033-01-01",
    periodEnd: "2033-12-31",
    agreements: ["Beskæftigelse", "Uddannelse og livschancer"].map((focusArea) => ({
      focusArea,
      validFrom: "2033-01-01",
      validTo: "2033-12-31",
      criteria,
    })),
  };
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`No sheet named ${name}`);
  return sheet;
}

/** The first row whose cell in `column` holds `value`, as its cell values (columns 1…width). */
function rowWhere(sheet: Worksheet, column: number, value: string, width: number): unknown[] {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(column).value === value) {
      return Array.from({ length: width }, (_, c) => row.getCell(c + 1).value ?? null);
    }
  }
  throw new Error(`No row with ${value}`);
}

describe.each(drivers)("roll-up of success-criterion statuses on %s", (driver) => {
  let t: TestDb;
  let planIds: Record<string, number>;

  /** Inserts the plans with their agreements, criteria and measurements in one transaction. */
  async function insertPlans(specs: PlanSpec[]): Promise<Record<string, number>> {
    const areas = await t.db
      .select({ id: focusAreas.id, name: focusAreas.name, round: fundingRounds.code })
      .from(focusAreas)
      .innerJoin(fundingRounds, eq(fundingRounds.id, focusAreas.fundingRoundId));
    const roundIds = await t.db
      .select({ id: fundingRounds.id, code: fundingRounds.code })
      .from(fundingRounds);
    const ids: Record<string, number> = {};
    await t.db.transaction(async (tx) => {
      for (const spec of specs) {
        const [plan] = await tx
          .insert(plans)
          .values({
            name: spec.name,
            fundingRoundId: roundIds.find((r) => r.code === spec.round)!.id,
            periodStart: spec.periodStart,
            periodEnd: spec.periodEnd,
            status: "active",
          })
          .returning({ id: plans.id });
        ids[spec.name] = plan!.id;
        for (const a of spec.agreements) {
          const area = areas.find((f) => f.name === a.focusArea && f.round === spec.round);
          const [agreement] = await tx
            .insert(agreements)
            .values({
              planId: plan!.id,
              focusAreaId: area!.id,
              openingText: OPENING_CLAUSE_DEFAULTS["2018"],
              validFrom: a.validFrom,
              validTo: a.validTo,
            })
            .returning({ id: agreements.id });
          const [activity] = await tx
            .insert(activities)
            .values({ agreementId: agreement!.id, name: "Jobcafé", position: 1 })
            .returning({ id: activities.id });
          for (const [index, c] of a.criteria.entries()) {
            const [criterion] = await tx
              .insert(successCriteria)
              .values({
                agreementId: agreement!.id,
                activityId: c.ofActivity ? activity!.id : null,
                text: `Succeskriterium ${index + 1}`,
                dataSource: "Sekretariatets egen opgørelse",
                position: index + 1,
              })
              .returning({ id: successCriteria.id });
            const measured = Object.entries(c.measured ?? {});
            if (measured.length) {
              await tx.insert(measurements).values(
                measured.map(([year, status]) => ({
                  criterionId: criterion!.id,
                  year: Number(year),
                  status,
                  valueText: "Opgjort af sekretariatet",
                })),
              );
            }
          }
        }
      }
    });
    return ids;
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    planIds = await insertPlans(FIXTURE);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("counts the statuses per focus area, grouped by funding round in round order", async () => {
    const rollup = await getFocusAreaRollup(t.db, t.user("admin"), 2030);
    expect(rollup.year).toBe(2030);
    expect(
      rollup.rounds.map((r) => ({
        round: r.fundingRound,
        areas: r.focusAreas.map(({ focusArea, planCount, shareMet, ...rest }) => ({
          focusArea,
          planCount,
          shareMet,
          counts: {
            criteria: rest.criteria,
            met: rest.met,
            partly_met: rest.partly_met,
            not_met: rest.not_met,
            not_measured: rest.not_measured,
            notRecorded: rest.notRecorded,
          },
        })),
      })),
    ).toEqual([
      {
        round: "LBF-midler 2015-18",
        areas: [
          {
            focusArea: "Tryghed og trivsel",
            planCount: 1,
            shareMet: 0,
            counts: figures(2, [0, 1, 1, 0], 0),
          },
        ],
      },
      {
        round: "LBF-midler 2019-26",
        areas: [
          {
            focusArea: "Beskæftigelse",
            planCount: 2,
            shareMet: 3 / 8,
            // Birkedalen's 5 (one of them an activity's, one measured only in 2029) and
            // Kastanjegården's 3 (one never measured).
            counts: figures(8, [3, 1, 1, 1], 2),
          },
          {
            focusArea: "Kriminalitetsforebyggelse",
            planCount: 1,
            shareMet: null,
            counts: figures(0, [0, 0, 0, 0], 0),
          },
        ],
      },
    ]);
    expect(rollup.total).toEqual({
      ...figures(10, [3, 2, 2, 1], 2),
      shareMet: 0.3,
      planCount: 3,
      agreementCount: 4,
    });
  });

  it("counts the same statuses per plan, leaving out plans without an agreement in the year", async () => {
    const rollup = await getFocusAreaRollup(t.db, t.user("admin"), 2030);
    expect(rollup.plans).toEqual([
      {
        planId: planIds["Helhedsplan Birkedalen"],
        planName: "Helhedsplan Birkedalen",
        agreementCount: 1,
        ...figures(5, [2, 1, 0, 1], 1),
        shareMet: 0.4,
      },
      {
        planId: planIds["Helhedsplan Kastanjegården"],
        planName: "Helhedsplan Kastanjegården",
        agreementCount: 2,
        ...figures(3, [1, 0, 1, 0], 1),
        shareMet: 1 / 3,
      },
      {
        planId: planIds["Helhedsplan Ravnsborg"],
        planName: "Helhedsplan Ravnsborg",
        agreementCount: 1,
        ...figures(2, [0, 1, 1, 0], 0),
        shareMet: 0,
      },
    ]);
  });

  it("counts another year from that year's measurements and valid agreements", async () => {
    const rollup = await getFocusAreaRollup(t.db, t.user("admin"), 2029);
    const areas = rollup.rounds.flatMap((r) => r.focusAreas);
    expect(
      areas.map((a) => [a.focusArea, a.planCount, a.criteria, a.met, a.not_met, a.notRecorded]),
    ).toEqual([
      ["Beskæftigelse", 2, 8, 1, 1, 6],
      ["Kriminalitetsforebyggelse", 1, 0, 0, 0, 0],
      ["Sammenhængskraft og medborgerskab", 1, 1, 1, 0, 0],
    ]);
    expect(rollup.plans.map((p) => p.planName)).toEqual([
      "Helhedsplan Birkedalen",
      "Helhedsplan Kastanjegården",
      "Helhedsplan Lindely",
    ]);
  });

  it("opens on last calendar year and offers the years with measurements", async () => {
    const year = defaultRollupYear(todayInDenmark());
    const rollup = await getFocusAreaRollup(t.db, t.user("admin"), undefined);
    expect(rollup.year).toBe(year);
    expect(rollup.years).toEqual([...new Set([year, 2029, 2030])].sort((a, b) => a - b));

    // The demo plan's agreement (2023–2026) has no measurements: all its criteria are unrecorded.
    const [demo] = await t.db
      .select({ n: count() })
      .from(successCriteria)
      .where(eq(successCriteria.agreementId, t.demo.agreementId));
    const onDemo = await getFocusAreaRollup(t.db, t.user("admin"), 2025);
    const demoPlan = onDemo.plans.find((p) => p.planId === t.demo.planId)!;
    expect(demoPlan.criteria).toBe(demo!.n);
    expect(demoPlan.criteria).toBeGreaterThan(0);
    expect(demoPlan.notRecorded).toBe(demo!.n);
    expect(demoPlan.shareMet).toBe(0);
    // The year shown is offered even without measurements.
    expect(onDemo.years).toContain(2025);
  });

  it("counts a retired criterion only in the years before it was retired or it was measured in", async () => {
    const planId = planIds["Helhedsplan Kastanjegården"]!;
    // Kastanjegården's employment criteria: not met in 2030, met in 2030, never measured.
    const criteria = await t.db
      .select({ id: successCriteria.id })
      .from(successCriteria)
      .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
      .where(eq(agreements.planId, planId))
      .orderBy(successCriteria.position);
    expect(criteria).toHaveLength(3);
    const [, measured, neverMeasured] = criteria;
    const retire = (id: number, at: Date | null) =>
      t.db.update(successCriteria).set({ retiredAt: at }).where(eq(successCriteria.id, id));
    const planIn = async (year: number) =>
      (await getFocusAreaRollup(t.db, t.user("admin"), year)).plans.find(
        (p) => p.planId === planId,
      );
    await retire(measured!.id, new Date("2029-06-01T12:00:00Z"));
    await retire(neverMeasured!.id, new Date("2030-03-01T12:00:00Z"));
    try {
      // 2030: the one retired in 2029 still counts (measured in 2030), the other does not.
      expect(await planIn(2030)).toMatchObject({
        agreementCount: 2,
        ...figures(2, [1, 0, 1, 0], 0),
      });
      const rollup2030 = await getFocusAreaRollup(t.db, t.user("admin"), 2030);
      expect(rollup2030.total).toMatchObject(figures(9, [3, 2, 2, 1], 1));
      // 2029: the one retired in 2030 counts (unrecorded), the one retired in 2029 does not.
      expect(await planIn(2029)).toMatchObject({
        agreementCount: 2,
        ...figures(2, [0, 0, 0, 0], 2),
      });
    } finally {
      await retire(measured!.id, null);
      await retire(neverMeasured!.id, null);
    }
  });

  it("answers 403 to everyone but administrators", async () => {
    for (const key of ["secretariat", "reporter", "fundAdmin"] as const) {
      await expect(getFocusAreaRollup(t.db, t.user(key), 2030)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
  });

  it("reads the roll-up in the same few queries for one plan as for many", async () => {
    const admin = t.user("admin");
    await insertPlans([plan2033("Helhedsplan Agerhøj 1")]);
    const { db, queries } = createCountingDb(t);
    const one = await getFocusAreaRollup(db, admin, 2033);
    expect(one.total.planCount).toBe(1);
    // Nothing cached for this handle yet: one statement, with the tables' change count.
    expect(queries.length).toBe(1);

    await insertPlans(
      Array.from({ length: 8 }, (_, i) => plan2033(`Helhedsplan Agerhøj ${i + 2}`)),
    );
    queries.length = 0;
    const many = await getFocusAreaRollup(db, admin, 2033);
    // The change count (it has changed: the cached roll-up is stale), then the same statement.
    expect(queries).toHaveLength(2);
    expect(many.total).toMatchObject({ planCount: 9, agreementCount: 18, criteria: 54, met: 18 });
    expect(many.rounds.flatMap((r) => r.focusAreas).map((a) => a.planCount)).toEqual([9, 9]);

    // Unchanged since: the change count only, and the same roll-up.
    queries.length = 0;
    expect(await getFocusAreaRollup(db, admin, 2033)).toEqual(many);
    expect(queries).toHaveLength(1);
  });

  describe("the page and its Excel download", () => {
    it("shows administrators the year's roll-up", async () => {
      const res = await callRoute(page.loader, "/admin/rollup?year=2030", {
        userId: t.demo.userIds.admin,
      });
      expect(res.status).toBe(200);
      const data = res.data as FocusAreaRollup;
      expect(data.year).toBe(2030);
      expect(data.total).toMatchObject({ criteria: 10, met: 3, notRecorded: 2, planCount: 3 });
      expect(data.plans.map((p) => p.planId)).toEqual([
        planIds["Helhedsplan Birkedalen"],
        planIds["Helhedsplan Kastanjegården"],
        planIds["Helhedsplan Ravnsborg"],
      ]);
    });

    it("answers 403 to a reporter and a fund administrator, and 404 to a garbled year", async () => {
      for (const loader of [page.loader, download.loader]) {
        for (const userId of [t.demo.userIds.reporter, t.demo.userIds.fundAdmin]) {
          const res = await callRoute(loader, "/admin/rollup?year=2030", { userId });
          expect(res.status).toBe(403);
        }
        const garbled = await callRoute(loader, "/admin/rollup?year=20x0", {
          userId: t.demo.userIds.admin,
        });
        expect(garbled.status).toBe(404);
      }
    });

    it("sends the old addresses /admin/reporting(.xlsx) on to the new ones, with the year", async () => {
      const old = await callRoute(oldPage.loader, "/admin/reporting?year=2030", {
        userId: t.demo.userIds.admin,
      });
      expect(old.status).toBe(301);
      expect(old.headers.get("Location")).toBe("/admin/rollup?year=2030");
      const oldXlsx = await callRoute(oldDownload.loader, "/admin/reporting.xlsx?year=2030", {
        userId: t.demo.userIds.admin,
      });
      expect(oldXlsx.status).toBe(301);
      expect(oldXlsx.headers.get("Location")).toBe("/admin/rollup.xlsx?year=2030");
    });

    it("sends signed-out visitors to the login page", async () => {
      const res = await callRoute(page.loader, "/admin/rollup?year=2030");
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(
        `/login?${new URLSearchParams({ redirectTo: "/admin/rollup?year=2030" })}`,
      );
    });

    it("downloads the roll-up as a workbook whose counts are numbers", async () => {
      const response = await download.loader({
        request: new Request("http://localhost/admin/rollup.xlsx?year=2030", {
          headers: { Cookie: await cookieFor(t.demo.userIds.admin) },
        }),
        params: {},
        context: {},
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(XLSX);
      const disposition = response.headers.get("Content-Disposition")!;
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(
        "Succeskriterier - alle helhedsplaner - 2030.xlsx",
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());

      const areas = sheetOf(workbook, "Indsatsområder 2030");
      expect(areas.getRow(2).values).toEqual([
        undefined,
        "Pulje",
        "Indsatsområde",
        "Helhedsplaner",
        "Succeskriterier",
        "Opfyldt",
        "Delvist opfyldt",
        "Ikke opfyldt",
        "Ikke målt",
        "Ikke registreret",
        "Andel opfyldt",
      ]);
      // Funding rounds in round order, focus areas in the template's order.
      expect([3, 4, 5].map((r) => areas.getRow(r).getCell(2).value)).toEqual([
        "Tryghed og trivsel",
        "Beskæftigelse",
        "Kriminalitetsforebyggelse",
      ]);
      const employment = rowWhere(areas, 2, "Beskæftigelse", 10);
      expect(employment).toEqual([
        "LBF-midler 2019-26",
        "Beskæftigelse",
        2,
        8,
        3,
        1,
        1,
        1,
        2,
        3 / 8,
      ]);
      for (const value of employment.slice(2)) expect(typeof value).toBe("number");
      // No criteria, no share: the cell stays empty.
      expect(rowWhere(areas, 2, "Kriminalitetsforebyggelse", 10)[9]).toBeNull();
      const total = rowWhere(areas, 1, "I alt", 10);
      expect(total).toEqual(["I alt", null, 3, 10, 3, 2, 2, 1, 2, 0.3]);

      const byPlan = sheetOf(workbook, "Helhedsplaner 2030");
      expect(rowWhere(byPlan, 1, "Helhedsplan Kastanjegården", 9)).toEqual([
        "Helhedsplan Kastanjegården",
        2,
        3,
        1,
        0,
        1,
        0,
        1,
        1 / 3,
      ]);
      expect(rowWhere(byPlan, 1, "I alt", 9)).toEqual(["I alt", 4, 10, 3, 2, 2, 1, 2, 0.3]);
    });
  });
});
