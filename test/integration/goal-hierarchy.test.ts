/**
 * The målhierarki end to end on both drivers: the demo data has every link; a criterion is linked
 * to a goal or delmål through the criteria section and the activity schema (a goal of another
 * agreement refused with 400 and a Danish message, the typed values kept); an unlinked criterion
 * and a goal without criteria show on the agreement's checklist; deleting a goal unlinks its
 * criteria; the page and the Word download answer members only; the query count is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { focusAreas, goals } from "../../db/schema";
import { agreementChecklist } from "~/domain/agreement-view";
import { criteriaFormValues, activityFormValues } from "~/domain/agreement-form-values";
import type { FormFailure } from "~/domain/form";
import { flattenGoals, isHierarchyComplete } from "~/domain/goal-hierarchy";
import { getAgreementForEdit, getAgreementView } from "~/models/agreements/read.server";
import { getGoalHierarchy } from "~/models/goal-hierarchy.server";
import { GOAL_NOT_IN_AGREEMENT_MESSAGE } from "~/models/internal/agreement-writers.server";
import * as criteriaPage from "~/routes/plans.$planId.agreements.$agreementId.edit.criteria";
import * as activityPage from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.$activityId";
import * as goalsPage from "~/routes/plans.$planId.goals";
import * as goalsDocx from "~/routes/plans.$planId.goals[.]docx";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { createAgreement, createPlan, createUser } from "../helpers/factories";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";

type Form = Record<string, string>;

/** A form's values (as the loader gives them) flattened to the posted field names. */
function flatten(value: unknown, prefix = "", out: Form = {}): Form {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out[prefix] = value == null ? "" : String(value);
  return out;
}

describe.each(drivers)("målhierarki on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const planId = () => t.demo.planId;
  const agreementId = () => t.demo.agreementId;
  const params = () => ({ planId: String(planId()), agreementId: String(agreementId()) });
  const criteriaUrl = () => `/plans/${planId()}/agreements/${agreementId()}/edit/criteria`;

  async function criteriaForm() {
    const record = await getAgreementForEdit(t.db, t.user("secretariat"), planId(), agreementId());
    return {
      record,
      form: { version: String(record.version), ...flatten(criteriaFormValues(record)) } as Form,
    };
  }

  it("the målhierarki from the demo data has every link", async () => {
    const tree = await getGoalHierarchy(t.db, t.user("viewer"), planId());
    expect(tree.hasStrategicAgreement).toBe(true);
    expect(tree.objectives.length).toBeGreaterThan(0);
    // Every objective has a focus area, every focus area's goal serves an objective.
    for (const o of tree.objectives) expect(o.focusAreaIds.length).toBeGreaterThan(0);
    for (const f of tree.focusAreas) {
      expect(f.overallGoal).toBeTruthy();
      expect(f.objectiveKeys.length).toBeGreaterThan(0);
      expect(f.unlinkedCriteria).toEqual([]);
      for (const g of flattenGoals(f.goals)) expect(g.missingCriteria).toBe(false);
    }
    const demo = tree.focusAreas.find((f) => f.agreementId === agreementId())!;
    const criteria = flattenGoals(demo.goals).flatMap((g) => g.criteria);
    // Every criterion of the demo agreement sits under a goal, and activities show under them.
    const { view } = await getAgreementView(t.db, t.user("viewer"), planId(), agreementId());
    const all = view.criteria.length + view.activities.reduce((n, a) => n + a.criteria.length, 0);
    expect(all).toBeGreaterThan(0);
    expect(criteria.length).toBe(all);
    expect(demo.goals.some((g) => g.activities.length > 0)).toBe(true);
    expect(isHierarchyComplete(tree)).toBe(true);
    // And the demo agreement's checklist has no missing goal link.
    expect(agreementChecklist(view).filter((i) => /^(criterion|goal)-/.test(i.key))).toEqual([]);
  });

  it("links a criterion to a delmål through the criteria section, and shows it there", async () => {
    // A delmål under goal 1, written straight into the draft (the purpose page is tested elsewhere).
    const [goal1] = await t.db
      .select({ id: goals.id })
      .from(goals)
      .where(and(eq(goals.agreementId, agreementId()), isNull(goals.parentId)))
      .orderBy(goals.position)
      .limit(1);
    const [sub] = await t.db
      .insert(goals)
      .values({
        agreementId: agreementId(),
        parentId: goal1!.id,
        text: "Nye beboere får besøg",
        position: 0,
      })
      .returning({ id: goals.id });
    const loaded = await callRoute(criteriaPage.loader, criteriaUrl(), {
      userId: t.demo.userIds.secretariat,
      params: params(),
    });
    expect(loaded.status).toBe(200);
    const options = (loaded.data as { goals: { value: string; label: string }[] }).goals;
    expect(options.map((o) => o.label)).toContain("Delmål 1.1: Nye beboere får besøg");
    expect(options[0]!.label).toMatch(/^Mål 1: /);

    const { form } = await criteriaForm();
    form["criteria.1.goalId"] = String(sub!.id);
    const res = await callRoute(criteriaPage.action, criteriaUrl(), {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form,
    });
    expect(res.status).toBe(302);
    const { view } = await getAgreementView(t.db, t.user("viewer"), planId(), agreementId());
    expect(view.criteria[1]!.goal).toMatchObject({ id: sub!.id, label: "Delmål 1.1" });
    const tree = await getGoalHierarchy(t.db, t.user("viewer"), planId());
    const demo = tree.focusAreas.find((f) => f.agreementId === agreementId())!;
    const delmaal = demo.goals[0]!.subGoals.find((s) => s.id === sub!.id)!;
    expect(delmaal.criteria.map((c) => c.text)).toEqual([view.criteria[1]!.text]);
  });

  it("refuses a goal of another agreement with 400 at the field, keeps the input, changes nothing", async () => {
    const foreignPlan = await createPlan(t.db, { members: { secretariat: true } });
    const foreign = await createAgreement(t.db, foreignPlan, { goals: ["Et fremmed mål"] });
    const [foreignGoal] = await t.db
      .select({ id: goals.id })
      .from(goals)
      .where(eq(goals.agreementId, foreign.id));
    const before = (await getAgreementView(t.db, t.user("viewer"), planId(), agreementId())).view;
    const { form } = await criteriaForm();
    form["criteria.0.goalId"] = String(foreignGoal!.id);
    form["criteria.0.text"] = "Rettet tekst, der ikke må gå tabt";
    const res = await callRoute(criteriaPage.action, criteriaUrl(), {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form,
    });
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors["criteria.0.goalId"]).toBe(GOAL_NOT_IN_AGREEMENT_MESSAGE);
    expect(JSON.stringify(failure.values)).toContain("Rettet tekst, der ikke må gå tabt");
    const after = (await getAgreementView(t.db, t.user("viewer"), planId(), agreementId())).view;
    expect(after.criteria).toEqual(before.criteria);
    expect(after.version).toBe(before.version);
  });

  it("links an activity's criterion through the activity schema", async () => {
    const record = await getAgreementForEdit(t.db, t.user("secretariat"), planId(), agreementId());
    const activity = [...record.activities].sort((a, b) => a.position - b.position)[0]!;
    const goal3 = [...record.goals]
      .filter((g) => g.parentId == null)
      .sort((a, b) => a.position - b.position)[2]!;
    const form: Form = {
      version: String(record.version),
      ...flatten(activityFormValues(record, activity.id)),
    };
    form["criteria.0.goalId"] = String(goal3.id);
    const url = `/plans/${planId()}/agreements/${agreementId()}/edit/activities/${activity.id}`;
    const params2 = { ...params(), activityId: String(activity.id) };
    const loaded = await callRoute(activityPage.loader, url, {
      userId: t.demo.userIds.secretariat,
      params: params2,
    });
    expect((loaded.data as { goals: { label: string }[] }).goals.length).toBeGreaterThanOrEqual(3);
    const res = await callRoute(activityPage.action, url, {
      userId: t.demo.userIds.secretariat,
      params: params2,
      form,
    });
    expect(res.status).toBe(302);
    const tree = await getGoalHierarchy(t.db, t.user("viewer"), planId());
    const demo = tree.focusAreas.find((f) => f.agreementId === agreementId())!;
    expect(demo.goals[2]!.activities.map((a) => a.id)).toContain(activity.id);
    expect(demo.goals[2]!.criteria.some((c) => c.activity?.id === activity.id)).toBe(true);
  });

  it("a criterion without a goal appears on the checklist, linking to its section", async () => {
    const { form } = await criteriaForm();
    form["criteria.2.goalId"] = "";
    const res = await callRoute(criteriaPage.action, criteriaUrl(), {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form,
    });
    expect(res.status).toBe(302);
    const { view } = await getAgreementView(t.db, t.user("viewer"), planId(), agreementId());
    const item = agreementChecklist(view).find(
      (i) => i.key === `criterion-${view.criteria[2]!.id}-goal`,
    );
    expect(item).toMatchObject({ ok: false, section: "criteria", field: "criteria" });
    expect(item!.label).toContain("er ikke knyttet til et mål eller delmål");
    const tree = await getGoalHierarchy(t.db, t.user("viewer"), planId());
    expect(tree.issues.unlinkedCriteria).toBe(1);
  });

  it("deleting a goal leaves its criteria unlinked, and the checklist flags them", async () => {
    const record = await getAgreementForEdit(t.db, t.user("secretariat"), planId(), agreementId());
    const goal3 = [...record.goals]
      .filter((g) => g.parentId == null)
      .sort((a, b) => a.position - b.position)[2]!;
    const linked = record.successCriteria.filter((c) => c.goalId === goal3.id).map((c) => c.id);
    expect(linked.length).toBeGreaterThan(0);
    await t.db.delete(goals).where(eq(goals.id, goal3.id));
    const { view } = await getAgreementView(t.db, t.user("viewer"), planId(), agreementId());
    const items = agreementChecklist(view);
    for (const id of linked)
      expect(items.find((i) => i.key === `criterion-${id}-goal`)?.ok).toBe(false);
  });

  it("the page and the Word document answer members, 404 to another plan's user", async () => {
    const url = `/plans/${planId()}/goals`;
    const p = { planId: String(planId()) };
    const page = await callRoute(goalsPage.loader, url, {
      userId: t.demo.userIds.viewer,
      params: p,
    });
    expect(page.status).toBe(200);
    const data = page.data as { diagram: string; tree: { plan: { name: string } } };
    expect(data.diagram).toMatch(/^<svg /);
    const stranger = await createUser(t.db);
    const otherPlan = await createPlan(t.db, { members: { secretariat: stranger } });
    expect(otherPlan.id).not.toBe(planId());
    expect(
      (await callRoute(goalsPage.loader, url, { userId: stranger.id, params: p })).status,
    ).toBe(404);
    expect(
      (await callRoute(goalsDocx.loader, `${url}.docx`, { userId: stranger.id, params: p })).status,
    ).toBe(404);
    const doc = await goalsDocx.loader({
      request: new Request(`http://localhost${url}.docx`, {
        headers: {
          cookie: await cookieFor(t.demo.userIds.board),
        },
      }),
      params: p,
      context: {},
    });
    expect(doc.status).toBe(200);
    const read = readDocxBuffer(new Uint8Array(await doc.arrayBuffer()));
    expect(read.headings[0]).toEqual([1, "Målhierarki"]);
    expect(read.headerText).toContain(data.tree.plan.name);
    expect(read.text).toContain("Indsatsområde: Sammenhængskraft og medborgerskab");
  });

  it("reads a plan of 10 agreements in as many queries as a plan of 1", async () => {
    const plan1 = await createPlan(t.db, { members: { viewer: true } });
    const plan10 = await createPlan(t.db, { members: { viewer: true } });
    // The round has four focus areas; ten agreements need ten (administrators may add more).
    await t.db.insert(focusAreas).values(
      Array.from({ length: 6 }, (_, i) => ({
        fundingRoundId: plan10.fundingRoundId,
        name: `Prøveområde ${driver} ${i + 1}`,
        position: 100 + i,
      })),
    );
    await createAgreement(t.db, plan1, { activities: 2, criteria: 2 });
    for (let i = 0; i < 10; i++)
      await createAgreement(t.db, plan10, { activities: 2, criteria: 2 });
    const count = async (plan: typeof plan1) => {
      const { db, queries } = createCountingDb(t);
      const tree = await getGoalHierarchy(db, plan.members.viewer![0]!, plan.id);
      return {
        n: queries.length,
        areas: tree.focusAreas.filter((f) => f.agreementId != null).length,
      };
    };
    const one = await count(plan1);
    const ten = await count(plan10);
    expect(one.areas).toBe(1);
    expect(ten.areas).toBe(10);
    expect(ten.n).toBe(one.n);
    expect(one.n).toBeLessThanOrEqual(8);
  });
});
