/**
 * Success criteria measured from the activity log, on both drivers: 14 logged walks give 14 with
 * its source text, a participant group's sum, the share of actions done; the sources are the
 * plan's to set; and the number of queries of the log's list and of the values does not grow with
 * the number of events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { createLogWorld, eventValues, org, type LogWorld } from "../helpers/activity-log";
import { CriterionLogSourceSchema, LogSettingsSchema } from "~/domain/activity-log";
import { FieldValidationError, ForbiddenError, NotFoundError } from "~/models/errors.server";
import {
  createLogEvent,
  getActionList,
  getActivityYearLog,
  getCriterionLogSources,
  getLogSettings,
  listLogEvents,
  logValuesFor,
  saveCriterionLogSource,
  saveLogSettings,
} from "~/models/activity-log/index.server";

describe.each(drivers)("measurements from the activity log on %s", (driver) => {
  let t: TestDb;
  let w: LogWorld;
  let walkCriterion: number;
  let residentsCriterion: number;
  let doneCriterion: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    w = await createLogWorld(t.db);
    walkCriterion = w.agreement.activities[0]!.criterionIds[0]!;
    residentsCriterion = w.agreement.criterionIds[0]!;
    doneCriterion = w.agreement.activities[1]!.criterionIds[0]!;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function logWalks(count: number, year: number, activity = 0) {
    for (let i = 0; i < count; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      const month = String((i % 12) + 1).padStart(2, "0");
      await createLogEvent(
        t.db,
        w.reporter,
        w.plan.id,
        eventValues(w, {
          activityId: String(w.agreement.activities[activity]!.id),
          date: `${year}-${month}-${day}`,
          participants: [{ groupId: String(w.group("Beboere")), count: String(i + 1) }],
        }),
      );
    }
  }

  it("suggests 14 from 14 logged walks, the residents' sum and the share of actions done", async () => {
    const source = (form: Record<string, string>) => CriterionLogSourceSchema.parse(form);
    await saveCriterionLogSource(
      t.db,
      w.reporter,
      w.plan.id,
      walkCriterion,
      source({ metric: "event_count", kindId: String(w.kind("Tryghedsvandring")), groupId: "" }),
    );
    await saveCriterionLogSource(
      t.db,
      w.secretariat,
      w.plan.id,
      residentsCriterion,
      source({ metric: "participant_sum", kindId: "", groupId: String(w.group("Beboere")) }),
    );
    await saveCriterionLogSource(
      t.db,
      w.secretariat,
      w.plan.id,
      doneCriterion,
      source({ metric: "actions_done_share", kindId: "", groupId: "" }),
    );
    await logWalks(14, 2026);
    // Not counted: another year, another kind.
    await logWalks(2, 2025);
    await createLogEvent(
      t.db,
      w.reporter,
      w.plan.id,
      eventValues(w, { kindId: String(w.kind("Møde")), date: "2026-05-05" }),
    );
    // The second activity's meeting with three actions, one done, one dropped.
    await createLogEvent(
      t.db,
      w.reporter,
      w.plan.id,
      eventValues(w, {
        activityId: String(w.agreement.activities[1]!.id),
        kindId: String(w.kind("Mægling")),
        date: "2026-06-01",
        participants: [{ groupId: String(w.group("Beboere")), count: "4" }],
        findings: [
          {
            text: "Støj fra opgang B",
            actions: [
              { party: org(w.orgA), description: "Husorden", dueDate: "", status: "done" },
              { party: org(w.orgB), description: "Samtale", dueDate: "" },
              {
                party: "label:Politiet",
                description: "Besøg",
                dueDate: "",
                status: "dropped",
                dropReason: "Ikke nødvendigt",
              },
            ],
          },
        ],
      }),
    );

    const values = await logValuesFor(t.db, w.board, w.agreement.id, 2026);
    expect(values.get(walkCriterion)).toEqual({
      value: 14,
      metric: "event_count",
      sourceText: "Aktivitetsloggen: 14 tryghedsvandringer i 2026",
    });
    // 1 + 2 + … + 14 walkers, 12 at the meeting (the default form), 4 at the mediation.
    expect(values.get(residentsCriterion)).toEqual({
      value: 105 + 12 + 4,
      metric: "participant_sum",
      sourceText: "Aktivitetsloggen: 121 deltagere fra gruppen »Beboere« i 2026",
    });
    // One of the two actions not dropped is done.
    expect(values.get(doneCriterion)).toMatchObject({ value: 50, metric: "actions_done_share" });
    expect(
      (await logValuesFor(t.db, w.board, w.agreement.id, 2025)).get(walkCriterion),
    ).toMatchObject({ value: 2 });
    const sources = await getCriterionLogSources(t.db, w.viewer, w.agreement.id);
    expect(sources.map((s) => [s.criterionId, s.metric, s.kind, s.group])).toEqual(
      expect.arrayContaining([
        [walkCriterion, "event_count", "Tryghedsvandring", null],
        [residentsCriterion, "participant_sum", null, "Beboere"],
        [doneCriterion, "actions_done_share", null, null],
      ]),
    );

    // Removing the source: no value from the log any more.
    await saveCriterionLogSource(t.db, w.reporter, w.plan.id, doneCriterion, null);
    expect((await logValuesFor(t.db, w.board, w.agreement.id, 2026)).has(doneCriterion)).toBe(
      false,
    );
  });

  it("lets only the plan's editors set a source, with the plan's kinds and groups", async () => {
    const other = await createLogWorld(t.db);
    const spec = { metric: "event_count" as const, kindId: null, groupId: null };
    await expect(
      saveCriterionLogSource(t.db, w.board, w.plan.id, walkCriterion, spec),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      saveCriterionLogSource(t.db, other.secretariat, other.plan.id, walkCriterion, spec),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      saveCriterionLogSource(t.db, w.secretariat, w.plan.id, walkCriterion, {
        ...spec,
        kindId: other.kind("Tryghedsvandring"),
      }),
    ).rejects.toBeInstanceOf(FieldValidationError);
    await expect(logValuesFor(t.db, other.viewer, w.agreement.id, 2026)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("reads the log's list and the values in the same number of queries for 3 or 40 events", async () => {
    const world = await createLogWorld(t.db);
    await saveCriterionLogSource(
      t.db,
      world.secretariat,
      world.plan.id,
      world.agreement.criterionIds[0]!,
      {
        metric: "participant_sum",
        kindId: null,
        groupId: world.group("Beboere"),
      },
    );
    const counts = async () => {
      const { db, queries } = createCountingDb(t);
      await listLogEvents(db, world.viewer, world.plan.id, { year: 2027, pageSize: 50 });
      const list = queries.length;
      await logValuesFor(db, world.viewer, world.agreement.id, 2027);
      return { list, values: queries.length - list };
    };
    const log = async (n: number) => {
      for (let i = 0; i < n; i++)
        await createLogEvent(
          t.db,
          world.reporter,
          world.plan.id,
          eventValues(world, {
            date: `2027-0${(i % 9) + 1}-1${i % 10}`,
            findings: [
              {
                text: `Fund ${i}`,
                actions: [{ party: org(world.orgA), description: "Gør noget", dueDate: "" }],
              },
            ],
          }),
        );
    };
    await log(3);
    const few = await counts();
    await log(37);
    const many = await counts();
    expect(many).toEqual(few);
    expect(few.list).toBeLessThanOrEqual(3);
    expect(few.values).toBeLessThanOrEqual(4);
    const page = await listLogEvents(t.db, world.viewer, world.plan.id, { page: 2, pageSize: 25 });
    expect(page.total).toBe(40);
    expect(page.events).toHaveLength(15);
    // Newest first across the pages.
    const first = await listLogEvents(t.db, world.viewer, world.plan.id, { pageSize: 25 });
    const dates = [...first.events, ...page.events].map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("gives the year log per activity and the action list of a walk", async () => {
    const world = await createLogWorld(t.db);
    const { id } = await createLogEvent(
      t.db,
      world.reporter,
      world.plan.id,
      eventValues(world, {
        findings: [
          {
            text: "Mørk sti",
            place: "Bag blok 3",
            actions: [{ party: org(world.orgA), description: "Sæt lys op", dueDate: "2026-05-01" }],
          },
          { text: "Ødelagt bænk", actions: [] },
        ],
      }),
    );
    const yearLog = await getActivityYearLog(t.db, world.viewer, world.plan.id, { year: 2026 });
    expect(yearLog.groups.map((g) => g.name)).toEqual([
      "Beboere",
      "Frivillige",
      "Samarbejdspartnere",
    ]);
    expect(yearLog.rows).toHaveLength(1);
    expect(yearLog.rows[0]).toMatchObject({
      eventId: id,
      kind: "Tryghedsvandring",
      participantTotal: 15,
      participants: { [world.group("Beboere")]: 12, [world.group("Frivillige")]: 3 },
      findingCount: 2,
      actionCount: 1,
      doneCount: 0,
    });
    const list = await getActionList(t.db, world.viewer, world.plan.id, id);
    expect(list.findings).toEqual([
      {
        text: "Mørk sti",
        place: "Bag blok 3",
        actions: [
          {
            responsible: world.orgA.name,
            description: "Sæt lys op",
            dueDate: "2026-05-01",
            status: "Åben",
            dropReason: null,
          },
        ],
      },
      { text: "Ødelagt bænk", place: null, actions: [] },
    ]);
    await expect(getActionList(t.db, w.viewer, w.plan.id, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("saves the plan's kinds and groups: renamed, added, unused ones deleted, used ones retired", async () => {
    const world = await createLogWorld(t.db);
    await createLogEvent(
      t.db,
      world.reporter,
      world.plan.id,
      eventValues(world, { kindId: String(world.kind("Kursus")) }),
    );
    const kinds = world.settings.kinds.filter((k) => !["Kursus", "Arrangement"].includes(k.name));
    const form = {
      kinds: [
        ...kinds.map((k) => ({
          id: String(k.id),
          name: k.name === "Møde" ? "Styregruppemøde" : k.name,
          followUpMonths: k.followUpMonths == null ? "" : String(k.followUpMonths),
        })),
        { id: "", name: "Gårdaktivitet", followUpMonths: "" },
      ],
      groups: world.settings.groups.map((g) => ({ id: String(g.id), name: g.name })),
    };
    await expect(
      saveLogSettings(t.db, world.board, world.plan.id, LogSettingsSchema.parse(form)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const saved = await saveLogSettings(
      t.db,
      world.secretariat,
      world.plan.id,
      LogSettingsSchema.parse(form),
    );
    expect(saved.kinds.map((k) => [k.name, k.retired])).toEqual([
      ["Tryghedsvandring", false],
      ["Opfølgningsmøde", false],
      ["Styregruppemøde", false],
      ["Temamøde", false],
      ["Mægling", false],
      ["Gårdaktivitet", false],
      // Used by an event: kept for it, retired from new ones.
      ["Kursus", true],
    ]);
    expect((await getLogSettings(t.db, world.viewer, world.plan.id)).kinds).toEqual(saved.kinds);
    await expect(
      createLogEvent(
        t.db,
        world.reporter,
        world.plan.id,
        eventValues(world, { kindId: String(world.kind("Kursus")) }),
      ),
    ).rejects.toBeInstanceOf(FieldValidationError);
    const duplicate = LogSettingsSchema.safeParse({
      ...form,
      groups: [{ name: "Beboere" }, { name: "beboere" }],
    });
    expect(duplicate.success).toBe(false);
  });
});
