import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, planMemberships, users } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { flashOf } from "../helpers/flash";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { verifyLogin } from "~/models/users.server";
import * as userList from "~/routes/admin.users._index";
import * as userNew from "~/routes/admin.users.new";
import * as userPage from "~/routes/admin.users.$userId";
import { runCreateUser } from "../../scripts/create-user";

interface Failure {
  ok: false;
  intent?: string;
  errors: Record<string, string>;
  formError?: string;
  values: Record<string, unknown>;
}

describe.each(drivers)("user administration on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const adminId = () => t.demo.userIds.admin;

  async function findUser(email: string) {
    const [row] = await t.db.select().from(users).where(eq(users.email, email));
    return row;
  }

  async function createViaRoute(email: string) {
    return callRoute(userNew.action, "/admin/users/new", {
      userId: adminId(),
      form: { name: "Test Testesen", email, password: "en-lang-adgangskode" },
    });
  }

  function postToUser(userId: number, form: Record<string, string>, as = adminId()) {
    return callRoute(userPage.action, `/admin/users/${userId}`, {
      userId: as,
      params: { userId: String(userId) },
      form,
    });
  }

  async function planRoles(userId: number) {
    return t.db
      .select({ planId: planMemberships.planId, role: planMemberships.role })
      .from(planMemberships)
      .where(eq(planMemberships.userId, userId));
  }

  it("refuses non-administrators with 403", async () => {
    const list = await callRoute(userList.loader, "/admin/users", {
      userId: t.demo.userIds.secretariat,
    });
    expect(list.status).toBe(403);
    const create = await callRoute(userNew.action, "/admin/users/new", {
      userId: t.demo.userIds.secretariat,
      form: { name: "Kapret", email: "kapret@example.dk", password: "en-lang-adgangskode" },
    });
    expect(create.status).toBe(403);
    expect(await findUser("kapret@example.dk")).toBeUndefined();
    const page = await callRoute(userPage.loader, `/admin/users/${adminId()}`, {
      userId: t.demo.userIds.secretariat,
      params: { userId: String(adminId()) },
    });
    expect(page.status).toBe(403);
    const write = await postToUser(
      t.demo.userIds.secretariat,
      { intent: "set-plan-membership", "planMembership.planId": String(t.demo.otherPlanId) },
      t.demo.userIds.secretariat,
    );
    expect(write.status).toBe(403);
  });

  it("lists users with their plan count and last login", async () => {
    await verifyLogin(t.db, "sekretariat@samarbejde.example", "demo-adgang-2026");
    const res = await callRoute(userList.loader, "/admin/users", { userId: adminId() });
    expect(res.status).toBe(200);
    const list = (res.data as Awaited<ReturnType<typeof userList.loader>>).users;
    const secretariat = list.find((u) => u.id === t.demo.userIds.secretariat)!;
    expect(secretariat.planCount).toBe(1);
    expect(secretariat.lastLoginAt).toBeInstanceOf(Date);
    expect(list.find((u) => u.id === t.demo.userIds.fundAdmin)!.lastLoginAt).toBeNull();
  });

  it("answers 404 for an unknown user", async () => {
    const page = await callRoute(userPage.loader, "/admin/users/999999", {
      userId: adminId(),
      params: { userId: "999999" },
    });
    expect(page.status).toBe(404);
    const write = await postToUser(999999, { intent: "remove-plan-membership", planId: "1" });
    expect(write.status).toBe(404);
  });

  it("creates a user, redirects to their page and records an audit event", async () => {
    const res = await createViaRoute("ny.bruger@example.dk");
    expect(res.status).toBe(302);
    const created = await findUser("ny.bruger@example.dk");
    expect(created?.name).toBe("Test Testesen");
    expect(created?.isAdmin).toBe(false);
    expect(res.headers.get("Location")).toBe(`/admin/users/${created!.id}`);
    expect(await flashOf(res)).toBe("Brugeren er oprettet.");
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "user.create"), eq(auditEvents.entityId, String(created!.id))),
      );
    expect(event?.userId).toBe(adminId());
    expect(JSON.stringify(event?.after)).not.toContain("adgangskode");

    const page = await callRoute(userPage.loader, `/admin/users/${created!.id}`, {
      userId: adminId(),
      params: { userId: String(created!.id) },
    });
    expect(page.status).toBe(200);
    const data = page.data as Awaited<ReturnType<typeof userPage.loader>>;
    expect(data.user.email).toBe("ny.bruger@example.dk");
    expect(data.user).not.toHaveProperty("passwordHash");
  });

  it("rejects a short password with 400, keeps the typed values and never echoes the password", async () => {
    const res = await callRoute(userNew.action, "/admin/users/new", {
      userId: adminId(),
      form: { name: "Kort Kode", email: "kort@example.dk", password: "kort", isAdmin: "on" },
    });
    expect(res.status).toBe(400);
    const body = res.data as Failure;
    expect(body.errors.password).toBe("Adgangskoden skal have mindst 10 tegn");
    expect(body.values.name).toBe("Kort Kode");
    expect(body.values.email).toBe("kort@example.dk");
    expect(body.values.isAdmin).toBe("on");
    expect(body.values.password).toBe("");
    expect(await findUser("kort@example.dk")).toBeUndefined();
  });

  it.each([
    ["aaaaaaaaaa", /^Adgangskoden er for let at gætte\. Gentagne tegn/],
    ["1234567890", /^Adgangskoden er for let at gætte\. Det er en af de mest brugte/],
    ["          ", /^Adgangskoden er for let at gætte\./],
    ["Velkommen2026", /^Adgangskoden er for let at gætte\./],
    ["svag@example.dk", /^Adgangskoden må ikke indeholde brugerens navn eller e-mailadresse\.$/],
    ["Svend Vagn Hansen", /^Adgangskoden må ikke indeholde brugerens navn eller e-mailadresse\.$/],
  ])(
    "refuses the weak password %j next to the field and keeps the other input",
    async (password, reason) => {
      const res = await callRoute(userNew.action, "/admin/users/new", {
        userId: adminId(),
        form: { name: "Svend Vagn Hansen", email: "svag@example.dk", password, isAdmin: "on" },
      });
      expect(res.status).toBe(400);
      const body = res.data as Failure;
      expect(body.errors.password).toMatch(reason);
      expect(body.values).toMatchObject({
        name: "Svend Vagn Hansen",
        email: "svag@example.dk",
        isAdmin: "on",
        password: "",
      });
      expect(await findUser("svag@example.dk")).toBeUndefined();
    },
  );

  it("refuses a weak new password when an administrator resets one", async () => {
    await createViaRoute("nulstil@example.dk");
    const user = (await findUser("nulstil@example.dk"))!;
    const res = await postToUser(user.id, {
      intent: "update",
      version: String(user.version),
      name: user.name,
      email: user.email,
      active: "on",
      password: "sommer2024!",
    });
    expect(res.status).toBe(400);
    const body = res.data as Failure;
    expect(body.intent).toBe("update");
    expect(body.errors.password).toMatch(/^Adgangskoden er for let at gætte\./);
    expect(body.values).toMatchObject({ name: user.name, password: "" });
    expect((await findUser("nulstil@example.dk"))!.passwordHash).toBe(user.passwordHash);
  });

  it("rejects a duplicate email with a message on the email field", async () => {
    const res = await callRoute(userNew.action, "/admin/users/new", {
      userId: adminId(),
      form: {
        name: "Dobbelt",
        email: "SEKRETARIAT@samarbejde.example",
        password: "en-lang-adgangskode",
      },
    });
    expect(res.status).toBe(400);
    const body = res.data as Failure;
    expect(body.errors.email).toBe("Der findes allerede en bruger med denne e-mailadresse");
    expect(body.values.password).toBe("");
  });

  it("updates a user, and answers an outdated version with 409 tagged with its form", async () => {
    await createViaRoute("opdater@example.dk");
    const user = (await findUser("opdater@example.dk"))!;
    const form = {
      intent: "update",
      version: String(user.version),
      name: "Opdateret Navn",
      email: "opdater@example.dk",
      active: "on",
      password: "",
    };
    const ok = await postToUser(user.id, form);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/admin/users/${user.id}`);
    expect(await flashOf(ok)).toBe("Brugerens oplysninger er gemt.");
    const after = (await findUser("opdater@example.dk"))!;
    expect(after.name).toBe("Opdateret Navn");
    // An empty password keeps the current one.
    expect(after.passwordHash).toBe(user.passwordHash);

    const stale = await postToUser(user.id, {
      ...form,
      name: "For sent",
      password: "en-ny-lang-adgangskode",
    });
    expect(stale.status).toBe(409);
    const body = stale.data as Failure;
    expect(body.intent).toBe("update");
    expect(body.values.name).toBe("For sent");
    expect(body.values.password).toBe("");
    expect((await findUser("opdater@example.dk"))!.name).toBe("Opdateret Navn");
  });

  it("changes the password and lets the user log in with it", async () => {
    await createViaRoute("skift@example.dk");
    const user = (await findUser("skift@example.dk"))!;
    const res = await postToUser(user.id, {
      intent: "update",
      version: String(user.version),
      name: user.name,
      email: user.email,
      active: "on",
      password: "blaa-tekande-paa-loftet",
    });
    expect(res.status).toBe(302);
    expect(await verifyLogin(t.db, "skift@example.dk", "en-lang-adgangskode")).toBeNull();
    expect((await verifyLogin(t.db, "skift@example.dk", "blaa-tekande-paa-loftet"))?.id).toBe(
      user.id,
    );
  });

  it("gives a plan role, replaces it and removes it", async () => {
    await createViaRoute("rolle@example.dk");
    const user = (await findUser("rolle@example.dk"))!;
    const give = (role: string) =>
      postToUser(user.id, {
        intent: "set-plan-membership",
        "planMembership.planId": String(t.demo.planId),
        "planMembership.role": role,
      });

    const given = await give("viewer");
    expect(given.status).toBe(302);
    expect(given.headers.get("Location")).toBe(`/admin/users/${user.id}#plans-title`);
    expect(await flashOf(given)).toBe("Rollen i helhedsplanen er gemt.");
    expect(await planRoles(user.id)).toEqual([{ planId: t.demo.planId, role: "viewer" }]);
    expect((await give("board")).status).toBe(302);
    expect(await planRoles(user.id)).toEqual([{ planId: t.demo.planId, role: "board" }]);

    const missingRole = await postToUser(user.id, {
      intent: "set-plan-membership",
      "planMembership.planId": String(t.demo.planId),
      "planMembership.role": "",
    });
    expect(missingRole.status).toBe(400);
    const body = missingRole.data as Failure;
    expect(body.intent).toBe("set-plan-membership");
    expect(body.errors["planMembership.role"]).toBe("Vælg en rolle");

    const removed = await postToUser(user.id, {
      intent: "remove-plan-membership",
      planId: String(t.demo.planId),
    });
    expect(removed.status).toBe(302);
    expect(await flashOf(removed)).toBe("Brugeren er fjernet fra helhedsplanen.");
    expect(await planRoles(user.id)).toEqual([]);
    const events = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, `${t.demo.planId}:${user.id}`));
    expect(events.map((e) => e.action)).toEqual([
      "plan_membership.set",
      "plan_membership.set",
      "plan_membership.remove",
    ]);
  });

  it("requires an estate for an applicant, then adds and removes the membership", async () => {
    await createViaRoute("ansoeger2@example.dk");
    const user = (await findUser("ansoeger2@example.dk"))!;
    const form = {
      intent: "add-organisation-membership",
      "organisationMembership.organisationId": String(t.demo.organisationIds.laerkereden),
      "organisationMembership.role": "applicant",
      "organisationMembership.estateId": "",
    };
    const noEstate = await postToUser(user.id, form);
    expect(noEstate.status).toBe(400);
    const body = noEstate.data as Failure;
    expect(body.intent).toBe("add-organisation-membership");
    expect(body.errors["organisationMembership.estateId"]).toBe("Vælg den afdeling, der søger");
    expect(body.values).toMatchObject({
      organisationMembership: { role: "applicant" },
    });

    const wrongEstate = await postToUser(user.id, {
      ...form,
      "organisationMembership.estateId": String(t.demo.organisationIds.strandengen),
    });
    expect(wrongEstate.status).toBe(400);
    expect((wrongEstate.data as Failure).errors["organisationMembership.estateId"]).toBe(
      "Vælg en afdeling, der hører til boligorganisationen",
    );

    const ok = await postToUser(user.id, {
      ...form,
      "organisationMembership.estateId": String(t.demo.organisationIds.kloeverhaven),
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/admin/users/${user.id}#funds-title`);
    expect(await flashOf(ok)).toBe("Tilknytningen er tilføjet.");
    const page = await callRoute(userPage.loader, `/admin/users/${user.id}`, {
      userId: adminId(),
      params: { userId: String(user.id) },
    });
    const memberships = (page.data as Awaited<ReturnType<typeof userPage.loader>>).user
      .organisationMemberships;
    expect(memberships).toHaveLength(1);
    expect(memberships[0]!.estate?.name).toBe("Afd. 7 Kløverhaven");

    const removed = await postToUser(user.id, {
      intent: "remove-organisation-membership",
      membershipId: String(memberships[0]!.id),
    });
    expect(removed.status).toBe(302);
    expect(await flashOf(removed)).toBe("Tilknytningen er fjernet.");
    const again = await callRoute(userPage.loader, `/admin/users/${user.id}`, {
      userId: adminId(),
      params: { userId: String(user.id) },
    });
    expect(
      (again.data as Awaited<ReturnType<typeof userPage.loader>>).user.organisationMemberships,
    ).toEqual([]);
  });

  it("does not let an administrator remove their own administrator flag", async () => {
    const [me] = await t.db.select().from(users).where(eq(users.id, adminId()));
    const res = await postToUser(adminId(), {
      intent: "update",
      version: String(me!.version),
      name: me!.name,
      email: me!.email,
      active: "on",
    });
    expect(res.status).toBe(400);
    const body = res.data as Failure;
    expect(body.intent).toBe("update");
    expect(body.errors.isAdmin).toBe(
      "Du kan ikke fjerne din egen administratorrolle eller deaktivere dig selv",
    );
    const [after] = await t.db.select().from(users).where(eq(users.id, adminId()));
    expect(after!.isAdmin).toBe(true);
  });

  it("rejects an unknown intent with 400", async () => {
    const res = await postToUser(t.demo.userIds.viewer, { intent: "delete-everything" });
    expect(res.status).toBe(400);
  });

  describe("the create-user script", () => {
    it("creates an administrator with a plan role", async () => {
      const result = await runCreateUser(
        [
          "--email",
          "Script@Example.dk",
          "--name",
          "Script Bruger",
          "--password",
          "roed-cykel-under-broen",
          "--admin",
          "--plan",
          String(t.demo.planId),
          "--role",
          "reporter",
        ],
        t.db,
      );
      expect(result.exitCode).toBe(0);
      expect(result.message).toContain("er oprettet");
      const created = (await findUser("script@example.dk"))!;
      expect(created.isAdmin).toBe(true);
      expect(await planRoles(created.id)).toEqual([{ planId: t.demo.planId, role: "reporter" }]);
      expect((await verifyLogin(t.db, "script@example.dk", "roed-cykel-under-broen"))?.id).toBe(
        created.id,
      );
    });

    it("prints Danish errors and exits with 1 on bad arguments", async () => {
      const result = await runCreateUser(
        ["--email", "ikke-en-email", "--password", "kort", "--role", "chef"],
        t.db,
      );
      expect(result.exitCode).toBe(1);
      expect(result.message).toContain("--email: Skriv en gyldig e-mailadresse");
      expect(result.message).toContain("--name: Skriv brugerens navn");
      expect(result.message).toContain("--password: Adgangskoden skal have mindst 10 tegn");
      expect(result.message).toContain("--plan: Vælg en plan");
      expect(result.message).toContain("--role: Vælg en rolle");
      expect(result.message).not.toContain("kort");

      const weak = await runCreateUser(
        ["--email", "svag-cli@example.dk", "--name", "Svag", "--password", "1234567890"],
        t.db,
      );
      expect(weak.exitCode).toBe(1);
      expect(weak.message).toContain("--password: Adgangskoden er for let at gætte.");
      expect(await findUser("svag-cli@example.dk")).toBeUndefined();

      const unknown = await runCreateUser(["--bogus"], t.db);
      expect(unknown.exitCode).toBe(1);
      expect(unknown.message).toContain("Ukendt argument");
    });

    it("leaves nothing behind when the plan does not exist or the email is taken", async () => {
      const args = ["--email", "halv@example.dk", "--name", "Halv", "--password", "lang-nok-kode"];
      const noPlan = await runCreateUser([...args, "--plan", "999999", "--role", "viewer"], t.db);
      expect(noPlan.exitCode).toBe(1);
      expect(noPlan.message).toContain("--plan: Der findes ingen helhedsplan med id 999999");
      expect(await findUser("halv@example.dk")).toBeUndefined();

      const taken = await runCreateUser(
        ["--email", "admin@samarbejde.example", "--name", "Igen", "--password", "lang-nok-kode"],
        t.db,
      );
      expect(taken.exitCode).toBe(1);
      expect(taken.message).toContain(
        "--email: Der findes allerede en bruger med denne e-mailadresse",
      );
    });
  });
});
