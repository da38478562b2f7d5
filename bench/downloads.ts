/**
 * Downloads through the running server (issue 15): each document is fetched one request at a
 * time (`runs` times, after one warm-up), as a user clicking the link would, and its median and
 * p95 wall time are printed next to the target. bench/run.ts calls this after the load table.
 */

export interface Download {
  name: string;
  path: string;
  cookie: string;
  /** The goal for the median, in ms. */
  targetMs: number;
  /** The content type the answer must have (the run fails loudly otherwise). */
  contentType: string;
}

export interface DownloadResult extends Download {
  medianMs: number;
  p95Ms: number;
  bytes: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function fetchOnce(baseUrl: string, d: Download): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${d.path}`, { headers: { cookie: d.cookie } });
  const body = new Uint8Array(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (res.status !== 200 || !(res.headers.get("content-type") ?? "").startsWith(d.contentType)) {
    throw new Error(
      `${d.name} (${d.path}) answered ${res.status} ${res.headers.get("content-type")}`,
    );
  }
  return { ms, bytes: body.byteLength };
}

export async function measureDownloads(
  baseUrl: string,
  downloads: readonly Download[],
  runs = Number(process.env.BENCH_DOWNLOAD_RUNS ?? 15),
): Promise<DownloadResult[]> {
  const results: DownloadResult[] = [];
  for (const d of downloads) {
    await fetchOnce(baseUrl, d);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const one = await fetchOnce(baseUrl, d);
      times.push(one.ms);
      bytes = one.bytes;
    }
    times.sort((a, b) => a - b);
    results.push({ ...d, medianMs: percentile(times, 50), p95Ms: percentile(times, 95), bytes });
  }
  return results;
}

export function downloadTable(results: readonly DownloadResult[]): string[] {
  return [
    "| download | median ms | p95 ms | size | target (median) | met |",
    "| --- | ---: | ---: | ---: | ---: | :---: |",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.medianMs.toFixed(0)} | ${r.p95Ms.toFixed(0)} | ${(r.bytes / 1024).toFixed(0)} kB | < ${r.targetMs} ms | ${r.medianMs < r.targetMs ? "yes" : "no"} |`,
    ),
  ];
}
