/**
 * The first page per role and the menu (issue 19), on both drivers, called as each user: the
 * secretariat's drafts with what their checklist misses (the agreement page's own checklist), the
 * board's proposals awaiting a decision, the reporter's measurement progress going up as figures
 * are entered, the viewer's plans, the applicant's own applications and «Ny ansøgning», the fund
 * administration's frame left; nobody sees another plan's things; the menu per role; and a page
 * that runs the same number of queries for a user of 1 plan and of 5.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { measurements, progressReports } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import {
  createAgreement,
  createPlan,
  createUser,
  type CreatedAgreement,
  type CreatedPlan,
} from "../helpers/factories";
import { agreementChecklist } from "~/domain/agreement-view";
import { sectionOf } from "~/domain/dashboard";
import { todayInDenmark } from "~/domain/format";
import { parseRichText } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { getAgreementView } from "~/models/agreements/read.server";
import { getDashboard } from "~/models/dashboard.server";
import { getFund } from "~/models/disposition-funds.server";
import { createApplication } from "~/models/fund-applications.server";
import { submitRevision } from "~/models/revisions.server";
import * as root from "~/root";
import * as dashboard from "~/routes/_index";

type DashboardData = Awaited<ReturnType<typeof dashboard.loader>>;
// The root loader returns `data(…)` (it may set the cookie that removes a flash message).
type RootData = Awaited<ReturnType<typeof root.loader>>["data"];

const ROLES = ["secretariat", "board", "reporter", "viewer"] as const;
type Role = (typeof ROLES)[number];

interface World {
  plan: CreatedPlan;
  /** Submitted for approval: awaits the board. */
  submitted: CreatedAgreement;
  /** Still a draft. */
  draft: CreatedAgreement;
}

describe.each(drivers)("the first page per role on %s", (driver) => {
  let t: TestDb;
  const today = todayInDenmark();
  const thisYear = Number(today.slice(0, 4));
  // Last year's figures until the summer's report deadline, this year's after it.
  const reportYear = today.slice(5) > "06-30" ? thisYear : thisYear - 1;
  /** One user per role on one plan, and one per role on five plans. */
  const one = {} as Record<Role, SessionUser>;
  const five = {} as Record<Role, SessionUser>;
  let worlds: World[] = [];

  /** A plan with both users of each role, a submitted agreement and a draft. */
  async function world(members: Record<Role, SessionUser>): Promise<World> {
    const plan = await createPlan(t.db, {
      periodStart: `${reportYear}-01-01`,
      periodEnd: `${thisYear + 2}-12-31`,
      members,
    });
    const submitted = await createAgreement(t.db, plan, { criteria: 2, activities: 1 });
    const draft = await createAgreement(t.db, plan, { criteria: 3, activities: 0 });
    await submitRevision(t.db, members.secretariat, plan.id, submitted.id, {
      summary: "Første udgave til godkendelse",
      recommendation: null,
    });
    // One of the submitted agreement's criteria is measured for the report year.
    await t.db
      .insert(measurements)
      .values({ criterionId: submitted.criterionIds[0]!, year: reportYear, valueNumber: 20 });
    return { plan, submitted, draft };
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    for (const role of ROLES) {
      one[role] = await createUser(t.db);
      five[role] = await createUser(t.db);
    }
    worlds = [await world(one)];
    for (let i = 0; i < 5; i++) worlds.push(await world(five));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function dashboardAs(userId: number): Promise<DashboardData> {
    const res = await callRoute(dashboard.loader, "/", { userId });
    expect(res.status).toBe(200);
    return res.data as DashboardData;
  }

  it("shows the secretariat its drafts with what the agreement page's checklist misses", async () => {
    const data = await dashboardAs(five.secretariat.id);
    expect(data.roles).toEqual(["secretariat"]);
    const section = sectionOf(data.sections, "secretariat")!;
    const mine = worlds.slice(1);
    // The drafts only: an agreement awaiting the board is locked, so it is no next step.
    expect(section.drafts.map((d) => d.agreementId).sort()).toEqual(
      mine.map((w) => w.draft.id).sort(),
    );
    const { view } = await getAgreementView(
      t.db,
      five.secretariat,
      mine[0]!.plan.id,
      mine[0]!.draft.id,
    );
    const expected = agreementChecklist(view).filter((i) => !i.ok);
    const shown = section.drafts.find((d) => d.agreementId === mine[0]!.draft.id)!;
    expect(shown.missing).toEqual(expected);
    expect(shown.missing.map((i) => i.label)).toContain("Aftalens parter er ikke udfyldt");
    expect(shown.ready).toBe(true);
    // The never-approved agreements are listed as revisions of the secretariat's own plans.
    expect(section.revisions.every((r) => mine.some((w) => w.plan.id === r.planId))).toBe(true);
    expect(section.revisions.map((r) => r.state)).toContain("unapproved");
  });

  it("shows the board the proposals awaiting its decision, and no one else's", async () => {
    const data = await dashboardAs(one.board.id);
    expect(data.roles).toEqual(["board"]);
    const { pending } = sectionOf(data.sections, "board")!;
    expect(pending).toEqual([
      expect.objectContaining({
        planId: worlds[0]!.plan.id,
        agreementId: worlds[0]!.submitted.id,
        number: 1,
      }),
    ]);
    // The secretariat sees its proposal under «Til beslutning», but gets no board section.
    expect(sectionOf((await dashboardAs(one.secretariat.id)).sections, "board")).toBeUndefined();
    expect(urgent(await dashboardAs(one.board.id))).toEqual({ overdue: 0, open: 1 });
  });

  function urgent(data: DashboardData) {
    return data.sections[0]!.urgency;
  }

  it("shows the reporter the year's measurements per agreement, counting up as they are entered", async () => {
    const progressOf = async () =>
      sectionOf((await dashboardAs(one.reporter.id)).sections, "reporter")!;
    const before = await progressOf();
    expect(before.year).toBe(reportYear);
    const w = worlds[0]!;
    expect(before.progress.map((p) => [p.agreementId, p.entered, p.total])).toEqual(
      expect.arrayContaining([
        // Two criteria of its own and one of its activity.
        [w.submitted.id, 1, 3],
        [w.draft.id, 0, 3],
      ]),
    );
    expect(before.progress).toHaveLength(2);
    await t.db
      .insert(measurements)
      .values({ criterionId: w.draft.criterionIds[1]!, year: reportYear, valueNumber: 30 });
    const after = await progressOf();
    expect(after.progress.find((p) => p.agreementId === w.draft.id)).toMatchObject({
      entered: 1,
      total: 3,
    });
  });

  it("shows a viewer the plans they can read, and nothing to do", async () => {
    const data = await dashboardAs(five.viewer.id);
    expect(data.roles).toEqual(["viewer"]);
    const { plans } = sectionOf(data.sections, "viewer")!;
    expect(plans.map((p) => p.id).sort()).toEqual(
      worlds
        .slice(1)
        .map((w) => w.plan.id)
        .sort(),
    );
  });

  it("keeps another plan's drafts, proposals and measurements off the page", async () => {
    const other = worlds.slice(1).map((w) => w.plan.id);
    const secretariat = sectionOf((await dashboardAs(one.secretariat.id)).sections, "secretariat")!;
    expect(secretariat.drafts.some((d) => other.includes(d.planId))).toBe(false);
    expect(secretariat.revisions.some((r) => other.includes(r.planId))).toBe(false);
    const board = sectionOf((await dashboardAs(one.board.id)).sections, "board")!;
    expect(board.pending.some((p) => other.includes(p.planId))).toBe(false);
    const reporter = sectionOf((await dashboardAs(one.reporter.id)).sections, "reporter")!;
    expect(reporter.progress.some((p) => other.includes(p.planId))).toBe(false);
    // The demo applicant has no plans: no plan sections at all.
    const applicant = await dashboardAs(t.demo.userIds.applicant);
    expect(applicant.plans).toEqual([]);
    expect(applicant.roles).toEqual(["applicant"]);
    expect(applicant.title).toBe("Min forside");
  });

  it("shows the applicant «Ny ansøgning» and their own applications with their state", async () => {
    const before = sectionOf((await dashboardAs(t.demo.userIds.applicant)).sections, "applicant")!;
    const fundId = t.demo.dispositionFund.fundId;
    expect(before.funds).toEqual([{ id: fundId, name: "Lærkeredens Dispositionsfond" }]);
    expect(before.applications.map((a) => a.id)).toEqual(
      expect.arrayContaining([
        t.demo.dispositionFund.submittedApplicationId,
        t.demo.dispositionFund.approvedApplicationId,
      ]),
    );
    const created = await createApplication(t.db, t.user("applicant"), fundId, {
      estateId: t.demo.organisationIds.kloeverhaven!,
      title: "Sommerfest i gårdene",
      description: parseRichText("En fest for alle beboere."),
      purpose: parseRichText("- Nye naboskaber"),
      need: "preventive",
      notOrdinaryActivity: true,
      startYear: thisYear + 1,
      endYear: thisYear + 1,
      tenancies: null,
      years: [{ year: thisYear + 1, requestedAmount: 20_000, ownContribution: 4_000 }],
      funding: [],
    });
    const after = sectionOf((await dashboardAs(t.demo.userIds.applicant)).sections, "applicant")!;
    // Drafts and applications awaiting a decision come before the decided ones.
    expect(after.applications[0]).toMatchObject({
      id: created.id,
      title: "Sommerfest i gårdene",
      status: "draft",
    });
    expect(after.urgency.open).toBe(before.urgency.open + 1);
  });

  it("shows the fund administration this year's frame, what is granted of it and what is left", async () => {
    const data = await dashboardAs(t.demo.userIds.fundAdmin);
    expect(data.roles).toEqual(["fund_admin"]);
    const section = sectionOf(data.sections, "fund_admin")!;
    const fund = await getFund(t.db, t.user("fundAdmin"), t.demo.dispositionFund.fundId);
    const frame = fund.frames.find((f) => f.year === thisYear)?.amount ?? null;
    const committed = fund.committed.find((c) => c.year === thisYear)?.amount ?? 0;
    expect(section.frames).toEqual([
      {
        fundId: t.demo.dispositionFund.fundId,
        fundName: "Lærkeredens Dispositionsfond",
        year: thisYear,
        frame,
        committed,
        remaining: frame == null ? null : frame - committed,
      },
    ]);
  });

  it("shows each role only the menu it can use", async () => {
    const menu = async (userId?: number) => {
      const res = await callRoute(root.loader, "/", { userId });
      expect(res.status).toBe(200);
      return (res.data as RootData).menu.map((i) => i.label);
    };
    expect(await menu(one.board.id)).toContain("Til beslutning");
    for (const user of [one.secretariat, one.reporter, one.viewer]) {
      const labels = await menu(user.id);
      expect(labels).not.toContain("Til beslutning");
      expect(labels).not.toContain("Dispositionsfond");
      expect(labels).toContain("Organisationer");
    }
    expect(await menu(t.demo.userIds.applicant)).toEqual([
      "Min forside",
      "Dispositionsfond",
      "Hjælp",
    ]);
    expect(await menu(t.demo.userIds.fundAdmin)).toEqual([
      "Min forside",
      "Dispositionsfond",
      "Hjælp",
    ]);
    expect(await menu(t.demo.userIds.admin)).toEqual(
      expect.arrayContaining(["Til beslutning", "Dispositionsfond", "Brugere", "Rapportering"]),
    );
    expect(await menu()).toEqual([]);
  });

  it("reads a report deadline's status for the year it is on, also after the summer", async () => {
    // In December the lists show the deadline of last year's report (due this year), while the
    // year's figures being gathered are this year's: a final report on last year shows as done.
    const december = `${thisYear}-12-05`;
    const lastYear = thisYear - 1;
    const user = await createUser(t.db);
    const plan = await createPlan(t.db, {
      periodStart: `${lastYear - 1}-01-01`,
      periodEnd: `${thisYear + 2}-12-31`,
      members: { secretariat: user },
    });
    const [report] = await t.db
      .insert(progressReports)
      .values({ planId: plan.id, year: lastYear, status: "draft" })
      .returning({ id: progressReports.id });
    await t.db
      .update(progressReports)
      .set({ status: "final", snapshot: {}, finalisedAt: new Date() })
      .where(eq(progressReports.id, report!.id));
    const shownTo = async (u: SessionUser) => {
      const data = await getDashboard(t.db, u, december);
      const reports = data.sections.flatMap((s) =>
        "reports" in s ? s.reports.filter((r) => r.planId === plan.id) : [],
      );
      return reports.map((r) => ({ year: r.year, state: r.state, status: r.reportStatus }));
    };
    const done = [{ year: lastYear, state: "ok", status: "final" }];
    expect(await shownTo(user)).toEqual(done);
    const admin = { id: 0, email: "admin@test.example", name: "Admin", isAdmin: true };
    const adminRows = await shownTo(admin);
    // The administrator's list is cut to the most urgent rows: a done report may fall outside.
    expect(adminRows.every((r) => r.status === "final" && r.state === "ok")).toBe(true);
  });

  it("asks an anonymous visitor to log in", async () => {
    const res = await callRoute(dashboard.loader, "/");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });

  it("runs as many queries for a user of 5 plans as for a user of 1, in every role", async () => {
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
    const counts: Record<string, [number, number]> = {};
    for (const role of ROLES)
      counts[role] = [await count(one[role].id), await count(five[role].id)];
    expect(counts).toEqual({
      // The session user, the plans, the roles, the revision and report deadlines, the drafts and
      // their records (one query per kind of row), the activity log's follow-ups and tasks.
      secretariat: [counts.secretariat![0], counts.secretariat![0]],
      board: [counts.board![0], counts.board![0]],
      reporter: [counts.reporter![0], counts.reporter![0]],
      viewer: [counts.viewer![0], counts.viewer![0]],
    });
    expect(counts.secretariat![0]).toBeLessThanOrEqual(20);
    expect(counts.board![0]).toBeLessThanOrEqual(6);
    expect(counts.reporter![0]).toBeLessThanOrEqual(7);
    expect(counts.viewer![0]).toBeLessThanOrEqual(5);
  });

  it("lists the 15 most urgent rows of a section and counts them all (last: it adds plans)", async () => {
    const secretariat = await createUser(t.db);
    const agreementIds: number[] = [];
    for (let p = 0; p < 4; p++) {
      const plan = await createPlan(t.db, {
        periodStart: `${reportYear}-01-01`,
        periodEnd: `${thisYear + 2}-12-31`,
        members: { secretariat },
      });
      // Never approved: each is a revision to make and a draft.
      for (let a = 0; a < 4; a++) agreementIds.push((await createAgreement(t.db, plan)).id);
    }
    const data = await dashboardAs(secretariat.id);
    const section = data.sections.find((s) => s.role === "secretariat");
    if (section?.role !== "secretariat") throw new Error("no secretariat section");
    expect(section.revisions).toHaveLength(15);
    expect(section.revisions.every((r) => r.state === "unapproved")).toBe(true);
    expect(new Set(section.revisions.map((r) => r.agreementId)).size).toBe(15);
    expect(section.revisions.every((r) => agreementIds.includes(r.agreementId))).toBe(true);
    expect(section.drafts).toHaveLength(15);
    expect(section.totals).toMatchObject({ revisions: 16, overdueRevisions: 0, drafts: 16 });
    expect(section.urgency.open).toBe(16 + 16 + section.totals.reportsDue);

    // The administrator's count spans every plan; the list stays at 15.
    const admin = await dashboardAs(t.demo.userIds.admin);
    const adminSection = admin.sections.find((s) => s.role === "admin");
    if (adminSection?.role !== "admin") throw new Error("no admin section");
    expect(adminSection.revisions).toHaveLength(15);
    expect(adminSection.totals.revisions).toBeGreaterThanOrEqual(16 + worlds.length * 2);
    expect(adminSection.urgency.open).toBe(
      adminSection.totals.revisions + adminSection.totals.reportsDue,
    );
  });
});
