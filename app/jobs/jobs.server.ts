/**
 * The background jobs the app process runs (see scheduler.server.ts). Each part of issue 20 adds
 * its job here: the mail queue worker, the notification dispatcher (immediate mails and daily
 * digests) and the reminders.
 */
import { REMINDERS_JOB } from "./reminders.server";
import type { BackgroundJob } from "./scheduler.server";

export const BACKGROUND_JOBS: BackgroundJob[] = [
  REMINDERS_JOB, // every 15 minutes
];
