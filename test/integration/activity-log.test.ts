/**
 * The activity log's models on both drivers: events with participants, findings and actions
 * written in one transaction with an audit event; version conflicts; the follow-up half a year
 * after a walk showing the original findings with their statuses; reviews updating the statuses;
 * the actions by party (open, overdue) and "Mine opgaver"; who may read and write; and an
 * activity with log events being retired instead of deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import {
  activities,
  agreements,
  auditEvents,
  logActions,
  logEventParticipants,
  logEvents,
  logFindings,
} from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import {
  createLogWorld,
  contactIsMember,
  eventValues,
  org,
  type LogWorld,
} from "../helpers/activity-log";
import { FollowUpReviewSchema } from "~/domain/activity-log";
import { todayInDenmark } from "~/domain/format";
import { deleteActivity } from "~/models/agreements/activities.server";
import {
  ConflictError,
  FieldValidationError,
  ForbiddenError,
  NotFoundError,
} from "~/models/errors.server";
import {
  createFollowUp,
  createLogEvent,
  deleteLogEvent,
  getLogEvent,
  getLogSettings,
  listDueFollowUps,
  listLogEvents,
  listMyActions,
  listPlanActions,
  saveFollowUpReviews,
  setActionStatus,
  updateLogEvent,
} from "~/models/activity-log/index.server";

describe.each(drivers)("activity log on %s", (driver) => {
  let t: TestDb;
  let w: LogWorld;

  beforeAll(async () => {
    t = await createTestDb(driver);
    w = await createLogWorld(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A walk with two findings and three actions for two parties (+ the police). */
  function walk(extra: Record<string, unknown> = {}) {
    return eventValues(w, {
      scheduleFollowUp: "on",
      findings: [
        {
          text: "Mørk sti bag blok 3",
          place: "Stien mod skolen",
          actions: [
            { party: org(w.orgA), description: "Sæt lys op", dueDate: "2026-05-01" },
            { party: "label:Politiet", description: "Patruljer om aftenen", dueDate: "" },
          ],
        },
        {
          text: "Knallertkørsel i gården",
          place: "",
          actions: [{ party: org(w.orgB), description: "Sæt bomme op", dueDate: "2026-06-01" }],
        },
      ],
      ...extra,
    });
  }

  it("gives a plan's log the default kinds and groups once", async () => {
    const again = await getLogSettings(t.db, w.viewer, w.plan.id);
    expect(again.kinds.map((k) => k.name)).toEqual([
      "Tryghedsvandring",
      "Opfølgningsmøde",
      "Møde",
      "Temamøde",
      "Kursus",
      "Mægling",
      "Arrangement",
    ]);
    expect(again.kinds[0]!.followUpMonths).toBe(6);
    expect(again.groups.map((g) => g.name)).toEqual([
      "Beboere",
      "Frivillige",
      "Samarbejdspartnere",
    ]);
    expect(again.kinds.map((k) => k.id)).toEqual(w.settings.kinds.map((k) => k.id));
  });

  it("logs a walk with participants, findings and actions, and shows it", async () => {
    const { id } = await createLogEvent(t.db, w.reporter, w.plan.id, walk());
    const event = await getLogEvent(t.db, w.board, w.plan.id, id);
    expect(event).toMatchObject({
      date: "2026-03-10",
      kind: { name: "Tryghedsvandring" },
      activity: { id: w.agreement.activities[0]!.id },
      place: "Gårdene i afd. 21",
      participantTotal: 15,
      // Half a year after the walk.
      followUpDue: "2026-09-10",
      canEdit: false,
    });
    // An empty count is no one from that group.
    expect(event.participants.map((p) => [p.group, p.count])).toEqual([
      ["Beboere", 12],
      ["Frivillige", 3],
    ]);
    expect(event.findings.map((f) => [f.text, f.place])).toEqual([
      ["Mørk sti bag blok 3", "Stien mod skolen"],
      ["Knallertkørsel i gården", null],
    ]);
    expect(event.findings.flatMap((f) => f.actions.map((a) => [a.responsible, a.status]))).toEqual([
      [w.orgA.name, "open"],
      ["Politiet", "open"],
      [w.orgB.name, "open"],
    ]);
    expect(event.partyOptions.map((o) => o.label)).toEqual([w.orgA.name, w.orgB.name, "Politiet"]);
    const audit = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "log_event"), eq(auditEvents.entityId, String(id))));
    expect(audit.map((a) => a.action)).toEqual(["log_event.create"]);

    const list = await listLogEvents(t.db, w.viewer, w.plan.id, { year: 2026 });
    expect(list.events.find((e) => e.id === id)).toMatchObject({
      participantTotal: 15,
      findingCount: 2,
      openActionCount: 3,
      kind: "Tryghedsvandring",
    });
  });

  it("writes nothing when a part of the event is refused", async () => {
    const before = await t.db.select({ id: logEvents.id }).from(logEvents);
    const foreignOrg = { id: w.orgB.id + 1000 };
    const values = walk({
      findings: [
        {
          text: "Et fund",
          actions: [{ party: org(foreignOrg), description: "Noget", dueDate: "" }],
        },
      ],
    });
    const error = await createLogEvent(t.db, w.secretariat, w.plan.id, values).catch((e) => e);
    expect(error).toBeInstanceOf(FieldValidationError);
    expect((error as FieldValidationError).errors).toEqual({
      "findings.0.actions.0.party": "Vælg en af delaftalens parter",
    });
    expect(await t.db.select({ id: logEvents.id }).from(logEvents)).toHaveLength(before.length);
  });

  it("edits an event keeping its findings' and actions' identity, and refuses a stale version", async () => {
    const { id } = await createLogEvent(t.db, w.secretariat, w.plan.id, walk());
    const event = await getLogEvent(t.db, w.secretariat, w.plan.id, id);
    const [first, second] = event.findings;
    const edited = walk({
      place: "Afd. 22",
      participants: [{ groupId: String(w.group("Beboere")), count: "20" }],
      findings: [
        {
          id: String(first!.id),
          text: "Mørk sti bag blok 3 og 4",
          actions: [
            {
              id: String(first!.actions[0]!.id),
              party: org(w.orgA),
              description: "Sæt lys op",
              dueDate: "2026-05-01",
              status: "done",
            },
          ],
        },
        { text: "Nyt fund", actions: [] },
      ],
    });
    await updateLogEvent(t.db, w.reporter, w.plan.id, id, { ...edited, version: event.version });
    const after = await getLogEvent(t.db, w.secretariat, w.plan.id, id);
    expect(after.version).toBe(event.version + 1);
    expect(after.place).toBe("Afd. 22");
    expect(after.participantTotal).toBe(20);
    expect(after.findings.map((f) => f.text)).toEqual(["Mørk sti bag blok 3 og 4", "Nyt fund"]);
    expect(after.findings[0]!.id).toBe(first!.id);
    expect(after.findings[0]!.actions).toMatchObject([
      { id: first!.actions[0]!.id, status: "done" },
    ]);
    // The removed finding went with its action.
    const gone = await t.db
      .select({ id: logActions.id })
      .from(logActions)
      .where(inArray(logActions.findingId, [second!.id]));
    expect(gone).toEqual([]);

    // The form loaded before that save is stale: nothing of it is written.
    const stale = walk({ place: "Forkert" });
    await expect(
      updateLogEvent(t.db, w.secretariat, w.plan.id, id, { ...stale, version: event.version }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getLogEvent(t.db, w.secretariat, w.plan.id, id)).place).toBe("Afd. 22");
  });

  it("deletes an event with its rows, but not from a stale form", async () => {
    const { id } = await createLogEvent(t.db, w.secretariat, w.plan.id, walk());
    const { version, findings } = await getLogEvent(t.db, w.secretariat, w.plan.id, id);
    await expect(
      deleteLogEvent(t.db, w.secretariat, w.plan.id, id, { version: version + 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    await deleteLogEvent(t.db, w.secretariat, w.plan.id, id, { version });
    await expect(getLogEvent(t.db, w.secretariat, w.plan.id, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const rows = await Promise.all([
      t.db.select().from(logEventParticipants).where(eq(logEventParticipants.eventId, id)),
      t.db.select().from(logFindings).where(eq(logFindings.eventId, id)),
      t.db
        .select()
        .from(logActions)
        .where(
          inArray(
            logActions.findingId,
            findings.map((f) => f.id),
          ),
        ),
    ]);
    expect(rows.flat()).toEqual([]);
  });

  it("holds the follow-up half a year later with the walk's findings and records the statuses", async () => {
    const { id: walkId } = await createLogEvent(t.db, w.secretariat, w.plan.id, walk());
    const due = await listDueFollowUps(t.db, w.board, { until: "2026-09-10", planId: w.plan.id });
    expect(due.map((d) => [d.eventId, d.followUpDue])).toContainEqual([walkId, "2026-09-10"]);
    expect(
      (await listDueFollowUps(t.db, w.board, { until: "2026-09-09", planId: w.plan.id })).map(
        (d) => d.eventId,
      ),
    ).not.toContain(walkId);

    const walkEvent = await getLogEvent(t.db, w.secretariat, w.plan.id, walkId);
    const [light, police] = walkEvent.findings[0]!.actions;
    await setActionStatus(t.db, w.reporter, w.plan.id, light!.id, {
      version: light!.version,
      status: "done",
      dropReason: null,
    });

    const { id: followUpId } = await createFollowUp(t.db, w.secretariat, w.plan.id, walkId, {
      date: "2026-09-15",
      kindId: null,
    });
    const followUp = await getLogEvent(t.db, w.viewer, w.plan.id, followUpId);
    expect(followUp.kind.name).toBe("Opfølgningsmøde");
    expect(followUp.activity.id).toBe(walkEvent.activity.id);
    expect(followUp.followUpOf).toMatchObject({ id: walkId, date: "2026-03-10" });
    expect(
      followUp.followUpOf!.findings.flatMap((f) => f.actions.map((a) => [a.description, a.status])),
    ).toEqual([
      ["Sæt lys op", "done"],
      ["Patruljer om aftenen", "open"],
      ["Sæt bomme op", "open"],
    ]);
    // Held: no longer due.
    expect(
      (await listDueFollowUps(t.db, w.board, { until: "2027-01-01", planId: w.plan.id })).map(
        (d) => d.eventId,
      ),
    ).not.toContain(walkId);
    expect((await getLogEvent(t.db, w.viewer, w.plan.id, walkId)).followUps).toEqual([
      { id: followUpId, date: "2026-09-15" },
    ]);

    const bars = walkEvent.findings[1]!.actions[0]!;
    const reviews = FollowUpReviewSchema.parse({
      version: String(followUp.version),
      reviews: [
        { actionId: String(police!.id), status: "dropped", note: "Politiet har ikke ressourcer" },
        { actionId: String(bars.id), status: "in_progress", note: "Bestilt" },
      ],
    });
    await saveFollowUpReviews(t.db, w.reporter, w.plan.id, followUpId, reviews);
    const reviewed = await getLogEvent(t.db, w.viewer, w.plan.id, followUpId);
    expect(reviewed.followUpOf!.reviews).toEqual(
      expect.arrayContaining([
        { actionId: police!.id, status: "dropped", note: "Politiet har ikke ressourcer" },
        { actionId: bars.id, status: "in_progress", note: "Bestilt" },
      ]),
    );
    expect(
      reviewed.followUpOf!.findings.flatMap((f) =>
        f.actions.map((a) => [a.description, a.status, a.dropReason]),
      ),
    ).toEqual([
      ["Sæt lys op", "done", null],
      ["Patruljer om aftenen", "dropped", "Politiet har ikke ressourcer"],
      ["Sæt bomme op", "in_progress", null],
    ]);
    // The same form again is stale; an action of another event is refused.
    await expect(
      saveFollowUpReviews(t.db, w.reporter, w.plan.id, followUpId, reviews),
    ).rejects.toBeInstanceOf(ConflictError);
    const { id: otherId } = await createLogEvent(t.db, w.secretariat, w.plan.id, walk());
    const otherAction = (await getLogEvent(t.db, w.secretariat, w.plan.id, otherId)).findings[0]!
      .actions[0]!;
    await expect(
      saveFollowUpReviews(t.db, w.reporter, w.plan.id, followUpId, {
        version: reviewed.version,
        reviews: [{ actionId: otherAction.id, status: "done", note: null }],
      }),
    ).rejects.toBeInstanceOf(FieldValidationError);
  });

  it("lists open and overdue actions by responsible party", async () => {
    const today = todayInDenmark();
    const plan = await createLogWorld(t.db);
    const values = eventValues(plan, {
      date: "2025-01-10",
      findings: [
        {
          text: "Affald ved containerne",
          actions: [
            { party: org(plan.orgA), description: "Ryd op", dueDate: "2025-02-01" },
            { party: org(plan.orgA), description: "Flyt containeren", dueDate: "2100-01-01" },
            { party: org(plan.orgB), description: "Tøm oftere", dueDate: "", status: "done" },
            { party: "label:Politiet", description: "Hold øje", dueDate: "2025-03-01" },
          ],
        },
      ],
    });
    await createLogEvent(t.db, plan.secretariat, plan.plan.id, values);
    const open = await listPlanActions(t.db, plan.viewer, plan.plan.id);
    expect(open.today).toBe(today);
    expect(
      open.parties.map((p) => [p.party.label, p.actions.map((a) => [a.description, a.overdue])]),
    ).toEqual([
      // By name ("Boligorganisation …" before "Politiet"), each by due date.
      [
        plan.orgA.name,
        [
          ["Ryd op", true],
          ["Flyt containeren", false],
        ],
      ],
      ["Politiet", [["Hold øje", true]]],
    ]);
    const overdue = await listPlanActions(t.db, plan.viewer, plan.plan.id, { status: "overdue" });
    expect(overdue.parties.flatMap((p) => p.actions.map((a) => a.description)).sort()).toEqual([
      "Hold øje",
      "Ryd op",
    ]);
    const all = await listPlanActions(t.db, plan.viewer, plan.plan.id, { status: "all" });
    expect(all.parties.flatMap((p) => p.actions)).toHaveLength(4);
  });

  it("shows a party's contact person their party's actions, only in plans they belong to", async () => {
    const mine = await createLogWorld(t.db);
    // The same organisation and contact person are a party in a plan the contact is not in.
    const other = await createLogWorld(t.db, { contact: mine.contact });
    const task = (world: LogWorld, description: string) =>
      eventValues(world, {
        findings: [
          {
            text: "Graffiti på muren",
            actions: [
              { party: org(world.orgA), description, dueDate: "2026-04-01" },
              { party: org(world.orgB), description: `${description} (kommunen)`, dueDate: "" },
            ],
          },
        ],
      });
    await createLogEvent(t.db, mine.secretariat, mine.plan.id, task(mine, "Fjern graffiti"));
    await createLogEvent(t.db, other.secretariat, other.plan.id, task(other, "Andet sted"));
    expect((await listMyActions(t.db, mine.contact)).parties).toEqual([]);

    await contactIsMember(t.db, mine);
    const { parties } = await listMyActions(t.db, mine.contact);
    expect(
      parties.flatMap((p) => p.actions.map((a) => [a.plan.id, p.party.label, a.description])),
    ).toEqual([[mine.plan.id, mine.orgA.name, "Fjern graffiti"]]);
    // Someone who is no one's contact sees nothing.
    expect((await listMyActions(t.db, mine.viewer)).parties).toEqual([]);
  });

  it("lets board members and viewers read, and keeps other plans' users out", async () => {
    const { id } = await createLogEvent(t.db, w.secretariat, w.plan.id, walk());
    const event = await getLogEvent(t.db, w.secretariat, w.plan.id, id);
    const action = event.findings[0]!.actions[0]!;
    const outsider = await createLogWorld(t.db);
    for (const reader of [w.board, w.viewer]) {
      await expect(getLogEvent(t.db, reader, w.plan.id, id)).resolves.toMatchObject({
        canEdit: false,
      });
      await expect(listPlanActions(t.db, reader, w.plan.id)).resolves.toBeTruthy();
      await expect(createLogEvent(t.db, reader, w.plan.id, walk())).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(
        setActionStatus(t.db, reader, w.plan.id, action.id, {
          version: action.version,
          status: "done",
          dropReason: null,
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        deleteLogEvent(t.db, reader, w.plan.id, id, { version: event.version }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    // Another plan's secretariat: the plan is not found, nor the event through their own plan.
    const stranger = outsider.secretariat;
    await expect(listLogEvents(t.db, stranger, w.plan.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getLogEvent(t.db, stranger, w.plan.id, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getLogEvent(t.db, stranger, outsider.plan.id, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      setActionStatus(t.db, stranger, outsider.plan.id, action.id, {
        version: action.version,
        status: "done",
        dropReason: null,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(createLogEvent(t.db, stranger, outsider.plan.id, walk())).rejects.toBeInstanceOf(
      FieldValidationError,
    );
    expect(
      (await listDueFollowUps(t.db, stranger, { until: "2100-01-01" })).map((d) => d.planId),
    ).not.toContain(w.plan.id);
    // Nothing changed.
    expect((await getLogEvent(t.db, w.secretariat, w.plan.id, id)).version).toBe(event.version);
  });

  it("retires an activity with log events instead of deleting it", async () => {
    const world = await createLogWorld(t.db);
    const activity = world.agreement.activities[1]!;
    await createLogEvent(
      t.db,
      world.secretariat,
      world.plan.id,
      eventValues(world, {
        activityId: String(activity.id),
        kindId: String(world.kind("Mægling")),
      }),
    );
    const version = async () =>
      (
        await t.db
          .select({ version: agreements.version })
          .from(agreements)
          .where(eq(agreements.id, world.agreement.id))
      )[0]!.version;
    const remove = async (confirmRemoval: boolean) =>
      deleteActivity(
        t.db,
        world.secretariat,
        world.plan.id,
        world.agreement.id,
        activity.id,
        await version(),
        { confirmRemoval },
      );
    const error = await remove(false).catch((e) => e);
    expect(error).toBeInstanceOf(FieldValidationError);
    expect((error as FieldValidationError).errors.activities).toContain(
      "har én registrering i aktivitetsloggen",
    );
    await remove(true);
    const [row] = await t.db
      .select({ retiredAt: activities.retiredAt })
      .from(activities)
      .where(eq(activities.id, activity.id));
    expect(row?.retiredAt).not.toBeNull();
    // The event is kept and still readable.
    const list = await listLogEvents(t.db, world.viewer, world.plan.id, {
      activityId: activity.id,
    });
    expect(list.total).toBe(1);
  });
});
