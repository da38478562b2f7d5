/**
 * The organisation diagram's part of the plan package in Word: a heading, the diagram as a PNG
 * scaled to the page's text width (keeping its aspect ratio, and short enough to share the page
 * with its heading), and the bodies and working groups as a short list under it, so the content
 * is there for a reader who cannot see the image. Pure: takes the image and the data.
 */
import { ImageRun, Paragraph, type Table } from "docx";
import {
  diagramBodies,
  memberLabel,
  type DiagramMember,
  type OrganisationDiagramData,
} from "../app/domain/organisation-diagram";
import type { PngImage } from "../app/graphics/png.server";
import { heading } from "./parts/headings";
import { TEXT_WIDTH } from "./parts/styles";
import { list, paragraph } from "./parts/text";

export const ORGANISATION_DIAGRAM_HEADING = "Organisationsdiagram";

/** Twips per CSS pixel (docx sizes images in pixels at 96 dpi; a twip is 1/1440 inch). */
const TWIPS_PER_PIXEL = 15;
/** The text width in pixels (about 605 on A4 with our margins). */
const MAX_WIDTH = Math.floor(TEXT_WIDTH / TWIPS_PER_PIXEL);
/** A page's text height less room for the heading: the image never spills onto a second page. */
const MAX_HEIGHT = 820;

/** The image's size in the document: as large as fits, never larger than drawn. */
export function fittedImageSize(png: Pick<PngImage, "width" | "height">): {
  width: number;
  height: number;
} {
  const scale = Math.min(1, MAX_WIDTH / png.width, MAX_HEIGHT / png.height);
  return {
    width: Math.max(1, Math.round(png.width * scale)),
    height: Math.max(1, Math.round(png.height * scale)),
  };
}

function membersText(members: DiagramMember[]): string {
  return members.length > 0 ? members.map(memberLabel).join("; ") : "ingen medlemmer angivet";
}

export function organisationDiagramBlocks(
  png: PngImage,
  data: OrganisationDiagramData,
): (Paragraph | Table)[] {
  const size = fittedImageSize(png);
  const image = new Paragraph({
    keepNext: true,
    children: [
      new ImageRun({
        type: "png",
        data: png.data,
        transformation: size,
        altText: {
          name: ORGANISATION_DIAGRAM_HEADING,
          title: `${ORGANISATION_DIAGRAM_HEADING} for ${data.planName}`,
          description: `Bestyrelse, følgegruppe, sekretariat og ${data.workingGroups.length === 1 ? "1 arbejdsgruppe" : `${data.workingGroups.length} arbejdsgrupper`}`,
        },
      }),
    ],
  });
  const bodies = diagramBodies(data).map((b) => `${b.name}: ${membersText(b.members)}`);
  const groups = data.workingGroups.map(
    (g) => `${g.name} (${g.focusArea}): ${membersText(g.members)}`,
  );
  return [
    heading(ORGANISATION_DIAGRAM_HEADING, 1),
    image,
    ...data.missing.map((note) => paragraph(note, { italic: true })),
    ...(data.parties.length > 0 ? [paragraph(`Parter: ${data.parties.join(", ")}.`)] : []),
    ...list([...bodies, ...groups]),
  ];
}
