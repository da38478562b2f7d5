/**
 * Issue 12, items 1 and 8, through the pages as a secretariat uses them: the plan's template
 * edition (chosen on the plan form, by default the funding round's usual one) decides the opening
 * clause a new agreement starts with; the clause is saved exactly as typed and "Brug skabelonens
 * standardtekst" puts the edition's wording back. The conflict and revision clauses start empty,
 * are not printed until filled, and "Brug standardteksten" fills one without saving (no
 * JavaScript). Each of the three funding rounds offers exactly its own focus areas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { buildRequest, callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import { richTextFromParagraphs, richTextToMarkdown } from "~/domain/rich-text";
import {
  DEFAULT_CONFLICT_HANDLING,
  DEFAULT_REVISION_CLAUSE,
  OPENING_CLAUSE_DEFAULTS,
  REVISION_CLAUSE_NOTE,
} from "~/domain/texts.da";
import { getAgreementView } from "~/models/agreements/read.server";
import * as basicsPage from "~/routes/plans.$planId.agreements.$agreementId.edit.basics";
import * as clausesPage from "~/routes/plans.$planId.agreements.$agreementId.edit.clauses";
import * as agreementDocx from "~/routes/plans.$planId.agreements.$agreementId.document[.]docx";
import * as newAgreementPage from "~/routes/plans.$planId.agreements.new";
import * as planPage from "~/routes/plans.$planId._index";
import * as planEdit from "~/routes/plans.$planId.edit";
import * as newPlanPage from "~/routes/plans.new";

/** The focus areas of each funding round, in order, as migration 0001 inserts them. */
const ROUND_FOCUS_AREAS = {
  "2011-14": [
    "Børn, unge og familie",
    "Uddannelse, beskæftigelse og erhverv",
    "Beboernetværk, inddragelse og demokrati",
    "Sundhed",
    "Udsatte grupper",
    "Kultur og fritid",
    "Image og kommunikation",
  ],
  "2015-18": [
    "Tryghed og trivsel",
    "Kriminalpræventiv indsats",
    "Uddannelse og beskæftigelse",
    "Forebyggelse og forældreansvar",
  ],
  "2019-26": [
    "Uddannelse og livschancer",
    "Beskæftigelse",
    "Kriminalitetsforebyggelse",
    "Sammenhængskraft og medborgerskab",
  ],
} as const;
type RoundCode = keyof typeof ROUND_FOCUS_AREAS;

const ROUND_PERIODS: Record<RoundCode, [string, string]> = {
  "2011-14": ["2011-01-01", "2014-12-31"],
  "2015-18": ["2015-01-01", "2018-12-31"],
  "2019-26": ["2021-01-01", "2024-12-31"],
};

const standardConflict = richTextToMarkdown(richTextFromParagraphs(DEFAULT_CONFLICT_HANDLING));
const standardRevision = richTextToMarkdown(richTextFromParagraphs(DEFAULT_REVISION_CLAUSE));

type NewPlanData = Awaited<ReturnType<typeof newPlanPage.loader>>;
type NewAgreementData = Awaited<ReturnType<typeof newAgreementPage.loader>>;
type PlanPageData = Awaited<ReturnType<typeof planPage.loader>>;
type PlanEditData = Awaited<ReturnType<typeof planEdit.loader>>;
type BasicsData = Awaited<ReturnType<typeof basicsPage.loader>>;
type ClausesData = Awaited<ReturnType<typeof clausesPage.loader>>;

describe.each(drivers)("opening clause, standard texts and funding rounds on %s", (driver) => {
  let t: TestDb;
  let secretariat: number;
  let rounds: NewPlanData["options"]["fundingRounds"];

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    secretariat = t.demo.userIds.secretariat;
    const loaded = await callRoute(newPlanPage.loader, "/plans/new", { userId: secretariat });
    rounds = (loaded.data as NewPlanData).options.fundingRounds;
  });
  afterAll(async () => {
    await t?.close();
  });

  const roundId = (code: RoundCode) => String(rounds.find((r) => r.code === code)!.id);

  /** Creates a plan through the plan form; `templateEdition` undefined leaves the field out. */
  async function createPlanVia(code: RoundCode, templateEdition?: string) {
    const [periodStart, periodEnd] = ROUND_PERIODS[code];
    const res = await callRoute(newPlanPage.action, "/plans/new", {
      userId: secretariat,
      form: {
        name: `Helhedsplan ${code} ${templateEdition ?? "som puljen"} ${Math.random()}`,
        fundingRoundId: roundId(code),
        ...(templateEdition === undefined ? {} : { templateEdition }),
        periodStart,
        periodEnd,
        status: "active",
        municipalityId: "",
        description: "",
        revisionIntervalMonths: "12",
        reportDueMonthDay: "30-06",
      },
    });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const planId = /^\/plans\/(\d+)$/.exec(res.headers.get("Location") ?? "")?.[1];
    expect(planId).toBeDefined();
    return planId!;
  }

  async function planPageData(planId: string) {
    const res = await callRoute(planPage.loader, `/plans/${planId}`, {
      userId: secretariat,
      params: { planId },
    });
    expect(res.status).toBe(200);
    return res.data as PlanPageData;
  }

  async function newAgreementForm(planId: string) {
    const res = await callRoute(newAgreementPage.loader, `/plans/${planId}/agreements/new`, {
      userId: secretariat,
      params: { planId },
    });
    expect(res.status).toBe(200);
    return res.data as NewAgreementData;
  }

  /** Creates an agreement through the create form as the page prefills it; returns its id. */
  async function createAgreementVia(planId: string, focusArea: string, openingText?: string) {
    const form = await newAgreementForm(planId);
    const area = form.focusAreas.find((f) => f.name === focusArea);
    expect(area, focusArea).toBeDefined();
    const res = await callRoute(newAgreementPage.action, `/plans/${planId}/agreements/new`, {
      userId: secretariat,
      params: { planId },
      form: {
        focusAreaId: String(area!.id),
        openingText: openingText ?? form.defaults.openingText,
        validFrom: form.defaults.validFrom,
        validTo: form.defaults.validTo,
      },
    });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const agreementId = new RegExp(`^/plans/${planId}/agreements/(\\d+)$`).exec(
      res.headers.get("Location") ?? "",
    )?.[1];
    expect(agreementId).toBeDefined();
    return agreementId!;
  }

  const sectionUrl = (planId: string, agreementId: string, section: string) =>
    `/plans/${planId}/agreements/${agreementId}/edit/${section}`;

  async function view(planId: string, agreementId: string) {
    return (
      await getAgreementView(t.db, t.user("secretariat"), Number(planId), Number(agreementId))
    ).view;
  }

  async function wordText(planId: string, agreementId: string): Promise<string> {
    const url = `/plans/${planId}/agreements/${agreementId}/document.docx`;
    const response = await agreementDocx.loader({
      request: await buildRequest(url, { userId: secretariat }),
      params: { planId, agreementId },
      context: {},
    });
    expect(response.status).toBe(200);
    return readDocxBuffer(Buffer.from(await response.arrayBuffer())).plain;
  }

  async function currentVersion(planId: string, agreementId: string) {
    return (await view(planId, agreementId)).version;
  }

  describe.each(Object.keys(ROUND_FOCUS_AREAS) as RoundCode[])("funding round %s", (code) => {
    it("offers exactly the round's focus areas, creates an agreement for one and refuses another round's", async () => {
      const planId = await createPlanVia(code);
      const form = await newAgreementForm(planId);
      expect(form.focusAreas.map((f) => f.name)).toEqual([...ROUND_FOCUS_AREAS[code]]);

      const last = ROUND_FOCUS_AREAS[code].at(-1)!;
      const agreementId = await createAgreementVia(planId, last);
      expect((await view(planId, agreementId)).focusArea).toBe(last);
      const after = await newAgreementForm(planId);
      expect(after.focusAreas.filter((f) => f.taken).map((f) => f.name)).toEqual([last]);

      // An area of another round, posted by hand: 400 with the Danish message, input kept.
      const otherCode = code === "2019-26" ? "2011-14" : "2019-26";
      const otherPlanId = await createPlanVia(otherCode);
      const otherArea = (await newAgreementForm(otherPlanId)).focusAreas[0]!;
      const refused = await callRoute(newAgreementPage.action, `/plans/${planId}/agreements/new`, {
        userId: secretariat,
        params: { planId },
        form: {
          focusAreaId: String(otherArea.id),
          openingText: "Vores egen indledning.",
          validFrom: form.defaults.validFrom,
          validTo: form.defaults.validTo,
        },
      });
      expect(refused.status).toBe(400);
      const body = refused.data as FormFailure;
      expect(body.errors.focusAreaId).toBe("Vælg et af puljens indsatsområder");
      expect(body.values.openingText).toBe("Vores egen indledning.");
      expect((await newAgreementForm(planId)).focusAreas.filter((f) => f.taken)).toHaveLength(1);
    });
  });

  it("gives a new plan the funding round's usual edition, and the agreement its opening clause", async () => {
    const expected: Record<RoundCode, "older" | "2018"> = {
      "2011-14": "older",
      "2015-18": "older",
      "2019-26": "2018",
    };
    for (const code of Object.keys(expected) as RoundCode[]) {
      const planId = await createPlanVia(code, "");
      const page = await planPageData(planId);
      expect(page.plan.templateEdition, code).toBe(expected[code]);
      const form = await newAgreementForm(planId);
      expect(form.defaults.openingText, code).toBe(OPENING_CLAUSE_DEFAULTS[expected[code]]);
      const agreementId = await createAgreementVia(planId, ROUND_FOCUS_AREAS[code][0]);
      expect((await view(planId, agreementId)).openingClause, code).toBe(
        OPENING_CLAUSE_DEFAULTS[expected[code]],
      );
    }
  });

  it("starts agreements with the chosen edition's clause, whatever the round", async () => {
    const older = await createPlanVia("2019-26", "older");
    expect((await planPageData(older)).plan.templateEdition).toBe("older");
    const olderAgreement = await createAgreementVia(older, "Beskæftigelse");
    const olderView = await view(older, olderAgreement);
    expect(olderView.openingClause).toBe(OPENING_CLAUSE_DEFAULTS.older);
    expect(olderView.openingClause).toContain("løbende ajourføres");
    expect(await wordText(older, olderAgreement)).toContain(OPENING_CLAUSE_DEFAULTS.older);

    const recent = await createPlanVia("2011-14", "2018");
    const recentAgreement = await createAgreementVia(recent, "Sundhed");
    const recentView = await view(recent, recentAgreement);
    expect(recentView.openingClause).toBe(OPENING_CLAUSE_DEFAULTS["2018"]);
    expect(recentView.openingClause).toContain("strategiske samarbejdsaftale");
    expect(await wordText(recent, recentAgreement)).toContain(OPENING_CLAUSE_DEFAULTS["2018"]);
  });

  it("refuses an unknown edition on the plan form with a Danish message", async () => {
    const res = await callRoute(newPlanPage.action, "/plans/new", {
      userId: secretariat,
      form: {
        name: "Helhedsplan med ukendt skabelon",
        fundingRoundId: roundId("2019-26"),
        templateEdition: "2030",
        periodStart: "2025-01-01",
        periodEnd: "2028-12-31",
        status: "draft",
      },
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors.templateEdition).toBe("Vælg en skabelonudgave");
    expect(body.values.name).toBe("Helhedsplan med ukendt skabelon");
  });

  it("changes a plan's edition for new agreements only", async () => {
    const planId = await createPlanVia("2015-18");
    const before = await createAgreementVia(planId, "Tryghed og trivsel");

    const edit = await callRoute(planEdit.loader, `/plans/${planId}/edit`, {
      userId: secretariat,
      params: { planId },
    });
    const { plan } = edit.data as PlanEditData;
    expect(plan.values.templateEdition).toBe("older");
    const saved = await callRoute(planEdit.action, `/plans/${planId}/edit`, {
      userId: secretariat,
      params: { planId },
      form: {
        version: String(plan.version),
        name: plan.values.name,
        fundingRoundId: String(plan.values.fundingRoundId),
        templateEdition: "2018",
        periodStart: plan.values.periodStart,
        periodEnd: plan.values.periodEnd,
        status: plan.values.status,
        municipalityId: "",
        description: "",
        revisionIntervalMonths: "12",
        reportDueMonthDay: "30-06",
      },
    });
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    expect((await planPageData(planId)).plan.templateEdition).toBe("2018");

    expect((await view(planId, before)).openingClause).toBe(OPENING_CLAUSE_DEFAULTS.older);
    const after = await createAgreementVia(planId, "Kriminalpræventiv indsats");
    expect((await view(planId, after)).openingClause).toBe(OPENING_CLAUSE_DEFAULTS["2018"]);
  });

  it("saves an edited opening clause verbatim and puts the edition's wording back on request", async () => {
    const planId = await createPlanVia("2011-14");
    const agreementId = await createAgreementVia(planId, "Kultur og fritid");
    const basicsUrl = sectionUrl(planId, agreementId, "basics");
    const params = { planId, agreementId };
    const own =
      "Bestyrelsen for \"Den boligsociale indsats i Havbakke\" – herefter «bestyrelsen» – er ansvarlig for, at delaftalen løbende ajourføres, jf. § 4, stk. 2, i den strategiske samarbejdsaftale af 1. marts 2012 (revideret 2013), og at ændringer meddeles parterne 'straks'.";

    const version = await currentVersion(planId, agreementId);
    const saved = await callRoute(basicsPage.action, basicsUrl, {
      userId: secretariat,
      params,
      form: {
        version: String(version),
        openingText: own,
        validFrom: "2011-01-01",
        validTo: "2014-12-31",
      },
    });
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    expect((await view(planId, agreementId)).openingClause).toBe(own);
    expect(await wordText(planId, agreementId)).toContain(own);
    const loaded = await callRoute(basicsPage.loader, basicsUrl, { userId: secretariat, params });
    expect((loaded.data as BasicsData).values.openingText).toBe(own);

    // The button without JavaScript: the default in the field, the dates as typed, nothing saved.
    const savedVersion = await currentVersion(planId, agreementId);
    const standard = await callRoute(basicsPage.action, basicsUrl, {
      userId: secretariat,
      params,
      form: {
        version: String(savedVersion),
        openingText: own,
        validFrom: "2012-01-01",
        validTo: "2013-12-31",
        intent: "standard-openingText",
      },
    });
    expect(standard.status).toBe(200);
    const body = standard.data as FormFailure;
    expect(body.notice).toBe("Standardteksten er indsat. Gem for at bruge den.");
    expect(body.errors).toEqual({});
    expect(body.values).toMatchObject({
      openingText: OPENING_CLAUSE_DEFAULTS.older,
      validFrom: "2012-01-01",
      validTo: "2013-12-31",
      version: String(savedVersion),
    });
    expect(body.values).not.toHaveProperty("intent");
    expect(await currentVersion(planId, agreementId)).toBe(savedVersion);
    expect((await view(planId, agreementId)).openingClause).toBe(own);

    const restored = await callRoute(basicsPage.action, basicsUrl, {
      userId: secretariat,
      params,
      form: { ...(body.values as Record<string, string>) },
    });
    expect(restored.status).toBe(302);
    expect((await view(planId, agreementId)).openingClause).toBe(OPENING_CLAUSE_DEFAULTS.older);
  });

  it("puts the edition's clause back on the create page without creating anything", async () => {
    const planId = await createPlanVia("2019-26");
    const form = await newAgreementForm(planId);
    const area = form.focusAreas[1]!;
    const res = await callRoute(newAgreementPage.action, `/plans/${planId}/agreements/new`, {
      userId: secretariat,
      params: { planId },
      form: {
        focusAreaId: String(area.id),
        openingText: "Noget helt andet.",
        validFrom: "2022-01-01",
        validTo: form.defaults.validTo,
        intent: "standard-openingText",
      },
    });
    expect(res.status).toBe(200);
    const body = res.data as FormFailure;
    expect(body.notice).toBe("Standardteksten er indsat. Gem for at bruge den.");
    expect(body.values).toMatchObject({
      focusAreaId: String(area.id),
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2022-01-01",
    });
    expect((await newAgreementForm(planId)).focusAreas.some((f) => f.taken)).toBe(false);
  });

  it("starts the conflict and revision clauses empty, and prints neither", async () => {
    const planId = await createPlanVia("2019-26");
    const agreementId = await createAgreementVia(planId, "Kriminalitetsforebyggelse");
    const loaded = await callRoute(clausesPage.loader, sectionUrl(planId, agreementId, "clauses"), {
      userId: secretariat,
      params: { planId, agreementId },
    });
    expect((loaded.data as ClausesData).values).toEqual({
      conflictHandling: "",
      revisionClause: "",
    });
    const v = await view(planId, agreementId);
    expect(v.conflictHandling).toBeNull();
    expect(v.revisionClause).toBeNull();
    const text = await wordText(planId, agreementId);
    expect(text).not.toContain("Konflikthåndtering og underretning");
    expect(text).not.toContain("Revision af delaftalen");
    expect(text).not.toContain(REVISION_CLAUSE_NOTE);
    expect(text).not.toContain(DEFAULT_CONFLICT_HANDLING[0]);
    expect(text).not.toContain(DEFAULT_REVISION_CLAUSE[0]);
  });

  it("fills a clause with the standard text without saving, and prints it once saved", async () => {
    const planId = await createPlanVia("2019-26");
    const agreementId = await createAgreementVia(planId, "Uddannelse og livschancer");
    const url = sectionUrl(planId, agreementId, "clauses");
    const params = { planId, agreementId };
    const version = await currentVersion(planId, agreementId);

    const filled = await callRoute(clausesPage.action, url, {
      userId: secretariat,
      params,
      form: {
        version: String(version),
        conflictHandling: "",
        revisionClause: "Revideres hvert efterår.",
        intent: "standard-conflictHandling",
      },
    });
    expect(filled.status).toBe(200);
    const body = filled.data as FormFailure;
    expect(body.ok).toBe(false);
    expect(body.errors).toEqual({});
    expect(body.notice).toBe("Standardteksten er indsat. Gem for at bruge den.");
    expect(body.values).toEqual({
      version: String(version),
      conflictHandling: standardConflict,
      revisionClause: "Revideres hvert efterår.",
    });
    expect(await currentVersion(planId, agreementId)).toBe(version);
    expect((await view(planId, agreementId)).conflictHandling).toBeNull();
    expect(await wordText(planId, agreementId)).not.toContain("Konflikthåndtering");

    const both = await callRoute(clausesPage.action, url, {
      userId: secretariat,
      params,
      form: { ...(body.values as Record<string, string>), intent: "standard-revisionClause" },
    });
    expect(both.status).toBe(200);
    const bothValues = (both.data as FormFailure).values;
    expect(bothValues).toMatchObject({
      conflictHandling: standardConflict,
      revisionClause: standardRevision,
    });
    expect(await currentVersion(planId, agreementId)).toBe(version);

    const saved = await callRoute(clausesPage.action, url, {
      userId: secretariat,
      params,
      form: bothValues as Record<string, string>,
    });
    expect(saved.status).toBe(302);
    const text = await wordText(planId, agreementId);
    expect(text).toContain("Konflikthåndtering og underretning");
    for (const paragraph of DEFAULT_CONFLICT_HANDLING) expect(text).toContain(paragraph);
    expect(text).toContain("Revision af delaftalen");
    expect(text).toContain(DEFAULT_REVISION_CLAUSE[0]);
    // The fund's note about revised agreements stands in the row's label.
    expect(text).toContain(`Revision af delaftalen (${REVISION_CLAUSE_NOTE.replace(/\.$/, "")}):`);
  });

  it("refuses a field without a standard text, and the button to those who may not edit", async () => {
    const agreementId = String(t.demo.agreementId);
    const planId = String(t.demo.planId);
    const url = sectionUrl(planId, agreementId, "clauses");
    const params = { planId, agreementId };
    const version = await currentVersion(planId, agreementId);
    const form = {
      version: String(version),
      conflictHandling: "x",
      revisionClause: "y",
      intent: "standard-conflictHandling",
    };
    const unknown = await callRoute(clausesPage.action, url, {
      userId: secretariat,
      params,
      form: { ...form, intent: "standard-problemStatement" },
    });
    expect(unknown.status).toBe(400);
    const reporter = await callRoute(clausesPage.action, url, {
      userId: t.demo.userIds.reporter,
      params,
      form,
    });
    expect(reporter.status).toBe(403);
    const stranger = await callRoute(clausesPage.action, url, {
      userId: t.demo.userIds.otherPlan,
      params,
      form,
    });
    expect(stranger.status).toBe(404);
    const basics = await callRoute(basicsPage.action, sectionUrl(planId, agreementId, "basics"), {
      userId: t.demo.userIds.reporter,
      params,
      form: { version: String(version), openingText: "", intent: "standard-openingText" },
    });
    expect(basics.status).toBe(403);
    expect(await currentVersion(planId, agreementId)).toBe(version);
  });
});
