/**
 * The help page (/hjaelp) and its pictures called as Remix calls them, on both drivers: any
 * signed-in user gets the user guide (docs/brugervejledning.md) with a chapter per role in the
 * table of contents and the pictures rewritten to the image route; an anonymous visitor is sent
 * to the login page. The image route serves the guide's PNGs and answers 404 for anything that is
 * not one of them, paths that try to climb out of the folder included.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { buildRequest, callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { Guide, GuideBlock, GuideInline } from "~/domain/user-guide";
import * as helpPage from "~/routes/hjaelp";
import * as imageRoute from "~/routes/hjaelp_.billeder.$image";

const CHAPTERS = [
  "Sekretariatet",
  "Bestyrelsen",
  "Rapportør",
  "Fondsadministration",
  "Ansøger",
  "Administrator",
];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function imagesIn(blocks: GuideBlock[]): string[] {
  const fromInlines = (nodes: GuideInline[]): string[] =>
    nodes.flatMap((n) =>
      n.type === "image" ? [n.src] : "children" in n ? fromInlines(n.children) : [],
    );
  return blocks.flatMap((b) => {
    if (b.type === "paragraph" || b.type === "heading") return fromInlines(b.children);
    if (b.type === "list") return b.items.flatMap(imagesIn);
    if (b.type === "quote") return imagesIn(b.children);
    return [];
  });
}

describe.each(drivers)("help page on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Calls the image loader and returns the status, content type and body as bytes. */
  async function getImage(name: string, userId?: number) {
    const request = await buildRequest(`/hjaelp/billeder/${encodeURIComponent(name)}`, { userId });
    let response: Response;
    try {
      response = (await imageRoute.loader({ request, params: { image: name }, context: {} }))!;
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    return {
      status: response.status,
      type: response.headers.get("Content-Type"),
      location: response.headers.get("Location"),
      body: Buffer.from(await response.arrayBuffer()),
    };
  }

  it("shows the guide to any signed-in user, with a chapter per role", async () => {
    for (const key of ["applicant", "board", "admin"] as const) {
      const res = await callRoute(helpPage.loader, "/hjaelp", { userId: t.demo.userIds[key] });
      expect(res.status).toBe(200);
      const { guide } = res.data as { guide: Guide };
      expect(guide.title).toBe("Brugervejledning");
      const titles = guide.chapters.map((c) => c.title);
      expect(titles).toEqual(expect.arrayContaining(CHAPTERS));
      // Every chapter in the table of contents links to a heading with that id.
      for (const chapter of guide.chapters) {
        expect(guide.blocks).toContainEqual(
          expect.objectContaining({ type: "heading", depth: 2, id: chapter.id }),
        );
      }
      expect(new Set(guide.chapters.map((c) => c.id)).size).toBe(guide.chapters.length);
      // The title is the page's one h1: no block is a level-1 heading.
      expect(guide.blocks.some((b) => b.type === "heading" && (b.depth as number) < 2)).toBe(false);
    }
  });

  it("points every picture of the guide at the image route, which serves it", async () => {
    const res = await callRoute(helpPage.loader, "/hjaelp", { userId: t.demo.userIds.reporter });
    const { guide } = res.data as { guide: Guide };
    const images = imagesIn(guide.blocks);
    expect(images.length).toBeGreaterThanOrEqual(10);
    for (const src of images) {
      expect(src).toMatch(/^\/hjaelp\/billeder\/[a-z0-9-]+\.png$/);
      const name = src.split("/").pop()!;
      const image = await getImage(name, t.demo.userIds.reporter);
      expect(image.status, name).toBe(200);
      expect(image.type).toBe("image/png");
      expect(image.body.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(image.body.equals(readFileSync(`docs/brugervejledning/${name}`))).toBe(true);
    }
  });

  it("sends an anonymous visitor to the login page, for the page and its pictures", async () => {
    const page = await callRoute(helpPage.loader, "/hjaelp");
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/login/);
    const image = await getImage("sekretariat-delaftale.png");
    expect(image.status).toBe(302);
    expect(image.location).toMatch(/^\/login/);
  });

  it("answers 404 for names that are not one of the guide's pictures", async () => {
    const userId = t.demo.userIds.secretariat;
    for (const name of [
      "../brugervejledning.md",
      "../../package.json",
      "..%2F..%2Fpackage.json",
      "/etc/passwd",
      "sub/sekretariat-delaftale.png",
      "findes-ikke.png",
      "Sekretariat-Delaftale.png",
      "sekretariat-delaftale.png.md",
      ".png",
      "",
    ]) {
      const image = await getImage(name, userId);
      expect(image.status, name).toBe(404);
      expect(image.type, name).not.toBe("image/png");
    }
  });
});
