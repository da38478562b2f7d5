/**
 * Two real app servers (scripts/server.ts on the built app, background jobs on as in production)
 * on one PostgreSQL database work the mail queue (issue 20's test, issue 15's two processes):
 * 100 mails queued in mail_messages each reach the SMTP server exactly once, every row ends
 * `sent` after one attempt, and both processes took part (each sends with its own MAIL_FROM, so
 * the From header tells which one sent a mail).
 *
 * test/integration/mail-two-processes.test.ts does the same with two bare worker processes; this
 * one runs the server's own scheduler (app/jobs, the mail worker every 5 s, 20 mails a claim).
 *
 * PostgreSQL only: PGlite cannot be opened by two processes (STACK.md gotcha 10). Skipped without
 * TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../db/schema";
import { startAppProcesses, type AppProcesses } from "../helpers/app-processes";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp";

const MAILS = 100;
const senderOf = (index: number) => `proces-${index + 1}@samarbejde.example`;

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe.skipIf(!drivers.includes("postgres"))(
  "the mail queue worked by two app servers on PostgreSQL (skipped without TEST_DATABASE_URL: PGlite cannot be shared between processes)",
  () => {
    let t: TestDb;
    let smtp: TestSmtpServer;
    let apps: AppProcesses;

    beforeAll(async () => {
      // Migrated, not seeded: no users, so nothing but the test's mails is ever queued.
      t = await createTestDb("postgres", { seed: false });
      // Each delivery takes 20 ms, so a claim of 20 mails keeps a process busy for a while and
      // the other one claims the next mails meanwhile.
      smtp = await startSmtpServer({ delayMs: 20 });
      apps = await startAppProcesses(2, {
        databaseUrl: t.url!,
        // The background jobs as in production (on unless BACKGROUND_JOBS=0).
        env: { BACKGROUND_JOBS: undefined, SMTP_URL: smtp.url },
        envFor: (index) => ({ MAIL_FROM: `Samarbejdsaftaler <${senderOf(index)}>` }),
      });
    }, 240_000);

    afterAll(async () => {
      await apps?.stop();
      await smtp?.close();
      await t?.close();
    });

    it("sends each of 100 queued mails exactly once, from both processes", async () => {
      const tokens = Array.from({ length: MAILS }, (_, i) => `token-${i}-${Date.now()}`);
      const inserted = await t.db
        .insert(mailMessages)
        .values(
          tokens.map((token, i) => ({
            toAddress: `modtager-${i}@samarbejde.example`,
            subject: `Besked ${token}`,
            textBody: `Tekst ${token}`,
            htmlBody: `<p>Tekst ${token}</p>`,
            kind: "revision_submitted",
            dedupeKey: `multi-process:${token}`,
            runAfter: new Date(Date.now() - 60_000),
          })),
        )
        .returning({ id: mailMessages.id });

      // The workers run every 5 s: wait until no mail is left to send (90 s at most).
      const deadline = Date.now() + 90_000;
      let rows: { id: number; status: string; attempts: number }[] = [];
      for (;;) {
        rows = await t.db
          .select({
            id: mailMessages.id,
            status: mailMessages.status,
            attempts: mailMessages.attempts,
          })
          .from(mailMessages);
        if (rows.every((r) => r.status === "sent") || Date.now() > deadline) break;
        await sleep(500);
      }
      // One more round of both workers: nothing may arrive twice later either.
      await sleep(6_000);

      expect(rows).toHaveLength(MAILS);
      expect(rows.filter((r) => r.status !== "sent" || r.attempts !== 1)).toEqual([]);

      expect(smtp.received).toHaveLength(MAILS);
      const subjects = smtp.received.map((m) => m.parsed.subject);
      expect(new Set(subjects).size).toBe(MAILS);
      expect([...subjects].sort()).toEqual(tokens.map((token) => `Besked ${token}`).sort());
      // The Message-ID is derived from the row's id: each row once.
      const ids = smtp.received.map((m) => m.parsed.messageId).sort();
      expect(ids).toEqual(inserted.map((r) => `<mail-${r.id}@samarbejde.example>`).sort());

      const bySender = new Map<string, number>();
      for (const m of smtp.received) {
        const from = m.parsed.from?.value[0]?.address ?? "";
        bySender.set(from, (bySender.get(from) ?? 0) + 1);
      }
      expect([...bySender.keys()].sort()).toEqual([senderOf(0), senderOf(1)]);
    }, 150_000);
  },
);
