/**
 * The parties and working-groups pages of an agreement, through their route loader and action:
 * saving lists (also a list inside a list), validation, list buttons without JavaScript,
 * optimistic locking and access.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { focusAreas, plans } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { LIST_NOTICE, type FormFailure } from "~/domain/form";
import { CONFLICT_MESSAGE } from "~/http.server";
import { createAgreement } from "~/models/agreements/create.server";
import { getAgreementView } from "~/models/agreements/read.server";
import * as partiesPage from "~/routes/plans.$planId.agreements.$agreementId.edit.parties";
import * as groupsPage from "~/routes/plans.$planId.agreements.$agreementId.edit.working-groups";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type PartiesLoaderData = Awaited<ReturnType<typeof partiesPage.loader>>;
type GroupsLoaderData = Awaited<ReturnType<typeof groupsPage.loader>>;
type Form = Record<string, string>;

describe.each(drivers)("agreement parties and working groups pages on %s", (driver) => {
  let t: TestDb;
  let agreementId: number;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const [plan] = await t.db
      .select({ fundingRoundId: plans.fundingRoundId })
      .from(plans)
      .where(eq(plans.id, t.demo.planId));
    // A focus area no other test or seed helper uses in this database.
    const [area] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(
        and(
          eq(focusAreas.fundingRoundId, plan!.fundingRoundId),
          eq(focusAreas.name, "Beskæftigelse"),
        ),
      );
    const agreement = await createAgreement(t.db, t.user("secretariat"), t.demo.planId, {
      focusAreaId: area!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    agreementId = agreement.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const params = (planId = t.demo.planId) => ({
    planId: String(planId),
    agreementId: String(agreementId),
  });
  const url = (section: string, planId = t.demo.planId) =>
    `/plans/${planId}/agreements/${agreementId}/edit/${section}`;

  async function loadParties(userId = t.demo.userIds.secretariat) {
    const res = await callRoute(partiesPage.loader, url("parties"), { userId, params: params() });
    expect(res.status).toBe(200);
    return res.data as PartiesLoaderData;
  }

  async function loadGroups() {
    const res = await callRoute(groupsPage.loader, url("working-groups"), {
      userId: t.demo.userIds.secretariat,
      params: params(),
    });
    expect(res.status).toBe(200);
    return res.data as GroupsLoaderData;
  }

  const postParties = (form: Form, userId = t.demo.userIds.secretariat) =>
    callRoute(partiesPage.action, url("parties"), { userId, form, params: params() });

  const postGroups = (form: Form) =>
    callRoute(groupsPage.action, url("working-groups"), {
      userId: t.demo.userIds.secretariat,
      form,
      params: params(),
    });

  /** The form fields of party row `index`, as the browser posts them. */
  function partyRow(index: number, fields: Partial<Record<string, string>>): Form {
    const row: Record<string, string> = {
      id: "",
      tier: "primary",
      groupHeading: "",
      organisationId: "",
      newOrganisationName: "",
      label: "",
      contactPersonId: "",
      newContactName: "",
      newContactTitle: "",
    };
    Object.assign(row, fields);
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [`parties.${index}.${k}`, v]));
  }

  const optionId = (options: { value: number; label: string }[], label: string) => {
    const option = options.find((o) => o.label === label);
    if (!option) throw new Error(`No option «${label}»`);
    return String(option.value);
  };

  it("saves three parties, creating the new organisation and contact person, and groups them in order", async () => {
    const { record, values, options } = await loadParties();
    expect(values.parties).toEqual([]);
    expect(record).toEqual({
      id: agreementId,
      planId: t.demo.planId,
      version: record.version,
      planName: "Helhedsplan Strandengen og Solsikkeparken",
      focusArea: "Beskæftigelse",
      // Nothing locks a draft nobody has submitted.
      lock: null,
    });
    const bjarne = optionId(
      options.people,
      "Bjarne Østergaard, Ejendomsleder (Afd. 4 Solsikkeparken)",
    );

    const res = await postParties({
      version: String(record.version),
      ...partyRow(0, {
        groupHeading: "Ejendomskontorer",
        organisationId: String(t.demo.organisationIds.strandengen),
        newContactName: "Sune Kvist",
        newContactTitle: "Driftsleder",
      }),
      ...partyRow(1, {
        groupHeading: "Ejendomskontorer",
        organisationId: String(t.demo.organisationIds.solsikkeparken),
        contactPersonId: bjarne,
      }),
      ...partyRow(2, { tier: "secondary", newOrganisationName: "Havbakke Skakklub" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `/plans/${t.demo.planId}/agreements/${agreementId}#parties`,
    );

    const { view } = await getAgreementView(t.db, t.user("viewer"), t.demo.planId, agreementId);
    expect(view.parties.primary).toEqual([
      {
        heading: "Ejendomskontorer",
        parties: [
          {
            id: expect.any(Number),
            name: "Afd. 12 Strandengen",
            contact: "v. driftsleder Sune Kvist",
          },
          {
            id: expect.any(Number),
            name: "Afd. 4 Solsikkeparken",
            contact: "v. ejendomsleder Bjarne Østergaard",
          },
        ],
      },
    ]);
    expect(view.parties.secondary).toEqual([
      {
        heading: null,
        parties: [{ id: expect.any(Number), name: "Havbakke Skakklub", contact: null }],
      },
    ]);

    // The new organisation and person are in the register and selected in the form.
    const after = await loadParties();
    expect(after.record.version).toBe(record.version + 1);
    const skakklub = optionId(after.options.organisations, "Havbakke Skakklub");
    const sune = optionId(after.options.people, "Sune Kvist, Driftsleder (Afd. 12 Strandengen)");
    expect(
      after.values.parties.map((p) => [
        p.tier,
        String(p.organisationId),
        String(p.contactPersonId),
      ]),
    ).toEqual([
      ["primary", String(t.demo.organisationIds.strandengen), sune],
      ["primary", String(t.demo.organisationIds.solsikkeparken), bjarne],
      ["secondary", skakklub, ""],
    ]);
    expect(after.values.parties.every((p) => typeof p.id === "number")).toBe(true);
  });

  it("refuses a party with neither organisation nor label, keeping what was typed", async () => {
    const { record } = await loadParties();
    const res = await postParties({
      version: String(record.version),
      ...partyRow(0, { groupHeading: "Afdelingsbestyrelser", newContactName: "Lone Vad" }),
    });
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors["parties.0.organisationId"]).toBe(
      "Vælg en organisation, opret en ny, eller skriv en betegnelse",
    );
    expect(failure.values).toMatchObject({
      parties: [{ groupHeading: "Afdelingsbestyrelser", newContactName: "Lone Vad" }],
    });
    expect((await loadParties()).record.version).toBe(record.version);
  });

  it("moves a row without JavaScript: the form comes back changed, nothing is saved", async () => {
    const { record, values } = await loadParties();
    const res = await postParties({
      version: String(record.version),
      _list: "parties:up:1",
      ...partyRow(0, { id: String(values.parties[0]!.id), label: "Første" }),
      ...partyRow(1, { id: String(values.parties[1]!.id), label: "Anden" }),
    });
    expect(res.status).toBe(200);
    const failure = res.data as FormFailure;
    expect(failure.notice).toBe(LIST_NOTICE);
    expect(failure.errors).toEqual({});
    expect(failure.values).toMatchObject({
      parties: [
        { id: String(values.parties[1]!.id), label: "Anden" },
        { id: String(values.parties[0]!.id), label: "Første" },
      ],
    });
    expect(failure.values).not.toHaveProperty("_list");
    // The version the form was loaded at comes back, so the next save still detects conflicts.
    expect(failure.values.version).toBe(String(record.version));
    const after = await loadParties();
    expect(after.record.version).toBe(record.version);
    expect(after.values).toEqual(values);
  });

  it("refuses a save based on an outdated version", async () => {
    const { record } = await loadParties();
    const res = await postParties({
      version: String(record.version - 1),
      ...partyRow(0, { label: "For sent" }),
    });
    expect(res.status).toBe(409);
    const failure = res.data as FormFailure;
    expect(failure.formError).toBe(CONFLICT_MESSAGE);
    expect(failure.values).toMatchObject({ parties: [{ label: "For sent" }] });
    const { view } = await getAgreementView(t.db, t.user("viewer"), t.demo.planId, agreementId);
    expect(view.parties.primary[0]!.parties).toHaveLength(2);
  });

  it("lets only the plan's editors in: board members get 403, users of another plan 404", async () => {
    const { record } = await loadParties();
    const form = { version: String(record.version), ...partyRow(0, { label: "Ikke tilladt" }) };

    const boardLoader = await callRoute(partiesPage.loader, url("parties"), {
      userId: t.demo.userIds.board,
      params: params(),
    });
    expect(boardLoader.status).toBe(403);
    expect((await postParties(form, t.demo.userIds.board)).status).toBe(403);

    const otherLoader = await callRoute(partiesPage.loader, url("parties"), {
      userId: t.demo.userIds.otherPlan,
      params: params(),
    });
    expect(otherLoader.status).toBe(404);
    expect((await postParties(form, t.demo.userIds.otherPlan)).status).toBe(404);
    const otherGroups = await callRoute(groupsPage.action, url("working-groups"), {
      userId: t.demo.userIds.otherPlan,
      form: { version: String(record.version), "groups.0.name": "Ikke tilladt" },
      params: params(),
    });
    expect(otherGroups.status).toBe(404);

    // The agreement under a plan it does not belong to is not found, even for an admin.
    const wrongPlan = await callRoute(partiesPage.loader, url("parties", t.demo.otherPlanId), {
      userId: t.demo.userIds.admin,
      params: params(t.demo.otherPlanId),
    });
    expect(wrongPlan.status).toBe(404);

    expect((await loadParties()).record.version).toBe(record.version);
  });

  it("saves working groups with a list of members in each, and keeps ids when reordering", async () => {
    const { record, values, options } = await loadGroups();
    expect(values.groups).toEqual([]);
    const pia = optionId(options.people, "Pia Lund, Udviklingskonsulent (Havbakke Kommune)");
    const police = optionId(options.organisations, "Havbakke Lokalpoliti");
    const form: Form = {
      version: String(record.version),
      "groups.0.id": "",
      "groups.0.name": "Tryghedsgruppen",
      "groups.0.members.0.id": "",
      "groups.0.members.0.personId": "",
      "groups.0.members.0.count": "4",
      "groups.0.members.0.description": "beboerdemokrater",
      "groups.0.members.0.organisationId": "",
      "groups.0.members.0.names": "Hanne, Omar, Lise, Jens",
      "groups.0.members.1.id": "",
      "groups.0.members.1.personId": pia,
      "groups.0.members.1.count": "",
      "groups.0.members.1.description": "",
      "groups.0.members.1.organisationId": "",
      "groups.0.members.1.names": "",
      "groups.1.id": "",
      "groups.1.name": "Styregruppe for fritidsjob",
      "groups.1.members.0.id": "",
      "groups.1.members.0.personId": "",
      "groups.1.members.0.count": "",
      "groups.1.members.0.description": "repræsentant",
      "groups.1.members.0.organisationId": police,
      "groups.1.members.0.names": "",
    };

    // A member list button without JavaScript works on the inner list.
    const moved = await postGroups({ ...form, _list: "groups.0.members:up:1" });
    expect(moved.status).toBe(200);
    expect((moved.data as FormFailure).values).toMatchObject({
      groups: [
        {
          name: "Tryghedsgruppen",
          members: [{ personId: pia }, { description: "beboerdemokrater" }],
        },
        { name: "Styregruppe for fritidsjob" },
      ],
    });

    // A member that is neither a person nor described is refused at its own field.
    const invalid = await postGroups({
      ...form,
      "groups.1.members.0.description": "",
      "groups.1.members.0.organisationId": "",
    });
    expect(invalid.status).toBe(400);
    expect((invalid.data as FormFailure).errors).toEqual({
      "groups.1.members.0.personId":
        "Vælg en person, eller beskriv repræsentanten (fx «repræsentant fra SSP»)",
    });

    const saved = await postGroups(form);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(
      `/plans/${t.demo.planId}/agreements/${agreementId}#working-groups`,
    );
    let { view } = await getAgreementView(t.db, t.user("viewer"), t.demo.planId, agreementId);
    expect(view.workingGroups.map((g) => [g.name, g.members.map((m) => m.text)])).toEqual([
      [
        "Tryghedsgruppen",
        ["4 beboerdemokrater (Hanne, Omar, Lise, Jens)", "Pia Lund, udviklingskonsulent"],
      ],
      ["Styregruppe for fritidsjob", ["repræsentant fra Havbakke Lokalpoliti"]],
    ]);

    // The form shows what was saved; posting it back in another order keeps every row's id.
    const loaded = await loadGroups();
    const [first, second] = loaded.values.groups;
    expect(first!.members.map((m) => [m.count, m.description, String(m.personId)])).toEqual([
      [4, "beboerdemokrater", ""],
      ["", "", pia],
    ]);
    const reordered: Form = { version: String(loaded.record.version) };
    [second!, first!].forEach((group, g) => {
      reordered[`groups.${g}.id`] = String(group.id);
      reordered[`groups.${g}.name`] = group.name;
      [...group.members].reverse().forEach((member, m) => {
        for (const [key, value] of Object.entries(member)) {
          reordered[`groups.${g}.members.${m}.${key}`] = String(value);
        }
      });
    });
    expect((await postGroups(reordered)).status).toBe(302);
    ({ view } = await getAgreementView(t.db, t.user("viewer"), t.demo.planId, agreementId));
    expect(view.workingGroups.map((g) => g.id)).toEqual([second!.id, first!.id]);
    expect(view.workingGroups[1]!.members.map((m) => m.id)).toEqual(
      [...first!.members].reverse().map((m) => m.id),
    );
    expect(view.workingGroups[1]!.members[1]!.text).toBe(
      "4 beboerdemokrater (Hanne, Omar, Lise, Jens)",
    );
  });
});
