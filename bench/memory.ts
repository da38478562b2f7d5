/**
 * Server memory under a long mixed load (issue 15: "memory flat, within 10 %, over 5 minutes of
 * mixed load"). Starts the built server (scripts/server.ts, production mode, the server's node
 * options) on the demo data, drives a mix of pages and one Word download for BENCH_MEMORY_SECONDS
 * (300) with autocannon in segments (each connection asks for the whole mix once). Between two
 * segments, with no request in flight, it samples the server's resident memory (VmRSS from
 * /proc/<pid>/status) and its retained JavaScript heap (heapUsed right after a full garbage
 * collection, asked of the server through bench/memory-probe.ts over an IPC channel).
 *
 * The first 20 % of the run (at least 10 s) is warm-up (caches fill, the JIT compiles, the heap
 * grows to its working size). From the first sample after it, it prints start / end / max,
 * whether each figure stays within ±10 % of its start, and whether it rises more than 10 % above
 * it (a leak rises; memory given back to the system only falls).
 *
 *   npx tsx bench/memory.ts                              # PGlite in a temp dir, 5 minutes
 *   BENCH_MEMORY_SECONDS=60 npx tsx bench/memory.ts      # shorter
 *   DATABASE_URL=postgres://… npx tsx bench/memory.ts    # a PostgreSQL server (an empty database)
 *
 * BENCH_CONNECTIONS (20), BENCH_PORT (3321), BENCH_BUILD=0 (skip `remix build` when a build exists).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { driverFromEnv, openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData, type DemoIds } from "../db/seed";
import { benchServerEnv, buildIfNeeded } from "./server-setup";
import { SERVER_NODE_OPTIONS } from "../scripts/node-options";

const seconds = Number(process.env.BENCH_MEMORY_SECONDS ?? 300);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3321);
const warmUpSeconds = Math.max(10, seconds * 0.2);

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

interface Sample {
  second: number;
  /** Resident set size, bytes (VmRSS). */
  rss: number;
  /** JavaScript heap in use right after a full collection, bytes. */
  heap: number;
  requests: number;
}

async function prepareDatabase(env: NodeJS.ProcessEnv): Promise<DemoIds> {
  const handle = await openDb(driverFromEnv(env));
  try {
    await migrateDb(handle);
    return await seedDemoData(handle.db);
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

/** VmRSS of `pid` in bytes (Linux), or null where /proc is not there. */
function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The server's memoryUsage() after a full collection (bench/memory-probe.ts). */
function probe(server: ChildProcess): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the server did not answer the probe")),
      10_000,
    );
    const onMessage = (message: unknown) => {
      const m = message as { type?: string } & NodeJS.MemoryUsage;
      if (m?.type !== "memory-sample") return;
      clearTimeout(timer);
      server.off("message", onMessage);
      resolve(m);
    };
    server.on("message", onMessage);
    server.send("memory-sample");
  });
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function summary(label: string, values: number[]): string {
  const [start, end] = [values[0]!, values.at(-1)!];
  const max = Math.max(...values);
  const min = Math.min(...values);
  const within = max <= start * 1.1 && min >= start * 0.9;
  // Growth is what a leak shows; a fall (memory given back to the system) is not one.
  const grows = max > start * 1.1;
  const change = ((end / start - 1) * 100).toFixed(1);
  return (
    `| ${label} | ${mb(start)} | ${mb(end)} (${Number(change) >= 0 ? "+" : ""}${change} %) | ` +
    `${mb(min)} | ${mb(max)} (+${((max / start - 1) * 100).toFixed(1)} %) | ${within ? "yes" : "NO"} | ` +
    `${grows ? "YES" : "no"} |`
  );
}

async function main() {
  buildIfNeeded();
  const { dataDir, env, driver } = benchServerEnv("bench-memory-", port);
  log(`Preparing ${driver} with the demo data …`);
  const demo = await prepareDatabase(env);

  const server = spawn(
    process.execPath,
    [
      ...SERVER_NODE_OPTIONS,
      "--expose-gc",
      "--import",
      "tsx",
      "--import",
      "./bench/memory-probe.ts",
      "scripts/server.ts",
    ],
    { env, stdio: ["ignore", "ignore", "ignore", "ipc"] },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${baseUrl}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 600 || server.exitCode !== null) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    const admin = await login(baseUrl, DEMO_USERS.admin.email);
    const secretariat = await login(baseUrl, DEMO_USERS.secretariat.email);
    const fundAdmin = await login(baseUrl, DEMO_USERS.fundAdmin.email);
    const plan = `/plans/${demo.planId}`;
    const agreement = `${plan}/agreements/${demo.agreementId}`;
    const fund = `/funds/${demo.dispositionFund.fundId}`;
    const mix: { path: string; cookie: string }[] = [
      { path: "/", cookie: admin },
      { path: "/", cookie: secretariat },
      { path: plan, cookie: secretariat },
      { path: agreement, cookie: secretariat },
      { path: `${agreement}/versions`, cookie: secretariat },
      { path: `${agreement}/measurements`, cookie: secretariat },
      { path: `${plan}/reports`, cookie: secretariat },
      { path: "/admin/rollup", cookie: admin },
      { path: fund, cookie: fundAdmin },
      {
        path: `${fund}/applications/${demo.dispositionFund.submittedApplicationId}`,
        cookie: fundAdmin,
      },
      { path: `${agreement}/document.docx`, cookie: secretariat },
    ];
    // A load segment: every connection asks for the whole mix once.
    const segmentRequests = connections * mix.length;
    // Every page of the mix must answer 200, or the load would measure error pages.
    for (const { path: p, cookie } of mix) {
      const res = await fetch(`${baseUrl}${p}`, { headers: { cookie }, redirect: "manual" });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    }

    log(
      `\n${driver}, ${connections} connections, ${seconds} s of mixed load over ${mix.length} requests ` +
        `(${mix.map((m) => m.path).join(", ")}), a sample after every ${segmentRequests} requests, warm-up ` +
        `${warmUpSeconds.toFixed(0)} s, Node ${process.version}, ${os.cpus().length} cores\n`,
    );
    log("| s | RSS MB | heap after GC MB | requests |");
    log("| ---: | ---: | ---: | ---: |");

    // The load runs in segments of `segmentRequests` requests (about 5 s here); each sample is taken
    // between two segments, when every request of the segment has been answered and none is in
    // flight. Sampled under load, the heap also held the 20 requests being rendered
    // (a Word document's render alone allocates megabytes), which made it swing by ±10 % from one
    // sample to the next without any trend. Between segments it holds only what the server keeps.
    let requests = 0;
    let non200 = 0;
    let errors = 0;
    let timeouts = 0;
    const samples: Sample[] = [];
    const started = Date.now();
    const take = async () => {
      const rss = residentBytes(server.pid!);
      const usage = await probe(server);
      const sample = {
        second: Math.round((Date.now() - started) / 1000),
        rss: rss ?? usage.rss,
        heap: usage.heapUsed,
        requests,
      };
      samples.push(sample);
      log(`| ${sample.second} | ${mb(sample.rss)} | ${mb(sample.heap)} | ${sample.requests} |`);
    };
    await take();
    while (Date.now() - started < seconds * 1000) {
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: baseUrl,
            connections,
            amount: segmentRequests,
            // A busy machine answers slowly; this measures memory, not latency.
            timeout: 30,
            requests: mix.map(({ path: p, cookie }) => ({
              method: "GET",
              path: p,
              headers: { cookie },
            })),
          },
          (err, res) => (err ? reject(err) : resolve(res)),
        );
        instance.on("response", (_client, statusCode) => {
          requests++;
          if (statusCode !== 200) non200++;
        });
      });
      errors += result.errors;
      timeouts += result.timeouts;
      await take();
    }
    const loadSeconds = (Date.now() - started) / 1000;

    const after = samples.filter((s) => s.second >= warmUpSeconds);
    log(
      `\n${requests} requests (${(requests / loadSeconds).toFixed(0)} req/s), ` +
        `${non200} not 200, ${errors} connection errors (${timeouts} of them timeouts); from ${after[0]?.second ?? "-"} s (after warm-up):\n`,
    );
    if (after.length < 2) throw new Error("too few samples after the warm-up: run longer");
    log("| figure | start MB | end MB | min MB | max MB | within ±10 % | rises over 10 % |");
    log("| --- | ---: | ---: | ---: | ---: | --- | --- |");
    log(
      summary(
        "RSS",
        after.map((s) => s.rss),
      ),
    );
    log(
      summary(
        "heap after GC",
        after.map((s) => s.heap),
      ),
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
