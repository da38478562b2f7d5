/**
 * The activity log's pages below the browser, as Remix calls their loaders and actions: the
 * secretariat registers a safety walk with findings and actions through the form, changes an
 * action's status, holds the follow-up meeting and records its stock-taking; bad input is a 400
 * with Danish messages and the input kept; a stale edit a 409; board members and viewers read but
 * every post is a 403; a user of another plan gets 404 on every page and post. All data invented.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { flashOf } from "../helpers/flash";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import { followUpDate } from "~/domain/activity-log";
import * as myActionsPage from "~/routes/actions._index";
import * as eventPage from "~/routes/plans.$planId.log.$eventId._index";
import * as editPage from "~/routes/plans.$planId.log.$eventId.edit";
import * as actionsPage from "~/routes/plans.$planId.log.actions";
import * as listPage from "~/routes/plans.$planId.log._index";
import * as newPage from "~/routes/plans.$planId.log.new";
import * as settingsPage from "~/routes/plans.$planId.log.settings";

type Form = Record<string, string>;
type NewData = Awaited<ReturnType<typeof newPage.loader>>;
type EventData = Awaited<ReturnType<typeof eventPage.loader>>;
type ListData = Awaited<ReturnType<typeof listPage.loader>>;
type ActionsData = Awaited<ReturnType<typeof actionsPage.loader>>;

const WALK_DATE = "2026-04-14";

describe.each(drivers)("activity-log pages on %s", (driver) => {
  let t: TestDb;
  let options: NewData["options"];
  let eventId: number;
  const planId = () => String(t.demo.planId);
  const log = (suffix = "") => `/plans/${planId()}/log${suffix}`;
  const user = (key: Parameters<TestDb["user"]>[0]) => t.user(key).id;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const res = await callRoute(newPage.loader, log("/new"), {
      userId: user("secretariat"),
      params: { planId: planId() },
    });
    expect(res.status).toBe(200);
    options = (res.data as NewData).options;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The demo agreement's first activity, its first two parties, and the walk kind. */
  const choices = () => {
    const group = options.activityGroups.find((g) => g.options.length > 0)!;
    const parties = options.partyGroups.find((g) => g.key === group.key)!.options;
    const walk = options.kinds.find((k) => k.name === "Tryghedsvandring")!;
    return { activityId: group.options[0]!.value, parties, walk };
  };

  /** A safety walk with two findings and three actions for two parties, as the browser posts it. */
  const walkForm = (overrides: Form = {}): Form => {
    const { activityId, parties, walk } = choices();
    const [a, b] = [parties[0]!.value, (parties[1] ?? parties[0])!.value];
    return {
      activityId,
      kindId: String(walk.id),
      date: WALK_DATE,
      place: "Gårdene i afd. 21",
      note: "God stemning, 20 minutters regn.",
      ...Object.fromEntries(
        options.groups.flatMap((g, i) => [
          [`participants.${i}.groupId`, String(g.id)],
          [`participants.${i}.count`, i === 0 ? "12" : "3"],
        ]),
      ),
      "findings.0.text": "Mørk sti bag nr. 14",
      "findings.0.place": "Stien mod skolen",
      "findings.0.actions.0.party": a,
      "findings.0.actions.0.description": "Skift de to defekte lamper",
      "findings.0.actions.0.dueDate": "2026-05-15",
      "findings.0.actions.0.status": "open",
      "findings.0.actions.1.party": b,
      "findings.0.actions.1.description": "Beskær buskene langs stien",
      "findings.0.actions.1.dueDate": "2026-06-01",
      "findings.0.actions.1.status": "open",
      "findings.1.text": "Knallertkørsel i gården",
      "findings.1.place": "Gården ved nr. 8",
      "findings.1.actions.0.party": b,
      "findings.1.actions.0.description": "Tal med de unge sammen med SSP",
      "findings.1.actions.0.status": "in_progress",
      scheduleFollowUp: "on",
      followUpDue: "",
      ...overrides,
    };
  };

  const post = (
    handler: Parameters<typeof callRoute>[0],
    url: string,
    who: number,
    form: Form,
    params: Record<string, string> = { planId: planId() },
  ) => callRoute(handler, url, { userId: who, form, params });

  const loadEvent = async (id = eventId, who = user("secretariat")) => {
    const res = await callRoute(eventPage.loader, log(`/${id}`), {
      userId: who,
      params: { planId: planId(), eventId: String(id) },
    });
    expect(res.status).toBe(200);
    return (res.data as EventData).event;
  };

  it("registers a safety walk with two findings and three actions for two parties", async () => {
    expect(choices().parties.length).toBeGreaterThanOrEqual(2);
    const res = await post(newPage.action, log("/new"), user("secretariat"), walkForm());
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^${log("/")}\\d+$`));
    expect(await flashOf(res)).toBe("Hændelsen er gemt.");
    eventId = Number(/\/log\/(\d+)/.exec(location)![1]);
    const event = await loadEvent();
    expect(event.kind.name).toBe("Tryghedsvandring");
    expect(event.place).toBe("Gårdene i afd. 21");
    expect(event.participantTotal).toBe(12 + 3 * (options.groups.length - 1));
    expect(event.findings.map((f) => f.text)).toEqual([
      "Mørk sti bag nr. 14",
      "Knallertkørsel i gården",
    ]);
    expect(event.findings.flatMap((f) => f.actions.map((a) => a.description))).toEqual([
      "Skift de to defekte lamper",
      "Beskær buskene langs stien",
      "Tal med de unge sammen med SSP",
    ]);
    expect(new Set(event.findings.flatMap((f) => f.actions.map((a) => a.responsible))).size).toBe(
      2,
    );
    // A walk's follow-up is scheduled half a year later when the date is left empty.
    expect(event.followUpDue).toBe(followUpDate(WALK_DATE, 6));

    const list = await callRoute(listPage.loader, log(), {
      userId: user("viewer"),
      params: { planId: planId() },
    });
    expect(list.status).toBe(200);
    const listed = (list.data as ListData).events.find((e) => e.id === eventId)!;
    expect(listed).toMatchObject({ findingCount: 2, openActionCount: 3 });
  });

  it("answers bad input with 400, Danish messages beside the fields and the input kept", async () => {
    const res = await post(
      newPage.action,
      log("/new"),
      user("reporter"),
      walkForm({
        activityId: "",
        "findings.0.actions.0.status": "dropped",
        "findings.0.actions.0.dropReason": "",
        "participants.0.count": "mange",
      }),
    );
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors.activityId).toBe("Vælg en aktivitet");
    expect(failure.errors["findings.0.actions.0.dropReason"]).toBe(
      "Skriv, hvorfor opgaven droppes",
    );
    expect(failure.errors["participants.0.count"]).toMatch(/antal/i);
    expect(getValue(failure.values, "place")).toBe("Gårdene i afd. 21");

    // A status change to «Droppet» without a reason, on the event's page.
    const action = (await loadEvent()).findings[0]!.actions[0]!;
    const status = await post(
      eventPage.action,
      log(`/${eventId}`),
      user("secretariat"),
      {
        intent: "status",
        actionId: String(action.id),
        version: String(action.version),
        status: "dropped",
        dropReason: "",
      },
      { planId: planId(), eventId: String(eventId) },
    );
    expect(status.status).toBe(400);
    expect((status.data as FormFailure).errors.dropReason).toBe("Skriv, hvorfor opgaven droppes");
  });

  it("adds a finding without JavaScript: the form comes back with the new row, nothing saved", async () => {
    const res = await post(newPage.action, log("/new"), user("secretariat"), {
      ...walkForm(),
      _list: "findings.0.actions:add",
    });
    expect(res.status).toBe(200);
    const failure = res.data as FormFailure;
    expect(failure.notice).toMatch(/ikke gemt/);
    const findings = failure.values.findings as { actions: unknown[] }[];
    expect(findings[0]!.actions).toHaveLength(3);
  });

  it("marks an action done, then holds the follow-up and records the statuses taken there", async () => {
    const before = await loadEvent();
    const lamp = before.findings[0]!.actions[0]!;
    const done = await post(
      eventPage.action,
      log(`/${eventId}`),
      user("reporter"),
      {
        intent: "status",
        actionId: String(lamp.id),
        version: String(lamp.version),
        status: "done",
        dropReason: "",
      },
      { planId: planId(), eventId: String(eventId) },
    );
    expect(done.status).toBe(302);
    // Back at the action's row on the event page, with the message.
    expect(done.headers.get("Location")).toBe(log(`/${eventId}#action-${lamp.id}`));
    expect(await flashOf(done)).toBe("Opgavens status er gemt.");
    expect((await loadEvent()).findings[0]!.actions[0]!.status).toBe("done");

    // The same status form again with the old version: someone else saved meanwhile.
    const stale = await post(
      eventPage.action,
      log(`/${eventId}`),
      user("reporter"),
      {
        intent: "status",
        actionId: String(lamp.id),
        version: String(lamp.version),
        status: "open",
        dropReason: "",
      },
      { planId: planId(), eventId: String(eventId) },
    );
    expect(stale.status).toBe(409);
    expect((stale.data as FormFailure).formError).toMatch(/En anden har gemt/);

    const followUp = await post(
      eventPage.action,
      log(`/${eventId}`),
      user("secretariat"),
      { intent: "follow-up", date: followUpDate(WALK_DATE, 6), kindId: "" },
      { planId: planId(), eventId: String(eventId) },
    );
    expect(followUp.status).toBe(302);
    expect(await flashOf(followUp)).toBe(
      "Opfølgningsmødet er oprettet. Gør status over opgaverne nedenfor.",
    );
    const followUpId = Number(/\/log\/(\d+)/.exec(followUp.headers.get("Location")!)![1]);
    expect(followUpId).not.toBe(eventId);
    const meeting = await loadEvent(followUpId);
    expect(meeting.kind.name).toBe("Opfølgningsmøde");
    expect(meeting.followUpOf?.id).toBe(eventId);
    const originalActions = meeting.followUpOf!.findings.flatMap((f) => f.actions);
    expect(originalActions.map((a) => a.status)).toEqual(["done", "open", "in_progress"]);

    const review: Form = { intent: "review", version: String(meeting.version) };
    originalActions.forEach((a, i) => {
      review[`reviews.${i}.actionId`] = String(a.id);
      review[`reviews.${i}.status`] = i === 2 ? "dropped" : a.status === "open" ? "done" : a.status;
      review[`reviews.${i}.note`] = i === 2 ? "" : "";
    });
    const missingReason = await post(
      eventPage.action,
      log(`/${followUpId}`),
      user("secretariat"),
      review,
      {
        planId: planId(),
        eventId: String(followUpId),
      },
    );
    expect(missingReason.status).toBe(400);
    expect((missingReason.data as FormFailure).errors["reviews.2.note"]).toBe(
      "Skriv, hvorfor opgaven droppes",
    );
    const saved = await post(
      eventPage.action,
      log(`/${followUpId}`),
      user("secretariat"),
      { ...review, "reviews.2.note": "Klaret af SSP uden os" },
      { planId: planId(), eventId: String(followUpId) },
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(log(`/${followUpId}`));
    expect(await flashOf(saved)).toBe("Status fra opfølgningsmødet er gemt.");
    const after = await loadEvent(followUpId);
    expect(after.followUpOf!.reviews.map((r) => r.status).sort()).toEqual(
      ["done", "done", "dropped"].sort(),
    );
    expect(after.followUpOf!.findings.flatMap((f) => f.actions.map((a) => a.status))).toEqual([
      "done",
      "done",
      "dropped",
    ]);
    // The walk no longer shows its follow-up as due: the meeting is linked from it.
    expect((await loadEvent()).followUps.map((f) => f.id)).toEqual([followUpId]);
  });

  it("saves an edit from the edit page's own values, and keeps the input on a stale one (409)", async () => {
    const eventParams = { planId: planId(), eventId: String(eventId) };
    const loaded = await callRoute(editPage.loader, log(`/${eventId}/edit`), {
      userId: user("secretariat"),
      params: eventParams,
    });
    expect(loaded.status).toBe(200);
    const { values, event } = loaded.data as Awaited<ReturnType<typeof editPage.loader>>;
    const form: Form = { ...flatten(values), version: String(event.version), place: "Ny sti" };
    delete form.scheduleFollowUp;
    if (values.scheduleFollowUp) form.scheduleFollowUp = "on";
    const actionIds = (await loadEvent()).findings.flatMap((f) => f.actions.map((a) => a.id));

    const saved = await post(
      editPage.action,
      log(`/${eventId}/edit`),
      user("secretariat"),
      form,
      eventParams,
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(log(`/${eventId}`));
    expect(await flashOf(saved)).toBe("Hændelsen er gemt.");
    const after = await loadEvent();
    expect(after.place).toBe("Ny sti");
    // The same findings and actions (ids kept), so the follow-up's stock-taking still refers to them.
    expect(after.findings.flatMap((f) => f.actions.map((a) => a.id))).toEqual(actionIds);

    const stale = await post(
      editPage.action,
      log(`/${eventId}/edit`),
      user("secretariat"),
      { ...form, place: "Endnu en sti" },
      eventParams,
    );
    expect(stale.status).toBe(409);
    const failure = stale.data as FormFailure;
    expect(failure.formError).toMatch(/En anden har gemt/);
    expect(getValue(failure.values, "place")).toBe("Endnu en sti");
    expect((await loadEvent()).place).toBe("Ny sti");
  });

  it("lists open actions by party with overdue ones marked", async () => {
    const res = await callRoute(actionsPage.loader, log("/actions?status=all"), {
      userId: user("board"),
      params: { planId: planId() },
    });
    expect(res.status).toBe(200);
    const data = res.data as ActionsData;
    expect(data.canEdit).toBe(false);
    const all = data.parties.flatMap((p) => p.actions);
    expect(all.length).toBeGreaterThanOrEqual(3);
  });

  it("links the log's settings only for those who may open them", async () => {
    for (const [who, may] of [
      ["secretariat", true],
      ["reporter", false],
    ] as const) {
      const list = await callRoute(listPage.loader, log(), {
        userId: user(who),
        params: { planId: planId() },
      });
      expect((list.data as ListData).canEditSettings, who).toBe(may);
      const settings = await callRoute(settingsPage.loader, log("/settings"), {
        userId: user(who),
        params: { planId: planId() },
      });
      expect(settings.status, who).toBe(may ? 200 : 403);
    }
  });

  it("lets board members and viewers read but not post (403)", async () => {
    const event = await loadEvent();
    const eventParams = { planId: planId(), eventId: String(eventId) };
    for (const who of [user("board"), user("viewer")]) {
      for (const [loader, url, params] of [
        [listPage.loader, log(), { planId: planId() }],
        [eventPage.loader, log(`/${eventId}`), eventParams],
        [actionsPage.loader, log("/actions"), { planId: planId() }],
      ] as const) {
        expect((await callRoute(loader, url, { userId: who, params })).status).toBe(200);
      }
      for (const [loader, url, params] of [
        [newPage.loader, log("/new"), { planId: planId() }],
        [editPage.loader, log(`/${eventId}/edit`), eventParams],
        [settingsPage.loader, log("/settings"), { planId: planId() }],
      ] as const) {
        expect((await callRoute(loader, url, { userId: who, params })).status).toBe(403);
      }
      const action = event.findings[1]!.actions[0]!;
      for (const [handler, url, form, params] of [
        [newPage.action, log("/new"), walkForm(), { planId: planId() }],
        [
          editPage.action,
          log(`/${eventId}/edit`),
          { ...walkForm(), version: String(event.version) },
          eventParams,
        ],
        [
          eventPage.action,
          log(`/${eventId}`),
          { intent: "delete", version: String(event.version) },
          eventParams,
        ],
        [
          actionsPage.action,
          log("/actions"),
          { actionId: String(action.id), version: String(action.version), status: "done" },
          { planId: planId() },
        ],
        [settingsPage.action, log("/settings"), { "groups.0.name": "Børn" }, { planId: planId() }],
      ] as const) {
        const res = await post(handler, url, who, form, params);
        expect(res.status, url).toBe(403);
      }
    }
    // Nothing changed.
    expect((await loadEvent()).version).toBe(event.version);
  });

  it("answers a user of another plan with 404 on every page and every post", async () => {
    const who = user("otherPlan");
    const event = await loadEvent();
    const eventParams = { planId: planId(), eventId: String(eventId) };
    const pages = [
      [listPage.loader, log(), { planId: planId() }],
      [newPage.loader, log("/new"), { planId: planId() }],
      [eventPage.loader, log(`/${eventId}`), eventParams],
      [editPage.loader, log(`/${eventId}/edit`), eventParams],
      [actionsPage.loader, log("/actions"), { planId: planId() }],
      [settingsPage.loader, log("/settings"), { planId: planId() }],
    ] as const;
    for (const [loader, url, params] of pages) {
      expect((await callRoute(loader, url, { userId: who, params })).status, url).toBe(404);
    }
    const posts = [
      [newPage.action, log("/new"), walkForm(), { planId: planId() }],
      [
        editPage.action,
        log(`/${eventId}/edit`),
        { ...walkForm(), version: String(event.version) },
        eventParams,
      ],
      [
        eventPage.action,
        log(`/${eventId}`),
        { intent: "delete", version: String(event.version) },
        eventParams,
      ],
      [
        actionsPage.action,
        log("/actions"),
        { actionId: "1", version: "1", status: "done" },
        { planId: planId() },
      ],
      [settingsPage.action, log("/settings"), { "groups.0.name": "Børn" }, { planId: planId() }],
    ] as const;
    for (const [handler, url, form, params] of posts) {
      expect((await post(handler, url, who, form, params)).status, url).toBe(404);
    }
    // Their own plan's log does not hold this plan's event either.
    const own = await callRoute(eventPage.loader, `/plans/${t.demo.otherPlanId}/log/${eventId}`, {
      userId: who,
      params: { planId: String(t.demo.otherPlanId), eventId: String(eventId) },
    });
    expect(own.status).toBe(404);
    // «Mine opgaver» shows nothing of a plan the user is not in.
    const mine = await callRoute(myActionsPage.loader, "/actions", { userId: who });
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.data)).not.toContain("Skift de to defekte lamper");
  });

  it("lets the secretariat rename the kinds and groups, with Danish messages for bad rows", async () => {
    const res = await callRoute(settingsPage.loader, log("/settings"), {
      userId: user("secretariat"),
      params: { planId: planId() },
    });
    expect(res.status).toBe(200);
    const { values } = res.data as Awaited<ReturnType<typeof settingsPage.loader>>;
    const form: Form = {};
    values.kinds.forEach((k, i) => {
      form[`kinds.${i}.id`] = k.id;
      form[`kinds.${i}.name`] = k.name;
      form[`kinds.${i}.followUpMonths`] = i === 0 ? "40" : k.followUpMonths;
    });
    values.groups.forEach((g, i) => {
      form[`groups.${i}.id`] = g.id;
      form[`groups.${i}.name`] = i === 1 ? values.groups[0]!.name : g.name;
    });
    const bad = await post(settingsPage.action, log("/settings"), user("secretariat"), form);
    expect(bad.status).toBe(400);
    const errors = (bad.data as FormFailure).errors;
    expect(errors["kinds.0.followUpMonths"]).toBe("Tallet er for stort");
    expect(errors["groups.1.name"]).toBe("Navnet findes allerede");

    form["kinds.0.followUpMonths"] = "5";
    form["groups.1.name"] = "Frivillige hjælpere";
    const ok = await post(settingsPage.action, log("/settings"), user("secretariat"), form);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(log("/settings"));
    expect(await flashOf(ok)).toBe("Indstillingerne for aktivitetsloggen er gemt.");
    const again = await callRoute(settingsPage.loader, log("/settings"), {
      userId: user("secretariat"),
      params: { planId: planId() },
    });
    const saved = (again.data as Awaited<ReturnType<typeof settingsPage.loader>>).values;
    expect(saved.kinds[0]!.followUpMonths).toBe("5");
    expect(saved.groups[1]!.name).toBe("Frivillige hjælpere");
  });

  it("says what happened after a status change on the plan's task list and after deleting an event", async () => {
    const created = await post(newPage.action, log("/new"), user("secretariat"), walkForm());
    const id = Number(/\/log\/(\d+)$/.exec(created.headers.get("Location")!)![1]);
    const event = await loadEvent(id);
    const task = event.findings[0]!.actions[0]!;

    const changed = await callRoute(actionsPage.action, log("/actions?status=all"), {
      userId: user("secretariat"),
      form: { actionId: String(task.id), version: String(task.version), status: "in_progress" },
      params: { planId: planId() },
    });
    expect(changed.status).toBe(302);
    // The same filter, at the task's row.
    expect(changed.headers.get("Location")).toBe(log(`/actions?status=all#action-${task.id}`));
    expect(await flashOf(changed)).toBe("Opgavens status er gemt.");

    const params = { planId: planId(), eventId: String(id) };
    const version = String((await loadEvent(id)).version);
    const deleted = await post(
      eventPage.action,
      log(`/${id}`),
      user("secretariat"),
      {
        intent: "delete",
        version,
      },
      params,
    );
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe(log());
    expect(await flashOf(deleted)).toBe("Hændelsen er slettet.");
    expect(
      (await callRoute(eventPage.loader, log(`/${id}`), { userId: user("secretariat"), params }))
        .status,
    ).toBe(404);
  });
});

/** Form values as the browser posts them: dotted names, strings. */
function flatten(value: unknown, prefix = "", out: Form = {}): Form {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${i}.`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${k}.`, out);
  else if (value != null && value !== false) out[prefix.slice(0, -1)] = String(value);
  return out;
}

/** A value of the submitted form by its dotted name. */
function getValue(values: Record<string, unknown>, name: string): unknown {
  return name.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], values);
}
