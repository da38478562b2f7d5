/**
 * The number of SQL statements each page of issue 15 issues, pinned: every goal page's loader
 * called as Remix would (signed in, through the route), on a small world and again on a larger
 * one (more plans, agreements, activities, criteria, versions, measurements and applications).
 * The count must be the same on both and equal the pinned number, so a page never grows a query
 * per row (N+1). The session's own read of the user is part of every count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { fundApplications, fundingRounds, measurements, plans } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import {
  createAgreement,
  createApplication,
  createFund,
  createPlan,
  createUser,
  type CreatedAgreement,
  type CreatedFund,
  type CreatedPlan,
} from "../helpers/factories";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { setAppDbForTests } from "~/db.server";
import { PAGE_SIZE } from "~/domain/paging";
import type { SessionUser } from "~/domain/user";
import { decideRevision, startRevision, submitRevision } from "~/models/revisions.server";
import * as dashboard from "~/routes/_index";
import * as rollup from "~/routes/admin.rollup";
import * as fundPage from "~/routes/funds.$fundId._index";
import * as applicationPage from "~/routes/funds.$fundId.applications.$applicationId._index/route";
import * as planPage from "~/routes/plans.$planId._index";
import * as agreementPage from "~/routes/plans.$planId.agreements.$agreementId._index";
import * as measurementsPage from "~/routes/plans.$planId.agreements.$agreementId.measurements";
import * as reviewPage from "~/routes/plans.$planId.agreements.$agreementId.review";
import * as versionsPage from "~/routes/plans.$planId.agreements.$agreementId.versions._index";
import * as reportPage from "~/routes/plans.$planId.reports.$year._index";

type Loader = Parameters<typeof callRoute>[0];

interface PageCall {
  loader: Loader;
  url: string;
  userId: number;
  params?: Record<string, string>;
}

/** The world a page is read in: the same pages, pointed at the small or the larger data. */
interface Targets {
  member: SessionUser;
  plan: CreatedPlan;
  agreement: CreatedAgreement;
  /** An agreement with approved versions and one proposed, awaiting the board. */
  versioned: CreatedAgreement;
  fund: CreatedFund;
  applicationId: number;
}

const YEAR = 2026;

/**
 * Pinned counts per page. The counts include the session's read of the user. When a change
 * alters one on purpose, update it here with the reason in the commit.
 */
const PINNED: Record<string, number> = {
  "dashboard (admin)": 10,
  // Down from 19, 14 and 22: a stored agreement is one query (it was 11), and a request's parallel
  // checks of the user's role on one plan share one query (app/models/access.server.ts).
  "dashboard (member)": 9,
  "plan page": 11,
  // Down from 10: the page reads the role and the agreement once (models/agreements/read.server.ts
  // getAgreementPage), its state and revision columns in one row.
  "agreement page": 6,
  "version history": 4,
  "revision review": 7,
  // Down from 7: the criteria and the year's measurements are one query (measurements.server.ts).
  "measurements grid": 6,
  "progress report": 13,
  // Down from 3: the years offered are read in the roll-up's statement, with the tables' change
  // count (app/models/internal/change-cache.server.ts). Counted from cold: each count runs on a
  // handle of its own, so nothing is cached for it; a cached page reads the count only.
  "roll-up": 2,
  "fund page": 7,
  "application page": 7,
};

function pages(t: TestDb, w: Targets): Record<string, PageCall> {
  const admin = t.demo.userIds.admin;
  const secretariat = w.plan.members.secretariat![0]!.id;
  const planParams = { planId: String(w.plan.id) };
  const agreementParams = (a: CreatedAgreement) => ({
    planId: String(a.planId),
    agreementId: String(a.id),
  });
  const agreementUrl = (a: CreatedAgreement) => `/plans/${a.planId}/agreements/${a.id}`;
  return {
    "dashboard (admin)": { loader: dashboard.loader, url: "/", userId: admin },
    "dashboard (member)": { loader: dashboard.loader, url: "/", userId: w.member.id },
    "plan page": {
      loader: planPage.loader,
      url: `/plans/${w.plan.id}`,
      userId: secretariat,
      params: planParams,
    },
    "agreement page": {
      loader: agreementPage.loader,
      url: agreementUrl(w.agreement),
      userId: secretariat,
      params: agreementParams(w.agreement),
    },
    "version history": {
      loader: versionsPage.loader,
      url: `${agreementUrl(w.versioned)}/versions`,
      userId: secretariat,
      params: agreementParams(w.versioned),
    },
    "revision review": {
      loader: reviewPage.loader,
      url: `${agreementUrl(w.versioned)}/review`,
      userId: w.plan.members.board![0]!.id,
      params: agreementParams(w.versioned),
    },
    "measurements grid": {
      loader: measurementsPage.loader,
      url: `${agreementUrl(w.agreement)}/measurements?year=${YEAR}`,
      userId: w.plan.members.reporter![0]!.id,
      params: agreementParams(w.agreement),
    },
    "progress report": {
      loader: reportPage.loader,
      url: `/plans/${w.plan.id}/reports/${YEAR}`,
      userId: secretariat,
      params: { ...planParams, year: String(YEAR) },
    },
    "roll-up": { loader: rollup.loader, url: `/admin/rollup?year=${YEAR}`, userId: admin },
    "fund page": {
      loader: fundPage.loader,
      url: `/funds/${w.fund.fundId}`,
      userId: w.fund.fundAdmin.id,
      params: { fundId: String(w.fund.fundId) },
    },
    "application page": {
      loader: applicationPage.loader,
      url: `/funds/${w.fund.fundId}/applications/${w.applicationId}`,
      userId: w.fund.fundAdmin.id,
      params: { fundId: String(w.fund.fundId), applicationId: String(w.applicationId) },
    },
  };
}

describe.each(drivers)("queries per page on %s", (driver) => {
  let t: TestDb;
  let small: Targets;
  let large: Targets;
  const counted: Record<"small" | "large", Record<string, number>> = { small: {}, large: {} };

  /** Runs the page's loader on a db that records its statements; returns how many. */
  async function countQueries(page: PageCall): Promise<number> {
    const { db, queries } = createCountingDb(t);
    setAppDbForTests({ ...t, db });
    try {
      const res = await callRoute(page.loader, page.url, {
        userId: page.userId,
        params: page.params ?? {},
      });
      expect(res.status, page.url).toBe(200);
      return queries.length;
    } finally {
      useTestDbForRoutes(t);
    }
  }

  /** Every criterion of the agreement measured in the years given. */
  async function measure(agreement: CreatedAgreement, years: number[]) {
    const criteria = [
      ...agreement.criterionIds,
      ...agreement.activities.flatMap((a) => a.criterionIds),
    ];
    await t.db.insert(measurements).values(
      criteria.flatMap((criterionId, i) =>
        years.map((year) => ({
          criterionId,
          year,
          valueNumber: 10 + i,
          unit: "%",
          status: i % 2 ? ("met" as const) : ("partly_met" as const),
        })),
      ),
    );
  }

  /** Approves `approved` versions of the agreement, then proposes one more to the board. */
  async function version(plan: CreatedPlan, agreement: CreatedAgreement, approved: number) {
    const secretariat = plan.members.secretariat![0]!;
    const board = plan.members.board![0]!;
    for (let i = 0; i <= approved; i++) {
      if (i > 0) await startRevision(t.db, secretariat, plan.id, agreement.id, 2025 + i);
      const proposed = await submitRevision(t.db, secretariat, plan.id, agreement.id, {
        summary: `Version ${i + 1}`,
        recommendation: null,
      });
      if (i < approved) {
        await decideRevision(t.db, board, plan.id, agreement.id, proposed.id, {
          decision: "approve",
          meetingDate: `2025-0${(i % 9) + 1}-15`,
          note: null,
        });
      }
    }
  }

  async function applications(fund: CreatedFund, n: number): Promise<number[]> {
    const ids: number[] = [];
    const states = ["draft", "submitted", "assessed", "approved"] as const;
    for (let i = 0; i < n; i++) {
      const created = await createApplication(
        t.db,
        { ...fund, fundId: fund.fundId },
        { state: states[i % states.length] },
      );
      ids.push(created.id);
    }
    return ids;
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const member = await createUser(t.db);
    const plan = await createPlan(t.db, {
      periodStart: "2025-01-01",
      periodEnd: "2028-12-31",
      members: { secretariat: member, board: true, reporter: true },
    });
    const agreement = await createAgreement(t.db, plan);
    const versioned = await createAgreement(t.db, plan);
    await version(plan, versioned, 1);
    await measure(agreement, [YEAR]);
    const fund = await createFund(t.db);
    const [applicationId] = await applications(fund, 1);
    small = { member, plan, agreement, versioned, fund, applicationId: applicationId! };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it("counts each page on the small world", async () => {
    for (const [name, page] of Object.entries(pages(t, small))) {
      counted.small[name] = await countQueries(page);
    }
  });

  it("counts the same on a larger world", async () => {
    const { member } = small;
    // The member's plans: five more, each with two agreements, all measured.
    for (let i = 0; i < 5; i++) {
      const plan = await createPlan(t.db, {
        members: { secretariat: member, board: true, reporter: true },
      });
      for (let j = 0; j < 2; j++) {
        const agreement = await createAgreement(t.db, plan, {
          activities: 2,
          criteria: 2,
          criteriaPerActivity: 2,
        });
        await measure(agreement, [2025, YEAR]);
      }
    }
    // The page's plan: a larger agreement, measured over two years, one with more versions.
    const plan = small.plan;
    const agreement = await createAgreement(t.db, plan, {
      activities: 8,
      criteria: 6,
      criteriaPerActivity: 4,
      goals: ["at flere beboere deltager", "at færre flytter", "at flere får job"],
    });
    await measure(agreement, [2025, YEAR]);
    const versioned = await createAgreement(t.db, plan, { activities: 3, criteria: 3 });
    await version(plan, versioned, 4);
    // The fund: more applications in every state.
    const fund = await createFund(t.db);
    const [applicationId] = await applications(fund, 12);
    large = { member, plan, agreement, versioned, fund, applicationId: applicationId! };

    for (const [name, page] of Object.entries(pages(t, large))) {
      counted.large[name] = await countQueries(page);
    }
    expect(counted.large).toEqual(counted.small);
  }, 120_000);

  it("matches the pinned counts", () => {
    expect(counted.small).toEqual(PINNED);
  });

  it("shows a fund's applications 50 to a page, within the status filter", async () => {
    const { fund } = large;
    await t.db.insert(fundApplications).values(
      Array.from({ length: 60 }, (_, i) => ({
        fundId: fund.fundId,
        estateId: fund.estateId,
        title: `Ansøgning til sideopdeling ${i}`,
        startYear: 2026,
        endYear: 2026,
      })),
    );
    const load = async (query: string) => {
      const res = await callRoute(fundPage.loader, `/funds/${fund.fundId}${query}`, {
        userId: fund.fundAdmin.id,
        params: { fundId: String(fund.fundId) },
      });
      expect(res.status).toBe(200);
      return res.data as Awaited<ReturnType<typeof fundPage.loader>>;
    };
    const all = await load("");
    // 12 from the factory (3 of them drafts) and the 60 drafts above.
    expect(all.total).toBe(72);
    expect(all.counts.draft).toBe(63);
    expect(all.applications).toHaveLength(PAGE_SIZE);
    expect(all.pageCount).toBe(2);
    const second = await load("?page=2");
    expect(second.applications).toHaveLength(72 - PAGE_SIZE);
    const titles = [...all.applications, ...second.applications].map((a) => a.title);
    expect(new Set(titles).size).toBe(72);
    const drafts = await load("?status=draft&page=2");
    expect(drafts.applications).toHaveLength(63 - PAGE_SIZE);
    expect(drafts.applications.every((a) => a.status === "draft")).toBe(true);
    expect(drafts.total).toBe(72);
    const submitted = await load("?status=submitted&page=5");
    expect(submitted).toMatchObject({ page: 1, pageCount: 1 });
    expect(submitted.applications).toHaveLength(submitted.counts.submitted);
    expect(submitted.applications.every((a) => a.status === "submitted")).toBe(true);
    expect(
      await countQueries({
        loader: fundPage.loader,
        url: `/funds/${fund.fundId}?status=draft&page=2`,
        userId: fund.fundAdmin.id,
        params: { fundId: String(fund.fundId) },
      }),
    ).toBe(PINNED["fund page"]);
  });

  it("shows the administrator's plan list 50 to a page, in the same number of queries", async () => {
    const [round] = await t.db.select({ id: fundingRounds.id }).from(fundingRounds).limit(1);
    await t.db.insert(plans).values(
      Array.from({ length: 60 }, (_, i) => ({
        name: `Helhedsplan Sideopdelt ${String(i).padStart(2, "0")}`,
        fundingRoundId: round!.id,
        periodStart: "2030-01-01",
        periodEnd: "2033-12-31",
      })),
    );
    const [{ n }] = (await t.db.select({ n: count() }).from(plans)) as [{ n: number }];
    const admin = t.demo.userIds.admin;
    const load = async (url: string) => {
      const res = await callRoute(dashboard.loader, url, { userId: admin });
      return res.data as Awaited<ReturnType<typeof dashboard.loader>>;
    };
    const first = await load("/");
    expect(first.plans).toHaveLength(PAGE_SIZE);
    expect(first.planPage).toEqual({ page: 1, pageCount: Math.ceil(n / PAGE_SIZE), total: n });
    const last = await load(`/?page=${first.planPage.pageCount}`);
    expect(last.plans).toHaveLength(n - PAGE_SIZE * (first.planPage.pageCount - 1));
    // Every plan once, in the list's order (period, then name).
    const pages = [first];
    for (let page = 2; page < first.planPage.pageCount; page++)
      pages.push(await load(`/?page=${page}`));
    pages.push(last);
    const ids = pages.flatMap((p) => p.plans.map((plan) => plan.id));
    expect(new Set(ids).size).toBe(n);
    expect(pages.at(-1)!.plans.at(-1)!.name).toBe("Helhedsplan Sideopdelt 59");
    // A page past the end shows the last one.
    expect((await load("/?page=999")).planPage.page).toBe(first.planPage.pageCount);
    expect(await countQueries({ loader: dashboard.loader, url: "/?page=2", userId: admin })).toBe(
      PINNED["dashboard (admin)"],
    );
  });
});
