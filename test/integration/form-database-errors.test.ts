/**
 * Input that passes its schema but that the database refuses (a chosen organisation that no longer
 * exists): the form answers 400 with a message and the user's input, saves nothing, and never 500.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreements, workingGroups } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import * as workingGroupsPage from "~/routes/plans.$planId.agreements.$agreementId.edit.working-groups";

describe.each(drivers)("a form whose choice the database refuses, on %s", (driver) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers 400 with a message and the input when a chosen organisation does not exist", async () => {
    const agreementId = t.demo.agreementId;
    const [agreement] = await t.db
      .select({ version: agreements.version })
      .from(agreements)
      .where(eq(agreements.id, agreementId));
    const before = await t.db
      .select({ name: workingGroups.name })
      .from(workingGroups)
      .where(eq(workingGroups.agreementId, agreementId));
    const res = await callRoute(
      workingGroupsPage.action,
      `/plans/${t.demo.planId}/agreements/${agreementId}/edit/working-groups`,
      {
        userId: t.demo.userIds.secretariat,
        params: { planId: String(t.demo.planId), agreementId: String(agreementId) },
        form: {
          version: String(agreement!.version),
          "groups.0.name": "Ny styregruppe",
          "groups.0.members.0.organisationId": "2147483647",
          "groups.0.members.0.description": "Repræsentant",
        },
      },
    );
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.formError).toMatch(/findes ikke længere/);
    expect(body.values).toMatchObject({ groups: [{ name: "Ny styregruppe" }] });
    const after = await t.db
      .select({ name: workingGroups.name })
      .from(workingGroups)
      .where(eq(workingGroups.agreementId, agreementId));
    expect(after).toEqual(before);
  });
});
