/**
 * The one box for a table wider than the screen (ScrollTable), as served: focusable, a region, and
 * named by the table's caption, a heading outside it, or a text label, whichever the page has.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

/** The box's attributes and the caption's id, read back from the markup. */
function box(html: string) {
  const div = /^<div ([^>]*)>/.exec(html)?.[1] ?? "";
  const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(div)?.[1] ?? null;
  return {
    role: attr("role"),
    tabindex: attr("tabindex"),
    labelledBy: attr("aria-labelledby"),
    label: attr("aria-label"),
    captionId: /<caption id="([^"]+)"/.exec(html)?.[1] ?? null,
  };
}

describe("ScrollTable", () => {
  it("is a focusable region named by its table's caption", () => {
    const html = renderToStaticMarkup(
      <ScrollTable>
        <table>
          <TableCaption>Budget pr. år</TableCaption>
        </table>
      </ScrollTable>,
    );
    const b = box(html);
    expect(b).toMatchObject({ role: "region", tabindex: "0", label: null });
    expect(b.captionId).toBeTruthy();
    expect(b.labelledBy).toBe(b.captionId);
  });

  it("is named by a heading outside it", () => {
    const html = renderToStaticMarkup(
      <ScrollTable labelledBy="budget-title">
        <table />
      </ScrollTable>,
    );
    expect(box(html)).toMatchObject({ role: "region", labelledBy: "budget-title", label: null });
  });

  it("is named by a text label when its table's caption is not a TableCaption", () => {
    const html = renderToStaticMarkup(
      <ScrollTable label="Ansøgt beløb og egenfinansiering pr. år">
        <table>
          <caption>Ansøgt beløb og egenfinansiering pr. år</caption>
        </table>
      </ScrollTable>,
    );
    expect(box(html)).toMatchObject({
      role: "region",
      tabindex: "0",
      label: "Ansøgt beløb og egenfinansiering pr. år",
      labelledBy: null,
    });
  });
});
