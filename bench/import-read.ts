/**
 * How long the Word import's reader takes on a 30-page delaftale saved by Word (12,000 words),
 * phase by phase: the file checks (every part really inflated), the slim copy, mammoth, and the
 * walk into blocks; and the memory in use while 10 such files are read at once.
 *
 *   npx tsx bench/import-read.ts
 *   BENCH_RUNS=5 npx tsx bench/import-read.ts     # fewer runs, for a quick look
 */
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import mammoth from "mammoth";
import { checkDocxFile } from "../app/import/docx-file.server";
import { readAgreementDocx, readHtml } from "../app/import/read-docx.server";
import { slimDocx } from "../app/import/slim-docx.server";
import { thirtyPageDocx } from "../test/helpers/word-docx";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const runs = Number(process.env.BENCH_RUNS ?? 20);

function log(line = "") {
  process.stdout.write(`${line}\n`);
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

async function time(fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < 3; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const bytes = await thirtyPageDocx();
const document = await readAgreementDocx(bytes, "30 sider.docx");
log(
  `30-page document: ${(bytes.length / 1024).toFixed(0)} KB, ${document.wordCount} words, ${document.blocks.length} blocks, ${document.tables.length} tables`,
);
const slim = slimDocx(bytes).bytes;
const html = (
  await mammoth.convertToHtml({ buffer: Buffer.from(slim) }, { ignoreEmptyParagraphs: false })
).value;
log(`checkDocxFile           ${summary(await time(() => checkDocxFile(bytes, "x.docx")))}`);
log(`slimDocx                ${summary(await time(() => slimDocx(bytes)))}`);
log(
  `mammoth (as saved)      ${summary(await time(() => mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false })))}`,
);
log(
  `mammoth (slim copy)     ${summary(await time(() => mammoth.convertToHtml({ buffer: Buffer.from(slim) }, { ignoreEmptyParagraphs: false })))}`,
);
log(`walk (readHtml)         ${summary(await time(() => readHtml(html)))}`);
log(`readAgreementDocx       ${summary(await time(() => readAgreementDocx(bytes, "x.docx")))}`);

gc();
const usage = () => {
  const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
  return { live: heapUsed + arrayBuffers, rss };
};
const before = usage();
let peak = before;
const sampler = setInterval(() => {
  const now = usage();
  if (now.live > peak.live) peak = { ...peak, live: now.live };
  if (now.rss > peak.rss) peak = { ...peak, rss: now.rss };
}, 2);
const started = performance.now();
await Promise.all(Array.from({ length: 10 }, (_, i) => readAgreementDocx(bytes, `fil ${i}.docx`)));
const elapsed = performance.now() - started;
clearInterval(sampler);
log(
  `10 files at once: ${elapsed.toFixed(0)} ms; heap + buffers ${mb(before.live)} → peak ${mb(peak.live)}; rss ${mb(before.rss)} → peak ${mb(peak.rss)}`,
);
