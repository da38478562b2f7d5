/**
 * The dispositionsfond's Word downloads through their routes on both drivers: the application
 * (the applicant's copy and the fund administration's with the checklist) and the decision letter
 * (only once decided, with the demo grant's amounts and due dates, and a reduced grant's after a
 * decision). Access as the application page: the estate's applicant, the fund's administrators and
 * administrators; another estate's applicant, a plan member, or the wrong fund in the URL get 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "../../db/schema";
import type { DemoDispositionFund } from "../../db/demo-disposition-fund";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { saveFundSettings } from "~/models/disposition-funds.server";
import { decideApplication, getApplication } from "~/models/fund-applications.server";
import { addOrganisationMembership, createUser } from "~/models/users.server";
import * as applicationDocx from "~/routes/funds.$fundId.applications.$applicationId.application[.]docx";
import * as decisionDocx from "~/routes/funds.$fundId.applications.$applicationId.decision[.]docx";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const FUND = "Lærkeredens Dispositionsfond";
const ESTATE = "Afd. 7 Kløverhaven";
const SAFETY = "Tryg opgang – nabomægling og fællesskab i Kløverhaven";
const WORKSHOP = "Fællesværkstedet i Kløverhaven";

type Loader = typeof applicationDocx.loader;

/** The document's text as a reader sees it (test/helpers/docx.ts). */
function documentText(buffer: Buffer | Uint8Array): string {
  return readDocxBuffer(buffer).plain;
}

function fileName(response: Response): string {
  const disposition = response.headers.get("Content-Disposition")!;
  return decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!);
}

describe.each(drivers)("dispositionsfond documents on %s", (driver) => {
  let t: TestDb;
  let demo: DemoDispositionFund;
  /** An application or a grant year of the demo fund (the fund is in the pages' address). */
  const inFund = (applicationId: number) => ({ fundId: demo.fundId, applicationId });
  /** An applicant for another of Lærkereden's estates. */
  let otherApplicantId: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    demo = t.demo.dispositionFund;
    const [estate] = await t.db
      .insert(organisations)
      .values({
        kind: "estate",
        name: "Afd. 21 Pilehaven",
        parentId: t.demo.organisationIds.laerkereden!,
        tenancies: 96,
      })
      .returning({ id: organisations.id });
    const user = await createUser(t.db, null, {
      name: "Malou Friis",
      email: "pilehaven@samarbejde.example",
      password: "pilehaven-adgang-1",
      isAdmin: false,
    });
    await addOrganisationMembership(t.db, null, user.id, {
      organisationId: t.demo.organisationIds.laerkereden!,
      role: "applicant",
      estateId: estate!.id,
    });
    otherApplicantId = user.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const params = (applicationId: number, fundId = demo.fundId) => ({
    fundId: String(fundId),
    applicationId: String(applicationId),
  });

  async function download(
    loader: Loader,
    userId: number,
    applicationId: number,
    fundId = demo.fundId,
  ): Promise<Response> {
    return loader({
      request: new Request(`http://localhost/funds/${fundId}/applications/${applicationId}/x`, {
        headers: { Cookie: await cookieFor(userId) },
      }),
      params: params(applicationId, fundId),
      context: {},
    });
  }

  it("gives the applicant their application as Word, without the administration's checklist", async () => {
    const response = await download(
      applicationDocx.loader,
      t.demo.userIds.applicant,
      demo.submittedApplicationId,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(DOCX);
    expect(fileName(response)).toBe(`Ansøgning - ${SAFETY} - ${ESTATE}.docx`);
    const text = documentText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain(`Ansøgning til ${FUND}`);
    expect(text).toContain(SAFETY);
    expect(text).toContain("Helhedsplan Strandengen og Solsikkeparken");
    // The demo budget: 110.000 + 100.000 + 80.000 requested, 45.000 own contribution.
    expect(text).toContain("290.000 kr.");
    expect(text).toContain("335.000 kr.");
    expect(text).not.toContain("Tjekliste efter fondens retningslinjer");
  });

  it("gives fund administrators and administrators their copy with the checklist", async () => {
    for (const userId of [t.demo.userIds.fundAdmin, t.demo.userIds.admin]) {
      const response = await download(applicationDocx.loader, userId, demo.submittedApplicationId);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(DOCX);
      const text = documentText(Buffer.from(await response.arrayBuffer()));
      expect(text).toContain("Tjekliste efter fondens retningslinjer");
      expect(text).toContain("Egenfinansiering mindst 10 %");
      expect(text).toContain("Akut behov.");
    }
  });

  it("answers 404 to another estate's applicant, a plan member, and an unknown application", async () => {
    for (const loader of [applicationDocx.loader, decisionDocx.loader]) {
      for (const userId of [otherApplicantId, t.demo.userIds.secretariat, t.demo.userIds.board]) {
        const res = await callRoute(loader, "/x", {
          userId,
          params: params(demo.approvedApplicationId),
        });
        expect(res.status).toBe(404);
      }
      const unknown = await callRoute(loader, "/x", {
        userId: t.demo.userIds.admin,
        params: params(999_999),
      });
      expect(unknown.status).toBe(404);
      const garbled = await callRoute(loader, "/x", {
        userId: t.demo.userIds.admin,
        params: { fundId: "abc", applicationId: String(demo.approvedApplicationId) },
      });
      expect(garbled.status).toBe(404);
      // Not signed in: to the login page.
      const anonymous = await callRoute(loader, "/x", {
        params: params(demo.approvedApplicationId),
      });
      expect(anonymous.status).toBe(302);
    }
  });

  it("answers 404 when the application is not the fund's in the URL", async () => {
    const { fundId: otherFund } = await saveFundSettings(
      t.db,
      t.user("admin"),
      t.demo.organisationIds.faellesbo!,
      0,
      {
        name: "Fællesbos Dispositionsfond",
        guidelines: { blocks: [] },
        maxYears: 3,
        minOwnSharePercent: null,
        maxAmountPerTenancy: null,
        prioritiseLbfCofinancing: true,
        prioritiseAcute: true,
        reportDueMonthDay: "04-30",
        frames: [],
      },
    );
    for (const loader of [applicationDocx.loader, decisionDocx.loader]) {
      const response = await callRoute(loader, "/x", {
        userId: t.demo.userIds.admin,
        params: params(demo.approvedApplicationId, otherFund),
      });
      expect(response.status).toBe(404);
    }
  });

  it("has no decision letter before the organisation board has decided", async () => {
    for (const userId of [t.demo.userIds.fundAdmin, t.demo.userIds.applicant]) {
      const res = await callRoute(decisionDocx.loader, "/x", {
        userId,
        params: params(demo.submittedApplicationId),
      });
      expect(res.status).toBe(404);
      expect(res.data).toBe("Ansøgningen er ikke afgjort endnu");
    }
  });

  it("writes the demo grant's decision letter with its amounts and report deadlines", async () => {
    const response = await download(
      decisionDocx.loader,
      t.demo.userIds.applicant,
      demo.approvedApplicationId,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(DOCX);
    expect(fileName(response)).toBe(`Afgørelse - ${WORKSHOP} - ${ESTATE}.docx`);
    const text = documentText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain(`Afgørelse om støtte fra ${FUND}`);
    expect(text).toContain("Afdelingsbestyrelsen");
    expect(text).toContain("c/o Yasmin Farah");
    expect(text).toContain(
      `Organisationsbestyrelsen har den 27. februar 2024 besluttet at bevilge 190.000 kr. fra ${FUND} til «${WORKSHOP}» for 2024–2025, som ansøgt.`,
    );
    expect(text).toMatch(/2024\s+95\.000 kr\.\s+95\.000 kr\./);
    expect(text).toMatch(/I alt\s+190\.000 kr\.\s+190\.000 kr\./);
    expect(text).toContain("Afdelingen afrapporterer forbrug og aktiviteter for hvert år");
    expect(text).toMatch(/2024\s+31\. marts 2025/);
    expect(text).toMatch(/2025\s+31\. marts 2026/);
    // Signed by the fund administrator who recorded the decision.
    expect(text).toContain("Henrik Bech");
    expect(text).toContain("På vegne af organisationsbestyrelsen i Boligselskabet Lærkereden");
  });

  it("writes the letter of a decision with a lower amount once it is recorded", async () => {
    const fundAdmin = t.user("fundAdmin");
    const page = await getApplication(t.db, fundAdmin, inFund(demo.submittedApplicationId));
    await decideApplication(
      t.db,
      fundAdmin,
      inFund(demo.submittedApplicationId),
      page.application.version,
      {
        decision: "approved_reduced",
        decisionDate: "2026-03-12",
        conditions: "Caféaftenerne evalueres sammen med helhedsplanens tryghedsmedarbejder.",
        amounts: [
          { year: 2026, amount: 90_000 },
          { year: 2027, amount: 80_000 },
          { year: 2028, amount: 80_000 },
        ],
      },
    );
    const response = await download(
      decisionDocx.loader,
      t.demo.userIds.fundAdmin,
      demo.submittedApplicationId,
    );
    expect(response.status).toBe(200);
    const text = documentText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain(
      `Organisationsbestyrelsen har den 12. marts 2026 besluttet at bevilge et lavere beløb end ansøgt: 250.000 kr. af de ansøgte 290.000 kr. fra ${FUND} til «${SAFETY}» for 2026–2028.`,
    );
    expect(text).toMatch(/2026\s+110\.000 kr\.\s+90\.000 kr\./);
    expect(text).toMatch(/I alt\s+290\.000 kr\.\s+250\.000 kr\./);
    expect(text).toContain(
      "Caféaftenerne evalueres sammen med helhedsplanens tryghedsmedarbejder.",
    );
    expect(text).toMatch(/2028\s+31\. marts 2029/);

    // The application document now records the decision too.
    const application = await download(
      applicationDocx.loader,
      t.demo.userIds.applicant,
      demo.submittedApplicationId,
    );
    const applicationText = documentText(Buffer.from(await application.arrayBuffer()));
    expect(applicationText).toContain("Bevilget med lavere beløb");
    expect(applicationText).toContain("250.000 kr. af de ansøgte 290.000 kr.");
  });
});
