/**
 * The optimistic-lock version an edit form posts back (hidden field `version`) is read one way by
 * every route (`readVersion`): a missing or garbled one is a 400 with a Danish message and nothing
 * is saved. On forms whose first save creates the row, 0 ("not saved yet") is a version too; on the
 * others it is refused like any other garbled value. On both drivers.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispositionFunds, planOrganisations, plans } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import * as fundSettings from "~/routes/organisations.$organisationId.fund";
import * as planEdit from "~/routes/plans.$planId.edit";

const MESSAGE = "Formularen mangler sin version";
const GARBLED = [undefined, "", "abc", "1.5", "-1", "2147483648"];

describe.each(drivers)("the form version field on %s", (driver) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The plan's edit form as the page would post it, with `version` as given (or left out). */
  async function planForm(version: string | undefined): Promise<Record<string, string | string[]>> {
    const [plan] = await t.db.select().from(plans).where(eq(plans.id, t.demo.planId));
    const orgs = await t.db
      .select({ id: planOrganisations.organisationId })
      .from(planOrganisations)
      .where(eq(planOrganisations.planId, t.demo.planId));
    return {
      ...(version === undefined ? {} : { version }),
      name: "Et navn, der ikke må blive gemt",
      fundingRoundId: String(plan!.fundingRoundId),
      periodStart: plan!.periodStart,
      periodEnd: plan!.periodEnd,
      status: plan!.status,
      municipalityId: String(plan!.municipalityId ?? ""),
      organisationIds: orgs.map((o) => String(o.id)),
      description: plan!.description ?? "",
      reportDueMonthDay: "30-06",
    };
  }

  it("refuses a missing or garbled version of an existing row (0 too) with a 400", async () => {
    const [before] = await t.db.select().from(plans).where(eq(plans.id, t.demo.planId));
    for (const version of [...GARBLED, "0"]) {
      const res = await callRoute(planEdit.action, `/plans/${t.demo.planId}/edit`, {
        userId: t.demo.userIds.secretariat,
        params: { planId: String(t.demo.planId) },
        form: await planForm(version),
      });
      expect([version, res.status, res.data]).toEqual([version, 400, MESSAGE]);
    }
    const [after] = await t.db.select().from(plans).where(eq(plans.id, t.demo.planId));
    expect([after!.name, after!.version]).toEqual([before!.name, before!.version]);
  });

  it("refuses a garbled version on a form that may create its row, and lets 0 through", async () => {
    const organisationId = t.demo.organisationIds.laerkereden!;
    const url = `/organisations/${organisationId}/fund`;
    const params = { organisationId: String(organisationId) };
    const loaded = await callRoute(fundSettings.loader, url, {
      userId: t.demo.userIds.fundAdmin,
      params,
    });
    const { values } = loaded.data as Awaited<ReturnType<typeof fundSettings.loader>>;
    const form = (version: string | undefined) => ({
      ...(version === undefined ? {} : { version }),
      name: "Et navn, der ikke må blive gemt",
      guidelines: values.guidelines,
      maxYears: values.maxYears,
      minOwnSharePercent: values.minOwnSharePercent,
      maxAmountPerTenancy: values.maxAmountPerTenancy,
      reportDueMonthDay: values.reportDueMonthDay,
    });
    const post = (version: string | undefined) =>
      callRoute(fundSettings.action, url, {
        userId: t.demo.userIds.fundAdmin,
        params,
        form: form(version),
      });
    for (const version of GARBLED) {
      const res = await post(version);
      expect([version, res.status, res.data]).toEqual([version, 400, MESSAGE]);
    }
    // 0 passes the field: the fund exists, so the save is refused as outdated, input kept.
    const stale = await post("0");
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ values: { name: "Et navn, der ikke må blive gemt" } });
    const [fund] = await t.db
      .select({ name: dispositionFunds.name })
      .from(dispositionFunds)
      .where(eq(dispositionFunds.id, t.demo.dispositionFund.fundId));
    expect(fund!.name).not.toBe("Et navn, der ikke må blive gemt");
  });
});
