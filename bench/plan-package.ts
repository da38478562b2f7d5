/**
 * The helhedsplan's package as one Word document for a plan of 4 delaftaler (3 activities × 5
 * criteria each, all measured, so both charts have figures) with the demo's strategic agreement
 * (so the organisation diagram has its bodies): queries per gathering, and median/p95 of
 * gathering it (getPlanPackage: every part's model, the diagram's layout and PNG, the charts'
 * SVG), of building the document (the charts' PNGs are drawn here) and of packing it (docx's
 * Packer), and of the whole. Target (issue 14): the whole under 1.5 s.
 *   npx tsx bench/plan-package.ts          (PROBE_URL=postgres://… for an empty server database)
 */
import { eq } from "drizzle-orm";
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { strategicAgreements } from "../db/schema";
import { seedDemoData } from "../db/seed";
import { generateReportPlan } from "./dataset";
import { planPackageInput } from "../app/documents/plan-package.server";
import { getPlanPackage } from "../app/models/plan-package.server";
import { buildPlanPackageDocument } from "../templates/plan-package";
import { renderDocx } from "../templates/render";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const handle = await openDb(
  process.env.PROBE_URL ? { driver: "postgres", url: process.env.PROBE_URL } : { driver: "pglite" },
);
await migrateDb(handle);
const demo = await seedDemoData(handle.db);
const planId = await generateReportPlan(handle.db, demo, {
  agreementCount: 4,
  activitiesPerAgreement: 3,
  criteriaPerActivity: 5,
  year: 2025,
});
// The demo's strategic agreement as this plan's working draft: board, follow group, secretariat.
const [strategic] = await handle.db
  .select({ content: strategicAgreements.content })
  .from(strategicAgreements)
  .where(eq(strategicAgreements.planId, demo.planId));
if (strategic)
  await handle.db.insert(strategicAgreements).values({ planId, content: strategic.content });
const admin = { id: demo.userIds.admin, email: "", name: "", isAdmin: true };

async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `${label.padEnd(40)} median ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms`,
  );
}

const queries: string[] = [];
const counting = handle.withLogger({ logQuery: (q) => void queries.push(q) });
const pkg = await getPlanPackage(counting, admin, planId);
const bytes = await renderDocx(buildPlanPackageDocument(planPackageInput(pkg)));
console.log(
  `${process.env.PROBE_URL ? "PostgreSQL" : "PGlite"}: package of ${pkg.agreements.length} delaftaler, ` +
    `${pkg.charts.length} charts, diagram ${pkg.organisation.png.width}×${pkg.organisation.png.height} px: ` +
    `${queries.length} queries, ${(bytes.length / 1024).toFixed(0)} kB .docx`,
);
await measure("getPlanPackage (queries, diagram, charts)", () =>
  getPlanPackage(handle.db, admin, planId),
);
await measure("build the document (+ chart PNGs)", async () =>
  buildPlanPackageDocument(planPackageInput(pkg)),
);
const document = buildPlanPackageDocument(planPackageInput(pkg));
await measure("Packer (renderDocx)", () => renderDocx(document));
await measure("whole: gather + build + pack", async () => {
  const p = await getPlanPackage(handle.db, admin, planId);
  return renderDocx(buildPlanPackageDocument(planPackageInput(p)));
});
await handle.close();
