/**
 * The background jobs the app process runs (see scheduler.server.ts). Each part of issue 20 adds
 * its job here: the mail queue worker, the notification dispatcher (immediate mails and daily
 * digests) and the reminders.
 */
import { getMailTransport } from "~/mail/transport.server";
import { dispatchNotifications, sendDigests } from "./dispatch.server";
import { workMailQueue } from "./mail-worker.server";
import { REMINDERS_JOB } from "./reminders.server";
import type { BackgroundJob } from "./scheduler.server";

export const BACKGROUND_JOBS: BackgroundJob[] = [
  {
    name: "mail-worker",
    intervalMs: 5_000,
    run: (db, now) => workMailQueue(db, now, getMailTransport()),
  },
  { name: "notification-dispatch", intervalMs: 30_000, run: dispatchNotifications },
  { name: "notification-digests", intervalMs: 10 * 60_000, run: sendDigests },
  REMINDERS_JOB, // every 15 minutes
];
