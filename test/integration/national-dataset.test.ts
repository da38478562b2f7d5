/**
 * The national dataset of the benchmarks (bench/national-dataset.ts) at a reduced scale: the
 * generator runs with every trigger and guard on, and the pages the benchmark measures read what
 * it wrote (version history and diff, a version, the review, measurements, a final progress report,
 * the roll-up, the fund and an application), so the generated shapes are the ones the app reads.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateNationalDataset, NATIONAL_YEARS, type NationalTargets } from "../../bench/dataset";
import {
  agreementVersions,
  auditEvents,
  measurements,
  planMemberships,
  progressReports,
  users,
} from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { diffAgreements } from "~/domain/agreement-diff";
import { getRevisionReview, getVersionView } from "~/models/revision-views.server";
import { getRevisionState } from "~/models/revisions.server";
import * as dashboard from "~/routes/_index";
import * as planPage from "~/routes/plans.$planId._index";
import * as versionsPage from "~/routes/plans.$planId.agreements.$agreementId.versions._index";
import * as versionPage from "~/routes/plans.$planId.agreements.$agreementId.versions.$number._index";
import * as reviewPage from "~/routes/plans.$planId.agreements.$agreementId.review";
import * as measurementsPage from "~/routes/plans.$planId.agreements.$agreementId.measurements";
import * as reportPage from "~/routes/plans.$planId.reports.$year._index";
import * as rollupPage from "~/routes/admin.rollup";
import * as fundPage from "~/routes/funds.$fundId._index";
import * as applicationPage from "~/routes/funds.$fundId.applications.$applicationId._index/route";

const SCALE = 0.05;

describe.each(drivers)("the national dataset on %s", (driver) => {
  let t: TestDb;
  let n: NationalTargets;
  let member: { id: number; email: string; name: string; isAdmin: boolean };

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    n = await generateNationalDataset(t.db, t.demo, SCALE);
    const [row] = await t.db
      .select({ id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin })
      .from(users)
      .where(eq(users.email, n.memberOf20Email));
    member = row!;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("writes the counts it reports, a member of 10 plans at this scale and the years' figures", async () => {
    const [versions] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(agreementVersions)
      .where(eq(agreementVersions.agreementId, n.agreementId));
    expect(versions!.n).toBe(NATIONAL_YEARS.length);
    const memberships = await t.db
      .select({ role: planMemberships.role })
      .from(planMemberships)
      .where(eq(planMemberships.userId, member.id));
    expect(memberships).toHaveLength(10);
    expect(new Set(memberships.map((m) => m.role))).toEqual(new Set(["secretariat"]));
    expect(member.isAdmin).toBe(false);
    expect(n.counts.plans).toBe(10);
    expect(n.counts.agreements).toBe(40);
    expect(n.counts.success_criteria).toBe(800);
    const [m] = await t.db.select({ n: sql<number>`count(*)::int` }).from(measurements);
    expect(m!.n).toBe(800 * NATIONAL_YEARS.length);
    const finals = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(progressReports)
      .where(eq(progressReports.status, "final"));
    expect(finals[0]!.n).toBe(10 * NATIONAL_YEARS.length);
    const [approvals] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "revision.approve"), eq(auditEvents.planId, n.planId)));
    expect(approvals!.n).toBe(4 * NATIONAL_YEARS.length);
  });

  it("has one approved version and nine superseded ones, read by the version history and diff", async () => {
    const state = await getRevisionState(t.db, member, n.planId, n.agreementId);
    expect(state.versions.map((v) => v.status).sort()).toEqual([
      "approved",
      ...Array<string>(9).fill("superseded"),
    ]);
    expect(state.current?.number).toBe(10);
    const a = await getVersionView(t.db, member, n.planId, n.agreementId, n.versionA);
    const b = await getVersionView(t.db, member, n.planId, n.agreementId, n.versionB);
    expect(a.view.activities).toHaveLength(5);
    expect(b.view.title).toBe(a.view.title);
    // Consecutive versions differ (targets and texts move each year), as a real history does.
    const diff = diffAgreements(a.view, b.view);
    expect(JSON.stringify(diff)).not.toBe(JSON.stringify(diffAgreements(b.view, b.view)));
  });

  it("has a proposal awaiting the board on the review agreement", async () => {
    const review = await getRevisionReview(t.db, member, n.planId, n.reviewAgreementId);
    expect(review?.proposed.number).toBe(NATIONAL_YEARS.length + 1);
    expect(review?.approved?.number).toBe(NATIONAL_YEARS.length);
    expect(review?.after.purposes.length).toBeGreaterThan(review!.before.purposes.length);
  });

  it("answers 200 on every page the benchmark measures, for the user it measures with", async () => {
    const agreement = `/plans/${n.planId}/agreements/${n.agreementId}`;
    const ids = { planId: String(n.planId), agreementId: String(n.agreementId) };
    const admin = t.demo.userIds.admin;
    const pages: [
      string,
      Parameters<typeof callRoute>[0],
      string,
      Record<string, string>,
      number,
    ][] = [
      ["dashboard (member of 10 plans)", dashboard.loader, "/", {}, member.id],
      ["dashboard (admin)", dashboard.loader, "/", {}, admin],
      ["plan page", planPage.loader, `/plans/${n.planId}`, { planId: ids.planId }, member.id],
      ["version history", versionsPage.loader, `${agreement}/versions`, ids, member.id],
      [
        "version page",
        versionPage.loader,
        `${agreement}/versions/${n.versionA}`,
        { ...ids, number: String(n.versionA) },
        member.id,
      ],
      [
        "review",
        reviewPage.loader,
        `/plans/${n.planId}/agreements/${n.reviewAgreementId}/review`,
        { planId: ids.planId, agreementId: String(n.reviewAgreementId) },
        member.id,
      ],
      ["measurements", measurementsPage.loader, `${agreement}/measurements`, ids, member.id],
      [
        "progress report",
        reportPage.loader,
        `/plans/${n.planId}/reports/${n.reportYear}`,
        { planId: ids.planId, year: String(n.reportYear) },
        member.id,
      ],
      ["roll-up", rollupPage.loader, "/admin/rollup", {}, admin],
      ["fund", fundPage.loader, `/funds/${n.fundId}`, { fundId: String(n.fundId) }, admin],
      [
        "application",
        applicationPage.loader,
        `/funds/${n.fundId}/applications/${n.applicationId}`,
        { fundId: String(n.fundId), applicationId: String(n.applicationId) },
        admin,
      ],
    ];
    for (const [name, loader, url, params, userId] of pages) {
      const res = await callRoute(loader, url, { userId, params });
      expect(res.status, name).toBe(200);
    }
    const report = await callRoute(
      reportPage.loader,
      `/plans/${n.planId}/reports/${n.reportYear}`,
      {
        userId: member.id,
        params: { planId: String(n.planId), year: String(n.reportYear) },
      },
    );
    expect(JSON.stringify(report.data)).toContain(`${n.reportYear} var helhedsplanens`);
  });
});
