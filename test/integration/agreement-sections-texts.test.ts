/**
 * The agreement's section pages for basics, texts, financing and staff, called as Remix would
 * call them: validation messages in Danish with the typed values kept, saves that show up in the
 * agreement's view, "Brug standardteksten" without JavaScript, optimistic locking and access.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { focusAreas } from "../../db/schema";
import { OPENING_CLAUSE_DEFAULTS, DEFAULT_CONFLICT_HANDLING } from "~/domain/texts.da";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import { richTextFromParagraphs, richTextToMarkdown } from "~/domain/rich-text";
import { createAgreement } from "~/models/agreements/create.server";
import { getAgreementView } from "~/models/agreements/read.server";
import * as basicsPage from "~/routes/plans.$planId.agreements.$agreementId.edit.basics";
import * as clausesPage from "~/routes/plans.$planId.agreements.$agreementId.edit.clauses";
import * as financingPage from "~/routes/plans.$planId.agreements.$agreementId.edit.financing";
import * as interplayPage from "~/routes/plans.$planId.agreements.$agreementId.edit.interplay";
import * as problemPage from "~/routes/plans.$planId.agreements.$agreementId.edit.problem";
import * as staffPage from "~/routes/plans.$planId.agreements.$agreementId.edit.staff";

type Form = Record<string, string>;

describe.each(drivers)("agreement section pages (texts, financing, staff) on %s", (driver) => {
  let t: TestDb;
  let agreementId: number;
  let params: Record<string, string>;
  let sourceIds: string[] = ["", ""];
  const url = (section: string) =>
    `/plans/${t.demo.planId}/agreements/${agreementId}/edit/${section}`;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const [focusArea] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Kriminalitetsforebyggelse"));
    const agreement = await createAgreement(t.db, t.user("secretariat"), t.demo.planId, {
      focusAreaId: focusArea!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    agreementId = agreement.id;
    params = { planId: String(t.demo.planId), agreementId: String(agreementId) };
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The version the edit pages would put in their hidden field now. */
  async function currentVersion(): Promise<number> {
    const res = await callRoute(problemPage.loader, url("problem"), {
      userId: t.demo.userIds.secretariat,
      params,
    });
    return (res.data as { record: { version: number } }).record.version;
  }

  async function submit(
    page: { action: Parameters<typeof callRoute>[0] },
    section: string,
    form: Form,
    userId = t.demo.userIds.secretariat,
  ) {
    return callRoute(page.action, url(section), { userId, params, form });
  }

  const view = async () =>
    (await getAgreementView(t.db, t.user("secretariat"), t.demo.planId, agreementId)).view;

  it("loads the basics with the plan period and the financing with one column per year", async () => {
    const basics = await callRoute(basicsPage.loader, url("basics"), {
      userId: t.demo.userIds.secretariat,
      params,
    });
    expect(basics.status).toBe(200);
    const b = basics.data as Awaited<ReturnType<typeof basicsPage.loader>>;
    expect(b.values).toEqual({
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    expect(b.period).toEqual({ start: "2023-01-01", end: "2026-12-31" });
    // The demo plan follows the 2018 template: its wording is offered as the standard text.
    expect(b.edition.text).toBe(OPENING_CLAUSE_DEFAULTS["2018"]);

    const financing = await callRoute(financingPage.loader, url("financing"), {
      userId: t.demo.userIds.secretariat,
      params,
    });
    const f = financing.data as Awaited<ReturnType<typeof financingPage.loader>>;
    expect(f.years).toEqual([2023, 2024, 2025, 2026]);
    // A new agreement starts with Landsbyggefonden and the plan's municipality, without amounts.
    expect(f.values.sources.map((s) => [s.kind, s.organisationId, s.amounts])).toEqual([
      ["lbf", "", { y2023: "", y2024: "", y2025: "", y2026: "" }],
      [
        "municipality",
        t.demo.organisationIds.municipality,
        { y2023: "", y2024: "", y2025: "", y2026: "" },
      ],
    ]);
    sourceIds = f.values.sources.map((s) => String(s.id));
    expect(f.organisations[0]).toEqual({
      value: t.demo.organisationIds.municipality,
      label: "Havbakke Kommune",
    });
  });

  it("refuses a validity outside the plan period with 400 and keeps the typed dates", async () => {
    const res = await submit(basicsPage, "basics", {
      version: String(await currentVersion()),
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2022-06-01",
      validTo: "2027-03-31",
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors.validFrom).toBe("Delaftalen kan ikke begynde før planens periode");
    expect(body.errors.validTo).toBe("Delaftalen kan ikke slutte efter planens periode");
    expect(body.values).toMatchObject({
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2022-06-01",
      validTo: "2027-03-31",
    });
    expect((await view()).openingClause).toBe(OPENING_CLAUSE_DEFAULTS["2018"]);

    const ok = await submit(basicsPage, "basics", {
      version: String(await currentVersion()),
      openingText: OPENING_CLAUSE_DEFAULTS.older,
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(
      `/plans/${t.demo.planId}/agreements/${agreementId}#basics`,
    );
    expect((await view()).openingClause).toBe(OPENING_CLAUSE_DEFAULTS.older);
  });

  it("saves the problem statement with a heading, a list and bold text", async () => {
    const res = await submit(problemPage, "problem", {
      version: String(await currentVersion()),
      problemStatement:
        "## Overskrift\r\n\r\nUnge i området oplever **fed** utryghed om aftenen.\r\n\r\n- første punkt\r\n- andet punkt",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `/plans/${t.demo.planId}/agreements/${agreementId}#problem`,
    );
    const blocks = (await view()).problemStatement?.blocks ?? [];
    expect(blocks[0]).toEqual({ type: "heading", content: [{ text: "Overskrift" }] });
    expect(blocks[1]).toMatchObject({ type: "paragraph" });
    expect(blocks[1]?.type === "paragraph" ? blocks[1].content : []).toContainEqual({
      text: "fed",
      bold: true,
    });
    expect(blocks[2]).toEqual({
      type: "list",
      ordered: false,
      items: [[{ text: "første punkt" }], [{ text: "andet punkt" }]],
    });
  });

  it("saves the interplay and the anchoring", async () => {
    const res = await submit(interplayPage, "interplay", {
      version: String(await currentVersion()),
      municipalInterplay: "Indsatsen supplerer kommunens SSP-arbejde.",
      anchoring: "Lektiecaféen overgår til foreningen.",
    });
    expect(res.status).toBe(302);
    const v = await view();
    expect(v.municipalInterplay?.blocks).toHaveLength(1);
    expect(v.anchoring).toEqual({
      blocks: [{ type: "paragraph", content: [{ text: "Lektiecaféen overgår til foreningen." }] }],
    });
  });

  const financingForm = (y2024 = "750.000"): Form => ({
    "sources.0.id": sourceIds[0]!,
    "sources.0.kind": "lbf",
    "sources.0.organisationId": "",
    "sources.0.name": "",
    "sources.0.amounts.y2023": "750.000",
    "sources.0.amounts.y2024": y2024,
    "sources.0.amounts.y2025": "750.000",
    "sources.0.amounts.y2026": "750.000",
    "sources.1.id": sourceIds[1]!,
    "sources.1.kind": "municipality",
    "sources.1.organisationId": String(t.demo.organisationIds.municipality),
    "sources.1.name": "",
    "sources.1.amounts.y2023": "250.000",
    "sources.1.amounts.y2024": "250.000",
    "sources.1.amounts.y2025": "250.000",
    "sources.1.amounts.y2026": "250.000",
  });

  it("saves amounts typed the Danish way and computes the total and the LBF share", async () => {
    const res = await submit(financingPage, "financing", {
      version: String(await currentVersion()),
      ...financingForm(),
    });
    expect(res.status).toBe(302);
    const { budget } = await view();
    expect(budget.lbfShare).toBe(0.75);
    expect(budget.total.total).toBe(4_000_000);
    expect(budget.total.byYear).toEqual([1_000_000, 1_000_000, 1_000_000, 1_000_000]);
    // The rows keep their identity.
    expect([...budget.lbf, ...budget.local].map((l) => String(l.id))).toEqual(sourceIds);

    const loaded = await callRoute(financingPage.loader, url("financing"), {
      userId: t.demo.userIds.secretariat,
      params,
    });
    const f = loaded.data as Awaited<ReturnType<typeof financingPage.loader>>;
    expect(f.values.sources[0]?.amounts).toEqual({
      y2023: "750.000",
      y2024: "750.000",
      y2025: "750.000",
      y2026: "750.000",
    });
  });

  it("answers an amount that is not whole kroner with 400 on that field, keeping the input", async () => {
    const version = await currentVersion();
    const res = await submit(financingPage, "financing", {
      version: String(version),
      ...financingForm("12,5 kr"),
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors["sources.0.amounts.y2024"]).toBe(
      "Skriv et beløb i hele kroner, fx 1.250.000",
    );
    expect(body.values).toMatchObject({
      sources: [{ kind: "lbf", amounts: { y2024: "12,5 kr", y2023: "750.000" } }, {}],
    });
    expect(await currentVersion()).toBe(version);
  });

  it("saves staff with hours typed with a decimal comma", async () => {
    const res = await submit(staffPage, "staff", {
      version: String(await currentVersion()),
      "staff.0.id": "",
      "staff.0.role": "Boligsocial medarbejder",
      "staff.0.count": "2",
      "staff.0.hoursPerWeek": "11,5",
      "staff.0.fte": "",
      "staff.0.note": "",
    });
    expect(res.status).toBe(302);
    const { staff } = await view();
    expect(staff).toHaveLength(1);
    expect(staff[0]!.hoursPerWeek).toBe(11.5);
    expect(staff[0]!.text).toContain("11,5 timer/uge");
  });

  it("fills in a standard text without saving and keeps the other field", async () => {
    const saved = await submit(clausesPage, "clauses", {
      version: String(await currentVersion()),
      conflictHandling: "Parterne mødes og taler sammen.",
      revisionClause: "Revideres hvert forår.",
    });
    expect(saved.status).toBe(302);
    const version = await currentVersion();

    const res = await submit(clausesPage, "clauses", {
      version: String(version),
      conflictHandling: "Parterne mødes og taler sammen.",
      revisionClause: "Revideres hvert efterår.",
      intent: "standard-conflictHandling",
    });
    expect(res.status).toBe(200);
    const body = res.data as FormFailure;
    expect(body.ok).toBe(false);
    expect(body.errors).toEqual({});
    expect(body.notice).toBe("Standardteksten er indsat. Gem for at bruge den.");
    expect(body.values.conflictHandling).toBe(
      richTextToMarkdown(richTextFromParagraphs(DEFAULT_CONFLICT_HANDLING)),
    );
    expect(body.values.revisionClause).toBe("Revideres hvert efterår.");
    // The re-rendered form keeps the version the user started from.
    expect(body.values.version).toBe(String(version));

    expect(await currentVersion()).toBe(version);
    const v = await view();
    expect(v.conflictHandling?.blocks).toHaveLength(1);
    expect(v.revisionClause?.blocks[0]).toEqual({
      type: "paragraph",
      content: [{ text: "Revideres hvert forår." }],
    });

    const unknown = await submit(clausesPage, "clauses", {
      version: String(version),
      conflictHandling: "",
      revisionClause: "",
      intent: "standard-problemStatement",
    });
    expect(unknown.status).toBe(400);
    expect(await currentVersion()).toBe(version);
  });

  it("answers an edit based on an outdated version with 409 and keeps the input", async () => {
    const stale = (await currentVersion()) - 1;
    const res = await submit(interplayPage, "interplay", {
      version: String(stale),
      municipalInterplay: "Gammel udgave",
      anchoring: "",
    });
    expect(res.status).toBe(409);
    const body = res.data as FormFailure;
    expect(body.formError).toContain("En anden har gemt ændringer");
    expect(body.values.municipalInterplay).toBe("Gammel udgave");
    expect((await view()).municipalInterplay?.blocks[0]).toEqual({
      type: "paragraph",
      content: [{ text: "Indsatsen supplerer kommunens SSP-arbejde." }],
    });
  });

  const pages = [
    ["basics", basicsPage],
    ["problem", problemPage],
    ["interplay", interplayPage],
    ["clauses", clausesPage],
    ["financing", financingPage],
    ["staff", staffPage],
  ] as const;

  it("refuses the pages to a reporter of the plan with 403", async () => {
    const version = String(await currentVersion());
    for (const [section, page] of pages) {
      const loaded = await callRoute(page.loader, url(section), {
        userId: t.demo.userIds.reporter,
        params,
      });
      expect(loaded.status, section).toBe(403);
      const posted = await submit(page, section, { version }, t.demo.userIds.reporter);
      expect(posted.status, section).toBe(403);
    }
    const restore = await submit(
      clausesPage,
      "clauses",
      { version, conflictHandling: "", revisionClause: "", intent: "standard-conflictHandling" },
      t.demo.userIds.reporter,
    );
    expect(restore.status).toBe(403);
    expect(await currentVersion()).toBe(Number(version));
  });

  it("answers a user of another plan with 404", async () => {
    const version = String(await currentVersion());
    for (const [section, page] of pages) {
      const loaded = await callRoute(page.loader, url(section), {
        userId: t.demo.userIds.otherPlan,
        params,
      });
      expect(loaded.status, section).toBe(404);
      const posted = await submit(page, section, { version }, t.demo.userIds.otherPlan);
      expect(posted.status, section).toBe(404);
    }
    const restore = await submit(
      clausesPage,
      "clauses",
      { version, conflictHandling: "", revisionClause: "", intent: "standard-conflictHandling" },
      t.demo.userIds.otherPlan,
    );
    expect(restore.status).toBe(404);
    expect(await currentVersion()).toBe(Number(version));
  });
});
