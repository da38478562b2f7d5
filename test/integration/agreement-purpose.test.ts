/**
 * The agreement's "Formål, mål og metode" page through its route loader and action: lead-ins
 * before the lists, goals with their delmål (rows that keep their ids across saves, because
 * success criteria will refer to them), the focus area's primary target group, list buttons
 * without JavaScript, Danish messages at the field with the typed values kept, and access.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditEvents, focusAreas, goals } from "../../db/schema";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import type { FormFailure } from "~/domain/form";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { createAgreement } from "~/models/agreements/create.server";
import { getAgreementView } from "~/models/agreements/read.server";
import { FOREIGN_ROW_MESSAGE } from "~/models/agreements/sections.server";
import * as purposePage from "~/routes/plans.$planId.agreements.$agreementId.edit.purpose";

type Form = Record<string, string>;
type LoaderData = Awaited<ReturnType<typeof purposePage.loader>>;
type GoalInput = {
  id?: number | string;
  text: string;
  subGoals?: { id?: number | string; text: string }[];
};

/** The goal rows as the page posts them: `goals.0.text`, `goals.0.subGoals.1.id` … */
function goalFields(rows: GoalInput[]): Form {
  const form: Form = {};
  rows.forEach((goal, g) => {
    form[`goals.${g}.id`] = String(goal.id ?? "");
    form[`goals.${g}.text`] = goal.text;
    (goal.subGoals ?? []).forEach((sub, s) => {
      form[`goals.${g}.subGoals.${s}.id`] = String(sub.id ?? "");
      form[`goals.${g}.subGoals.${s}.text`] = sub.text;
    });
  });
  return form;
}

describe.each(drivers)("agreement purpose page on %s", (driver) => {
  let t: TestDb;
  let agreementId: number;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const [area] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Uddannelse og livschancer"));
    const agreement = await createAgreement(t.db, t.user("secretariat"), t.demo.planId, {
      focusAreaId: area!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    agreementId = agreement.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const params = () => ({ planId: String(t.demo.planId), agreementId: String(agreementId) });
  const url = () => `/plans/${t.demo.planId}/agreements/${agreementId}/edit/purpose`;

  async function load(userId = t.demo.userIds.secretariat) {
    const res = await callRoute(purposePage.loader, url(), { userId, params: params() });
    expect(res.status).toBe(200);
    return res.data as LoaderData;
  }

  const post = (form: Form, userId = t.demo.userIds.secretariat) =>
    callRoute(purposePage.action, url(), { userId, params: params(), form });

  const view = async () =>
    (await getAgreementView(t.db, t.user("viewer"), t.demo.planId, agreementId)).view;

  /** The goals as the agreement shows them: text with its delmål's texts. */
  const goalTexts = async () =>
    (await view()).goals.map((g) => [g.text, g.subGoals.map((s) => s.text)]);

  async function baseForm(): Promise<Form> {
    const { record } = await load();
    return {
      version: String(record.version),
      purposesLeadIn: "Formålet er:",
      purposes: "at styrke børns skolegang\nat flere unge får en uddannelse",
      goalsLeadIn: "Målet er:",
      primaryTargetGroup:
        "Børn og unge 6-17 år i afdelingerne.\r\n\r\n1. Børn i udskolingen\r\n2. Unge uden for uddannelse",
      method: "Lektiecafé og mentorordning.",
    };
  }

  it("starts empty, then saves the lead-ins, two goals with delmål and the primary target group", async () => {
    const { values } = await load();
    expect(values).toEqual({
      purposesLeadIn: "",
      purposes: "",
      goalsLeadIn: "",
      goals: [],
      primaryTargetGroup: "",
      method: "",
    });

    const res = await post({
      ...(await baseForm()),
      ...goalFields([
        {
          text: "at flere børn trives i skolen",
          subGoals: [{ text: "at fraværet falder" }, { text: "at flere går til lektiecafé" }],
        },
        {
          text: "at flere unge gennemfører en uddannelse",
          subGoals: [{ text: "at frafaldet falder" }],
        },
      ]),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `/plans/${t.demo.planId}/agreements/${agreementId}#purpose`,
    );

    const v = await view();
    expect(v.purposesLeadIn).toBe("Formålet er:");
    expect(v.purposes).toEqual(["at styrke børns skolegang", "at flere unge får en uddannelse"]);
    expect(v.goalsLeadIn).toBe("Målet er:");
    expect(await goalTexts()).toEqual([
      ["at flere børn trives i skolen", ["at fraværet falder", "at flere går til lektiecafé"]],
      ["at flere unge gennemfører en uddannelse", ["at frafaldet falder"]],
    ]);
    // The target group's numbered list stays a numbered list.
    expect(v.primaryTargetGroup?.blocks).toEqual([
      { type: "paragraph", content: [{ text: "Børn og unge 6-17 år i afdelingerne." }] },
      {
        type: "list",
        ordered: true,
        items: [[{ text: "Børn i udskolingen" }], [{ text: "Unge uden for uddannelse" }]],
      },
    ]);

    // The audit event holds the section's values before and after.
    const [event] = await t.db
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "agreement.purpose.update"),
          eq(auditEvents.entityId, String(agreementId)),
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(event!.before).toMatchObject({ goals: [], goalsLeadIn: null, primaryTargetGroup: null });
    expect(event!.after).toMatchObject({
      purposesLeadIn: "Formålet er:",
      goalsLeadIn: "Målet er:",
      goals: [
        { text: "at flere børn trives i skolen", subGoals: [{}, {}] },
        { text: "at flere unge gennemfører en uddannelse", subGoals: [{}] },
      ],
    });
    expect(Object.keys(event!.after as object).sort()).toEqual([
      "goals",
      "goalsLeadIn",
      "method",
      "primaryTargetGroup",
      "purposes",
      "purposesLeadIn",
    ]);

    // The form shows what was saved, the numbered list written back with its numbers.
    const loaded = await load();
    expect(loaded.values.purposesLeadIn).toBe("Formålet er:");
    expect(loaded.values.primaryTargetGroup).toBe(
      "Børn og unge 6-17 år i afdelingerne.\n\n1. Børn i udskolingen\n2. Unge uden for uddannelse",
    );
    expect(loaded.values.goals.map((g) => [g.text, g.subGoals.map((s) => s.text)])).toEqual(
      await goalTexts(),
    );
  });

  it("keeps every goal's and delmål's id when they are reordered, renamed or moved to another goal", async () => {
    const before = (await load()).values.goals;
    const [trives, uddannelse] = before;
    const [fravaer, lektiecafe] = trives!.subGoals;
    const [frafald] = uddannelse!.subGoals;

    const res = await post({
      ...(await baseForm()),
      ...goalFields([
        // The goals swap places; a delmål moves from the first goal to the second.
        {
          id: uddannelse!.id,
          text: "at flere unge gennemfører en ungdomsuddannelse",
          subGoals: [
            { id: frafald!.id, text: "at frafaldet falder" },
            { id: lektiecafe!.id, text: "at flere unge går til lektiecafé" },
          ],
        },
        {
          id: trives!.id,
          text: "at flere børn trives i skolen",
          subGoals: [
            { text: "at flere børn deltager i fritidsaktiviteter" },
            { id: fravaer!.id, text: "at fraværet falder" },
          ],
        },
      ]),
    });
    expect(res.status).toBe(302);

    const v = await view();
    expect(v.goals.map((g) => g.id)).toEqual([uddannelse!.id, trives!.id]);
    expect(v.goals.map((g) => [g.text, g.subGoals.map((s) => [s.id, s.text])])).toEqual([
      [
        "at flere unge gennemfører en ungdomsuddannelse",
        [
          [frafald!.id, "at frafaldet falder"],
          [lektiecafe!.id, "at flere unge går til lektiecafé"],
        ],
      ],
      [
        "at flere børn trives i skolen",
        [
          [expect.any(Number), "at flere børn deltager i fritidsaktiviteter"],
          [fravaer!.id, "at fraværet falder"],
        ],
      ],
    ]);
    const added = v.goals[1]!.subGoals[0]!.id;
    expect([trives!.id, uddannelse!.id, fravaer!.id, lektiecafe!.id, frafald!.id]).not.toContain(
      added,
    );
  });

  /** What the agreement holds after the removal below. */
  const remaining = [
    ["at flere børn trives i skolen", ["at frafaldet falder", "at fraværet falder"]],
  ];

  it("removes a goal and a delmål, and keeps a delmål moved out of the removed goal", async () => {
    const [removed, kept] = (await load()).values.goals;
    const moved = removed!.subGoals[0]!;
    const res = await post({
      ...(await baseForm()),
      ...goalFields([{ id: kept!.id, text: kept!.text, subGoals: [moved, kept!.subGoals[1]!] }]),
    });
    expect(res.status).toBe(302);
    expect(await goalTexts()).toEqual(remaining);
    expect((await view()).goals[0]!.subGoals.map((s) => s.id)).toEqual([
      moved.id,
      kept!.subGoals[1]!.id,
    ]);
    // The removed goal's other delmål and the removed delmål are gone from the database.
    const rows = await t.db
      .select({ id: goals.id })
      .from(goals)
      .where(eq(goals.agreementId, agreementId));
    const ascending = (a: number, b: number) => a - b;
    expect(rows.map((r) => r.id).sort(ascending)).toEqual(
      [kept!.id, moved.id, kept!.subGoals[1]!.id].sort(ascending),
    );
  });

  it("adds a goal and a delmål with the list buttons without JavaScript, saving nothing", async () => {
    const versionBefore = (await load()).record.version;
    const [goal] = (await load()).values.goals;
    const form = { ...(await baseForm()), ...goalFields([goal!]) };

    const addSub = await post({ ...form, _list: "goals.0.subGoals:add" });
    expect(addSub.status).toBe(200);
    const subValues = (addSub.data as FormFailure).values as { goals: GoalInput[] };
    expect(subValues.goals[0]!.subGoals!.map((sub) => sub.text ?? "")).toEqual([
      "at frafaldet falder",
      "at fraværet falder",
      "",
    ]);

    const addGoal = await post({ ...form, _list: "goals:add" });
    expect(addGoal.status).toBe(200);
    expect(((addGoal.data as FormFailure).values as { goals: GoalInput[] }).goals).toHaveLength(2);

    expect((await load()).record.version).toBe(versionBefore);
    expect(await goalTexts()).toEqual(remaining);
  });

  it("refuses a goal without text that has delmål: 400, a Danish message at the field, the typed values kept", async () => {
    const res = await post({
      ...(await baseForm()),
      goalsLeadIn: "Målene er:",
      ...goalFields([
        { text: "  ", subGoals: [{ text: "at fraværet falder til 5 %" }, { text: "" }] },
      ]),
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors).toEqual({
      "goals.0.text": "Skriv målet, eller fjern det",
      "goals.0.subGoals.1.text": "Skriv delmålet, eller fjern det",
    });
    expect(body.values).toMatchObject({
      goalsLeadIn: "Målene er:",
      goals: [{ text: "  ", subGoals: [{ text: "at fraværet falder til 5 %" }, { text: "" }] }],
    });
    expect((await view()).goalsLeadIn).toBe("Målet er:");
  });

  it("refuses a lead-in longer than 300 characters at its field", async () => {
    const res = await post({ ...(await baseForm()), purposesLeadIn: "x".repeat(301) });
    expect(res.status).toBe(400);
    expect((res.data as FormFailure).errors).toEqual({ purposesLeadIn: "Højst 300 tegn" });
  });

  it("refuses goal and delmål ids of another agreement, and a delmål posted as a goal", async () => {
    const demo = (await getAgreementView(t.db, t.user("viewer"), t.demo.planId, t.demo.agreementId))
      .view;
    const foreignGoal = demo.goals[0]!;
    expect(foreignGoal).toBeDefined();
    const [own] = (await load()).values.goals;
    const ownSub = own!.subGoals[0]!;

    const stolenGoal = await post({
      ...(await baseForm()),
      ...goalFields([{ id: foreignGoal.id, text: "kapret mål" }]),
    });
    expect(stolenGoal.status).toBe(400);
    expect((stolenGoal.data as FormFailure).errors).toEqual({ goals: FOREIGN_ROW_MESSAGE });

    // The demo's goals get a delmål of their own to try to take.
    const demoSubGoal = await t.db
      .insert(goals)
      .values({
        agreementId: t.demo.agreementId,
        parentId: foreignGoal.id,
        text: "demoens delmål",
        position: 0,
      })
      .returning({ id: goals.id });
    const stolenSub = await post({
      ...(await baseForm()),
      ...goalFields([
        { id: own!.id, text: own!.text, subGoals: [{ id: demoSubGoal[0]!.id, text: "kapret" }] },
      ]),
    });
    expect(stolenSub.status).toBe(400);
    expect((stolenSub.data as FormFailure).errors).toEqual({
      "goals.0.subGoals": FOREIGN_ROW_MESSAGE,
    });

    const promoted = await post({
      ...(await baseForm()),
      ...goalFields([{ id: ownSub.id, text: ownSub.text }]),
    });
    expect(promoted.status).toBe(400);
    expect((promoted.data as FormFailure).errors).toEqual({ goals: FOREIGN_ROW_MESSAGE });

    // Nothing changed, here or in the demo agreement.
    expect(await goalTexts()).toEqual(remaining);
    const demoAfter = (
      await getAgreementView(t.db, t.user("viewer"), t.demo.planId, t.demo.agreementId)
    ).view;
    expect(demoAfter.goals[0]).toEqual({
      ...foreignGoal,
      subGoals: [...foreignGoal.subGoals, { id: demoSubGoal[0]!.id, text: "demoens delmål" }],
    });
  });

  it("lets only the plan's editors in: board members get 403, users of another plan 404", async () => {
    const form = { ...(await baseForm()), ...goalFields([{ text: "uvedkommende mål" }]) };
    const boardLoader = await callRoute(purposePage.loader, url(), {
      userId: t.demo.userIds.board,
      params: params(),
    });
    expect(boardLoader.status).toBe(403);
    expect((await post(form, t.demo.userIds.board)).status).toBe(403);
    const otherLoader = await callRoute(purposePage.loader, url(), {
      userId: t.demo.userIds.otherPlan,
      params: params(),
    });
    expect(otherLoader.status).toBe(404);
    expect((await post(form, t.demo.userIds.otherPlan)).status).toBe(404);
    expect(await goalTexts()).toEqual(remaining);
  });
});
