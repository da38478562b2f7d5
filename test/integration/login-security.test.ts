/**
 * Account safety through the real route handlers, on both drivers: where the login page sends
 * you afterwards, sessions that end (logout, a new password, deactivation), and the throttling
 * of wrong passwords (per account and per client address, counted in the database).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, asc, eq, like } from "drizzle-orm";
import { auditEvents, loginLimits, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../db/seed";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { flashOf } from "../helpers/flash";
import { callRoute, callRouteWith, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import { createUser } from "~/models/users.server";
import * as adminUser from "~/routes/admin.users.$userId";
import * as dashboard from "~/routes/_index";
import * as loginPage from "~/routes/login";
import * as logoutPage from "~/routes/logout";

type Handler = Parameters<typeof callRouteWith>[0];

function formRequest(url: string, form: Record<string, string>, headers: HeadersInit = {}) {
  const h = new Headers(headers);
  h.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: h,
    body: new URLSearchParams(form),
  });
}

/** Posts the login form; returns the status, the reply and the session cookie it set, if any. */
async function login(
  email: string,
  password: string,
  { redirectTo = "", headers = {} }: { redirectTo?: string; headers?: HeadersInit } = {},
) {
  const res = await callRouteWith(
    loginPage.action as Handler,
    formRequest("/login", { email, password, redirectTo }, headers),
  );
  const setCookie = res.headers.get("Set-Cookie");
  return {
    status: res.status,
    location: res.headers.get("Location"),
    failure: res.data as FormFailure,
    cookie: setCookie ? setCookie.split(";")[0]! : null,
    retryAfter: res.headers.get("Retry-After"),
  };
}

/** The dashboard with this cookie: 200 when it signs someone in, else a redirect to /login. */
async function dashboardWith(cookie: string) {
  const res = await callRouteWith(
    dashboard.loader as Handler,
    new Request("http://localhost/", { headers: { Cookie: cookie } }),
  );
  return res.status === 200 ? "signed in" : `${res.status} ${res.headers.get("Location")}`;
}

const SIGNED_OUT = "302 /login";

describe.each(drivers)("login and sessions on %s", (driver) => {
  let t: TestDb;
  let userNo = 0;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
    delete process.env.TRUST_PROXY;
  });

  /** A fresh user of our own, so each test's counters and sessions start clean. */
  async function newUser() {
    userNo += 1;
    const email = `person${userNo}@example.dk`;
    const password = "grøn-tekande-på-loftet";
    const user = await createUser(t.db, null, {
      name: `Person ${userNo}`,
      email,
      password,
      isAdmin: false,
    });
    return { ...user, email, password };
  }

  async function adminCookie() {
    const { cookie } = await login("admin@samarbejde.example", DEMO_PASSWORD);
    return cookie!;
  }

  async function versionOf(userId: number) {
    const [row] = await t.db
      .select({ version: users.version })
      .from(users)
      .where(eq(users.id, userId));
    return row!.version;
  }

  /** Saves a user's details on the admin page, as the administrator with this cookie. */
  async function saveUser(
    cookie: string,
    user: { id: number; name: string; email: string },
    changes: { active?: boolean; password?: string },
  ) {
    const form: Record<string, string> = {
      intent: "update",
      version: String(await versionOf(user.id)),
      name: user.name,
      email: user.email,
      password: changes.password ?? "",
    };
    if (changes.active ?? true) form.active = "on";
    if (user.id === t.demo.userIds.admin) form.isAdmin = "on";
    return callRouteWith(
      adminUser.action as Handler,
      formRequest(`/admin/users/${user.id}`, form, { Cookie: cookie }),
      { userId: String(user.id) },
    );
  }

  describe("where the login page sends you afterwards", () => {
    it("follows a path on this site", async () => {
      const user = await newUser();
      const res = await login(user.email, user.password, { redirectTo: "/plans/1?year=2025" });
      expect(res.status).toBe(302);
      expect(res.location).toBe("/plans/1?year=2025");
    });

    it.each([
      ["a tab", "/\t/evil.example"],
      ["a newline", "/\n/evil.example"],
      ["a header injection", "/plans/1\r\nSet-Cookie: x=1"],
      ["a protocol-relative URL", "//evil.example"],
      ["a backslash", "/\\evil.example"],
      ["collapsing dot segments", "/.//evil.example"],
      ["an absolute URL", "https://evil.example/"],
    ])("goes to the front page instead of a target with %s", async (_, redirectTo) => {
      const user = await newUser();
      const res = await login(user.email, user.password, { redirectTo });
      expect(res.status).toBe(302);
      expect(res.location).toBe("/");
    });

    it("does not put a hostile target into the form, nor echo it after a failure", async () => {
      const page = await callRoute(
        loginPage.loader as Handler,
        "/login?redirectTo=%2F%09%2Fevil.example",
      );
      expect(page.data).toEqual({ redirectTo: "" });
      const good = await callRoute(loginPage.loader as Handler, "/login?redirectTo=%2Fplans%2F1");
      expect(good.data).toEqual({ redirectTo: "/plans/1" });

      const user = await newUser();
      const wrong = await login(user.email, "forkert-adgangskode", {
        redirectTo: "/\t/evil.example",
      });
      expect(wrong.status).toBe(400);
      expect(wrong.failure.values).toMatchObject({ email: user.email, redirectTo: "" });
    });
  });

  describe("sessions", () => {
    it("ends every session of the user at logout, also on other devices", async () => {
      const user = await newUser();
      const laptop = (await login(user.email, user.password)).cookie!;
      const phone = (await login(user.email, user.password)).cookie!;
      expect(await dashboardWith(laptop)).toBe("signed in");
      expect(await dashboardWith(phone)).toBe("signed in");

      const out = await callRouteWith(
        logoutPage.action as Handler,
        formRequest("/logout", {}, { Cookie: laptop }),
      );
      expect(out.status).toBe(302);
      expect(await dashboardWith(laptop)).toBe(SIGNED_OUT);
      expect(await dashboardWith(phone)).toBe(SIGNED_OUT);

      // Logging in again works, and a replayed old cookie cannot end the new session.
      const again = (await login(user.email, user.password)).cookie!;
      await callRouteWith(
        logoutPage.action as Handler,
        formRequest("/logout", {}, { Cookie: laptop }),
      );
      expect(await dashboardWith(again)).toBe("signed in");
    });

    it("ends the user's sessions when an administrator sets a new password", async () => {
      const user = await newUser();
      const before = (await login(user.email, user.password)).cookie!;
      const admin = await adminCookie();

      const saved = await saveUser(admin, user, { password: "blå-cykel-under-broen" });
      expect(saved.status).toBe(302);
      expect(await dashboardWith(before)).toBe(SIGNED_OUT);
      expect((await login(user.email, user.password)).status).toBe(400);
      const after = await login(user.email, "blå-cykel-under-broen");
      expect(await dashboardWith(after.cookie!)).toBe("signed in");
      // Other changes to the user (here: none but saving) leave that session alone.
      expect((await saveUser(admin, user, {})).status).toBe(302);
      expect(await dashboardWith(after.cookie!)).toBe("signed in");
    });

    it("ends the sessions at deactivation; reactivating does not bring them back", async () => {
      const user = await newUser();
      const before = (await login(user.email, user.password)).cookie!;
      const admin = await adminCookie();

      expect((await saveUser(admin, user, { active: false })).status).toBe(302);
      expect(await dashboardWith(before)).toBe(SIGNED_OUT);
      expect((await login(user.email, user.password)).status).toBe(400);

      expect((await saveUser(admin, user, { active: true })).status).toBe(302);
      expect(await dashboardWith(before)).toBe(SIGNED_OUT);
      const fresh = await login(user.email, user.password);
      expect(await dashboardWith(fresh.cookie!)).toBe("signed in");
    });

    it("keeps an administrator signed in here after changing their own password", async () => {
      const admin = t.user("admin");
      const elsewhere = await adminCookie();
      const here = await adminCookie();
      const saved = await saveUser(here, admin, { password: "lilla-paraply-i-regnvejr" });
      expect(saved.status).toBe(302);
      const renewed = saved.headers.get("Set-Cookie")!.split(";")[0]!;
      expect(await dashboardWith(renewed)).toBe("signed in");
      // The same cookie carries the message.
      expect(await flashOf(saved)).toBe("Brugerens oplysninger er gemt.");
      expect(await dashboardWith(here)).toBe(SIGNED_OUT);
      expect(await dashboardWith(elsewhere)).toBe(SIGNED_OUT);
      // Put the demo password back for the other tests.
      expect((await saveUser(renewed, admin, { password: DEMO_PASSWORD })).status).toBe(302);
    });
  });

  describe("wrong passwords", () => {
    async function auditFor(email: string) {
      return t.db
        .select({ action: auditEvents.action, userId: auditEvents.userId })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, "login"), eq(auditEvents.entityId, email)))
        .orderBy(asc(auditEvents.id));
    }

    it("blocks an account for 15 minutes after 5 wrong passwords, even for the right one", async () => {
      const user = await newUser();
      for (let i = 1; i <= 4; i++) {
        const res = await login(user.email, `forkert-${i}`);
        expect(res.status, `attempt ${i}`).toBe(400);
        expect(res.failure.formError).toBe("E-mailadressen eller adgangskoden er forkert.");
      }
      const fifth = await login(user.email, "forkert-5");
      expect(fifth.status).toBe(429);
      expect(fifth.retryAfter).toBe("900");
      expect(fifth.failure.formError).toBe(
        "E-mailadressen eller adgangskoden er forkert. For mange forkerte forsøg. Prøv igen om 15 minutter.",
      );
      const sixth = await login(user.email, "forkert-6");
      expect(sixth.status).toBe(429);
      expect(sixth.failure.formError).toMatch(
        /^For mange forkerte forsøg\. Prøv igen om 1[45] minutter\.$/,
      );
      // The e-mail stays in the form; the password does not come back.
      expect(sixth.failure.values).toMatchObject({ email: user.email, password: "" });

      const right = await login(user.email, user.password);
      expect(right.status).toBe(429);
      expect(right.cookie).toBeNull();
      // Another account is not affected.
      const other = await newUser();
      expect((await login(other.email, other.password)).status).toBe(302);

      // Each wrong password is in the audit trail, on the account; the blocked tries are not
      // checked at all and so add nothing.
      expect(await auditFor(user.email)).toEqual([
        ...Array.from({ length: 4 }, () => ({ action: "login.failed", userId: user.id })),
        { action: "login.failed+blocked", userId: user.id },
      ]);

      // 14 minutes later: still blocked, with a minute left.
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 14 * 60_000 });
      const later = await login(user.email, user.password);
      expect(later.status).toBe(429);
      expect(later.failure.formError).toBe("For mange forkerte forsøg. Prøv igen om 1 minut.");
      // When the block has ended, the right password works.
      vi.setSystemTime(Date.now() + 61_000);
      const unblocked = await login(user.email, user.password);
      expect(unblocked.status).toBe(302);
      expect(await dashboardWith(unblocked.cookie!)).toBe("signed in");
    });

    it("starts the count afresh after a successful login", async () => {
      const user = await newUser();
      for (let i = 1; i <= 4; i++) expect((await login(user.email, "forkert")).status).toBe(400);
      expect((await login(user.email, user.password)).status).toBe(302);
      for (let i = 1; i <= 4; i++) expect((await login(user.email, "forkert")).status).toBe(400);
      expect((await login(user.email, user.password)).status).toBe(302);
    });

    it("throttles an unknown address the same way, so the answer does not reveal accounts", async () => {
      const email = "findes-ikke@example.dk";
      const statuses = [];
      for (let i = 1; i <= 6; i++) statuses.push((await login(email, "forkert")).status);
      expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
      expect(await auditFor(email)).toEqual([
        ...Array.from({ length: 4 }, () => ({ action: "login.failed", userId: null })),
        { action: "login.failed+blocked", userId: null },
      ]);
    });

    it("counts in the database, and clears counters that ended long ago", async () => {
      const longAgo = new Date(Date.now() - 2 * 3_600_000);
      await t.db
        .insert(loginLimits)
        .values({ key: "login:account:gammel", points: 3, expire: longAgo });
      const user = await newUser();
      await login(user.email, "forkert");
      const old = await t.db
        .select()
        .from(loginLimits)
        .where(eq(loginLimits.key, "login:account:gammel"));
      expect(old).toEqual([]);
      const rows = await t.db
        .select({ points: loginLimits.points })
        .from(loginLimits)
        .where(like(loginLimits.key, "login:account:%"));
      expect(rows.some((r) => r.points === 1)).toBe(true);
    });

    it("blocks a client address for an hour after 50 wrong passwords, whatever the accounts", async () => {
      process.env.TRUST_PROXY = "1";
      // The proxy appends the address it saw; what the client put further left is not trusted.
      const from = (spoofed: string) => ({ "X-Forwarded-For": `${spoofed}, 203.0.113.9` });
      for (let i = 1; i <= 49; i++) {
        const res = await login(`gaet-${i}@example.dk`, "forkert", {
          headers: from(`10.0.0.${i}`),
        });
        expect(res.status, `attempt ${i}`).toBe(400);
      }
      const fiftieth = await login("gaet-50@example.dk", "forkert", { headers: from("10.1.1.1") });
      expect(fiftieth.status).toBe(429);
      expect(fiftieth.failure.formError).toMatch(
        /^E-mailadressen eller adgangskoden er forkert\. For mange forkerte forsøg\. Prøv igen kl\. \d\d\.\d\d\.$/,
      );
      // A real user at that address must wait too; one at another address need not.
      const user = await newUser();
      const blocked = await login(user.email, user.password, { headers: from("10.2.2.2") });
      expect(blocked.status).toBe(429);
      const elsewhere = await login(user.email, user.password, {
        headers: { "X-Forwarded-For": "198.51.100.4" },
      });
      expect(elsewhere.status).toBe(302);
      // The address is in the audit trail.
      const [event] = await t.db
        .select({ after: auditEvents.after })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, "gaet-50@example.dk"));
      expect(event?.after).toMatchObject({ address: "203.0.113.9" });
    });
  });
});
