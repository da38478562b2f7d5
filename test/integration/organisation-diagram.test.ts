/**
 * The organisation diagram on both drivers: its data read from the strategic agreement (bodies,
 * parties, register organisations by id) and the delaftaler's working groups (people with their
 * organisations, "N representatives" rows), what it says when the plan has no strategic
 * agreement, a query count that does not grow with the number of groups and members, and the
 * page and downloads for every member of the plan (404 for anyone else, login for nobody).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  people,
  strategicAgreements,
  workingGroupMembers,
  workingGroups,
} from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import {
  createAgreement,
  createOrganisation,
  createPlan,
  type CreatedPlan,
} from "../helpers/factories";
import { buildRequest, callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { OrganisationDiagramData } from "~/domain/organisation-diagram";
import { emptyStrategicContent } from "~/domain/strategic-agreement-content";
import {
  getOrganisationDiagram,
  getOrganisationDiagramData,
} from "~/models/organisation-diagram.server";
import * as page from "~/routes/plans.$planId.organisation._index";
import * as png from "~/routes/plans.$planId.organisation[.]png";
import * as svg from "~/routes/plans.$planId.organisation[.]svg";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(drivers)("organisation diagram on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** `groups` working groups on each of `agreements` delaftaler, each with `members` people. */
  async function planWithGroups(agreements: number, groups: number, members: number) {
    const plan = await createPlan(t.db, { members: { viewer: true } });
    const organisation = await createOrganisation(t.db, { kind: "municipality" });
    for (let a = 0; a < agreements; a++) {
      const agreement = await createAgreement(t.db, plan);
      for (let g = 0; g < groups; g++) {
        const [group] = await t.db
          .insert(workingGroups)
          .values({ agreementId: agreement.id, name: `Gruppe ${a + 1}.${g + 1}`, position: g })
          .returning({ id: workingGroups.id });
        const persons = await t.db
          .insert(people)
          .values(
            Array.from({ length: members }, (_, m) => ({
              name: `Person ${a + 1}.${g + 1}.${m + 1}`,
              organisationId: organisation.id,
            })),
          )
          .returning({ id: people.id });
        await t.db
          .insert(workingGroupMembers)
          .values(
            persons.map((p, position) => ({ workingGroupId: group!.id, personId: p.id, position })),
          );
      }
    }
    return { plan, organisation };
  }

  async function addStrategicAgreement(plan: CreatedPlan, partyOrganisationId: number) {
    const content = emptyStrategicContent();
    content.parties = [
      {
        organisationId: partyOrganisationId,
        name: "",
        signatoryName: "Borgmester",
        signatoryTitle: "",
      },
      {
        organisationId: null,
        name: "Boligforeningen Enghaven",
        signatoryName: "",
        signatoryTitle: "",
      },
    ];
    content.board.members = [
      {
        name: "Hanne Lund",
        organisationId: partyOrganisationId,
        organisationName: "",
        role: "Formand",
      },
      {
        name: "Per Holm",
        organisationId: null,
        organisationName: "Boligforeningen Enghaven",
        role: "",
      },
    ];
    content.followGroup.name = "Styregruppen";
    content.followGroup.members = [
      { name: "Anne Berg", organisationId: null, organisationName: "Politiet", role: "" },
    ];
    content.secretariat.members = [
      { name: "Mette Kjær", organisationId: null, organisationName: "", role: "Sekretariatsleder" },
    ];
    await t.db.insert(strategicAgreements).values({ planId: plan.id, content });
  }

  it("shows the demo plan's working group with its members' organisations", async () => {
    const data = await getOrganisationDiagramData(t.db, t.user("viewer"), t.demo.planId);
    expect(data.planName).toBe("Helhedsplan Strandengen og Solsikkeparken");
    const group = data.workingGroups.find((g) => g.name === "Arbejdsgruppe (alle aktiviteter)");
    expect(group?.focusArea).toBe("Sammenhængskraft og medborgerskab");
    expect(group?.members).toEqual(
      expect.arrayContaining([
        {
          name: "Mette Lykke",
          role: "Tovholder, sekretariatsleder",
          organisation: "Det Boligsociale Sekretariat Havbakke",
        },
        { name: "Pia Lund", role: "udviklingskonsulent", organisation: "Havbakke Kommune" },
        {
          name: "3 beboerdemokrater (Camilla Thorsen, Leif Juncker, Hanan Said)",
          role: null,
          organisation: null,
        },
        {
          name: "En repræsentant (Birthe Kolding)",
          role: null,
          organisation: "Foreningen Nabohjælp Havbakke",
        },
      ]),
    );
    expect(data.organisations).toEqual(
      expect.arrayContaining(["Havbakke Kommune", "Foreningen Nabohjælp Havbakke"]),
    );
  });

  it("without a strategic agreement draws the working groups under an implicit secretariat and says what is missing", async () => {
    const { plan } = await planWithGroups(2, 1, 2);
    const viewer = plan.members.viewer![0]!;
    const { data, svg: drawn } = await getOrganisationDiagram(t.db, viewer, plan.id);
    expect(data.hasStrategicAgreement).toBe(false);
    expect(data.board).toBeNull();
    expect(data.followGroup).toBeNull();
    expect(data.secretariat).toMatchObject({ name: "Sekretariatet", members: [] });
    expect(data.workingGroups.map((g) => g.name)).toEqual(["Gruppe 1.1", "Gruppe 2.1"]);
    expect(data.missing[0]).toMatch(/ingen strategisk samarbejdsaftale/);
    expect(drawn).toContain(">Sekretariatet</tspan>");
    expect(drawn).not.toContain("Bestyrelsen");
  });

  it("reads the bodies and parties of the strategic agreement, organisations by register id", async () => {
    const { plan, organisation } = await planWithGroups(1, 1, 1);
    await addStrategicAgreement(plan, organisation.id);
    const viewer = plan.members.viewer![0]!;
    const { data, svg: drawn, png: image } = await getOrganisationDiagram(t.db, viewer, plan.id);
    expect(data.hasStrategicAgreement).toBe(true);
    expect(data.parties).toEqual([organisation.name, "Boligforeningen Enghaven"]);
    expect(data.board?.members).toEqual([
      { name: "Hanne Lund", role: "Formand", organisation: organisation.name },
      { name: "Per Holm", role: null, organisation: "Boligforeningen Enghaven" },
    ]);
    expect(data.followGroup?.name).toBe("Styregruppen");
    expect(data.secretariat.members).toEqual([
      { name: "Mette Kjær", role: "Sekretariatsleder", organisation: null },
    ]);
    expect(data.missing).toEqual([]);
    expect(data.organisations).toEqual([organisation.name, "Boligforeningen Enghaven", "Politiet"]);
    for (const text of ["Hanne Lund, Formand", "Styregruppen", "Gruppe 1.1", "Aftalens parter"]) {
      expect(drawn).toContain(text);
    }
    expect(Buffer.from(image.data.subarray(0, 8)).equals(PNG_SIGNATURE)).toBe(true);
  });

  it("costs the same number of queries for 1 group of 1 member as for 4 × 2 groups of 8", async () => {
    const small = await planWithGroups(1, 1, 1);
    const large = await planWithGroups(4, 2, 8);
    await addStrategicAgreement(large.plan, large.organisation.id);
    await addStrategicAgreement(small.plan, small.organisation.id);
    const counts: number[] = [];
    const results: OrganisationDiagramData[] = [];
    for (const { plan } of [small, large]) {
      const { db, queries } = createCountingDb(t);
      results.push(await getOrganisationDiagramData(db, plan.members.viewer![0]!, plan.id));
      counts.push(queries.length);
    }
    expect(results[1]!.workingGroups).toHaveLength(8);
    expect(results[1]!.workingGroups.every((g) => g.members.length === 8)).toBe(true);
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(5);
  });

  it("lets every member of the plan see the page and download SVG and PNG", async () => {
    const planId = String(t.demo.planId);
    for (const key of ["admin", "secretariat", "board", "reporter", "viewer"] as const) {
      const userId = t.demo.userIds[key];
      const url = `/plans/${planId}/organisation`;
      const shown = await callRoute(page.loader, url, { userId, params: { planId } });
      expect(shown.status, key).toBe(200);
      const loaded = shown.data as { svg: string; data: OrganisationDiagramData };
      expect(loaded.svg).toMatch(/^<svg /);
      expect(loaded.data.workingGroups.length).toBeGreaterThan(0);

      const asSvg = await callRoute(svg.loader, `${url}.svg`, { userId, params: { planId } });
      expect(asSvg.status, key).toBe(200);
      expect(asSvg.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
      expect(asSvg.headers.get("Content-Disposition")).toContain(".svg");
      expect(String(asSvg.data)).toContain('<title id="org-diagram-title">');
    }
    // Called directly: the helper reads bodies as text, which a PNG is not.
    const request = await buildRequest(`/plans/${planId}/organisation.png`, {
      userId: t.demo.userIds.viewer,
    });
    const asPng = (await png.loader({ request, params: { planId }, context: {} })) as Response;
    expect(asPng.status).toBe(200);
    expect(asPng.headers.get("Content-Type")).toBe("image/png");
    const body = Buffer.from(await asPng.arrayBuffer());
    expect(body.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(Number(asPng.headers.get("Content-Length"))).toBe(body.length);
  });

  it("answers 404 to a user of another plan and sends nobody to the login page", async () => {
    const planId = String(t.demo.planId);
    const url = `/plans/${planId}/organisation`;
    for (const route of [page.loader, svg.loader, png.loader]) {
      const other = await callRoute(route, url, {
        userId: t.demo.userIds.otherPlan,
        params: { planId },
      });
      expect(other.status).toBe(404);
      const anonymous = await callRoute(route, url, { params: { planId } });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    }
    const missing = await callRoute(page.loader, "/plans/999999/organisation", {
      userId: t.demo.userIds.admin,
      params: { planId: "999999" },
    });
    expect(missing.status).toBe(404);
  });
});
