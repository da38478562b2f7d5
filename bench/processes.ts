/**
 * The benchmark's several-process mode (`BENCH_PROCESSES=2`, PostgreSQL only): the app as it
 * scales out, more than one app process on one database behind a load balancer (issue 15, "More
 * than one machine").
 *
 * bench/run.ts measures every route on its one server first. Then this module starts the other
 * processes (test/helpers/app-processes.ts: the same build, database, SESSION_SECRET and log
 * level, each on its own port) and measures the same routes again with the load spread over all
 * of them: one autocannon instance per process, all running at the same time for the same
 * duration, each with its share of the connections (20 connections over 2 processes: 10 each).
 * Every response of every instance is recorded in one latency histogram, so p95 is over all
 * requests, and the throughput is the sum of the instances' requests per second. The session
 * cookies were made by logging in on the first process; they work on the others (shared secret).
 *
 * It then prints one process next to all of them per route. The load generator runs on the same
 * cores as the servers and the database: on a 2-core machine two processes cannot double the
 * throughput, and the ratio says how much of a second core the app can use, not how it would
 * scale on machines of their own.
 */
import autocannon from "autocannon";
import * as hdr from "hdr-histogram-js";
import { startAppProcesses } from "../test/helpers/app-processes";

export interface RouteResult {
  name: string;
  path: string;
  /** The session cookie the route was measured with (none: anonymous). */
  cookie?: string;
  rps: number;
  p95: number;
  errors: number;
}

export interface ProcessesOptions {
  /** How many processes in all, the one already running included (2 or more). */
  count: number;
  /** The environment of the running server (DATABASE_URL, SESSION_SECRET, DATA_DIR, LOG_LEVEL). */
  env: NodeJS.ProcessEnv;
  /** The running server's base URL (the first process). */
  firstUrl: string;
  /** Node options of the running server (BENCH_PROFILE), given to the others too. */
  nodeArgs: string[];
  /** The routes as measured on the first process alone. */
  routes: RouteResult[];
  connections: number;
  seconds: number;
  log(line: string): void;
}

/** `total` connections shared as evenly as possible by `parts` instances (each at least 1). */
export function shareConnections(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) =>
    Math.max(1, Math.floor(total / parts) + (i < total % parts ? 1 : 0)),
  );
}

/** One route driven over all `urls` at once; throughput summed, latency over every response. */
export async function measureSpread(
  urls: string[],
  urlPath: string,
  cookie: string | undefined,
  connections: number,
  seconds: number,
): Promise<{ rps: number; p95: number; errors: number; perProcess: number[] }> {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  let non2xx = 0;
  const shares = shareConnections(connections, urls.length);
  const results = await Promise.all(
    urls.map(
      (url, i) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            {
              url: `${url}${urlPath}`,
              connections: shares[i],
              duration: seconds,
              headers: cookie ? { cookie } : {},
            },
            (err, res) => (err ? reject(err) : resolve(res)),
          );
          instance.on("response", (_client, statusCode, _bytes, responseTime) => {
            if (statusCode !== 200) non2xx++;
            histogram.recordValue(Math.max(1, Math.round(responseTime * 1000)));
          });
        }),
    ),
  );
  const perProcess = results.map((r) => r.requests.average);
  return {
    rps: perProcess.reduce((a, b) => a + b, 0),
    p95: histogram.getValueAtPercentile(95) / 1000,
    // autocannon counts timeouts among its errors.
    errors: non2xx + results.reduce((n, r) => n + r.errors, 0),
    perProcess,
  };
}

/** Starts the other processes, measures every route spread over all, prints the comparison. */
export async function compareProcesses(options: ProcessesOptions): Promise<void> {
  const { count, env, log } = options;
  if (!env.DATABASE_URL) {
    throw new Error("BENCH_PROCESSES needs DATABASE_URL: PGlite cannot be shared by processes");
  }
  const others = await startAppProcesses(count - 1, {
    databaseUrl: env.DATABASE_URL,
    sessionSecret: env.SESSION_SECRET,
    env: { DATA_DIR: env.DATA_DIR, BACKGROUND_JOBS: env.BACKGROUND_JOBS },
    logLevel: env.LOG_LEVEL ?? "info",
    nodeArgs: options.nodeArgs,
    keepOutput: false,
  });
  try {
    const urls = [options.firstUrl, ...others.urls];
    const pool = env.DATABASE_POOL_SIZE ?? "10";
    log(
      `\n${count} processes on one PostgreSQL (ports ${urls.map((u) => new URL(u).port).join(", ")}, ` +
        `${pool} connections each), ${options.connections} connections spread over them ` +
        `(${shareConnections(options.connections, count).join(" + ")}), ${options.seconds} s per route\n`,
    );
    log(
      `| route | 1 process req/s | p95 ms | ${count} processes req/s | p95 ms | per process req/s | × one | errors |`,
    );
    log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const route of options.routes) {
      // Warm the route up on the new processes (their first request opens the database).
      for (const url of others.urls) {
        await fetch(`${url}${route.path}`, {
          headers: route.cookie ? { cookie: route.cookie } : {},
        });
      }
      const spread = await measureSpread(
        urls,
        route.path,
        route.cookie,
        options.connections,
        options.seconds,
      );
      log(
        `| ${route.name} | ${route.rps.toFixed(0)} | ${route.p95.toFixed(1)} | ${spread.rps.toFixed(0)} | ` +
          `${spread.p95.toFixed(1)} | ${spread.perProcess.map((r) => r.toFixed(0)).join(" / ")} | ` +
          `${route.rps > 0 ? (spread.rps / route.rps).toFixed(2) : "–"} | ${route.errors} / ${spread.errors} |`,
      );
    }
  } finally {
    await others.stop();
  }
}
