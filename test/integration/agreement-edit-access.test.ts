/**
 * Access to an agreement's edit pages (`/plans/:planId/agreements/:agreementId/edit/*`): an
 * agreement that is not the plan's, or does not exist, is 404 for every member of the plan,
 * whatever their role; only on the plan's own agreement does a role that may not edit get 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { focusAreas, plans } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { createAgreement } from "~/models/agreements/create.server";
import * as activityEdit from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.$activityId";
import * as activityList from "~/routes/plans.$planId.agreements.$agreementId.edit.activities._index";
import * as activityNew from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.new";
import * as basics from "~/routes/plans.$planId.agreements.$agreementId.edit.basics";
import * as clauses from "~/routes/plans.$planId.agreements.$agreementId.edit.clauses";
import * as criteria from "~/routes/plans.$planId.agreements.$agreementId.edit.criteria";
import * as financing from "~/routes/plans.$planId.agreements.$agreementId.edit.financing";
import * as interplay from "~/routes/plans.$planId.agreements.$agreementId.edit.interplay";
import * as parties from "~/routes/plans.$planId.agreements.$agreementId.edit.parties";
import * as problem from "~/routes/plans.$planId.agreements.$agreementId.edit.problem";
import * as purpose from "~/routes/plans.$planId.agreements.$agreementId.edit.purpose";
import * as staff from "~/routes/plans.$planId.agreements.$agreementId.edit.staff";
import * as workingGroups from "~/routes/plans.$planId.agreements.$agreementId.edit.working-groups";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type Page = { loader: unknown; action: unknown };
type Handler = Parameters<typeof callRoute>[0];

/** Every edit page, by the tail of its path. */
const pages: [string, Page][] = [
  ["basics", basics],
  ["clauses", clauses],
  ["criteria", criteria],
  ["financing", financing],
  ["interplay", interplay],
  ["parties", parties],
  ["problem", problem],
  ["purpose", purpose],
  ["staff", staff],
  ["working-groups", workingGroups],
  ["activities", activityList],
  ["activities/new", activityNew],
  ["activities/1", activityEdit],
];

describe.each(drivers)("access to an agreement's edit pages on %s", (driver) => {
  let t: TestDb;
  let otherPlansAgreementId: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const [focusArea] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Beskæftigelse"));
    const [otherPlan] = await t.db
      .select({ start: plans.periodStart, end: plans.periodEnd })
      .from(plans)
      .where(eq(plans.id, t.demo.otherPlanId));
    const agreement = await createAgreement(t.db, t.user("otherPlan"), t.demo.otherPlanId, {
      focusAreaId: focusArea!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: otherPlan!.start,
      validTo: otherPlan!.end,
    });
    otherPlansAgreementId = agreement.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The statuses of every page's loader and action for this user and agreement id. */
  async function statuses(userId: number, agreementId: number) {
    const result: Record<string, [number, number]> = {};
    for (const [tail, page] of pages) {
      const url = `/plans/${t.demo.planId}/agreements/${agreementId}/edit/${tail}`;
      const params = {
        planId: String(t.demo.planId),
        agreementId: String(agreementId),
        activityId: "1",
      };
      const loaded = await callRoute(page.loader as Handler, url, { userId, params });
      const posted = await callRoute(page.action as Handler, url, {
        userId,
        params,
        form: { version: "1", intent: "delete", activityId: "1" },
      });
      result[tail] = [loaded.status, posted.status];
    }
    return result;
  }

  const everyPage = (loader: number, action: number) =>
    Object.fromEntries(pages.map(([tail]) => [tail, [loader, action]]));

  for (const role of ["board", "reporter", "viewer"] as const) {
    it(`answers the plan's ${role} 404 for another plan's agreement and for one that does not exist`, async () => {
      const userId = t.demo.userIds[role];
      expect(await statuses(userId, otherPlansAgreementId)).toEqual(everyPage(404, 404));
      expect(await statuses(userId, 999_999)).toEqual(everyPage(404, 404));
      // On the plan's own agreement the role is what keeps them out.
      expect(await statuses(userId, t.demo.agreementId)).toEqual(everyPage(403, 403));
    });
  }

  it("answers the plan's secretariat 404 for another plan's agreement", async () => {
    expect(await statuses(t.demo.userIds.secretariat, otherPlansAgreementId)).toEqual(
      everyPage(404, 404),
    );
  });
});
