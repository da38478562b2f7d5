/**
 * The spending page ("Forbrug") of an agreement, called as Remix would call it: recording the
 * year's spend per funding source, the comparison with the budget, Danish validation messages with
 * the typed values kept, who may write and read, the audit trail and the query count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditEvents, spending, focusAreas } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { flashOf } from "../helpers/flash";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { formatAmount, formatPercent } from "~/domain/format";
import type { FormFailure } from "~/domain/form";
import { compareSpending } from "~/domain/spending";
import { createAgreement } from "~/models/agreements/create.server";
import { getPlanSpendingSummary, getSpending, saveSpending } from "~/models/spending.server";
import { ForbiddenError, NotFoundError } from "~/models/errors.server";
import * as spendingPage from "~/routes/plans.$planId.agreements.$agreementId.spending";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type Form = Record<string, string>;
type LoaderData = Awaited<ReturnType<typeof spendingPage.loader>>;

describe.each(drivers)("agreement spending on %s", (driver) => {
  let t: TestDb;
  let params: Record<string, string>;
  /** The demo agreement's funding sources in order: LBF, Havbakke Kommune, Fællesbo Havbakke. */
  let sourceIds: number[] = [];
  let otherAgreementId: number;
  let otherSourceId: number;
  const url = (year: number | string = 2024) =>
    `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}/spending?year=${year}`;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    params = { planId: String(t.demo.planId), agreementId: String(t.demo.agreementId) };
    const page = await getSpending(
      t.db,
      t.user("secretariat"),
      t.demo.planId,
      t.demo.agreementId,
      2024,
    );
    sourceIds = page.sources.map((s) => s.id);
    const [focusArea] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Kriminalitetsforebyggelse"));
    const other = await createAgreement(t.db, t.user("secretariat"), t.demo.planId, {
      focusAreaId: focusArea!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2024-01-01",
      validTo: "2025-12-31",
    });
    otherAgreementId = other.id;
    const otherPage = await getSpending(t.db, t.user("secretariat"), t.demo.planId, other.id, 2024);
    otherSourceId = otherPage.sources[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const spendForm = (amounts: [string, string, string], notes: [string, string, string]): Form =>
    Object.fromEntries(
      sourceIds.flatMap((id, i) => [
        [`rows.${i}.fundingSourceId`, String(id)],
        [`rows.${i}.amount`, amounts[i]!],
        [`rows.${i}.note`, notes[i]!],
      ]),
    );

  async function submit(form: Form, userId = t.demo.userIds.reporter, year: number = 2024) {
    return callRoute(spendingPage.action, url(year), { userId, params, form });
  }

  async function load(userId = t.demo.userIds.reporter, year: number | string = 2024) {
    return callRoute(spendingPage.loader, url(year), { userId, params });
  }

  const storedRows = async () =>
    t.db
      .select({
        fundingSourceId: spending.fundingSourceId,
        year: spending.year,
        amount: spending.amount,
        note: spending.note,
        updatedBy: spending.updatedBy,
      })
      .from(spending)
      .orderBy(spending.fundingSourceId, spending.year);

  it("shows each funding source with its budget for the year and no spend yet", async () => {
    const res = await load();
    expect(res.status).toBe(200);
    const data = res.data as LoaderData;
    expect(data.years).toEqual([2023, 2024, 2025, 2026]);
    expect(data.year).toBe(2024);
    expect(data.canEdit).toBe(true);
    expect(data.sources.map((s) => [s.label, s.budget, s.spent])).toEqual([
      ["Landsbyggefonden", 1_064_000, null],
      ["Havbakke Kommune", 270_000, null],
      ["Fællesbo Havbakke", 186_000, null],
    ]);
    expect(data.values.rows).toEqual(
      sourceIds.map((id) => ({
        fundingSourceId: String(id),
        amount: "",
        note: "",
        loadedAmount: "",
        loadedNote: "",
      })),
    );
    expect(data.comparison.total).toEqual({
      budget: 1_520_000,
      periodOnly: 0,
      spent: 0,
      difference: 1_520_000,
      spentShare: 0,
    });
  });

  it("saves the reporter's spend for 2024 and compares it with the budget", async () => {
    const res = await submit(
      spendForm(["1.000.000", "300000 kr.", "100.000"], ["", "Ekstra lektiehjælp", ""]),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(url(2024));
    expect(await flashOf(res)).toBe("Forbruget for 2024 er gemt.");

    expect(await storedRows()).toEqual([
      {
        fundingSourceId: sourceIds[0],
        year: 2024,
        amount: 1_000_000,
        note: null,
        updatedBy: t.demo.userIds.reporter,
      },
      {
        fundingSourceId: sourceIds[1],
        year: 2024,
        amount: 300_000,
        note: "Ekstra lektiehjælp",
        updatedBy: t.demo.userIds.reporter,
      },
      {
        fundingSourceId: sourceIds[2],
        year: 2024,
        amount: 100_000,
        note: null,
        updatedBy: t.demo.userIds.reporter,
      },
    ]);

    const page = await getSpending(t.db, t.user("board"), t.demo.planId, t.demo.agreementId, 2024);
    const c = compareSpending(page.budget, page.spent, page.year);
    expect(c.lbfTotal).toMatchObject({ budget: 1_064_000, spent: 1_000_000, difference: 64_000 });
    expect(c.localTotal).toMatchObject({ budget: 456_000, spent: 400_000, difference: 56_000 });
    expect(c.total).toMatchObject({ budget: 1_520_000, spent: 1_400_000, difference: 120_000 });
    expect(c.local[0]).toMatchObject({ label: "Havbakke Kommune", difference: -30_000 });
    expect(formatPercent(c.lbfShareOfSpend!)).toBe("71,4 %");

    const loaded = (await load()).data as LoaderData;
    expect(loaded.comparison).toEqual(c);
    expect(loaded.values.rows.map((r) => [r.amount, r.note])).toEqual([
      ["1.000.000", ""],
      ["300.000", "Ekstra lektiehjælp"],
      ["100.000", ""],
    ]);
    expect(formatAmount(loaded.comparison.total.spent)).toBe("1.400.000 kr.");
    // Other years are untouched.
    expect(((await load(t.demo.userIds.reporter, 2025)).data as LoaderData).spent).toEqual([]);
  });

  it("records one audit event with the year's rows before and after", async () => {
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "expenditure.update"))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(event).toMatchObject({
      userId: t.demo.userIds.reporter,
      entityType: "agreement",
      entityId: String(t.demo.agreementId),
      planId: t.demo.planId,
      before: { year: 2024, rows: [] },
    });
    expect(event!.after).toEqual({
      year: 2024,
      rows: [
        { fundingSourceId: sourceIds[0], amount: 1_000_000, note: null },
        { fundingSourceId: sourceIds[1], amount: 300_000, note: "Ekstra lektiehjælp" },
        { fundingSourceId: sourceIds[2], amount: 100_000, note: null },
      ],
    });
  });

  it("answers an amount with øre with 400 in Danish on that field and keeps the input", async () => {
    const res = await submit(spendForm(["1.000.000", "12,5", "100.000"], ["", "Rettet", ""]));
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors).toEqual({
      "rows.1.amount": "Skriv et beløb i hele kroner, fx 1.250.000",
    });
    expect(body.values).toMatchObject({
      rows: [
        { amount: "1.000.000" },
        { fundingSourceId: String(sourceIds[1]), amount: "12,5", note: "Rettet" },
        { amount: "100.000" },
      ],
    });
    expect((await storedRows()).find((r) => r.fundingSourceId === sourceIds[1])?.amount).toBe(
      300_000,
    );
  });

  it("answers a funding source of another agreement with 400 and saves nothing", async () => {
    const form = spendForm(["999", "999", "999"], ["", "", ""]);
    form["rows.2.fundingSourceId"] = String(otherSourceId);
    const before = await storedRows();
    const res = await submit(form);
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors).toEqual({
      "rows.2.fundingSourceId": "Finansieringskilden hører ikke til delaftalen",
    });
    expect(body.values).toMatchObject({ rows: [{ amount: "999" }, {}, {}] });
    expect(await storedRows()).toEqual(before);
  });

  it("lets the secretariat and an admin save, and deletes a figure cleared without a note", async () => {
    const bySecretariat = await submit(
      spendForm(["1.010.000", "300.000", ""], ["", "Ekstra lektiehjælp", ""]),
      t.demo.userIds.secretariat,
    );
    expect(bySecretariat.status).toBe(302);
    const rows = await storedRows();
    expect(rows.map((r) => [r.fundingSourceId, r.amount, r.updatedBy])).toEqual([
      // Only the changed figure names the secretariat; the unchanged one keeps its author.
      [sourceIds[0], 1_010_000, t.demo.userIds.secretariat],
      [sourceIds[1], 300_000, t.demo.userIds.reporter],
    ]);

    const byAdmin = await submit(
      spendForm(["", "0", "5.000"], ["", "Intet forbrug i år", ""]),
      t.demo.userIds.admin,
      2023,
    );
    expect(byAdmin.status).toBe(302);
    const of2023 = (await storedRows()).filter((r) => r.year === 2023);
    expect(of2023.map((r) => [r.fundingSourceId, r.amount, r.note])).toEqual([
      [sourceIds[1], 0, "Intet forbrug i år"],
      [sourceIds[2], 5_000, null],
    ]);
  });

  it("lets the board and viewers read but not save", async () => {
    for (const key of ["board", "viewer"] as const) {
      const loaded = await load(t.demo.userIds[key]);
      expect(loaded.status, key).toBe(200);
      const data = loaded.data as LoaderData;
      expect(data.canEdit, key).toBe(false);
      expect(data.comparison.total.spent, key).toBe(1_310_000);

      const before = await storedRows();
      const posted = await submit(spendForm(["1", "1", "1"], ["", "", ""]), t.demo.userIds[key]);
      expect(posted.status, key).toBe(403);
      // Even an invalid post is refused for access first.
      const invalid = await submit(spendForm(["x", "", ""], ["", "", ""]), t.demo.userIds[key]);
      expect(invalid.status, key).toBe(403);
      expect(await storedRows()).toEqual(before);
    }
    await expect(
      saveSpending(t.db, t.user("board"), t.demo.planId, t.demo.agreementId, 2024, []),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses (409) a save based on figures that changed since the form was loaded", async () => {
    const stale = (await storedRows()).find(
      (r) => r.year === 2024 && r.fundingSourceId === sourceIds[0],
    )!;
    const form: Form = {
      ...spendForm(["999.000", "300.000", ""], ["", "Ekstra lektiehjælp", ""]),
      "rows.0.loadedAmount": String(stale.amount - 1),
      "rows.0.loadedNote": "",
    };
    const res = await submit(form);
    expect(res.status).toBe(409);
    expect((res.data as { values: { rows: { amount: string }[] } }).values.rows[0]!.amount).toBe(
      "999.000",
    );
    const after = (await storedRows()).find(
      (r) => r.year === 2024 && r.fundingSourceId === sourceIds[0],
    )!;
    expect(after.amount).toBe(stale.amount);
    // With the current figures loaded, the same save goes through (here: unchanged values).
    const current: Form = {
      ...form,
      "rows.0.amount": String(stale.amount),
      "rows.0.loadedAmount": String(stale.amount),
    };
    expect((await submit(current)).status).toBe(302);
  });

  it("answers a user of another plan with 404", async () => {
    const loaded = await load(t.demo.userIds.otherPlan);
    expect(loaded.status).toBe(404);
    const posted = await submit(spendForm(["1", "1", "1"], ["", "", ""]), t.demo.userIds.otherPlan);
    expect(posted.status).toBe(404);
    await expect(
      getSpending(t.db, t.user("otherPlan"), t.demo.planId, t.demo.agreementId, 2024),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers a year outside the validity, or an agreement of another plan, with 404", async () => {
    expect((await load(t.demo.userIds.reporter, 2022)).status).toBe(404);
    expect((await load(t.demo.userIds.reporter, "senest")).status).toBe(404);
    expect((await submit(spendForm(["1", "1", "1"], ["", "", ""]), undefined, 2027)).status).toBe(
      404,
    );
    const elsewhere = await callRoute(spendingPage.loader, url(2024), {
      userId: t.demo.userIds.admin,
      params: { planId: String(t.demo.otherPlanId), agreementId: String(t.demo.agreementId) },
    });
    expect(elsewhere.status).toBe(404);
  });

  it("opens on the last full calendar year within the validity", async () => {
    const page = (today: string) =>
      getSpending(t.db, t.user("viewer"), t.demo.planId, t.demo.agreementId, null, today).then(
        (p) => p.year,
      );
    expect(await page("2026-11-22")).toBe(2025);
    expect(await page("2023-03-01")).toBe(2023);
    expect(await page("2029-01-10")).toBe(2026);
    const loaded = await callRoute(
      spendingPage.loader,
      `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}/spending`,
      { userId: t.demo.userIds.viewer, params },
    );
    expect(loaded.status).toBe(200);
    expect((loaded.data as LoaderData).years).toContain((loaded.data as LoaderData).year);
  });

  it("loads the page in a fixed number of queries", async () => {
    for (const [key, agreementId] of [
      ["reporter", t.demo.agreementId],
      ["admin", t.demo.agreementId],
      ["reporter", otherAgreementId],
    ] as const) {
      const { db, queries } = createCountingDb(t);
      await getSpending(db, t.user(key), t.demo.planId, agreementId, 2024);
      expect(queries.length, `${key} ${agreementId}`).toBe(6);
    }
  });

  it("sums the year's budget and spend per agreement of the plan in one query", async () => {
    const { db, queries } = createCountingDb(t);
    const summary = await getPlanSpendingSummary(db, t.user("viewer"), t.demo.planId, 2024);
    // The access check, then the one summing query.
    expect(queries).toHaveLength(2);
    const demo = summary.find((s) => s.agreementId === t.demo.agreementId);
    expect(demo).toEqual({
      agreementId: t.demo.agreementId,
      focusArea: "Sammenhængskraft og medborgerskab",
      budget: 1_520_000,
      spent: 1_310_000,
      lbfSpent: 1_010_000,
    });
    expect(summary.find((s) => s.agreementId === otherAgreementId)).toMatchObject({
      budget: 0,
      spent: 0,
      lbfSpent: 0,
    });
    const of2023 = await getPlanSpendingSummary(t.db, t.user("viewer"), t.demo.planId, 2023);
    expect(of2023.find((s) => s.agreementId === t.demo.agreementId)).toMatchObject({
      spent: 5_000,
      lbfSpent: 0,
    });
  });

  it("leaves the audit trail untouched when nothing changed", async () => {
    const count = async () =>
      (
        await t.db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.action, "expenditure.update"),
              eq(auditEvents.entityId, String(t.demo.agreementId)),
            ),
          )
      ).length;
    const before = await count();
    const res = await submit(
      spendForm(["1.010.000", "300.000", ""], ["", "Ekstra lektiehjælp", ""]),
    );
    expect(res.status).toBe(302);
    expect(await count()).toBe(before);
  });
});
