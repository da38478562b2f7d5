/**
 * The activity pages of an agreement through their loaders and actions: creating an activity with
 * criteria and responsibilities, validation and list buttons without JavaScript, editing with kept
 * ids, reordering and deleting from the list, optimistic locking and access.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { agreements, focusAreas, plans, responsibilities, successCriteria } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { LIST_NOTICE, type FormFailure } from "~/domain/form";
import { createAgreement } from "~/models/agreements/create.server";
import { getAgreementView } from "~/models/agreements/read.server";
import * as activityList from "~/routes/plans.$planId.agreements.$agreementId.edit.activities._index";
import * as editActivity from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.$activityId";
import * as newActivity from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.new";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type Form = Record<string, string | string[]>;
type ListPage = Awaited<ReturnType<typeof activityList.loader>>;
type EditPage = Awaited<ReturnType<typeof editActivity.loader>>;

interface ResponsibilityInput {
  organisationId?: number;
  label?: string;
  duties: string[];
}

/** The fields of the activity form as the browser posts them. */
function activityForm(
  name: string,
  criteria: { id?: number; text: string; dataSource: string }[],
  parties: ResponsibilityInput[] = [],
): Form {
  const form: Form = {
    name,
    reference: "jf. en fiktiv metode",
    content: `Sådan foregår ${name}.\n\n- møder hver uge\n- opfølgning hver måned`,
    purposes: "at flere deltager\nat deltagerne bliver hængende",
    targetGroups: "unge mellem 13 og 17 år",
  };
  criteria.forEach((c, i) => {
    form[`criteria.${i}.id`] = c.id ? String(c.id) : "";
    form[`criteria.${i}.text`] = c.text;
    form[`criteria.${i}.dataSource`] = c.dataSource;
    form[`criteria.${i}.baselineValue`] = "";
    form[`criteria.${i}.baselineUnit`] = "";
    form[`criteria.${i}.baselineYear`] = "";
    form[`criteria.${i}.targetValue`] = "";
    form[`criteria.${i}.targetUnit`] = "";
    form[`criteria.${i}.targetYear`] = "";
  });
  parties.forEach((p, i) => {
    form[`responsibilities.${i}.id`] = "";
    form[`responsibilities.${i}.organisationId`] = p.organisationId ? String(p.organisationId) : "";
    form[`responsibilities.${i}.label`] = p.label ?? "";
    form[`responsibilities.${i}.duties`] = p.duties.join("\n");
  });
  return form;
}

describe.each(drivers)("agreement activity pages on %s", (driver) => {
  let t: TestDb;
  let agreementId: number;
  let otherAgreementId: number;
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
      .select()
      .from(focusAreas)
      .where(eq(focusAreas.fundingRoundId, plan!.fundingRoundId));
    const areaId = (name: string) => areas.find((a) => a.name === name)!.id;
    const create = (focusAreaId: number) =>
      createAgreement(t.db, t.user("secretariat"), t.demo.planId, {
        focusAreaId,
        openingText: OPENING_CLAUSE_DEFAULTS["2018"],
        validFrom: "2023-01-01",
        validTo: "2026-12-31",
      });
    agreementId = (await create(areaId("Uddannelse og livschancer"))).id;
    // A second agreement of the same plan, whose activities the first one's pages must not reach.
    otherAgreementId = (await create(areaId("Beskæftigelse"))).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const base = (id = agreementId) => `/plans/${t.demo.planId}/agreements/${id}`;
  const params = (extra: Record<string, string> = {}, id = agreementId) => ({
    planId: String(t.demo.planId),
    agreementId: String(id),
    ...extra,
  });
  const currentVersion = async (id = agreementId) => {
    const [row] = await t.db
      .select({ version: agreements.version })
      .from(agreements)
      .where(eq(agreements.id, id));
    return row!.version;
  };
  const view = async (id = agreementId) =>
    (await getAgreementView(t.db, t.user("secretariat"), t.demo.planId, id)).view;

  const postNew = async (form: Form, id = agreementId, userId = secretariat) =>
    callRoute(newActivity.action, `${base(id)}/edit/activities/new`, {
      userId,
      params: params({}, id),
      form: { version: String(await currentVersion(id)), ...form },
    });
  const postEdit = async (activityId: number, form: Form, userId = secretariat) =>
    callRoute(editActivity.action, `${base()}/edit/activities/${activityId}`, {
      userId,
      params: params({ activityId: String(activityId) }),
      form: { version: String(await currentVersion()), ...form },
    });
  const postList = async (form: Form, userId = secretariat, version?: number) =>
    callRoute(activityList.action, `${base()}/edit/activities`, {
      userId,
      params: params(),
      form: { version: String(version ?? (await currentVersion())), ...form },
    });
  const listPage = async () => {
    const res = await callRoute(activityList.loader, `${base()}/edit/activities`, {
      userId: secretariat,
      params: params(),
    });
    expect(res.status).toBe(200);
    return res.data as ListPage;
  };
  /** Creates an activity through the page and returns its id. */
  const createThroughPage = async (form: Form, id = agreementId) => {
    const res = await postNew(form, id);
    expect(res.status).toBe(302);
    const match = /#activity-(\d+)$/.exec(res.headers.get("Location") ?? "");
    expect(match).not.toBeNull();
    return Number(match![1]);
  };

  it("creates an activity with its criteria and responsibilities, in the typed order", async () => {
    const res = await postNew(
      activityForm(
        "Lektiehjælp i beboerhuset",
        [
          { text: "30 børn deltager hvert år", dataSource: "Fremmødelister" },
          { text: "80 % oplever bedre karakterer", dataSource: "Spørgeskema ved årets slutning" },
        ],
        [
          {
            label: "Det Boligsociale Sekretariat",
            duties: ["rekrutterer frivillige", "evaluerer"],
          },
          { organisationId: t.demo.organisationIds.school!, duties: ["henviser elever"] },
          {
            organisationId: t.demo.organisationIds.police!,
            label: "nærpolitiet",
            duties: ["deltager to gange om året", "holder oplæg", "giver sparring"],
          },
        ],
      ),
    );
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    const id = Number(/#activity-(\d+)$/.exec(location)?.[1]);
    expect(location).toBe(`${base()}#activity-${id}`);

    const { activities } = await view();
    expect(activities).toHaveLength(1);
    const created = activities[0]!;
    expect(created.id).toBe(id);
    expect(created.title).toBe("Lektiehjælp i beboerhuset (jf. en fiktiv metode)");
    expect(created.purposes).toEqual(["at flere deltager", "at deltagerne bliver hængende"]);
    expect(created.content?.blocks.map((b) => b.type)).toEqual(["paragraph", "list"]);
    expect(created.criteria.map((c) => [c.text, c.dataSource])).toEqual([
      ["30 børn deltager hvert år", "Fremmødelister"],
      ["80 % oplever bedre karakterer", "Spørgeskema ved årets slutning"],
    ]);
    expect(created.responsibilities.map((r) => [r.party, r.duties])).toEqual([
      ["Det Boligsociale Sekretariat", ["rekrutterer frivillige", "evaluerer"]],
      ["Strandengskolen", ["henviser elever"]],
      [
        "Havbakke Lokalpoliti (nærpolitiet)",
        ["deltager to gange om året", "holder oplæg", "giver sparring"],
      ],
    ]);
    // The agreement's own criteria stay empty: these belong to the activity.
    expect((await view()).criteria).toEqual([]);

    const page = await listPage();
    expect(page.activities).toEqual([
      {
        id,
        name: "Lektiehjælp i beboerhuset",
        shortName: null,
        reference: "jf. en fiktiv metode",
        criteriaCount: 2,
      },
    ]);
  });

  it("refuses a criterion without a data source and keeps what was typed", async () => {
    const before = (await view()).activities.length;
    const version = await currentVersion();
    const res = await postNew(
      activityForm("Madklub for familier", [{ text: "12 familier deltager", dataSource: "" }]),
    );
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors["criteria.0.dataSource"]).toBe("Angiv en datakilde");
    expect(failure.values.name).toBe("Madklub for familier");
    expect((failure.values.criteria as { text: string }[])[0]!.text).toBe("12 familier deltager");
    expect((await view()).activities).toHaveLength(before);
    expect(await currentVersion()).toBe(version);
  });

  it("adds a criterion row without JavaScript, without saving", async () => {
    const version = await currentVersion();
    const res = await postNew({
      ...activityForm("Sommerferieaktiviteter", [
        { text: "50 børn deltager", dataSource: "Tilmeldinger" },
      ]),
      _list: "criteria:add",
    });
    expect(res.status).toBe(200);
    const failure = res.data as FormFailure;
    expect(failure.notice).toBe(LIST_NOTICE);
    expect(failure.errors).toEqual({});
    const rows = failure.values.criteria as { text?: string }[];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text).toBe("50 børn deltager");
    expect(failure.values.name).toBe("Sommerferieaktiviteter");
    expect(await currentVersion()).toBe(version);
  });

  it("edits an activity and keeps the ids of its criteria", async () => {
    const id = await createThroughPage(
      activityForm(
        "Fritidsjob for unge",
        [
          { text: "20 unge får et fritidsjob", dataSource: "Jobkonsulentens opgørelse" },
          { text: "10 virksomheder er med", dataSource: "Samarbejdsaftaler" },
        ],
        [{ label: "Jobkonsulenten", duties: ["matcher unge og virksomheder"] }],
      ),
    );
    const loaded = await callRoute(editActivity.loader, `${base()}/edit/activities/${id}`, {
      userId: secretariat,
      params: params({ activityId: String(id) }),
    });
    expect(loaded.status).toBe(200);
    const { values } = loaded.data as EditPage;
    expect(values.name).toBe("Fritidsjob for unge");
    const [first, second] = values.criteria;

    const res = await postEdit(
      id,
      activityForm(
        "Fritidsjob for unge 13-17 år",
        [
          { id: second!.id, text: "12 virksomheder er med", dataSource: "Samarbejdsaftaler" },
          { id: first!.id, text: "25 unge får et fritidsjob", dataSource: "Opgørelse" },
          { text: "Halvdelen beholder jobbet et år", dataSource: "Opfølgning" },
        ],
        [{ label: "Jobkonsulenten", duties: ["matcher unge og virksomheder", "følger op"] }],
      ),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${base()}#activity-${id}`);

    const edited = (await view()).activities.find((a) => a.id === id)!;
    expect(edited.name).toBe("Fritidsjob for unge 13-17 år");
    expect(edited.criteria.map((c) => c.text)).toEqual([
      "12 virksomheder er med",
      "25 unge får et fritidsjob",
      "Halvdelen beholder jobbet et år",
    ]);
    expect(edited.criteria[0]!.id).toBe(second!.id);
    expect(edited.criteria[1]!.id).toBe(first!.id);
    expect([first!.id, second!.id]).not.toContain(edited.criteria[2]!.id);
    expect(edited.responsibilities[0]!.duties).toEqual([
      "matcher unge og virksomheder",
      "følger op",
    ]);
  });

  it("moves activities down and up from the list", async () => {
    const a = await createThroughPage(activityForm("Aktivitet A", []));
    await createThroughPage(activityForm("Aktivitet B", []));
    const names = async () => (await listPage()).activities.map((x) => x.name);
    const start = await names();
    expect(start.slice(-2)).toEqual(["Aktivitet A", "Aktivitet B"]);
    const withoutCriteria = (await listPage()).activities.find((x) => x.id === a)!;
    expect(withoutCriteria.criteriaCount).toBe(0);

    const down = await postList({ intent: "move", activityId: String(a), direction: "down" });
    expect(down.status).toBe(302);
    expect(down.headers.get("Location")).toBe(`${base()}/edit/activities#activity-${a}`);
    expect((await names()).slice(-2)).toEqual(["Aktivitet B", "Aktivitet A"]);
    // The agreement page follows the same order.
    expect((await view()).activities.map((x) => x.name).slice(-2)).toEqual([
      "Aktivitet B",
      "Aktivitet A",
    ]);

    const up = await postList({ intent: "move", activityId: String(a), direction: "up" });
    expect(up.status).toBe(302);
    expect((await names()).slice(-2)).toEqual(["Aktivitet A", "Aktivitet B"]);

    // The first activity cannot move further up: the order stays.
    const first = (await listPage()).activities[0]!;
    await postList({ intent: "move", activityId: String(first.id), direction: "up" });
    expect(await names()).toEqual(start);
  });

  it("deletes an activity with its criteria and responsibilities", async () => {
    const id = await createThroughPage(
      activityForm(
        "Aktivitet der skal slettes",
        [{ text: "Noget måles", dataSource: "Et sted" }],
        [{ label: "Nogen", duties: ["gør noget"] }],
      ),
    );
    const res = await postList({ intent: "delete", activityId: String(id) });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${base()}/edit/activities`);
    expect((await listPage()).activities.map((a) => a.id)).not.toContain(id);
    expect(
      await t.db.select().from(successCriteria).where(eq(successCriteria.activityId, id)),
    ).toEqual([]);
    expect(
      await t.db.select().from(responsibilities).where(eq(responsibilities.activityId, id)),
    ).toEqual([]);
  });

  it("answers 409 to a change based on an outdated version and changes nothing", async () => {
    const id = await createThroughPage(activityForm("Aktivitet med konflikt", []));
    const stale = (await currentVersion()) - 1;
    const before = (await listPage()).activities;

    const moved = await postList(
      { intent: "move", activityId: String(id), direction: "up" },
      secretariat,
      stale,
    );
    expect(moved.status).toBe(409);
    expect((moved.data as FormFailure).formError).toContain("En anden har ændret delaftalen");
    const deleted = await postList(
      { intent: "delete", activityId: String(id) },
      secretariat,
      stale,
    );
    expect(deleted.status).toBe(409);
    expect((await listPage()).activities).toEqual(before);

    const edited = await callRoute(editActivity.action, `${base()}/edit/activities/${id}`, {
      userId: secretariat,
      params: params({ activityId: String(id) }),
      form: { version: String(stale), ...activityForm("Nyt navn", []) },
    });
    expect(edited.status).toBe(409);
    expect((edited.data as FormFailure).values.name).toBe("Nyt navn");
    const created = await callRoute(newActivity.action, `${base()}/edit/activities/new`, {
      userId: secretariat,
      params: params(),
      form: { version: String(stale), ...activityForm("Endnu en", []) },
    });
    expect(created.status).toBe(409);
    expect((await listPage()).activities).toEqual(before);
  });

  it("refuses board members (403) and hides the pages from another plan's users (404)", async () => {
    const id = await createThroughPage(activityForm("Aktivitet med adgang", []));
    const activityParams = params({ activityId: String(id) });
    for (const [userId, status] of [
      [t.demo.userIds.board, 403],
      [t.demo.userIds.otherPlan, 404],
    ] as const) {
      const loaders = await Promise.all([
        callRoute(activityList.loader, `${base()}/edit/activities`, { userId, params: params() }),
        callRoute(newActivity.loader, `${base()}/edit/activities/new`, {
          userId,
          params: params(),
        }),
        callRoute(editActivity.loader, `${base()}/edit/activities/${id}`, {
          userId,
          params: activityParams,
        }),
      ]);
      expect(loaders.map((r) => r.status)).toEqual([status, status, status]);
      const actions = [
        await postList({ intent: "delete", activityId: String(id) }, userId),
        await postList({ intent: "move", activityId: String(id), direction: "up" }, userId),
        await postNew(activityForm("Ulovlig", []), agreementId, userId),
        await postEdit(id, activityForm("Ulovlig", []), userId),
      ];
      expect(actions.map((r) => r.status)).toEqual([status, status, status, status]);
    }
    const names = (await view()).activities.map((a) => a.name);
    expect(names).toContain("Aktivitet med adgang");
    expect(names).not.toContain("Ulovlig");
  });

  it("answers 404 for an activity of another agreement", async () => {
    const foreign = await createThroughPage(
      activityForm("Aktivitet i en anden delaftale", [{ text: "x", dataSource: "y" }]),
      otherAgreementId,
    );
    const foreignParams = params({ activityId: String(foreign) });
    const loaded = await callRoute(editActivity.loader, `${base()}/edit/activities/${foreign}`, {
      userId: secretariat,
      params: foreignParams,
    });
    expect(loaded.status).toBe(404);
    expect(await postEdit(foreign, activityForm("Kapret", []))).toMatchObject({ status: 404 });
    expect(
      await postList({ intent: "move", activityId: String(foreign), direction: "up" }),
    ).toMatchObject({ status: 404 });
    expect(await postList({ intent: "delete", activityId: String(foreign) })).toMatchObject({
      status: 404,
    });
    const garbled = await callRoute(editActivity.loader, `${base()}/edit/activities/abc`, {
      userId: secretariat,
      params: params({ activityId: "abc" }),
    });
    expect(garbled.status).toBe(404);

    const other = await view(otherAgreementId);
    expect(other.activities.map((a) => a.name)).toEqual(["Aktivitet i en anden delaftale"]);
    const [row] = await t.db
      .select({ n: successCriteria.id })
      .from(successCriteria)
      .where(
        and(
          eq(successCriteria.activityId, foreign),
          eq(successCriteria.agreementId, otherAgreementId),
        ),
      );
    expect(row).toBeDefined();
  });
});
