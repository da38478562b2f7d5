/**
 * The dispositionsfond models on both drivers, on top of the demo data and the demo fund
 * (db/demo-disposition-fund.ts): who sees what (admin, fund administrator, applicant, an applicant
 * of another estate, a plan member), the fund's settings, the whole way of an application from
 * draft to grant, the locks in code and in the database, optimistic locking, the audit trail, the
 * yearly reports on grants and their deadlines, and fixed query counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import {
  auditEvents,
  fundApplicationFunding,
  fundApplicationYears,
  fundApplications,
  fundGrantYears,
  fundReports,
  organisations,
} from "../../db/schema";
import type { DemoDispositionFund } from "../../db/demo-disposition-fund";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import {
  NOT_ORDINARY_MESSAGE,
  type ApplicationValues,
  type FundSettingsValues,
} from "~/domain/disposition-fund";
import type { FormFailure } from "~/domain/form";
import { parseRichText } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import {
  getFund,
  getFundSettings,
  listFunds,
  saveFundSettings,
} from "~/models/disposition-funds.server";
import {
  getFundReport,
  listGrantReportDeadlines,
  saveFundReport,
  submitFundReport,
} from "~/models/fund-reports.server";
import {
  ConflictError,
  FieldValidationError,
  ForbiddenError,
  LockedError,
  NotFoundError,
} from "~/models/errors.server";
import {
  assessApplication,
  createApplication,
  decideApplication,
  getApplication,
  listApplications,
  submitApplication,
  updateApplication,
  withdrawApplication,
} from "~/models/fund-applications.server";
import { listAwaitingDecision } from "~/models/dashboard.server";
import { addOrganisationMembership, createUser } from "~/models/users.server";
import { formErrorResponse } from "~/route-helpers.server";

const PERIOD_MESSAGE = "Perioden må højst være 4 år (fondens retningslinjer)";
const TODAY = "2026-11-22";

/** The database refuses the statement with its own message (the error's cause, under drizzle's). */
async function expectRefused(query: Promise<unknown>, pattern = /decided|cannot change|submitted/) {
  const error = await query.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the database should refuse the statement").toBeInstanceOf(Error);
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
  expect(messages.join(" | ")).toMatch(pattern);
}

/** The model refuses with a LockedError carrying this Danish message. */
async function expectLocked(promise: Promise<unknown>, message: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LockedError);
  expect((error as LockedError).userMessage).toBe(message);
}

/** The field errors of a FieldValidationError (fails the test for anything else). */
async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FieldValidationError);
  return (error as FieldValidationError).errors;
}

describe.each(drivers)("dispositionsfond on %s", (driver) => {
  let t: TestDb;
  let demo: DemoDispositionFund;
  /** An application or a grant year of the demo fund (the fund is in the pages' address). */
  const inFund = (applicationId: number) => ({ fundId: demo.fundId, applicationId });
  const grantYear = (grantId: number, year: number) => ({ fundId: demo.fundId, grantId, year });
  let kloeverhaven: number;
  let engbakken: number;
  /** An applicant for another estate of Lærkereden (Afd. 9 Engbakken). */
  let otherApplicant: SessionUser;
  /** The application that goes through the whole flow below. */
  let flowId: number;
  let flowGrantId: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    demo = t.demo.dispositionFund;
    kloeverhaven = t.demo.organisationIds.kloeverhaven!;
    const [estate] = await t.db
      .insert(organisations)
      .values({
        kind: "estate",
        name: "Afd. 9 Engbakken",
        parentId: t.demo.organisationIds.laerkereden!,
        tenancies: 150,
      })
      .returning({ id: organisations.id });
    engbakken = estate!.id;
    const user = await createUser(t.db, null, {
      name: "Ole Brink",
      email: "engbakken@samarbejde.example",
      password: "engbakken-adgang-1",
      isAdmin: false,
    });
    await addOrganisationMembership(t.db, null, user.id, {
      organisationId: t.demo.organisationIds.laerkereden!,
      role: "applicant",
      estateId: engbakken,
    });
    otherApplicant = { id: user.id, email: user.email, name: user.name, isAdmin: false };
  });
  afterAll(async () => {
    await t?.close();
  });

  const application = (overrides: Partial<ApplicationValues> = {}): ApplicationValues => ({
    estateId: kloeverhaven,
    title: "Sommerskole for børn i Kløverhaven",
    description: parseRichText("Tre ugers sommerskole med lektiehjælp, leg og udflugter."),
    purpose: parseRichText("- Børnene holder fast i det, de har lært\n- Forældre mødes"),
    need: "preventive",
    notOrdinaryActivity: false,
    startYear: 2026,
    endYear: 2027,
    tenancies: null,
    years: [
      { year: 2026, requestedAmount: 120_000, ownContribution: 20_000 },
      { year: 2027, requestedAmount: 100_000, ownContribution: 20_000 },
    ],
    funding: [{ kind: "lbf_plan", planId: t.demo.planId, name: null, amount: 40_000 }],
    ...overrides,
  });

  const stored = async (id: number) => {
    const [row] = await t.db.select().from(fundApplications).where(eq(fundApplications.id, id));
    const years = await t.db
      .select()
      .from(fundApplicationYears)
      .where(eq(fundApplicationYears.applicationId, id))
      .orderBy(asc(fundApplicationYears.year));
    return { row: row!, years };
  };

  it("seeds Lærkereden's fund: one application awaiting a decision, one granted", async () => {
    const submitted = await getApplication(
      t.db,
      t.user("fundAdmin"),
      inFund(demo.submittedApplicationId),
      TODAY,
    );
    expect(submitted.application.status).toBe("submitted");
    expect(submitted.estate).toEqual({
      id: kloeverhaven,
      name: "Afd. 7 Kløverhaven",
      tenancies: 212,
    });
    expect(submitted.checklist.map((i) => [i.key, i.state])).toEqual([
      ["period", "ok"],
      ["notOrdinary", "ok"],
      ["lbfCofinancing", "ok"],
      ["need", "info"],
      ["ownShare", "ok"],
      ["perTenancy", "ok"],
    ]);
    expect(submitted.application.funding[0]).toMatchObject({
      kind: "lbf_plan",
      planName: "Helhedsplan Strandengen og Solsikkeparken",
    });
    expect(submitted.totals).toMatchObject({ requested: 290_000, own: 45_000, total: 435_000 });

    const approved = await getApplication(
      t.db,
      t.user("applicant"),
      inFund(demo.approvedApplicationId),
      TODAY,
    );
    expect(approved.application).toMatchObject({ status: "approved", decisionDate: "2024-02-27" });
    expect(approved.grant?.years).toEqual([
      { year: 2024, amount: 95_000 },
      { year: 2025, amount: 95_000 },
    ]);
    expect(approved.grant?.deadlines.map((d) => [d.year, d.due, d.state, d.reportStatus])).toEqual([
      [2025, "2026-03-31", "overdue", null],
      [2024, "2025-03-31", "ok", "submitted"],
    ]);
    // Applicants do not see the fund's frames.
    expect(approved.frames).toBeNull();
  });

  it("lists the report deadlines of the user's grants for the dashboard in one query", async () => {
    const { db, queries } = createCountingDb(t);
    const deadlines = await listGrantReportDeadlines(db, t.user("applicant"), TODAY);
    expect(queries).toHaveLength(1);
    expect(deadlines.map((d) => [d.title, d.year, d.state, d.submitted])).toEqual([
      ["Fællesværkstedet i Kløverhaven", 2025, "overdue", false],
      ["Fællesværkstedet i Kløverhaven", 2024, "ok", true],
    ]);
    expect(deadlines[0]).toMatchObject({ estateName: "Afd. 7 Kløverhaven", amount: 95_000 });
    expect(await listGrantReportDeadlines(t.db, t.user("fundAdmin"), TODAY)).toHaveLength(2);
    expect(await listGrantReportDeadlines(t.db, t.user("admin"), TODAY)).toHaveLength(2);
    expect(await listGrantReportDeadlines(t.db, t.user("secretariat"), TODAY)).toEqual([]);
    expect(await listGrantReportDeadlines(t.db, otherApplicant, TODAY)).toEqual([]);
    // Early in 2025 only the 2024 report is due.
    const early = await listGrantReportDeadlines(t.db, t.user("applicant"), "2025-01-10");
    expect(early.map((d) => d.year)).toEqual([2024]);
  });

  it("shows each user the funds they may use, and nobody else's", async () => {
    const admin = await listFunds(t.db, t.user("admin"));
    expect(admin.funds.map((f) => [f.name, f.role, f.awaitingDecision])).toEqual([
      ["Lærkeredens Dispositionsfond", "admin", 1],
    ]);
    expect(admin.organisationsWithoutFund.map((o) => o.name)).toEqual(["Fællesbo Havbakke"]);

    const fundAdmin = await listFunds(t.db, t.user("fundAdmin"));
    expect(fundAdmin.funds.map((f) => [f.name, f.role, f.awaitingDecision])).toEqual([
      ["Lærkeredens Dispositionsfond", "fund_admin", 1],
    ]);
    expect(fundAdmin.organisationsWithoutFund).toEqual([]);

    const applicant = await listFunds(t.db, t.user("applicant"));
    expect(applicant.funds).toEqual([
      expect.objectContaining({
        role: "applicant",
        estates: [{ id: kloeverhaven, name: "Afd. 7 Kløverhaven" }],
        awaitingDecision: null,
      }),
    ]);
    expect(applicant.organisationsWithoutFund).toEqual([]);
    expect(await listFunds(t.db, t.user("secretariat"))).toEqual({
      funds: [],
      organisationsWithoutFund: [],
    });

    const asApplicant = await getFund(t.db, t.user("applicant"), demo.fundId);
    expect(asApplicant.frames).toEqual([]);
    expect(asApplicant.estates).toEqual([
      { id: kloeverhaven, name: "Afd. 7 Kløverhaven", tenancies: 212 },
    ]);
    expect(asApplicant.planOptions.map((p) => p.name)).toEqual([
      "Helhedsplan Strandengen og Solsikkeparken",
    ]);
    const asAdmin = await getFund(t.db, t.user("fundAdmin"), demo.fundId);
    expect(asAdmin.frames.map((f) => f.year)).toEqual([2025, 2026, 2027, 2028]);
    expect(asAdmin.estates.map((e) => e.name)).toEqual([
      "Afd. 4 Solsikkeparken",
      "Afd. 7 Kløverhaven",
      "Afd. 9 Engbakken",
    ]);
    await expect(getFund(t.db, t.user("secretariat"), demo.fundId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getFund(t.db, t.user("admin"), 999_999)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows applications to the fund administration, the own estate's to applicants, else 404", async () => {
    const id = demo.submittedApplicationId;
    expect((await getApplication(t.db, t.user("admin"), inFund(id))).role).toBe("admin");
    expect((await getApplication(t.db, t.user("fundAdmin"), inFund(id))).role).toBe("fund_admin");
    const own = await getApplication(t.db, t.user("applicant"), inFund(id));
    expect(own.role).toBe("applicant");
    expect(own.permissions).toMatchObject({
      canAssess: false,
      canDecide: false,
      canWithdraw: true,
    });
    for (const user of [t.user("secretariat"), t.user("board"), otherApplicant]) {
      await expect(getApplication(t.db, user, inFund(id))).rejects.toBeInstanceOf(NotFoundError);
      await expect(withdrawApplication(t.db, user, inFund(id), 1)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }

    const titles = async (user: SessionUser) =>
      (await listApplications(t.db, user, demo.fundId)).applications.map((a) => a.title);
    expect(await titles(t.user("fundAdmin"))).toHaveLength(2);
    expect(await titles(t.user("applicant"))).toHaveLength(2);
    expect(await titles(otherApplicant)).toEqual([]);
    await expect(listApplications(t.db, t.user("secretariat"), demo.fundId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const listed = (await listApplications(t.db, t.user("fundAdmin"), demo.fundId)).applications;
    expect(listed.find((a) => a.id === id)).toMatchObject({
      status: "submitted",
      estateName: "Afd. 7 Kløverhaven",
      totals: expect.objectContaining({ requested: 290_000, own: 45_000, other: 100_000 }),
    });

    // The applicant may not assess or decide (403), nor manage the fund.
    await expect(
      assessApplication(t.db, t.user("applicant"), inFund(id), 2, {
        assessment: "Fin",
        recommendation: "approve",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      decideApplication(t.db, t.user("applicant"), inFund(id), 2, {
        decision: "approved",
        decisionDate: "2026-11-20",
        conditions: null,
        amounts: [],
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const laerkereden = t.demo.organisationIds.laerkereden!;
    await expect(getFundSettings(t.db, t.user("applicant"), laerkereden)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(getFundSettings(t.db, t.user("secretariat"), laerkereden)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // An estate is not a housing organisation with a fund.
    await expect(getFundSettings(t.db, t.user("admin"), kloeverhaven)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // The dashboard's list of applications awaiting a decision is the fund administration's.
    expect((await listAwaitingDecision(t.db, t.user("applicant"))).rows).toEqual([]);
    expect((await listAwaitingDecision(t.db, t.user("fundAdmin"))).rows.map((a) => a.id)).toEqual([
      id,
    ]);
  });

  it("saves the fund's settings and frames with optimistic locking, and creates a fund", async () => {
    const laerkereden = t.demo.organisationIds.laerkereden!;
    const page = await getFundSettings(t.db, t.user("fundAdmin"), laerkereden);
    expect(page.fund).toMatchObject({
      name: "Lærkeredens Dispositionsfond",
      maxYears: 4,
      minOwnSharePercent: 10,
      maxAmountPerTenancy: 600,
      reportDueMonthDay: "03-31",
    });
    const values: FundSettingsValues = {
      name: page.fund!.name,
      guidelines: page.fund!.guidelines!,
      maxYears: page.fund!.maxYears,
      minOwnSharePercent: page.fund!.minOwnSharePercent,
      maxAmountPerTenancy: page.fund!.maxAmountPerTenancy,
      prioritiseLbfCofinancing: true,
      prioritiseAcute: true,
      reportDueMonthDay: "03-31",
      frames: [...page.frames, { year: 2029, amount: 700_000 }],
    };
    const { version } = await saveFundSettings(
      t.db,
      t.user("fundAdmin"),
      laerkereden,
      page.version,
      values,
    );
    expect(version).toBe(page.version + 1);
    await expect(
      saveFundSettings(t.db, t.user("admin"), laerkereden, page.version, values),
    ).rejects.toBeInstanceOf(ConflictError);
    const again = await getFundSettings(t.db, t.user("admin"), laerkereden);
    expect(again.frames.map((f) => [f.year, f.amount])).toEqual([
      [2025, 900_000],
      [2026, 1_000_000],
      [2027, 1_000_000],
      [2028, 800_000],
      [2029, 700_000],
    ]);
    await expect(
      saveFundSettings(t.db, t.user("applicant"), laerkereden, version, values),
    ).rejects.toBeInstanceOf(ForbiddenError);

    // An administrator creates the other organisation's fund; a second creation is a conflict.
    const faellesbo = t.demo.organisationIds.faellesbo!;
    const empty = await getFundSettings(t.db, t.user("admin"), faellesbo);
    expect(empty).toMatchObject({ fund: null, frames: [], version: 0 });
    const created = await saveFundSettings(t.db, t.user("admin"), faellesbo, 0, {
      ...values,
      name: "Fællesbos Dispositionsfond",
      frames: [{ year: 2026, amount: 500_000 }],
    });
    expect(created.version).toBe(1);
    await expect(
      saveFundSettings(t.db, t.user("admin"), faellesbo, 0, values),
    ).rejects.toBeInstanceOf(ConflictError);
    // The fund administrator of Lærkereden has nothing to do with Fællesbo's fund.
    await expect(getFund(t.db, t.user("fundAdmin"), created.fundId)).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const events = await t.db
      .select({ action: auditEvents.action, entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(eq(auditEvents.entityType, "disposition_fund"))
      .orderBy(asc(auditEvents.id));
    expect(events).toEqual([
      { action: "disposition_fund.create", entityId: String(demo.fundId) },
      { action: "disposition_fund.update", entityId: String(demo.fundId) },
      { action: "disposition_fund.create", entityId: String(created.fundId) },
    ]);
  });

  it("checks the estate and the linked plans against the fund's organisation", async () => {
    const applicant = t.user("applicant");
    const strandengen = t.demo.organisationIds.strandengen!;
    expect(
      await fieldErrors(
        createApplication(t.db, applicant, demo.fundId, application({ estateId: strandengen })),
      ),
    ).toEqual({ estateId: "Vælg en af Boligselskabet Lærkeredens afdelinger" });
    expect(
      await fieldErrors(
        createApplication(
          t.db,
          applicant,
          demo.fundId,
          application({ estateId: t.demo.organisationIds.solsikkeparken! }),
        ),
      ),
    ).toEqual({ estateId: "Du kan kun søge for den afdeling, du er ansøger for" });
    expect(
      await fieldErrors(
        createApplication(
          t.db,
          applicant,
          demo.fundId,
          application({
            funding: [
              { kind: "lbf_plan", planId: 999_999, name: null, amount: 1 },
              { kind: "lbf_plan", planId: t.demo.otherPlanId, name: null, amount: 1 },
              { kind: "lbf_plan", planId: t.demo.planId, name: null, amount: 1 },
            ],
          }),
        ),
      ),
    ).toEqual({
      "funding.0.planId": "Vælg en helhedsplan fra listen",
      "funding.1.planId": "Vælg en helhedsplan fra listen",
    });
    // The fund administration may apply on behalf of any of the organisation's estates.
    const created = await createApplication(
      t.db,
      t.user("fundAdmin"),
      demo.fundId,
      application({ estateId: engbakken, title: "Engbakkens fællesspisning" }),
    );
    expect(
      (await getApplication(t.db, otherApplicant, inFund(created.id))).application.tenancies,
    ).toBe(150);
  });

  it("runs draft → submit (bad period refused, nothing saved) → assess → decide reduced → grant", async () => {
    const applicant = t.user("applicant");
    const fundAdmin = t.user("fundAdmin");
    const draft = await createApplication(t.db, applicant, demo.fundId, application());
    flowId = draft.id;
    let version = draft.version;
    let page = await getApplication(t.db, applicant, inFund(flowId));
    // The tenancies are prefilled from the estate; a draft may leave the confirmation unchecked.
    expect(page.application).toMatchObject({
      status: "draft",
      tenancies: 212,
      notOrdinaryActivity: false,
    });
    expect(page.checklist.find((i) => i.key === "notOrdinary")?.state).toBe("fail");

    version = await updateApplication(
      t.db,
      applicant,
      inFund(flowId),
      version,
      application({ title: "Sommerskole 2026–27" }),
    );
    const before = await stored(flowId);

    // Submitting with a period beyond the fund's four years: 400 with the message, nothing saved.
    const tooLong = application({
      title: "Sommerskole i fem år",
      notOrdinaryActivity: true,
      endYear: 2030,
      years: [2026, 2027, 2028, 2029, 2030].map((year) => ({
        year,
        requestedAmount: 50_000,
        ownContribution: 10_000,
      })),
    });
    const refused = await submitApplication(
      t.db,
      applicant,
      inFund(flowId),
      version,
      tooLong,
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FieldValidationError);
    // What the route answers: 400 with the field message and the values the user typed.
    const reply = formErrorResponse(refused, { endYear: "2030" }) as unknown as {
      data: FormFailure;
      init: { status: number };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data).toMatchObject({
      errors: { endYear: PERIOD_MESSAGE },
      values: { endYear: "2030" },
    });
    expect((refused as FieldValidationError).errors).toEqual({ endYear: PERIOD_MESSAGE });
    expect(await stored(flowId)).toEqual(before);
    // Without the confirmation it cannot be submitted either.
    expect(
      await fieldErrors(submitApplication(t.db, applicant, inFund(flowId), version, application())),
    ).toEqual({ notOrdinaryActivity: NOT_ORDINARY_MESSAGE });
    // Submitting the saved draft as it is checks the same rules.
    expect(await fieldErrors(submitApplication(t.db, applicant, inFund(flowId), version))).toEqual({
      notOrdinaryActivity: NOT_ORDINARY_MESSAGE,
    });
    expect(await stored(flowId)).toEqual(before);

    await expect(
      submitApplication(
        t.db,
        applicant,
        inFund(flowId),
        version - 1,
        application({ notOrdinaryActivity: true }),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    version = await submitApplication(
      t.db,
      applicant,
      inFund(flowId),
      version,
      application({ title: "Sommerskole 2026–27", notOrdinaryActivity: true }),
    );
    page = await getApplication(t.db, fundAdmin, inFund(flowId));
    expect(page.application).toMatchObject({ status: "submitted", submittedBy: "Yasmin Farah" });
    expect(page.checklist.every((i) => i.state !== "fail")).toBe(true);
    // While it awaits the decision, the frame overview shows what it would add.
    expect(page.frames!.years.map((y) => [y.year, y.proposed])).toEqual([
      [2026, 120_000],
      [2027, 100_000],
    ]);

    // Submitted: the applicant cannot edit it any more.
    await expect(
      updateApplication(t.db, applicant, inFund(flowId), version, application()),
    ).rejects.toBeInstanceOf(LockedError);

    await expect(
      assessApplication(t.db, fundAdmin, inFund(flowId), version - 1, {
        assessment: "x",
        recommendation: "approve",
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    version = await assessApplication(t.db, fundAdmin, inFund(flowId), version, {
      assessment: "En god, forebyggende indsats. Beløbet for 2026 bør dog sættes ned.",
      recommendation: "approve_reduced",
    });

    // The decision must grant at most the requested amount per year.
    expect(
      await fieldErrors(
        decideApplication(t.db, fundAdmin, inFund(flowId), version, {
          decision: "approved_reduced",
          decisionDate: "2026-11-20",
          conditions: null,
          amounts: [
            { year: 2026, amount: 130_000 },
            { year: 2027, amount: 100_000 },
          ],
        }),
      ),
    ).toEqual({ "amounts.0.amount": "Beløbet må højst være det ansøgte (120.000 kr.)" });

    const result = await decideApplication(t.db, fundAdmin, inFund(flowId), version, {
      decision: "approved_reduced",
      decisionDate: "2026-11-20",
      conditions: "Afdelingen søger også lokale sponsorer.",
      amounts: [
        { year: 2026, amount: 90_000 },
        { year: 2027, amount: 100_000 },
      ],
    });
    version = result.version;
    flowGrantId = result.grant!.id;
    expect(result.status).toBe("approved_reduced");
    expect(result.grant!.years).toEqual([
      { year: 2026, amount: 90_000 },
      { year: 2027, amount: 100_000 },
    ]);
    // The demo's own grants are in 2024–2025, so these years hold only this grant.
    expect(result.frames.years.map((y) => [y.year, y.frame, y.committed, y.remaining])).toEqual([
      [2026, 1_000_000, 90_000, 910_000],
      [2027, 1_000_000, 100_000, 900_000],
    ]);
    const grantYears = await t.db
      .select({ year: fundGrantYears.year, amount: fundGrantYears.amount })
      .from(fundGrantYears)
      .where(eq(fundGrantYears.grantId, flowGrantId))
      .orderBy(asc(fundGrantYears.year));
    expect(grantYears).toEqual(result.grant!.years);

    page = await getApplication(t.db, applicant, inFund(flowId));
    expect(page.application).toMatchObject({
      status: "approved_reduced",
      decisionDate: "2026-11-20",
      decisionConditions: "Afdelingen søger også lokale sponsorer.",
      decidedBy: "Henrik Bech",
      assessedBy: "Henrik Bech",
      recommendation: "approve_reduced",
    });
    expect(page.grant).toMatchObject({ id: flowGrantId, total: 190_000 });
    expect(page.permissions).toEqual({
      canEdit: false,
      canSubmit: false,
      canWithdraw: false,
      canAssess: false,
      canDecide: false,
    });

    const events = await t.db
      .select({ action: auditEvents.action, userId: auditEvents.userId, after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, "fund_application"),
          eq(auditEvents.entityId, String(flowId)),
        ),
      )
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => [e.action, e.userId])).toEqual([
      ["fund_application.create", t.demo.userIds.applicant],
      ["fund_application.update", t.demo.userIds.applicant],
      ["fund_application.submit", t.demo.userIds.applicant],
      ["fund_application.assess", t.demo.userIds.fundAdmin],
      ["fund_application.decide", t.demo.userIds.fundAdmin],
    ]);
    expect(events.at(-1)!.after).toMatchObject({
      status: "approved_reduced",
      grant: { id: flowGrantId, years: result.grant!.years },
    });
  });

  it("never changes a decided application: LockedError in code, refused by the database", async () => {
    const before = await stored(flowId);
    const version = before.row.version;
    const fundAdmin = t.user("fundAdmin");
    const message = "Ansøgningen er afgjort af organisationsbestyrelsen og kan ikke ændres.";
    const attempts: (() => Promise<unknown>)[] = [
      () => updateApplication(t.db, t.user("applicant"), inFund(flowId), version, application()),
      () => submitApplication(t.db, t.user("applicant"), inFund(flowId), version),
      () => withdrawApplication(t.db, t.user("applicant"), inFund(flowId), version),
      () =>
        assessApplication(t.db, fundAdmin, inFund(flowId), version, {
          assessment: "Ny vurdering",
          recommendation: "reject",
        }),
      () =>
        decideApplication(t.db, fundAdmin, inFund(flowId), version, {
          decision: "rejected",
          decisionDate: "2026-11-21",
          conditions: null,
          amounts: [],
        }),
    ];
    for (const attempt of attempts) await expectLocked(attempt(), message);

    await expectRefused(
      t.db.update(fundApplications).set({ title: "Ændret" }).where(eq(fundApplications.id, flowId)),
    );
    await expectRefused(
      t.db.execute(sql`update fund_applications set status = 'submitted' where id = ${flowId}`),
    );
    await expectRefused(t.db.delete(fundApplications).where(eq(fundApplications.id, flowId)));
    await expectRefused(
      t.db
        .update(fundApplicationYears)
        .set({ requestedAmount: 1 })
        .where(eq(fundApplicationYears.applicationId, flowId)),
    );
    await expectRefused(
      t.db.delete(fundApplicationYears).where(eq(fundApplicationYears.applicationId, flowId)),
    );
    await expectRefused(
      t.db
        .insert(fundApplicationYears)
        .values({ applicationId: flowId, year: 2028, requestedAmount: 1, ownContribution: 0 }),
    );
    await expectRefused(
      t.db
        .update(fundApplicationFunding)
        .set({ amount: 1 })
        .where(eq(fundApplicationFunding.applicationId, flowId)),
    );
    // A year row cannot be moved away from the decided application either.
    await expectRefused(
      t.db.execute(
        sql`update fund_application_years set application_id = ${demo.submittedApplicationId} where application_id = ${flowId}`,
      ),
    );
    await expectRefused(
      t.db.execute(sql`update fund_grant_years set amount = 1 where grant_id = ${flowGrantId}`),
      /grant cannot change/,
    );
    expect(await stored(flowId)).toEqual(before);
    // A draft's rows are not locked by the triggers.
    const draft = await createApplication(t.db, t.user("applicant"), demo.fundId, application());
    await t.db
      .update(fundApplicationYears)
      .set({ ownContribution: 25_000 })
      .where(eq(fundApplicationYears.applicationId, draft.id));
    await withdrawApplication(t.db, t.user("applicant"), inFund(draft.id), draft.version);
  });

  it("withdraws a submitted application for good; a stale version is a conflict", async () => {
    const applicant = t.user("applicant");
    const created = await createApplication(
      t.db,
      applicant,
      demo.fundId,
      application({ notOrdinaryActivity: true }),
    );
    const version = await submitApplication(t.db, applicant, inFund(created.id), created.version);
    await expect(
      withdrawApplication(t.db, applicant, inFund(created.id), version - 1),
    ).rejects.toBeInstanceOf(ConflictError);
    const withdrawn = await withdrawApplication(t.db, applicant, inFund(created.id), version);
    expect((await stored(created.id)).row.status).toBe("withdrawn");
    await expectLocked(
      updateApplication(t.db, applicant, inFund(created.id), withdrawn, application()),
      "Ansøgningen er trukket tilbage og kan ikke ændres.",
    );
    await expectLocked(
      assessApplication(t.db, t.user("fundAdmin"), inFund(created.id), withdrawn, {
        assessment: "x",
        recommendation: "reject",
      }),
      "Kun indsendte ansøgninger kan vurderes.",
    );
    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(created.id)));
    expect(actions.map((a) => a.action)).toContain("fund_application.withdraw");
  });

  it("records a decision beyond the frame, and warns about it", async () => {
    const applicant = t.user("applicant");
    const big = await createApplication(
      t.db,
      applicant,
      demo.fundId,
      application({
        title: "Stor tryghedsindsats",
        notOrdinaryActivity: true,
        startYear: 2027,
        endYear: 2027,
        years: [{ year: 2027, requestedAmount: 950_000, ownContribution: 200_000 }],
      }),
    );
    let version = await submitApplication(t.db, applicant, inFund(big.id), big.version);
    const before = await getApplication(t.db, t.user("fundAdmin"), inFund(big.id));
    expect(before.frames!.years[0]).toMatchObject({
      year: 2027,
      committed: 100_000,
      proposed: 950_000,
      exceeds: true,
      warning: "Rammen for 2027 overskrides med 50.000 kr.",
    });
    const result = await decideApplication(t.db, t.user("admin"), inFund(big.id), version, {
      decision: "approved",
      decisionDate: "2026-11-21",
      conditions: null,
      amounts: [],
    });
    version = result.version;
    expect(result.frames.years).toEqual([
      expect.objectContaining({
        year: 2027,
        committed: 1_050_000,
        remaining: -50_000,
        exceeds: true,
      }),
    ]);
    expect(result.frames.hasWarnings).toBe(true);
  });

  it("saves and submits the yearly reports on a grant; a submitted report is locked", async () => {
    const applicant = t.user("applicant");
    const grantId = demo.grantId;
    const page = await getFundReport(t.db, applicant, grantYear(grantId, 2025), TODAY);
    expect(page).toMatchObject({
      year: 2025,
      amount: 95_000,
      due: "2026-03-31",
      state: "overdue",
      report: null,
      version: 0,
      canEdit: true,
    });
    const values = { spent: 88_200, activities: parseRichText("") };
    const version = await saveFundReport(
      t.db,
      applicant,
      grantYear(grantId, 2025),
      0,
      values,
      TODAY,
    );
    await expect(
      saveFundReport(t.db, applicant, grantYear(grantId, 2025), 0, values, TODAY),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(
      await fieldErrors(
        submitFundReport(t.db, applicant, grantYear(grantId, 2025), version, null, TODAY),
      ),
    ).toEqual({ activities: "Beskriv årets aktiviteter og resultater" });
    const submitted = await submitFundReport(
      t.db,
      applicant,
      grantYear(grantId, 2025),
      version,
      { spent: 93_100, activities: parseRichText("Værkstedet var åbent hele året.") },
      TODAY,
    );
    const after = await getFundReport(t.db, t.user("fundAdmin"), grantYear(grantId, 2025), TODAY);
    expect(after).toMatchObject({
      state: "ok",
      canEdit: false,
      version: submitted,
      report: { spent: 93_100, status: "submitted", submittedBy: "Yasmin Farah" },
    });
    await expectLocked(
      saveFundReport(t.db, applicant, grantYear(grantId, 2025), submitted, values, TODAY),
      "Afrapporteringen er indsendt og kan ikke ændres.",
    );
    await expectRefused(
      t.db
        .update(fundReports)
        .set({ spent: 1 })
        .where(and(eq(fundReports.grantId, grantId), eq(fundReports.year, 2025))),
    );
    await expectRefused(
      t.db
        .delete(fundReports)
        .where(and(eq(fundReports.grantId, grantId), eq(fundReports.year, 2025))),
    );
    const deadlines = await listGrantReportDeadlines(t.db, applicant, TODAY);
    expect(deadlines.filter((d) => d.grantId === grantId).map((d) => d.state)).toEqual([
      "ok",
      "ok",
    ]);

    // Only the grant's years, once they have started; others of the fund may not.
    await expect(
      getFundReport(t.db, applicant, grantYear(grantId, 2026), TODAY),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      saveFundReport(t.db, applicant, grantYear(grantId, 2023), 0, values, TODAY),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expectLocked(
      saveFundReport(t.db, applicant, grantYear(flowGrantId, 2027), 0, values, TODAY),
      "Afrapporteringen for 2027 kan først skrives, når året er begyndt.",
    );
    expect(
      (await getFundReport(t.db, applicant, grantYear(flowGrantId, 2027), TODAY)).canEdit,
    ).toBe(false);
    await expect(
      getFundReport(t.db, otherApplicant, grantYear(grantId, 2025), TODAY),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      saveFundReport(t.db, t.user("secretariat"), grantYear(flowGrantId, 2026), 0, values, TODAY),
    ).rejects.toBeInstanceOf(NotFoundError);
    // The fund administration may write an estate's report too.
    await saveFundReport(t.db, t.user("fundAdmin"), grantYear(flowGrantId, 2026), 0, values, TODAY);

    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityType, "fund_report"))
      .orderBy(asc(auditEvents.id));
    expect(actions.map((a) => a.action)).toEqual([
      "fund_report.save",
      "fund_report.submit",
      "fund_report.save",
      "fund_report.submit",
      "fund_report.save",
    ]);
  });

  it("reads an application and a fund's list in a fixed number of queries", async () => {
    const admin = t.user("admin");
    const small = await createApplication(
      t.db,
      admin,
      demo.fundId,
      application({
        title: "Lille ansøgning",
        startYear: 2026,
        endYear: 2026,
        years: [{ year: 2026, requestedAmount: 10_000, ownContribution: 2_000 }],
        funding: [],
      }),
    );
    const countGet = async (id: number) => {
      const { db, queries } = createCountingDb(t);
      await getApplication(db, admin, inFund(id), TODAY);
      return queries.length;
    };
    // The flow application has two years, a plan link, a grant with two years and a report.
    const few = await countGet(small.id);
    const many = await countGet(flowId);
    expect(few).toBe(many);
    // Three years and two funding rows (one linked to a plan), no grant.
    expect(await countGet(demo.submittedApplicationId)).toBe(many);
    expect(many).toBeLessThanOrEqual(6);

    // Fællesbo's fund (created above): one application, then six.
    const [fund] = (await listFunds(t.db, admin)).funds.filter(
      (f) => f.name === "Fællesbos Dispositionsfond",
    );
    const strandengen = t.demo.organisationIds.strandengen!;
    const add = (title: string) =>
      createApplication(
        t.db,
        admin,
        fund!.id,
        application({ estateId: strandengen, title, funding: [] }),
      );
    const countList = async () => {
      const { db, queries } = createCountingDb(t);
      const list = await listApplications(db, admin, fund!.id);
      return { count: queries.length, size: list.applications.length };
    };
    await add("Første");
    const one = await countList();
    for (const title of ["Anden", "Tredje", "Fjerde", "Femte", "Sjette"]) await add(title);
    const six = await countList();
    expect([one.size, six.size]).toEqual([1, 6]);
    expect(six.count).toBe(one.count);
    expect(six.count).toBeLessThanOrEqual(4);
  });
});
