/**
 * The HTTP server (scripts/server.ts) as a client sees it, without a browser: security headers,
 * asset caching, refused cross-site and non-form posts, request ids and the request log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server";

const ADMIN = "admin@samarbejde.example";
const PASSWORD = "demo-adgang-2026";

describe("HTTP server", () => {
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startServer({ logLevel: "info" });
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: ADMIN, password: PASSWORD }),
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
    return fetch(`${server.url}${path}`, {
      method: "POST",
      body,
      headers: { cookie, ...headers },
      redirect: "manual",
    });
  }

  async function organisationNames(): Promise<string> {
    const res = await fetch(`${server.url}/organisations`, { headers: { cookie } });
    return res.text();
  }

  function organisationForm(name: string): URLSearchParams {
    return new URLSearchParams({ kind: "municipality", name });
  }

  function logLines(): Record<string, unknown>[] {
    return server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it("sends a page with security headers, and its inline scripts carry the CSP nonce", async () => {
    const res = await fetch(`${server.url}/`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    expect(res.headers.get("permissions-policy")).toContain("geolocation=()");
    expect(res.headers.get("x-powered-by")).toBeNull();

    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    const inline = scripts.filter((attrs) => !/\bsrc=/.test(attrs));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);

    // A new nonce for every response.
    const again = await fetch(`${server.url}/login`);
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
  });

  it("caches fingerprinted build assets for a year and other public files for an hour", async () => {
    const html = await (await fetch(`${server.url}/login`)).text();
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const css = await fetch(`${server.url}${asset}`);
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("answers 415 in Danish to a post that is not a form, and changes nothing", async () => {
    const json = await post(
      "/organisations/new",
      JSON.stringify({ kind: "municipality", name: "Json Kommune" }),
      {
        "content-type": "application/json",
      },
    );
    expect(json.status).toBe(415);
    expect(await json.text()).toContain("skal sendes som en formular");
    const text = await post("/organisations/new", "kind=municipality&name=Tekst Kommune", {
      "content-type": "text/plain",
    });
    expect(text.status).toBe(415);
    const login = await post("/login", JSON.stringify({ email: ADMIN, password: PASSWORD }), {
      "content-type": "application/json",
    });
    expect(login.status).toBe(415);
    expect(login.headers.get("set-cookie")).toBeNull();
    const names = await organisationNames();
    expect(names).not.toContain("Json Kommune");
    expect(names).not.toContain("Tekst Kommune");
  });

  it("answers 403 to a form posted from another site, and changes nothing", async () => {
    const foreign = await post("/organisations/new", organisationForm("Fremmed Kommune"), {
      origin: "http://evil.example",
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("fra et andet websted");
    // Remix's own single-fetch endpoint for the same action.
    const data = await post("/organisations/new.data", organisationForm("Fremmed Kommune"), {
      origin: "http://evil.example",
    });
    expect(data.status).toBe(403);
    const opaque = await post("/organisations/new", organisationForm("Fremmed Kommune"), {
      origin: "null",
    });
    expect(opaque.status).toBe(403);
    expect(await organisationNames()).not.toContain("Fremmed Kommune");
  });

  it("accepts forms from the app itself, without an Origin header, and as multipart", async () => {
    const sameOrigin = await post("/organisations/new", organisationForm("Samme Kommune"), {
      origin: server.url,
    });
    expect(sameOrigin.status).toBe(302);
    const noOrigin = await post("/organisations/new", organisationForm("Uden Kommune"));
    expect(noOrigin.status).toBe(302);
    const multipart = new FormData();
    multipart.set("kind", "municipality");
    multipart.set("name", "Multipart Kommune");
    const viaMultipart = await post("/organisations/new", multipart, { origin: server.url });
    expect(viaMultipart.status).toBe(302);
    const names = await organisationNames();
    expect(names).toContain("Samme Kommune");
    expect(names).toContain("Uden Kommune");
    expect(names).toContain("Multipart Kommune");
  });

  it("answers /healthz with 200 when the database answers", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });

  it("logs one line per request with method, path, status, duration and id, and no secrets", async () => {
    const given = await fetch(`${server.url}/login?redirectTo=%2Fplans%2Fhemmelig-sti`, {
      headers: { cookie, "x-request-id": "test-request-17" },
      redirect: "manual",
    });
    // Signed in already: the login page sends the user on.
    expect(given.status).toBe(302);
    expect(given.headers.get("x-request-id")).toBe("test-request-17");
    const loginPost = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: ADMIN, password: "Hemmelig-Kode-42" }),
      redirect: "manual",
    });
    const generated = loginPost.headers.get("x-request-id")!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    // A value that could smuggle text into the log is replaced by a new id.
    for (const value of ['a b {"level":60}', "x".repeat(200)]) {
      const odd = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": value } });
      expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }

    await expect.poll(() => logLines().some((l) => l.reqId === generated)).toBe(true);
    const line = logLines().find((l) => l.reqId === "test-request-17")!;
    expect(line).toMatchObject({
      msg: "request completed",
      req: { method: "GET", path: "/login", query: ["redirectTo"] },
      res: { status: 302 },
    });
    expect(typeof line.durationMs).toBe("number");
    const postLine = logLines().find((l) => l.reqId === generated)!;
    expect(postLine).toMatchObject({ req: { method: "POST", path: "/login" } });
    expect((postLine.res as { status: number }).status).toBe(loginPost.status);

    const all = server.output();
    expect(all).not.toContain("hemmelig-sti");
    expect(all).not.toContain("Hemmelig-Kode-42");
    expect(all).not.toContain(cookie.split("=")[1]!);
    expect(all.toLowerCase()).not.toContain("cookie");
  });
});
