/**
 * The user guide's markdown turned into the help page: one h1, chapters with unique ids in the
 * table of contents, the guide's pictures pointed at the image route, and nothing from the file
 * that could become markup of its own (raw HTML, script links, foreign pictures).
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GuideBlocks } from "~/components/guide-content";
import { buildGuide, slugify } from "~/domain/user-guide";

const SAMPLE = `# Brugervejledning

Velkommen. Klik på **»Gem«** og _derefter_ på \`Hent\`.

## Sekretariatet

1. Åbn planen.
2. Klik på [Hjælp](/hjaelp) eller [ekstern](https://example.org).

![Delaftalen vist som dokumentet](brugervejledning/sekretariat-delaftale.png)

### Årets revision

<script>alert(1)</script>

[farlig](javascript:alert(1)) ![fremmed](https://example.org/x.png) ![sti](brugervejledning/../../x.png)

## Sekretariatet

# Endnu en overskrift
`;

const render = () => {
  const guide = buildGuide(fromMarkdown(SAMPLE));
  return { guide, html: renderToStaticMarkup(<GuideBlocks blocks={guide.blocks} />) };
};

describe("user guide", () => {
  it("spells out Danish letters in heading ids", () => {
    expect(slugify("Årets revision")).toBe("aarets-revision");
    expect(slugify("Ansøger")).toBe("ansoeger");
    expect(slugify("Fællesværkstedet i Kløverhaven")).toBe("faellesvaerkstedet-i-kloeverhaven");
    expect(slugify("»!«")).toBe("afsnit");
  });

  it("takes the first h1 as the title and lists the h2s as chapters with unique ids", () => {
    const { guide, html } = render();
    expect(guide.title).toBe("Brugervejledning");
    expect(guide.chapters).toEqual([
      { id: "sekretariatet", title: "Sekretariatet" },
      { id: "sekretariatet-2", title: "Sekretariatet" },
      { id: "endnu-en-overskrift", title: "Endnu en overskrift" },
    ]);
    expect(html).not.toContain("<h1");
    expect(html).toContain('<h2 id="sekretariatet">Sekretariatet</h2>');
    expect(html).toContain('<h3 id="aarets-revision">Årets revision</h3>');
    expect(html).toContain('<h2 id="endnu-en-overskrift">');
  });

  it("renders emphasis, code, lists and safe links", () => {
    const { html } = render();
    expect(html).toContain("<strong>»Gem«</strong>");
    expect(html).toContain("<em>derefter</em>");
    expect(html).toContain("<code>Hent</code>");
    expect(html).toContain("<ol><li><p>Åbn planen.</p></li>");
    expect(html).toContain('<a href="/hjaelp">Hjælp</a>');
    expect(html).toContain('<a href="https://example.org" rel="noreferrer">ekstern</a>');
  });

  it("shows the guide's own pictures from the image route as figures with their alt text", () => {
    const { html } = render();
    expect(html).toContain(
      '<figure class="guide-figure"><img src="/hjaelp/billeder/sekretariat-delaftale.png" alt="Delaftalen vist som dokumentet" loading="lazy"/></figure>',
    );
  });

  it("drops raw HTML, script links and pictures from anywhere else", () => {
    const { html } = render();
    expect(html).not.toContain("<script");
    expect(html).not.toContain("alert");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("example.org/x.png");
    expect(html).not.toContain("../");
    // What is left of them is plain text.
    expect(html).toContain("farlig");
    expect(html).toContain("fremmed");
  });
});
