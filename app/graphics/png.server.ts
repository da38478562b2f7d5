/**
 * SVG → PNG for Word documents (the organisation diagram and the charts), with resvg. Text is
 * drawn with the DejaVu fonts shipped as an npm package, so a machine with only Node renders the
 * same image as one with system fonts.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** The font family the diagrams and charts name in their SVG (and the only one resvg loads). */
export const GRAPHICS_FONT_FAMILY = "DejaVu Sans";

const fontFiles = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"].map((f) =>
  path.join(fontDir, f),
);

export interface PngImage {
  data: Uint8Array;
  /** Size in CSS pixels (the image is drawn at `scale` times this for print sharpness). */
  width: number;
  height: number;
}

/** Renders an SVG document to PNG at `scale` × its own size (2 by default, for print). */
export function svgToPng(svg: string, scale = 2): PngImage {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: GRAPHICS_FONT_FAMILY },
    fitTo: { mode: "zoom", value: scale },
  });
  const rendered = resvg.render();
  return {
    data: rendered.asPng(),
    width: Math.round(rendered.width / scale),
    height: Math.round(rendered.height / scale),
  };
}
