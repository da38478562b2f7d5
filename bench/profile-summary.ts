/**
 * Summarises a V8 CPU profile (`BENCH_PROFILE=1 npm run bench` writes them to bench/out/) without
 * a GUI: the share of samples per package (self time), the functions with the most self and total
 * time, and the total-time share of a few named function groups (route matching, React rendering,
 * …). Idle samples are left out, so shares are of the time the process was busy.
 *
 *   npx tsx bench/profile-summary.ts bench/out/CPU.….cpuprofile [top=25]
 *
 * Compare shares between profiles, not milliseconds: the machine's load changes the latter.
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Total-time groups: a sample counts once for a group when any frame on its stack is in it. */
const GROUPS: Record<string, (frame: CallFrame) => boolean> = {
  "route matching (@remix-run/router matchRoutes)": (f) =>
    f.url.includes("@remix-run/router") &&
    /^(matchRoutes|matchRoutesImpl|flattenRoutes|rankRouteBranches|matchRouteBranch|matchPath|compilePath)$/.test(
      f.functionName,
    ),
  "convertRoutesToDataRoutes / createServerRoutes / createRoutes": (f) =>
    /^(convertRoutesToDataRoutes|createServerRoutes|createRoutes|createStaticHandlerDataRoutes|groupRoutesByParentId)$/.test(
      f.functionName,
    ),
  "React render (react-dom/server)": (f) => f.url.includes("react-dom"),
  "root loader (app/root.tsx loader)": (f) =>
    f.url.includes("app/root.tsx") && f.functionName === "loader",
  "pino / pino-http (logging)": (f) =>
    /node_modules\/(pino|pino-http|pino-std-serializers|sonic-boom)\//.test(f.url),
  compression: (f) =>
    /node_modules\/compression\//.test(f.url) ||
    f.functionName.includes("zlib") ||
    f.url === "node:zlib",
  helmet: (f) => /node_modules\/helmet\//.test(f.url),
  "cookie session (cookie signing)": (f) =>
    /^(getSession|parse|unsign|sign|createCookie|isSigned)$/.test(f.functionName) &&
    f.url.includes("server-runtime"),
  PGlite: (f) => f.url.includes("@electric-sql/pglite"),
  "drizzle-orm": (f) => f.url.includes("drizzle-orm"),
  "postgres.js": (f) => /node_modules\/postgres\//.test(f.url),
  express: (f) =>
    /node_modules\/(express|router|send|serve-static|body-parser|finalhandler)\//.test(f.url),
  "@remix-run/node fetch globals (web-fetch, web-stream)": (f) =>
    /@remix-run\/web-/.test(f.url) || f.url.includes("undici"),
};

function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm !== -1) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node:*";
  if (url.includes("/build/index.js")) return "app (build/index.js)";
  if (url.includes("/app/")) return "app (source)";
  if (url.includes("/scripts/")) return "scripts";
  return url.replace(/^file:\/\//, "");
}

function pct(n: number, total: number): string {
  return `${((n / total) * 100).toFixed(1).padStart(5)} %`;
}

function main() {
  const file = process.argv[2];
  const top = Number(process.argv[3] ?? 25);
  if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top]");
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfByNode = new Map<number, number>();
  for (const s of profile.samples) selfByNode.set(s, (selfByNode.get(s) ?? 0) + 1);
  const idle = [...selfByNode].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)");
  const idleCount = idle.reduce((a, [, c]) => a + c, 0);
  const busy = profile.samples.length - idleCount;

  const selfByPackage = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  const totalByGroup = new Map<string, number>();
  const key = (f: CallFrame) =>
    `${f.functionName || "(anonymous)"} ${packageOf(f)}${f.url ? `:${f.lineNumber + 1}` : ""}`;

  for (const [id, count] of selfByNode) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    const pkg = packageOf(frame);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + count);
    selfByFunction.set(key(frame), (selfByFunction.get(key(frame)) ?? 0) + count);
    const seen = new Set<string>();
    const groups = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      seen.add(key(f));
      for (const [name, test] of Object.entries(GROUPS)) if (test(f)) groups.add(name);
    }
    for (const k of seen) totalByFunction.set(k, (totalByFunction.get(k) ?? 0) + count);
    for (const g of groups) totalByGroup.set(g, (totalByGroup.get(g) ?? 0) + count);
  }

  const durationS = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1e6;
  process.stdout.write(
    `${file}\n${profile.samples.length} samples over ${durationS.toFixed(1)} s, ${busy} busy (${pct(busy, profile.samples.length).trim()}); shares below are of busy samples\n`,
  );
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  process.stdout.write("\nGroups (total time: the group anywhere on the stack)\n");
  for (const [name] of Object.entries(GROUPS)) {
    process.stdout.write(`${pct(totalByGroup.get(name) ?? 0, busy)}  ${name}\n`);
  }
  process.stdout.write("\nSelf time by package\n");
  for (const [k, v] of sorted(selfByPackage).slice(0, top))
    process.stdout.write(`${pct(v, busy)}  ${k}\n`);
  process.stdout.write("\nSelf time by function\n");
  for (const [k, v] of sorted(selfByFunction).slice(0, top))
    process.stdout.write(`${pct(v, busy)}  ${k}\n`);
  process.stdout.write("\nTotal time by function\n");
  for (const [k, v] of sorted(totalByFunction).slice(0, top))
    process.stdout.write(`${pct(v, busy)}  ${k}\n`);
}

main();
