/**
 * The dispositionsfond pages called as Remix calls them, on both drivers, on top of the demo fund
 * (Lærkeredens Dispositionsfond): the list of funds, the settings with rows added without
 * JavaScript, the fund's page with its frame overview and status filter, an application written
 * and submitted through the new and edit pages (a period beyond the fund's years is refused with
 * the message at the end year and the input kept), the fund administration's assessment and
 * decision through the application page (with the frame warning when a decision exceeds a year's
 * frame), withdrawal, the yearly grant report, 409 on stale versions with the input kept, 403 for
 * the applicant where only the administration may act, and 404 for an applicant of another estate
 * and for a plan member on every page of the estate's applications and grants. Texts are invented.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { organisations } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { createApplication, createFund } from "../helpers/factories";
import { flashOf } from "../helpers/flash";
import { callRoute, useTestDbForRoutes, type RouteResult } from "../helpers/routes";
import { NOT_ORDINARY_MESSAGE, periodMessage } from "~/domain/disposition-fund";
import type { FormFailure } from "~/domain/form";
import { todayInDenmark } from "~/domain/format";
import { CONFLICT_MESSAGE } from "~/http.server";
import { addOrganisationMembership, createUser } from "~/models/users.server";
import * as fundsPage from "~/routes/funds._index";
import * as fundPage from "~/routes/funds.$fundId._index";
import * as viewPage from "~/routes/funds.$fundId.applications.$applicationId._index/route";
import * as editPage from "~/routes/funds.$fundId.applications.$applicationId.edit";
import * as newPage from "~/routes/funds.$fundId.applications.new";
import * as reportPage from "~/routes/funds.$fundId.grants.$grantId.reports.$year";
import * as settingsPage from "~/routes/organisations.$organisationId.fund";

type Form = Record<string, string>;
type FundsData = Awaited<ReturnType<typeof fundsPage.loader>>;
type FundData = Awaited<ReturnType<typeof fundPage.loader>>;
type SettingsData = Awaited<ReturnType<typeof settingsPage.loader>>;
type NewData = Awaited<ReturnType<typeof newPage.loader>>;
type EditData = Awaited<ReturnType<typeof editPage.loader>>;
type ViewData = Awaited<ReturnType<typeof viewPage.loader>>;
type ReportData = Awaited<ReturnType<typeof reportPage.loader>>;

const PERIOD_MESSAGE = periodMessage(4);
const DECIDED_MESSAGE = "Ansøgningen er afgjort af organisationsbestyrelsen og kan ikke ændres.";
const SUBMITTED_MESSAGE =
  "Ansøgningen er indsendt og kan ikke ændres. Træk den tilbage, hvis den skal rettes.";

/** The budget rows as the form posts them. */
function yearRows(rows: [year: number, requested: string, own: string][]): Form {
  return Object.fromEntries(
    rows.flatMap(([year, requested, own], i) => [
      [`years.${i}.year`, String(year)],
      [`years.${i}.requestedAmount`, requested],
      [`years.${i}.ownContribution`, own],
    ]),
  );
}

/** The id of the application a create redirected to. */
function createdId(res: RouteResult): number {
  const match = /\/applications\/(\d+)$/.exec(res.headers.get("Location") ?? "");
  expect(
    match,
    `redirect to the new application, got ${res.headers.get("Location")}`,
  ).not.toBeNull();
  return Number(match![1]);
}

const failure = (res: RouteResult) => res.data as FormFailure;

describe.each(drivers)("dispositionsfond pages on %s", (driver) => {
  let t: TestDb;
  let fundId: number;
  let kloeverhaven: number;
  /** An applicant for another estate of Lærkereden (Afd. 9 Engbakken). */
  let otherApplicantId: number;

  // Every test starts from the demo data as seeded (a copy of the template database, about a
  // second) and builds what else it needs, so none depends on what another did before it.
  beforeEach(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    fundId = t.demo.dispositionFund.fundId;
    kloeverhaven = t.demo.organisationIds.kloeverhaven!;
    const [engbakken] = await t.db
      .insert(organisations)
      .values({
        kind: "estate",
        name: "Afd. 9 Engbakken",
        parentId: t.demo.organisationIds.laerkereden!,
        tenancies: 150,
      })
      .returning({ id: organisations.id });
    const user = await createUser(t.db, null, {
      name: "Ole Brink",
      email: "engbakken@samarbejde.example",
      password: "engbakken-adgang-1",
      isAdmin: false,
    });
    await addOrganisationMembership(t.db, null, user.id, {
      organisationId: t.demo.organisationIds.laerkereden!,
      role: "applicant",
      estateId: engbakken!.id,
    });
    otherApplicantId = user.id;
  });
  afterEach(async () => {
    await t?.close();
  });

  const ids = () => ({
    admin: t.demo.userIds.admin,
    fundAdmin: t.demo.userIds.fundAdmin,
    applicant: t.demo.userIds.applicant,
    planUser: t.demo.userIds.secretariat,
  });
  const fundParams = () => ({ fundId: String(fundId) });
  const appParams = (applicationId: number, id?: number) => ({
    fundId: String(id ?? fundId),
    applicationId: String(applicationId),
  });
  const appUrl = (applicationId: number, suffix = "") =>
    `/funds/${fundId}/applications/${applicationId}${suffix}`;
  const settingsParams = (organisationId = t.demo.organisationIds.laerkereden!) => ({
    organisationId: String(organisationId),
  });

  /**
   * A complete application from Kløverhaven as the form posts it; `years` replaces the budget
   * rows (2026 and 2027).
   */
  const applicationForm = (
    overrides: Form = {},
    years: [number, string, string][] = [
      [2026, "120.000", "20.000"],
      [2027, "100.000", "20.000"],
    ],
  ): Form => ({
    estateId: String(kloeverhaven),
    title: "Lektiecafé i beboerhuset",
    description: "Frivillige hjælper børn med lektier to eftermiddage om ugen.",
    purpose: "- Flere børn får lavet lektier\n- Forældre mødes i beboerhuset",
    need: "preventive",
    notOrdinaryActivity: "on",
    startYear: "2026",
    endYear: "2027",
    tenancies: "212",
    ...yearRows(years),
    "funding.0.kind": "lbf_plan",
    "funding.0.planId": String(t.demo.planId),
    "funding.0.name": "",
    "funding.0.amount": "40.000",
    ...overrides,
  });

  const loadView = async (applicationId: number, userId: number, query = "") => {
    const res = await callRoute(viewPage.loader, appUrl(applicationId, query), {
      userId,
      params: appParams(applicationId),
    });
    expect(res.status).toBe(200);
    return res.data as ViewData;
  };
  const postView = (applicationId: number, userId: number, form: Form) =>
    callRoute(viewPage.action, appUrl(applicationId), {
      userId,
      params: appParams(applicationId),
      form,
    });
  const postEdit = (applicationId: number, userId: number, form: Form) =>
    callRoute(editPage.action, appUrl(applicationId, "/edit"), {
      userId,
      params: appParams(applicationId),
      form,
    });
  const postNew = (userId: number, form: Form) =>
    callRoute(newPage.action, `/funds/${fundId}/applications/new`, {
      userId,
      params: fundParams(),
      form,
    });

  /** Kløverhaven's applicant on the demo fund, for the application factory. */
  const kloeverhavenApplicant = () => ({
    fundId,
    applicant: t.user("applicant"),
    estateId: kloeverhaven,
    fundAdmin: t.user("fundAdmin"),
  });
  /** The application `applicationForm()` describes, submitted by the applicant. */
  const submittedLektiecafe = () =>
    createApplication(t.db, kloeverhavenApplicant(), {
      state: "submitted",
      values: {
        title: "Lektiecafé i beboerhuset",
        need: "preventive",
        startYear: 2026,
        endYear: 2027,
        tenancies: 212,
        years: [
          { year: 2026, requestedAmount: 120_000, ownContribution: 20_000 },
          { year: 2027, requestedAmount: 100_000, ownContribution: 20_000 },
        ],
        funding: [{ kind: "lbf_plan", planId: t.demo.planId, name: null, amount: 40_000 }],
      },
    });

  it("lists the funds each user may use, and where a fund can be set up", async () => {
    const asAdmin = await callRoute(fundsPage.loader, "/funds", { userId: ids().admin });
    const admin = asAdmin.data as FundsData;
    expect(admin.funds.map((f) => [f.name, f.role, f.awaitingDecision])).toEqual([
      ["Lærkeredens Dispositionsfond", "admin", 1],
    ]);
    expect(admin.organisationsWithoutFund.map((o) => o.name)).toEqual(["Fællesbo Havbakke"]);

    const applicant = (await callRoute(fundsPage.loader, "/funds", { userId: ids().applicant }))
      .data as FundsData;
    expect(applicant.funds).toEqual([
      expect.objectContaining({
        id: fundId,
        role: "applicant",
        organisationName: "Boligselskabet Lærkereden",
        estates: [{ id: kloeverhaven, name: "Afd. 7 Kløverhaven" }],
      }),
    ]);
    expect(applicant.organisationsWithoutFund).toEqual([]);

    const planUser = (await callRoute(fundsPage.loader, "/funds", { userId: ids().planUser }))
      .data as FundsData;
    expect(planUser).toEqual({ funds: [], organisationsWithoutFund: [] });
  });

  it("shows the fund administration its frames and every application, filtered by status", async () => {
    const url = `/funds/${fundId}`;
    const res = await callRoute(fundPage.loader, url, {
      userId: ids().fundAdmin,
      params: fundParams(),
    });
    expect(res.status).toBe(200);
    const page = res.data as FundData;
    expect(page.manager).toBe(true);
    // The demo grant covers 2024 (no frame) and 2025; the frames run 2025–2028.
    expect(page.frames!.years.map((y) => [y.year, y.frame, y.committed, y.remaining])).toEqual([
      [2024, null, 95_000, null],
      [2025, 900_000, 95_000, 805_000],
      [2026, 1_000_000, 0, 1_000_000],
      [2027, 1_000_000, 0, 1_000_000],
      [2028, 800_000, 0, 800_000],
    ]);
    expect(page.frames!.years[0]!.warning).toBe("Der er ikke fastsat en ramme for 2024");
    expect(page.applications.map((a) => [a.title, a.status, a.requested])).toEqual([
      ["Tryg opgang – nabomægling og fællesskab i Kløverhaven", "submitted", 290_000],
      ["Fællesværkstedet i Kløverhaven", "approved", 190_000],
    ]);

    const filtered = (
      await callRoute(fundPage.loader, `${url}?status=submitted`, {
        userId: ids().fundAdmin,
        params: fundParams(),
      })
    ).data as FundData;
    expect(filtered.status).toBe("submitted");
    expect(filtered.applications.map((a) => a.status)).toEqual(["submitted"]);
    expect(filtered.counts).toMatchObject({ submitted: 1, approved: 1, draft: 0 });
    // An unknown status shows everything rather than nothing.
    const unknown = (
      await callRoute(fundPage.loader, `${url}?status=tabt`, {
        userId: ids().fundAdmin,
        params: fundParams(),
      })
    ).data as FundData;
    expect([unknown.status, unknown.applications.length]).toEqual([null, 2]);

    // The applicant reads the guidelines and their estate's applications, not the frames.
    const asApplicant = (
      await callRoute(fundPage.loader, url, { userId: ids().applicant, params: fundParams() })
    ).data as FundData;
    expect(asApplicant.frames).toBeNull();
    expect(asApplicant.guidelineItems).toEqual(
      expect.arrayContaining([
        "Støtte i højst 4 år",
        "Egenfinansiering mindst 10 %",
        "Højst 600 kr. pr. lejemål pr. år",
        "Akutte behov prioriteres",
      ]),
    );
    expect(asApplicant.fund.guidelines?.blocks.length).toBeGreaterThan(0);
    expect([asApplicant.canApply, asApplicant.applications.length]).toEqual([true, 2]);

    // An applicant of another estate may apply to the fund but sees none of Kløverhaven's.
    const other = (
      await callRoute(fundPage.loader, url, { userId: otherApplicantId, params: fundParams() })
    ).data as FundData;
    expect([other.canApply, other.estates, other.applications]).toEqual([
      true,
      ["Afd. 9 Engbakken"],
      [],
    ]);
  });

  it("saves the fund's settings: rows without JavaScript, Danish messages, 409 when stale", async () => {
    const url = `/organisations/${t.demo.organisationIds.laerkereden}/fund`;
    const loaded = await callRoute(settingsPage.loader, url, {
      userId: ids().fundAdmin,
      params: settingsParams(),
    });
    const { version, values } = loaded.data as SettingsData;
    expect(values).toMatchObject({
      maxYears: "4",
      minOwnSharePercent: "10",
      reportDueMonthDay: "31-03",
    });
    expect(values.frames).toHaveLength(4);
    const form: Form = {
      version: String(version),
      name: values.name,
      guidelines: values.guidelines,
      maxYears: "4",
      minOwnSharePercent: "10",
      maxAmountPerTenancy: "600",
      prioritiseLbfCofinancing: "on",
      prioritiseAcute: "on",
      reportDueMonthDay: "31-03",
      ...Object.fromEntries(
        values.frames.flatMap((f, i) => [
          [`frames.${i}.year`, f.year],
          [`frames.${i}.amount`, f.amount],
        ]),
      ),
    };
    const post = (body: Form, userId = ids().fundAdmin) =>
      callRoute(settingsPage.action, url, { userId, params: settingsParams(), form: body });

    // "Tilføj år" without JavaScript: the form comes back with an empty row, nothing saved.
    const added = await post({ ...form, _list: "frames:add" });
    expect(added.status).toBe(200);
    expect(failure(added).notice).toMatch(/ikke gemt/);
    expect(failure(added).values.frames).toHaveLength(5);

    const bad = await post({ ...form, minOwnSharePercent: "ti" });
    expect(bad.status).toBe(400);
    expect(failure(bad).errors).toEqual({
      minOwnSharePercent: "Skriv en procentsats mellem 0 og 100, fx 10",
    });
    expect(failure(bad).values).toMatchObject({ minOwnSharePercent: "ti", name: values.name });
    const twice = await post({ ...form, "frames.4.year": "2026", "frames.4.amount": "5" });
    expect(twice.status).toBe(400);
    expect(failure(twice).errors).toEqual({ "frames.4.year": "Året har allerede en ramme" });

    const saved = await post({ ...form, "frames.4.year": "2029", "frames.4.amount": "700.000" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/funds/${fundId}`);
    expect(await flashOf(saved)).toBe("Fondens indstillinger er gemt.");
    const fund = (
      await callRoute(fundPage.loader, `/funds/${fundId}`, {
        userId: ids().fundAdmin,
        params: fundParams(),
      })
    ).data as FundData;
    expect(fund.frames!.years.at(-1)).toMatchObject({ year: 2029, frame: 700_000 });

    // The same version again: somebody saved meanwhile. 409, and the input stays.
    const stale = await post({ ...form, name: "Lærkeredens Fond" });
    expect(stale.status).toBe(409);
    expect(failure(stale)).toMatchObject({
      formError: CONFLICT_MESSAGE,
      values: { name: "Lærkeredens Fond" },
    });

    // Applicants of the organisation may not manage the fund (403); others do not see it (404).
    for (const [userId, status] of [
      [ids().applicant, 403],
      [otherApplicantId, 403],
      [ids().planUser, 404],
    ] as const) {
      expect(
        (await callRoute(settingsPage.loader, url, { userId, params: settingsParams() })).status,
      ).toBe(status);
      expect((await post(form, userId)).status).toBe(status);
    }

    // An administrator sets up Fællesbo Havbakke's fund: version 0 creates it.
    const faellesbo = t.demo.organisationIds.faellesbo!;
    const empty = (
      await callRoute(settingsPage.loader, `/organisations/${faellesbo}/fund`, {
        userId: ids().admin,
        params: settingsParams(faellesbo),
      })
    ).data as SettingsData;
    expect([empty.fund, empty.version, empty.values.maxYears]).toEqual([null, 0, "4"]);
    const created = await callRoute(settingsPage.action, `/organisations/${faellesbo}/fund`, {
      userId: ids().admin,
      params: settingsParams(faellesbo),
      form: {
        version: "0",
        name: "Fællesbos Dispositionsfond",
        guidelines: "",
        maxYears: "3",
        "frames.0.year": "2027",
        "frames.0.amount": "250.000",
      },
    });
    expect(created.status).toBe(302);
    const otherFundId = Number(/^\/funds\/(\d+)$/.exec(created.headers.get("Location")!)?.[1]);
    expect(otherFundId).toBeGreaterThan(0);
    expect(otherFundId).not.toBe(fundId);
  });

  it("applicant: a draft from the new page; too many years to submit is a 400 at the end year with the input kept; then submitted", async () => {
    const applicant = ids().applicant;
    const loaded = await callRoute(newPage.loader, `/funds/${fundId}/applications/new`, {
      userId: applicant,
      params: fundParams(),
    });
    const page = loaded.data as NewData;
    expect(page.estates).toEqual([
      { id: kloeverhaven, name: "Afd. 7 Kløverhaven", tenancies: 212 },
    ]);
    const nextYear = String(Number(todayInDenmark().slice(0, 4)) + 1);
    expect(page.values).toMatchObject({
      estateId: String(kloeverhaven),
      tenancies: "212",
      startYear: nextYear,
      endYear: nextYear,
      years: [{ year: nextYear, requestedAmount: "", ownContribution: "" }],
    });
    expect(page.fund.maxYears).toBe(4);

    const count = async () =>
      (
        (
          await callRoute(fundPage.loader, `/funds/${fundId}`, {
            userId: applicant,
            params: fundParams(),
          })
        ).data as FundData
      ).applications.length;
    const before = await count();

    // Submitting straight from the new page with five years: refused, nothing created.
    const fiveYears: [number, string, string][] = [2026, 2027, 2028, 2029, 2030].map((y) => [
      y,
      "50.000",
      "10.000",
    ]);
    const refused = await postNew(
      applicant,
      applicationForm({ intent: "submit", endYear: "2030" }, fiveYears),
    );
    expect(refused.status).toBe(400);
    expect(failure(refused).errors).toEqual({ endYear: PERIOD_MESSAGE });
    expect(failure(refused).values).toMatchObject({
      title: "Lektiecafé i beboerhuset",
      endYear: "2030",
    });
    expect(await count()).toBe(before);

    // "Gem udkast" without the confirmation: a draft is fine.
    const draft = await postNew(
      applicant,
      applicationForm({ intent: "draft", notOrdinaryActivity: "", title: "Lektiecafé 2026–27" }),
    );
    expect(draft.status).toBe(302);
    expect(await flashOf(draft)).toBe("Ansøgningen er gemt som udkast.");
    const flowId = createdId(draft);
    expect(await count()).toBe(before + 1);
    let view = await loadView(flowId, applicant);
    expect(view.application).toMatchObject({
      status: "draft",
      title: "Lektiecafé 2026–27",
      notOrdinaryActivity: false,
    });
    expect(view.permissions).toMatchObject({ canEdit: true, canSubmit: true, canAssess: false });
    expect(view.checklist.find((i) => i.key === "notOrdinary")?.state).toBe("fail");
    // The linked plan is in the system but the applicant is not a member: no link.
    expect(view.funding).toEqual([
      expect.objectContaining({
        planName: "Helhedsplan Strandengen og Solsikkeparken",
        planVisible: false,
      }),
    ]);
    expect((await loadView(flowId, ids().admin)).funding[0]!.planVisible).toBe(true);

    const edit = (
      await callRoute(editPage.loader, appUrl(flowId, "/edit"), {
        userId: applicant,
        params: appParams(flowId),
      })
    ).data as EditData;
    expect(edit.form?.values).toMatchObject({
      title: "Lektiecafé 2026–27",
      notOrdinaryActivity: false,
    });
    const version = String(edit.application.version);

    // Submitting the draft with five years from the edit page: 400 at the end year, input kept,
    // nothing saved.
    const tooLong = await postEdit(
      flowId,
      applicant,
      applicationForm(
        { version, intent: "submit", title: "Lektiecafé i fem år", endYear: "2030" },
        fiveYears,
      ),
    );
    expect(tooLong.status).toBe(400);
    expect(failure(tooLong).errors).toEqual({ endYear: PERIOD_MESSAGE });
    expect(failure(tooLong).values).toMatchObject({
      title: "Lektiecafé i fem år",
      endYear: "2030",
      years: expect.arrayContaining([
        { year: "2030", requestedAmount: "50.000", ownContribution: "10.000" },
      ]),
    });
    view = await loadView(flowId, applicant);
    expect(view.application).toMatchObject({
      status: "draft",
      title: "Lektiecafé 2026–27",
      endYear: 2027,
    });

    // "Opdater år efter perioden" without JavaScript: one row per year, typed amounts kept.
    const period = await postEdit(
      flowId,
      applicant,
      applicationForm({ version, _period: "years", endYear: "2028" }, [
        [2026, "120.000", "20.000"],
      ]),
    );
    expect(period.status).toBe(200);
    expect(failure(period).notice).toMatch(/følger nu perioden/);
    expect(failure(period).values.years).toEqual([
      { year: "2026", requestedAmount: "120.000", ownContribution: "20.000" },
      { year: "2027", requestedAmount: "", ownContribution: "" },
      { year: "2028", requestedAmount: "", ownContribution: "" },
    ]);
    // "Tilføj finansiering" without JavaScript.
    const listed = await postEdit(flowId, applicant, {
      ...applicationForm({ version }),
      _list: "funding:add",
    });
    expect(listed.status).toBe(200);
    expect(failure(listed).values.funding).toHaveLength(2);

    // Without the confirmation it cannot be submitted.
    const unconfirmed = await postEdit(
      flowId,
      applicant,
      applicationForm({ version, intent: "submit", notOrdinaryActivity: "" }),
    );
    expect(unconfirmed.status).toBe(400);
    expect(failure(unconfirmed).errors).toEqual({ notOrdinaryActivity: NOT_ORDINARY_MESSAGE });

    // "Gem udkast" saves the draft (a new version), after which the old version is stale: 409
    // with the input kept.
    const resaved = await postEdit(
      flowId,
      applicant,
      applicationForm({ version, intent: "draft", notOrdinaryActivity: "", title: "Lektiecafé" }),
    );
    expect(resaved.headers.get("Location")).toBe(appUrl(flowId));
    expect(await flashOf(resaved)).toBe("Ansøgningen er gemt som udkast.");
    expect((await loadView(flowId, applicant)).application.title).toBe("Lektiecafé");
    const stale = await postEdit(
      flowId,
      applicant,
      applicationForm({ version, intent: "draft", title: "Gammel" }),
    );
    expect(stale.status).toBe(409);
    expect(failure(stale)).toMatchObject({
      formError: CONFLICT_MESSAGE,
      values: { title: "Gammel" },
    });

    const submitted = await postEdit(
      flowId,
      applicant,
      applicationForm({
        version: String(Number(version) + 1),
        intent: "submit",
        title: "Lektiecafé 2026–27",
      }),
    );
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe(appUrl(flowId));
    expect(await flashOf(submitted)).toBe("Ansøgningen er indsendt til fonden.");
    view = await loadView(flowId, applicant);
    expect(view.application).toMatchObject({
      status: "submitted",
      submittedBy: "Yasmin Farah",
      notOrdinaryActivity: true,
    });
    expect(view.permissions).toMatchObject({ canEdit: false, canSubmit: false, canWithdraw: true });

    // Submitted: the edit page shows why it cannot be changed, and refuses a save.
    const locked = (
      await callRoute(editPage.loader, appUrl(flowId, "/edit"), {
        userId: applicant,
        params: appParams(flowId),
      })
    ).data as EditData;
    expect([locked.form, locked.lockMessage]).toEqual([null, SUBMITTED_MESSAGE]);
    const refusedEdit = await postEdit(
      flowId,
      applicant,
      applicationForm({ version, intent: "draft" }),
    );
    expect(refusedEdit.status).toBe(409);
    expect(failure(refusedEdit)).toMatchObject({
      formError: SUBMITTED_MESSAGE,
      values: { title: "Lektiecafé i beboerhuset" },
    });
  });

  it("the fund administration assesses and decides on the application page; the applicant gets 403", async () => {
    const fundAdmin = ids().fundAdmin;
    // Kløverhaven's submitted application: 120.000 kr. for 2026 and 100.000 kr. for 2027.
    const { id: flowId } = await submittedLektiecafe();
    let view = await loadView(flowId, fundAdmin);
    expect(view.permissions).toMatchObject({ canAssess: true, canDecide: true });
    expect(view.frames!.years.map((y) => [y.year, y.proposed])).toEqual([
      [2026, 120_000],
      [2027, 100_000],
    ]);
    expect(view.decisionValues?.amounts).toEqual([
      { year: "2026", amount: "120000" },
      { year: "2027", amount: "100000" },
    ]);
    expect(view.assessmentValues).toEqual({ assessment: "", recommendation: "" });
    // Each reader is told their own next step: the administration to assess, the applicant to
    // wait (or withdraw), never the other's words.
    expect(view.guidance).toMatchObject({ heading: "Vurdering og beslutning", withdrawHint: null });
    expect(view.guidance.text).toMatch(/^Vurder ansøgningen efter fondens retningslinjer/);
    // This year's frame as the panel states it: what is left before this application is granted.
    const thisYear = Number(todayInDenmark().slice(0, 4));
    const row = view.frames!.years.find((y) => y.year === thisYear);
    expect(view.frameThisYear).toEqual(
      row ? { year: thisYear, frame: row.frame, remaining: row.frame! - row.committed } : null,
    );
    const asApplicant = await loadView(flowId, ids().applicant);
    expect(asApplicant.guidance).toMatchObject({
      heading: "Jeres ansøgning",
      withdrawHint: "Træk den tilbage, hvis den skal rettes.",
    });
    expect(asApplicant.guidance.text).not.toMatch(/Vurder|Træf beslutning/);
    expect(asApplicant.frameThisYear).toBeNull();
    const editAsManager = (
      await callRoute(editPage.loader, appUrl(flowId, "/edit"), {
        userId: fundAdmin,
        params: appParams(flowId),
      })
    ).data as EditData;
    expect(editAsManager.lockMessage).toBe(
      "Ansøgningen er indsendt og kan ikke ændres. Vurder den, og registrér afgørelsen på ansøgningens side.",
    );
    let version = String(view.application.version);

    // The applicant may not assess or decide, whatever they post.
    for (const intent of ["assess", "decide"]) {
      const res = await postView(flowId, ids().applicant, { intent, version });
      expect(res.status).toBe(403);
    }

    const noRecommendation = await postView(flowId, fundAdmin, {
      intent: "assess",
      version,
      assessment: "En god forebyggende indsats, der bygger videre på helhedsplanen.",
    });
    expect(noRecommendation.status).toBe(400);
    expect(failure(noRecommendation)).toMatchObject({
      errors: { recommendation: "Vælg en indstilling" },
      values: { assessment: "En god forebyggende indsats, der bygger videre på helhedsplanen." },
    });
    const staleAssessment = await postView(flowId, fundAdmin, {
      intent: "assess",
      version: String(Number(version) - 1),
      assessment: "Forældet vurdering",
      recommendation: "approve",
    });
    expect(staleAssessment.status).toBe(409);
    expect(failure(staleAssessment)).toMatchObject({
      formError: CONFLICT_MESSAGE,
      values: { assessment: "Forældet vurdering", intent: "assess" },
    });
    const assessed = await postView(flowId, fundAdmin, {
      intent: "assess",
      version,
      assessment: "En god forebyggende indsats. Beløbet for 2026 bør sættes ned.",
      recommendation: "approve_reduced",
    });
    expect(assessed.status).toBe(302);
    expect(assessed.headers.get("Location")).toBe(appUrl(flowId));
    expect(await flashOf(assessed)).toBe("Vurderingen og indstillingen er gemt.");
    view = await loadView(flowId, fundAdmin);
    expect(view.application).toMatchObject({
      assessedBy: "Henrik Bech",
      recommendation: "approve_reduced",
    });
    expect(view.assessmentValues).toEqual({
      assessment: "En god forebyggende indsats. Beløbet for 2026 bør sættes ned.",
      recommendation: "approve_reduced",
    });
    // Assessed: the next step is the organisation board's decision.
    expect(view.guidance.text).toMatch(/^Træf beslutning: registrér organisationsbestyrelsens/);
    version = String(view.application.version);

    const decision = (amount2026: string, overrides: Form = {}): Form => ({
      intent: "decide",
      version,
      decision: "approved_reduced",
      decisionDate: "2026-11-20",
      conditions: "Afdelingen søger også lokale sponsorer.",
      "amounts.0.year": "2026",
      "amounts.0.amount": amount2026,
      "amounts.1.year": "2027",
      "amounts.1.amount": "100.000",
      ...overrides,
    });
    const tooMuch = await postView(flowId, fundAdmin, decision("130.000"));
    expect(tooMuch.status).toBe(400);
    expect(failure(tooMuch).errors).toEqual({
      "amounts.0.amount": "Beløbet må højst være det ansøgte (120.000 kr.)",
    });
    expect(failure(tooMuch).values).toMatchObject({
      conditions: "Afdelingen søger også lokale sponsorer.",
    });
    const noDecision = await postView(flowId, fundAdmin, decision("90.000", { decision: "" }));
    expect(failure(noDecision).errors).toEqual({
      decision: "Vælg organisationsbestyrelsens afgørelse",
    });
    const staleDecision = await postView(
      flowId,
      fundAdmin,
      decision("90.000", { version: String(Number(version) - 1) }),
    );
    expect(staleDecision.status).toBe(409);
    expect(failure(staleDecision).values).toMatchObject({
      decisionDate: "2026-11-20",
      amounts: [
        { year: "2026", amount: "90.000" },
        { year: "2027", amount: "100.000" },
      ],
    });

    const decided = await postView(flowId, fundAdmin, decision("90.000"));
    expect(decided.status).toBe(302);
    expect(decided.headers.get("Location")).toBe(appUrl(flowId));
    expect(await flashOf(decided)).toBe("Organisationsbestyrelsens afgørelse er registreret.");
    view = await loadView(flowId, ids().applicant);
    expect(view.application).toMatchObject({
      status: "approved_reduced",
      decisionDate: "2026-11-20",
      decisionConditions: "Afdelingen søger også lokale sponsorer.",
      decidedBy: "Henrik Bech",
    });
    expect(view.permissions).toEqual({
      canEdit: false,
      canSubmit: false,
      canWithdraw: false,
      canAssess: false,
      canDecide: false,
    });
    expect(view.grant!.total).toBe(190_000);
    expect(view.grant!.years.map((y) => [y.year, y.amount, y.due, y.reportStatus])).toEqual([
      [2026, 90_000, "2027-03-31", null],
      [2027, 100_000, "2028-03-31", null],
    ]);
    // Applicants do not see the fund's frames; the administration sees the grant in them.
    expect(view.frames).toBeNull();
    const asAdmin = await loadView(flowId, fundAdmin);
    expect(asAdmin.frames!.years.map((y) => [y.year, y.committed, y.proposed])).toEqual([
      [2026, 90_000, 0],
      [2027, 100_000, 0],
    ]);

    // Decided: nothing about it can change, from any page.
    const lockedEdit = (
      await callRoute(editPage.loader, appUrl(flowId, "/edit"), {
        userId: ids().applicant,
        params: appParams(flowId),
      })
    ).data as EditData;
    expect(lockedEdit.lockMessage).toBe(DECIDED_MESSAGE);
    const edit = await postEdit(
      flowId,
      ids().applicant,
      applicationForm({ version, intent: "draft" }),
    );
    expect([edit.status, failure(edit).formError]).toEqual([409, DECIDED_MESSAGE]);
    const withdraw = await postView(flowId, ids().applicant, {
      intent: "withdraw",
      version: String(view.application.version),
      confirm: "on",
    });
    expect([withdraw.status, failure(withdraw).formError]).toEqual([409, DECIDED_MESSAGE]);
    const again = await postView(
      flowId,
      fundAdmin,
      decision("90.000", { version: String(view.application.version) }),
    );
    expect([again.status, failure(again).formError]).toEqual([409, DECIDED_MESSAGE]);
  });

  it("records a decision beyond a year's frame and warns about it before and after", async () => {
    // 2027's frame is 1.000.000 kr., of which 100.000 kr. is granted to an earlier application.
    await createApplication(t.db, kloeverhavenApplicant(), {
      state: "approved",
      values: {
        startYear: 2027,
        endYear: 2027,
        years: [{ year: 2027, requestedAmount: 100_000, ownContribution: 20_000 }],
      },
    });
    const created = await postNew(
      ids().applicant,
      applicationForm(
        {
          intent: "submit",
          title: "Stor tryghedsindsats i alle opgange",
          startYear: "2027",
          endYear: "2027",
          "funding.0.kind": "external",
          "funding.0.planId": "",
          "funding.0.name": "Havbakke Borgerfond",
        },
        [[2027, "1.200.000", "150.000"]],
      ),
    );
    expect(await flashOf(created)).toBe("Ansøgningen er indsendt til fonden.");
    const id = createdId(created);
    const before = await loadView(id, ids().fundAdmin);
    expect(before.frames!.years).toEqual([
      expect.objectContaining({
        year: 2027,
        committed: 100_000,
        proposed: 1_200_000,
        warning: "Rammen for 2027 overskrides med 300.000 kr.",
      }),
    ]);
    const decided = await postView(id, ids().fundAdmin, {
      intent: "decide",
      version: String(before.application.version),
      decision: "approved",
      decisionDate: "2026-11-21",
      conditions: "",
      "amounts.0.year": "2027",
      "amounts.0.amount": "1.200.000",
    });
    expect(decided.status).toBe(302);
    expect(decided.headers.get("Location")).toBe(appUrl(id));
    // The message names what goes over the frame.
    expect(await flashOf(decided)).toMatch(
      /^Organisationsbestyrelsens afgørelse er registreret, men bevillingen går ud over fondens ramme\. Rammen for 2027 overskrides med /,
    );
    const after = await loadView(id, ids().fundAdmin);
    expect(after.frames!.years).toEqual([
      expect.objectContaining({
        year: 2027,
        committed: 1_300_000,
        remaining: -300_000,
        warning: "Rammen for 2027 overskrides med 300.000 kr.",
      }),
    ]);
    const fund = (
      await callRoute(fundPage.loader, `/funds/${fundId}`, {
        userId: ids().fundAdmin,
        params: fundParams(),
      })
    ).data as FundData;
    expect(fund.frames!.years.find((y) => y.year === 2027)).toMatchObject({
      remaining: -300_000,
      exceeds: true,
    });
  });

  it("withdraws an application only with the confirmation", async () => {
    const draft = await postNew(
      ids().applicant,
      applicationForm({ intent: "draft", title: "Bytte-marked" }),
    );
    const id = createdId(draft);
    const { application } = await loadView(id, ids().applicant);
    const version = String(application.version);
    const unconfirmed = await postView(id, ids().applicant, { intent: "withdraw", version });
    expect(unconfirmed.status).toBe(400);
    expect(failure(unconfirmed).errors).toEqual({
      confirm: "Bekræft, at ansøgningen skal trækkes tilbage",
    });
    const withdrawn = await postView(id, ids().applicant, {
      intent: "withdraw",
      version,
      confirm: "on",
    });
    expect(withdrawn.headers.get("Location")).toBe(appUrl(id));
    expect(await flashOf(withdrawn)).toBe("Ansøgningen er trukket tilbage.");
    const view = await loadView(id, ids().applicant);
    expect(view.application.status).toBe("withdrawn");
    expect(view.guidance.text).toBe(
      "Ansøgningen er trukket tilbage og kan ikke genoptages. Opret en ny ansøgning, hvis I vil søge igen.",
    );
    // Withdrawn is final: it cannot be submitted any more.
    const submit = await postView(id, ids().applicant, { intent: "submit", version });
    expect([submit.status, failure(submit).formError]).toEqual([
      409,
      "Ansøgningen er trukket tilbage og kan ikke ændres.",
    ]);
  });

  it("refuses to submit an incomplete draft from its page, saying what is missing", async () => {
    const draft = await postNew(
      ids().applicant,
      applicationForm({ intent: "draft", notOrdinaryActivity: "", description: "" }),
    );
    const id = createdId(draft);
    const { application } = await loadView(id, ids().applicant);
    const res = await postView(id, ids().applicant, {
      intent: "submit",
      version: String(application.version),
    });
    expect(res.status).toBe(400);
    expect(failure(res)).toMatchObject({
      formError: "Ansøgningen kan ikke indsendes endnu. Ret det, der mangler:",
      errors: { notOrdinaryActivity: NOT_ORDINARY_MESSAGE, description: "Beskriv indsatsen" },
      values: { intent: "submit" },
    });
    expect((await loadView(id, ids().applicant)).application.status).toBe("draft");
  });

  it("the yearly grant report: a draft, a submit that needs the activities, then read-only", async () => {
    const grantId = t.demo.dispositionFund.grantId;
    // A grant for 2026 and 2027, for the year that has not started.
    const { grantId: flowGrantId } = await createApplication(t.db, kloeverhavenApplicant(), {
      state: "approved",
      values: {
        startYear: 2026,
        endYear: 2027,
        years: [
          { year: 2026, requestedAmount: 90_000, ownContribution: 20_000 },
          { year: 2027, requestedAmount: 100_000, ownContribution: 20_000 },
        ],
      },
    });
    const url = `/funds/${fundId}/grants/${grantId}/reports/2025`;
    const params = { fundId: String(fundId), grantId: String(grantId), year: "2025" };
    const load = async (userId = ids().applicant) => {
      const res = await callRoute(reportPage.loader, url, { userId, params });
      expect(res.status).toBe(200);
      return res.data as ReportData;
    };
    const post = (form: Form, userId = ids().applicant) =>
      callRoute(reportPage.action, url, { userId, params, form });

    let page = await load();
    expect(page).toMatchObject({
      year: 2025,
      amount: 95_000,
      due: "2026-03-31",
      version: 0,
      canEdit: true,
      report: null,
      values: { spent: "", activities: "" },
    });
    const saved = await post({ version: "0", intent: "save", spent: "88.200", activities: "" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(url);
    expect(await flashOf(saved)).toBe("Afrapporteringen er gemt som udkast.");
    page = await load();
    expect(page).toMatchObject({ version: 1, report: { spent: 88_200, status: "draft" } });
    expect(page.values).toEqual({ spent: "88200", activities: "" });

    const noActivities = await post({
      version: "1",
      intent: "submit",
      spent: "93.100",
      activities: "",
    });
    expect(noActivities.status).toBe(400);
    expect(failure(noActivities)).toMatchObject({
      errors: { activities: "Beskriv årets aktiviteter og resultater" },
      values: { spent: "93.100" },
    });
    const stale = await post({ version: "0", intent: "save", spent: "1", activities: "Forældet" });
    expect(stale.status).toBe(409);
    expect(failure(stale).values).toMatchObject({ activities: "Forældet" });

    const submitted = await post({
      version: "1",
      intent: "submit",
      spent: "93.100",
      activities: "Værkstedet var åbent hele året.\n\n- 120 cykler repareret",
    });
    expect(submitted.headers.get("Location")).toBe(url);
    expect(await flashOf(submitted)).toBe("Afrapporteringen er indsendt.");
    page = await load(ids().fundAdmin);
    expect(page).toMatchObject({
      canEdit: false,
      values: null,
      report: { spent: 93_100, status: "submitted", submittedBy: "Yasmin Farah" },
    });
    expect(page.report!.activities?.blocks).toHaveLength(2);
    const refused = await post({
      version: String(page.version),
      intent: "save",
      spent: "1",
      activities: "Ny tekst",
    });
    expect(refused.status).toBe(409);
    expect(failure(refused)).toMatchObject({
      formError: "Afrapporteringen er indsendt og kan ikke ændres.",
      values: { activities: "Ny tekst" },
    });

    // A grant year that has not started can be read but not written; years outside the grant 404.
    const future = (
      await callRoute(reportPage.loader, `/funds/${fundId}/grants/${flowGrantId}/reports/2027`, {
        userId: ids().applicant,
        params: { fundId: String(fundId), grantId: String(flowGrantId), year: "2027" },
      })
    ).data as ReportData;
    expect([future.canEdit, future.started, future.values]).toEqual([false, false, null]);
    const outside = await callRoute(
      reportPage.loader,
      `/funds/${fundId}/grants/${grantId}/reports/2023`,
      {
        userId: ids().applicant,
        params: { ...params, year: "2023" },
      },
    );
    expect(outside.status).toBe(404);
  });

  it("answers 404 to an applicant of another estate and to a plan member on the estate's pages", async () => {
    const submittedId = t.demo.dispositionFund.submittedApplicationId;
    // Fællesbo Havbakke's fund, for addresses under the wrong fund.
    const { fundId: otherFundId } = await createFund(t.db, {
      organisationId: t.demo.organisationIds.faellesbo!,
    });
    const grantId = t.demo.dispositionFund.grantId;
    const reportParams = { fundId: String(fundId), grantId: String(grantId), year: "2024" };
    const reportUrl = `/funds/${fundId}/grants/${grantId}/reports/2024`;
    for (const userId of [otherApplicantId, ids().planUser]) {
      const results = [
        await callRoute(viewPage.loader, appUrl(submittedId), {
          userId,
          params: appParams(submittedId),
        }),
        await postView(submittedId, userId, { intent: "withdraw", version: "2", confirm: "on" }),
        await postView(submittedId, userId, { intent: "assess", version: "2" }),
        await callRoute(editPage.loader, appUrl(submittedId, "/edit"), {
          userId,
          params: appParams(submittedId),
        }),
        await postEdit(submittedId, userId, applicationForm({ version: "2", intent: "draft" })),
        await callRoute(reportPage.loader, reportUrl, { userId, params: reportParams }),
        await callRoute(reportPage.action, reportUrl, {
          userId,
          params: reportParams,
          form: { version: "1", intent: "save", spent: "1", activities: "" },
        }),
      ];
      expect(results.map((r) => r.status)).toEqual(results.map(() => 404));
    }
    // The plan member has no role on the fund at all.
    const planUser = ids().planUser;
    const fundResults = [
      await callRoute(fundPage.loader, `/funds/${fundId}`, {
        userId: planUser,
        params: fundParams(),
      }),
      await callRoute(newPage.loader, `/funds/${fundId}/applications/new`, {
        userId: planUser,
        params: fundParams(),
      }),
      await postNew(planUser, applicationForm({ intent: "draft" })),
      await callRoute(
        settingsPage.loader,
        `/organisations/${t.demo.organisationIds.laerkereden}/fund`,
        {
          userId: planUser,
          params: settingsParams(),
        },
      ),
    ];
    expect(fundResults.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    // The other estate's applicant cannot apply for Kløverhaven.
    const foreign = await postNew(otherApplicantId, applicationForm({ intent: "draft" }));
    expect(foreign.status).toBe(400);
    expect(failure(foreign).errors).toEqual({
      estateId: "Du kan kun søge for den afdeling, du er ansøger for",
    });
    // An application or grant under another fund's address is not found either.
    const wrongFund = await callRoute(
      viewPage.loader,
      `/funds/${otherFundId}/applications/${submittedId}`,
      {
        userId: ids().admin,
        params: appParams(submittedId, otherFundId),
      },
    );
    expect(wrongFund.status).toBe(404);
    const wrongFundReport = await callRoute(
      reportPage.loader,
      `/funds/${otherFundId}/grants/${grantId}/reports/2024`,
      { userId: ids().admin, params: { ...reportParams, fundId: String(otherFundId) } },
    );
    expect(wrongFundReport.status).toBe(404);
  });
});
