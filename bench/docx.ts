/**
 * How long the agreement's Word document takes to build and pack, next to the floor: docx packing
 * a Document of the same number of plain paragraphs with the same amount of text (no styles,
 * tables or lists). Also a whole plan (four agreements in one document) and memory over 1,000
 * renders, to show it stays flat.
 *
 *   npx tsx bench/docx.ts
 *   BENCH_DOCX_SCALE=0.2 npx tsx bench/docx.ts     # fewer iterations, for a quick look
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { Document, Packer, Paragraph, TextRun } from "docx";
import { strFromU8, unzipSync } from "fflate";
import { buildAgreementView, type AgreementView } from "../app/domain/agreement-view";
import { buildAgreementDocument, buildAgreementSectionOptions } from "../templates/agreement";
import { createDocument } from "../templates/parts/document";
import { renderDocx } from "../templates/render";
import { scaledAgreementRecord, type AgreementSize } from "../test/fixtures/agreement-record";
import { SERVER_NODE_OPTIONS } from "../scripts/node-options";

const scale = Number(process.env.BENCH_DOCX_SCALE ?? 1);
const runs = (n: number) => Math.max(3, Math.round(n * scale));

function log(line = "") {
  process.stdout.write(`${line}\n`);
}

// A gc() to call between phases, so heap figures are live data, not garbage not yet collected.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Paragraphs and characters of text in a packed document's body. */
function measureBody(buffer: Buffer): { paragraphs: number; chars: number } {
  const xml = strFromU8(unzipSync(new Uint8Array(buffer))["word/document.xml"]!);
  const paragraphs = (xml.match(/<w:p[ >]/g) ?? []).length;
  const chars = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].reduce(
    (sum, m) => sum + m[1]!.length,
    0,
  );
  return { paragraphs, chars };
}

/** The floor: a document of `paragraphs` plain paragraphs holding `chars` characters in all. */
function plainDocument(paragraphs: number, chars: number): Document {
  const length = Math.max(1, Math.round(chars / paragraphs));
  const text = "Almindelig tekst i et afsnit uden formatering. ".repeat(length).slice(0, length);
  return new Document({
    sections: [
      {
        children: Array.from(
          { length: paragraphs },
          () => new Paragraph({ children: [new TextRun(text)] }),
        ),
      },
    ],
  });
}

function view(size: AgreementSize, id = 1, focusArea = "Sammenhængskraft og medborgerskab") {
  const record = scaledAgreementRecord(size);
  return buildAgreementView({ ...record, id, focusArea: { id, name: focusArea } });
}

function criteriaCount(v: AgreementView): number {
  return v.criteria.length + v.activities.reduce((sum, a) => sum + a.criteria.length, 0);
}

const fmt = (ms: number) => ms.toFixed(1).padStart(7);

async function compare(label: string, build: () => Document, warmup: number, iterations: number) {
  const body = measureBody(await renderDocx(build()));
  const floorDocument = () => plainDocument(body.paragraphs, body.chars);
  // Ours and the floor alternate, so both see the same machine: on a shared machine the load
  // changes over a run, and timing one after the other would charge the change to one of them.
  const ours: number[] = [];
  const floor: number[] = [];
  let bytes = 0;
  for (let i = 0; i < warmup; i++) {
    bytes = (await renderDocx(build())).length;
    await Packer.toBuffer(floorDocument());
  }
  for (let i = 0; i < iterations; i++) {
    let start = performance.now();
    await renderDocx(build());
    ours.push(performance.now() - start);
    start = performance.now();
    await Packer.toBuffer(floorDocument());
    floor.push(performance.now() - start);
  }
  const oursMedian = median(ours);
  const floorMedian = median(floor);
  log(
    `${label.padEnd(34)} ${fmt(oursMedian)} ms (p95 ${fmt(percentile(ours, 95))})  floor ${fmt(floorMedian)} ms` +
      `  ×${(oursMedian / floorMedian).toFixed(2)}  ` +
      `${body.paragraphs} paragraphs, ${(bytes / 1024).toFixed(1)} KB`,
  );
}

function memory() {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 1024 / 1024, rss: m.rss / 1024 / 1024 };
}

async function main() {
  const started = performance.now();
  const example = view({
    parties: 15,
    activities: 4,
    agreementCriteria: 3,
    criteriaPerActivity: 3,
  });
  const large = view({
    parties: 15,
    activities: 20,
    agreementCriteria: 20,
    criteriaPerActivity: 4,
  });
  const plan = ["Uddannelse og livschancer", "Beskæftigelse", "Kriminalitetsforebyggelse"].reduce(
    (views, name, i) => [
      ...views,
      view(
        { parties: 15, activities: 4, agreementCriteria: 3, criteriaPerActivity: 3 },
        i + 2,
        name,
      ),
    ],
    [example],
  );

  log(
    `docx render benchmark (node ${process.version} ${SERVER_NODE_OPTIONS.join(" ")}, scale ${scale})`,
  );
  log(
    `example view: ${example.activities.length} activities, ${criteriaCount(example)} criteria, ` +
      `${example.parties.primary.concat(example.parties.secondary).flatMap((g) => g.parties).length} parties; ` +
      `large view: ${large.activities.length} activities, ${criteriaCount(large)} criteria`,
  );
  log("median of build + pack, after warm-up; floor = same paragraphs and text, unformatted");
  log();
  await compare(
    "agreement, example size",
    () => buildAgreementDocument(example),
    runs(20),
    runs(100),
  );
  await compare("agreement, 20 activities", () => buildAgreementDocument(large), runs(5), runs(30));
  await compare(
    "plan of 4 agreements",
    () =>
      createDocument({ title: "Plan", sections: plan.map((v) => buildAgreementSectionOptions(v)) }),
    runs(5),
    runs(30),
  );

  log();
  const total = runs(1000);
  const checkpoints = 4;
  const before = memory();
  log(`memory over ${total} renders of the example (after gc):`);
  log(`  before          heapUsed ${before.heap.toFixed(1)} MB  rss ${before.rss.toFixed(1)} MB`);
  for (let c = 1; c <= checkpoints; c++) {
    const start = performance.now();
    for (let i = 0; i < total / checkpoints; i++) await renderDocx(buildAgreementDocument(example));
    const ms = (performance.now() - start) / (total / checkpoints);
    const m = memory();
    log(
      `  after ${String((c * total) / checkpoints).padStart(5)}     heapUsed ${m.heap.toFixed(1)} MB  ` +
        `rss ${m.rss.toFixed(1)} MB  (${ms.toFixed(1)} ms/render)`,
    );
  }
  log();
  log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.env.BENCH_DOCX_CHILD === "1") {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  // Documents are rendered in the server, so measure with the server's V8 options: run this file
  // again in a Node started with them (they cannot be set once the heap exists).
  const child = spawnSync(
    process.execPath,
    [...SERVER_NODE_OPTIONS, "--import", "tsx", fileURLToPath(import.meta.url)],
    { stdio: "inherit", env: { ...process.env, BENCH_DOCX_CHILD: "1" } },
  );
  process.exitCode = child.status ?? 1;
}
