/**
 * E-mail in the running server (scripts/server.ts), as a client sees it: the background jobs run
 * without errors on a fresh database, administrators read «Udgående post» (the outbox, as no
 * SMTP_URL is set), and a mail client's one-click unsubscribe (RFC 8058) is let through the
 * cross-site form check, which still refuses other foreign posts.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server";

const PASSWORD = "demo-adgang-2026";

describe("e-mail in the server", () => {
  let server: TestServer;
  let adminCookie: string;

  beforeAll(async () => {
    server = await startServer({ logLevel: "info" });
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "admin@samarbejde.example", password: PASSWORD }),
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    adminCookie = res.headers.get("set-cookie")!.split(";")[0]!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  function tokenFor(userId: number, kind: string): string {
    const mac = createHmac("sha256", server.env.SESSION_SECRET!)
      .update(`${userId}:${kind}`)
      .digest("base64url");
    return `${userId}.${kind}.${mac}`;
  }

  it("shows administrators the outbox", async () => {
    const res = await fetch(`${server.url}/admin/mail`, { headers: { cookie: adminCookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Udgående post");
    expect(html).toContain("Der er ingen mailserver sat op");
  });

  it("takes a one-click unsubscribe from a mail provider, and refuses a forged one", async () => {
    const users = await (
      await fetch(`${server.url}/admin/users`, { headers: { cookie: adminCookie } })
    ).text();
    const boardId = Number(/href="\/admin\/users\/(\d+)">Karim Dahl</.exec(users)?.[1]);
    expect(boardId).toBeGreaterThan(0);
    const foreign = {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "https://mail.provider.example",
    };
    const token = tokenFor(boardId, "revision_submitted");

    const page = await fetch(`${server.url}/afmeld/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Afmeld e-mails om »En revision afventer");

    const done = await fetch(`${server.url}/afmeld/${token}`, {
      method: "POST",
      headers: foreign,
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Du er afmeldt");

    const forged = await fetch(`${server.url}/afmeld/${token.slice(0, -2)}xx`, {
      method: "POST",
      headers: foreign,
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    expect(forged.status).toBe(404);

    // Any other path still refuses a form from another site.
    const other = await fetch(`${server.url}/logout`, {
      method: "POST",
      headers: foreign,
      body: "",
      redirect: "manual",
    });
    expect(other.status).toBe(403);
  });

  it("runs the background jobs without errors", async () => {
    // Every job first runs within two seconds of the start.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(server.output()).not.toContain("job failed");
  });
});
