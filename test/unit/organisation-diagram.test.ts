/**
 * The organisation diagram without a database: the graph has every body and working group with
 * the right edges, ELK's layout puts every edge from its source box to its target box, the SVG is
 * well-formed XML with a title, a description and the text wrapped inside its boxes, the PNG has
 * the size the SVG asks for, a change in the data shows in the drawing, and the Word part has the
 * heading, the image (scaled to the page, aspect kept) and the list of bodies.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { Resvg } from "@resvg/resvg-js";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  memberLabel,
  type DiagramMember,
  type OrganisationDiagramData,
} from "~/domain/organisation-diagram";
import { cachedGlyphs } from "~/graphics/glyph-outlines.server";
import {
  buildDiagramGraph,
  drawOrganisationDiagram,
  layoutOrganisationDiagram,
  renderDiagramSvg,
} from "~/graphics/organisation-diagram";
import { measureText, wrapText } from "~/graphics/text-width";
import { renderDiagramPng } from "~/models/organisation-diagram.server";
import { createDocument } from "../../templates/parts/document";
import { pageSection } from "../../templates/parts/page";
import { renderDocx } from "../../templates/render";
import { fittedImageSize, organisationDiagramBlocks } from "../../templates/organisation-diagram";
import { readDocxBuffer, unzipDocx, xmlPartText } from "../helpers/docx";

const SVG_NS = "http://www.w3.org/2000/svg";

const member = (name: string, role: string | null, organisation: string | null): DiagramMember => ({
  name,
  role,
  organisation,
});

const FOCUS_AREAS = [
  "Uddannelse og livschancer",
  "Beskæftigelse",
  "Kriminalitetsforebyggelse",
  "Sammenhængskraft og medborgerskab",
];

function sampleData(overrides: Partial<OrganisationDiagramData> = {}): OrganisationDiagramData {
  return {
    planName: "Helhedsplan for Vibeparken 2026-2029",
    hasStrategicAgreement: true,
    board: {
      kind: "board",
      name: "Bestyrelsen for den boligsociale indsats",
      description: "",
      members: [
        member("Hanne Lund", "formand", "Boligselskabet Fjordbo"),
        member("Per Holm", "direktør", "Vestby Kommune"),
      ],
    },
    followGroup: {
      kind: "followGroup",
      name: "Følgegruppen",
      description: "",
      members: [member("Anne Berg", null, "SSP Vestby")],
    },
    secretariat: {
      kind: "secretariat",
      name: "Sekretariatet",
      description: "",
      members: [member("Mette Kjær", "sekretariatsleder", "Boligselskabet Fjordbo")],
    },
    workingGroups: FOCUS_AREAS.slice(0, 2).map((focusArea, i) => ({
      id: 10 + i,
      name: `Arbejdsgruppe for ${focusArea.toLocaleLowerCase("da")}`,
      agreementId: 100 + i,
      focusArea,
      members: [member(`Medlem ${i + 1}`, "koordinator", "Vestby Kommune")],
    })),
    parties: ["Vestby Kommune", "Boligselskabet Fjordbo"],
    organisations: ["Vestby Kommune", "Boligselskabet Fjordbo", "SSP Vestby"],
    missing: [],
    ...overrides,
  };
}

/** The 4 delaftaler × 2 working groups × 8 members plan of the benchmark. */
function largeData(): OrganisationDiagramData {
  return sampleData({
    workingGroups: FOCUS_AREAS.flatMap((focusArea, a) =>
      [1, 2].map((g) => ({
        id: a * 2 + g,
        name: `Arbejdsgruppe ${g}: ${focusArea}`,
        agreementId: a + 1,
        focusArea,
        members: Array.from({ length: 8 }, (_, m) =>
          member(`Medlem ${m + 1} Sørensen`, "koordinator", "Vestby Kommune, Børneforvaltningen"),
        ),
      })),
    ),
  });
}

/** Parses the SVG; any XML error fails the test. */
function parseSvg(svg: string): Element {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message);
    },
  }).parseFromString(svg, "image/svg+xml");
  expect(errors).toEqual([]);
  const root = doc.documentElement as unknown as Element;
  expect(root.localName).toBe("svg");
  expect(root.namespaceURI).toBe(SVG_NS);
  return root;
}

const all = (root: Element, name: string) => Array.from(root.getElementsByTagNameNS(SVG_NS, name));

function boxRect(root: Element, id: string) {
  const group = all(root, "g").find((g) => g.getAttribute("id") === `org-${id}`);
  expect(group, id).toBeDefined();
  const rect = all(group!, "rect")[0]!;
  return {
    group: group!,
    x: Number(rect.getAttribute("x")),
    y: Number(rect.getAttribute("y")),
    width: Number(rect.getAttribute("width")),
    height: Number(rect.getAttribute("height")),
  };
}

/** The PNG's pixel size from its IHDR chunk. */
function pngPixelSize(data: Uint8Array): { width: number; height: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  expect(Array.from(data.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("organisation diagram graph", () => {
  it("has every body and working group, with the edges of the organisation", () => {
    const data = sampleData();
    const { boxes, edges } = buildDiagramGraph(data);
    expect(boxes.map((b) => b.id)).toEqual([
      "parties",
      "board",
      "followGroup",
      "secretariat",
      "workingGroup-10",
      "workingGroup-11",
    ]);
    expect(boxes.find((b) => b.id === "board")!.title).toBe(
      "Bestyrelsen for den boligsociale indsats",
    );
    const edge = (source: string, target: string) =>
      edges.find((e) => e.source === source && e.target === target);
    expect(edge("board", "followGroup")).toMatchObject({ label: null, dashed: false });
    expect(edge("board", "secretariat")).toMatchObject({ label: null, dashed: false });
    expect(edge("secretariat", "workingGroup-10")).toMatchObject({
      label: "Uddannelse og livschancer",
    });
    expect(edge("secretariat", "workingGroup-11")).toMatchObject({ label: "Beskæftigelse" });
    expect(edge("parties", "board")).toMatchObject({ dashed: true });
    expect(edges).toHaveLength(5);
  });

  it("hangs the working groups under an implicit secretariat when there is no strategic agreement", () => {
    const data = sampleData({
      hasStrategicAgreement: false,
      board: null,
      followGroup: null,
      secretariat: { kind: "secretariat", name: "Sekretariatet", description: "", members: [] },
      parties: [],
    });
    const { boxes, edges } = buildDiagramGraph(data);
    expect(boxes.map((b) => b.id)).toEqual(["secretariat", "workingGroup-10", "workingGroup-11"]);
    expect(edges.map((e) => `${e.source}→${e.target}`)).toEqual([
      "secretariat→workingGroup-10",
      "secretariat→workingGroup-11",
    ]);
  });
});

describe("organisation diagram SVG", () => {
  it("is well-formed SVG with a title, a description and DejaVu Sans", async () => {
    const data = sampleData();
    const root = parseSvg(await drawOrganisationDiagram(data));
    expect(root.getAttribute("font-family")).toBe("DejaVu Sans");
    expect(root.getAttribute("role")).toBe("img");
    expect(all(root, "title")[0]!.textContent).toBe(
      "Organisationsdiagram for Helhedsplan for Vibeparken 2026-2029",
    );
    const desc = all(root, "desc")[0]!.textContent ?? "";
    expect(desc).toContain("Bestyrelsen for den boligsociale indsats");
    expect(desc).toContain("Arbejdsgruppe for beskæftigelse (Beskæftigelse)");
    const text = all(root, "text")
      .map((t) => t.textContent)
      .join(" ");
    for (const name of ["Hanne Lund", "Følgegruppen", "Mette Kjær", "Medlem 2", "Vestby Kommune"]) {
      expect(text).toContain(name);
    }
  });

  it("draws every edge from its source box to the top of its target box", async () => {
    const root = parseSvg(await drawOrganisationDiagram(largeData()));
    const edgeGroups = all(root, "g").filter((g) => g.getAttribute("id")?.startsWith("org-edge-"));
    expect(edgeGroups).toHaveLength(1 + 2 + 8);
    for (const g of edgeGroups) {
      const source = boxRect(root, g.getAttribute("data-source")!);
      const target = boxRect(root, g.getAttribute("data-target")!);
      const d = all(g, "path")[0]!.getAttribute("d")!;
      const points = [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
      }));
      const start = points[0]!;
      const end = points[points.length - 1]!;
      // Top to bottom: leaves the source's bottom edge, ends on the target's top edge.
      expect(start.y).toBeCloseTo(source.y + source.height, 0);
      expect(start.x).toBeGreaterThanOrEqual(source.x);
      expect(start.x).toBeLessThanOrEqual(source.x + source.width);
      expect(end.y).toBeCloseTo(target.y, 0);
      expect(end.x).toBeGreaterThanOrEqual(target.x);
      expect(end.x).toBeLessThanOrEqual(target.x + target.width);
    }
    // The working-group edges carry their focus area.
    const labels = edgeGroups
      .filter((g) => g.getAttribute("data-source") === "secretariat")
      .map((g) => all(g, "text")[0]?.textContent);
    expect(labels.filter((l) => l === "Kriminalitetsforebyggelse")).toHaveLength(2);
  });

  it("wraps long text into lines that stay inside their box, and no box overlaps another", async () => {
    const longName =
      "Arbejdsgruppen for uddannelse, beskæftigelse og livschancer i Vibeparken og Solbakken";
    const data = sampleData();
    data.workingGroups[0]!.name = longName;
    const root = parseSvg(await drawOrganisationDiagram(data));
    const box = boxRect(root, "workingGroup-10");
    const title = all(box.group, "tspan").filter((t) => t.getAttribute("font-weight") === "bold");
    expect(title.length).toBeGreaterThan(1);
    expect(title.map((t) => t.textContent).join(" ")).toBe(longName);
    const ids = [
      "parties",
      "board",
      "followGroup",
      "secretariat",
      "workingGroup-10",
      "workingGroup-11",
    ];
    for (const id of ids) {
      const b = boxRect(root, id);
      for (const tspan of all(b.group, "tspan")) {
        const x = Number(tspan.getAttribute("x"));
        const y = Number(tspan.getAttribute("y"));
        const size = Number(tspan.getAttribute("font-size"));
        const weight = tspan.getAttribute("font-weight") === "bold" ? "bold" : "regular";
        expect(x).toBeGreaterThan(b.x);
        expect(x + measureText(tspan.textContent ?? "", size, weight)).toBeLessThan(b.x + b.width);
        expect(y).toBeLessThan(b.y + b.height);
        expect(y - size).toBeGreaterThan(b.y);
      }
      for (const other of ids.filter((o) => o !== id)) {
        const o = boxRect(root, other);
        const apart =
          b.x + b.width <= o.x ||
          o.x + o.width <= b.x ||
          b.y + b.height <= o.y ||
          o.y + o.height <= b.y;
        expect(apart, `${id} and ${other}`).toBe(true);
      }
    }
  });

  it("changes when the data changes", async () => {
    const before = await drawOrganisationDiagram(sampleData());
    const changed = sampleData();
    changed.workingGroups[1]!.members.push(
      member("Yasmin Ali", "projektleder", "Vestby Bibliotek"),
    );
    const after = await drawOrganisationDiagram(changed);
    expect(after).not.toBe(before);
    expect(before).not.toContain("Yasmin Ali");
    // Wrapped to the box: "Yasmin Ali, projektleder (Vestby" / "Bibliotek)".
    const group = boxRect(parseSvg(after), "workingGroup-11").group;
    expect(
      all(group, "tspan")
        .map((t) => t.textContent)
        .join(" "),
    ).toContain("Yasmin Ali, projektleder (Vestby Bibliotek)");
    // The same data draws the same diagram.
    expect(await drawOrganisationDiagram(sampleData())).toBe(before);
  });

  it("escapes what users typed", async () => {
    const data = sampleData();
    data.board!.members.push(member('<script>alert("x")</script> & Co', null, null));
    const svg = await drawOrganisationDiagram(data);
    expect(svg).not.toContain("<script>");
    const root = parseSvg(svg);
    expect(all(root, "script")).toHaveLength(0);
    expect(
      all(root, "text")
        .map((t) => t.textContent)
        .join(""),
    ).toContain('<script>alert("x")</script> & Co');
  });
});

describe("text measurement", () => {
  it("agrees with resvg's own layout of DejaVu Sans within 2 %", () => {
    for (const [text, weight] of [
      ["Bestyrelsen for den boligsociale indsats", "bold"],
      ["Mette Kjær, sekretariatsleder (Boligselskabet Fjordbo)", "regular"],
      ["ÆØÅ æøå – «Kriminalitetsforebyggelse» 1234", "regular"],
    ] as const) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="0" y="50" font-family="DejaVu Sans" font-size="20"${weight === "bold" ? ' font-weight="bold"' : ""}>|${text}|</text></svg>`;
      const bar = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="0" y="50" font-family="DejaVu Sans" font-size="20"${weight === "bold" ? ' font-weight="bold"' : ""}>||</text></svg>`;
      const font = {
        loadSystemFonts: false,
        fontFiles: [
          "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
          "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
        ],
        defaultFontFamily: "DejaVu Sans",
      };
      const actual =
        new Resvg(svg, { font }).getBBox()!.width - new Resvg(bar, { font }).getBBox()!.width;
      const estimate = measureText(text, 20, weight);
      expect(Math.abs(estimate - actual) / actual, text).toBeLessThan(0.02);
    }
  });

  it("wraps at words and cuts a word longer than a line", () => {
    expect(wrapText("Følgegruppen for helhedsplanen", 100, 11)).toEqual([
      "Følgegruppen for",
      "helhedsplanen",
    ]);
    const cut = wrapText("Beboerrådgivningssamarbejdsudvalget", 80, 11);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join("")).toBe("Beboerrådgivningssamarbejdsudvalget");
    for (const line of cut) expect(measureText(line, 11)).toBeLessThanOrEqual(80);
  });
});

describe("organisation diagram PNG", () => {
  it("has the pixel size the SVG asks for, and draws the text as outlines", async () => {
    const layout = await layoutOrganisationDiagram(largeData());
    const width = Math.ceil(layout.elk.width!);
    const height = Math.ceil(layout.elk.height!);
    const png = renderDiagramPng(layout);
    // Never wider than 2000 px (print at ~300 dpi), at most 1.75 × the SVG's size.
    const scale = Math.min(1.75, 2000 / width);
    const pixels = pngPixelSize(png.data);
    expect(pixels.width).toBe(Math.round(width * scale));
    expect(pixels.height).toBe(Math.round(height * scale));
    expect(png.width).toBe(width);
    expect(png.height).toBe(height);

    const outlined = renderDiagramSvg(layout, { glyphs: cachedGlyphs });
    const root = parseSvg(outlined);
    expect(all(root, "text")).toHaveLength(0);
    // One group of glyph outlines per line of text (the boxes' and the 8 edge labels').
    const lines = layout.graph.boxes.reduce((sum, b) => sum + b.lines.length, 0);
    const textLines = all(root, "g").filter((g) => g.getAttribute("transform")?.includes("scale("));
    expect(textLines.length).toBe(lines + 8);
  });

  it("renders the same drawing from outlines as from text", async () => {
    const layout = await layoutOrganisationDiagram(sampleData());
    const font = {
      loadSystemFonts: false,
      fontFiles: ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"].map(
        (f) => `node_modules/dejavu-fonts-ttf/ttf/${f}`,
      ),
      defaultFontFamily: "DejaVu Sans",
    };
    const bboxOf = (svg: string) => {
      // Without the white background, the box is the ink's extent.
      const ink = svg.replace(/<rect width="\d+" height="\d+" fill="#ffffff"\/>/, "");
      return new Resvg(ink, { font }).getBBox()!;
    };
    const fromText = bboxOf(renderDiagramSvg(layout));
    const fromOutlines = bboxOf(renderDiagramSvg(layout, { glyphs: cachedGlyphs }));
    expect(fromOutlines.width).toBeCloseTo(fromText.width, 0);
    expect(fromOutlines.height).toBeCloseTo(fromText.height, 0);
  });
});

describe("organisation diagram in Word", () => {
  it("has the heading, the image scaled to the page and the bodies listed", async () => {
    const data = sampleData();
    const layout = await layoutOrganisationDiagram(data);
    const png = renderDiagramPng(layout);
    const doc = createDocument({
      title: "Organisationsdiagram",
      sections: [pageSection([data.planName], organisationDiagramBlocks(png, data))],
    });
    const buffer = await renderDocx(doc);
    const media = Object.entries(unzipSync(buffer)).filter(([name]) =>
      name.startsWith("word/media/"),
    );
    expect(media).toHaveLength(1);
    expect(Buffer.from(media[0]![1]).equals(Buffer.from(png.data))).toBe(true);

    const xml = unzipDocx(buffer).get("word/document.xml")!;
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(xml)!;
    const cx = Number(extent[1]);
    const cy = Number(extent[2]);
    // At most the text width (16 cm = 5,760,000 EMU), the drawing's aspect ratio kept.
    expect(cx).toBeLessThanOrEqual(9070 * 635);
    expect(cx / cy).toBeCloseTo(png.width / png.height, 1);

    const read = readDocxBuffer(buffer);
    expect(read.headings[0]).toEqual([1, "Organisationsdiagram"]);
    expect(read.text).toContain("Parter: Vestby Kommune, Boligselskabet Fjordbo.");
    expect(read.bullets).toEqual([
      `Bestyrelsen for den boligsociale indsats: ${memberLabel(data.board!.members[0]!)}; ${memberLabel(data.board!.members[1]!)}`,
      "Følgegruppen: Anne Berg (SSP Vestby)",
      "Sekretariatet: Mette Kjær, sekretariatsleder (Boligselskabet Fjordbo)",
      "Arbejdsgruppe for uddannelse og livschancer (Uddannelse og livschancer): Medlem 1, koordinator (Vestby Kommune)",
      "Arbejdsgruppe for beskæftigelse (Beskæftigelse): Medlem 2, koordinator (Vestby Kommune)",
    ]);
    expect(xmlPartText(xml)).not.toContain("ingen medlemmer");
  });

  it("fits a wide or tall diagram onto the page, never enlarging a small one", () => {
    expect(fittedImageSize({ width: 300, height: 200 })).toEqual({ width: 300, height: 200 });
    const wide = fittedImageSize({ width: 1800, height: 900 });
    expect(wide.width).toBe(Math.floor(9070 / 15));
    expect(wide.width / wide.height).toBeCloseTo(2, 1);
    const tall = fittedImageSize({ width: 600, height: 2400 });
    expect(tall.height).toBe(820);
    expect(tall.width).toBe(205);
  });
});
