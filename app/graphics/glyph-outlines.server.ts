/**
 * Text as outlines for the PNG of a diagram, from a per-process cache of glyph outlines.
 *
 * Why: resvg-js 2.6 can only load fonts from files, and its font database reads the whole font
 * file again for every glyph it draws (about 750 KB for DejaVu Sans). A diagram of a plan with
 * eight working groups has some 5,000 glyphs, so its text alone took seconds. Here resvg draws
 * each character once (at 1000 px, from the same bundled font), its outline is kept as path data,
 * and a line of text becomes a group of those paths placed with the font's advance widths
 * (text-width.ts). Kerning is not
 * applied; at diagram sizes the difference is below a pixel per pair. The on-screen SVG keeps real
 * <text> (selectable, searchable); only the image for Word uses this.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import type { GlyphRenderer } from "./organisation-diagram";
import { GRAPHICS_FONT_FAMILY } from "./png.server";
import { measureText, type FontWeight } from "./text-width";

/** Units per em of the cached outlines (the font size they are drawn at). */
const UNITS = 1000;

/** An outline as commands with their coordinates (absolute, baseline at y = 0). */
type Outline = { command: string; numbers: number[] }[];

// The same bundled font files png.server.ts renders with (it does not export its options).
const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_OPTIONS: ResvgRenderOptions = {
  font: {
    loadSystemFonts: false,
    fontFiles: ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"].map((f) =>
      path.join(fontDir, f),
    ),
    defaultFontFamily: GRAPHICS_FONT_FAMILY,
  },
};

const cache = new Map<string, Outline | null>();

const COMMAND_ARITY: Record<string, number> = { M: 2, L: 2, Q: 4, C: 6, Z: 0 };

/** Parses usvg's path data (absolute M, L, Q, C, Z only); null for anything else. */
function parsePath(d: string): Outline | null {
  const outline: Outline = [];
  for (const match of d.matchAll(/([A-Za-z])([^A-Za-z]*)/g)) {
    const command = match[1]!;
    const arity = COMMAND_ARITY[command];
    if (arity == null) return null;
    const numbers = (match[2]!.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) ?? []).map(Number);
    if (numbers.length !== arity) return null;
    outline.push({ command, numbers });
  }
  return outline;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One character drawn by resvg and read back as path data; null when it cannot be. */
function drawGlyph(char: string, weight: FontWeight, italic: boolean): Outline | null {
  const style = `${weight === "bold" ? ' font-weight="bold"' : ""}${italic ? ' font-style="italic"' : ""}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * UNITS}" height="${2 * UNITS}">` +
    `<text x="0" y="0" font-family="${GRAPHICS_FONT_FAMILY}" font-size="${UNITS}"${style}>${escapeXml(char)}</text></svg>`;
  const usvg = new Resvg(svg, FONT_OPTIONS).toString();
  const outline: Outline = [];
  for (const match of usvg.matchAll(/<path[^>]*\sd="([^"]*)"/g)) {
    if (/transform=/.test(match[0])) return null;
    const part = parsePath(match[1]!);
    if (!part) return null;
    outline.push(...part);
  }
  return outline;
}

function glyph(char: string, weight: FontWeight, italic: boolean): Outline | null {
  const key = `${weight}${italic ? "i" : ""}:${char}`;
  if (!cache.has(key)) cache.set(key, drawGlyph(char, weight, italic));
  return cache.get(key) ?? null;
}

const n = (v: number) => String(Math.round(v * 100) / 100);

/** The outline as path data in whole font units, with its origin on the baseline. */
function outlinePath(outline: Outline): string {
  return outline
    .map(({ command, numbers }) => `${command}${numbers.map((v) => Math.round(v)).join(" ")}`)
    .join("");
}

const pathCache = new Map<string, string | null>();

function glyphPath(char: string, weight: FontWeight, italic: boolean): string | null {
  const key = `${weight}${italic ? "i" : ""}:${char}`;
  let d = pathCache.get(key);
  if (d === undefined) {
    const outline = glyph(char, weight, italic);
    d = outline ? outlinePath(outline) : null;
    pathCache.set(key, d);
  }
  return d;
}

/**
 * Draws text from the cache: a line is a group scaled to the font size (1000 units per em), and
 * each character in it the glyph's cached path data moved to its place along the line.
 */
export function cachedGlyphs(): GlyphRenderer {
  return {
    line(text, x, baseline, size, weight, italic) {
      const parts: string[] = [];
      let advance = 0;
      for (const char of text) {
        if (char.trim() !== "") {
          const d = glyphPath(char, weight, italic);
          if (d == null) return null;
          parts.push(`<path transform="translate(${Math.round(advance)})" d="${d}"/>`);
        }
        advance += measureText(char, UNITS, weight);
      }
      if (parts.length === 0) return "";
      const transform = `translate(${n(x)} ${n(baseline)}) scale(${size / UNITS})`;
      return `<g transform="${transform}" fill="#000000">${parts.join("")}</g>`;
    },
    defs: () => "",
  };
}
