import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, organisations, people } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import * as organisationEdit from "~/routes/organisations.$organisationId.edit";
import * as organisationPage from "~/routes/organisations.$organisationId._index";
import * as organisationList from "~/routes/organisations._index";
import * as organisationNew from "~/routes/organisations.new";
import * as personEdit from "~/routes/people.$personId.edit";
import * as personList from "~/routes/people._index";
import * as personNew from "~/routes/people.new";

type OrganisationList = Awaited<ReturnType<typeof organisationList.loader>>;
type OrganisationPage = Awaited<ReturnType<typeof organisationPage.loader>>;
type OrganisationEdit = Awaited<ReturnType<typeof organisationEdit.loader>>;
type PersonList = Awaited<ReturnType<typeof personList.loader>>;
type PersonNew = Awaited<ReturnType<typeof personNew.loader>>;

function idFromLocation(location: string | null): number {
  const id = Number(location?.split("/").pop());
  expect(id).toBeGreaterThan(0);
  return id;
}

describe.each(drivers)("the register of organisations and people on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists organisations to any signed-in user and filters by name and type", async () => {
    const all = await callRoute(organisationList.loader, "/organisations", {
      userId: t.demo.userIds.viewer,
    });
    expect(all.status).toBe(200);
    const list = all.data as OrganisationList;
    expect(list.organisations).toHaveLength(12);
    expect(list.canEdit).toBe(false);
    const solsikke = list.organisations.find((o) => o.name === "Afd. 4 Solsikkeparken")!;
    expect(solsikke).toMatchObject({
      kind: "estate",
      parentName: "Boligselskabet Lærkereden",
      tenancies: 386,
      peopleCount: 1,
    });
    expect(list.organisations.find((o) => o.name === "Afd. 12 Strandengen")!.peopleCount).toBe(2);

    const byName = await callRoute(organisationList.loader, "/organisations?q=strand", {
      userId: t.demo.userIds.viewer,
    });
    expect((byName.data as OrganisationList).organisations.map((o) => o.name).sort()).toEqual(
      ["Afd. 12 Strandengen", "Strandengen Kirke", "Strandengskolen"].sort(),
    );

    const estates = await callRoute(organisationList.loader, "/organisations?q=&kind=estate", {
      userId: t.demo.userIds.secretariat,
    });
    const estateList = estates.data as OrganisationList;
    expect(estateList.canEdit).toBe(true);
    expect(estateList.filter).toEqual({ q: "", kind: "estate" });
    expect(estateList.organisations.map((o) => o.name)).toEqual([
      "Afd. 12 Strandengen",
      "Afd. 15 Mølleåsen",
      "Afd. 4 Solsikkeparken",
      "Afd. 7 Kløverhaven",
    ]);

    const both = await callRoute(organisationList.loader, "/organisations?q=STRAND&kind=church", {
      userId: t.demo.userIds.viewer,
    });
    expect((both.data as OrganisationList).organisations.map((o) => o.name)).toEqual([
      "Strandengen Kirke",
    ]);

    // LIKE wildcards in the search are taken literally; an unknown type is ignored.
    const wildcard = await callRoute(organisationList.loader, "/organisations?q=%25&kind=castle", {
      userId: t.demo.userIds.viewer,
    });
    const wildcardList = wildcard.data as OrganisationList;
    expect(wildcardList.organisations).toEqual([]);
    expect(wildcardList.filter.kind).toBe("");
  });

  it("redirects an anonymous visitor to the login page", async () => {
    const res = await callRoute(organisationList.loader, "/organisations");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Forganisations");
  });

  it("lists people and filters by their name or their organisation's name", async () => {
    const res = await callRoute(personList.loader, "/people?q=strandeng", {
      userId: t.demo.userIds.viewer,
    });
    expect(res.status).toBe(200);
    const list = res.data as PersonList;
    expect(list.canEdit).toBe(false);
    expect(list.people.map((p) => p.name)).toEqual(["Camilla Thorsen", "Ida Mørch", "Thomas Krog"]);
    expect(list.people[2]).toMatchObject({
      organisationId: t.demo.organisationIds.school,
      organisationName: "Strandengskolen",
      email: "tk@strandengskolen.example",
    });
    const byName = await callRoute(personList.loader, "/people?q=pia", {
      userId: t.demo.userIds.viewer,
    });
    expect((byName.data as PersonList).people.map((p) => p.name)).toEqual(["Pia Lund"]);
  });

  it("shows a housing organisation with its estates, and an estate with its people", async () => {
    const housing = await callRoute(
      organisationPage.loader,
      `/organisations/${t.demo.organisationIds.laerkereden}`,
      {
        userId: t.demo.userIds.viewer,
        params: { organisationId: String(t.demo.organisationIds.laerkereden) },
      },
    );
    expect(housing.status).toBe(200);
    const page = housing.data as OrganisationPage;
    expect(page.canEdit).toBe(false);
    expect(page.organisation.estates.map((e) => e.name)).toEqual([
      "Afd. 4 Solsikkeparken",
      "Afd. 7 Kløverhaven",
    ]);

    const estate = await callRoute(
      organisationPage.loader,
      `/organisations/${t.demo.organisationIds.strandengen}`,
      {
        userId: t.demo.userIds.secretariat,
        params: { organisationId: String(t.demo.organisationIds.strandengen) },
      },
    );
    const estatePage = estate.data as OrganisationPage;
    expect(estatePage.canEdit).toBe(true);
    expect(estatePage.organisation.parent?.name).toBe("Fællesbo Havbakke");
    expect(estatePage.organisation.people.map((p) => p.name)).toEqual([
      "Camilla Thorsen",
      "Ida Mørch",
    ]);
  });

  it("answers 404 for an organisation or person that does not exist", async () => {
    for (const id of ["999999", "abc", "0"]) {
      const res = await callRoute(organisationPage.loader, `/organisations/${id}`, {
        userId: t.demo.userIds.viewer,
        params: { organisationId: id },
      });
      expect(res.status, id).toBe(404);
    }
    const edit = await callRoute(organisationEdit.loader, "/organisations/999999/edit", {
      userId: t.demo.userIds.secretariat,
      params: { organisationId: "999999" },
    });
    expect(edit.status).toBe(404);
    const person = await callRoute(personEdit.loader, "/people/999999/edit", {
      userId: t.demo.userIds.secretariat,
      params: { personId: "999999" },
    });
    expect(person.status).toBe(404);
  });

  it("rejects an estate without a housing organisation with 400 and keeps the typed values", async () => {
    const res = await callRoute(organisationNew.action, "/organisations/new", {
      userId: t.demo.userIds.secretariat,
      form: {
        kind: "estate",
        name: "Afd. 21 Engparken",
        parentId: "",
        tenancies: "1.200",
        address: "Engvej 1",
      },
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors.parentId).toBe("En afdeling skal høre til en boligorganisation");
    expect(body.values).toMatchObject({
      kind: "estate",
      name: "Afd. 21 Engparken",
      tenancies: "1.200",
      address: "Engvej 1",
    });
    const saved = await t.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "Afd. 21 Engparken"));
    expect(saved).toEqual([]);
  });

  it("creates an estate, redirects to it and records an audit event", async () => {
    const user = t.user("secretariat");
    const res = await callRoute(organisationNew.action, "/organisations/new", {
      userId: user.id,
      form: {
        kind: "estate",
        name: "Afd. 21 Engparken",
        parentId: String(t.demo.organisationIds.faellesbo),
        tenancies: "1.200",
        address: "",
        note: "",
      },
    });
    expect(res.status).toBe(302);
    const id = idFromLocation(res.headers.get("Location"));
    expect(res.headers.get("Location")).toBe(`/organisations/${id}`);
    const [saved] = await t.db.select().from(organisations).where(eq(organisations.id, id));
    expect(saved).toMatchObject({
      kind: "estate",
      parentId: t.demo.organisationIds.faellesbo,
      tenancies: 1200,
      address: null,
    });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "organisation"), eq(auditEvents.entityId, String(id))));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "organisation.create", userId: user.id });
  });

  it("drops the housing organisation and tenancies for other types than an estate", async () => {
    const res = await callRoute(organisationNew.action, "/organisations/new", {
      userId: t.demo.userIds.secretariat,
      form: {
        kind: "ngo",
        name: "Lektiecafé Havbakke",
        parentId: String(t.demo.organisationIds.faellesbo),
        tenancies: "40",
      },
    });
    expect(res.status).toBe(302);
    const id = idFromLocation(res.headers.get("Location"));
    const [saved] = await t.db.select().from(organisations).where(eq(organisations.id, id));
    expect(saved).toMatchObject({ kind: "ngo", parentId: null, tenancies: null });
  });

  it("rejects a duplicate name of the same type, whatever its case, with a message on the name", async () => {
    const res = await callRoute(organisationNew.action, "/organisations/new", {
      userId: t.demo.userIds.admin,
      form: {
        kind: "estate",
        name: "afd. 4 SOLSIKKEPARKEN",
        parentId: String(t.demo.organisationIds.laerkereden),
      },
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors.name).toBe("Der findes allerede en organisation af denne type med det navn");
    expect(body.values.name).toBe("afd. 4 SOLSIKKEPARKEN");
    // The same name is fine for another type.
    const other = await callRoute(organisationNew.action, "/organisations/new", {
      userId: t.demo.userIds.admin,
      form: { kind: "other", name: "Afd. 4 Solsikkeparken" },
    });
    expect(other.status).toBe(302);
  });

  it("edits an organisation and answers 409 to an edit based on an outdated version", async () => {
    const organisationId = String(t.demo.organisationIds.ngo);
    const loaded = await callRoute(
      organisationEdit.loader,
      `/organisations/${organisationId}/edit`,
      {
        userId: t.demo.userIds.secretariat,
        params: { organisationId },
      },
    );
    expect(loaded.status).toBe(200);
    const { organisation } = loaded.data as OrganisationEdit;
    const form = {
      version: String(organisation.version),
      kind: "ngo",
      name: organisation.name,
      address: "Nabovej 3",
    };
    const first = await callRoute(
      organisationEdit.action,
      `/organisations/${organisationId}/edit`,
      {
        userId: t.demo.userIds.secretariat,
        params: { organisationId },
        form,
      },
    );
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/organisations/${organisationId}`);

    const second = await callRoute(
      organisationEdit.action,
      `/organisations/${organisationId}/edit`,
      {
        userId: t.demo.userIds.secretariat,
        params: { organisationId },
        form: { ...form, address: "Anden vej 9" },
      },
    );
    expect(second.status).toBe(409);
    const body = second.data as FormFailure;
    expect(body.formError).toMatch(/En anden har gemt ændringer/);
    expect(body.values.address).toBe("Anden vej 9");
    const [saved] = await t.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, t.demo.organisationIds.ngo!));
    expect(saved).toMatchObject({ address: "Nabovej 3", version: organisation.version + 1 });
  });

  it("keeps a housing organisation with estates a housing organisation", async () => {
    const organisationId = String(t.demo.organisationIds.laerkereden);
    const [current] = await t.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, t.demo.organisationIds.laerkereden!));
    const res = await callRoute(organisationEdit.action, `/organisations/${organisationId}/edit`, {
      userId: t.demo.userIds.admin,
      params: { organisationId },
      form: { version: String(current!.version), kind: "other", name: current!.name },
    });
    expect(res.status).toBe(400);
    expect((res.data as FormFailure).errors.kind).toBe(
      "En boligorganisation med afdelinger kan ikke skifte til en anden type",
    );
  });

  it("gives a user without a secretariat role 403 on every register change", async () => {
    const viewer = t.demo.userIds.viewer;
    const organisationId = String(t.demo.organisationIds.school);
    const [person] = await t.db.select().from(people).limit(1);
    const personId = String(person!.id);
    const attempts = [
      callRoute(organisationNew.action, "/organisations/new", {
        userId: viewer,
        form: { kind: "school", name: "Ny skole" },
      }),
      callRoute(organisationNew.loader, "/organisations/new", { userId: viewer }),
      callRoute(organisationEdit.action, `/organisations/${organisationId}/edit`, {
        userId: viewer,
        params: { organisationId },
        form: { version: "1", kind: "school", name: "Kapret" },
      }),
      callRoute(organisationEdit.loader, `/organisations/${organisationId}/edit`, {
        userId: viewer,
        params: { organisationId },
      }),
      callRoute(personNew.action, "/people/new", { userId: viewer, form: { name: "Ny person" } }),
      callRoute(personEdit.action, `/people/${personId}/edit`, {
        userId: viewer,
        params: { personId },
        form: { version: "1", name: "Kapret" },
      }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
    const [unchanged] = await t.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, t.demo.organisationIds.school!));
    expect(unchanged!.name).toBe("Strandengskolen");
  });

  it("prefills the organisation of a new person from the address", async () => {
    const organisationId = t.demo.organisationIds.police!;
    const res = await callRoute(personNew.loader, `/people/new?organisationId=${organisationId}`, {
      userId: t.demo.userIds.secretariat,
    });
    expect(res.status).toBe(200);
    const page = res.data as PersonNew;
    expect(page.defaults.organisationId).toBe(organisationId);
    expect(page.organisation?.name).toBe("Havbakke Lokalpoliti");
    const unknown = await callRoute(personNew.loader, "/people/new?organisationId=999999", {
      userId: t.demo.userIds.secretariat,
    });
    expect((unknown.data as PersonNew).defaults.organisationId).toBe("");
  });

  it("creates and edits people, rejecting a bad e-mail address with 400", async () => {
    const userId = t.demo.userIds.secretariat;
    const organisationId = String(t.demo.organisationIds.police);
    const bad = await callRoute(personNew.action, "/people/new", {
      userId,
      form: { name: "Rikke Nyholm", email: "rikke(at)politi", organisationId },
    });
    expect(bad.status).toBe(400);
    const badBody = bad.data as FormFailure;
    expect(badBody.errors.email).toBe("Skriv en gyldig e-mailadresse");
    expect(badBody.values).toMatchObject({ name: "Rikke Nyholm", email: "rikke(at)politi" });

    const created = await callRoute(personNew.action, "/people/new", {
      userId,
      form: {
        name: "Rikke Nyholm",
        title: "Nærpolitibetjent",
        email: " rikke@politi.example ",
        phone: "",
        organisationId,
      },
    });
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe(`/organisations/${organisationId}`);
    const [person] = await t.db.select().from(people).where(eq(people.name, "Rikke Nyholm"));
    expect(person).toMatchObject({ email: "rikke@politi.example", phone: null, version: 1 });
    const personId = String(person!.id);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "person"), eq(auditEvents.entityId, personId)));
    expect(events.map((e) => e.action)).toEqual(["person.create"]);

    const badEdit = await callRoute(personEdit.action, `/people/${personId}/edit`, {
      userId,
      params: { personId },
      form: { version: "1", name: "Rikke Nyholm", email: "ikke en adresse" },
    });
    expect(badEdit.status).toBe(400);
    expect((badEdit.data as FormFailure).errors.email).toBe("Skriv en gyldig e-mailadresse");
    expect((badEdit.data as FormFailure).values.email).toBe("ikke en adresse");

    const edited = await callRoute(personEdit.action, `/people/${personId}/edit`, {
      userId,
      params: { personId },
      form: { version: "1", name: "Rikke Nyholm", email: "rn@politi.example", organisationId: "" },
    });
    expect(edited.status).toBe(302);
    expect(edited.headers.get("Location")).toBe("/people");
    const stale = await callRoute(personEdit.action, `/people/${personId}/edit`, {
      userId,
      params: { personId },
      form: { version: "1", name: "Rikke N." },
    });
    expect(stale.status).toBe(409);
    const [after] = await t.db.select().from(people).where(eq(people.id, person!.id));
    expect(after).toMatchObject({
      name: "Rikke Nyholm",
      email: "rn@politi.example",
      organisationId: null,
      version: 2,
    });
  });
});
