/**
 * The test factories (test/helpers/factories.ts) on a migrated database without the demo data:
 * what they build is what the pages show, so tests that start from them start from a world the app
 * accepts. It also shows the smallest world a page test needs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import {
  createAgreement,
  createApplication,
  createFund,
  createPlan,
  createUser,
} from "../helpers/factories";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import * as fundPage from "~/routes/funds.$fundId._index";
import * as agreementPage from "~/routes/plans.$planId.agreements.$agreementId._index";
import { agreementChecklist, isReadyForApproval } from "~/domain/agreement-view";

type AgreementPageData = Awaited<ReturnType<typeof agreementPage.loader>>;
type FundData = Awaited<ReturnType<typeof fundPage.loader>>;

describe.each(drivers)("test factories on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver, { seed: false });
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("builds a plan with members by role and an agreement ready for approval", async () => {
    const plan = await createPlan(t.db, { members: { secretariat: true, board: true } });
    const agreement = await createAgreement(t.db, plan, { activities: 3, criteria: 2 });
    const second = await createAgreement(t.db, plan, { activities: 0, criteria: 0 });
    expect(second.focusArea).not.toBe(agreement.focusArea);

    const url = `/plans/${plan.id}/agreements/${agreement.id}`;
    const params = { planId: String(plan.id), agreementId: String(agreement.id) };
    const load = (userId: number) => callRoute(agreementPage.loader, url, { userId, params });

    const secretariat = await load(plan.members.secretariat![0]!.id);
    expect(secretariat.status).toBe(200);
    const page = secretariat.data as AgreementPageData;
    expect(page.view.focusArea).toBe(agreement.focusArea);
    expect(page.view.activities.map((a) => [a.name, a.criteria.length])).toEqual([
      ["Aktivitet 1", 1],
      ["Aktivitet 2", 1],
      ["Aktivitet 3", 1],
    ]);
    expect(page.view.criteria).toHaveLength(2);
    expect(isReadyForApproval(agreementChecklist(page.view))).toBe(true);
    expect(page.editBase).not.toBeNull();

    const board = await load(plan.members.board![0]!.id);
    expect([board.status, (board.data as AgreementPageData).editBase]).toEqual([200, null]);
    const stranger = await createUser(t.db);
    expect((await load(stranger.id)).status).toBe(404);
  });

  it("builds a fund whose administrator sees an applicant's approved application", async () => {
    const fund = await createFund(t.db, { frames: [{ year: 2026, amount: 500_000 }] });
    const application = await createApplication(t.db, fund, { state: "approved" });
    expect(application.grantId).toEqual(expect.any(Number));
    await createApplication(t.db, fund, { state: "draft" });

    const res = await callRoute(fundPage.loader, `/funds/${fund.fundId}`, {
      userId: fund.fundAdmin.id,
      params: { fundId: String(fund.fundId) },
    });
    expect(res.status).toBe(200);
    const page = res.data as FundData;
    expect(page.applications.map((a) => a.status).sort()).toEqual(["approved", "draft"]);
    expect(page.frames!.years).toEqual([
      expect.objectContaining({ year: 2026, frame: 500_000, committed: 100_000 }),
    ]);
  });
});
