/**
 * One "app process" for mail-two-processes.test.ts: waits for the common start time (so that two
 * processes really overlap), works the mail queue until it is empty, prints one JSON line with
 * what it did, and exits.
 *
 *   DATABASE_URL=… SMTP_URL=… START_AT=<epoch ms> node --import tsx test/helpers/mail-worker-process.ts <batch>
 */
import { driverFromEnv, openDb } from "../../db/client";
import { workMailQueue } from "../../app/jobs/mail-worker.server";
import { createMailTransport } from "../../app/mail/transport.server";

const batch = Number(process.argv[2] ?? 10);
const handle = await openDb(driverFromEnv());
const transport = createMailTransport();
const total = { claimed: 0, sent: 0, retried: 0, failed: 0 };
const wait = Number(process.env.START_AT ?? 0) - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
try {
  for (;;) {
    const result = await workMailQueue(handle.db, new Date(), transport, { batch });
    if (result.claimed === 0) break;
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += result[key];
  }
} finally {
  transport.close();
  await handle.close();
}
console.log(JSON.stringify(total));
