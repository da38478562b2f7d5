/**
 * The dispositionsfond on the dashboard and in the navigation, on both drivers: the grant reports
 * due for the user's grants (overdue ones marked, submitted ones of this year kept, older ones
 * dropped), the applications awaiting a decision for fund administrators only, nothing for plan
 * members without a fund role, the "Dispositionsfond" link for administrators and members of a
 * housing organisation, and a dashboard that runs the same number of queries however many grants
 * and applications there are.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoDispositionFund } from "../../db/demo-disposition-fund";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { sectionOf } from "~/domain/dashboard";
import { todayInDenmark } from "~/domain/format";
import { reportDeadline } from "~/domain/reporting";
import { deadlineState } from "~/domain/revision";
import { parseRichText } from "~/domain/rich-text";
import type { ApplicationValues } from "~/domain/disposition-fund";
import {
  assessApplication,
  createApplication,
  decideApplication,
  submitApplication,
} from "~/models/fund-applications.server";
import { submitFundReport } from "~/models/fund-reports.server";
import * as root from "~/root";
import * as dashboard from "~/routes/_index";

type DashboardData = Awaited<ReturnType<typeof dashboard.loader>>;
// The root loader returns `data(…)` (it may set the cookie that removes a flash message).
type RootData = Awaited<ReturnType<typeof root.loader>>["data"];

describe.each(drivers)("dispositionsfond on the dashboard on %s", (driver) => {
  let t: TestDb;
  let demo: DemoDispositionFund;
  /** An application or a grant year of the demo fund (the fund is in the pages' address). */
  const inFund = (applicationId: number) => ({ fundId: demo.fundId, applicationId });
  const grantYear = (grantId: number, year: number) => ({ fundId: demo.fundId, grantId, year });
  const today = todayInDenmark();
  const thisYear = Number(today.slice(0, 4));

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    demo = t.demo.dispositionFund;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function dashboardAs(userId: number): Promise<DashboardData> {
    const res = await callRoute(dashboard.loader, "/", { userId });
    expect(res.status).toBe(200);
    return res.data as DashboardData;
  }
  const applicantSection = async (userId: number) =>
    sectionOf((await dashboardAs(userId)).sections, "applicant");
  const fundAdminSection = async (userId: number) =>
    sectionOf((await dashboardAs(userId)).sections, "fund_admin");

  /** An application from Kløverhaven for the given years, submitted by the demo applicant. */
  async function submitted(
    title: string,
    years: number[],
  ): Promise<{ id: number; version: number }> {
    const values: ApplicationValues = {
      estateId: t.demo.organisationIds.kloeverhaven!,
      title,
      description: parseRichText("Gårdmøder og fælles beplantning i de tre gårde."),
      purpose: parseRichText("- Flere beboere kender hinanden"),
      need: "preventive",
      notOrdinaryActivity: true,
      startYear: years[0]!,
      endYear: years[years.length - 1]!,
      tenancies: null,
      years: years.map((year) => ({ year, requestedAmount: 40_000, ownContribution: 6_000 })),
      funding: [],
    };
    const applicant = t.user("applicant");
    const created = await createApplication(t.db, applicant, demo.fundId, values);
    const version = await submitApplication(t.db, applicant, inFund(created.id), created.version);
    return { id: created.id, version };
  }

  it("shows the applicant their grant reports due, linked to the report pages, but no decisions", async () => {
    const data = await dashboardAs(t.demo.userIds.applicant);
    expect(data.roles).toEqual(["applicant"]);
    expect(sectionOf(data.sections, "fund_admin")).toBeUndefined();
    // The demo grant covers 2024–2025: the 2025 report (due 31 March 2026) is not submitted; the
    // 2024 report was submitted and was due in an earlier year, so it is no longer listed.
    const demoReports = sectionOf(data.sections, "applicant")!.grantReports.filter(
      (r) => r.grantId === demo.grantId,
    );
    expect(demoReports).toEqual([
      expect.objectContaining({
        fundId: demo.fundId,
        applicationId: demo.approvedApplicationId,
        title: "Fællesværkstedet i Kløverhaven",
        estateName: "Afd. 7 Kløverhaven",
        year: 2025,
        due: "2026-03-31",
        state: deadlineState("2026-03-31", today),
        submitted: false,
      }),
    ]);
  });

  it("shows fund administrators the applications awaiting a decision, with their assessment", async () => {
    const section = (await fundAdminSection(t.demo.userIds.fundAdmin))!;
    expect(section.awaiting).toEqual([
      {
        id: demo.submittedApplicationId,
        fundId: demo.fundId,
        fundName: "Lærkeredens Dispositionsfond",
        title: "Tryg opgang – nabomægling og fællesskab i Kløverhaven",
        estateName: "Afd. 7 Kløverhaven",
        submittedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        assessed: false,
      },
    ]);
    // The demo grant's 2025 report was due 31 March 2026 and is not written: overdue.
    expect(section.overdueReports.map((r) => [r.grantId, r.year])).toContainEqual([
      demo.grantId,
      2025,
    ]);
    const admin = await fundAdminSection(t.demo.userIds.admin);
    expect(admin!.awaiting.map((a) => a.id)).toContain(demo.submittedApplicationId);
  });

  it("shows nothing of the fund to a plan member without a fund role", async () => {
    for (const userId of [t.demo.userIds.secretariat, t.demo.userIds.otherPlan]) {
      const data = await dashboardAs(userId);
      expect(sectionOf(data.sections, "fund_admin")).toBeUndefined();
      expect(sectionOf(data.sections, "applicant")).toBeUndefined();
      expect(data.plans.length).toBeGreaterThan(0);
    }
  });

  it("keeps a report submitted this year and marks the one still to write", async () => {
    // A grant on the two years before this one: the older report was due last year, the newer
    // one this year.
    const older = thisYear - 2;
    const newer = thisYear - 1;
    const application = await submitted("Grønne gårde i Kløverhaven", [older, newer]);
    const fundAdmin = t.user("fundAdmin");
    const { grant } = await decideApplication(
      t.db,
      fundAdmin,
      inFund(application.id),
      application.version,
      {
        decision: "approved",
        decisionDate: `${older}-02-15`,
        conditions: null,
        amounts: [],
      },
    );
    const applicant = t.user("applicant");
    const submitReport = (year: number) =>
      submitFundReport(t.db, applicant, grantYear(grant!.id, year), 0, {
        spent: 38_500,
        activities: parseRichText("Fire gårdmøder og en plantedag med 40 deltagere."),
      });
    await submitReport(older);

    const reportsOf = async () =>
      (await applicantSection(t.demo.userIds.applicant))!.grantReports.filter(
        (r) => r.grantId === grant!.id,
      );
    const newerDue = reportDeadline(newer, "03-31");
    expect(await reportsOf()).toEqual([
      expect.objectContaining({
        year: newer,
        due: newerDue,
        state: deadlineState(newerDue, today),
        submitted: false,
      }),
    ]);

    await submitReport(newer);
    expect(await reportsOf()).toEqual([
      expect.objectContaining({ year: newer, state: "ok", submitted: true }),
    ]);
  });

  it("marks an assessed application as assessed", async () => {
    const application = await submitted("Lektiehjælp i beboerhuset", [thisYear + 1]);
    await assessApplication(
      t.db,
      t.user("fundAdmin"),
      inFund(application.id),
      application.version,
      {
        assessment: "En forebyggende indsats, som fonden prioriterer.",
        recommendation: "approve",
      },
    );
    const section = await fundAdminSection(t.demo.userIds.fundAdmin);
    expect(section!.awaiting.find((a) => a.id === application.id)).toMatchObject({
      title: "Lektiehjælp i beboerhuset",
      assessed: true,
    });
  });

  it("loads the dashboard in the same number of queries however many grants and applications", async () => {
    const count = async (userId: number) => {
      const { db, queries } = createCountingDb(t);
      useTestDbForRoutes({ ...t, db });
      try {
        await dashboardAs(userId);
      } finally {
        useTestDbForRoutes(t);
      }
      return queries.length;
    };
    const before = {
      fundAdmin: await count(t.demo.userIds.fundAdmin),
      applicant: await count(t.demo.userIds.applicant),
      secretariat: await count(t.demo.userIds.secretariat),
    };
    // The session user, the plans and the roles, then the fund administration's three lists
    // (applications awaiting, frames, grant reports) and the applicant's three (own applications,
    // the funds for «Ny ansøgning», grant reports). The secretariat's reads are counted in
    // test/integration/dashboard.test.ts.
    expect(before.fundAdmin).toBe(6);
    expect(before.applicant).toBe(6);

    for (const title of ["Cykelværksted for unge", "Fællesspisning i blok B", "Ny legeplads"]) {
      const application = await submitted(title, [thisYear - 2, thisYear - 1]);
      if (title === "Ny legeplads") continue;
      await decideApplication(
        t.db,
        t.user("fundAdmin"),
        inFund(application.id),
        application.version,
        {
          decision: "approved",
          decisionDate: `${thisYear - 2}-03-01`,
          conditions: null,
          amounts: [],
        },
      );
    }
    const section = (await fundAdminSection(t.demo.userIds.fundAdmin))!;
    expect(section.overdueReports.length).toBeGreaterThanOrEqual(3);
    expect(section.awaiting.length).toBeGreaterThanOrEqual(2);
    expect((await applicantSection(t.demo.userIds.applicant))!.applications.length).toBeGreaterThan(
      4,
    );

    expect(await count(t.demo.userIds.fundAdmin)).toBe(before.fundAdmin);
    expect(await count(t.demo.userIds.applicant)).toBe(before.applicant);
    expect(await count(t.demo.userIds.secretariat)).toBe(before.secretariat);
  });

  it("shows the Dispositionsfond link to administrators and members of a housing organisation", async () => {
    const showFunds = async (userId?: number) => {
      const res = await callRoute(root.loader, "/", { userId });
      expect(res.status).toBe(200);
      return (res.data as RootData).showFunds;
    };
    expect(await showFunds(t.demo.userIds.admin)).toBe(true);
    expect(await showFunds(t.demo.userIds.fundAdmin)).toBe(true);
    expect(await showFunds(t.demo.userIds.applicant)).toBe(true);
    expect(await showFunds(t.demo.userIds.secretariat)).toBe(false);
    expect(await showFunds(t.demo.userIds.board)).toBe(false);
    expect(await showFunds()).toBe(false);
  });
});
