/**
 * Route matching with our patched @remix-run/router (scripts/patches/@remix-run+router+*.patch, applied by
 * `postinstall`): the flattened, ranked branches are kept per routes array and compiled path
 * patterns are kept, instead of being rebuilt on every matchRoutes() call, and the matches of a
 * path are kept (a server request matches its path three times), each call getting copies.
 * Matching must stay what it was, on our own route files.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { matchPath, matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { appRoutes } from "../helpers/app-routes";

function leaf(routes: AgnosticRouteObject[], url: string) {
  const matches = matchRoutes(routes, url);
  const last = matches?.at(-1);
  return last ? { id: last.route.id, params: last.params } : null;
}

const CASES: [string, string, Record<string, string>][] = [
  ["/", "routes/_index", {}],
  ["/plans/7", "routes/plans.$planId._index", { planId: "7" }],
  [
    "/plans/7/agreements/3",
    "routes/plans.$planId.agreements.$agreementId._index",
    { agreementId: "3" },
  ],
  // A static segment outranks a parameter.
  ["/plans/7/agreements/new", "routes/plans.$planId.agreements.new", { planId: "7" }],
  [
    "/plans/7/agreements/3/versions/2",
    "routes/plans.$planId.agreements.$agreementId.versions.$number._index",
    { planId: "7", agreementId: "3", number: "2" },
  ],
  [
    "/plans/7/agreements/3/versions/2/document.docx",
    "routes/plans.$planId.agreements.$agreementId.versions.$number.document[.]docx",
    { number: "2" },
  ],
  // The escaped dot: `[.]docx` is the literal file name, not a parameter segment.
  ["/plans/7/agreements.docx", "routes/plans.$planId.agreements[.]docx", { planId: "7" }],
  [
    "/plans/7/reports/2024/report.docx",
    "routes/plans.$planId.reports.$year.report[.]docx",
    { year: "2024" },
  ],
  ["/plans/7/reports/2024", "routes/plans.$planId.reports.$year._index", { year: "2024" }],
  // Case-insensitive, like the router always was.
  ["/PLANS/7", "routes/plans.$planId._index", { planId: "7" }],
  // Percent-encoded paths are decoded before matching.
  ["/plans/7/log/%31", "routes/plans.$planId.log.$eventId._index", { eventId: "1" }],
  // Anything else falls to the splat route ($.tsx), with the rest of the path as "*".
  ["/ingen/side/her", "routes/$", { "*": "ingen/side/her" }],
  [
    "/plans/7/agreements/3/versions/2/nope.pdf",
    "routes/$",
    { "*": "plans/7/agreements/3/versions/2/nope.pdf" },
  ],
];

describe("route matching (patched @remix-run/router)", () => {
  it("is the patched build that the app runs", () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@remix-run/router");
    const source = readFileSync(file, "utf8");
    expect(source).toContain("flattenAndRankRoutes(routes)");
    expect(source).toContain("compiledPathCache");
    expect(source).toContain("copyRouteMatches(cachedMatches)");
  });

  it.each(CASES)("%s matches %s", (url, id, params) => {
    const routes = appRoutes().routes;
    // First call flattens and ranks (nothing kept yet), later calls use the kept branches.
    for (let i = 0; i < 3; i++) {
      const match = leaf(routes, url);
      expect(match?.id).toBe(id);
      expect(match?.params).toMatchObject(params);
    }
  });

  it("gives the same matches from a fresh routes array as from a kept one", () => {
    const kept = appRoutes().routes;
    for (const [url] of CASES) leaf(kept, url);
    for (const [url] of CASES) {
      const fresh = matchRoutes(appRoutes().routes, url)!.map((m) => [
        m.route.id,
        m.pathname,
        m.params,
      ]);
      const again = matchRoutes(kept, url)!.map((m) => [m.route.id, m.pathname, m.params]);
      expect(again).toEqual(fresh);
    }
  });

  it("keeps routes arrays apart", () => {
    const a: AgnosticRouteObject[] = [{ id: "a", path: "/x/:id" }];
    const b: AgnosticRouteObject[] = [{ id: "b", path: "/x/new" }];
    expect(matchRoutes(a, "/x/new")?.[0]?.route.id).toBe("a");
    expect(matchRoutes(b, "/x/new")?.[0]?.route.id).toBe("b");
    expect(matchRoutes(b, "/x/3")).toBeNull();
  });

  it("gives every call its own match objects for a kept path", () => {
    const routes = appRoutes().routes;
    const url = "/plans/7/agreements/3/versions/2";
    const first = matchRoutes(routes, url)!;
    // What one caller does to its matches does not reach the next caller.
    (first[first.length - 1]!.params as Record<string, string>).planId = "99";
    first.pop();
    const second = matchRoutes(routes, url)!;
    expect(second).toHaveLength(first.length + 1);
    expect(second.at(-1)!.params).toEqual({ planId: "7", agreementId: "3", number: "2" });
    // The matches of one branch share one params object, as without the kept results.
    expect(new Set(second.map((m) => m.params)).size).toBe(1);
    // With a basename: the same path below it, nothing outside it.
    expect(matchRoutes(routes, "/app/plans/7", "/app")?.at(-1)?.route.id).toBe(
      "routes/plans.$planId._index",
    );
    expect(matchRoutes(routes, "/plans/7", "/app")).toBeNull();
  });

  it("matches right beyond the bound of kept paths", () => {
    const routes = appRoutes().routes;
    for (let i = 0; i < 2_500; i++) {
      expect(leaf(routes, `/plans/${i}`)?.params.planId).toBe(String(i));
    }
    expect(leaf(routes, "/plans/7/agreements/new")?.id).toBe("routes/plans.$planId.agreements.new");
  });

  it("still compiles patterns right beyond the bound of kept patterns", () => {
    for (let i = 0; i < 2_500; i++) {
      expect(matchPath(`/p${i}/:id`, `/p${i}/${i}`)?.params.id).toBe(String(i));
      expect(matchPath({ path: `/p${i}`, end: false }, `/p${i}/more`)?.pathnameBase).toBe(`/p${i}`);
      expect(matchPath({ path: `/p${i}`, end: true }, `/p${i}/more`)).toBeNull();
    }
  });
});
