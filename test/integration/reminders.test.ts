/**
 * Reminders (issue 20, item 4) with a set clock: each reminder of a deadline fires once at its
 * offset, to the people it concerns, not again on a second run, after a "restart" or when two
 * runs race; a met deadline gets no more; a plan's own offsets are honoured; a backlog fires only
 * its latest reminder; a grant report's reminder reaches the estate's applicant. The offsets are
 * edited on the plan's and the fund's settings pages. And the job's queries do not grow with the
 * number of plans.
 */
import { and, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import {
  agreementVersions,
  notifications,
  planMemberships,
  plans,
  remindersSent,
} from "../../db/schema";
import { deadlineUid } from "~/domain/calendar";
import { listDeadlinesForUser } from "~/models/calendar.server";
import { ProgressReportNarrativeSchema } from "~/domain/progress-report";
import { runReminders, type ReminderRun } from "~/jobs/reminders.server";
import {
  finaliseProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import { addOrganisationMembership } from "~/models/users.server";
import { BACKGROUND_JOBS } from "~/jobs/jobs.server";
import * as planEdit from "~/routes/plans.$planId.edit";
import * as fundSettings from "~/routes/organisations.$organisationId.fund";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import {
  createAgreement,
  createApplication,
  createFund,
  createOrganisation,
  createPlan,
  createUser,
  type CreatedPlan,
} from "../helpers/factories";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { Db } from "../../db/client";

/** 08:00 Danish summer time on a date. */
const eight = (date: string) => new Date(`${date}T06:00:00Z`);
/** 08:00 Danish winter time on a date. */
const eightWinter = (date: string) => new Date(`${date}T07:00:00Z`);

/** The reminders a deadline gave, per user: [userId, title] in the order they came. */
async function remindersOf(db: Db, uid: string) {
  const rows = await db
    .select({
      userId: notifications.userId,
      kind: notifications.kind,
      title: notifications.title,
      path: notifications.path,
      dedupeKey: notifications.dedupeKey,
    })
    .from(notifications)
    .where(like(notifications.dedupeKey, `reminder:${uid}:%`))
    .orderBy(notifications.id);
  return rows;
}

/** A plan whose statusrapport for 2026 is due 30 June 2027, with one member per role. */
function reportPlan(db: Db, name?: string) {
  return createPlan(db, {
    name,
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    members: { secretariat: true, reporter: true, board: true, viewer: true },
  });
}

const reportUid = (plan: CreatedPlan) => `report-${plan.id}-2026@samarbejdsaftaler`;
const ids = (plan: CreatedPlan, ...roles: ("secretariat" | "reporter" | "board" | "viewer")[]) =>
  roles.map((r) => plan.members[r]![0]!.id).sort((a, b) => a - b);

describe.each(drivers)("reminders on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is one of the app's background jobs, every 15 minutes", () => {
    const job = BACKGROUND_JOBS.find((j) => j.name === "reminders");
    expect(job?.intervalMs).toBe(15 * 60 * 1000);
  });

  it("reminds the reporters and the secretariat 14 days before, on the day and 7 days after, once each", async () => {
    const plan = await reportPlan(t.db, "Helhedsplan Påmindelse");
    const other = await reportPlan(t.db);
    const uid = reportUid(plan);

    await runReminders(t.db, new Date("2027-06-15T05:00:00Z")); // 07:00 Danish time
    expect(await remindersOf(t.db, uid)).toEqual([]);

    await runReminders(t.db, eight("2027-06-16"));
    const first = await remindersOf(t.db, uid);
    expect(first.map((n) => n.userId).sort((a, b) => a - b)).toEqual(
      ids(plan, "secretariat", "reporter"),
    );
    for (const n of first) {
      expect(n).toMatchObject({
        kind: "report_due",
        title:
          "Statusrapporten for 2026 (Helhedsplan Påmindelse) skal afleveres om 14 dage (30. juni 2027)",
        path: `/plans/${plan.id}/reports/2026`,
        dedupeKey: `reminder:${uid}:-14`,
      });
    }
    const [sent] = await t.db
      .select()
      .from(remindersSent)
      .where(eq(remindersSent.key, `${uid}:-14`));
    expect(sent?.sentAt.toISOString()).toBe("2027-06-16T06:00:00.000Z");
    // The other plan's people hear about their own plan only.
    const otherRows = await remindersOf(t.db, reportUid(other));
    expect(otherRows.map((n) => n.userId).sort((a, b) => a - b)).toEqual(
      ids(other, "secretariat", "reporter"),
    );
    expect(otherRows.every((n) => !ids(plan, "secretariat", "reporter").includes(n.userId))).toBe(
      true,
    );

    // The same day again: nothing new.
    expect((await runReminders(t.db, new Date("2027-06-16T14:00:00Z"))).sent).toBe(0);
    // A "restart": a new handle on the same database.
    if (driver === "postgres") {
      const again = await openDb({ driver: "postgres", url: t.url!, max: 2 });
      try {
        expect((await runReminders(again.db, new Date("2027-06-17T06:00:00Z"))).sent).toBe(0);
      } finally {
        await again.close();
      }
    } else {
      const { db: again } = createCountingDb(t);
      expect((await runReminders(again, new Date("2027-06-17T06:00:00Z"))).sent).toBe(0);
    }
    await runReminders(t.db, new Date("2027-06-29T20:00:00Z"));
    expect(await remindersOf(t.db, uid)).toHaveLength(2);

    await runReminders(t.db, eight("2027-06-30"));
    await runReminders(t.db, new Date("2027-06-30T10:00:00Z"));
    const onTheDay = (await remindersOf(t.db, uid)).slice(2);
    expect(onTheDay).toHaveLength(2);
    expect(onTheDay[0]!.title).toBe(
      "Statusrapporten for 2026 (Helhedsplan Påmindelse) skal afleveres i dag (30. juni 2027)",
    );

    await runReminders(t.db, new Date("2027-07-07T05:59:00Z"));
    expect(await remindersOf(t.db, uid)).toHaveLength(4);
    await runReminders(t.db, eight("2027-07-07"));
    const after = (await remindersOf(t.db, uid)).slice(4);
    expect(after).toHaveLength(2);
    expect(after[0]!.title).toBe(
      "Statusrapporten for 2026 (Helhedsplan Påmindelse) var ikke afleveret 7 dage efter fristen (30. juni 2027)",
    );

    await runReminders(t.db, eight("2027-07-20"));
    const all = await remindersOf(t.db, uid);
    expect(all).toHaveLength(6);
    // Each of the two people got each reminder once.
    for (const userId of ids(plan, "secretariat", "reporter")) {
      expect(all.filter((n) => n.userId === userId).map((n) => n.dedupeKey)).toEqual([
        `reminder:${uid}:-14`,
        `reminder:${uid}:0`,
        `reminder:${uid}:7`,
      ]);
    }
  });

  it("sends nothing more once the report is final", async () => {
    const plan = await reportPlan(t.db);
    const uid = reportUid(plan);
    await runReminders(t.db, eight("2027-06-16"));
    expect(await remindersOf(t.db, uid)).toHaveLength(2);
    // The reporter makes the report final on 20 June, ten days early.
    const reporter = plan.members.reporter![0]!;
    const version = await saveProgressReportNarrative(
      t.db,
      reporter,
      plan.id,
      2026,
      0,
      ProgressReportNarrativeSchema.parse({
        summary: "Året gik godt.",
        whatWorked: "",
        nextYear: "",
        activityNotes: [],
      }),
    );
    await finaliseProgressReport(t.db, reporter, plan.id, 2026, version);
    await runReminders(t.db, eight("2027-06-30"));
    await runReminders(t.db, eight("2027-07-07"));
    expect(await remindersOf(t.db, uid)).toHaveLength(2);
  });

  it("fires a backlog only as the deadline's latest reminder", async () => {
    const plan = await reportPlan(t.db, "Helhedsplan Efterslæb");
    const uid = reportUid(plan);
    // First seen 3 July (the app was down): -14 and 0 have passed; only 0 goes out.
    await runReminders(t.db, new Date("2027-07-03T07:00:00Z"));
    const first = await remindersOf(t.db, uid);
    expect(first.map((n) => n.dedupeKey)).toEqual([`reminder:${uid}:0`, `reminder:${uid}:0`]);
    expect(first[0]!.title).toBe(
      "Statusrapporten for 2026 (Helhedsplan Efterslæb) var ikke afleveret 3 dage efter fristen (30. juni 2027)",
    );
    await runReminders(t.db, eight("2027-07-07"));
    const all = await remindersOf(t.db, uid);
    expect(all.map((n) => n.dedupeKey)).toEqual([
      `reminder:${uid}:0`,
      `reminder:${uid}:0`,
      `reminder:${uid}:7`,
      `reminder:${uid}:7`,
    ]);
  });

  it("honours a plan's own offsets, set on the plan's settings page", async () => {
    const plan = await reportPlan(t.db, "Helhedsplan Egne Frister");
    const secretariat = plan.members.secretariat![0]!;
    const url = `/plans/${plan.id}/edit`;
    const params = { planId: String(plan.id) };
    const loaded = await callRoute(planEdit.loader, url, { userId: secretariat.id, params });
    const { plan: edit } = loaded.data as {
      plan: { version: number; values: { reminderOffsetDays: number[] } };
    };
    expect(edit.values.reminderOffsetDays).toEqual([-14, 0, 7]);
    const form = (reminderOffsetDays: string, version = edit.version) => ({
      version: String(version),
      name: plan.name,
      fundingRoundId: String(plan.fundingRoundId),
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      status: "active",
      reportDueMonthDay: "30-06",
      reminderOffsetDays,
    });

    // Wrong input: 400, a Danish message beside the field, the input kept.
    for (const [text, message] of [
      ["-14, 0, 70", "Hver påmindelse skal ligge mellem -60 og 60 dage fra fristen"],
      ["-14, 0, 0", "Den samme dag står flere gange"],
      ["-5, -4, -3, -2, -1, 0", "Angiv højst 5 påmindelser"],
      ["to uger før", "Skriv hele dage adskilt af komma, fx -14, 0, 7"],
    ] as const) {
      const bad = await callRoute(planEdit.action, url, {
        userId: secretariat.id,
        params,
        form: form(text),
      });
      expect(bad.status, text).toBe(400);
      const data = bad.data as { values: Record<string, unknown>; errors: Record<string, string> };
      expect(data.errors.reminderOffsetDays).toBe(message);
      expect(data.values.reminderOffsetDays).toBe(text);
    }
    // A board member may not; a user of another plan learns nothing.
    const board = await callRoute(planEdit.action, url, {
      userId: plan.members.board![0]!.id,
      params,
      form: form("-3"),
    });
    expect(board.status).toBe(403);
    const stranger = await callRoute(planEdit.action, url, {
      userId: t.demo.userIds.otherPlan,
      params,
      form: form("-3"),
    });
    expect(stranger.status).toBe(404);

    const saved = await callRoute(planEdit.action, url, {
      userId: secretariat.id,
      params,
      form: form(" 1, −3 "),
    });
    expect(saved.status).toBe(302);
    const [row] = await t.db.select().from(plans).where(eq(plans.id, plan.id));
    expect(row!.reminderOffsetDays).toEqual([-3, 1]);
    // The old version is stale now.
    const stale = await callRoute(planEdit.action, url, {
      userId: secretariat.id,
      params,
      form: form("-14", edit.version),
    });
    expect(stale.status).toBe(409);
    // A form without the field keeps the stored offsets.
    const withoutField = form("", row!.version) as Record<string, string>;
    delete withoutField.reminderOffsetDays;
    const kept = await callRoute(planEdit.action, url, {
      userId: secretariat.id,
      params,
      form: withoutField,
    });
    expect(kept.status).toBe(302);
    const [keptRow] = await t.db.select().from(plans).where(eq(plans.id, plan.id));
    expect(keptRow!.reminderOffsetDays).toEqual([-3, 1]);

    const uid = reportUid(plan);
    await runReminders(t.db, eight("2027-06-16"));
    expect(await remindersOf(t.db, uid)).toEqual([]);
    await runReminders(t.db, eight("2027-06-27"));
    const three = await remindersOf(t.db, uid);
    expect(three.map((n) => n.title)).toEqual([
      "Statusrapporten for 2026 (Helhedsplan Egne Frister) skal afleveres om 3 dage (30. juni 2027)",
      "Statusrapporten for 2026 (Helhedsplan Egne Frister) skal afleveres om 3 dage (30. juni 2027)",
    ]);
    await runReminders(t.db, eight("2027-06-30"));
    expect(await remindersOf(t.db, uid)).toHaveLength(2);
    await runReminders(t.db, eight("2027-07-01"));
    expect((await remindersOf(t.db, uid)).map((n) => n.dedupeKey)).toEqual([
      `reminder:${uid}:-3`,
      `reminder:${uid}:-3`,
      `reminder:${uid}:1`,
      `reminder:${uid}:1`,
    ]);

    // Emptied: no reminders at all.
    const emptied = await callRoute(planEdit.action, url, {
      userId: secretariat.id,
      params,
      form: form("", keptRow!.version),
    });
    expect(emptied.status).toBe(302);
    const [emptyRow] = await t.db.select().from(plans).where(eq(plans.id, plan.id));
    expect(emptyRow!.reminderOffsetDays).toEqual([]);
  });

  it("reminds the estate's applicant of a grant report, at the fund's offsets", async () => {
    const fund = await createFund(t.db);
    // Another estate of the same organisation, with its own applicant.
    const otherEstate = await createOrganisation(t.db, {
      kind: "estate",
      name: "Afd. Naboen",
      parentId: fund.organisationId,
    });
    const otherApplicant = await createUser(t.db);
    await addOrganisationMembership(t.db, null, otherApplicant.id, {
      organisationId: fund.organisationId,
      role: "applicant",
      estateId: otherEstate.id,
    });
    const { grantId } = await createApplication(
      t.db,
      {
        fundId: fund.fundId,
        applicant: fund.applicant,
        estateId: fund.estateId,
        fundAdmin: fund.fundAdmin,
      },
      { state: "approved" },
    );
    expect(grantId).not.toBeNull();
    const uid = `grant-report-${grantId}-2026@samarbejdsaftaler`;

    // The fund's settings page: offsets stored as typed.
    const url = `/organisations/${fund.organisationId}/fund`;
    const params = { organisationId: String(fund.organisationId) };
    const loaded = await callRoute(fundSettings.loader, url, { userId: fund.fundAdmin.id, params });
    const { version, values } = loaded.data as {
      version: number;
      values: {
        name: string;
        guidelines: string;
        maxYears: string;
        minOwnSharePercent: string;
        maxAmountPerTenancy: string;
        reportDueMonthDay: string;
        reminderOffsetDays: string;
        frames: { year: string; amount: string }[];
      };
    };
    expect(values.reminderOffsetDays).toBe("-14, 0, 7");
    const form = (reminderOffsetDays: string) => ({
      version: String(version),
      name: values.name,
      guidelines: values.guidelines,
      maxYears: values.maxYears,
      minOwnSharePercent: values.minOwnSharePercent,
      maxAmountPerTenancy: values.maxAmountPerTenancy,
      prioritiseLbfCofinancing: "on",
      prioritiseAcute: "on",
      reportDueMonthDay: values.reportDueMonthDay,
      reminderOffsetDays,
      ...Object.fromEntries(
        values.frames.flatMap((f, i) => [
          [`frames.${i}.year`, f.year],
          [`frames.${i}.amount`, f.amount],
        ]),
      ),
    });
    const bad = await callRoute(fundSettings.action, url, {
      userId: fund.fundAdmin.id,
      params,
      form: form("-7, x"),
    });
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: Record<string, string> }).errors.reminderOffsetDays).toBe(
      "Skriv hele dage adskilt af komma, fx -14, 0, 7",
    );
    expect((bad.data as { values: Record<string, string> }).values.reminderOffsetDays).toBe(
      "-7, x",
    );
    const applicantTry = await callRoute(fundSettings.action, url, {
      userId: fund.applicant.id,
      params,
      form: form("-7"),
    });
    expect(applicantTry.status).toBe(403);
    const saved = await callRoute(fundSettings.action, url, {
      userId: fund.fundAdmin.id,
      params,
      form: form("-7, 0"),
    });
    expect(saved.status).toBe(302);
    const reloaded = await callRoute(fundSettings.loader, url, {
      userId: fund.fundAdmin.id,
      params,
    });
    expect((reloaded.data as { values: Record<string, string> }).values.reminderOffsetDays).toBe(
      "-7, 0",
    );

    // The report on 2026 is due 31 March 2027.
    await runReminders(t.db, eightWinter("2027-03-17"));
    expect(await remindersOf(t.db, uid)).toEqual([]);
    // 07:00 Danish time (winter time until 28 March): not yet.
    await runReminders(t.db, eight("2027-03-24"));
    expect(await remindersOf(t.db, uid)).toEqual([]);
    await runReminders(t.db, eightWinter("2027-03-24"));
    const rows = await remindersOf(t.db, uid);
    expect(rows.map((n) => n.userId)).toEqual([fund.applicant.id]);
    expect(rows[0]).toMatchObject({
      kind: "grant_report_due",
      path: `/funds/${fund.fundId}/grants/${grantId}/reports/2026`,
    });
    expect(rows[0]!.title).toMatch(
      /^Afrapporteringen for 2026 af «.+» \(Afd\. .+\) skal indsendes om 7 dage \(31\. marts 2027\)$/,
    );
    // Neither the fund's administrator nor another estate's applicant.
    expect(rows.map((n) => n.userId)).not.toContain(fund.fundAdmin.id);
    expect(rows.map((n) => n.userId)).not.toContain(otherApplicant.id);
  });

  it("sends each reminder once when two runs race", async () => {
    const plan = await reportPlan(t.db);
    const uid = reportUid(plan);
    const now = new Date("2027-06-16T06:05:00Z");
    let runs: ReminderRun[];
    if (driver === "postgres") {
      const second = await openDb({ driver: "postgres", url: t.url!, max: 2 });
      try {
        runs = await Promise.all([runReminders(t.db, now), runReminders(second.db, now)]);
      } finally {
        await second.close();
      }
    } else {
      runs = await Promise.all([runReminders(t.db, now), runReminders(t.db, now)]);
    }
    const rows = await remindersOf(t.db, uid);
    expect(rows.map((n) => n.userId).sort((a, b) => a - b)).toEqual(
      ids(plan, "secretariat", "reporter"),
    );
    const sentNow = await t.db.select().from(remindersSent).where(eq(remindersSent.sentAt, now));
    expect(sentNow.map((r) => r.key)).toContain(`${uid}:-14`);
    // Between them, the two runs sent every reminder exactly once.
    expect(runs[0]!.sent + runs[1]!.sent).toBe(sentNow.length);
  });

  it("reminds the secretariat of a revision, as the calendar dates it", async () => {
    const plan = await reportPlan(t.db, "Helhedsplan Revision");
    const agreement = await createAgreement(t.db, plan);
    // Approved by the board on 15 July 2026: the next revision is due 15 July 2027 (12 months).
    const [version] = await t.db
      .insert(agreementVersions)
      .values({ agreementId: agreement.id, number: 1, snapshot: {} })
      .returning({ id: agreementVersions.id });
    await t.db
      .update(agreementVersions)
      .set({
        status: "approved",
        meetingDate: "2026-07-15",
        decidedAt: new Date("2026-07-15T18:00:00Z"),
      })
      .where(eq(agreementVersions.id, version!.id));
    const deadline = (await listDeadlinesForUser(t.db, t.user("admin"), "2027-01-01")).find(
      (d) => d.kind === "revision" && d.subjectId === agreement.id,
    );
    expect(deadline?.date).toBe("2027-07-15");
    const uid = deadlineUid(deadline!);
    await runReminders(t.db, eight("2027-07-01"));
    const rows = await remindersOf(t.db, uid);
    expect(rows.map((n) => n.userId)).toEqual(ids(plan, "secretariat"));
    expect(rows[0]).toMatchObject({
      kind: "revision_due",
      title: `Revisionen af delaftalen ${agreement.focusArea} (Helhedsplan Revision) skal være godkendt om 14 dage (15. juli 2027)`,
      path: `/plans/${plan.id}/agreements/${agreement.id}/revision`,
    });
  });

  it("reminds the secretariat of a milestone, and reporters too of a self-evaluation", async () => {
    // The demo data's own deadlines, as the calendar lists them: the last open one of each kind.
    const all = await listDeadlinesForUser(t.db, t.user("admin"), "2026-12-05");
    const audience = {
      milestone: ["secretariat"],
      "self-evaluation": ["reporter", "secretariat"],
    } as const;
    const chosen = (Object.keys(audience) as (keyof typeof audience)[])
      .map((kind) => all.filter((d) => d.kind === kind && !d.done).at(-1))
      .filter((d) => d !== undefined)
      .sort((a, b) => (a.date < b.date ? -1 : 1));
    expect(chosen.map((d) => d.kind).sort()).toEqual(["milestone", "self-evaluation"]);
    for (const deadline of chosen) {
      const uid = deadlineUid(deadline);
      // On the day (10:00 UTC is past 08:00 Danish time, summer or winter).
      await runReminders(t.db, new Date(`${deadline.date}T10:00:00Z`));
      const rows = await remindersOf(t.db, uid);
      const members = await t.db
        .select({ userId: planMemberships.userId })
        .from(planMemberships)
        .where(
          and(
            eq(planMemberships.planId, deadline.planId!),
            inArray(planMemberships.role, [...audience[deadline.kind as keyof typeof audience]]),
          ),
        );
      const expected = [...new Set(members.map((m) => m.userId))].sort((a, b) => a - b);
      expect(expected.length, deadline.kind).toBeGreaterThan(0);
      expect(
        [...new Set(rows.map((n) => n.userId))].sort((a, b) => a - b),
        deadline.kind,
      ).toEqual(expected);
      expect(rows[0]!.kind).toBe(`${deadline.kind.replace("-", "_")}_due`);
      expect(rows[0]!.path).toBe(deadline.path);
    }
  });

  it("loads the deadlines in the same number of queries however many plans there are", async () => {
    // Plans of 2030: their reports fall due 30 June 2031, far from every other deadline here.
    const planOf2030 = () =>
      createPlan(t.db, {
        periodStart: "2030-01-01",
        periodEnd: "2030-12-31",
        members: { reporter: true },
      });
    const now = eight("2031-06-16");
    const counted = async () => {
      const { db, queries } = createCountingDb(t);
      const run = await runReminders(db, now);
      return { run, queries: queries.length };
    };
    await planOf2030();
    await runReminders(t.db, now);
    const idleOne = await counted();
    expect(idleOne.run.sent).toBe(0);
    for (let i = 0; i < 5; i++) await planOf2030();
    await runReminders(t.db, now);
    const idleSix = await counted();
    expect(idleSix.run.sent).toBe(0);
    expect(idleSix.queries).toBe(idleOne.queries);
    // Sending: one transaction of the same few statements per reminder.
    await planOf2030();
    const sendOne = await counted();
    expect(sendOne.run.sent).toBe(1);
    for (let i = 0; i < 3; i++) await planOf2030();
    const sendThree = await counted();
    expect(sendThree.run.sent).toBe(3);
    const perReminder = sendOne.queries - idleSix.queries;
    expect(perReminder).toBeLessThanOrEqual(4);
    expect(sendThree.queries - idleSix.queries).toBe(3 * perReminder);
  });
});
