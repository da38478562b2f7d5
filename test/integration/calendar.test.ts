/**
 * The deadline calendar on both drivers: the feed read back by an independent reader (ical.js)
 * with the right all-day dates; only what the user may see (two plans, two funds); a revoked
 * address, an old address after a new one and a made-up one all answer 404; the plan's .ics for
 * members only; a query count that does not grow with the number of plans.
 */
import { addMonths, format, parseISO } from "date-fns";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  calendarFeeds,
  milestones,
  progressReports,
  selfEvaluations,
} from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import {
  createAgreement,
  createApplication,
  createFund,
  createPlan,
  createUser,
  type CreatedPlan,
} from "../helpers/factories";
import { callRoute, callRouteWith, useTestDbForRoutes } from "../helpers/routes";
import { todayInDenmark } from "~/domain/format";
import type { SessionUser } from "~/domain/user";
import {
  createCalendarFeed,
  hashCalendarToken,
  listDeadlinesForUser,
  revokeCalendarFeed,
  userForCalendarToken,
} from "~/models/calendar.server";
import { decideRevision, submitRevision } from "~/models/revisions.server";
import * as account from "~/routes/account";
import * as feed from "~/routes/calendar.$token";
import * as planIcs from "~/routes/plans.$planId.calendar[.]ics";

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
}

function parseCalendar(text: string): { name: string; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const start = vevent.getFirstPropertyValue("dtstart") as ICAL.Time;
    const end = vevent.getFirstPropertyValue("dtend") as ICAL.Time;
    return {
      uid: String(vevent.getFirstPropertyValue("uid")),
      summary: String(vevent.getFirstPropertyValue("summary")),
      description: String(vevent.getFirstPropertyValue("description")),
      start: start.toString(),
      end: end.toString(),
      allDay: start.isDate && end.isDate,
    };
  });
  return { name: String(calendar.getFirstPropertyValue("x-wr-calname")), events };
}

async function fetchFeed(token: string) {
  const result = await callRoute(feed.loader as never, `/calendar/${token}.ics`, {
    params: { token: `${token}.ics` },
  });
  return { ...result, text: String(result.data) };
}

describe.each(drivers)("the deadline calendar on %s", (driver) => {
  let t: TestDb;
  const today = todayInDenmark();
  const Y = Number(today.slice(0, 4)) + 1;
  let planA: CreatedPlan;
  let planB: CreatedPlan;
  let member: SessionUser;
  let outsider: SessionUser;
  let agreementId: number;
  let revisionDue: string;
  const milestoneIds = {} as Record<"dated" | "quarter" | "ofB", number>;
  let evaluationIds: number[] = [];
  let fund1: Awaited<ReturnType<typeof createFund>>;
  let fund2: Awaited<ReturnType<typeof createFund>>;
  let grant1: number;
  let grant2: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    member = await createUser(t.db, { name: "Kirsten Kalender" });
    outsider = await createUser(t.db, { name: "Ole Udenfor" });
    planA = await createPlan(t.db, {
      name: "Kildeby Helhedsplan",
      periodStart: `${Y - 1}-01-01`,
      periodEnd: `${Y + 2}-12-31`,
      members: { secretariat: member, board: true },
    });
    planB = await createPlan(t.db, {
      name: "Fjordby Helhedsplan",
      periodStart: `${Y - 1}-01-01`,
      periodEnd: `${Y}-12-31`,
      members: { secretariat: outsider },
    });
    // An approved agreement in plan A: its next revision is due 12 months after the meeting.
    const agreement = await createAgreement(t.db, planA);
    agreementId = agreement.id;
    const v1 = await submitRevision(t.db, member, planA.id, agreementId, {
      summary: "Første version",
      recommendation: null,
    });
    await decideRevision(t.db, planA.members.board![0]!, planA.id, agreementId, v1.id, {
      decision: "approve",
      meetingDate: today,
      note: null,
    });
    revisionDue = format(addMonths(parseISO(today), 12), "yyyy-MM-dd");
    // The report on Y - 1 is final (handed in); the others are still to come.
    const [report] = await t.db
      .insert(progressReports)
      .values({ planId: planA.id, year: Y - 1 })
      .returning({ id: progressReports.id });
    await t.db
      .update(progressReports)
      .set({ status: "final", snapshot: {}, finalisedAt: new Date() })
      .where(eq(progressReports.id, report!.id));
    const rows = await t.db
      .insert(milestones)
      .values([
        {
          planId: planA.id,
          title: "Lektiecaféen åbner",
          dueDate: `${Y}-02-14`,
          year: Y,
          status: "planned",
        },
        {
          planId: planA.id,
          title: "Evaluering af naboskabsdagen",
          year: Y,
          quarter: 3,
          status: "postponed",
          note: "Flyttet til efteråret",
        },
        {
          planId: planB.id,
          title: "Fjordbys hemmelige milepæl",
          dueDate: `${Y}-05-01`,
          year: Y,
          status: "planned",
        },
      ])
      .returning({ id: milestones.id });
    // Self-evaluations: plan A's with the funder's deadline, one without, and plan B's.
    const evaluations = await t.db
      .insert(selfEvaluations)
      .values([
        {
          planId: planA.id,
          questionSet: "standard",
          funder: "Fonden for Naboskab",
          title: "Lektiecaféen",
          dueDate: `${Y}-03-01`,
        },
        {
          planId: planA.id,
          questionSet: "standard",
          funder: "Fonden for Naboskab",
          title: "Uden frist",
        },
        {
          planId: planB.id,
          questionSet: "standard",
          funder: "Fonden for Naboskab",
          title: "Fjordbys evaluering",
          dueDate: `${Y}-04-01`,
        },
      ])
      .returning({ id: selfEvaluations.id });
    evaluationIds = evaluations.map((e) => e.id);
    milestoneIds.dated = rows[0]!.id;
    milestoneIds.quarter = rows[1]!.id;
    milestoneIds.ofB = rows[2]!.id;
    // Two funds, each with an approved grant for year Y (report due 31 March of Y + 1).
    fund1 = await createFund(t.db, { frames: [{ year: Y, amount: 1_000_000 }] });
    fund2 = await createFund(t.db, { frames: [{ year: Y, amount: 1_000_000 }] });
    for (const [fund, set] of [
      [fund1, (id: number) => (grant1 = id)],
      [fund2, (id: number) => (grant2 = id)],
    ] as const) {
      const created = await createApplication(
        t.db,
        { ...fund, fundAdmin: fund.fundAdmin },
        {
          state: "approved",
          values: {
            startYear: Y,
            endYear: Y,
            years: [{ year: Y, requestedAmount: 50_000, ownContribution: 10_000 }],
          },
        },
      );
      set(created.grantId!);
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it("serves the member's deadlines as all-day events on the right dates", async () => {
    const token = await createCalendarFeed(t.db, member);
    const result = await fetchFeed(token);
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(result.headers.get("Cache-Control")).toBe("private, max-age=300");
    const { name, events } = parseCalendar(result.text);
    expect(name).toBe("Frister i Samarbejdsaftaler – Kirsten Kalender");
    const byUid = new Map(events.map((e) => [e.uid, e]));

    const revision = byUid.get(
      `revision-${agreementId}-${revisionDue.slice(0, 4)}@samarbejdsaftaler`,
    );
    expect(revision).toMatchObject({ start: revisionDue, allDay: true });
    expect(revision!.summary).toContain("Frist: revision af delaftalen");
    expect(revision!.description).toContain(
      `http://localhost/plans/${planA.id}/agreements/${agreementId}/revision`,
    );

    const report = byUid.get(`report-${planA.id}-${Y}@samarbejdsaftaler`);
    expect(report).toMatchObject({
      summary: `Frist: statusrapport for ${Y} – Kildeby Helhedsplan`,
      start: `${Y + 1}-06-30`,
      end: `${Y + 1}-07-01`,
      allDay: true,
    });
    // The final report on Y - 1 (due 30 June Y) is kept, marked as handed in.
    expect(byUid.get(`report-${planA.id}-${Y - 1}@samarbejdsaftaler`)?.summary).toBe(
      `Frist: statusrapport for ${Y - 1} – Kildeby Helhedsplan (klaret)`,
    );

    expect(byUid.get(`milestone-${milestoneIds.dated}-${Y}@samarbejdsaftaler`)).toMatchObject({
      summary: "Milepæl: Lektiecaféen åbner – Kildeby Helhedsplan",
      start: `${Y}-02-14`,
      allDay: true,
    });
    // Planned by quarter: on the quarter's last day, with its status and note.
    const quarter = byUid.get(`milestone-${milestoneIds.quarter}-${Y}@samarbejdsaftaler`);
    expect(quarter).toMatchObject({ start: `${Y}-09-30`, end: `${Y}-10-01` });
    expect(quarter!.description).toContain("Status: Udskudt");
    expect(quarter!.description).toContain("Flyttet til efteråret");

    // A self-evaluation with the funder's deadline; one without a deadline is not an event.
    const evaluation = byUid.get(`self-evaluation-${evaluationIds[0]}-${Y}@samarbejdsaftaler`);
    expect(evaluation).toMatchObject({
      summary: "Frist: selvevaluering «Lektiecaféen» – Kildeby Helhedsplan",
      start: `${Y}-03-01`,
      allDay: true,
    });
    expect(evaluation!.description).toContain(
      `http://localhost/plans/${planA.id}/self-evaluations/${evaluationIds[0]}`,
    );
    expect(events.filter((e) => e.uid.startsWith("self-evaluation-"))).toHaveLength(1);

    // The member is neither fund administrator nor applicant: no grant reports.
    expect(events.filter((e) => e.uid.startsWith("grant-report-"))).toEqual([]);
  });

  it("carries no event of a plan the user is not a member of", async () => {
    const { events } = parseCalendar(
      (await fetchFeed(await createCalendarFeed(t.db, member))).text,
    );
    expect(events.some((e) => e.uid.startsWith(`report-${planB.id}-`))).toBe(false);
    expect(events.some((e) => e.uid.startsWith(`milestone-${milestoneIds.ofB}-`))).toBe(false);
    expect(events.some((e) => e.summary.includes("Fjordby"))).toBe(false);
    expect(events.some((e) => e.uid.startsWith(`self-evaluation-${evaluationIds[2]}-`))).toBe(
      false,
    );

    // And the other way round: plan B's secretariat sees B's and nothing of A.
    const ofB = parseCalendar((await fetchFeed(await createCalendarFeed(t.db, outsider))).text);
    expect(ofB.events.map((e) => e.uid)).toContain(
      `milestone-${milestoneIds.ofB}-${Y}@samarbejdsaftaler`,
    );
    expect(ofB.events.some((e) => e.summary.includes("Kildeby"))).toBe(false);
    expect(ofB.events.some((e) => e.uid.startsWith(`revision-${agreementId}-`))).toBe(false);
  });

  it("gives an applicant their estate's grant reports and not another estate's", async () => {
    const uid = (grantId: number) => `grant-report-${grantId}-${Y}@samarbejdsaftaler`;
    const applicant = parseCalendar(
      (await fetchFeed(await createCalendarFeed(t.db, fund1.applicant))).text,
    );
    const own = applicant.events.find((e) => e.uid === uid(grant1));
    expect(own).toMatchObject({ start: `${Y + 1}-03-31`, allDay: true });
    expect(own!.summary).toMatch(/^Frist: afrapportering/);
    expect(applicant.events.map((e) => e.uid)).not.toContain(uid(grant2));
    // No plan deadlines for someone who is in no plan.
    expect(applicant.events.filter((e) => !e.uid.startsWith("grant-report-"))).toEqual([]);

    const admin2 = parseCalendar(
      (await fetchFeed(await createCalendarFeed(t.db, fund2.fundAdmin))).text,
    );
    expect(admin2.events.map((e) => e.uid)).toEqual([uid(grant2)]);
  });

  it("answers 404 for a revoked address, and for the old one once a new one is made", async () => {
    const first = await createCalendarFeed(t.db, member);
    expect((await fetchFeed(first)).status).toBe(200);
    const second = await createCalendarFeed(t.db, member);
    const old = await fetchFeed(first);
    expect(old.status).toBe(404);
    expect(old.text).toBe("Kalenderen findes ikke");
    expect((await fetchFeed(second)).status).toBe(200);

    expect(await revokeCalendarFeed(t.db, member)).toBe(true);
    const revoked = await fetchFeed(second);
    // The same answer as for an address that never existed: nothing tells them apart.
    const madeUp = await fetchFeed("A".repeat(43));
    const malformed = await fetchFeed("not-a-token");
    for (const reply of [revoked, madeUp, malformed]) {
      expect(reply.status).toBe(404);
      expect(reply.text).toBe(old.text);
    }
    expect(await revokeCalendarFeed(t.db, member)).toBe(false);
  });

  it("blocks a client after 30 wrong addresses, the right one too, for an hour", async () => {
    const token = await createCalendarFeed(t.db, fund2.applicant);
    const from = (address: string, value: string) =>
      callRouteWith(
        feed.loader as never,
        new Request(`http://localhost/calendar/${value}`),
        { token: value },
        { clientAddress: address },
      );
    for (let i = 0; i < 30; i++) {
      expect(
        (await from("203.0.113.9", `${"B".repeat(40)}${String(i).padStart(3, "0")}`)).status,
      ).toBe(404);
    }
    const blocked = await from("203.0.113.9", token);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toBe("3600");
    // Another client is not affected.
    expect((await from("198.51.100.4", token)).status).toBe(200);
  });

  it("stores only the token's hash, audits without it, and notes use at most hourly", async () => {
    const token = await createCalendarFeed(t.db, member);
    const rows = await t.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.tokenSha256, hashCalendarToken(token)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.lastUsedAt).toBeNull();
    expect(JSON.stringify(await t.db.select().from(calendarFeeds))).not.toContain(token);
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityType, "calendar_feed"));
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain(token);
    expect(JSON.stringify(audits)).not.toContain(hashCalendarToken(token));

    expect((await userForCalendarToken(t.db, token))?.id).toBe(member.id);
    const [afterFirst] = await t.db
      .select({ lastUsedAt: calendarFeeds.lastUsedAt })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.id, rows[0]!.id));
    expect(afterFirst!.lastUsedAt).not.toBeNull();
    const counting = createCountingDb(t);
    await userForCalendarToken(counting.db, token);
    // Used a moment ago: one lookup, no write.
    expect(counting.queries).toHaveLength(1);
  });

  it("lets members download the plan's .ics and answers 404 to others", async () => {
    const url = `/plans/${planA.id}/calendar.ics`;
    const params = { planId: String(planA.id) };
    const ok = await callRoute(planIcs.loader as never, url, { userId: member.id, params });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Disposition")).toBe(
      'attachment; filename="frister-kildeby-helhedsplan.ics"',
    );
    const { name, events } = parseCalendar(String(ok.data));
    expect(name).toBe("Frister – Kildeby Helhedsplan");
    expect(events.map((e) => e.uid)).toContain(`report-${planA.id}-${Y}@samarbejdsaftaler`);
    expect(events.every((e) => !e.summary.includes("Fjordby"))).toBe(true);

    const other = await callRoute(planIcs.loader as never, url, { userId: outsider.id, params });
    expect(other.status).toBe(404);
    const applicant = await callRoute(planIcs.loader as never, url, {
      userId: fund1.applicant.id,
      params,
    });
    expect(applicant.status).toBe(404);
    const anonymous = await callRoute(planIcs.loader as never, url, { params });
    expect(anonymous.status).toBe(302);
  });

  it("makes, shows once and revokes an address on «Min konto»", async () => {
    const page = await callRoute(account.loader as never, "/account", { userId: outsider.id });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      account: {
        name: "Ole Udenfor",
        plans: [{ id: planB.id, name: "Fjordby Helhedsplan", role: "secretariat" }],
      },
    });
    const made = await callRoute(account.action as never, "/account", {
      userId: outsider.id,
      form: { intent: "create-calendar" },
    });
    expect(made.headers.get("Cache-Control")).toBe("no-store");
    const feedUrl = (made.data as { feedUrl: string }).feedUrl;
    expect(feedUrl).toMatch(/^http:\/\/localhost\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = feedUrl
      .split("/")
      .pop()!
      .replace(/\.ics$/, "");
    expect((await fetchFeed(token)).status).toBe(200);
    // The page afterwards knows an address exists but cannot show it.
    const again = await callRoute(account.loader as never, "/account", { userId: outsider.id });
    expect(JSON.stringify(again.data)).not.toContain(token);
    expect(
      (again.data as { account: { calendarFeed: unknown } }).account.calendarFeed,
    ).not.toBeNull();

    const revoked = await callRoute(account.action as never, "/account", {
      userId: outsider.id,
      form: { intent: "revoke-calendar" },
    });
    expect(revoked.data).toEqual({ revoked: true });
    expect((await fetchFeed(token)).status).toBe(404);

    const bad = await callRoute(account.action as never, "/account", {
      userId: outsider.id,
      form: { intent: "delete-everything" },
    });
    expect(bad.status).toBe(400);
  });

  it("needs the same number of queries for 2 plans as for 8", async () => {
    const user = await createUser(t.db);
    const count = async () => {
      const { db, queries } = createCountingDb(t);
      await listDeadlinesForUser(db, user);
      return queries.length;
    };
    for (let i = 0; i < 2; i++) {
      const plan = await createPlan(t.db, { members: { viewer: user } });
      await t.db.insert(milestones).values({ planId: plan.id, title: "M", year: Y, quarter: 1 });
    }
    const few = await count();
    for (let i = 0; i < 6; i++) {
      const plan = await createPlan(t.db, { members: { viewer: user } });
      await createAgreement(t.db, plan);
      await t.db.insert(milestones).values({ planId: plan.id, title: "M", year: Y, quarter: 2 });
      await t.db.insert(selfEvaluations).values({
        planId: plan.id,
        questionSet: "standard",
        funder: "F",
        title: "S",
        dueDate: `${Y}-05-01`,
      });
    }
    const deadlines = await listDeadlinesForUser(t.db, user);
    expect(deadlines.filter((d) => d.kind === "milestone")).toHaveLength(8);
    expect(deadlines.filter((d) => d.kind === "self-evaluation")).toHaveLength(6);
    expect(await count()).toBe(few);
    // Revisions, plans, milestones, self-evaluations, grant years.
    expect(few).toBeLessThanOrEqual(5);
  });
});
