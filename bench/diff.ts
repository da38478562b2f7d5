/**
 * How long comparing two versions of an agreement takes (diffAgreements, which the board's review
 * page runs on every load; the requirement is well under 50 ms), and how long the tracked-changes
 * Word document takes to build and pack. For the example agreement and a 20-activity one, each
 * with a realistic revision: goals reworded, a criterion removed and one added, an activity added,
 * one activity's text and duties edited, a budget year changed and a party moved.
 *
 *   npx tsx bench/diff.ts
 *   BENCH_DIFF_SCALE=0.2 npx tsx bench/diff.ts     # fewer iterations, for a quick look
 */
import { performance } from "node:perf_hooks";
import { diffAgreements } from "../app/domain/agreement-diff";
import { buildAgreementView, type AgreementRecord } from "../app/domain/agreement-view";
import { parseRichText } from "../app/domain/rich-text";
import { renderDocx } from "../templates/render";
import { buildRevisionDocument } from "../templates/revision";
import {
  agreementRecord,
  criterionRecord,
  scaledAgreementRecord,
} from "../test/fixtures/agreement-record";

const scale = Number(process.env.BENCH_DIFF_SCALE ?? 1);
const runs = (n: number) => Math.max(3, Math.round(n * scale));

function log(line = "") {
  process.stdout.write(`${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(run: () => unknown, warmup: number, iterations: number) {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return { median: median(samples), p95: percentile(samples, 95) };
}

/** A proposed version with the kind of changes a yearly revision brings. */
function revise(record: AgreementRecord): AgreementRecord {
  const after = structuredClone(record);
  after.goals = after.goals.map((goal, i) =>
    i === 0 ? { ...goal, text: `${goal.text} og i hele bydelen` } : goal,
  );
  if (after.problemStatement) {
    after.problemStatement = parseRichText(
      `Ny måling fra 2024 viser en lille fremgang.\n\n${after.problemStatement.blocks
        .map((b) => (b.type === "list" ? "" : b.content.map((r) => r.text).join("")))
        .filter(Boolean)
        .join("\n\n")}`,
    );
  }
  const agreementCriteria = after.successCriteria.filter((c) => c.activityId == null);
  const removed = agreementCriteria[agreementCriteria.length - 1]!;
  after.successCriteria = after.successCriteria.filter((c) => c.id !== removed.id);
  after.successCriteria.push(
    criterionRecord(90_001, "Flere beboere deltager i mindst én aktivitet.", "Deltagerlister"),
  );
  const [first] = after.activities;
  if (first) {
    first.content = parseRichText(
      "Aktiviteten holdes nu hver anden uge i stedet for hver måned.\n\n- første punkt om praksis",
    );
    const responsibility = first.responsibilities[0];
    if (responsibility) responsibility.duties = [...responsibility.duties, "skriver referat"];
  }
  after.activities.push({
    id: 90_000,
    name: "Sommerlejr for familier",
    shortName: null,
    reference: null,
    content: parseRichText("En uge ved vandet for familier fra boligområdet."),
    purposesLeadIn: null,
    purposes: ["at give familier fælles oplevelser"],
    targetGroupsLeadIn: null,
    targetGroups: ["børnefamilier"],
    position: 10_000,
    responsibilities: [],
  });
  after.successCriteria.push(
    criterionRecord(90_002, "30 familier deltager", "Tilmeldinger", { activityId: 90_000 }),
  );
  const lbf = after.fundingSources.find((s) => s.kind === "lbf");
  if (lbf)
    lbf.amounts = lbf.amounts.map((a, i) => (i === 2 ? { ...a, amount: a.amount + 50_000 } : a));
  const [a, b] = after.parties;
  if (a && b) [a.position, b.position] = [b.position, a.position];
  return after;
}

const fmt = (ms: number) => ms.toFixed(2).padStart(7);

async function measure(label: string, record: AgreementRecord, diffRuns: number, docRuns: number) {
  const before = buildAgreementView(record, "Version 1");
  const after = buildAgreementView(revise(record), "Forslag til version 2");
  const diff = diffAgreements(before, after);
  const diffTime = await time(
    () => diffAgreements(before, after),
    runs(diffRuns / 10),
    runs(diffRuns),
  );
  const render = () =>
    renderDocx(
      buildRevisionDocument({
        before,
        after,
        diff: diffAgreements(before, after),
        versionLabel: "Forslag til version 2 (ændringer i forhold til version 1)",
        author: "Bench",
        date: "2024-05-01T10:00:00Z",
      }),
    );
  const docTime = await time(render, runs(docRuns / 5), runs(docRuns));
  const bytes = (await render()).length;
  log(
    `${label.padEnd(26)} diff ${fmt(diffTime.median)} ms (p95 ${fmt(diffTime.p95)})` +
      `   document ${fmt(docTime.median)} ms (p95 ${fmt(docTime.p95)}), ${(bytes / 1024).toFixed(1)} KB` +
      `   ${diff.counts.added} added, ${diff.counts.removed} removed, ${diff.counts.changed} changed, ${diff.counts.moved} moved`,
  );
}

async function main() {
  log("median and p95 after warm-up; document = diff + build + pack of the tracked-changes .docx");
  log();
  await measure("agreement, example", agreementRecord(), 2000, 100);
  await measure(
    "agreement, 20 activities",
    scaledAgreementRecord({
      parties: 20,
      activities: 20,
      agreementCriteria: 5,
      criteriaPerActivity: 5,
    }),
    500,
    30,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
