/**
 * Import of delaftaler from Word (issue 13): how long a 30-page agreement takes to become a draft
 * under review (reading the .docx, recognising its sections, storing it, and loading the review
 * screen's data), and the server's memory while one upload brings 10 such files at once.
 *
 *   npx tsx bench/import.ts
 *   BENCH_IMPORT_RUNS=5 npx tsx bench/import.ts      # fewer runs, for a quick look
 *
 * The first part runs the models in this process on PGlite (or on PostgreSQL when
 * TEST_DATABASE_URL is set); the second starts the built server (`npx remix build` first) on a
 * fresh embedded database with the demo data and posts the upload as the demo secretariat, reading
 * the server's resident memory from /proc every 10 ms.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { recogniseAgreement } from "../app/domain/import/recognise";
import { readAgreementDocx } from "../app/import/read-docx.server";
import { createImports, getImportReview } from "../app/models/imports/index.server";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed";
import { largeAgreement } from "../test/fixtures/import";
import { createTestDb, drivers } from "../test/helpers/db";
import { createPlan } from "../test/helpers/factories";
import { startServer } from "../test/e2e/server";

const runs = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
const FILES_AT_ONCE = 10;

function log(line = "") {
  process.stdout.write(`${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function timeModels(bytes: Uint8Array, fileName: string) {
  const driver = drivers.at(-1)!;
  const t = await createTestDb(driver);
  try {
    const plan = await createPlan(t.db, {
      periodStart: "2023-01-01",
      periodEnd: "2026-12-31",
      members: { secretariat: true },
    });
    const user = plan.members.secretariat![0]!;
    const samples = { read: [] as number[], recognise: [] as number[], create: [] as number[] };
    const review: number[] = [];
    let summary = "";
    for (let i = 0; i < runs + 2; i++) {
      let start = performance.now();
      const source = await readAgreementDocx(bytes, fileName);
      const read = performance.now() - start;
      start = performance.now();
      const recognition = recogniseAgreement(source);
      const recognise = performance.now() - start;
      start = performance.now();
      const [created] = await createImports(t.db, user, plan.id, [{ name: fileName, bytes }]);
      const create = performance.now() - start;
      start = performance.now();
      const data = await getImportReview(t.db, user, plan.id, created!.id);
      const loaded = performance.now() - start;
      if (i < 2) {
        summary =
          `${source.wordCount} words, ${source.blocks.length} paragraphs, ` +
          `${recognition.draft.activities.length} activity schemas, ` +
          `${(data.coverage.placedShare * 100).toFixed(1)} % of the words placed`;
        continue; // warm-up
      }
      samples.read.push(read);
      samples.recognise.push(recognise);
      samples.create.push(create);
      review.push(loaded);
    }
    log(`models on ${driver}, ${fileName}: ${summary}`);
    log(`  read the .docx (mammoth + our walk)        ${ms(median(samples.read))}`);
    log(`  recognise the sections                     ${ms(median(samples.recognise))}`);
    log(`  createImports (read + recognise + store)   ${ms(median(samples.create))}`);
    log(`  getImportReview (the review screen's data) ${ms(median(review))}`);
    log(
      `  upload to review, in all                   ${ms(median(samples.create) + median(review))}` +
        `  (target: under 1000 ms; median of ${runs})`,
    );
  } finally {
    await t.close();
  }
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return cookie.split(";")[0]!;
}

async function serverMemory(bytes: Uint8Array<ArrayBuffer>, fileName: string) {
  const server = await startServer();
  try {
    const cookie = await login(server.url, DEMO_USERS.secretariat.email);
    const home = await (await fetch(`${server.url}/`, { headers: { cookie } })).text();
    const planId = /\/plans\/(\d+)/.exec(home)?.[1];
    if (!planId) throw new Error("no plan on the secretariat's dashboard");
    // Warm the route once with one file, so the figures are the upload's, not the first load's.
    const one = new FormData();
    one.append("files", new Blob([bytes]), fileName);
    await fetch(`${server.url}/plans/${planId}/imports?index`, {
      method: "POST",
      body: one,
      headers: { cookie },
      redirect: "manual",
    });
    await new Promise((r) => setTimeout(r, 500));
    const before = statusKb(server.pid, "VmRSS");
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, statusKb(server.pid, "VmRSS"));
    }, 10);
    const form = new FormData();
    for (let i = 1; i <= FILES_AT_ONCE; i++) {
      form.append("files", new Blob([bytes]), fileName.replace(/\.docx$/, `-${i}.docx`));
    }
    const start = performance.now();
    const res = await fetch(`${server.url}/plans/${planId}/imports?index`, {
      method: "POST",
      body: form,
      headers: { cookie },
      redirect: "manual",
    });
    const took = performance.now() - start;
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 1000));
    const after = statusKb(server.pid, "VmRSS");
    const upload = ((bytes.length * FILES_AT_ONCE) / 1024 / 1024).toFixed(1);
    log(
      `server: one upload of ${FILES_AT_ONCE} files (${upload} MB) answered ${res.status} in ${ms(took)}`,
    );
    log(
      `  resident memory: ${mb(before)} before, ${mb(peak)} at the peak (+${mb(peak - before)}), ` +
        `${mb(after)} a second after; the process's high-water mark ${mb(statusKb(server.pid, "VmHWM"))}`,
    );
  } finally {
    await server.stop();
  }
}

async function main() {
  const fixture = largeAgreement(30);
  const bytes = new Uint8Array(await fixture.build());
  const fileName = "delaftale-30-sider.docx";
  log(`import benchmark (node ${process.version}): ${fixture.description}, ${bytes.length} bytes`);
  log();
  await timeModels(bytes, fileName);
  log();
  await serverMemory(bytes, fileName);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
