/**
 * Where the first page's time goes: calls getDashboard for a user (by e-mail) against DATABASE_URL
 * with a drizzle logger, and prints each statement's time (measured by timing the statement again,
 * alone, after the run) and the whole call's wall time, best of RUNS.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/dashboard-timing.ts admin@samarbejde.example [more e-mails]
 */
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { driverFromEnv, openDb } from "../db/client";
import { users } from "../db/schema";
import { getDashboard } from "../app/models/dashboard.server";
import { todayInDenmark } from "../app/domain/format";

const RUNS = Number(process.env.RUNS ?? 5);
const opened = await openDb(driverFromEnv());
const url = process.env.DATABASE_URL!;
const raw = postgres(url, { max: 1 });
const today = process.env.TODAY ?? todayInDenmark();
for (const email of process.argv.slice(2)) {
  const [u] = await opened.db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  const user = { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin };
  const statements: { query: string; params: unknown[] }[] = [];
  const logged = opened.withLogger({
    logQuery: (query, params) => statements.push({ query, params }),
  });
  let best = Infinity;
  let result: Awaited<ReturnType<typeof getDashboard>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    statements.length = 0;
    const t = performance.now();
    result = await getDashboard(logged, user, today);
    best = Math.min(best, performance.now() - t);
  }
  console.log(
    `\n${email}: getDashboard best of ${RUNS}: ${best.toFixed(1)} ms, ${statements.length} queries`,
  );
  console.log(
    `  sections: ${result!.sections.map((s) => `${s.role}(${JSON.stringify(sizes(s))})`).join(" ")}` +
      ` dueFollowUps=${result!.dueFollowUps.length} myActions=${result!.myActionCount}` +
      ` JSON ${JSON.stringify(result).length} bytes`,
  );
  for (const s of statements) {
    let ms = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await raw.unsafe(s.query, s.params as never[]);
      ms = Math.min(ms, performance.now() - t);
    }
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${s.query.replace(/\s+/g, " ").slice(0, 150)}`);
    if (process.env.SHOW_SQL && ms > Number(process.env.SHOW_SQL))
      console.log(`     SQL: ${s.query}\n     PARAMS: ${JSON.stringify(s.params)}`);
  }
}
function sizes(s: object) {
  return Object.fromEntries(
    Object.entries(s).flatMap(([k, v]) => (Array.isArray(v) ? [[k, v.length]] : [])),
  );
}
await raw.end();
await opened.close();
