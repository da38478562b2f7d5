/**
 * The measurement grid of the demo agreement, called as Remix would call the page: every criterion
 * in the document's order, saving values with suggested statuses, the override rule, optimistic
 * locking per row, access per role, criteria of other agreements, the audit trail and a fixed
 * number of queries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, focusAreas, measurements, successCriteria } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { flashOf } from "../helpers/flash";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { criterion } from "../fixtures/agreement";
import type { FormFailure } from "~/domain/form";
import { todayInDenmark } from "~/domain/format";
import { defaultMeasurementYear, OVERRIDE_REASON_MESSAGE } from "~/domain/measurement";
import { createAgreement } from "~/models/agreements/create.server";
import { getAgreementView } from "~/models/agreements/read.server";
import { saveCriteria } from "~/models/agreements/sections.server";
import { getMeasurementGrid } from "~/models/measurements.server";
import * as page from "~/routes/plans.$planId.agreements.$agreementId.measurements";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type Form = Record<string, string>;
type PageData = Awaited<ReturnType<typeof page.loader>>;
type FormRow = NonNullable<PageData["values"]>["rows"][number];

describe.each(drivers)("measurements on %s", (driver) => {
  let t: TestDb;
  let params: Record<string, string>;
  let otherAgreementId: number;
  let foreignCriterionId: number;
  const url = (year?: number) =>
    `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}/measurements${year ? `?year=${year}` : ""}`;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    params = { planId: String(t.demo.planId), agreementId: String(t.demo.agreementId) };
    // A second agreement on the same plan, with a criterion of its own.
    const [area] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Beskæftigelse"));
    const secretariat = t.user("secretariat");
    const other = await createAgreement(t.db, secretariat, t.demo.planId, {
      focusAreaId: area!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    otherAgreementId = other.id;
    await saveCriteria(t.db, secretariat, t.demo.planId, other.id, other.version, {
      criteria: [criterion("Flere i job", "Jobcentret", { targetValue: 40, targetUnit: "%" })],
    });
    const [foreign] = await t.db
      .select({ id: successCriteria.id })
      .from(successCriteria)
      .where(eq(successCriteria.agreementId, other.id));
    foreignCriterionId = foreign!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function load(userId = t.demo.userIds.reporter, year: number | undefined = 2024) {
    return callRoute(page.loader, url(year), { userId, params });
  }

  async function formRows(year = 2024): Promise<FormRow[]> {
    const res = await load(t.demo.userIds.reporter, year);
    expect(res.status).toBe(200);
    return (res.data as PageData).values!.rows;
  }

  /** The grid's form as the browser would post it, with some rows changed. */
  function toForm(rows: FormRow[], edits: Record<number, Partial<FormRow>> = {}): Form {
    const form: Form = {};
    rows.forEach((row, i) => {
      for (const [key, value] of Object.entries({ ...row, ...edits[i] })) {
        form[`rows.${i}.${key}`] = String(value);
      }
    });
    return form;
  }

  async function save(form: Form, userId = t.demo.userIds.reporter, year = 2024) {
    return callRoute(page.action, url(year), { userId, params, form });
  }

  const sentRows = (body: FormFailure) => body.values.rows as FormRow[];

  async function storedFor(year: number) {
    return t.db.select().from(measurements).where(eq(measurements.year, year));
  }

  it("lists every criterion of the demo agreement in the document's order", async () => {
    const res = await load();
    expect(res.status).toBe(200);
    const data = res.data as PageData;
    const { view } = await getAgreementView(
      t.db,
      t.user("secretariat"),
      t.demo.planId,
      t.demo.agreementId,
    );
    const expected = [
      ...view.criteria.map((c) => [c.id, null]),
      ...view.activities.flatMap((a) => a.criteria.map((c) => [c.id, a.name])),
    ];
    expect(data.rows.map((r) => [r.criterion.id, r.activity?.name ?? null])).toEqual(expected);
    expect(view.criteria).toHaveLength(3);
    expect(new Set(data.rows.map((r) => r.activity?.name).filter(Boolean)).size).toBe(4);
    expect(data.years).toEqual([2023, 2024, 2025, 2026]);
    expect(data.year).toBe(2024);
    expect(data.canEdit).toBe(true);
    expect(data.rows[0]).toMatchObject({
      criterion: {
        dataSource: "Beboerundersøgelsen om tryghed og naboskab (gentages i 2024 og 2026)",
        baseline: { text: "71 % (2022)" },
        target: { text: "80 % (2026)" },
      },
      measurement: null,
      suggestion: null,
    });
    // A new row starts with the criterion's unit and the suggestion as its status.
    expect(data.values!.rows[0]).toMatchObject({
      version: "",
      baselineValue: "71",
      targetValue: "80",
      unit: "%",
      status: "",
    });

    const byDefault = await callRoute(page.loader, url(), {
      userId: t.demo.userIds.reporter,
      params,
    });
    expect((byDefault.data as PageData).year).toBe(
      defaultMeasurementYear([2023, 2024, 2025, 2026], todayInDenmark()),
    );
    const outside = await load(t.demo.userIds.reporter, 2030);
    expect(outside.status).toBe(404);
  });

  it("saves values for a year and stores the suggested statuses", async () => {
    const rows = await formRows();
    const res = await save(
      toForm(rows, {
        0: { valueNumber: "76,5", source: "Beboerundersøgelsen 2024" },
        1: { valueNumber: "50" },
        2: { valueNumber: "4", comment: "Færre frivillige end ventet" },
        3: { valueText: "Ordningen er i gang", unit: "" },
      }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}/measurements?year=2024`,
    );
    expect(await flashOf(res)).toBe("Målingerne for 2024 er gemt.");

    const stored = await storedFor(2024);
    // Untouched rows are not stored.
    expect(stored).toHaveLength(4);
    const byCriterion = new Map(stored.map((m) => [m.criterionId, m]));
    const at = (i: number) => byCriterion.get(Number(rows[i]!.criterionId))!;
    expect(at(0)).toMatchObject({
      valueNumber: 76.5,
      unit: "%",
      status: "partly_met",
      source: "Beboerundersøgelsen 2024",
      version: 1,
      updatedBy: t.demo.userIds.reporter,
    });
    expect(at(1).status).toBe("met");
    expect(at(2)).toMatchObject({ status: "not_met", comment: "Færre frivillige end ventet" });
    expect(at(3)).toMatchObject({ valueText: "Ordningen er i gang", status: "not_measured" });

    const data = (await load()).data as PageData;
    expect(data.rows[0]!.suggestion).toBe("partly_met");
    expect(data.rows[0]!.measurement).toMatchObject({ valueNumber: 76.5, version: 1 });
    expect(data.values!.rows[0]).toMatchObject({ valueNumber: "76,5", version: "1", status: "" });
    // Another year is untouched.
    expect(await storedFor(2023)).toHaveLength(0);
  });

  it("requires a reason to override the suggestion: 400 on the field, input kept", async () => {
    const rows = await formRows();
    const res = await save(toForm(rows, { 0: { valueNumber: "77", status: "met" } }));
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors).toEqual({ "rows.0.overrideReason": OVERRIDE_REASON_MESSAGE });
    expect(sentRows(body)[0]).toMatchObject({ valueNumber: "77", status: "met" });
    expect((await storedFor(2024)).find((m) => m.valueNumber === 77)).toBeUndefined();

    const ok = await save(
      toForm(rows, {
        0: { valueNumber: "77", status: "met", overrideReason: "Målt i hele området" },
      }),
    );
    expect(ok.status).toBe(302);
    const data = (await load()).data as PageData;
    expect(data.rows[0]!.measurement).toMatchObject({
      valueNumber: 77,
      status: "met",
      overrideReason: "Målt i hele området",
      version: 2,
    });
    expect(data.values!.rows[0]).toMatchObject({ status: "met" });
  });

  it("answers a save based on an outdated row with 409 and saves nothing", async () => {
    const stale = await formRows();
    const fresh = await formRows();
    expect((await save(toForm(fresh, { 1: { comment: "Opdateret" } }))).status).toBe(302);

    const res = await save(toForm(stale, { 1: { valueNumber: "45" }, 2: { valueNumber: "12" } }));
    expect(res.status).toBe(409);
    const body = res.data as FormFailure;
    expect(body.formError).toContain("En anden har gemt ændringer");
    expect(sentRows(body)[1]).toMatchObject({ valueNumber: "45" });
    const stored = await storedFor(2024);
    const row = (i: number) => stored.find((m) => m.criterionId === Number(stale[i]!.criterionId));
    expect(row(1)).toMatchObject({ valueNumber: 50, comment: "Opdateret" });
    expect(row(2)?.valueNumber).toBe(4);

    // A row that someone else created meanwhile conflicts too.
    const rows2023 = await formRows(2023);
    const first = await save(toForm(rows2023, { 0: { valueNumber: "72" } }), undefined, 2023);
    expect(first.status).toBe(302);
    const again = await save(toForm(rows2023, { 0: { valueNumber: "73" } }), undefined, 2023);
    expect(again.status).toBe(409);

    // So does a baseline or target that changed after the form was loaded.
    const changedTarget = await save(toForm(await formRows(), { 0: { targetValue: "90" } }));
    expect(changedTarget.status).toBe(409);
  });

  it("lets the secretariat and an admin save", async () => {
    for (const [key, comment] of [
      ["secretariat", "Set af sekretariatet"],
      ["admin", "Set af administrator"],
    ] as const) {
      const rows = await formRows();
      const res = await save(toForm(rows, { 2: { comment } }), t.demo.userIds[key]);
      expect(res.status, key).toBe(302);
    }
    const stored = await storedFor(2024);
    expect(stored.map((m) => m.comment)).toContain("Set af administrator");
  });

  it("shows board members and viewers the grid read-only and refuses their saves with 403", async () => {
    const rows = await formRows();
    for (const key of ["board", "viewer"] as const) {
      const res = await load(t.demo.userIds[key]);
      expect(res.status, key).toBe(200);
      const data = res.data as PageData;
      expect(data.canEdit).toBe(false);
      expect(data.values).toBeNull();
      expect(data.rows[0]!.measurement?.valueNumber).toBe(77);

      const posted = await save(toForm(rows, { 0: { valueNumber: "1" } }), t.demo.userIds[key]);
      expect(posted.status, key).toBe(403);
    }
    expect((await storedFor(2024)).find((m) => m.valueNumber === 1)).toBeUndefined();
  });

  it("answers a user of another plan with 404", async () => {
    expect((await load(t.demo.userIds.otherPlan)).status).toBe(404);
    const posted = await save(toForm(await formRows()), t.demo.userIds.otherPlan);
    expect(posted.status).toBe(404);
  });

  it("refuses a criterion of another agreement with 400", async () => {
    const rows = await formRows();
    const form = toForm([
      ...rows,
      {
        ...rows[0]!,
        criterionId: String(foreignCriterionId),
        version: "",
        baselineValue: "",
        targetValue: "40",
        valueNumber: "35",
        status: "",
        overrideReason: "",
      },
    ]);
    const res = await save(form);
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors[`rows.${rows.length}.criterionId`]).toBe(
      "Succeskriteriet hører ikke til denne delaftale",
    );
    const foreign = await t.db
      .select()
      .from(measurements)
      .where(eq(measurements.criterionId, foreignCriterionId));
    expect(foreign).toHaveLength(0);
  });

  it("records one audit event per save with the changed rows before and after", async () => {
    const rows = await formRows();
    const criterionId = Number(rows[1]!.criterionId);
    expect((await save(toForm(rows, { 1: { valueNumber: "48" } }))).status).toBe(302);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "measurements.update"),
          eq(auditEvents.entityId, String(t.demo.agreementId)),
        ),
      );
    const last = events.sort((a, b) => a.id - b.id).at(-1)!;
    expect(last.userId).toBe(t.demo.userIds.reporter);
    expect(last.planId).toBe(t.demo.planId);
    expect(last.before).toEqual({
      year: 2024,
      rows: [expect.objectContaining({ criterionId, valueNumber: 50, status: "met" })],
    });
    expect(last.after).toEqual({
      year: 2024,
      rows: [expect.objectContaining({ criterionId, valueNumber: 48, status: "partly_met" })],
    });

    // Saving the unchanged grid writes nothing and records nothing.
    const count = events.length;
    expect((await save(toForm(await formRows()))).status).toBe(302);
    const after = await t.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.action, "measurements.update"));
    expect(after).toHaveLength(count);
  });

  it("loads the grid with a fixed number of queries, whatever its size", async () => {
    const { db, queries } = createCountingDb(t);
    const user = t.user("reporter");
    await getMeasurementGrid(db, user, t.demo.planId, otherAgreementId, 2024);
    const small = queries.length;
    queries.length = 0;
    const grid = await getMeasurementGrid(db, user, t.demo.planId, t.demo.agreementId, 2024);
    expect(grid.rows.length).toBeGreaterThan(10);
    expect(queries.length).toBe(small);
    // Five for the grid, four for the year's values from the activity log (logValuesFor).
    expect(small).toBeLessThanOrEqual(9);
  });
});
