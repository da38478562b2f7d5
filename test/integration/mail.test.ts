/**
 * E-mail (issue 20) end to end on both drivers, against a real SMTP server started by the test:
 * a submitted revision reaches the board member as one mail with an absolute link to the thing;
 * a digest user gets one mail a day with everything; "off" gets nothing; the unsubscribe link
 * works without a login (also as a mail client's one-click POST) and stops further mail of that
 * kind; a refused delivery is retried after the backoff; without SMTP the outbox keeps the real
 * RFC 822 message, which administrators read under «Udgående post».
 */
import { and, eq, sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mailMessages, notificationPreferences, notifications, users } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp";
import * as unsubscribeRoute from "~/routes/afmeld.$token";
import * as outboxRoute from "~/routes/admin.mail._index";
import * as outboxMailRoute from "~/routes/admin.mail.$mailId";
import { dispatchNotifications, sendDigests } from "~/jobs/dispatch.server";
import { MAIL_MAX_ATTEMPTS, workMailQueue } from "~/jobs/mail-worker.server";
import { createMailTransport, type MailTransport } from "~/mail/transport.server";
import { notify, type NotifyInput } from "~/models/notifications.server";
import { setPreference } from "~/models/notification-preferences.server";
import { submitRevision } from "~/models/revisions.server";

const APP_URL = "https://samarbejde.test";

/** Header lines of a raw message, unfolded. */
function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

function unsubscribeTokenOf(mail: ReceivedMail): string {
  const header = headerOf(mail.raw, "List-Unsubscribe");
  const match = /^<https:\/\/samarbejde\.test\/afmeld\/([^>]+)>$/.exec(header ?? "");
  if (!match) throw new Error(`no unsubscribe link in ${header}`);
  return match[1]!;
}

describe.each(drivers)("e-mail on %s", (driver) => {
  let t: TestDb;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  const previousAppUrl = process.env.APP_URL;

  beforeAll(async () => {
    process.env.APP_URL = APP_URL;
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    smtp = await startSmtpServer();
    transport = createMailTransport({ smtpUrl: smtp.url });
  });

  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await t?.close();
    if (previousAppUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = previousAppUrl;
  });

  beforeEach(async () => {
    await t.db.delete(notifications);
    await t.db.delete(mailMessages);
    await t.db.delete(notificationPreferences);
    smtp.received.length = 0;
  });

  const emailOf = (key: "board" | "secretariat" | "reporter" | "viewer") => t.user(key).email;

  /** The tests' mornings are 1 and 2 March 2027; their events happen early on the 1st. */
  const EVENT_TIME = new Date("2027-03-01T00:30:00Z");

  async function notifyNow(input: NotifyInput) {
    return t.db.transaction((tx) => notify(tx, { at: EVENT_TIME, ...input }));
  }

  /** The dispatcher and then the worker, at one moment. */
  async function runJobs(now: Date) {
    const dispatched = await dispatchNotifications(t.db, now);
    const digests = await sendDigests(t.db, now);
    const worked = await workMailQueue(t.db, now, transport);
    return { dispatched, digests, worked };
  }

  it("mails the board member once, with an absolute link to the revision", async () => {
    const { planId, agreementId } = t.demo;
    await submitRevision(
      t.db,
      t.user("secretariat"),
      planId,
      agreementId,
      {
        summary: "Første version til bestyrelsen",
        recommendation: "Arbejdsgruppen indstiller aftalen til godkendelse.",
      },
      EVENT_TIME,
    );
    // submitRevision itself notifies the board (no notify call here).
    const hooked = await t.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.kind, "revision_submitted"));
    expect(hooked.length).toBeGreaterThan(0);
    const [board] = await t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, "revision_submitted"),
          eq(notifications.userId, t.user("board").id),
        ),
      );
    expect(board).toBeDefined();

    const now = new Date("2027-03-01T09:00:00Z");
    const { worked } = await runJobs(now);
    const toBoard = smtp.received.filter((m) => m.envelopeTo.includes(emailOf("board")));
    expect(toBoard).toHaveLength(1);
    const mail = toBoard[0]!;
    const link = `${APP_URL}${board!.path}`;
    expect(mail.parsed.subject).toBe(board!.title);
    expect(mail.parsed.from?.value).toEqual([
      { name: "Samarbejdsaftaler", address: "noreply@samarbejde.example" },
    ]);
    expect(mail.parsed.text).toContain(`Se det her: ${link}`);
    expect(mail.parsed.text).toContain("Kære Karim Dahl");
    expect(mail.parsed.html).toContain(`href="${link}"`);
    // Everything in the HTML is escaped: the title's <&> arrives as text, not markup.
    if (board!.title.includes("<&>")) expect(mail.parsed.html).toContain("&lt;&amp;&gt;");
    expect(headerOf(mail.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(headerOf(mail.raw, "List-Unsubscribe")).toMatch(
      new RegExp(`^<${APP_URL}/afmeld/${t.user("board").id}\\.revision_submitted\\.[\\w-]{43}>$`),
    );
    expect(mail.parsed.text).toContain(`Afmeld e-mails om det: ${APP_URL}/afmeld/`);
    expect(worked.sent).toBe(smtp.received.length);

    const [row] = await t.db.select().from(notifications).where(eq(notifications.id, board!.id));
    expect(row!.mailState).toBe("queued");
    const [sent] = await t.db.select().from(mailMessages).where(eq(mailMessages.id, row!.mailId!));
    expect(sent).toMatchObject({ status: "sent", attempts: 1, messageId: mail.parsed.messageId });

    // Running the jobs again sends nothing more.
    const again = await runJobs(new Date(now.getTime() + 60_000));
    expect(again.dispatched.queued).toBe(0);
    expect(again.worked.claimed).toBe(0);
    expect(smtp.received.filter((m) => m.envelopeTo.includes(emailOf("board")))).toHaveLength(1);
  });

  it("sends a digest user one mail a day with all their events, from 07:00", async () => {
    const { planId } = t.demo;
    const secretariat = t.user("secretariat");
    const organisationId = Object.values(t.demo.organisationIds)[0]!;
    await setPreference(t.db, secretariat.id, "revision_decided", "digest");
    // comment_added is a digest kind by default.
    await notifyNow({
      kind: "revision_decided",
      recipients: { userIds: [secretariat.id] },
      actorId: null,
      title: "Bestyrelsen har godkendt Naboværter",
      path: `/plans/${planId}/revisions`,
      planId,
    });
    await notifyNow({
      kind: "comment_added",
      recipients: { userIds: [secretariat.id] },
      actorId: null,
      title: "Ny kommentar til Gårdliv",
      body: "Kan vi flytte aktiviteten til foråret?",
      path: `/plans/${planId}/agreements/1`,
      planId,
    });
    await notifyNow({
      kind: "comment_added",
      recipients: { userIds: [secretariat.id] },
      actorId: null,
      title: "Ny kommentar i fonden",
      path: `/funds/1`,
      organisationId,
    });

    // 06:30 Danish time (winter: UTC+1): the immediate dispatch leaves them, no digest yet.
    const early = await runJobs(new Date("2027-03-01T05:30:00Z"));
    expect(early.dispatched).toEqual({ queued: 0, skipped: 0 });
    expect(early.digests.mails).toBe(0);
    expect(smtp.received).toHaveLength(0);

    // 07:05: one mail with all three.
    const morning = await runJobs(new Date("2027-03-01T06:05:00Z"));
    expect(morning.digests).toEqual({ mails: 1, notifications: 3 });
    expect(smtp.received).toHaveLength(1);
    const digest = smtp.received[0]!;
    expect(digest.envelopeTo).toEqual([emailOf("secretariat")]);
    expect(digest.parsed.subject).toBe(
      "Daglig oversigt fra Samarbejdsaftaler 1. marts 2027: 3 nye beskeder",
    );
    const text = digest.parsed.text ?? "";
    for (const title of [
      "Bestyrelsen har godkendt Naboværter",
      "Ny kommentar til Gårdliv",
      "Ny kommentar i fonden",
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain("Helhedsplan Strandengen og Solsikkeparken");
    expect(text).toContain("Dispositionsfonden i ");
    expect(text).toContain(`${APP_URL}/plans/${planId}/revisions`);
    // One unsubscribe link per kind it contains, the whole digest's, and Min konto.
    expect(text).toMatch(
      /Afmeld e-mails om »Bestyrelsen har godkendt.*«: https:\/\/samarbejde\.test\/afmeld\/\d+\.revision_decided\./,
    );
    expect(text).toMatch(
      /Afmeld e-mails om »Ny kommentar til et udkast«: https:\/\/samarbejde\.test\/afmeld\/\d+\.comment_added\./,
    );
    expect(text).toContain(`(Min konto): ${APP_URL}/account`);
    expect(unsubscribeTokenOf(digest)).toMatch(/^\d+\.digest\./);

    // Later the same day: nothing again, and a new event waits for tomorrow's digest.
    await notifyNow({
      kind: "comment_added",
      recipients: { userIds: [secretariat.id] },
      actorId: null,
      title: "Endnu en kommentar",
      path: `/plans/${planId}/agreements/1`,
      planId,
    });
    const noon = await runJobs(new Date("2027-03-01T11:00:00Z"));
    expect(noon.digests.mails).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const nextDay = await runJobs(new Date("2027-03-02T06:00:00Z"));
    expect(nextDay.digests).toEqual({ mails: 1, notifications: 1 });
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.parsed.subject).toContain("2. marts 2027: 1 ny besked");
    expect(smtp.received[1]!.parsed.text).toContain("Endnu en kommentar");
    expect(smtp.received[1]!.parsed.text).not.toContain("Ny kommentar til Gårdliv");
  });

  it("sends nothing to a user who chose off, and skips inactive users", async () => {
    const reporter = t.user("reporter");
    await setPreference(t.db, reporter.id, "report_due", "off");
    await notifyNow({
      kind: "report_due",
      recipients: { userIds: [reporter.id] },
      actorId: null,
      title: "Fremdriftsrapporten for 2026 skal afleveres om 14 dage",
      path: `/plans/${t.demo.planId}/reports/2026`,
      planId: t.demo.planId,
    });
    const result = await runJobs(new Date("2027-03-01T09:00:00Z"));
    expect(result.dispatched).toEqual({ queued: 0, skipped: 1 });
    expect(smtp.received).toHaveLength(0);
    const [row] = await t.db
      .select({ mailState: notifications.mailState, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.userId, reporter.id));
    // Still in the user's list in the app; only the e-mail is skipped.
    expect(row).toEqual({ mailState: "skipped", readAt: null });

    // A user deactivated after the event gets no mail either.
    const viewer = t.user("viewer");
    await notifyNow({
      kind: "revision_returned",
      recipients: { userIds: [viewer.id] },
      actorId: null,
      title: "Revisionen er sendt tilbage",
      path: `/plans/${t.demo.planId}/revisions`,
      planId: t.demo.planId,
    });
    await t.db.update(users).set({ active: false }).where(eq(users.id, viewer.id));
    try {
      const later = await runJobs(new Date("2027-03-01T10:00:00Z"));
      expect(later.dispatched).toEqual({ queued: 0, skipped: 1 });
      expect(smtp.received).toHaveLength(0);
    } finally {
      await t.db.update(users).set({ active: true }).where(eq(users.id, viewer.id));
    }
  });

  it("unsubscribes through the link without a login, and further mails of that kind stop", async () => {
    const { planId } = t.demo;
    const viewer = t.user("viewer");
    const event = (title: string): NotifyInput => ({
      kind: "revision_returned",
      recipients: { userIds: [viewer.id] },
      actorId: null,
      title,
      path: `/plans/${planId}/revisions`,
      planId,
    });
    await notifyNow(event("Revisionen er sendt tilbage"));
    await runJobs(new Date("2027-03-01T09:00:00Z"));
    expect(smtp.received).toHaveLength(1);
    const token = unsubscribeTokenOf(smtp.received[0]!);
    const url = `/afmeld/${token}`;

    // The page asks first; a GET (a mail scanner following the link) changes nothing.
    const page = await callRoute(unsubscribeRoute.loader, url, { params: { token } });
    expect(page.status).toBe(200);
    expect(page.data).toEqual({
      label: "»En revision er sendt tilbage til sekretariatet«",
    });
    expect(await t.db.select().from(notificationPreferences)).toEqual([]);

    // An altered token, a token for another user or kind: 404, on GET and POST.
    const last = token.at(-1) === "A" ? "B" : "A";
    const forged = [
      token.slice(0, -1) + last,
      token.replace(/^\d+/, String(t.user("board").id)),
      token.replace("revision_returned", "revision_submitted"),
      "1.digest.abc",
    ];
    for (const bad of forged) {
      const params = { token: bad };
      expect((await callRoute(unsubscribeRoute.loader, `/afmeld/${bad}`, { params })).status).toBe(
        404,
      );
      const post = await callRoute(unsubscribeRoute.action, `/afmeld/${bad}`, {
        params,
        form: { "List-Unsubscribe": "One-Click" },
      });
      expect(post.status).toBe(404);
    }

    // The mail client's one-click POST (RFC 8058), no session.
    const done = await callRoute(unsubscribeRoute.action, url, {
      params: { token },
      form: { "List-Unsubscribe": "One-Click" },
    });
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({ done: true });
    const prefs = await t.db
      .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, viewer.id));
    expect(prefs).toEqual([{ kind: "revision_returned", delivery: "off" }]);

    await notifyNow(event("Endnu en revision er sendt tilbage"));
    const after = await runJobs(new Date("2027-03-01T10:00:00Z"));
    expect(after.dispatched).toEqual({ queued: 0, skipped: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it("does not mail what is more than three days old when first dispatched, but lists it", async () => {
    const reporter = t.user("reporter");
    const input = (title: string, at: Date): NotifyInput => ({
      kind: "report_due",
      recipients: { userIds: [reporter.id] },
      actorId: null,
      title,
      path: `/plans/${t.demo.planId}/reports/2026`,
      planId: t.demo.planId,
      at,
    });
    const now = new Date("2027-03-05T09:00:00Z");
    await notifyNow(input("Fire dage gammel", new Date("2027-03-01T08:59:00Z")));
    await notifyNow(input("Knap tre dage gammel", new Date("2027-03-02T09:01:00Z")));
    const result = await runJobs(now);
    expect(result.dispatched).toEqual({ queued: 1, skipped: 1 });
    expect(smtp.received.map((m) => m.parsed.subject)).toEqual(["Knap tre dage gammel"]);
    const rows = await t.db
      .select({ title: notifications.title, mailState: notifications.mailState })
      .from(notifications)
      .where(eq(notifications.userId, reporter.id))
      .orderBy(notifications.id);
    expect(rows).toEqual([
      { title: "Fire dage gammel", mailState: "skipped" },
      { title: "Knap tre dage gammel", mailState: "queued" },
    ]);
  });

  it("retries a refused delivery after the backoff, and gives up after the last attempt", async () => {
    const board = t.user("board");
    const event = (title: string): NotifyInput => ({
      kind: "revision_submitted",
      recipients: { userIds: [board.id] },
      actorId: null,
      title,
      path: `/plans/${t.demo.planId}/revisions`,
      planId: t.demo.planId,
    });
    await notifyNow(event("Første forsøg afvises"));
    smtp.refuseNext(1);
    const start = new Date("2027-03-01T09:00:00Z");
    const first = await runJobs(start);
    expect(first.worked).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    expect(smtp.received).toHaveLength(0);
    const [queued] = await t.db.select().from(mailMessages);
    expect(queued).toMatchObject({ status: "queued", attempts: 1 });
    expect(queued!.lastError).toContain("451");
    expect(queued!.runAfter.getTime()).toBe(start.getTime() + 60_000);

    // Not before the minute has passed.
    expect((await workMailQueue(t.db, new Date(start.getTime() + 30_000), transport)).claimed).toBe(
      0,
    );
    const second = await workMailQueue(t.db, new Date(start.getTime() + 61_000), transport);
    expect(second).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const [sent] = await t.db.select().from(mailMessages);
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });

    // Refused every time: 1 min, 5 min, 30 min, 2 h between the tries, then failed.
    await notifyNow(event("Afvises hver gang"));
    smtp.refuseNext(MAIL_MAX_ATTEMPTS);
    let now = new Date("2027-03-02T09:00:00Z");
    await dispatchNotifications(t.db, now);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAIL_MAX_ATTEMPTS; attempt++) {
      const result = await workMailQueue(t.db, now, transport);
      expect(result.claimed).toBe(1);
      const [row] = await t.db
        .select()
        .from(mailMessages)
        .where(eq(mailMessages.subject, "Afvises hver gang"));
      if (row!.status === "queued") {
        waits.push((row!.runAfter.getTime() - now.getTime()) / 60_000);
        now = row!.runAfter;
      } else {
        expect(row).toMatchObject({ status: "failed", attempts: MAIL_MAX_ATTEMPTS });
        expect(row!.lastError).toContain("451");
      }
    }
    expect(waits).toEqual([1, 5, 30, 120]);
    expect(smtp.received).toHaveLength(1);
  });

  it("keeps a slow send's lease alive, and skips a mail whose lease ran out and was taken elsewhere", async () => {
    const title = (n: number) => `Langsom levering ${n}`;
    for (const n of [1, 2]) {
      await notifyNow({
        kind: "revision_submitted",
        recipients: { userIds: [t.user("board").id] },
        actorId: null,
        title: title(n),
        path: `/plans/${t.demo.planId}/revisions`,
        planId: t.demo.planId,
      });
    }
    const start = new Date("2027-03-01T09:00:00Z");
    await dispatchNotifications(t.db, start);
    const lockOf = async (n: number) => {
      const [row] = await t.db
        .select({ lockedUntil: mailMessages.lockedUntil, attempts: mailMessages.attempts })
        .from(mailMessages)
        .where(eq(mailMessages.subject, title(n)));
      return row!;
    };

    // Worker A's first send hangs until released; it renews the lease meanwhile.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inFirstSend = new Promise<void>((resolve) => (entered = resolve));
    const sentBy: Record<string, string[]> = { a: [], b: [] };
    const slow: MailTransport = {
      mode: "smtp",
      async send(mail) {
        sentBy.a!.push(mail.subject);
        if (sentBy.a!.length === 1) {
          entered();
          await released;
        }
        return { messageId: `<a-${mail.id}@test>`, raw: "" };
      },
      close() {},
    };
    const workerA = workMailQueue(t.db, start, slow, { batch: 2, leaseRenewMs: 20 });
    await inFirstSend;
    const firstLock = (await lockOf(1)).lockedUntil!.getTime();
    await new Promise((r) => setTimeout(r, 150));
    expect((await lockOf(1)).lockedUntil!.getTime()).toBeGreaterThan(firstLock);

    // Worker B comes three minutes later (A's clock has barely moved): both leases look run out,
    // as if A had died, and B takes and sends both mails.
    const fast: MailTransport = {
      mode: "smtp",
      async send(mail) {
        sentBy.b!.push(mail.subject);
        return { messageId: `<b-${mail.id}@test>`, raw: "" };
      },
      close() {},
    };
    const workerB = await workMailQueue(t.db, new Date(start.getTime() + 3 * 60_000), fast);
    expect(workerB).toMatchObject({ claimed: 2, sent: 2 });

    // A wakes up: its first mail's outcome is B's to record, and the second is not sent again.
    release();
    expect(await workerA).toMatchObject({ claimed: 2, sent: 1 });
    expect(sentBy.a).toEqual([title(1)]);
    expect(sentBy.b!.sort()).toEqual([title(1), title(2)]);
    const rows = await t.db
      .select({ status: mailMessages.status, messageId: mailMessages.messageId })
      .from(mailMessages);
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(rows.every((r) => r.messageId?.startsWith("<b-"))).toBe(true);
  });

  it("keeps the real RFC 822 message in the outbox without SMTP, for administrators to read", async () => {
    const outbox = createMailTransport({});
    expect(outbox.mode).toBe("outbox");
    await notifyNow({
      kind: "application_submitted",
      recipients: { userIds: [t.user("board").id] },
      actorId: null,
      title: "En ansøgning til dispositionsfonden er indsendt",
      body: "Ansøgningen »Lektiecafé« venter på behandling.",
      path: "/funds/1/applications/2",
    });
    const now = new Date("2027-03-01T09:00:00Z");
    await dispatchNotifications(t.db, now);
    expect(await workMailQueue(t.db, now, outbox)).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(0);
    const [mail] = await t.db.select().from(mailMessages);
    expect(mail).toMatchObject({ status: "outbox", attempts: 1 });
    const raw = mail!.raw!;
    expect(headerOf(raw, "From")).toBe("Samarbejdsaftaler <noreply@samarbejde.example>");
    expect(headerOf(raw, "To")).toBe(emailOf("board"));
    expect(headerOf(raw, "Message-ID")).toBe(mail!.messageId);
    expect(headerOf(raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(headerOf(raw, "List-Unsubscribe")).toMatch(
      /^<https:\/\/samarbejde\.test\/afmeld\/\d+\.application_submitted\.[\w-]{43}>$/,
    );
    expect(raw).toMatch(/\r\n\r\n/);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe("En ansøgning til dispositionsfonden er indsendt");
    expect(parsed.text).toContain(`${APP_URL}/funds/1/applications/2`);
    expect(parsed.html).toContain("Ansøgningen »Lektiecafé« venter på behandling.");

    // «Udgående post»: administrators see the list and the message; others are refused.
    const admin = t.user("admin");
    const list = await callRoute(outboxRoute.loader, "/admin/mail", { userId: admin.id });
    expect(list.status).toBe(200);
    expect(list.data).toMatchObject({
      total: 1,
      smtp: false,
      mails: [{ subject: parsed.subject, toAddress: emailOf("board"), status: "outbox" }],
    });
    const one = await callRoute(outboxMailRoute.loader, `/admin/mail/${mail!.id}`, {
      userId: admin.id,
      params: { mailId: String(mail!.id) },
    });
    expect(one.status).toBe(200);
    expect((one.data as { mail: { raw: string } }).mail.raw).toBe(raw);
    for (const key of ["secretariat", "board"] as const) {
      const userId = t.user(key).id;
      expect((await callRoute(outboxRoute.loader, "/admin/mail", { userId })).status).toBe(403);
      const mailPage = await callRoute(outboxMailRoute.loader, `/admin/mail/${mail!.id}`, {
        userId,
        params: { mailId: String(mail!.id) },
      });
      expect(mailPage.status).toBe(403);
    }
    const missing = await callRoute(outboxMailRoute.loader, "/admin/mail/987654", {
      userId: admin.id,
      params: { mailId: "987654" },
    });
    expect(missing.status).toBe(404);
  });

  it("never queues one notification twice when dispatchers run at once", async () => {
    const board = t.user("board");
    for (let i = 0; i < 20; i++) {
      await notifyNow({
        kind: "revision_submitted",
        recipients: { userIds: [board.id] },
        actorId: null,
        title: `Revision ${i}`,
        path: `/plans/${t.demo.planId}/revisions`,
        planId: t.demo.planId,
      });
    }
    const now = new Date("2027-03-01T09:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 4 }, () => dispatchNotifications(t.db, now, { batch: 7 })),
    );
    let total = results.reduce((n, r) => n + r.queued, 0);
    while (total < 20) {
      const more = await dispatchNotifications(t.db, now, { batch: 7 });
      if (more.queued === 0) break;
      total += more.queued;
    }
    expect(total).toBe(20);
    const [count] = await t.db.select({ n: sql<number>`count(*)::int` }).from(mailMessages);
    expect(count!.n).toBe(20);
  });
});
