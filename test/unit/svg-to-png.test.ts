import { describe, expect, it } from "vitest";
import { svgToPng } from "~/graphics/png.server";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function svgWithText(text: string) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="10" y="26" font-family="DejaVu Sans" font-size="16">${text}</text></svg>`;
}

describe("svgToPng", () => {
  it("renders a PNG at twice the SVG's size and reports the CSS size", () => {
    const png = svgToPng(svgWithText("Følgegruppen"));
    expect([...png.data.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png).toMatchObject({ width: 200, height: 40 });
    // IHDR holds the pixel size: twice the CSS size.
    const view = new DataView(png.data.buffer, png.data.byteOffset);
    expect(view.getUint32(16)).toBe(400);
    expect(view.getUint32(20)).toBe(80);
  });

  it("draws text with the bundled font (text changes the image)", () => {
    const blank = svgToPng(svgWithText(""));
    const withText = svgToPng(svgWithText("Sekretariatet"));
    expect(withText.data.length).toBeGreaterThan(blank.data.length + 200);
  });
});
