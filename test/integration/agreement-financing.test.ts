/**
 * "Finansiering" as the fund's template has it (issue 12, item 2): a funding source's amount for
 * the whole period without a yearly split, or per year (then the years make the total); an
 * unattributed "Lokal medfinansiering" line; R1 on whichever figures exist. And the staff page's
 * free-text lines (item 7). Called through the routes as Remix would, on both drivers.
 */
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { budgetAmounts, focusAreas, fundingSources } from "../../db/schema";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import type { FormFailure } from "~/domain/form";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { createPlan } from "../helpers/factories";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { PlanArchiveDataSchema } from "~/domain/archive";
import { createAgreement } from "~/models/agreements/create.server";
import { getAgreementView, getPlanAgreements } from "~/models/agreements/read.server";
import { getSpending } from "~/models/spending.server";
import * as archiveZip from "~/routes/admin.archive[.]zip";
import * as financingPage from "~/routes/plans.$planId.agreements.$agreementId.edit.financing";
import * as staffPage from "~/routes/plans.$planId.agreements.$agreementId.edit.staff";

type Form = Record<string, string>;
type FinancingData = Awaited<ReturnType<typeof financingPage.loader>>;

const YEARS = [2023, 2024, 2025, 2026];

/** One source's fields as the page posts them (`N` is its index). */
function source(index: number, fields: Form): Form {
  const all: Form = {
    id: "",
    kind: "",
    name: "",
    organisationId: "",
    split: "period",
    periodTotal: "",
    ...Object.fromEntries(YEARS.map((y) => [`amounts.y${y}`, ""])),
    ...fields,
  };
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [`sources.${index}.${k}`, v]));
}

describe.each(drivers)("financing with period totals and free-text staff on %s", (driver) => {
  let t: TestDb;
  let agreementId: number;
  let params: Record<string, string>;
  let lbfId: string;
  let municipalityId: string;
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

  async function load(userId = t.demo.userIds.secretariat) {
    return callRoute(financingPage.loader, url("financing"), { userId, params });
  }
  async function version(): Promise<string> {
    return String(((await load()).data as FinancingData).record.version);
  }
  async function post(form: Form, userId = t.demo.userIds.secretariat) {
    return callRoute(financingPage.action, url("financing"), { userId, params, form });
  }
  const view = async () =>
    (await getAgreementView(t.db, t.user("secretariat"), t.demo.planId, agreementId)).view;

  it("opens a new agreement's sources as period totals, the template's way", async () => {
    const data = (await load()).data as FinancingData;
    expect(data.values.sources.map((s) => [s.kind, s.split, s.periodTotal])).toEqual([
      ["lbf", "period", ""],
      ["municipality", "period", ""],
    ]);
    lbfId = String(data.values.sources[0]!.id);
    municipalityId = String(data.values.sources[1]!.id);
  });

  it("saves period totals without a yearly split and an unattributed local line", async () => {
    const res = await post({
      version: await version(),
      ...source(0, { id: lbfId, kind: "lbf", split: "period", periodTotal: "3.000.000" }),
      ...source(1, {
        id: municipalityId,
        kind: "municipality",
        organisationId: String(t.demo.organisationIds.municipality),
        split: "period",
        periodTotal: "600.000",
      }),
      // "Lokal medfinansiering" without a name or an organisation, as the template often has it.
      ...source(2, { kind: "local", split: "period", periodTotal: "400.000" }),
    });
    expect(res.status).toBe(302);

    const { budget } = await view();
    expect(budget.lbfTotal.total).toBe(3_000_000);
    expect(budget.localTotal.total).toBe(1_000_000);
    expect(budget.total.total).toBe(4_000_000);
    expect(budget.lbfShare).toBe(0.75);
    expect(budget.hasYearly).toBe(false);
    expect(budget.local.map((l) => [l.label, l.total])).toEqual([
      ["Havbakke Kommune", 600_000],
      ["Lokal medfinansiering", 400_000],
    ]);

    // Stored as period totals, with no invented yearly amounts.
    const rows = await t.db
      .select({ kind: fundingSources.kind, periodTotal: fundingSources.periodTotal })
      .from(fundingSources)
      .where(eq(fundingSources.agreementId, agreementId));
    expect(rows.map((r) => r.periodTotal).sort()).toEqual([3_000_000, 400_000, 600_000].sort());
    const amounts = await t.db
      .select()
      .from(budgetAmounts)
      .innerJoin(fundingSources, eq(fundingSources.id, budgetAmounts.fundingSourceId))
      .where(eq(fundingSources.agreementId, agreementId));
    expect(amounts).toEqual([]);

    // The form shows them back as typed.
    const data = (await load()).data as FinancingData;
    expect(data.values.sources.map((s) => [s.kind, s.split, s.periodTotal, s.name])).toEqual([
      ["lbf", "period", "3.000.000", ""],
      ["municipality", "period", "600.000", ""],
      ["local", "period", "400.000", ""],
    ]);
  });

  it("counts the period totals in the plan's R1 check", async () => {
    const { agreements, budget } = await getPlanAgreements(
      t.db,
      t.user("secretariat"),
      t.demo.planId,
    );
    const mine = agreements.find((a) => a.id === agreementId)!;
    expect([mine.lbf, mine.local]).toEqual([3_000_000, 1_000_000]);
    // The plan's sums include this agreement's period totals.
    expect(budget.lbf).toBeGreaterThanOrEqual(3_000_000);
    expect(budget.local).toBeGreaterThanOrEqual(1_000_000);
  });

  it("shows 'Ingen årlig fordeling' on the spending page instead of a budget of 0", async () => {
    const page = await getSpending(t.db, t.user("secretariat"), t.demo.planId, agreementId, 2024);
    const lbf = page.sources.find((s) => s.kind === "lbf")!;
    expect(lbf.budget).toBeNull();
    expect(lbf.periodTotal).toBe(3_000_000);
  });

  it("switches a source to yearly amounts: the years become its total and the period total goes", async () => {
    const data = (await load()).data as FinancingData;
    const localId = String(data.values.sources[2]!.id);
    const res = await post({
      version: await version(),
      ...source(0, {
        id: lbfId,
        kind: "lbf",
        split: "yearly",
        // A period total left in the hidden field is ignored with "Fordelt på år".
        periodTotal: "3.000.000",
        "amounts.y2023": "700.000",
        "amounts.y2024": "800.000",
        "amounts.y2025": "800.000",
        "amounts.y2026": "700.000",
      }),
      ...source(1, {
        id: municipalityId,
        kind: "municipality",
        organisationId: String(t.demo.organisationIds.municipality),
        split: "period",
        periodTotal: "600.000",
      }),
      ...source(2, { id: localId, kind: "local", split: "period", periodTotal: "400.000" }),
    });
    expect(res.status).toBe(302);
    const { budget } = await view();
    expect(budget.hasYearly).toBe(true);
    expect(budget.lbf[0]).toMatchObject({
      yearly: true,
      total: 3_000_000,
      byYear: [700_000, 800_000, 800_000, 700_000],
    });
    const [lbfRow] = await t.db
      .select({ periodTotal: fundingSources.periodTotal })
      .from(fundingSources)
      .where(eq(fundingSources.id, Number(lbfId)));
    expect(lbfRow!.periodTotal).toBeNull();

    const spending = await getSpending(
      t.db,
      t.user("secretariat"),
      t.demo.planId,
      agreementId,
      2024,
    );
    expect(spending.sources.find((s) => s.kind === "lbf")?.budget).toBe(800_000);
    expect(spending.sources.find((s) => s.kind === "local")?.budget).toBeNull();
  });

  it("switches back to a period total: the yearly amounts are removed", async () => {
    const data = (await load()).data as FinancingData;
    expect(data.values.sources[0]).toMatchObject({ split: "yearly", periodTotal: "" });
    const localId = String(data.values.sources[2]!.id);
    const res = await post({
      version: await version(),
      ...source(0, {
        id: lbfId,
        kind: "lbf",
        split: "period",
        periodTotal: "3.600.000",
        // Yearly figures still in the (hidden) fields are not kept.
        "amounts.y2023": "700.000",
        "amounts.y2024": "800.000",
      }),
      ...source(1, { id: localId, kind: "local", split: "period", periodTotal: "1.000.000" }),
    });
    expect(res.status).toBe(302);
    const amounts = await t.db
      .select({ id: budgetAmounts.fundingSourceId })
      .from(budgetAmounts)
      .where(eq(budgetAmounts.fundingSourceId, Number(lbfId)));
    expect(amounts).toEqual([]);
    const { budget } = await view();
    expect(budget.hasYearly).toBe(false);
    expect(budget.lbfTotal.total).toBe(3_600_000);
    // R1 data on period totals only: 3.6 of 4.6 million is above 75 %.
    expect(budget.lbfShare).toBeCloseTo(3_600_000 / 4_600_000);
    expect(budget.lbfShare! > 0.75).toBe(true);
    const plan = await getPlanAgreements(t.db, t.user("secretariat"), t.demo.planId);
    expect(plan.agreements.find((a) => a.id === agreementId)).toMatchObject({
      lbf: 3_600_000,
      local: 1_000_000,
    });
  });

  it("answers a bad period total with 400 in Danish on that field, keeping the input", async () => {
    const before = await version();
    const res = await post({
      version: before,
      ...source(0, { id: lbfId, kind: "lbf", split: "period", periodTotal: "3,6 mio" }),
      ...source(1, { kind: "other", split: "period", periodTotal: "100.000" }),
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors["sources.0.periodTotal"]).toBe("Skriv et beløb i hele kroner, fx 1.250.000");
    // "Anden medfinansiering" still needs to say who.
    expect(body.errors["sources.1.name"]).toBe("Skriv hvem der medfinansierer");
    expect(body.values).toMatchObject({
      sources: [{ periodTotal: "3,6 mio", split: "period" }, { kind: "other" }],
    });
    expect(await version()).toBe(before);
    expect((await view()).budget.lbfTotal.total).toBe(3_600_000);
  });

  it("refuses a split that is not one of the choices", async () => {
    const res = await post({
      version: await version(),
      ...source(0, { id: lbfId, kind: "lbf", split: "monthly", periodTotal: "1.000" }),
    });
    expect(res.status).toBe(400);
    expect((res.data as FormFailure).errors["sources.0.split"]).toBe(
      "Vælg hvordan beløbet angives",
    );
  });

  it("keeps the financing of another plan's agreement from a user of another plan", async () => {
    const other = await createPlan(t.db, { members: { secretariat: true } });
    const outsider = other.members.secretariat![0]!;
    expect((await load(outsider.id)).status).toBeOneOf([403, 404]);
    const res = await post(
      {
        version: await version(),
        ...source(0, { id: lbfId, kind: "lbf", split: "period", periodTotal: "1" }),
      },
      outsider.id,
    );
    expect(res.status).toBeOneOf([403, 404]);
    expect((await view()).budget.lbfTotal.total).toBe(3_600_000);
  });

  it("archives a period-only source as one row for the whole period, not as yearly zeros", async () => {
    const response = (await archiveZip.loader({
      request: new Request("http://localhost/admin/archive.zip", {
        headers: { Cookie: await cookieFor(t.demo.userIds.admin) },
      }),
      params: {},
      context: {},
    })) as Response;
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const plan = Object.keys(files)
      .filter((n) => /^helhedsplaner\/[^/]+\/data\.json$/.test(n))
      .map((n) => PlanArchiveDataSchema.parse(JSON.parse(new TextDecoder().decode(files[n]))))
      .find((d) => d.plan.id === t.demo.planId)!;
    const economy = plan.agreements.find((a) => a.id === agreementId)!.economy;
    expect(economy).toEqual([
      {
        fundingSource: "Landsbyggefonden",
        kind: "lbf",
        year: null,
        budget: 3_600_000,
        spent: null,
        note: null,
      },
      {
        fundingSource: "Lokal medfinansiering",
        kind: "local",
        year: null,
        budget: 1_000_000,
        spent: null,
        note: null,
      },
    ]);
  });

  it("saves staff as free-text lines and shows them as written", async () => {
    const lines = [
      "2 børn/unge- og aktivitetsmedarbejdere samt 11,5 time",
      "1 kommunikationsmedarbejder, 0,5 årsværk",
    ];
    const loaded = await callRoute(staffPage.loader, url("staff"), {
      userId: t.demo.userIds.secretariat,
      params,
    });
    const staffVersion = String(
      (loaded.data as Awaited<ReturnType<typeof staffPage.loader>>).record.version,
    );
    const res = await callRoute(staffPage.action, url("staff"), {
      userId: t.demo.userIds.secretariat,
      params,
      form: {
        version: staffVersion,
        "staff.0.id": "",
        "staff.0.description": lines[0]!,
        "staff.1.id": "",
        "staff.1.description": lines[1]!,
      },
    });
    expect(res.status).toBe(302);
    expect((await view()).staff.map((s) => s.text)).toEqual(lines);
    const again = await callRoute(staffPage.loader, url("staff"), {
      userId: t.demo.userIds.secretariat,
      params,
    });
    const values = (again.data as Awaited<ReturnType<typeof staffPage.loader>>).values;
    expect(values.staff.map((s) => s.description)).toEqual(lines);
  });

  it("answers an empty staff line with 400 and the Danish hint, keeping the other line", async () => {
    const loaded = await callRoute(staffPage.loader, url("staff"), {
      userId: t.demo.userIds.secretariat,
      params,
    });
    const data = loaded.data as Awaited<ReturnType<typeof staffPage.loader>>;
    const res = await callRoute(staffPage.action, url("staff"), {
      userId: t.demo.userIds.secretariat,
      params,
      form: {
        version: String(data.record.version),
        "staff.0.id": String(data.values.staff[0]!.id),
        "staff.0.description": "3 fritidsjobkonsulenter",
        "staff.1.id": "",
        "staff.1.description": "   ",
      },
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors["staff.1.description"]).toBe(
      "Beskriv medarbejderressourcen, fx «1 kommunikationsmedarbejder»",
    );
    expect(body.values).toMatchObject({ staff: [{ description: "3 fritidsjobkonsulenter" }, {}] });
    expect((await view()).staff).toHaveLength(2);
  });
});
