/**
 * The organisation diagram: data → ELK graph → SVG. Pure (no database, no files); async only
 * because ELK's layout is. ELK's layered algorithm places every box and routes every edge (top to
 * bottom, orthogonal); this module only sizes the boxes from their text (app/graphics/text-width.ts)
 * and turns ELK's coordinates into SVG. Greys and line styles, not colours, tell the kinds of box
 * apart, so the diagram prints in black and white.
 */
import type ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import {
  diagramBodies,
  memberLabel,
  type DiagramMember,
  type OrganisationDiagramData,
} from "~/domain/organisation-diagram";
import { measureText, wrapText, type FontWeight } from "./text-width";

/** The font every diagram names (the one png.server.ts bundles; kept here to stay client-safe). */
const FONT_FAMILY = "DejaVu Sans";

const TITLE_SIZE = 13;
const TEXT_SIZE = 11;
const LABEL_SIZE = 10.5;
/** The widest a box's text may be before it wraps. */
const MAX_TEXT_WIDTH = 210;
const MIN_BOX_WIDTH = 150;
const PADDING = 9;
const LINE_GAP = 1.3;
/** Members listed in one box; the rest are counted ("… og 3 flere"). */
const MAX_MEMBERS_SHOWN = 10;
/** Delaftaler (columns of working groups) side by side before the next ones start below. */
const AGREEMENTS_PER_ROW = 4;

/**
 * Draws lines of text as outlines for one SVG document (for the PNG: see
 * glyph-outlines.server.ts). `line` returns the line's markup, or null when it cannot draw it (the
 * line is then <text>); `defs` what the document's <defs> must hold for the lines drawn.
 */
export interface GlyphRenderer {
  line(
    text: string,
    x: number,
    baseline: number,
    size: number,
    weight: FontWeight,
    italic: boolean,
  ): string | null;
  defs(): string;
}

export interface DrawOptions {
  /** Draw the text as outlines from a renderer made for this document instead of as <text>. */
  glyphs?: () => GlyphRenderer;
}

interface DrawContext {
  glyphs?: GlyphRenderer;
}

export type DiagramNodeKind = "parties" | "board" | "followGroup" | "secretariat" | "workingGroup";

interface TextLine {
  text: string;
  size: number;
  weight: FontWeight;
  italic?: boolean;
  /** Extra indent (a wrapped member line's continuation). */
  indent?: number;
}

/** One box before layout: its id, kind, lines and the size measured from them. */
export interface DiagramBox {
  id: string;
  kind: DiagramNodeKind;
  title: string;
  lines: TextLine[];
  width: number;
  height: number;
  /** The layer group (ELK partition): parties 0, board 1, follow group/secretariat 2, groups 3… */
  partition: number;
}

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  label: string | null;
  /** A dashed line without arrowhead (the parties stand behind the board; they do not lead it). */
  dashed: boolean;
}

export interface DiagramGraph {
  boxes: DiagramBox[];
  edges: DiagramEdge[];
}

function lineHeight(line: TextLine): number {
  return line.size * LINE_GAP;
}

function titleLines(title: string): TextLine[] {
  return wrapText(title, MAX_TEXT_WIDTH, TITLE_SIZE, "bold").map((text) => ({
    text,
    size: TITLE_SIZE,
    weight: "bold",
  }));
}

function memberLines(members: DiagramMember[], empty: string): TextLine[] {
  if (members.length === 0) {
    return [{ text: empty, size: TEXT_SIZE, weight: "regular", italic: true }];
  }
  const shown = members.slice(0, MAX_MEMBERS_SHOWN);
  const lines = shown.flatMap((m) =>
    wrapText(memberLabel(m), MAX_TEXT_WIDTH - 10, TEXT_SIZE).map((text, i): TextLine => ({
      text,
      size: TEXT_SIZE,
      weight: "regular",
      indent: i ? 10 : 0,
    })),
  );
  const more = members.length - shown.length;
  if (more > 0) {
    lines.push({ text: `… og ${more} flere`, size: TEXT_SIZE, weight: "regular", italic: true });
  }
  return lines;
}

function box(
  id: string,
  kind: DiagramNodeKind,
  title: string,
  body: TextLine[],
  partition: number,
): DiagramBox {
  const lines = [...titleLines(title), ...body];
  const textWidth = Math.max(
    ...lines.map((l) => (l.indent ?? 0) + measureText(l.text, l.size, l.weight)),
  );
  const textHeight = lines.reduce((sum, l) => sum + lineHeight(l), 0);
  return {
    id,
    kind,
    title,
    lines,
    width: Math.ceil(Math.max(MIN_BOX_WIDTH, textWidth + 2 * PADDING)),
    // The extra PADDING is the gap between the title and the members (the rule drawn there).
    height: Math.ceil(textHeight + 3 * PADDING),
    partition,
  };
}

/**
 * The row of each working group under the secretariat: a column per delaftale, its groups under
 * one another, and at most AGREEMENTS_PER_ROW delaftaler side by side (then the next ones below).
 * Rows, not one wide layer: a diagram for a Word page must stay narrow enough to read.
 */
function workingGroupRows(data: OrganisationDiagramData): number[] {
  const agreementOrder = [...new Set(data.workingGroups.map((g) => g.agreementId))];
  const seen = new Map<number, number>();
  const depth = Math.max(
    1,
    ...agreementOrder.map((a) => data.workingGroups.filter((g) => g.agreementId === a).length),
  );
  return data.workingGroups.map((g) => {
    const within = seen.get(g.agreementId) ?? 0;
    seen.set(g.agreementId, within + 1);
    const band = Math.floor(agreementOrder.indexOf(g.agreementId) / AGREEMENTS_PER_ROW);
    return band * depth + within;
  });
}

/** The boxes and edges of the diagram, before layout (what the tests check the graph by). */
export function buildDiagramGraph(data: OrganisationDiagramData): DiagramGraph {
  const boxes: DiagramBox[] = [];
  const edges: DiagramEdge[] = [];
  const top = data.board ? "board" : "secretariat";
  if (data.parties.length > 0) {
    const lines = data.parties.flatMap((p) =>
      wrapText(p, MAX_TEXT_WIDTH, TEXT_SIZE).map((text, i): TextLine => ({
        text,
        size: TEXT_SIZE,
        weight: "regular",
        indent: i ? 10 : 0,
      })),
    );
    boxes.push(box("parties", "parties", "Aftalens parter", lines, 0));
    edges.push({ id: "parties-top", source: "parties", target: top, label: null, dashed: true });
  }
  for (const body of diagramBodies(data)) {
    const partition = body.kind === "board" ? 1 : 2;
    boxes.push(
      box(
        body.kind,
        body.kind,
        body.name,
        memberLines(body.members, "Ingen medlemmer angivet"),
        partition,
      ),
    );
  }
  if (data.board && data.followGroup) {
    edges.push({
      id: "board-followGroup",
      source: "board",
      target: "followGroup",
      label: null,
      dashed: false,
    });
  }
  if (data.board) {
    edges.push({
      id: "board-secretariat",
      source: "board",
      target: "secretariat",
      label: null,
      dashed: false,
    });
  }
  const rows = workingGroupRows(data);
  data.workingGroups.forEach((group, index) => {
    const id = `workingGroup-${group.id}`;
    const partition = 3 + rows[index]!;
    boxes.push(
      box(
        id,
        "workingGroup",
        group.name,
        memberLines(group.members, "Ingen medlemmer angivet"),
        partition,
      ),
    );
    edges.push({
      id: `secretariat-${id}`,
      source: "secretariat",
      target: id,
      label: group.focusArea,
      dashed: false,
    });
  });
  return { boxes, edges };
}

const LAYOUT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.padding": "[top=16,left=16,bottom=16,right=16]",
  "elk.spacing.nodeNode": "24",
  "elk.spacing.edgeNode": "14",
  "elk.spacing.edgeEdge": "10",
  "elk.spacing.edgeLabel": "4",
  "elk.layered.spacing.nodeNodeBetweenLayers": "34",
  "elk.layered.spacing.edgeNodeBetweenLayers": "14",
  "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
  "elk.layered.edgeLabels.centerLabelPlacementStrategy": "HEAD_LAYER",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.partitioning.activate": "true",
  "elk.edgeLabels.placement": "CENTER",
};

const LABEL_PAD_X = 4;
const LABEL_HEIGHT = Math.ceil(LABEL_SIZE * LINE_GAP) + 2;

function toElkGraph(graph: DiagramGraph): ElkNode {
  return {
    id: "root",
    layoutOptions: LAYOUT_OPTIONS,
    children: graph.boxes.map((b) => ({
      id: b.id,
      width: b.width,
      height: b.height,
      layoutOptions: { "elk.partitioning.partition": String(b.partition) },
    })),
    edges: graph.edges.map((e): ElkExtendedEdge => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: e.label
        ? [
            {
              id: `${e.id}-label`,
              text: e.label,
              width: Math.ceil(measureText(e.label, LABEL_SIZE) + 2 * LABEL_PAD_X),
              height: LABEL_HEIGHT,
            },
          ]
        : [],
    })),
  };
}

const escapeXml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/** Coordinates rounded to tenths keep the SVG short and stable. */
const n = (v: number) => String(Math.round(v * 10) / 10);

const BOX_STYLE: Record<DiagramNodeKind, string> = {
  parties: 'fill="#ffffff" stroke="#000000" stroke-width="1" stroke-dasharray="5 3"',
  board: 'fill="#d4d4d4" stroke="#000000" stroke-width="2"',
  followGroup: 'fill="#f0f0f0" stroke="#000000" stroke-width="1"',
  secretariat: 'fill="#e4e4e4" stroke="#000000" stroke-width="2"',
  workingGroup: 'fill="#ffffff" stroke="#000000" stroke-width="1"',
};

function styleAttributes(line: Pick<TextLine, "size" | "weight" | "italic">): string {
  return [
    `font-size="${line.size}"`,
    line.weight === "bold" ? 'font-weight="bold"' : "",
    line.italic ? 'font-style="italic"' : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** A line placed in the drawing: its text, style and where its baseline starts. */
interface PlacedLine {
  line: TextLine;
  x: number;
  baseline: number;
}

/**
 * Lines of one box or label: one <text> with a <tspan> per line, or (with a glyph source, for the
 * PNG) one outline <path> per line.
 */
function drawLines(lines: PlacedLine[], context: DrawContext): string {
  const { glyphs } = context;
  if (glyphs) {
    const drawn = lines.map(({ line, x, baseline }) =>
      glyphs.line(line.text, x, baseline, line.size, line.weight, line.italic ?? false),
    );
    if (drawn.every((d) => d != null)) return drawn.join("");
  }
  const tspans = lines.map(
    ({ line, x, baseline }) =>
      `<tspan x="${n(x)}" y="${n(baseline)}" ${styleAttributes(line)}>${escapeXml(line.text)}</tspan>`,
  );
  return `<text fill="#000000">${tspans.join("")}</text>`;
}

/** The baseline of a line whose box starts at `top`: DejaVu's ascent fits inside the line. */
const baselineIn = (top: number, line: Pick<TextLine, "size">) =>
  top + (line.size * LINE_GAP - line.size) / 2 + line.size * 0.86;

function drawBox(b: DiagramBox, x: number, y: number, context: DrawContext): string {
  const parts = [
    `<g id="org-${escapeXml(b.id)}" data-kind="${b.kind}">`,
    `<rect x="${n(x)}" y="${n(y)}" width="${n(b.width)}" height="${n(b.height)}" rx="4" ${BOX_STYLE[b.kind]}/>`,
  ];
  let cursor = y + PADDING;
  const placed: PlacedLine[] = [];
  let titleDone = false;
  for (const line of b.lines) {
    if (!titleDone && line.weight !== "bold") {
      // A rule between the title and the members.
      titleDone = true;
      const ruleY = cursor + PADDING / 2;
      parts.push(
        `<line x1="${n(x)}" y1="${n(ruleY)}" x2="${n(x + b.width)}" y2="${n(ruleY)}" stroke="#000000" stroke-width="0.6"/>`,
      );
      cursor += PADDING;
    }
    placed.push({ line, x: x + PADDING + (line.indent ?? 0), baseline: baselineIn(cursor, line) });
    cursor += lineHeight(line);
  }
  parts.push(drawLines(placed, context), "</g>");
  return parts.join("");
}

function drawEdge(edge: DiagramEdge, laidOut: ElkExtendedEdge, context: DrawContext): string {
  const paths = (laidOut.sections ?? []).map((s) => {
    const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint];
    const d = points.map((p, i) => `${i ? "L" : "M"}${n(p.x)} ${n(p.y)}`).join(" ");
    const style = edge.dashed ? 'stroke-dasharray="5 3"' : 'marker-end="url(#org-diagram-arrow)"';
    return `<path d="${d}" fill="none" stroke="#000000" stroke-width="1.2" ${style}/>`;
  });
  const labels = (laidOut.labels ?? []).map((l) => {
    const x = l.x ?? 0;
    const y = l.y ?? 0;
    const line: TextLine = {
      text: l.text ?? "",
      size: LABEL_SIZE,
      weight: "regular",
      italic: true,
    };
    return (
      `<rect x="${n(x)}" y="${n(y)}" width="${n(l.width ?? 0)}" height="${n(l.height ?? 0)}" fill="#ffffff" stroke="#666666" stroke-width="0.5" rx="2"/>` +
      drawLines([{ line, x: x + LABEL_PAD_X, baseline: baselineIn(y + 1, line) }], context)
    );
  });
  return `<g id="org-edge-${escapeXml(edge.id)}" data-source="${escapeXml(edge.source)}" data-target="${escapeXml(edge.target)}">${paths.join("")}${labels.join("")}</g>`;
}

/** A sentence for <desc>: what the diagram shows, for screen readers and search. */
export function describeDiagram(data: OrganisationDiagramData): string {
  const bodies = diagramBodies(data).map((b) => b.name);
  const groups = data.workingGroups.map((g) => `${g.name} (${g.focusArea})`);
  const parts = [`Organisationen for ${data.planName}: ${bodies.join(", ")}.`];
  if (groups.length > 0) parts.push(`Arbejdsgrupper under sekretariatet: ${groups.join("; ")}.`);
  else parts.push("Ingen arbejdsgrupper.");
  return parts.join(" ");
}

let elk: InstanceType<typeof ELK> | undefined;

/** The diagram laid out by ELK: its boxes and edges with their coordinates. */
export interface DiagramLayout {
  data: OrganisationDiagramData;
  graph: DiagramGraph;
  elk: ElkNode;
}

/** Lays the diagram out with ELK (layered, top to bottom). */
export async function layoutOrganisationDiagram(
  data: OrganisationDiagramData,
): Promise<DiagramLayout> {
  const graph = buildDiagramGraph(data);
  // Loaded on the first diagram: elkjs takes about half a second of CPU to load, which every
  // server start would otherwise pay.
  elk ??= new (await import("elkjs/lib/elk.bundled.js")).default();
  return { data, graph, elk: await elk.layout(toElkGraph(graph)) };
}

/** A laid-out diagram as a standalone SVG document (also fit to inline in HTML). */
export function renderDiagramSvg(layout: DiagramLayout, options: DrawOptions = {}): string {
  const { data, graph, elk: laidOut } = layout;
  const context: DrawContext = { glyphs: options.glyphs?.() };
  const width = Math.ceil(laidOut.width ?? 0);
  const height = Math.ceil(laidOut.height ?? 0);
  const positions = new Map((laidOut.children ?? []).map((c) => [c.id, c]));
  const laidEdges = new Map((laidOut.edges ?? []).map((e) => [e.id, e]));
  const boxes = graph.boxes.map((b) => {
    const at = positions.get(b.id);
    return drawBox(b, at?.x ?? 0, at?.y ?? 0, context);
  });
  const edges = graph.edges.map((e) => {
    const at = laidEdges.get(e.id);
    return at ? drawEdge(e, at, context) : "";
  });
  const title = `Organisationsdiagram for ${data.planName}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="org-diagram-title org-diagram-desc" font-family="${FONT_FAMILY}">`,
    `<title id="org-diagram-title">${escapeXml(title)}</title>`,
    `<desc id="org-diagram-desc">${escapeXml(describeDiagram(data))}</desc>`,
    `<defs><marker id="org-diagram-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="#000000"/></marker>${context.glyphs?.defs() ?? ""}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g>${edges.join("")}</g>`,
    `<g>${boxes.join("")}</g>`,
    "</svg>",
  ].join("\n");
}

/** Lays out and draws the diagram as SVG in one step. */
export async function drawOrganisationDiagram(
  data: OrganisationDiagramData,
  options: DrawOptions = {},
): Promise<string> {
  return renderDiagramSvg(await layoutOrganisationDiagram(data), options);
}
