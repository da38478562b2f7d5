/**
 * Two app processes on one PostgreSQL database work the mail queue at the same time: each of 100
 * queued mails reaches the SMTP server exactly once (FOR UPDATE SKIP LOCKED and the move to
 * "sending" in one statement). PostgreSQL only: PGlite is one process's embedded database and
 * cannot be opened by two processes at once (STACK.md gotcha 10).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp";

const MAILS = 100;

function runWorker(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("test/helpers/mail-worker-process.ts"), "3"],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve({ code, out }) : reject(new Error(err))));
  });
}

describe.skipIf(!drivers.includes("postgres"))(
  "the mail queue worked by two processes on PostgreSQL (skipped without TEST_DATABASE_URL: PGlite cannot be shared between processes)",
  () => {
    let t: TestDb;
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      t = await createTestDb("postgres", { seed: false });
      // Each delivery takes 20 ms, so one process alone could not empty the queue before the
      // other starts: both really work it at the same time.
      smtp = await startSmtpServer({ delayMs: 20 });
    });

    afterAll(async () => {
      await smtp?.close();
      await t?.close();
    });

    it("sends each of 100 queued mails exactly once", async () => {
      await t.db.insert(mailMessages).values(
        Array.from({ length: MAILS }, (_, i) => ({
          toAddress: `modtager-${i}@samarbejde.example`,
          subject: `Besked nummer ${i}`,
          textBody: `Tekst ${i}`,
          htmlBody: `<p>Tekst ${i}</p>`,
          kind: "revision_submitted",
          dedupeKey: `test:${i}`,
          runAfter: new Date(Date.now() - 60_000),
        })),
      );
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: t.url,
        SMTP_URL: `${smtp.url}?pool=true`,
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        // Both start together, after their (slow) start-up.
        START_AT: String(Date.now() + 8_000),
      };
      const [a, b] = await Promise.all([runWorker(env), runWorker(env)]);
      const sentBy = [a, b].map(
        (r) => (JSON.parse(r.out.trim().split("\n").at(-1)!) as { sent: number }).sent,
      );

      expect(smtp.received).toHaveLength(MAILS);
      const subjects = new Set(smtp.received.map((m) => m.parsed.subject));
      const ids = new Set(smtp.received.map((m) => m.parsed.messageId));
      expect(subjects.size).toBe(MAILS);
      expect(ids.size).toBe(MAILS);
      expect(sentBy[0]! + sentBy[1]!).toBe(MAILS);
      // Both processes took part (each claims three at a time).
      expect(Math.min(...sentBy)).toBeGreaterThan(0);

      const rows = await t.db
        .select({ status: mailMessages.status, attempts: mailMessages.attempts })
        .from(mailMessages);
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    }, 120_000);
  },
);
