/**
 * Issue 12 items 4–6 through the pages, as the secretariat uses them: a success criterion whose
 * baseline or target is not one number is saved as written and shown beside the number, in the
 * agreement's view, the forms and the measurement grid; an activity keeps a short name for the
 * agreement's list beside its full name, and optional lead-ins before its purposes and target
 * groups. Too long input is refused in Danish with the input kept; others' plans stay closed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { activities, agreements, focusAreas, plans, successCriteria } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import { createAgreement } from "~/models/agreements/create.server";
import { getAgreementView } from "~/models/agreements/read.server";
import * as editCriteria from "~/routes/plans.$planId.agreements.$agreementId.edit.criteria";
import * as activityList from "~/routes/plans.$planId.agreements.$agreementId.edit.activities._index";
import * as editActivity from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.$activityId";
import * as newActivity from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.new";
import * as measurementsPage from "~/routes/plans.$planId.agreements.$agreementId.measurements";

type Form = Record<string, string>;
type CriteriaPage = Awaited<ReturnType<typeof editCriteria.loader>>;
type EditActivityPage = Awaited<ReturnType<typeof editActivity.loader>>;
type ListPage = Awaited<ReturnType<typeof activityList.loader>>;
type GridPage = Awaited<ReturnType<typeof measurementsPage.loader>>;

const THREE_ESTATES = "53 %, 66 % og 68 % i tre afdelinger";

interface CriterionInput {
  text: string;
  dataSource: string;
  baselineValue?: string;
  baselineUnit?: string;
  baselineYear?: string;
  baselineText?: string;
  targetValue?: string;
  targetUnit?: string;
  targetYear?: string;
  targetText?: string;
}

/** A criteria list's fields as the browser posts them (every field, empty when not typed). */
function criteriaFields(rows: CriterionInput[]): Form {
  const form: Form = {};
  rows.forEach((row, i) => {
    form[`criteria.${i}.id`] = "";
    for (const key of [
      "text",
      "dataSource",
      "baselineValue",
      "baselineUnit",
      "baselineYear",
      "baselineText",
      "targetValue",
      "targetUnit",
      "targetYear",
      "targetText",
    ] as const) {
      form[`criteria.${i}.${key}`] = row[key] ?? "";
    }
  });
  return form;
}

function activityForm(fields: Partial<Form>, criteria: CriterionInput[] = []): Form {
  return {
    name: "Lektiecafé for børn og unge i alderen 6-16 år",
    shortName: "",
    reference: "",
    content: "",
    purposesLeadIn: "",
    purposes: "at flere får lavet lektier",
    targetGroupsLeadIn: "",
    targetGroups: "skolebørn i området",
    ...fields,
    ...criteriaFields(criteria),
  };
}

describe.each(drivers)("text measures and activity names on %s", (driver) => {
  let t: TestDb;
  let agreementId: number;
  let secretariat: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    secretariat = t.demo.userIds.secretariat;
    const [plan] = await t.db
      .select({ fundingRoundId: plans.fundingRoundId })
      .from(plans)
      .where(eq(plans.id, t.demo.planId));
    const areas = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.fundingRoundId, plan!.fundingRoundId));
    const used = await t.db
      .select({ focusAreaId: agreements.focusAreaId })
      .from(agreements)
      .where(eq(agreements.planId, t.demo.planId));
    // The first focus area the demo plan does not use yet (one agreement per area, R3).
    const area = areas.find((a) => !used.some((u) => u.focusAreaId === a.id));
    agreementId = (
      await createAgreement(t.db, t.user("secretariat"), t.demo.planId, {
        focusAreaId: area!.id,
        openingText: OPENING_CLAUSE_DEFAULTS["2018"],
        validFrom: "2023-01-01",
        validTo: "2026-12-31",
      })
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const base = () => `/plans/${t.demo.planId}/agreements/${agreementId}`;
  const params = (extra: Record<string, string> = {}) => ({
    planId: String(t.demo.planId),
    agreementId: String(agreementId),
    ...extra,
  });
  const currentVersion = async () => {
    const [row] = await t.db
      .select({ version: agreements.version })
      .from(agreements)
      .where(eq(agreements.id, agreementId));
    return row!.version;
  };
  const view = async () =>
    (await getAgreementView(t.db, t.user("secretariat"), t.demo.planId, agreementId)).view;

  const postCriteria = async (form: Form, userId = secretariat) =>
    callRoute(editCriteria.action, `${base()}/edit/criteria`, {
      userId,
      params: params(),
      form: { version: String(await currentVersion()), ...form },
    });
  const postNewActivity = async (form: Form, userId = secretariat) =>
    callRoute(newActivity.action, `${base()}/edit/activities/new`, {
      userId,
      params: params(),
      form: { version: String(await currentVersion()), ...form },
    });
  const postEditActivity = async (activityId: number, form: Form, userId = secretariat) =>
    callRoute(editActivity.action, `${base()}/edit/activities/${activityId}`, {
      userId,
      params: params({ activityId: String(activityId) }),
      form: { version: String(await currentVersion()), ...form },
    });
  const createActivityThroughPage = async (form: Form) => {
    const res = await postNewActivity(form);
    expect(res.status).toBe(302);
    return Number(/#activity-(\d+)$/.exec(res.headers.get("Location") ?? "")![1]);
  };

  it("saves a three-value baseline and a text target as written and shows them", async () => {
    const res = await postCriteria(
      criteriaFields([
        {
          text: "Trygheden stiger i alle tre afdelinger",
          dataSource: "Tryghedsmålingen",
          baselineText: THREE_ESTATES,
          baselineYear: "2018",
          targetText: "Mindst 70 % i hver afdeling",
          targetYear: "2026",
        },
        {
          text: "Flere unge i uddannelse",
          dataSource: "Danmarks Statistik",
          baselineValue: "42",
          baselineUnit: "%",
          baselineYear: "2016",
          baselineText: "gennemsnit af de tre afdelinger",
          targetValue: "50",
          targetUnit: "%",
        },
      ]),
    );
    expect(res.status).toBe(302);

    const { criteria } = await view();
    expect(criteria.map((c) => [c.baseline?.text, c.target?.text])).toEqual([
      [`${THREE_ESTATES} (2018)`, "Mindst 70 % i hver afdeling (2026)"],
      ["42 % (2016) – gennemsnit af de tre afdelinger", "50 %"],
    ]);
    // Not forced into one number: the three values are not stored as a number at all.
    const stored = await t.db
      .select({
        baselineValue: successCriteria.baselineValue,
        baselineText: successCriteria.baselineText,
      })
      .from(successCriteria)
      .where(eq(successCriteria.agreementId, agreementId));
    expect(stored).toContainEqual({ baselineValue: null, baselineText: THREE_ESTATES });

    // The form gives the text back exactly, beside the (empty) number fields.
    const loaded = await callRoute(editCriteria.loader, `${base()}/edit/criteria`, {
      userId: secretariat,
      params: params(),
    });
    const [first, second] = (loaded.data as CriteriaPage).values.criteria;
    expect(first).toMatchObject({
      baselineValue: "",
      baselineText: THREE_ESTATES,
      targetValue: "",
      targetText: "Mindst 70 % i hver afdeling",
    });
    expect(second).toMatchObject({
      baselineValue: "42",
      baselineText: "gennemsnit af de tre afdelinger",
    });
  });

  it("refuses a too long text baseline in Danish, keeps the input and saves nothing", async () => {
    const before = (await view()).criteria;
    const version = await currentVersion();
    const res = await postCriteria(
      criteriaFields([
        {
          text: "Trygheden stiger",
          dataSource: "Tryghedsmålingen",
          baselineText: "x".repeat(501),
          targetText: "Mindst 70 %",
        },
      ]),
    );
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors["criteria.0.baselineText"]).toBe("Højst 500 tegn");
    const [row] = failure.values.criteria as Record<string, string>[];
    expect(row!.baselineText).toBe("x".repeat(501));
    expect(row!.targetText).toBe("Mindst 70 %");
    expect((await view()).criteria).toEqual(before);
    expect(await currentVersion()).toBe(version);
  });

  it("keeps an activity's short name beside its full name, with its lead-ins", async () => {
    const id = await createActivityThroughPage(
      activityForm(
        {
          shortName: "Lektiecafé",
          reference: "jf. Lektiecaféens koncept",
          purposesLeadIn: "Formål med indsatsen er:",
          purposes: "at flere får lavet lektier\nat flere bliver i skolen",
          targetGroupsLeadIn: "Målgrupperne er:",
        },
        [
          {
            text: "Flere børn klarer sig bedre i dansk",
            dataSource: "Skolens test",
            baselineText: "53 %, 66 % og 68 %",
            targetValue: "75",
            targetUnit: "%",
          },
        ],
      ),
    );

    const activity = (await view()).activities.find((a) => a.id === id)!;
    expect(activity).toMatchObject({
      name: "Lektiecafé for børn og unge i alderen 6-16 år",
      shortName: "Lektiecafé",
      // The schema uses the full name, the agreement's list the short one.
      title: "Lektiecafé for børn og unge i alderen 6-16 år (jf. Lektiecaféens koncept)",
      listTitle: "Lektiecafé (jf. Lektiecaféens koncept)",
      purposesLeadIn: "Formål med indsatsen er:",
      purposes: ["at flere får lavet lektier", "at flere bliver i skolen"],
      targetGroupsLeadIn: "Målgrupperne er:",
    });
    expect(activity.criteria.map((c) => [c.baseline?.text, c.target?.text])).toEqual([
      ["53 %, 66 % og 68 %", "75 %"],
    ]);

    const loaded = await callRoute(editActivity.loader, `${base()}/edit/activities/${id}`, {
      userId: secretariat,
      params: params({ activityId: String(id) }),
    });
    expect(loaded.status).toBe(200);
    const { values } = loaded.data as EditActivityPage;
    expect(values).toMatchObject({
      shortName: "Lektiecafé",
      purposesLeadIn: "Formål med indsatsen er:",
      targetGroupsLeadIn: "Målgrupperne er:",
    });
    expect(values.criteria[0]).toMatchObject({ baselineText: "53 %, 66 % og 68 %" });

    const list = await callRoute(activityList.loader, `${base()}/edit/activities`, {
      userId: secretariat,
      params: params(),
    });
    expect((list.data as ListPage).activities.find((a) => a.id === id)).toMatchObject({
      name: "Lektiecafé for børn og unge i alderen 6-16 år",
      shortName: "Lektiecafé",
    });
  });

  it("drops a cleared short name and lead-in, so the list uses the full name again", async () => {
    const id = await createActivityThroughPage(
      activityForm({
        name: "Fritidsjobformidling til unge mellem 13 og 17 år",
        shortName: "Fritidsjob",
        targetGroupsLeadIn: "Målgruppen er:",
      }),
    );
    const res = await postEditActivity(
      id,
      activityForm({
        name: "Fritidsjobformidling til unge mellem 13 og 17 år",
        shortName: "  ",
        targetGroupsLeadIn: "",
      }),
    );
    expect(res.status).toBe(302);
    const activity = (await view()).activities.find((a) => a.id === id)!;
    expect(activity.shortName).toBeNull();
    expect(activity.listTitle).toBe("Fritidsjobformidling til unge mellem 13 og 17 år");
    expect(activity.targetGroupsLeadIn).toBeNull();
    const [row] = await t.db
      .select({ shortName: activities.shortName, lead: activities.targetGroupsLeadIn })
      .from(activities)
      .where(eq(activities.id, id));
    expect(row).toEqual({ shortName: null, lead: null });
  });

  it("refuses a too long short name or lead-in in Danish and keeps what was typed", async () => {
    const before = (await view()).activities.length;
    const version = await currentVersion();
    const res = await postNewActivity(
      activityForm({
        name: "Madklub for familier",
        shortName: "M".repeat(201),
        purposesLeadIn: "F".repeat(301),
      }),
    );
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors.shortName).toBe("Højst 200 tegn");
    expect(failure.errors.purposesLeadIn).toBe("Højst 300 tegn");
    expect(failure.values).toMatchObject({
      name: "Madklub for familier",
      shortName: "M".repeat(201),
      purposesLeadIn: "F".repeat(301),
    });
    expect((await view()).activities).toHaveLength(before);
    expect(await currentVersion()).toBe(version);
  });

  it("shows a text target in the measurement grid and suggests no status from it", async () => {
    const grid = await callRoute(measurementsPage.loader, `${base()}/measurements?year=2024`, {
      userId: t.demo.userIds.reporter,
      params: params(),
    });
    expect(grid.status).toBe(200);
    const rows = (grid.data as GridPage).rows;
    const textTarget = rows.find(
      (r) => r.criterion.text === "Trygheden stiger i alle tre afdelinger",
    )!;
    expect(textTarget.criterion.baseline?.text).toBe(`${THREE_ESTATES} (2018)`);
    expect(textTarget.criterion.target?.text).toBe("Mindst 70 % i hver afdeling (2026)");
    expect(textTarget.targetValue).toBeNull();

    // A number entered against a text target: saved, but no status is made up from it.
    const values = (grid.data as GridPage).values!.rows;
    const form: Form = {};
    values.forEach((row, i) => {
      for (const [key, value] of Object.entries(row)) form[`rows.${i}.${key}`] = String(value);
    });
    const at = rows.indexOf(textTarget);
    form[`rows.${at}.valueNumber`] = "71";
    form[`rows.${at}.unit`] = "%";
    const saved = await callRoute(measurementsPage.action, `${base()}/measurements?year=2024`, {
      userId: t.demo.userIds.reporter,
      params: params(),
      form,
    });
    expect(saved.status).toBe(302);
    const after = await callRoute(measurementsPage.loader, `${base()}/measurements?year=2024`, {
      userId: t.demo.userIds.reporter,
      params: params(),
    });
    const row = (after.data as GridPage).rows.find(
      (r) => r.criterion.id === textTarget.criterion.id,
    )!;
    expect(row.measurement?.valueNumber).toBe(71);
    expect(row.suggestion).toBeNull();
    expect(row.measurement?.status).toBe("not_measured");
  });

  it("refuses board members (403) and hides the pages from another plan's users (404)", async () => {
    const id = (await view()).activities[0]!.id;
    for (const [userId, status] of [
      [t.demo.userIds.board, 403],
      [t.demo.userIds.otherPlan, 404],
    ] as const) {
      const before = await currentVersion();
      const responses = [
        await postCriteria(
          criteriaFields([{ text: "Kapret", dataSource: "x", baselineText: "1, 2 og 3" }]),
          userId,
        ),
        await postNewActivity(activityForm({ name: "Ulovlig", shortName: "Ulovlig" }), userId),
        await postEditActivity(id, activityForm({ shortName: "Kapret" }), userId),
        await callRoute(editActivity.loader, `${base()}/edit/activities/${id}`, {
          userId,
          params: params({ activityId: String(id) }),
        }),
      ];
      expect(responses.map((r) => r.status)).toEqual([status, status, status, status]);
      expect(await currentVersion()).toBe(before);
    }
    const { activities: shown, criteria } = await view();
    expect(shown.map((a) => a.shortName)).not.toContain("Kapret");
    expect(shown.map((a) => a.name)).not.toContain("Ulovlig");
    expect(criteria.map((c) => c.text)).not.toContain("Kapret");
  });
});
