/**
 * Charts in Word documents: each chart as a PNG (drawn by resvg from the chart's SVG) scaled to
 * the text width, with its title and description as the picture's alt text and the title as a
 * caption under it. Pure apart from asking each chart for its PNG (drawn once, on first use).
 */
import { ImageRun, Paragraph, type Table } from "docx";
import type { RenderedChart } from "../app/domain/charts";
import { heading, type HeadingDepth } from "./parts/headings";
import { TEXT_WIDTH } from "./parts/styles";
import { paragraph } from "./parts/text";

/** The text width in the pixels (96 to the inch) ImageRun sizes are given in. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

function chartImage(chart: RenderedChart, index: number): Paragraph {
  const png = chart.png();
  const width = Math.min(TEXT_WIDTH_PX, png.width);
  const height = Math.round((png.height * width) / png.width);
  return new Paragraph({
    keepNext: true,
    children: [
      new ImageRun({
        type: "png",
        data: png.data,
        transformation: { width, height },
        altText: {
          name: `Diagram ${index + 1}`,
          title: chart.title,
          description: chart.description,
        },
      }),
    ],
  });
}

/**
 * The charts, one after the other, each as an image with its caption ("Figur 1: …"). With
 * `heading`, a heading first (level 1 unless `depth` says otherwise).
 */
export function chartBlocks(
  charts: RenderedChart[],
  title?: string,
  depth: HeadingDepth = 1,
): (Paragraph | Table)[] {
  return [
    ...(title ? [heading(title, depth)] : []),
    ...charts.flatMap((chart, i) => [
      chartImage(chart, i),
      paragraph(`Figur ${i + 1}: ${chart.title}`, { italic: true }),
    ]),
  ];
}
