/**
 * The organisation diagram's cost: median/p95 of layout + SVG (ELK and our drawing) and of
 * SVG → PNG (the image for Word: text as cached glyph outlines, rasterised by resvg), for the demo
 * plan (its strategic agreement and working group, from a seeded PGlite) and for a plan of 4
 * delaftaler × 2 working groups × 8 members. For comparison, resvg drawing the same SVG with its
 * own text (it reads the font file once per glyph; see app/graphics/glyph-outlines.server.ts).
 *
 *   npx tsx bench/organisation-diagram.ts        # BENCH_RUNS=30 by default
 */
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import type { OrganisationDiagramData } from "../app/domain/organisation-diagram";
import { layoutOrganisationDiagram, renderDiagramSvg } from "../app/graphics/organisation-diagram";
import { svgToPng } from "../app/graphics/png.server";
import {
  getOrganisationDiagramData,
  pngScaleFor,
  renderDiagramPng,
} from "../app/models/organisation-diagram.server";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

/**
 * Wall time, and the process's CPU time (user + system) as well: on a machine shared with other
 * work the wall time includes waiting for a core, the CPU time does not (all of this runs on the
 * main thread: ELK, our drawing and resvg are synchronous).
 */
async function measure(label: string, fn: () => unknown, runs = RUNS) {
  for (let i = 0; i < 3; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const at = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  };
  const ms = (v: number) => v.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(46)} median ${ms(at(wall, 0.5))} ms  p95 ${ms(at(wall, 0.95))} ms  (CPU median ${ms(at(cpu, 0.5))} ms)`,
  );
}

const FOCUS_AREAS = [
  "Uddannelse og livschancer",
  "Beskæftigelse",
  "Kriminalitetsforebyggelse",
  "Sammenhængskraft og medborgerskab",
];

function largePlan(demo: OrganisationDiagramData): OrganisationDiagramData {
  return {
    ...demo,
    planName: "Helhedsplan med 4 delaftaler",
    workingGroups: FOCUS_AREAS.flatMap((focusArea, a) =>
      [1, 2].map((g) => ({
        id: a * 2 + g,
        name: `Arbejdsgruppe ${g} for ${focusArea.toLocaleLowerCase("da")}`,
        agreementId: a + 1,
        focusArea,
        members: Array.from({ length: 8 }, (_, m) => ({
          name: `Medlem ${m + 1} Sørensen`,
          role: "koordinator",
          organisation:
            m % 2 ? "Havbakke Kommune, Børne- og Ungeforvaltningen" : "Fællesbo Havbakke",
        })),
      })),
    ),
  };
}

const handle = await openDb({ driver: "pglite" });
await migrateDb(handle);
const demoIds = await seedDemoData(handle.db);
const admin = { id: demoIds.userIds.admin, email: "", name: "", isAdmin: true };
const demo = await getOrganisationDiagramData(handle.db, admin, demoIds.planId);
await handle.close();

for (const [name, data] of [
  ["demo plan", demo],
  ["4 delaftaler × 2 groups × 8 members", largePlan(demo)],
] as const) {
  const layout = await layoutOrganisationDiagram(data);
  const png = renderDiagramPng(layout);
  const lines = layout.graph.boxes.reduce((n, b) => n + b.lines.length, 0);
  console.log(
    `\n${name}: ${layout.graph.boxes.length} boxes, ${lines} lines of text, SVG ${Math.ceil(layout.elk.width!)}×${Math.ceil(layout.elk.height!)}, PNG ${(png.data.length / 1024).toFixed(0)} KB at ×${pngScaleFor(layout.elk.width!).toFixed(2)}`,
  );
  await measure("layout + SVG", async () =>
    renderDiagramSvg(await layoutOrganisationDiagram(data)),
  );
  await measure("SVG → PNG (outlined text)", () => renderDiagramPng(layout));
  const svg = renderDiagramSvg(layout);
  await measure(
    "SVG → PNG (resvg's own text, for comparison)",
    () => svgToPng(svg, pngScaleFor(layout.elk.width!)),
    Math.min(RUNS, 5),
  );
}
