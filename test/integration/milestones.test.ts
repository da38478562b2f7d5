/**
 * Milestone plans below the browser: the demo plan's milestones, created, edited, marked and
 * deleted through the pages' loaders and actions as Remix calls them; who may write (secretariat,
 * admins), who may only mark done or postponed (reporters: 403 on creating, editing, deleting),
 * who only reads (board, viewers), 404 for a user of another plan and another plan's milestone,
 * 409 on a stale version with the input kept, 400 with Danish messages, the audit trail, the Word
 * and Excel downloads read back, the query count, and the progress report's milestone block (and
 * that a final report keeps what it said). All texts are invented.
 */
import { and, asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, milestones, plans } from "../../db/schema";
import { DEMO_MILESTONES, DEMO_POSTPONED_NOTE } from "../../db/demo-milestones";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { createAgreement } from "../helpers/factories";
import { flashOf } from "../helpers/flash";
import { buildRequest, callRoute, useTestDbForRoutes } from "../helpers/routes";
import { CONFLICT_MESSAGE } from "~/http.server";
import type { FormFailure } from "~/domain/form";
import { POSTPONED_NOTE_MESSAGE, WHEN_BOTH_MESSAGE } from "~/domain/milestone";
import { ProgressReportNarrativeSchema } from "~/domain/progress-report";
import {
  ACTIVITY_AGREEMENT_MESSAGE,
  createMilestone,
  getMilestonePlan,
  RESPONSIBLE_MESSAGE,
} from "~/models/milestones.server";
import {
  finaliseProgressReport,
  getProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import { renderProgressReportDocx, renderProgressReportXlsx } from "~/documents.server";
import * as docxRoute from "~/routes/plans.$planId.milestones[.]docx";
import * as xlsxRoute from "~/routes/plans.$planId.milestones[.]xlsx";
import * as listPage from "~/routes/plans.$planId.milestones._index";
import * as milestonePage from "~/routes/plans.$planId.milestones.$milestoneId";
import * as newPage from "~/routes/plans.$planId.milestones.new";

type Form = Record<string, string>;
type ListData = Awaited<ReturnType<typeof listPage.loader>>;
type PageData = Awaited<ReturnType<typeof milestonePage.loader>>;
type NewData = Awaited<ReturnType<typeof newPage.loader>>;
type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe.each(drivers)("milestone plans on %s", (driver) => {
  let t: TestDb;
  let choices: NewData;
  /** The milestone the secretariat creates through the page. */
  let milestoneId: number;
  /** A milestone of the other demo plan. */
  let foreignId: number;
  const list = () => `/plans/${t.demo.planId}/milestones`;
  const planParams = () => ({ planId: String(t.demo.planId) });
  const params = (id = milestoneId) => ({ planId: String(t.demo.planId), milestoneId: String(id) });

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    foreignId = (
      await createMilestone(t.db, t.user("otherPlan"), t.demo.otherPlanId, {
        title: "Mølleåsens legeplads åbner",
        dueDate: "2025-05-01",
        year: 2025,
        quarter: null,
        agreementId: null,
        activityId: null,
        responsibleOrganisationId: null,
        note: null,
      })
    ).id;
    const res = await callRoute(newPage.loader, `${list()}/new`, {
      userId: t.demo.userIds.secretariat,
      params: planParams(),
    });
    choices = res.data as NewData;
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async (id = milestoneId) => {
    const [row] = await t.db.select().from(milestones).where(eq(milestones.id, id));
    return row;
  };
  const auditOf = (id: number) =>
    t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "milestone"), eq(auditEvents.entityId, String(id))))
      .orderBy(asc(auditEvents.id));
  const activityOf = (agreementId: number) =>
    choices.activities.find((a) => a.agreementId === agreementId)!;
  const orgNamed = (word: string) => choices.organisations.find((o) => o.name.includes(word))!;

  it("has the demo plan's milestones with their links, one postponed with its reason", async () => {
    const view = await getMilestonePlan(t.db, t.user("viewer"), t.demo.planId);
    expect(view.milestones).toHaveLength(DEMO_MILESTONES.length);
    expect(view.years).toEqual([2023, 2024, 2025, 2026]);
    const postponed = view.milestones.filter((m) => m.status === "postponed");
    expect(postponed).toHaveLength(1);
    expect(postponed[0]).toMatchObject({ note: DEMO_POSTPONED_NOTE, whenText: "4. kvartal 2023" });
    expect(view.milestones.filter((m) => m.status === "done").length).toBeGreaterThan(5);
    expect(
      view.milestones.every((m) => m.agreementName === "Sammenhængskraft og medborgerskab"),
    ).toBe(true);
    expect(view.milestones.filter((m) => m.activityName).length).toBeGreaterThan(5);
    expect(view.milestones.every((m) => m.responsibleName)).toBe(true);
  });

  it("offers the plan's agreements, activities and organisations, not another plan's", () => {
    expect(choices.plan).toMatchObject({ periodStart: "2023-01-01", periodEnd: "2026-12-31" });
    expect(choices.agreements.map((a) => a.id)).toEqual([t.demo.agreementId]);
    expect(choices.activities.length).toBeGreaterThanOrEqual(4);
    const names = choices.organisations.map((o) => o.name);
    expect(names).toContain("Havbakke Kommune");
    expect(names).toContain("Afd. 4 Solsikkeparken");
    expect(names).not.toContain("Afd. 15 Mølleåsen");
  });

  // --- creating ---------------------------------------------------------------------------------

  it("creates a milestone from the form, audited, and shows it in its year", async () => {
    const activity = activityOf(t.demo.agreementId);
    const res = await callRoute(newPage.action, `${list()}/new`, {
      userId: t.demo.userIds.secretariat,
      params: planParams(),
      form: {
        title: "Lektiehjælpen har fast lokale",
        dueDate: "",
        quarter: "2025-3",
        agreementId: String(t.demo.agreementId),
        activityId: String(activity.id),
        responsibleOrganisationId: String(orgNamed("Kommune").id),
        note: "Aftalt med skolen",
      },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${list()}?year=2025`);
    expect(await flashOf(res)).toBe("Milepælen er oprettet.");
    const [row] = await t.db
      .select()
      .from(milestones)
      .where(eq(milestones.title, "Lektiehjælpen har fast lokale"));
    milestoneId = row!.id;
    expect(row).toMatchObject({
      planId: t.demo.planId,
      dueDate: null,
      year: 2025,
      quarter: 3,
      activityId: activity.id,
      status: "planned",
      note: "Aftalt med skolen",
      version: 1,
    });
    const [created] = await auditOf(milestoneId);
    expect(created).toMatchObject({
      action: "milestone.create",
      userId: t.demo.userIds.secretariat,
      planId: t.demo.planId,
    });

    const page = await callRoute(listPage.loader, `${list()}?year=2025`, {
      userId: t.demo.userIds.viewer,
      params: planParams(),
    });
    const data = page.data as ListData;
    expect(data.title).toBe("Milepælsplan 2025");
    expect(data.canEdit).toBe(false);
    const shown = data.list.find((m) => m.id === milestoneId)!;
    expect(shown).toMatchObject({ whenText: "3. kvartal 2025", statusText: "Planlagt" });
    expect(data.list.every((m) => m.year === 2025)).toBe(true);
    expect(data.counts.total).toBe(data.list.length);

    const period = await callRoute(listPage.loader, `${list()}?view=period`, {
      userId: t.demo.userIds.viewer,
      params: planParams(),
    });
    expect((period.data as ListData).list).toHaveLength(DEMO_MILESTONES.length + 1);
    expect((period.data as ListData).range.columns).toHaveLength(16);
    const outside = await callRoute(listPage.loader, `${list()}?year=2031`, {
      userId: t.demo.userIds.viewer,
      params: planParams(),
    });
    expect(outside.status).toBe(404);
  });

  it("answers 400 with Danish messages beside the fields and keeps the input", async () => {
    const form: Form = {
      title: "Dobbelt",
      dueDate: "2025-04-01",
      quarter: "2025-2",
      agreementId: "",
      activityId: "",
      responsibleOrganisationId: "",
      note: "",
    };
    const both = await callRoute(newPage.action, `${list()}/new`, {
      userId: t.demo.userIds.secretariat,
      params: planParams(),
      form,
    });
    expect(both.status).toBe(400);
    expect((both.data as FormFailure).errors).toEqual({ dueDate: WHEN_BOTH_MESSAGE });
    expect((both.data as FormFailure).values).toMatchObject({ title: "Dobbelt" });

    const late = await callRoute(newPage.action, `${list()}/new`, {
      userId: t.demo.userIds.secretariat,
      params: planParams(),
      form: { ...form, dueDate: "2027-02-01", quarter: "" },
    });
    expect(late.status).toBe(400);
    expect((late.data as FormFailure).errors.dueDate).toBe(
      "Datoen skal ligge i planens periode (1. januar 2023 – 31. december 2026)",
    );

    // An activity of another agreement of the plan, and an organisation outside the plan.
    const [plan] = await t.db
      .select({
        id: plans.id,
        fundingRoundId: plans.fundingRoundId,
        periodStart: plans.periodStart,
        periodEnd: plans.periodEnd,
      })
      .from(plans)
      .where(eq(plans.id, t.demo.planId));
    const second = await createAgreement(t.db, plan!, { activities: 1 });
    const wrong = await callRoute(newPage.action, `${list()}/new`, {
      userId: t.demo.userIds.secretariat,
      params: planParams(),
      form: {
        ...form,
        quarter: "",
        agreementId: String(t.demo.agreementId),
        activityId: String(second.activities[0]!.id),
        responsibleOrganisationId: String(t.demo.organisationIds.moelleaasen),
      },
    });
    expect(wrong.status).toBe(400);
    expect((wrong.data as FormFailure).errors).toEqual({
      activityId: ACTIVITY_AGREEMENT_MESSAGE,
      responsibleOrganisationId: RESPONSIBLE_MESSAGE,
    });
    expect(await t.db.select().from(milestones).where(eq(milestones.title, "Dobbelt"))).toEqual([]);
  });

  // --- editing and status -----------------------------------------------------------------------

  it("edits with the version lock: a stale version is a 409 with the input kept", async () => {
    const form: Form = {
      intent: "edit",
      version: "1",
      title: "Lektiehjælpen har fast lokale på skolen",
      dueDate: "2025-09-01",
      quarter: "",
      agreementId: String(t.demo.agreementId),
      activityId: "",
      responsibleOrganisationId: "",
      note: "",
    };
    const res = await callRoute(milestonePage.action, `${list()}/${milestoneId}`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${list()}/${milestoneId}`);
    expect(await flashOf(res)).toBe("Milepælen er gemt.");
    expect(await stored()).toMatchObject({
      title: "Lektiehjælpen har fast lokale på skolen",
      dueDate: "2025-09-01",
      quarter: null,
      version: 2,
    });

    const stale = await callRoute(milestonePage.action, `${list()}/${milestoneId}`, {
      userId: t.demo.userIds.admin,
      params: params(),
      form: { ...form, title: "Overskrevet" },
    });
    expect(stale.status).toBe(409);
    expect((stale.data as FormFailure).formError).toBe(CONFLICT_MESSAGE);
    expect((stale.data as FormFailure).values).toMatchObject({ title: "Overskrevet" });
    expect(await stored()).toMatchObject({
      title: "Lektiehjælpen har fast lokale på skolen",
      version: 2,
    });
    const actions = (await auditOf(milestoneId)).map((e) => e.action);
    expect(actions).toEqual(["milestone.create", "milestone.update"]);
  });

  it("lets the reporter mark it postponed (with a reason) and done, but not edit", async () => {
    const url = `${list()}/${milestoneId}`;
    const reporter = t.demo.userIds.reporter;
    const page = await callRoute(milestonePage.loader, url, { userId: reporter, params: params() });
    expect(page.data as PageData).toMatchObject({ canEdit: false, canReport: true });

    const noReason = await callRoute(milestonePage.action, url, {
      userId: reporter,
      params: params(),
      form: { intent: "status", version: "2", status: "postponed", completedOn: "", note: "" },
    });
    expect(noReason.status).toBe(400);
    expect((noReason.data as FormFailure).errors).toEqual({ note: POSTPONED_NOTE_MESSAGE });

    const postponed = await callRoute(milestonePage.action, url, {
      userId: reporter,
      params: params(),
      form: {
        intent: "status",
        version: "2",
        status: "postponed",
        completedOn: "",
        note: "Skolen ombygges",
      },
    });
    expect(postponed.status).toBe(302);
    expect(await flashOf(postponed)).toBe("Milepælens status er gemt.");
    expect(await stored()).toMatchObject({ status: "postponed", note: "Skolen ombygges" });

    const done = await callRoute(milestonePage.action, url, {
      userId: reporter,
      params: params(),
      form: { intent: "status", version: "3", status: "done", completedOn: "2025-10-02", note: "" },
    });
    expect(done.status).toBe(302);
    expect(await stored()).toMatchObject({
      status: "done",
      completedOn: "2025-10-02",
      version: 4,
    });
    const statusEvents = (await auditOf(milestoneId)).filter(
      (e) => e.action === "milestone.status",
    );
    expect(statusEvents.map((e) => e.userId)).toEqual([reporter, reporter]);

    const forbidden = [
      callRoute(newPage.loader, `${list()}/new`, { userId: reporter, params: planParams() }),
      callRoute(newPage.action, `${list()}/new`, {
        userId: reporter,
        params: planParams(),
        form: { title: "Ny", dueDate: "2025-01-05" },
      }),
      callRoute(milestonePage.action, url, {
        userId: reporter,
        params: params(),
        form: { intent: "edit", version: "4", title: "Ny titel", dueDate: "2025-01-05" },
      }),
      callRoute(milestonePage.action, url, {
        userId: reporter,
        params: params(),
        form: { intent: "delete", version: "4" },
      }),
      ...(["board", "viewer"] as const).map((key) =>
        callRoute(milestonePage.action, url, {
          userId: t.demo.userIds[key],
          params: params(),
          form: { intent: "status", version: "4", status: "planned", completedOn: "", note: "" },
        }),
      ),
    ];
    expect((await Promise.all(forbidden)).map((r) => r.status)).toEqual([
      403, 403, 403, 403, 403, 403,
    ]);
    expect(await stored()).toMatchObject({ status: "done", version: 4 });
  });

  it("answers 404 to a user of another plan and for another plan's milestone", async () => {
    const other = t.demo.userIds.otherPlan;
    const url = `${list()}/${milestoneId}`;
    const results = await Promise.all([
      callRoute(listPage.loader, list(), { userId: other, params: planParams() }),
      callRoute(milestonePage.loader, url, { userId: other, params: params() }),
      callRoute(milestonePage.action, url, {
        userId: other,
        params: params(),
        form: { intent: "status", version: "4", status: "planned" },
      }),
      callRoute(newPage.action, `${list()}/new`, {
        userId: other,
        params: planParams(),
        form: { title: "Ny", dueDate: "2025-01-05" },
      }),
      callRoute(docxRoute.loader, `${list()}.docx`, { userId: other, params: planParams() }),
      callRoute(xlsxRoute.loader, `${list()}.xlsx`, { userId: other, params: planParams() }),
      // The other plan's milestone under this plan's address, even for this plan's secretariat.
      callRoute(milestonePage.loader, `${list()}/${foreignId}`, {
        userId: t.demo.userIds.secretariat,
        params: params(foreignId),
      }),
      callRoute(milestonePage.action, `${list()}/${foreignId}`, {
        userId: t.demo.userIds.secretariat,
        params: params(foreignId),
        form: { intent: "delete", version: "1" },
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect(await stored(foreignId)).toMatchObject({ title: "Mølleåsens legeplads åbner" });
  });

  // --- downloads --------------------------------------------------------------------------------

  async function download(loader: Loader, url: string): Promise<Response> {
    const request = await buildRequest(url, { userId: t.demo.userIds.viewer });
    return loader({ request, params: planParams(), context: {} });
  }

  it("downloads the year's plan as Word and the whole period as Excel", async () => {
    const docx = await download(docxRoute.loader, `${list()}.docx?year=2025`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("Content-Type")).toBe(DOCX);
    expect(docx.headers.get("Content-Disposition")).toContain(
      encodeURIComponent("Milepælsplan 2025 - Helhedsplan Strandengen og Solsikkeparken.docx"),
    );
    const text = readDocxBuffer(new Uint8Array(await docx.arrayBuffer())).plain;
    expect(text).toContain("Milepælsplan 2025");
    expect(text).toContain("Lektiehjælpen har fast lokale på skolen");
    expect(text).toContain("✓ Nået 2. oktober 2025");
    expect(text).not.toContain("Slutevaluering af delaftalen afleveret");

    const xlsx = await download(xlsxRoute.loader, `${list()}.xlsx?view=period`);
    expect(xlsx.headers.get("Content-Type")).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe(
      "Milepælsplan for hele perioden · Helhedsplan Strandengen og Solsikkeparken",
    );
    const titles: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) titles.push(String(row.getCell(4).value));
    });
    expect(titles).toHaveLength(DEMO_MILESTONES.length + 1);
    expect(titles).toContain("Slutevaluering af delaftalen afleveret");
    const postponedRow = sheet
      .getRows(3, titles.length)!
      .find((r) => r.getCell(8).value === "Udskudt")!;
    expect(postponedRow.getCell(10).value).toBe(DEMO_POSTPONED_NOTE);

    const bad = await callRoute(docxRoute.loader, `${list()}.docx?year=2019`, {
      userId: t.demo.userIds.viewer,
      params: planParams(),
    });
    expect(bad.status).toBe(404);
  });

  it("reads the milestone plan in the same number of queries however many there are", async () => {
    const first = createCountingDb(t);
    const before = await getMilestonePlan(first.db, t.user("viewer"), t.demo.planId);
    for (let i = 0; i < 6; i++) {
      await createMilestone(t.db, t.user("secretariat"), t.demo.planId, {
        title: `Ekstra milepæl ${i}`,
        dueDate: `2026-0${i + 1}-10`,
        year: 2026,
        quarter: null,
        agreementId: t.demo.agreementId,
        activityId: activityOf(t.demo.agreementId).id,
        responsibleOrganisationId: orgNamed("Kommune").id,
        note: null,
      });
    }
    const second = createCountingDb(t);
    const after = await getMilestonePlan(second.db, t.user("viewer"), t.demo.planId);
    expect(after.milestones.length).toBe(before.milestones.length + 6);
    expect(second.queries.length).toBe(first.queries.length);
    expect(second.queries.length).toBeLessThanOrEqual(3);
  });

  it("deletes a milestone (secretariat), audited", async () => {
    const { id } = await createMilestone(t.db, t.user("secretariat"), t.demo.planId, {
      title: "Slettes igen",
      dueDate: "2024-05-05",
      year: 2024,
      quarter: null,
      agreementId: null,
      activityId: null,
      responsibleOrganisationId: null,
      note: null,
    });
    const res = await callRoute(milestonePage.action, `${list()}/${id}`, {
      userId: t.demo.userIds.secretariat,
      params: params(id),
      form: { intent: "delete", version: "1" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${list()}?year=2024`);
    expect(await flashOf(res)).toBe("Milepælen «Slettes igen» er slettet.");
    expect(await stored(id)).toBeUndefined();
    expect((await auditOf(id)).map((e) => e.action)).toEqual([
      "milestone.create",
      "milestone.delete",
    ]);
  });

  // --- the progress report ----------------------------------------------------------------------

  it("lists the year's milestones done against planned and next year's in the progress report", async () => {
    // 2025: the demo's three (all reached) and the one created above (reached).
    const page = await getProgressReport(t.db, t.user("viewer"), t.demo.planId, 2025);
    const block = page.view.milestones!;
    expect(block.countText).toBe("4 af 4 milepæle nået");
    expect(block.nextYear).toBe(2026);
    expect(block.next.map((m) => m.title)).toContain("Slutevaluering af delaftalen afleveret");

    // 2023: one postponed, with its reason.
    const y2023 = (await getProgressReport(t.db, t.user("viewer"), t.demo.planId, 2023)).view;
    expect(y2023.milestones!.countText).toBe("3 af 4 milepæle nået");
    const postponed = y2023.milestones!.milestones.find((m) => m.status === "postponed")!;
    expect(postponed.note).toBe(DEMO_POSTPONED_NOTE);
    expect(y2023.milestones!.next).toHaveLength(3);

    const { buffer } = await renderProgressReportDocx(t.db, t.user("viewer"), t.demo.planId, 2023);
    const text = readDocxBuffer(buffer).plain;
    expect(text).toContain("Milepæle 2023");
    expect(text).toContain("3 af 4 milepæle nået; 1 udskudt, 0 planlagt.");
    expect(text).toContain(DEMO_POSTPONED_NOTE);
    expect(text).toContain("Milepæle 2024");
    expect(text).toContain("Midtvejsstatus drøftet i bestyrelsen");

    const xlsx = await renderProgressReportXlsx(t.db, t.user("viewer"), t.demo.planId, 2023);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.buffer).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet("Milepæle")!;
    expect(sheet.getCell("A1").value).toBe("Milepæle 2023: 3 af 4 milepæle nået");
    const years: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) years.push(row.getCell(1).value);
    });
    expect(years).toEqual([2023, 2023, 2023, 2023, 2024, 2024, 2024]);
  });

  it("keeps the milestones a final report showed when they change later", async () => {
    const narrative = ProgressReportNarrativeSchema.parse({
      summary: "Et år med god fremdrift.",
      whatWorked: "",
      nextYear: "",
      activityNotes: [],
    });
    await saveProgressReportNarrative(t.db, t.user("reporter"), t.demo.planId, 2024, 0, narrative);
    await finaliseProgressReport(t.db, t.user("reporter"), t.demo.planId, 2024, 1);
    await createMilestone(t.db, t.user("secretariat"), t.demo.planId, {
      title: "Tilføjet efter rapporten",
      dueDate: "2024-12-01",
      year: 2024,
      quarter: null,
      agreementId: null,
      activityId: null,
      responsibleOrganisationId: null,
      note: null,
    });
    const final = (await getProgressReport(t.db, t.user("viewer"), t.demo.planId, 2024)).view;
    expect(final.status).toBe("final");
    expect(final.milestones!.countText).toBe("3 af 3 milepæle nået");
    expect(final.milestones!.milestones.map((m) => m.title)).not.toContain(
      "Tilføjet efter rapporten",
    );
    const plan = await getMilestonePlan(t.db, t.user("viewer"), t.demo.planId);
    expect(plan.milestones.map((m) => m.title)).toContain("Tilføjet efter rapporten");
  });
});
