/**
 * Load benchmark of the built server (build/index.js): starts it on a generated dataset and prints
 * requests/s and p50/p95/p99 latency per route next to a trivial route (/healthz) on the same
 * server, so the ratio to the framework's floor is visible.
 *
 *   npm run bench                       # PGlite in a temp dir
 *   DATABASE_URL=postgres://… npm run bench   # a PostgreSQL server (the database must be empty)
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=20 npm run bench
 *   BENCH_PROCESSES=2 DATABASE_URL=postgres://… npm run bench   # then 2 processes (bench/processes.ts)
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import * as hdr from "hdr-histogram-js";
import { driverFromEnv, openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from "../db/seed";
import { generateLargeAgreement, generateNationalDataset, NATIONAL_SIZE } from "./dataset";
import { benchServerEnv, buildIfNeeded } from "./server-setup";
import { SERVER_NODE_OPTIONS } from "../scripts/node-options";
import { compareProcesses } from "./processes";
import { downloadTable, measureDownloads } from "./downloads";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3311);
const processes = Number(process.env.BENCH_PROCESSES ?? 1);
// BENCH_ONLY=<regular expression>: measure only the routes whose name matches (the floor always).
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : undefined;
// BENCH_PREPARED=1 (with DATABASE_URL): reuse the database an earlier run prepared (its targets
// are kept in bench/out/prepared.json), to measure or profile a change without regenerating.
const PREPARED_FILE = "bench/out/prepared.json";

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

/** The demo data, the national dataset (bench/national-dataset.ts) and one 20-activity agreement. */
async function prepareDatabase(env: NodeJS.ProcessEnv) {
  const handle = await openDb(driverFromEnv(env));
  try {
    await migrateDb(handle);
    const demo = await seedDemoData(handle.db);
    const started = performance.now();
    const national = await generateNationalDataset(handle.db, demo);
    log(`National dataset generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const bigAgreementId = await generateLargeAgreement(handle.db, demo, 20, 5);
    // A settled database, as one that has been in use: without this, autovacuum works through
    // the fresh rows during the first routes' measurements (the floor measured 500 req/s, not 860).
    const vacuumed = performance.now();
    await handle.db.execute(sql`vacuum analyze`);
    log(`VACUUM ANALYZE in ${((performance.now() - vacuumed) / 1000).toFixed(1)} s`);
    return {
      national,
      demoPlanId: demo.planId,
      bigAgreementId,
      demoAgreementId: demo.agreementId,
    };
  } finally {
    await handle.close();
  }
}

async function login(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return cookie.split(";")[0]!;
}

interface Result {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  cookie?: string;
}

async function measure(
  baseUrl: string,
  name: string,
  urlPath: string,
  cookie?: string,
): Promise<Result> {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${baseUrl}${urlPath}`,
        connections,
        duration: seconds,
        headers: cookie ? { cookie } : {},
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode !== 200) non2xx++;
      histogram.recordValue(Math.max(1, Math.round(responseTime * 1000)));
    });
  });
  const ms = (p: number) => histogram.getValueAtPercentile(p) / 1000;
  return {
    name,
    path: urlPath,
    rps: result.requests.average,
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
    errors: non2xx + result.errors + result.timeouts,
    cookie,
  };
}

async function main() {
  buildIfNeeded();
  const { dataDir, env, driver } = benchServerEnv("bench-", port);
  if (processes > 1 && !env.DATABASE_URL) throw new Error("BENCH_PROCESSES needs DATABASE_URL");
  log(
    `Preparing ${driver} with the national dataset (${NATIONAL_SIZE.plans} plans, ${NATIONAL_SIZE.users} users, ${NATIONAL_SIZE.applications} fund applications) …`,
  );
  let prepared: Awaited<ReturnType<typeof prepareDatabase>>;
  if (process.env.BENCH_PREPARED === "1") {
    if (!env.DATABASE_URL) throw new Error("BENCH_PREPARED needs DATABASE_URL");
    prepared = JSON.parse(readFileSync(PREPARED_FILE, "utf8")) as typeof prepared;
    log(`Reusing the prepared database (${PREPARED_FILE})`);
  } else {
    prepared = await prepareDatabase(env);
    mkdirSync("bench/out", { recursive: true });
    writeFileSync(PREPARED_FILE, JSON.stringify(prepared));
  }
  const { national, demoPlanId, bigAgreementId, demoAgreementId } = prepared;

  // BENCH_PROFILE=1 writes a CPU profile of the server to bench/out/ (open it in Chrome DevTools).
  const nodeArgs =
    process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", "--cpu-prof-dir=bench/out"] : [];
  // Our HTTP server (scripts/server.ts) as `npm start` runs it, logging as in production.
  const server = spawn(
    process.execPath,
    [...nodeArgs, ...SERVER_NODE_OPTIONS, "--import", "tsx", "scripts/server.ts"],
    { env, stdio: "ignore" },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${baseUrl}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 600) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    const admin = await login(baseUrl, DEMO_USERS.admin.email);
    const secretariat = await login(baseUrl, DEMO_USERS.secretariat.email);
    const member20 = await login(baseUrl, national.memberOf20Email);
    const n = national;
    const agreement = `/plans/${n.planId}/agreements/${n.agreementId}`;
    // The goal routes of issue 15, each with a user who may see it (app/models/access.server.ts):
    // the member of 20 plans is the secretariat of n.planId; the rollup and funds as the admin.
    const allRoutes: [name: string, path: string, cookie: string][] = [
      ["plan list (admin, all plans)", "/", admin],
      ["plan list (member of 20 plans)", "/", member20],
      ["plan page (4 agreements, 10 years)", `/plans/${n.planId}`, member20],
      [
        "agreement page (demo: 4 activities, 16 criteria)",
        `/plans/${demoPlanId}/agreements/${demoAgreementId}`,
        secretariat,
      ],
      [
        "agreement page (20 activities, 100 criteria)",
        `/plans/${demoPlanId}/agreements/${bigAgreementId}`,
        secretariat,
      ],
      ["version history (10 versions)", `${agreement}/versions`, member20],
      [`version page (version ${n.versionA})`, `${agreement}/versions/${n.versionA}`, member20],
      [
        "revision review (diff of two versions)",
        `/plans/${n.planId}/agreements/${n.reviewAgreementId}/review`,
        member20,
      ],
      ["measurements grid (20 criteria)", `${agreement}/measurements`, member20],
      [
        `progress report page (${n.reportYear}, final)`,
        `/plans/${n.planId}/reports/${n.reportYear}`,
        member20,
      ],
      ["roll-up across all plans", "/admin/rollup", admin],
      ["fund page (dispositionsfond)", `/funds/${n.fundId}`, admin],
      ["application page", `/funds/${n.fundId}/applications/${n.applicationId}`, admin],
    ];
    const routes = allRoutes.filter(([name]) => !only || only.test(name));
    // Every route must answer 200 before it is measured (warms it up too).
    for (const [name, p, c] of routes) {
      const res = await fetch(`${baseUrl}${p}`, { headers: { cookie: c }, redirect: "manual" });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${name}: GET ${p} answered ${res.status}, not 200`);
    }

    log(
      `\n${driver}, ${connections} connections, ${seconds} s per route, Node ${process.version}, ${os.cpus().length} cores\n`,
    );
    const results: Result[] = [];
    // BENCH_FLOOR=0 leaves the floor out (to profile one route on its own): no ratios then.
    if (process.env.BENCH_FLOOR !== "0") {
      results.push(await measure(baseUrl, "floor: /healthz", "/healthz"));
    }
    for (const [name, p, c] of routes) results.push(await measure(baseUrl, name, p, c));

    const floor = process.env.BENCH_FLOOR === "0" ? Number.NaN : results[0]!.rps;
    log("| route | req/s | p50 ms | p95 ms | p99 ms | of floor | errors |");
    log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of results) {
      log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${((r.rps / floor) * 100).toFixed(0)} % | ${r.errors} |`,
      );
    }
    // Downloads, one request at a time (the documents of issue 15's goals).
    const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const allDownloads: Parameters<typeof measureDownloads>[1] = [
      {
        name: "agreement .docx (20 activities, 100 criteria)",
        path: `/plans/${demoPlanId}/agreements/${bigAgreementId}/document.docx`,
        cookie: secretariat,
        targetMs: 300,
        contentType: docx,
      },
      {
        name: "whole plan .docx (4 agreements)",
        path: `/plans/${n.planId}/agreements.docx`,
        cookie: member20,
        targetMs: 300,
        contentType: docx,
      },
      {
        name: `progress report .docx (${n.reportYear})`,
        path: `/plans/${n.planId}/reports/${n.reportYear}/report.docx`,
        cookie: member20,
        targetMs: 300,
        contentType: docx,
      },
      {
        name: "roll-up .xlsx across all plans",
        path: "/admin/rollup.xlsx",
        cookie: admin,
        targetMs: 500,
        contentType: xlsx,
      },
    ];
    const wanted = allDownloads.filter((d) => !only || only.test(d.name));
    if (wanted.length > 0) {
      const downloads = await measureDownloads(baseUrl, wanted);
      log("");
      for (const line of downloadTable(downloads)) log(line);
    }
    if (processes > 1) {
      await compareProcesses({
        count: processes,
        env,
        firstUrl: baseUrl,
        nodeArgs,
        routes: results,
        connections,
        seconds,
        log,
      });
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, process.env.BENCH_PROFILE === "1" ? 3000 : 500));
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
