import { readFileSync } from "node:fs";
import autocannon from "autocannon";
const cpuMs = (pid: string) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const [pid, url, cookie] = process.argv.slice(2) as [string, string, string];
const first = await fetch(url, { headers: { cookie } });
const etag = first.headers.get("etag")!;
for (let round = 0; round < 2; round++) {
  const s0 = cpuMs(pid);
  const r = await autocannon({ url, connections: 20, duration: 5, headers: { cookie, "if-none-match": etag } });
  const n = r.requests.total;
  console.log(`${url} 304: server ${((cpuMs(pid) - s0) / n).toFixed(2)} ms/req, statuses ${JSON.stringify(r.statusCodeStats)}`);
}
