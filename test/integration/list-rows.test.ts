/**
 * The agreement's lists synced by id (issue 16 items 9 and 10), through the pages' loaders and
 * actions on both drivers: an id that is not one of the list's rows is a 400 next to the list and
 * changes nothing; removing a row with history (measurements, spend) asks first and then retires
 * the row, which keeps its figures and still shows, marked as ended, on the pages and reports of
 * its years; a row without history is simply deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import {
  activities,
  agreements,
  spending,
  focusAreas,
  fundingSources,
  measurements,
  plans,
  responsibilities,
  staffResources,
  successCriteria,
  agreementParties,
  workingGroupMembers,
  workingGroups,
} from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { CONFIRM_REMOVAL_FIELD, type FormFailure } from "~/domain/form";
import { createAgreement } from "~/models/agreements/create.server";
import { FOREIGN_ROW_MESSAGE, saveCriteria } from "~/models/agreements/sections.server";
import { getAgreementView } from "~/models/agreements/read.server";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { getProgressReport } from "~/models/progress-reports.server";
import { getFocusAreaRollup } from "~/models/rollup.server";
import { getSpending } from "~/models/spending.server";
import * as activityList from "~/routes/plans.$planId.agreements.$agreementId.edit.activities._index";
import * as editActivity from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.$activityId";
import * as criteriaPage from "~/routes/plans.$planId.agreements.$agreementId.edit.criteria";
import * as financingPage from "~/routes/plans.$planId.agreements.$agreementId.edit.financing";
import * as partiesPage from "~/routes/plans.$planId.agreements.$agreementId.edit.parties";
import * as staffPage from "~/routes/plans.$planId.agreements.$agreementId.edit.staff";
import * as groupsPage from "~/routes/plans.$planId.agreements.$agreementId.edit.working-groups";
import * as measurementsPage from "~/routes/plans.$planId.agreements.$agreementId.measurements";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type Form = Record<string, string>;
type Handler = Parameters<typeof callRoute>[0];

/** Nested form values (as a loader gives them) as the browser posts them: dotted names. */
function flatten(value: unknown, prefix = "", into: Form = {}): Form {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}.${i}`, into));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  else into[prefix] = value == null ? "" : String(value);
  return into;
}

/** The form's list rows, without the one at `index` (renumbered as the browser would). */
function withoutRow(values: Record<string, unknown>, list: string, index: number) {
  const rows = [...(values[list] as unknown[])];
  rows.splice(index, 1);
  return { ...values, [list]: rows };
}

describe.each(drivers)("agreement list rows on %s", (driver) => {
  let t: TestDb;
  let planId: number;
  let agreementId: number;
  let secretariat: number;
  /** A criterion and a funding source of an agreement in another plan. */
  let foreignCriterionId: number;
  let foreignSourceId: number;
  const thisYear = new Date().getUTCFullYear();

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    planId = t.demo.planId;
    agreementId = t.demo.agreementId;
    secretariat = t.demo.userIds.secretariat;
    const other = t.user("otherPlan");
    const [plan] = await t.db
      .select({
        fundingRoundId: plans.fundingRoundId,
        start: plans.periodStart,
        end: plans.periodEnd,
      })
      .from(plans)
      .where(eq(plans.id, t.demo.otherPlanId));
    const [area] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.fundingRoundId, plan!.fundingRoundId))
      .orderBy(focusAreas.position)
      .limit(1);
    const foreign = await createAgreement(t.db, other, t.demo.otherPlanId, {
      focusAreaId: area!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: plan!.start,
      validTo: plan!.end,
    });
    await saveCriteria(t.db, other, t.demo.otherPlanId, foreign.id, foreign.version, {
      criteria: [
        {
          id: null,
          text: "Et andet plans kriterium",
          dataSource: "Egen opgørelse",
          baselineText: null,
          targetText: null,
          baselineValue: null,
          baselineUnit: null,
          baselineYear: null,
          targetValue: null,
          targetUnit: null,
          targetYear: null,
        },
      ],
    });
    [{ id: foreignCriterionId }] = (await t.db
      .select({ id: successCriteria.id })
      .from(successCriteria)
      .where(eq(successCriteria.agreementId, foreign.id))) as [{ id: number }];
    [{ id: foreignSourceId }] = (await t.db
      .select({ id: fundingSources.id })
      .from(fundingSources)
      .where(eq(fundingSources.agreementId, foreign.id))) as [{ id: number }];
  });
  afterAll(async () => {
    await t?.close();
  });

  const params = (extra: Record<string, string> = {}) => ({
    planId: String(planId),
    agreementId: String(agreementId),
    ...extra,
  });
  const url = (path: string) => `/plans/${planId}/agreements/${agreementId}/${path}`;
  const load = async (handler: Handler, path: string, extra?: Record<string, string>) => {
    const res = await callRoute(handler, url(path), { userId: secretariat, params: params(extra) });
    expect(res.status).toBe(200);
    return res.data as { values: Record<string, unknown>; record: { version: number } };
  };
  const post = (handler: Handler, path: string, form: Form, extra?: Record<string, string>) =>
    callRoute(handler, url(path), { userId: secretariat, form, params: params(extra) });

  /** Everything a list save could touch, to compare before and after. */
  async function counts() {
    const count = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
    const n = sql<number>`count(*)::int`;
    const [agreement] = await t.db
      .select({ version: agreements.version })
      .from(agreements)
      .where(eq(agreements.id, agreementId));
    return {
      version: agreement!.version,
      criteria: await count(t.db.select({ n }).from(successCriteria)),
      measurements: await count(t.db.select({ n }).from(measurements)),
      activities: await count(t.db.select({ n }).from(activities)),
      responsibilities: await count(t.db.select({ n }).from(responsibilities)),
      sources: await count(t.db.select({ n }).from(fundingSources)),
      spend: await count(t.db.select({ n }).from(spending)),
      staff: await count(t.db.select({ n }).from(staffResources)),
      parties: await count(t.db.select({ n }).from(agreementParties)),
      groups: await count(t.db.select({ n }).from(workingGroups)),
      members: await count(t.db.select({ n }).from(workingGroupMembers)),
      foreignCriterion: await t.db
        .select()
        .from(successCriteria)
        .where(eq(successCriteria.id, foreignCriterionId)),
    };
  }

  async function measure(criterionId: number, year: number) {
    await t.db.insert(measurements).values({ criterionId, year, valueNumber: 12, status: "met" });
  }

  async function ownCriteria() {
    return t.db
      .select({ id: successCriteria.id, text: successCriteria.text })
      .from(successCriteria)
      .where(
        and(
          eq(successCriteria.agreementId, agreementId),
          isNull(successCriteria.activityId),
          isNull(successCriteria.retiredAt),
        ),
      )
      .orderBy(successCriteria.position, successCriteria.id);
  }

  describe("a row id that is not one of the list's rows", () => {
    it("is a 400 next to the criteria list, keeps the input and changes nothing", async () => {
      const page = await load(criteriaPage.loader, "edit/criteria");
      const form = flatten({ ...page.values, version: page.record.version });
      // The hostile tester's case: a criterion of another plan instead of this one's first.
      form["criteria.0.id"] = String(foreignCriterionId);
      form["criteria.0.text"] = "Min rettede tekst";
      const before = await counts();
      const res = await post(criteriaPage.action, "edit/criteria", form);
      expect(res.status).toBe(400);
      const failure = res.data as FormFailure;
      expect(failure.errors.criteria).toBe(FOREIGN_ROW_MESSAGE);
      expect(failure.errors.criteria).toBe(
        "Rækken findes ikke længere i denne delaftale. Genindlæs siden.",
      );
      expect((failure.values.criteria as { text: string }[])[0]!.text).toBe("Min rettede tekst");
      expect(await counts()).toEqual(before);
    });

    it("is a 400 for the same id twice in one list", async () => {
      const page = await load(criteriaPage.loader, "edit/criteria");
      const form = flatten({ ...page.values, version: page.record.version });
      form["criteria.1.id"] = form["criteria.0.id"]!;
      const before = await counts();
      const res = await post(criteriaPage.action, "edit/criteria", form);
      expect(res.status).toBe(400);
      expect((res.data as FormFailure).errors.criteria).toBe(FOREIGN_ROW_MESSAGE);
      expect(await counts()).toEqual(before);
    });

    it("is a 400 in an activity's criteria and responsibilities", async () => {
      const [activity] = await t.db
        .select({ id: activities.id })
        .from(activities)
        .where(eq(activities.agreementId, agreementId))
        .orderBy(activities.position);
      const path = `edit/activities/${activity!.id}`;
      const extra = { activityId: String(activity!.id) };
      for (const [field, foreignId] of [
        ["criteria", foreignCriterionId],
        ["responsibilities", 999_999],
      ] as const) {
        const page = await load(editActivity.loader, path, extra);
        const form = flatten({ ...page.values, version: page.record.version });
        expect(form[`${field}.0.id`], `the demo activity has ${field}`).toBeTruthy();
        form[`${field}.0.id`] = String(foreignId);
        const before = await counts();
        const res = await post(editActivity.action, path, form, extra);
        expect(res.status).toBe(400);
        expect((res.data as FormFailure).errors[field]).toBe(FOREIGN_ROW_MESSAGE);
        expect(await counts()).toEqual(before);
      }
    });

    it("is a 400 in financing, staff, parties and working groups", async () => {
      const cases: [Handler, Handler, string, string, number][] = [
        [financingPage.loader, financingPage.action, "edit/financing", "sources", foreignSourceId],
        [staffPage.loader, staffPage.action, "edit/staff", "staff", 999_999],
        [partiesPage.loader, partiesPage.action, "edit/parties", "parties", 999_999],
        [groupsPage.loader, groupsPage.action, "edit/working-groups", "groups", 999_999],
        [groupsPage.loader, groupsPage.action, "edit/working-groups", "groups.0.members", 999_999],
      ];
      for (const [loader, action, path, field, foreignId] of cases) {
        const page = await load(loader, path);
        const form = flatten({ ...page.values, version: page.record.version });
        expect(form[`${field}.0.id`], `the demo agreement has ${field}`).toBeTruthy();
        form[`${field}.0.id`] = String(foreignId);
        const before = await counts();
        const res = await post(action, path, form);
        expect(res.status, path).toBe(400);
        expect((res.data as FormFailure).errors[field], field).toBe(FOREIGN_ROW_MESSAGE);
        expect(await counts()).toEqual(before);
      }
    });
  });

  describe("removing a row", () => {
    it("deletes a criterion without measurements at once", async () => {
      const [first] = await ownCriteria();
      const page = await load(criteriaPage.loader, "edit/criteria");
      const form = flatten({
        ...withoutRow(page.values, "criteria", 0),
        version: page.record.version,
      });
      const res = await post(criteriaPage.action, "edit/criteria", form);
      expect(res.status).toBe(302);
      expect(
        await t.db.select().from(successCriteria).where(eq(successCriteria.id, first!.id)),
      ).toEqual([]);
    });

    it("asks before retiring a criterion with measurements, then keeps them and shows it as ended", async () => {
      const [first, second] = await ownCriteria();
      await measure(first!.id, 2024);
      await measure(first!.id, 2025);
      const rollup2024 = async () =>
        (await getFocusAreaRollup(t.db, t.user("admin"), 2024)).plans.find(
          (p) => p.planId === planId,
        );
      const rollupBefore = await rollup2024();
      const page = await load(criteriaPage.loader, "edit/criteria");
      const form = flatten({
        ...withoutRow(page.values, "criteria", 0),
        version: page.record.version,
      });
      form["criteria.0.text"] = `${second!.text} (rettet)`;

      const before = await counts();
      const asked = await post(criteriaPage.action, "edit/criteria", form);
      expect(asked.status).toBe(400);
      const failure = asked.data as FormFailure;
      expect(failure.errors.criteria).toContain(
        `Succeskriteriet »${first!.text}« har målinger for 2024 og 2025.`,
      );
      expect(failure.errors.criteria).toContain("historikken bevares");
      expect(failure.errors[CONFIRM_REMOVAL_FIELD]).toMatch(/Bekræft fjernelse og gem/);
      expect((failure.values.criteria as { text: string }[])[0]!.text).toBe(
        `${second!.text} (rettet)`,
      );
      expect(await counts()).toEqual(before);

      const confirmed = await post(criteriaPage.action, "edit/criteria", {
        ...form,
        [CONFIRM_REMOVAL_FIELD]: "1",
      });
      expect(confirmed.status).toBe(302);
      const after = await counts();
      expect(after.criteria).toBe(before.criteria);
      expect(after.measurements).toBe(before.measurements);
      const [stored] = await t.db
        .select({ retiredAt: successCriteria.retiredAt, text: successCriteria.text })
        .from(successCriteria)
        .where(eq(successCriteria.id, first!.id));
      expect(stored!.retiredAt).toBeInstanceOf(Date);
      expect(stored!.text).toBe(first!.text);

      // The working draft (page, document, checklist) no longer has it …
      const view = await getAgreementView(t.db, t.user("viewer"), planId, agreementId);
      expect(view.view.criteria.map((c) => c.text)).not.toContain(first!.text);
      expect(view.view.criteria.map((c) => c.text)).toContain(`${second!.text} (rettet)`);
      // … the measurement page of a year it was measured in still shows it, marked as ended …
      const grid = async (year: number) => {
        const res = await callRoute(measurementsPage.loader, url(`measurements?year=${year}`), {
          userId: t.demo.userIds.reporter,
          params: params(),
        });
        expect(res.status).toBe(200);
        return (res.data as { rows: { criterion: { id: number }; ended?: boolean }[] }).rows;
      };
      const shown2024 = (await grid(2024)).find((r) => r.criterion.id === first!.id);
      expect(shown2024?.ended).toBe(true);
      expect((await grid(2024)).find((r) => r.criterion.id === second!.id)?.ended).toBe(false);
      // … and so does a year it was part of the agreement (before the year it was retired in);
      // from that year on, without measurements, it is gone.
      expect((await grid(2023)).some((r) => r.criterion.id === first!.id)).toBe(true);
      if (thisYear === 2026) {
        expect((await grid(2026)).some((r) => r.criterion.id === first!.id)).toBe(false);
      }
      // The progress report and the roll-up of 2024 keep it, marked as ended.
      const report = await getProgressReport(t.db, t.user("reporter"), planId, 2024);
      const texts = JSON.stringify(report);
      expect(texts).toContain(`${first!.text} (afsluttet)`);
      const rollupAfter = await rollup2024();
      expect(rollupAfter?.met).toBe(1);
      expect(rollupAfter).toEqual(rollupBefore);

      // Saving the list again does not bring it back or ask again.
      const again = await load(criteriaPage.loader, "edit/criteria");
      expect(JSON.stringify(again.values)).not.toContain(first!.text);
      const res = await post(
        criteriaPage.action,
        "edit/criteria",
        flatten({ ...again.values, version: again.record.version }),
      );
      expect(res.status).toBe(302);
      // A retired criterion's id is not one of the list's rows any more.
      const stale = flatten({ ...page.values, version: (await counts()).version });
      const staleRes = await post(criteriaPage.action, "edit/criteria", stale);
      expect(staleRes.status).toBe(400);
      expect((staleRes.data as FormFailure).errors.criteria).toBe(FOREIGN_ROW_MESSAGE);
    });

    it("asks before retiring an activity whose criteria have measurements", async () => {
      const activityRows = await t.db
        .select({ id: activities.id, name: activities.name })
        .from(activities)
        .where(and(eq(activities.agreementId, agreementId), isNull(activities.retiredAt)))
        .orderBy(activities.position);
      const [measured, unmeasured] = activityRows;
      const [criterion] = await t.db
        .select({ id: successCriteria.id })
        .from(successCriteria)
        .where(eq(successCriteria.activityId, measured!.id));
      await measure(criterion!.id, 2024);
      const list = await load(activityList.loader, "edit/activities");
      const remove = (id: number, confirm?: boolean) =>
        post(activityList.action, "edit/activities", {
          intent: "delete",
          activityId: String(id),
          version: String(list.record.version),
          ...(confirm ? { [CONFIRM_REMOVAL_FIELD]: "1" } : {}),
        });

      const before = await counts();
      const asked = await remove(measured!.id);
      expect(asked.status).toBe(400);
      const failure = asked.data as FormFailure;
      expect(failure.errors.activities).toContain(
        `Aktiviteten »${measured!.name}« har målinger for 2024`,
      );
      expect(failure.errors[CONFIRM_REMOVAL_FIELD]).toBeTruthy();
      expect(failure.values.activityId).toBe(String(measured!.id));
      expect(await counts()).toEqual(before);

      expect((await remove(measured!.id, true)).status).toBe(302);
      const after = await counts();
      expect(after.activities).toBe(before.activities);
      expect(after.measurements).toBe(before.measurements);
      const page = await load(activityList.loader, "edit/activities");
      expect(JSON.stringify(page)).not.toContain(measured!.name);
      // Its page is gone (404), its criterion still on the 2024 measurement page, ended.
      const gone = await callRoute(editActivity.loader, url(`edit/activities/${measured!.id}`), {
        userId: secretariat,
        params: params({ activityId: String(measured!.id) }),
      });
      expect(gone.status).toBe(404);
      const res = await callRoute(measurementsPage.loader, url("measurements?year=2024"), {
        userId: secretariat,
        params: params(),
      });
      const rows = (res.data as { rows: { criterion: { id: number }; ended?: boolean }[] }).rows;
      expect(rows.find((r) => r.criterion.id === criterion!.id)?.ended).toBe(true);

      // An activity without measurements is deleted right away, with its criteria.
      const version = (await loadAgreementRecord(t.db, agreementId))!.version;
      const deleted = await post(activityList.action, "edit/activities", {
        intent: "delete",
        activityId: String(unmeasured!.id),
        version: String(version),
      });
      expect(deleted.status).toBe(302);
      expect(await t.db.select().from(activities).where(eq(activities.id, unmeasured!.id))).toEqual(
        [],
      );
    });

    it("asks before retiring a funding source with spend; the spending page of that year keeps it", async () => {
      const page = await load(financingPage.loader, "edit/financing");
      const sources = page.values.sources as { id: number; name: string }[];
      const last = sources.length - 1;
      const source = sources[last]!;
      await t.db.insert(spending).values({ fundingSourceId: source.id, year: 2025, amount: 4000 });
      const form = flatten({
        ...withoutRow(page.values, "sources", last),
        version: page.record.version,
      });
      const before = await counts();
      const asked = await post(financingPage.action, "edit/financing", form);
      expect(asked.status).toBe(400);
      expect((asked.data as FormFailure).errors.sources).toMatch(/har forbrug for 2025\./);
      expect(await counts()).toEqual(before);

      const confirmed = await post(financingPage.action, "edit/financing", {
        ...form,
        [CONFIRM_REMOVAL_FIELD]: "1",
      });
      expect(confirmed.status).toBe(302);
      expect((await counts()).spend).toBe(before.spend);
      const view = await getAgreementView(t.db, t.user("viewer"), planId, agreementId);
      const budgetIds = [...view.view.budget.lbf, ...view.view.budget.local].map((l) => l.id);
      expect(budgetIds).not.toContain(source.id);
      const spendingPage = await getSpending(t.db, t.user("reporter"), planId, agreementId, 2025);
      const line = spendingPage.sources.find((s) => s.id === source.id);
      expect(line?.spent).toBe(4000);
      expect(line?.label).toMatch(/\(afsluttet\)$/);
    });
  });
});
