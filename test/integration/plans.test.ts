import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { auditEvents, planOrganisations, plans } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { getPlanPage, listPlansForUser, updatePlan, createPlan } from "~/models/plans.server";
import { ConflictError, FieldValidationError } from "~/models/errors.server";
import * as planPage from "~/routes/plans.$planId._index";
import * as planEdit from "~/routes/plans.$planId.edit";
import * as planNew from "~/routes/plans.new";

describe.each(drivers)("plans on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists only the plans a user is a member of; admins see all", async () => {
    const mine = await listPlansForUser(t.db, t.user("secretariat"));
    expect(mine.map((p) => p.id)).toEqual([t.demo.planId]);
    expect(mine[0]!.role).toBe("secretariat");
    const other = await listPlansForUser(t.db, t.user("otherPlan"));
    expect(other.map((p) => p.id)).toEqual([t.demo.otherPlanId]);
    const all = await listPlansForUser(t.db, t.user("admin"));
    expect(all.map((p) => p.id).sort()).toEqual([t.demo.planId, t.demo.otherPlanId].sort());
  });

  it("shows the plan page to members and 404 to a user of another plan", async () => {
    const ok = await callRoute(planPage.loader, `/plans/${t.demo.planId}`, {
      userId: t.demo.userIds.viewer,
      params: { planId: String(t.demo.planId) },
    });
    expect(ok.status).toBe(200);
    const page = ok.data as Awaited<ReturnType<typeof getPlanPage>>;
    expect(page!.plan.name).toBe("Helhedsplan Strandengen og Solsikkeparken");
    expect(page!.plan.estates.map((e) => e.name)).toEqual([
      "Afd. 12 Strandengen",
      "Afd. 4 Solsikkeparken",
    ]);
    expect(page!.plan.members.map((m) => m.role)).toEqual([
      "secretariat",
      "board",
      "reporter",
      "viewer",
    ]);

    const denied = await callRoute(planPage.loader, `/plans/${t.demo.planId}`, {
      userId: t.demo.userIds.otherPlan,
      params: { planId: String(t.demo.planId) },
    });
    expect(denied.status).toBe(404);
    const missing = await callRoute(planPage.loader, `/plans/999999`, {
      userId: t.demo.userIds.admin,
      params: { planId: "999999" },
    });
    expect(missing.status).toBe(404);
  });

  it("redirects an anonymous visitor to the login page", async () => {
    const res = await callRoute(planPage.loader, `/plans/${t.demo.planId}`, {
      params: { planId: String(t.demo.planId) },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=%2Fplans%2F${t.demo.planId}`);
  });

  it("loads the plan page with a fixed number of queries, however many estates and members", async () => {
    const { db, queries } = createCountingDb(t);
    await getPlanPage(db, t.user("secretariat"), t.demo.planId);
    const before = queries.length;
    expect(before).toBeLessThanOrEqual(2);
    // Add more estates to the plan and count again.
    await t.db.insert(planOrganisations).values([
      { planId: t.demo.planId, organisationId: t.demo.organisationIds.kloeverhaven! },
      { planId: t.demo.planId, organisationId: t.demo.organisationIds.moelleaasen! },
    ]);
    queries.length = 0;
    const page = await getPlanPage(db, t.user("secretariat"), t.demo.planId);
    expect(page!.plan.estates).toHaveLength(4);
    expect(queries.length).toBe(before);
    await t.db
      .delete(planOrganisations)
      .where(
        and(
          eq(planOrganisations.planId, t.demo.planId),
          inArray(planOrganisations.organisationId, [
            t.demo.organisationIds.kloeverhaven!,
            t.demo.organisationIds.moelleaasen!,
          ]),
        ),
      );
  });

  it("creates a plan with its organisations and an audit event, and makes the creator secretariat", async () => {
    const user = t.user("secretariat");
    const plan = await createPlan(t.db, user, {
      name: "Helhedsplan Testbyen",
      fundingRoundId: 3,
      periodStart: "2025-01-01",
      periodEnd: "2028-12-31",
      status: "draft",
      municipalityId: t.demo.organisationIds.municipality!,
      organisationIds: [t.demo.organisationIds.faellesbo!],
      description: null,
      revisionIntervalMonths: 12,
      reportDueMonthDay: "04-30",
    });
    expect(plan.reportDueMonthDay).toBe("04-30");
    const mine = await listPlansForUser(t.db, user);
    expect(mine.find((p) => p.id === plan.id)?.role).toBe("secretariat");
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(plan.id)));
    expect(events.find((e) => e.action === "plan.create")?.userId).toBe(user.id);
  });

  it("rejects a municipality that is not a municipality", async () => {
    await expect(
      createPlan(t.db, t.user("secretariat"), {
        name: "Forkert",
        fundingRoundId: 3,
        periodStart: "2025-01-01",
        periodEnd: "2028-12-31",
        status: "draft",
        municipalityId: t.demo.organisationIds.school!,
        organisationIds: [],
        description: null,
        revisionIntervalMonths: 12,
        reportDueMonthDay: "06-30",
      }),
    ).rejects.toBeInstanceOf(FieldValidationError);
  });

  it("detects a concurrent edit and keeps the first save", async () => {
    const user = t.user("secretariat");
    const [current] = await t.db.select().from(plans).where(eq(plans.id, t.demo.planId));
    const values = {
      name: current!.name,
      fundingRoundId: current!.fundingRoundId,
      periodStart: current!.periodStart,
      periodEnd: current!.periodEnd,
      status: current!.status,
      municipalityId: current!.municipalityId,
      organisationIds: [t.demo.organisationIds.faellesbo!],
      description: "Første gemning",
      revisionIntervalMonths: current!.revisionIntervalMonths,
      reportDueMonthDay: current!.reportDueMonthDay,
    };
    await updatePlan(t.db, user, t.demo.planId, current!.version, values);
    await expect(
      updatePlan(t.db, user, t.demo.planId, current!.version, {
        ...values,
        description: "Anden gemning",
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const [after] = await t.db.select().from(plans).where(eq(plans.id, t.demo.planId));
    expect(after!.description).toBe("Første gemning");
    expect(after!.version).toBe(current!.version + 1);
  });

  it("answers a bad plan form with 400, Danish messages and the typed values", async () => {
    const res = await callRoute(planNew.action, "/plans/new", {
      userId: t.demo.userIds.secretariat,
      form: {
        name: "  ",
        fundingRoundId: "",
        periodStart: "2025-05-01",
        periodEnd: "2024-01-01",
        status: "draft",
      },
    });
    expect(res.status).toBe(400);
    const body = res.data as { errors: Record<string, string>; values: Record<string, unknown> };
    expect(body.errors.name).toBe("Skriv planens navn");
    expect(body.errors.fundingRoundId).toBe("Vælg en pulje");
    expect(body.errors.periodEnd).toBe("Slutdatoen skal ligge efter startdatoen");
    expect(body.values.periodStart).toBe("2025-05-01");
  });

  it("lets only secretariat and admins edit a plan", async () => {
    const params = { planId: String(t.demo.planId) };
    for (const key of ["board", "reporter", "viewer"] as const) {
      const res = await callRoute(planEdit.loader, `/plans/${t.demo.planId}/edit`, {
        userId: t.demo.userIds[key],
        params,
      });
      expect(res.status, key).toBe(403);
    }
    const other = await callRoute(planEdit.action, `/plans/${t.demo.planId}/edit`, {
      userId: t.demo.userIds.otherPlan,
      params,
      form: { version: "1", name: "Kapret" },
    });
    expect(other.status).toBe(404);
    const admin = await callRoute(planEdit.loader, `/plans/${t.demo.planId}/edit`, {
      userId: t.demo.userIds.admin,
      params,
    });
    expect(admin.status).toBe(200);
    const edit = admin.data as { plan: { values: { reportDueMonthDay: string } } };
    expect(edit.plan.values.reportDueMonthDay).toBe("06-30");
  });

  it("stores the report deadline typed day first and shows it on the plan page", async () => {
    const [current] = await t.db.select().from(plans).where(eq(plans.id, t.demo.planId));
    const orgs = await t.db
      .select({ id: planOrganisations.organisationId })
      .from(planOrganisations)
      .where(eq(planOrganisations.planId, t.demo.planId));
    const params = { planId: String(t.demo.planId) };
    const res = await callRoute(planEdit.action, `/plans/${t.demo.planId}/edit`, {
      userId: t.demo.userIds.secretariat,
      params,
      form: {
        version: String(current!.version),
        name: current!.name,
        fundingRoundId: String(current!.fundingRoundId),
        periodStart: current!.periodStart,
        periodEnd: current!.periodEnd,
        status: current!.status,
        municipalityId: String(current!.municipalityId ?? ""),
        organisationIds: orgs.map((o) => String(o.id)),
        description: current!.description ?? "",
        reportDueMonthDay: "15-05",
      },
    });
    expect(res.status).toBe(302);
    const page = await getPlanPage(t.db, t.user("viewer"), t.demo.planId);
    expect(page!.plan.reportDueMonthDay).toBe("05-15");
    await t.db.update(plans).set({ reportDueMonthDay: "06-30" }).where(eq(plans.id, t.demo.planId));
  });

  it("returns 409 and keeps the input when the form's version is outdated", async () => {
    const res = await callRoute(planEdit.action, `/plans/${t.demo.planId}/edit`, {
      userId: t.demo.userIds.secretariat,
      params: { planId: String(t.demo.planId) },
      form: {
        version: "1",
        name: "Mit nye navn",
        fundingRoundId: "3",
        periodStart: "2023-01-01",
        periodEnd: "2026-12-31",
        status: "active",
      },
    });
    expect(res.status).toBe(409);
    expect((res.data as { values: { name: string } }).values.name).toBe("Mit nye navn");
  });
});
