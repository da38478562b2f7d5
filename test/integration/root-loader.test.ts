/**
 * The root loader's fixed cost per page (issue 15): the signed-in user, the menu's roles and the
 * unread count are one query, and the page's loader for the same request does not look the user
 * up again, whichever of the two runs first. The header's figures stay right.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { createPlan, createUser } from "../helpers/factories";
import { buildRequest, callRouteWith, useTestDbForRoutes } from "../helpers/routes";
import type { SessionUser } from "~/domain/user";
import { notify } from "~/models/notifications.server";
import * as root from "~/root";
import * as planPage from "~/routes/plans.$planId._index";

type RootData = Awaited<ReturnType<typeof root.loader>>["data"];

describe.each(drivers)("the root loader on %s", (driver) => {
  let t: TestDb;
  let member: SessionUser;
  let admin: SessionUser;
  let planId: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    member = await createUser(t.db);
    admin = await createUser(t.db, { isAdmin: true });
    const plan = await createPlan(t.db, { members: { secretariat: member, board: member } });
    planId = plan.id;
    for (let i = 0; i < 3; i++) {
      await notify(t.db, {
        kind: "revision_submitted",
        recipients: { userIds: [member.id] },
        actorId: null,
        title: `Besked ${i}`,
        body: "",
        path: `/plans/${planId}`,
      });
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Runs `run` with the routes on a database that records their queries. */
  async function counting<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
    const { db, queries } = createCountingDb(t);
    useTestDbForRoutes({ ...t, db });
    try {
      return { result: await run(), queries };
    } finally {
      useTestDbForRoutes(t);
    }
  }
  const userLookups = (queries: string[]) =>
    queries.filter((q) => q.includes("session_generation"));

  it("reads user, menu and unread count in one query", async () => {
    const request = await buildRequest("/", { userId: member.id });
    const { result, queries } = await counting(() => callRouteWith(root.loader, request));
    expect(queries).toHaveLength(1);
    const data = result.data as RootData;
    expect(data.user).toMatchObject({ id: member.id, name: member.name, isAdmin: false });
    expect(data.unread).toBe(3);
    // Secretariat and board: the plans, the board's decisions; no fund.
    const labels = data.menu.map((m) => m.to);
    expect(labels).toContain("/revisions");
    expect(labels).toContain("/organisations");
    expect(labels).not.toContain("/funds");
    expect(data.showFunds).toBe(false);
  });

  it("gives an administrator every menu item, in one query", async () => {
    const request = await buildRequest("/", { userId: admin.id });
    const { result, queries } = await counting(() => callRouteWith(root.loader, request));
    expect(queries).toHaveLength(1);
    const data = result.data as RootData;
    expect(data.user?.isAdmin).toBe(true);
    expect(data.showFunds).toBe(true);
    expect(data.unread).toBe(0);
  });

  it("looks the user up once for the root and the page's loader, whichever runs first", async () => {
    for (const rootFirst of [true, false]) {
      const request = await buildRequest(`/plans/${planId}`, { userId: member.id });
      const params = { planId: String(planId) };
      const { result, queries } = await counting(async () => {
        if (rootFirst) {
          const r = callRouteWith(root.loader, request);
          const p = callRouteWith(planPage.loader, request, params);
          return Promise.all([r, p]);
        }
        const p = callRouteWith(planPage.loader, request, params);
        const r = callRouteWith(root.loader, request);
        return Promise.all([r, p]);
      });
      expect(result[1].status).toBe(200);
      expect((result[0].data as RootData).unread).toBe(3);
      expect(userLookups(queries)).toHaveLength(1);
    }
  });

  it("signs no one in on an ended session, without reading the header", async () => {
    const request = await buildRequest("/", { userId: member.id });
    await t.db
      .update(users)
      .set({ sessionGeneration: sql`${users.sessionGeneration} + 1` })
      .where(eq(users.id, member.id));
    const { result, queries } = await counting(() => callRouteWith(root.loader, request));
    expect(queries).toHaveLength(1);
    const data = result.data as RootData;
    expect(data.user).toBeNull();
    expect(data.menu).toEqual([]);
    expect(data.unread).toBe(0);
    const page = await callRouteWith(planPage.loader, request, { planId: String(planId) });
    expect(page.status).toBe(302);
  });
});
