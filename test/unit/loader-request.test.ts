/**
 * The loaders of one request share one Request (our patch of @remix-run/server-runtime,
 * scripts/patches/@remix-run+server-runtime+*.patch, applied by `postinstall`): Remix made new
 * Request objects for every loader, so what app/auth.server.ts and app/session.server.ts keep per
 * Request (the signed-in user, the parsed cookie) was looked up again by the page's loader after
 * the root loader. What a loader sees of the request must stay what Remix gave it.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
type LoaderArgs = { request: Request };
const { callRouteLoader } = require("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader: (args: {
    loadContext: unknown;
    loader: (args: LoaderArgs) => unknown;
    params: Record<string, string>;
    request: Request;
    routeId: string;
    singleFetch: boolean;
  }) => Promise<unknown>;
};

async function requestsSeen(request: Request, loaders = 2): Promise<Request[]> {
  const seen: Request[] = [];
  for (let i = 0; i < loaders; i++) {
    await callRouteLoader({
      loadContext: {},
      loader: ({ request: r }) => {
        seen.push(r);
        return null;
      },
      params: {},
      request,
      routeId: `route-${i}`,
      singleFetch: true,
    });
  }
  return seen;
}

describe("loader requests (patched @remix-run/server-runtime)", () => {
  it("hands the loaders of one GET request the same Request", async () => {
    const request = new Request("http://app.test/plans/3?index&_routes=root&q=1", {
      headers: { cookie: "__session=abc" },
    });
    const [root, page] = await requestsSeen(request);
    expect(page).toBe(root);
    // Stripped as Remix strips it: no _routes, no empty index, the rest kept.
    expect(root!.url).toBe("http://app.test/plans/3?q=1");
    expect(root!.headers.get("cookie")).toBe("__session=abc");
  });

  it("gives another request its own", async () => {
    const [a] = await requestsSeen(new Request("http://app.test/a"), 1);
    const [b] = await requestsSeen(new Request("http://app.test/a"), 1);
    expect(a).not.toBe(b);
  });

  it("still strips a request with a body per loader", async () => {
    const post = new Request("http://app.test/a?index", { method: "POST", body: "x=1" });
    const [first, second] = await requestsSeen(post);
    expect(first).not.toBe(second);
    expect(first!.url).toBe("http://app.test/a");
  });
});
