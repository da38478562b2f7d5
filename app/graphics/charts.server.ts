/**
 * The charts' vega-lite specs and their rendering on the server: vega-lite compiles a spec to
 * vega, vega draws it to SVG headlessly (`renderer: "none"`), and resvg turns the SVG into a PNG
 * for Word when asked. Numbers use a Danish format locale ("3.962.000 kr."), text the bundled
 * DejaVu Sans (the only font resvg loads), and colours differ in lightness so a black-and-white
 * print still tells them apart (each segment carries its number as a label too). The data, titles
 * and tables come from app/domain/charts.ts.
 */
import type * as Vega from "vega";
import type { compile as Compile, TopLevelSpec } from "vega-lite";
import {
  BUDGET_LABEL,
  budgetChartDescription,
  budgetChartTable,
  budgetChartTitle,
  budgetSpendValues,
  chartStatusLabel,
  criteriaChartDescription,
  criteriaChartTable,
  criteriaChartTitle,
  criteriaStatusValues,
  hasBudgetSpendData,
  hasCriteriaData,
  NO_CHART_DATA,
  SPENT_LABEL,
  type BudgetSpendInput,
  type ChartPng,
  type ChartStatus,
  type ChartTable,
  type CriteriaByStatusInput,
  type RenderedChart,
} from "~/domain/charts";
import { STATUS_COUNT_KEYS } from "~/domain/reporting";
import { GRAPHICS_FONT_FAMILY, svgToPng } from "./png.server";
import { LRUCache } from "lru-cache";

export type { RenderedChart } from "~/domain/charts";

/** Width of the plotting area in CSS pixels (the labels come on top). */
const PLOT_WIDTH = 380;

/** Dark, light, medium, lighter, white: neighbours in the stack differ in lightness. */
const STATUS_COLOURS: Record<ChartStatus, string> = {
  met: "#0f3d26",
  partly_met: "#f0c75e",
  not_met: "#c65a3a",
  not_measured: "#b0b0b0",
  none: "#ffffff",
};
/** Labels on dark segments are white. */
const DARK_STATUSES: ChartStatus[] = ["met", "not_met"];

const BUDGET_COLOUR = "#a9c4de";
const SPENT_COLOUR = "#1f4e79";

/** d3-format's Danish numbers: "3.962.000 kr." (`$,d`), "11,5". */
const DANISH_LOCALE = {
  number: {
    decimal: ",",
    thousands: ".",
    grouping: [3],
    currency: ["", " kr."] as [string, string],
  },
};

const BASE_CONFIG = {
  font: GRAPHICS_FONT_FAMILY,
  locale: DANISH_LOCALE,
  background: "white",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, labelColor: "#222", titleColor: "#222" },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: "bottom" as const },
  title: { fontSize: 14, anchor: "start" as const, color: "#111" },
};

// --- specs ---------------------------------------------------------------------------------------

/** A chart without data: the message where the bars would be, never an error. */
export function emptyChartSpec(title: string, description: string): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    description,
    width: PLOT_WIDTH,
    height: 60,
    data: { values: [{ message: NO_CHART_DATA }] },
    mark: { type: "text", fontSize: 14, color: "#444" },
    encoding: { text: { field: "message", type: "nominal" } },
    config: BASE_CONFIG,
  };
}

export function criteriaByStatusSpec(input: CriteriaByStatusInput): TopLevelSpec {
  const title = criteriaChartTitle(input.year);
  const description = criteriaChartDescription(input);
  if (!hasCriteriaData(input)) return emptyChartSpec(title, description);
  const values = criteriaStatusValues(input);
  const focusAreas = input.focusAreas.map((f) => f.focusArea);
  const labels = STATUS_COUNT_KEYS.map(chartStatusLabel);
  const darkLabels = DARK_STATUSES.map(chartStatusLabel);
  const y = {
    field: "focusArea",
    type: "nominal" as const,
    title: null,
    sort: focusAreas,
    scale: { domain: focusAreas },
    // No truncation: without a canvas vega over-estimates text widths and would cut names.
    axis: { labelLimit: 0 },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    description,
    width: PLOT_WIDTH,
    height: { step: 28 },
    data: { values },
    encoding: { y },
    layer: [
      {
        mark: { type: "bar", stroke: "#333", strokeWidth: 0.75 },
        encoding: {
          x: {
            field: "start",
            type: "quantitative",
            title: "Antal succeskriterier",
            axis: { tickMinStep: 1, format: "d" },
          },
          x2: { field: "end" },
          color: {
            field: "label",
            type: "nominal",
            title: "Status",
            scale: { domain: labels, range: STATUS_COUNT_KEYS.map((s) => STATUS_COLOURS[s]) },
            legend: { symbolStrokeColor: "#333", symbolStrokeWidth: 0.75 },
          },
          order: { field: "order", type: "quantitative" },
        },
      },
      {
        mark: { type: "text", fontSize: 11 },
        encoding: {
          x: { field: "mid", type: "quantitative" },
          text: { field: "count", type: "quantitative", format: "d" },
          color: {
            condition: { test: { field: "label", oneOf: darkLabels }, value: "white" },
            value: "black",
          },
        },
      },
    ],
    config: BASE_CONFIG,
  };
}

export function budgetVsSpendSpec(input: BudgetSpendInput): TopLevelSpec {
  const title = budgetChartTitle(input.years);
  const description = budgetChartDescription(input);
  if (!hasBudgetSpendData(input)) return emptyChartSpec(title, description);
  const values = budgetSpendValues(input);
  const max = Math.max(...values.map((v) => v.amount), 1);
  const measures = [BUDGET_LABEL, SPENT_LABEL];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    description,
    data: { values },
    facet: {
      row: {
        field: "year",
        type: "ordinal",
        title: null,
        header: { labelAngle: 0, labelAlign: "left", labelFontSize: 12, labelFontWeight: "bold" },
      },
    },
    spacing: 10,
    spec: {
      width: PLOT_WIDTH,
      height: { step: 12 },
      encoding: {
        y: {
          field: "funder",
          type: "nominal",
          title: null,
          sort: { field: "funderOrder", op: "min" },
          // No truncation: without a canvas vega over-estimates text widths and would cut names.
          axis: { labelLimit: 0 },
        },
        yOffset: { field: "measure", type: "nominal", sort: measures },
      },
      layer: [
        {
          mark: { type: "bar", stroke: "#333", strokeWidth: 0.5 },
          encoding: {
            x: {
              field: "amount",
              type: "quantitative",
              title: "Kroner",
              // Room at the end of the longest bar for its label.
              scale: { domain: [0, max * 1.45], nice: false },
              axis: { format: "$,d", tickCount: 3 },
            },
            color: {
              field: "measure",
              type: "nominal",
              title: null,
              scale: { domain: measures, range: [BUDGET_COLOUR, SPENT_COLOUR] },
            },
          },
        },
        {
          mark: { type: "text", align: "left", dx: 3, fontSize: 9, color: "#111" },
          encoding: {
            x: { field: "amount", type: "quantitative" },
            text: { field: "text", type: "nominal" },
          },
        },
      ],
    },
    config: BASE_CONFIG,
  };
}

// --- rendering -------------------------------------------------------------------------------------

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Vega's SVG with a <title> and <desc> first (the accessible name and description). */
function withTitle(svg: string, title: string, description: string): string {
  return svg.replace(
    /^<svg([^>]*)>/,
    (_, attrs: string) =>
      `<svg${attrs} role="img"><title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>`,
  );
}

/**
 * vega and vega-lite, loaded on the first drawing: they take about half a second of CPU to load,
 * which every server start (and every test process) would otherwise pay for pages without charts.
 */
let renderer:
  | Promise<{
      vega: typeof Vega;
      compile: typeof Compile;
      quietLogger: ReturnType<typeof Vega.logger>;
    }>
  | undefined;

function loadRenderer() {
  renderer ??= Promise.all([import("vega"), import("vega-lite")]).then(([vega, vegaLite]) => ({
    vega,
    compile: vegaLite.compile,
    // vega-lite warns on the console about layout guesses that do not apply to these specs.
    quietLogger: vega.logger(vega.None),
  }));
  renderer.catch(() => (renderer = undefined));
  return renderer;
}

/**
 * The last drawings by their spec (data included): the same figures draw the same SVG, so a plan
 * page shown again costs its queries, not another 2 × tens of ms of vega. Bounded, oldest out.
 */
const MAX_SVGS = 100; // about 50 KB each with its key
const MAX_PNGS = 30; // about 100 KB each
const svgCache = new LRUCache<string, Promise<string>>({ max: MAX_SVGS });
const pngCache = new LRUCache<string, ChartPng>({ max: MAX_PNGS });

function remember<T extends object>(cache: LRUCache<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  cache.set(key, value);
  return value;
}

async function drawSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, compile, quietLogger } = await loadRenderer();
  const compiled = compile(spec, { logger: quietLogger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Draws a vega-lite spec to an SVG document (or returns the drawing of the same spec). */
export function renderSpecToSvg(spec: TopLevelSpec): Promise<string> {
  const key = JSON.stringify(spec);
  const drawn = remember(svgCache, key, () => drawSvg(spec));
  // A failed drawing is not kept.
  drawn.catch(() => svgCache.delete(key));
  return drawn;
}

/** Clears the drawings kept (for benchmarks that time the drawing itself). */
export function clearChartCache(): void {
  svgCache.clear();
  pngCache.clear();
}

async function renderChart(
  spec: TopLevelSpec,
  meta: { title: string; description: string; table: ChartTable },
): Promise<RenderedChart> {
  const svg = withTitle(await renderSpecToSvg(spec), meta.title, meta.description);
  let png: ChartPng | null = null;
  return {
    ...meta,
    svg,
    png: () => (png ??= remember(pngCache, svg, () => svgToPng(svg))),
  };
}

export function renderCriteriaByStatusChart(input: CriteriaByStatusInput): Promise<RenderedChart> {
  return renderChart(criteriaByStatusSpec(input), {
    title: criteriaChartTitle(input.year),
    description: criteriaChartDescription(input),
    table: criteriaChartTable(input),
  });
}

export function renderBudgetVsSpendChart(input: BudgetSpendInput): Promise<RenderedChart> {
  return renderChart(budgetVsSpendSpec(input), {
    title: budgetChartTitle(input.years),
    description: budgetChartDescription(input),
    table: budgetChartTable(input),
  });
}
