/**
 * Two real app servers (scripts/server.ts on the built app) on one PostgreSQL database, as behind
 * a load balancer (issue 15, "More than one machine"): the app keeps no state of its own, so
 * - a session cookie made by logging in on one process works on the other (shared SESSION_SECRET,
 *   the session generation in the users table), and logging out on one ends it on both;
 * - two saves of the same agreement section from the same form version, posted at the same time
 *   through different processes, end in exactly one success and one reported conflict (409 with
 *   the Danish message; the optimistic lock is in the database, not in a process).
 *
 * PostgreSQL only: PGlite is one process's embedded database and cannot be opened by two
 * processes at once (STACK.md gotcha 10). Skipped without TEST_DATABASE_URL (REQUIRE_PG=1 makes
 * a missing URL an error, test/helpers/db.ts).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreements, auditEvents, focusAreas } from "../../db/schema";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed";
import { CONFLICT_MESSAGE } from "~/http.server";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import { createAgreement } from "~/models/agreements/create.server";
import { startAppProcesses, type AppProcesses } from "../helpers/app-processes";
import { createTestDb, drivers, type TestDb } from "../helpers/db";

/** Logs in on `baseUrl` and returns the session cookie ("__session=…"). */
async function login(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  expect(res.status).toBe(302);
  expect(cookie).toMatch(/^__session=/);
  return cookie!.split(";")[0]!;
}

function get(url: string, cookie?: string) {
  return fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
}

/** The version the page's form posts back (its hidden `version` field). */
function formVersion(html: string): string {
  const input = /<input[^>]*name="version"[^>]*>/.exec(html)?.[0];
  const version = input && /value="(\d+)"/.exec(input)?.[1];
  if (!version) throw new Error("the page has no version field");
  return version;
}

describe.skipIf(!drivers.includes("postgres"))(
  "two app processes on one PostgreSQL (skipped without TEST_DATABASE_URL: PGlite cannot be shared between processes)",
  () => {
    let t: TestDb;
    let apps: AppProcesses;
    let one: string;
    let two: string;

    beforeAll(async () => {
      t = await createTestDb("postgres");
      apps = await startAppProcesses(2, {
        databaseUrl: t.url!,
        env: { BACKGROUND_JOBS: "0" },
      });
      [one, two] = apps.urls as [string, string];
    }, 240_000);

    afterAll(async () => {
      await apps?.stop();
      await t?.close();
    });

    it("runs two separate server processes", () => {
      expect(apps.processes.map((p) => p.pid)).toHaveLength(2);
      expect(new Set(apps.processes.map((p) => p.pid)).size).toBe(2);
      expect(one).not.toBe(two);
    });

    it("accepts a session cookie made by one process on the other; a logout on either ends it on both", async () => {
      const cookie = await login(one, DEMO_USERS.secretariat.email);

      // Not signed in: the dashboard sends to the login page.
      const anonymous = await get(`${two}/`);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/login/);

      // The same cookie, on the other process: the secretariat's own dashboard.
      for (const url of [one, two]) {
        const res = await get(`${url}/`, cookie);
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain(DEMO_USERS.secretariat.name);
        expect(html).toContain("Helhedsplan Strandengen og Solsikkeparken");
      }

      // Logging out on process 2 raises the session generation in the database: the cookie no
      // longer works on process 1 either.
      const out = await fetch(`${two}/logout`, {
        method: "POST",
        headers: { cookie },
        body: new URLSearchParams(),
        redirect: "manual",
      });
      expect(out.status).toBe(302);
      for (const url of [one, two]) {
        const res = await get(`${url}/`, cookie);
        expect(res.status).toBe(302);
        expect(res.headers.get("location")).toMatch(/^\/login/);
      }
    });

    it("ends two saves of one section from the same version, through different processes, in one success and one conflict", async () => {
      const [focusArea] = await t.db
        .select({ id: focusAreas.id })
        .from(focusAreas)
        .where(eq(focusAreas.name, "Kriminalitetsforebyggelse"));
      const agreement = await createAgreement(t.db, t.user("secretariat"), t.demo.planId, {
        focusAreaId: focusArea!.id,
        openingText: OPENING_CLAUSE_DEFAULTS["2018"],
        validFrom: "2023-01-01",
        validTo: "2026-12-31",
      });
      const path = `/plans/${t.demo.planId}/agreements/${agreement.id}/edit/interplay`;

      // Each user opens the form on "their" process and sees the same version.
      const [cookieA, cookieB] = [
        await login(one, DEMO_USERS.secretariat.email),
        await login(two, DEMO_USERS.secretariat.email),
      ];
      const pageA = await get(`${one}${path}`, cookieA);
      const pageB = await get(`${two}${path}`, cookieB);
      expect([pageA.status, pageB.status]).toEqual([200, 200]);
      const version = formVersion(await pageA.text());
      expect(formVersion(await pageB.text())).toBe(version);

      const texts = ["Gemt gennem proces 1.", "Gemt gennem proces 2."];
      const save = (url: string, cookie: string, text: string) =>
        fetch(`${url}${path}`, {
          method: "POST",
          headers: { cookie },
          body: new URLSearchParams({ version, municipalInterplay: text, anchoring: "" }),
          redirect: "manual",
        });
      // Both at once: the database decides which one came first.
      const answers = await Promise.all([
        save(one, cookieA, texts[0]!),
        save(two, cookieB, texts[1]!),
      ]);
      const statuses = answers.map((r) => r.status);
      expect([...statuses].sort()).toEqual([302, 409]);

      const loser = answers[statuses.indexOf(409)]!;
      const html = await loser.text();
      expect(html).toContain(CONFLICT_MESSAGE);
      // The losing form keeps its input.
      expect(html).toContain(texts[statuses.indexOf(409)]!);

      const winnerText = texts[statuses.indexOf(302)]!;
      const [row] = await t.db
        .select({ version: agreements.version, municipalInterplay: agreements.municipalInterplay })
        .from(agreements)
        .where(eq(agreements.id, agreement.id));
      expect(row!.version).toBe(Number(version) + 1);
      expect(JSON.stringify(row!.municipalInterplay)).toContain(winnerText);
      expect(JSON.stringify(row!.municipalInterplay)).not.toContain(texts[statuses.indexOf(409)]!);
      const audits = await t.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.entityId, String(agreement.id)),
            eq(auditEvents.action, "agreement.interplay.update"),
          ),
        );
      expect(audits).toHaveLength(1);
    });
  },
);
