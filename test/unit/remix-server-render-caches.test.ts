/**
 * The server render's per-build caches, from our patches of @remix-run/react and react-router-dom
 * (scripts/patches, applied by `postinstall`), issue 15: the route objects of the server render,
 * the static router's data routes, and the route ids each parent path of a request matches (lazy
 * route discovery's partial manifest) are built once instead of on every document request. What
 * they give must stay what the unpatched code computes from scratch.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { matchRoutes, type AgnosticDataRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { appRoutes } from "../helpers/app-routes";

const require = createRequire(import.meta.url);

type Router = {
  routes: AgnosticDataRouteObject[];
  basename: string;
  state: { matches: { route: { id: string } }[]; location: { pathname: string } };
};
type Manifest = { routes: Record<string, unknown> };
const { getPartialManifest } = require("@remix-run/react/dist/fog-of-war.js") as {
  getPartialManifest: (manifest: Manifest, router: Router) => Manifest;
};
const { createStaticRouter } = require("react-router-dom/server") as {
  createStaticRouter: (
    routes: unknown[],
    context: { matches: { route: { id: string } }[] },
  ) => { routes: unknown[]; state: { matches: { route: unknown }[] } };
};

function routerAt(routes: AgnosticDataRouteObject[], pathname: string): Router {
  const matches = matchRoutes(routes, pathname) ?? [];
  return { routes, basename: "/", state: { matches, location: { pathname } } };
}

/** The partial manifest as unpatched Remix computes it: every parent path matched anew. */
function partialRouteIds(routes: AgnosticDataRouteObject[], pathname: string): string[] {
  const ids = new Set(matchRoutes(routes, pathname)?.map((m) => m.route.id));
  const segments = pathname.split("/").filter(Boolean);
  segments.pop();
  const paths = ["/"];
  while (segments.length > 0) {
    paths.push(`/${segments.join("/")}`);
    segments.pop();
  }
  for (const p of paths) for (const m of matchRoutes(routes, p) ?? []) ids.add(m.route.id);
  return [...ids].sort();
}

const PATHS = [
  "/account",
  "/plans/3/agreements/2/versions",
  "/plans/3/agreements/3/review",
  "/plans/7/agreements/new",
  "/funds/2/applications/3",
  "/ingen/side/her",
];

describe("server render caches (patched @remix-run/react and react-router-dom)", () => {
  it("is the patched build that the app runs", () => {
    for (const file of ["@remix-run/react/dist/server.js", "@remix-run/react/dist/esm/server.js"]) {
      expect(readFileSync(require.resolve(file), "utf8")).toContain("cachedServerRoutes(manifest,");
    }
    for (const file of [
      "@remix-run/react/dist/fog-of-war.js",
      "@remix-run/react/dist/esm/fog-of-war.js",
    ]) {
      expect(readFileSync(require.resolve(file), "utf8")).toContain("routeIdsMatching(");
    }
    for (const file of ["react-router-dom/server.js", "react-router-dom/server.mjs"]) {
      expect(readFileSync(require.resolve(file), "utf8")).toContain("staticDataRoutesCache");
    }
  });

  it("gives each path the partial manifest that matching from scratch gives", () => {
    const { manifest, routes } = appRoutes();
    for (let round = 0; round < 3; round++) {
      for (const pathname of PATHS) {
        const partial = getPartialManifest({ routes: manifest }, routerAt(routes, pathname));
        expect(Object.keys(partial.routes).sort()).toEqual(partialRouteIds(routes, pathname));
      }
    }
  });

  it("keeps routes arrays apart in the partial manifest", () => {
    const a: AgnosticDataRouteObject[] = [{ id: "a", path: "/x/:id" }];
    const b: AgnosticDataRouteObject[] = [{ id: "b", path: "/x/:id/y" }];
    const manifest = { routes: { a: {}, b: {} } };
    // "/x/1/z" matches nothing; its parent path "/x/1" matches `a` only.
    expect(Object.keys(getPartialManifest(manifest, routerAt(a, "/x/1/z")).routes)).toEqual(["a"]);
    expect(Object.keys(getPartialManifest(manifest, routerAt(b, "/x/1/z")).routes)).toEqual([]);
  });

  it("converts a routes array to data routes once, with each request's own matches", () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "child", path: "c" }] }];
    const first = createStaticRouter(routes, { matches: [{ route: { id: "root" } }] });
    const second = createStaticRouter(routes, {
      matches: [{ route: { id: "root" } }, { route: { id: "child" } }],
    });
    expect(second.routes).toBe(first.routes);
    expect(first.state.matches).toHaveLength(1);
    expect(second.state.matches.map((m) => m.route)).toEqual([
      first.routes[0],
      (first.routes[0] as { children: unknown[] }).children[0],
    ]);
    // Another array (another build) is converted on its own.
    const other = createStaticRouter([...routes], { matches: [] });
    expect(other.routes).not.toBe(first.routes);
    expect(other.routes).toEqual(first.routes);
  });
});
