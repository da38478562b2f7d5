/**
 * CPU time per request, split between the app server, PostgreSQL and the load generator, for one
 * or more routes of a running server: a figure that holds on a busy machine, where requests/s do
 * not. Drives each route with autocannon (20 connections) and reads the processes' CPU counters
 * from /proc before and after (Linux).
 *
 *   npx tsx bench/route-cpu.ts <server pid> <seconds> <url> [cookie] [<url> [cookie] …]
 *   e.g. npx tsx bench/route-cpu.ts 1234 5 http://127.0.0.1:3311/healthz '' http://127.0.0.1:3311/ 'sid=…'
 *
 * "postgres" sums every process named postgres on the machine (the benchmark's own cluster), or,
 * with ROUTE_CPU_DB=<database>, only the backends serving that database (their title names it):
 * then other databases' work on the same cluster does not count.
 */
import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";

const CLOCK_TICKS = 100;

function cpuMs(pid: string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

const database = process.env.ROUTE_CPU_DB;

function isCounted(pid: string): boolean {
  if (!readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres")) return false;
  if (!database) return true;
  // A backend's title: "postgres: <user> <database> <client> <state>".
  const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  return title.split(" ")[2] === database;
}

function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (isCounted(pid)) total += cpuMs(pid);
    } catch {
      // gone
    }
  }
  return total;
}

async function measure(serverPid: string, seconds: number, url: string, cookie: string) {
  const server0 = cpuMs(serverPid);
  const pg0 = postgresCpuMs();
  const self0 = process.cpuUsage();
  const result = await autocannon({
    url,
    connections: 20,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  const self = process.cpuUsage(self0);
  const n = result.requests.total;
  const per = (ms: number) => (ms / n).toFixed(2);
  const { pathname, search } = new URL(url);
  return `| ${pathname}${search} | ${result.requests.average.toFixed(0)} | ${result.latency.p97_5} | ${per(cpuMs(serverPid) - server0)} | ${per(postgresCpuMs() - pg0)} | ${per((self.user + self.system) / 1000)} | ${(result.throughput.total / n / 1024).toFixed(0)} | ${result.non2xx} |`;
}

const [serverPid, seconds, ...pairs] = process.argv.slice(2);
if (!serverPid || !seconds || pairs.length === 0) {
  process.stderr.write("usage: route-cpu.ts <server pid> <seconds> <url> [cookie] …\n");
  process.exit(2);
}
process.stdout.write(
  "| route | req/s | p97.5 ms | server CPU ms/req | postgres CPU ms/req | load generator ms/req | kB/req | non-2xx |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
);
for (let i = 0; i < pairs.length;) {
  const url = pairs[i++]!;
  const cookie = pairs[i]?.startsWith("http") ? "" : (pairs[i++] ?? "");
  process.stdout.write(`${await measure(serverPid, Number(seconds), url, cookie)}\n`);
}
