/**
 * The målhierarki as a compact diagram: plan objectives → focus areas → goals → delmål, each goal
 * box saying how many criteria and activities measure it, missing links drawn dashed in red. The
 * layout (positions and edge routes) is elkjs's layered algorithm, left to right; only the boxes'
 * sizes come from here (from the wrapped text). Returns a standalone SVG document in DejaVu Sans,
 * so the same string shows on screen and renders to PNG (svgToPng) for Word.
 */
import type { ElkNode } from "elkjs/lib/elk.bundled.js";
import { type GoalHierarchy, type HierarchyGoal } from "~/domain/goal-hierarchy";
import { GRAPHICS_FONT_FAMILY } from "./png.server";

const FONT_SIZE = 12;
const LINE_HEIGHT = 15;
const PADDING = 8;
const BOX_WIDTH = 230;
/** DejaVu Sans averages a little over half an em per character in Danish text. */
const CHARS_PER_LINE = Math.floor((BOX_WIDTH - 2 * PADDING) / (FONT_SIZE * 0.58));
const MAX_LINES = 4;
/** Bold titles run wider than the body text. */
const TITLE_CHARS_PER_LINE = Math.floor((BOX_WIDTH - 2 * PADDING) / (FONT_SIZE * 0.66));

type NodeKind = "objective" | "focusArea" | "goal" | "subGoal" | "missing";

interface DiagramNode {
  id: string;
  kind: NodeKind;
  /** The bold first line ("Overordnet mål 1", "Delmål 1.2"). */
  title: string;
  lines: string[];
  /** A missing link: drawn dashed, in red. */
  warning: boolean;
}

/** Words wrapped to `width` characters, at most `maxLines` lines (the last one ending in "…"). */
export function wrapText(text: string, width = CHARS_PER_LINE, maxLines = MAX_LINES): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    // A word longer than a line is cut, so no box overflows.
    const parts = word.match(new RegExp(`.{1,${width}}`, "gu")) ?? [word];
    for (const part of parts) {
      if (!line) line = part;
      else if (line.length + 1 + part.length <= width) line += ` ${part}`;
      else {
        lines.push(line);
        line = part;
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, width - 1)).trimEnd()}…`;
  return kept;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function goalSummary(goal: HierarchyGoal): string {
  if (goal.missingCriteria) return "Ingen succeskriterier";
  const parts = [];
  if (goal.criteria.length)
    parts.push(count(goal.criteria.length, "succeskriterium", "succeskriterier"));
  if (goal.activities.length) parts.push(count(goal.activities.length, "aktivitet", "aktiviteter"));
  return parts.join(" · ");
}

function collect(tree: GoalHierarchy) {
  const nodes: DiagramNode[] = [];
  const edges: [string, string][] = [];
  for (const o of tree.objectives) {
    nodes.push({
      id: `o-${o.key}`,
      kind: "objective",
      title: `Overordnet mål ${o.number}`,
      lines: wrapText(o.text),
      warning: o.focusAreaIds.length === 0,
    });
  }
  for (const f of tree.focusAreas) {
    const id = `f-${f.focusAreaId}`;
    nodes.push({
      id,
      kind: "focusArea",
      title: f.name,
      lines: [
        ...wrapText(f.overallGoal ?? "Intet overordnet mål for indsatsområdet", CHARS_PER_LINE, 3),
        ...(f.objectiveKeys.length ? [] : ["Ikke knyttet til et overordnet mål"]),
      ],
      warning: f.objectiveKeys.length === 0,
    });
    for (const key of f.objectiveKeys) edges.push([`o-${key}`, id]);
    for (const g of f.goals) {
      nodes.push(goalNode(g));
      edges.push([id, `g-${g.id}`]);
      for (const s of g.subGoals) {
        nodes.push(goalNode(s));
        edges.push([`g-${g.id}`, `g-${s.id}`]);
      }
    }
    if (f.unlinkedCriteria.length) {
      nodes.push({
        id: `u-${f.focusAreaId}`,
        kind: "missing",
        title: "Ikke knyttet til et mål",
        lines: [count(f.unlinkedCriteria.length, "succeskriterium", "succeskriterier")],
        warning: true,
      });
      edges.push([id, `u-${f.focusAreaId}`]);
    }
  }
  return { nodes, edges };
}

function goalNode(g: HierarchyGoal): DiagramNode {
  const summary = goalSummary(g);
  return {
    id: `g-${g.id}`,
    kind: g.isSubGoal ? "subGoal" : "goal",
    title: g.label,
    lines: [...wrapText(g.text, CHARS_PER_LINE, 3), ...(summary ? [summary] : [])],
    warning: g.missingCriteria,
  };
}

const FILL: Record<NodeKind, string> = {
  objective: "#dbe8f5",
  focusArea: "#e3f1e3",
  goal: "#ffffff",
  subGoal: "#f6f6f6",
  missing: "#fdecea",
};

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function titleLines(n: DiagramNode): string[] {
  return wrapText(n.title, TITLE_CHARS_PER_LINE, 2);
}

function nodeHeight(n: DiagramNode): number {
  return PADDING * 2 + LINE_HEIGHT * (titleLines(n).length + n.lines.length);
}

/** The diagram as an SVG document; an empty tree gives a small box saying so. */
export async function goalHierarchyDiagramSvg(tree: GoalHierarchy): Promise<string> {
  const { nodes, edges } = collect(tree);
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  // Loaded here, not at the top: elkjs takes about half a second of CPU to load, which every
  // server start would otherwise pay.
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const elk = new ELK();
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.spacing.nodeNode": "14",
      "elk.layered.spacing.nodeNodeBetweenLayers": "40",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      // Keep the hierarchy's own order (objective 1 before 2, goal 1 before 2) where it can.
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.layered.crossingMinimization.forceNodeModelOrder": "true",
      "elk.separateConnectedComponents": "false",
      "elk.padding": "[top=10,left=10,bottom=10,right=10]",
    },
    children: nodes.map((n) => ({ id: n.id, width: BOX_WIDTH, height: nodeHeight(n) })),
    edges: edges
      .filter(([from, to]) => byId.has(from) && byId.has(to))
      .map(([from, to], i) => ({ id: `e${i}`, sources: [from], targets: [to] })),
  };
  const laid = await elk.layout(graph);
  const width = Math.ceil(laid.width ?? 0) || 300;
  const height = Math.ceil(laid.height ?? 0) || 60;
  const parts: string[] = [];
  for (const e of laid.edges ?? []) {
    for (const s of e.sections ?? []) {
      const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]
        .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
        .join(" ");
      parts.push(
        `<polyline points="${points}" fill="none" stroke="#6b6b6b" stroke-width="1.2" marker-end="url(#arrow)"/>`,
      );
    }
  }
  for (const child of laid.children ?? []) {
    const n = byId.get(child.id)!;
    const x = child.x ?? 0;
    const y = child.y ?? 0;
    const stroke = n.warning ? "#b3261e" : "#4a4a4a";
    const dash = n.warning ? ` stroke-dasharray="5 3"` : "";
    const title = titleLines(n);
    parts.push(
      `<g><rect x="${x}" y="${y}" width="${child.width}" height="${child.height}" rx="4" fill="${FILL[n.kind]}" stroke="${stroke}" stroke-width="1.2"${dash}/>`,
      ...title.map(
        (line, i) =>
          `<text x="${x + PADDING}" y="${y + PADDING + FONT_SIZE + LINE_HEIGHT * i}" font-weight="bold">${escapeXml(line)}</text>`,
      ),
      ...n.lines.map(
        (line, i) =>
          `<text x="${x + PADDING}" y="${y + PADDING + FONT_SIZE + LINE_HEIGHT * (title.length + i)}"${
            n.warning && (i === n.lines.length - 1 || n.kind === "missing") ? ` fill="#b3261e"` : ""
          }>${escapeXml(line)}</text>`,
      ),
      `</g>`,
    );
  }
  if (!nodes.length) {
    parts.push(
      `<text x="10" y="30">${escapeXml("Planen har hverken overordnede mål eller delaftaler endnu.")}</text>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${nodes.length ? width : 420}" height="${height}" viewBox="0 0 ${nodes.length ? width : 420} ${height}" font-family="${GRAPHICS_FONT_FAMILY}" font-size="${FONT_SIZE}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#6b6b6b"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...parts,
    `</svg>`,
  ].join("");
}
