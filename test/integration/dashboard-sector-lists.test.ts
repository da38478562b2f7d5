/**
 * The administrator's sector-wide lists on the first page, computed in the query
 * (listSectorReportDeadlines, listOverdueGrantReports), give exactly what the JavaScript gives
 * (reportDeadlinesToShow over listReportDeadlines; listGrantReportDeadlines' overdue ones): the
 * same rows, order, states and totals, on a fixture with Danish names, report days the month lacks
 * (29 February, 31 April), final and draft reports, submitted and draft grant reports, equal titles
 * and equal deadlines, on several days. On both drivers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fundApplications,
  fundGrants,
  fundGrantYears,
  fundReports,
  plans,
  progressReports,
} from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { createApplication, createFund, createPlan, type CreatedFund } from "../helpers/factories";
import { eq } from "drizzle-orm";
import { reportDeadlinesToShow } from "~/domain/reporting";
import type { SessionUser } from "~/domain/user";
import { listGrantReportDeadlines, listOverdueGrantReports } from "~/models/fund-reports.server";
import { listReportDeadlines, listSectorReportDeadlines } from "~/models/reporting.server";

const PLAN_NAMES = [
  "Helhedsplan Aalborg Øst",
  "Helhedsplan Zealand",
  "Helhedsplan Åby",
  "Helhedsplan Ærø",
  "Helhedsplan Øst",
  "helhedsplan abc",
  "Helhedsplan Bz",
  "Helhedsplan Bø",
  "Helhedsplan Bå",
  "Helhedsplan Bæ",
  "Helhedsplan Ba",
  "Helhedsplan B 2",
  "Helhedsplan B-2",
  "Helhedsplan Über",
  "Helhedsplan Yz",
  "Helhedsplan Ya",
  "Helhedsplan Ba",
  "Helhedsplan Ødis",
];
const DUE_DAYS = ["06-30", "02-29", "04-31", "01-15", "12-31", "06-30", "03-01"];
const TITLES = [
  "Ådalens fælleshus",
  "Aarhus værksted",
  "Zumba",
  "ældreklub",
  "Ølejr",
  "Zumba",
  "Bål",
];
const DAYS = [
  "2026-01-10",
  "2026-04-15",
  "2026-06-30",
  "2026-07-01",
  "2026-12-06",
  "2027-03-02",
  "2028-05-01",
];

describe.each(drivers)("the administrator's sector-wide lists in SQL on %s", (driver) => {
  let t: TestDb;
  const funds: CreatedFund[] = [];

  beforeAll(async () => {
    t = await createTestDb(driver);
    // Plans with varied names, periods and report days; final and draft reports on 2024–2026.
    for (const [i, name] of PLAN_NAMES.entries()) {
      const plan = await createPlan(t.db, {
        name,
        periodStart: `${2020 + (i % 6)}-01-01`,
        periodEnd: `${2025 + (i % 3)}-06-30`,
      });
      await t.db
        .update(plans)
        .set({ reportDueMonthDay: DUE_DAYS[i % DUE_DAYS.length]! })
        .where(eq(plans.id, plan.id));
      for (const year of [2024, 2025, 2026]) {
        const kind = (i + year) % 3;
        if (kind === 0) continue;
        // Created as a draft (the database insists), then made final.
        const [report] = await t.db
          .insert(progressReports)
          .values({ planId: plan.id, year, status: "draft" })
          .returning({ id: progressReports.id });
        if (kind === 2) {
          await t.db
            .update(progressReports)
            .set({ status: "final", snapshot: {}, finalisedAt: new Date() })
            .where(eq(progressReports.id, report!.id));
        }
      }
    }
    // Funds with different report days; grants with years 2021–2026, some reports submitted.
    for (const reportDueMonthDay of ["03-31", "02-29", "06-30"]) {
      funds.push(await createFund(t.db, { settings: { reportDueMonthDay } }));
    }
    let n = 0;
    for (const fund of funds) {
      for (const title of TITLES) {
        n += 1;
        const application = await createApplication(
          t.db,
          { fundId: fund.fundId, applicant: fund.applicant, estateId: fund.estateId },
          { state: "submitted", values: { title } },
        );
        // A grant over past years, written as the national dataset writes them (the database
        // only takes a grant's years in the transaction that makes the grant).
        const years = [2021, 2022, 2023, 2024, 2025].filter((year) => (n + year) % 4 !== 0);
        const grantId = await t.db.transaction(async (tx) => {
          await tx
            .update(fundApplications)
            .set({
              status: "approved",
              assessment: "Ansøgningen lever op til fondens retningslinjer.",
              recommendation: "approve",
              assessedBy: fund.fundAdmin.id,
              assessedAt: new Date(),
              decisionDate: "2021-01-15",
              decidedBy: fund.fundAdmin.id,
              decidedAt: new Date(),
            })
            .where(eq(fundApplications.id, application.id));
          const [grant] = await tx
            .insert(fundGrants)
            .values({ applicationId: application.id, fundId: fund.fundId, estateId: fund.estateId })
            .returning({ id: fundGrants.id });
          await tx
            .insert(fundGrantYears)
            .values(years.map((year) => ({ grantId: grant!.id, year, amount: 1000 * n })));
          return grant!.id;
        });
        for (const year of years) {
          const kind = (n * 7 + year) % 3;
          if (kind === 0) continue;
          await t.db.insert(fundReports).values({
            grantId,
            year,
            status: kind === 1 ? "draft" : "submitted",
            ...(kind === 2 ? { submittedAt: new Date() } : {}),
          });
        }
      }
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("dates, orders, cuts and counts the plans' reports as reportDeadlinesToShow does", async () => {
    for (const today of DAYS) {
      for (const statusYear of [2024, 2025, 2026]) {
        const expected = reportDeadlinesToShow(
          await listReportDeadlines(t.db, t.user("admin"), statusYear),
          today,
        );
        expect(expected.length).toBeGreaterThan(0);
        const all = await listSectorReportDeadlines(t.db, statusYear, today, 1000);
        expect(all.rows).toEqual(expected);
        const first = await listSectorReportDeadlines(t.db, statusYear, today, 5);
        expect(first).toEqual({
          rows: expected.slice(0, 5),
          total: expected.length,
          open: expected.filter((r) => r.reportStatus !== "final").length,
          overdue: expected.filter((r) => r.state === "overdue").length,
        });
      }
    }
  });

  it("lists the overdue grant reports as listGrantReportDeadlines does, for each role", async () => {
    let longest = 0;
    const users: SessionUser[] = [
      t.user("admin"),
      funds[0]!.fundAdmin,
      funds[1]!.applicant,
      t.user("secretariat"),
    ];
    for (const today of DAYS) {
      for (const user of users) {
        const expected = (
          await listGrantReportDeadlines(t.db, user, today, { toShow: true })
        ).filter((d) => !d.submitted && d.state === "overdue");
        const all = await listOverdueGrantReports(t.db, user, today, 1000);
        expect(all.rows).toEqual(expected);
        const first = await listOverdueGrantReports(t.db, user, today, 4);
        expect(first).toEqual({ rows: expected.slice(0, 4), total: expected.length });
        longest = Math.max(longest, expected.length);
      }
    }
    // The fixture has more than the cut, with equal titles and deadlines among them.
    expect(longest).toBeGreaterThan(20);
  });
});
