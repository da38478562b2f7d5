/**
 * /healthz, the probe a load balancer or monitor polls: 200 while the database answers a query,
 * 503 with a Danish text once it does not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { loader } from "~/routes/healthz";

describe.each(drivers)("/healthz on %s", (driver) => {
  let db: TestDb;
  let closed = false;
  beforeAll(async () => {
    db = await createTestDb(driver, { seed: false });
    useTestDbForRoutes(db);
  });
  afterAll(async () => {
    if (!closed) await db?.close();
  });

  it("answers 200 while the database answers, 503 when it is down", async () => {
    const up = await callRoute(loader, "/healthz");
    expect(up.status).toBe(200);
    expect(up.data).toBe("ok");
    expect(up.headers.get("Cache-Control")).toBe("no-store");

    await db.close();
    closed = true;
    const down = await callRoute(loader, "/healthz");
    expect(down.status).toBe(503);
    expect(down.data).toBe("Databasen svarer ikke");
    expect(down.headers.get("Cache-Control")).toBe("no-store");
  });
});
