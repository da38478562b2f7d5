/**
 * Background work inside the app process (issue 20): the mail queue, the notification
 * dispatcher and digests, and the reminders. Each job runs every `intervalMs` (with a little
 * jitter so several processes do not wake together), never overlapping itself; a failure is
 * logged and the job runs again next time. Jobs are safe to run in several processes at once:
 * each claims its work in the database (FOR UPDATE SKIP LOCKED, unique keys), never in memory.
 *
 * Every job takes the time as an argument, so tests drive them with a set clock instead of
 * waiting. BACKGROUND_JOBS=0 turns them off (tests that run the jobs themselves).
 */
import type { Db } from "../../db/client";
import type { Logger } from "pino";

export interface BackgroundJob {
  name: string;
  intervalMs: number;
  run(db: Db, now: Date): Promise<unknown>;
}

export interface RunningJobs {
  /** Stops scheduling and waits for runs in progress. */
  stop(): Promise<void>;
}

export function startBackgroundJobs(
  jobs: readonly BackgroundJob[],
  getDb: () => Promise<Db>,
  logger: Pick<Logger, "error" | "debug">,
): RunningJobs {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();

  const schedule = (job: BackgroundJob, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = getDb()
        .then((db) => job.run(db, new Date()))
        .catch((error: unknown) => logger.error({ err: error, job: job.name }, "job failed"))
        .finally(() => {
          running.delete(run);
          schedule(job, job.intervalMs * (0.9 + Math.random() * 0.2));
        });
      running.add(run);
    }, delay);
    timer.unref();
    timers.add(timer);
  };

  for (const job of jobs) schedule(job, Math.min(job.intervalMs, 2_000) * Math.random());

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
