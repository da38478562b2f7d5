/**
 * The in-app notifications and each user's e-mail preferences (issue 20, item 2), on both
 * drivers, through the routes as a user calls them: the list (own only, newest first, 50 a page),
 * opening one (marks it read, goes to its path; another user's is a 404), «Markér alle som læst»,
 * the header's unread count (a constant number of queries), and the preferences on «Min konto»
 * (saved in one transaction with an audit event; a bad value is a 400 with a Danish message).
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, notificationPreferences, notifications } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { createPlan, createUser } from "../helpers/factories";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { NOTIFICATION_KIND_KEYS } from "~/domain/notification-kinds";
import { DELIVERY_MESSAGE, relevantNotificationKinds } from "~/domain/notification-preferences";
import type { SessionUser } from "~/domain/user";
import { getPreferences, setPreference } from "~/models/notification-preferences.server";
import { notify } from "~/models/notifications.server";
import * as root from "~/root";
import * as account from "~/routes/account";
import * as list from "~/routes/notifikationer._index";
import * as open from "~/routes/notifikationer.$notificationId";

type ListData = Awaited<ReturnType<typeof list.loader>>;
type RootData = Awaited<ReturnType<typeof root.loader>>["data"];
type AccountData = Awaited<ReturnType<typeof account.loader>>;

describe.each(drivers)("notifications on %s", (driver) => {
  let t: TestDb;
  let alice: SessionUser;
  let bob: SessionUser;

  /** `count` notifications for `user`, one a second apart from `start` (so their order is known). */
  async function give(user: SessionUser, count: number, start = Date.UTC(2026, 11, 1, 8)) {
    for (let i = 0; i < count; i++) {
      await notify(t.db, {
        kind: "revision_submitted",
        recipients: { userIds: [user.id] },
        actorId: null,
        title: `Besked ${i + 1}`,
        body: `Brødtekst ${i + 1}`,
        path: `/plans/1/agreements/${i + 1}/review`,
      });
    }
    // Spread their times so "newest first" is not decided by the id alone.
    await t.db.execute(sql`
      update ${notifications} set created_at = to_timestamp(${start / 1000}) + (id - (
        select min(id) from ${notifications} where user_id = ${user.id}
      )) * interval '1 second'
      where user_id = ${user.id}`);
  }

  async function unreadInHeader(userId: number): Promise<number> {
    const res = await callRoute(root.loader, "/", { userId });
    expect(res.status).toBe(200);
    return (res.data as RootData).unread;
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    alice = await createUser(t.db);
    bob = await createUser(t.db);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("lists a user's own notifications newest first, 50 a page, unread marked", async () => {
    await give(alice, 53);
    await give(bob, 1);
    const first = await callRoute(list.loader, "/notifikationer", { userId: alice.id });
    expect(first.status).toBe(200);
    const page1 = first.data as ListData;
    expect(page1.items).toHaveLength(50);
    expect(page1.items[0]!.title).toBe("Besked 53");
    expect(page1.items[49]!.title).toBe("Besked 4");
    expect(page1.items.every((n) => !n.read)).toBe(true);
    expect(page1.hasNext).toBe(true);
    expect(page1.unread).toBe(53);
    const page2 = (await callRoute(list.loader, "/notifikationer?side=2", { userId: alice.id }))
      .data as ListData;
    expect(page2.items.map((n) => n.title)).toEqual(["Besked 3", "Besked 2", "Besked 1"]);
    expect(page2.hasNext).toBe(false);
    // Bob's one notification is not on Alice's list, nor hers on his.
    const bobs = (await callRoute(list.loader, "/notifikationer", { userId: bob.id }))
      .data as ListData;
    expect(bobs.items.map((n) => n.title)).toEqual(["Besked 1"]);
  });

  it("sends an anonymous visitor to the login page", async () => {
    const res = await callRoute(list.loader, "/notifikationer");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });

  it("opens a notification: marks it read and goes to its page; another user's is a 404", async () => {
    const page = (await callRoute(list.loader, "/notifikationer", { userId: alice.id }))
      .data as ListData;
    const newest = page.items[0]!;
    expect(await unreadInHeader(alice.id)).toBe(53);

    const foreign = await callRoute(open.loader, `/notifikationer/${newest.id}`, {
      userId: bob.id,
      params: { notificationId: String(newest.id) },
    });
    expect(foreign.status).toBe(404);
    expect(await unreadInHeader(alice.id)).toBe(53);
    for (const bad of ["0", "x", "99999999999"]) {
      const res = await callRoute(open.loader, `/notifikationer/${bad}`, {
        userId: alice.id,
        params: { notificationId: bad },
      });
      expect(res.status).toBe(404);
    }

    const res = await callRoute(open.loader, `/notifikationer/${newest.id}`, {
      userId: alice.id,
      params: { notificationId: String(newest.id) },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/plans/1/agreements/53/review");
    expect(await unreadInHeader(alice.id)).toBe(52);
    const after = (await callRoute(list.loader, "/notifikationer", { userId: alice.id }))
      .data as ListData;
    expect(after.items[0]).toMatchObject({ id: newest.id, read: true });
    expect(after.items[1]!.read).toBe(false);
    // Opening it again keeps it read and still leads there.
    const again = await callRoute(open.loader, `/notifikationer/${newest.id}`, {
      userId: alice.id,
      params: { notificationId: String(newest.id) },
    });
    expect(again.headers.get("Location")).toBe("/plans/1/agreements/53/review");
  });

  it("never redirects out of the app, whatever path was stored", async () => {
    const [row] = await t.db
      .insert(notifications)
      .values({ userId: bob.id, kind: "revision_submitted", title: "x", path: "//evil.example/" })
      .returning({ id: notifications.id });
    const res = await callRoute(open.loader, `/notifikationer/${row!.id}`, {
      userId: bob.id,
      params: { notificationId: String(row!.id) },
    });
    expect(res.headers.get("Location")).toBe("/notifikationer");
  });

  it("marks all of the user's own as read (audited), not another user's", async () => {
    const bobUnread = await unreadInHeader(bob.id);
    expect(bobUnread).toBeGreaterThan(0);
    const bad = await callRoute(list.action, "/notifikationer", {
      userId: alice.id,
      form: { intent: "slet-alt" },
    });
    expect(bad.status).toBe(400);
    expect(await unreadInHeader(alice.id)).toBe(52);

    const res = await callRoute(list.action, "/notifikationer", {
      userId: alice.id,
      form: { intent: "read-all" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/notifikationer");
    expect(await unreadInHeader(alice.id)).toBe(0);
    expect(await unreadInHeader(bob.id)).toBe(bobUnread);
    const [audit] = await t.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "notifications.read_all"), eq(auditEvents.userId, alice.id)),
      );
    expect(audit!.after).toEqual({ read: 52 });
  });

  it("counts unread notifications in the header with the same number of queries for 0 and 50", async () => {
    const carol = await createUser(t.db);
    const dave = await createUser(t.db);
    await give(dave, 50);
    const queriesFor = async (userId: number) => {
      const { db, queries } = createCountingDb(t);
      useTestDbForRoutes({ ...t, db });
      try {
        await callRoute(root.loader, "/", { userId });
      } finally {
        useTestDbForRoutes(t);
      }
      return queries;
    };
    const none = await queriesFor(carol.id);
    const fifty = await queriesFor(dave.id);
    expect(fifty.length).toBe(none.length);
    expect(fifty.filter((q) => q.includes('"notifications"'))).toHaveLength(1);
    expect(await unreadInHeader(carol.id)).toBe(0);
    expect(await unreadInHeader(dave.id)).toBe(50);
    const anonymous = await callRoute(root.loader, "/");
    expect((anonymous.data as RootData).unread).toBe(0);
  });

  describe("preferences on «Min konto»", () => {
    it("shows the kinds the user's roles can receive, with the kinds' defaults", async () => {
      const boardOnly = await createPlan(t.db, { members: { board: true } });
      const member = boardOnly.members.board![0]!;
      const res = await callRoute(account.loader, "/account", { userId: member.id });
      const { notifications: shown } = res.data as AccountData;
      expect(shown.kinds).toContain("revision_submitted");
      expect(shown.kinds).toContain("comment_reply");
      expect(shown.kinds).not.toContain("application_submitted");
      expect(shown.kinds).not.toContain("revision_decided");
      expect(shown.preferences.revision_submitted).toBe("immediate");
      expect(shown.preferences.comment_added).toBe("digest");

      const applicant = (
        await callRoute(account.loader, "/account", {
          userId: t.demo.userIds.applicant,
        })
      ).data as AccountData;
      expect(applicant.notifications.kinds).toEqual(["application_decided", "grant_report_due"]);
      const admin = (await callRoute(account.loader, "/account", { userId: t.demo.userIds.admin }))
        .data as AccountData;
      expect(admin.notifications.kinds).toEqual(NOTIFICATION_KIND_KEYS);
      expect(relevantNotificationKinds([], false)).toEqual([]);
    });

    it("saves the choices in one transaction with an audit event", async () => {
      const res = await callRoute(account.action, "/account", {
        userId: alice.id,
        form: {
          intent: "save-notifications",
          revision_submitted: "digest",
          revision_decided: "off",
          comment_added: "digest",
        },
      });
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/account");
      const prefs = await getPreferences(t.db, alice.id);
      expect(prefs.revision_submitted).toBe("digest");
      expect(prefs.revision_decided).toBe("off");
      expect(prefs.comment_added).toBe("digest");
      expect(prefs.report_due).toBe("immediate");
      // Only what differs from before is written and audited (comment_added was digest already).
      const rows = await t.db
        .select({ kind: notificationPreferences.kind })
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, alice.id));
      expect(rows.map((r) => r.kind).sort()).toEqual(["revision_decided", "revision_submitted"]);
      const [audit] = await t.db
        .select({ before: auditEvents.before, after: auditEvents.after })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "notification_preferences.update"),
            eq(auditEvents.userId, alice.id),
          ),
        );
      expect(audit).toEqual({
        before: { revision_submitted: "immediate", revision_decided: "immediate" },
        after: { revision_submitted: "digest", revision_decided: "off" },
      });
      // Bob's are untouched.
      expect((await getPreferences(t.db, bob.id)).revision_submitted).toBe("immediate");
    });

    it("refuses a bad value with a Danish message next to the kind and keeps the input", async () => {
      const res = await callRoute(account.action, "/account", {
        userId: alice.id,
        form: {
          intent: "save-notifications",
          revision_submitted: "immediate",
          revision_decided: "hver-time",
        },
      });
      expect(res.status).toBe(400);
      const failure = (
        res.data as {
          notificationFailure: { errors: Record<string, string>; values: Record<string, string> };
        }
      ).notificationFailure;
      expect(failure.errors).toEqual({ revision_decided: DELIVERY_MESSAGE });
      expect(failure.values).toMatchObject({
        revision_submitted: "immediate",
        revision_decided: "hver-time",
      });
      // Nothing was saved.
      expect((await getPreferences(t.db, alice.id)).revision_submitted).toBe("digest");
    });

    it("sets one kind for the one-click unsubscribe", async () => {
      await setPreference(t.db, bob.id, "application_decided", "off");
      expect((await getPreferences(t.db, bob.id)).application_decided).toBe("off");
      await setPreference(t.db, bob.id, "application_decided", "off");
      const audits = await t.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "notification_preferences.update"),
            eq(auditEvents.userId, bob.id),
          ),
        );
      // Setting what is already set changes nothing.
      expect(audits).toHaveLength(1);
    });
  });
});
