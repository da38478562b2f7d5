/**
 * Our route files as Remix hands them to the router: the flat-routes manifest, and the routes
 * nested under root by parentId. For the tests that pin route matching against our own routes.
 */
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import type { RouteManifest } from "@remix-run/dev/dist/config/routes.js";
import type { AgnosticDataRouteObject } from "@remix-run/router";

export function appRoutes(): { manifest: RouteManifest; routes: AgnosticDataRouteObject[] } {
  const manifest: RouteManifest = {
    root: { id: "root", file: "root.tsx", path: "" },
    ...flatRoutes(path.resolve("app"), ["**/.*", "**/*.test.*"]),
  };
  const children = (parentId: string): AgnosticDataRouteObject[] =>
    Object.values(manifest)
      .filter((r) => r.parentId === parentId)
      .map((r) =>
        r.index
          ? { id: r.id, index: true, path: r.path }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: children(r.id) },
      );
  return { manifest, routes: [{ id: "root", path: "", children: children("root") }] };
}
