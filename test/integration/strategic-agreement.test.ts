/**
 * The strategic agreement on both drivers: the demo's version in effect, the whole flow (edit,
 * submit, board, fund) with every state, conflicts and locks, the budget summed from the
 * delaftaler, the database guard on approved versions, and who may do what.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { createAgreement, createPlan, type CreatedPlan } from "../helpers/factories";
import {
  auditEvents,
  budgetAmounts,
  fundingSources,
  strategicAgreementVersions,
} from "../../db/schema";
import type { StrategicFormValues } from "~/domain/strategic-agreement";
import type { SessionUser } from "~/domain/user";
import {
  decideStrategicVersion,
  getStrategicAgreementForPackage,
  getStrategicContent,
  getStrategicPage,
  getStrategicVersion,
  listStrategicVersions,
  markStrategicSentToFund,
  recordStrategicFundDecision,
  saveStrategicContent,
  submitStrategicAgreement,
  withdrawStrategicVersion,
} from "~/models/strategic-agreements.server";
import { DEMO_OBJECTIVE_KEYS } from "../../db/demo-strategic-agreement";
import { readDocxBuffer } from "../helpers/docx";
import { buildRequest, callRoute, useTestDbForRoutes } from "../helpers/routes";
import * as strategyPage from "~/routes/plans.$planId.strategy._index";
import * as strategyEdit from "~/routes/plans.$planId.strategy.edit";
import * as strategyDocx from "~/routes/plans.$planId.strategy.document[.]docx";
import * as versionPage from "~/routes/plans.$planId.strategy.versions.$number";

function form(overrides: Partial<StrategicFormValues> = {}): StrategicFormValues {
  const body = (name: string) => ({ name, description: null, members: [] });
  return {
    parties: [
      {
        organisationId: null,
        name: "Testby Kommune",
        signatoryName: "Bo Berg",
        signatoryTitle: "Borgmester",
      },
    ],
    vision: "En tryg bydel.",
    objectives: [
      { key: "", text: "Flere i job" },
      { key: "", text: "Bedre trivsel" },
    ],
    board: { ...body("Bestyrelsen"), termsOfReference: null },
    followGroup: body("Følgegruppen"),
    secretariat: body("Sekretariatet"),
    focusAreaGoals: [],
    clauses: [],
    ...overrides,
  };
}

describe.each(drivers)("the strategic agreement on %s", (driver) => {
  let t: TestDb;
  let plan: CreatedPlan;
  let secretariat: SessionUser;
  let board: SessionUser;
  let viewer: SessionUser;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    plan = await createPlan(t.db, {
      periodStart: "2027-01-01",
      periodEnd: "2030-12-31",
      members: { secretariat: true, board: true, viewer: true },
    });
    secretariat = plan.members.secretariat![0]!;
    board = plan.members.board![0]!;
    viewer = plan.members.viewer![0]!;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it("the demo plan's version 1 is approved by the board and by the fund, with every objective linked", async () => {
    const view = await getStrategicAgreementForPackage(t.db, t.user("viewer"), t.demo.planId);
    expect(view).not.toBeNull();
    expect(view!.source).toBe("version");
    expect(view!.versionNumber).toBe(1);
    expect(view!.versionStatus).toBe("approved");
    expect(view!.statusLabel).toBe("Version 1, godkendt 12. december 2022");
    expect(view!.approval).toEqual({
      meetingDate: "2022-11-15",
      fundApprovedAt: "2022-12-12",
      fundReference: "LBF 2022-4417",
    });
    expect(view!.parties.map((p) => p.name)).toEqual([
      "Havbakke Kommune",
      "Boligselskabet Lærkereden",
      "Fællesbo Havbakke",
    ]);
    expect(view!.objectives.map((o) => o.key)).toEqual([...DEMO_OBJECTIVE_KEYS]);
    expect(view!.focusAreas).toHaveLength(4);
    for (const area of view!.focusAreas) expect(area.objectives.length).toBeGreaterThan(0);
    // The demo delaftale's budget, summed from its funding sources; its working groups listed.
    expect(view!.budget.rows.map((r) => r.focusArea)).toEqual([
      "Sammenhængskraft og medborgerskab",
    ]);
    expect(view!.budget.totals.total).toBeGreaterThan(0);
    expect(view!.workingGroups.length).toBeGreaterThan(0);
    const content = await getStrategicContent(t.db, t.user("viewer"), t.demo.planId);
    expect(content!.board.members.map((m) => m.name)).toContain("Karen Dahl");
  });

  it("starts with no strategic agreement: the page says Udkast and the package has none", async () => {
    expect(await getStrategicAgreementForPackage(t.db, viewer, plan.id)).toBeNull();
    expect(await getStrategicContent(t.db, viewer, plan.id)).toBeNull();
    const page = await getStrategicPage(t.db, viewer, plan.id);
    expect(page.exists).toBe(false);
    expect(page.state).toBe("draft");
  });

  it("goes from draft through the board and the fund to approved, then supersedes it", async () => {
    await saveStrategicContent(t.db, secretariat, plan.id, 0, form());
    const content = (await getStrategicContent(t.db, viewer, plan.id))!;
    const keys = content.objectives.map((o) => o.key);
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => /^m-[a-z0-9]{6}$/.test(k))).toBe(true);

    // Editing keeps the keys; a removed objective's link disappears from the focus-area goal.
    const page = await getStrategicPage(t.db, secretariat, plan.id);
    expect(page.version).toBe(1);
    await saveStrategicContent(
      t.db,
      secretariat,
      plan.id,
      1,
      form({
        objectives: [
          { key: keys[1]!, text: "Bedre trivsel for børn" },
          { key: keys[0]!, text: "Flere i job" },
          { key: "", text: "Et stærkt naboskab" },
        ],
        focusAreaGoals: [],
      }),
    );
    const edited = (await getStrategicContent(t.db, viewer, plan.id))!;
    expect(edited.objectives.slice(0, 2).map((o) => o.key)).toEqual([keys[1], keys[0]]);
    expect(edited.objectives[2]!.key).not.toBe("");

    // A stale form is a conflict and changes nothing.
    await expect(
      saveStrategicContent(t.db, secretariat, plan.id, 1, form({ vision: "Stale" })),
    ).rejects.toMatchObject({ domainErrorKind: "conflict" });
    expect((await getStrategicContent(t.db, viewer, plan.id))!.vision).toBe("En tryg bydel.");

    const number = await submitStrategicAgreement(t.db, secretariat, plan.id, {
      summary: "Første udgave",
    });
    expect(number).toBe(1);
    expect((await getStrategicPage(t.db, viewer, plan.id)).state).toBe("proposed");
    // Locked while proposed.
    await expect(
      saveStrategicContent(t.db, secretariat, plan.id, 2, form({ vision: "Ny" })),
    ).rejects.toMatchObject({ domainErrorKind: "locked" });

    // The board rejects: back to editing, and a new proposal is number 2.
    await decideStrategicVersion(t.db, board, plan.id, 1, {
      decision: "reject",
      meetingDate: "2027-02-01",
      note: "Visionen skal skærpes",
    });
    expect((await getStrategicPage(t.db, viewer, plan.id)).state).toBe("draft");
    await saveStrategicContent(
      t.db,
      secretariat,
      plan.id,
      2,
      form({ vision: "En tryg og aktiv bydel." }),
    );
    expect(await submitStrategicAgreement(t.db, secretariat, plan.id, { summary: "Skærpet" })).toBe(
      2,
    );
    // Withdrawn by the secretariat, submitted again.
    await withdrawStrategicVersion(t.db, secretariat, plan.id, 2);
    expect(await submitStrategicAgreement(t.db, secretariat, plan.id, { summary: "Igen" })).toBe(3);

    await decideStrategicVersion(t.db, board, plan.id, 3, {
      decision: "approve",
      meetingDate: "2027-03-01",
      note: null,
    });
    let state = await getStrategicPage(t.db, viewer, plan.id);
    expect(state.state).toBe("awaiting_fund");
    expect(state.current).toBeNull();
    expect(state.pending!.label).toBe("Version 3, godkendt af bestyrelsen – sendes til fonden");
    // Not in effect yet: the package shows the working draft.
    expect((await getStrategicAgreementForPackage(t.db, viewer, plan.id))!.source).toBe("draft");
    // Another submission must wait for the fund.
    await expect(
      submitStrategicAgreement(t.db, secretariat, plan.id, { summary: "For tidligt" }),
    ).rejects.toMatchObject({ domainErrorKind: "locked" });

    await markStrategicSentToFund(t.db, secretariat, plan.id, 3, { fundSentAt: "2026-05-03" });
    state = await getStrategicPage(t.db, viewer, plan.id);
    expect(state.pending!.label).toBe(
      "Version 3, afventer fondens godkendelse (sendt 3. maj 2026)",
    );

    await recordStrategicFundDecision(t.db, secretariat, plan.id, 3, {
      fundDecision: "approve",
      fundDate: "2026-06-10",
      fundReference: "J.nr. 77",
      fundNote: null,
    });
    state = await getStrategicPage(t.db, viewer, plan.id);
    expect(state.state).toBe("approved");
    expect(state.current!.info.number).toBe(3);
    expect(state.current!.view.vision).toBe("En tryg og aktiv bydel.");

    // A second change: approved by the fund, it supersedes version 3.
    await saveStrategicContent(t.db, secretariat, plan.id, 3, form({ vision: "Version fire." }));
    await submitStrategicAgreement(t.db, secretariat, plan.id, { summary: "Ny vision" });
    await decideStrategicVersion(t.db, board, plan.id, 4, {
      decision: "approve",
      meetingDate: "2027-09-01",
      note: null,
    });
    // The fund refuses it: rejected, version 3 stays in effect.
    await recordStrategicFundDecision(t.db, secretariat, plan.id, 4, {
      fundDecision: "reject",
      fundDate: "2027-10-01",
      fundReference: null,
      fundNote: "Ændringen er ikke begrundet",
    });
    const list = await listStrategicVersions(t.db, viewer, plan.id);
    expect(list.versions.map((v) => [v.number, v.status])).toEqual([
      [4, "rejected"],
      [3, "approved"],
      [2, "withdrawn"],
      [1, "rejected"],
    ]);
    expect(list.versions[0]!.decisionNote).toContain(
      "Landsbyggefonden afviste ændringen 1. oktober 2027",
    );

    await submitStrategicAgreement(t.db, secretariat, plan.id, { summary: "Igen" });
    await decideStrategicVersion(t.db, board, plan.id, 5, {
      decision: "approve",
      meetingDate: "2027-11-01",
      note: null,
    });
    await recordStrategicFundDecision(t.db, secretariat, plan.id, 5, {
      fundDecision: "approve",
      fundDate: "2027-12-01",
      fundReference: "J.nr. 99",
      fundNote: null,
    });
    const after = await listStrategicVersions(t.db, viewer, plan.id);
    expect(after.versions.slice(0, 2).map((v) => [v.number, v.status])).toEqual([
      [5, "approved"],
      [4, "rejected"],
    ]);
    expect(after.versions.find((v) => v.number === 3)!.status).toBe("superseded");

    // Version 5's diff against version 4 shows the new vision.
    const v5 = await getStrategicVersion(t.db, viewer, plan.id, 5);
    expect(v5.view.vision).toBe("Version fire.");
    expect(v5.diff.some((d) => d.kind !== "equal")).toBe(false);
    // Version 2 (withdrawn) against version 1 (rejected): the sharpened vision.
    const v2 = await getStrategicVersion(t.db, viewer, plan.id, 2);
    expect(v2.previous!.number).toBe(1);
    expect(
      v2.diff.some(
        (d) =>
          d.kind === "change" &&
          d.segments.some((s) => s.type === "insert" && s.text.includes("aktiv")),
      ),
    ).toBe(true);

    // Every write left an audit event.
    const [audit] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(
        sql`${auditEvents.planId} = ${plan.id} and ${auditEvents.action} like 'strategic_agreement.%'`,
      );
    expect(audit!.n).toBeGreaterThanOrEqual(18);
  });

  it("the database refuses to change an approved version's snapshot or decision, or to delete it", async () => {
    const [approved] = await t.db
      .select({ id: strategicAgreementVersions.id })
      .from(strategicAgreementVersions)
      .where(eq(strategicAgreementVersions.status, "approved"))
      .limit(1);
    await expect(
      t.db
        .update(strategicAgreementVersions)
        .set({ snapshot: { changed: true } })
        .where(eq(strategicAgreementVersions.id, approved!.id)),
    ).rejects.toThrow();
    await expect(
      t.db
        .update(strategicAgreementVersions)
        .set({ fundReference: "ændret" })
        .where(eq(strategicAgreementVersions.id, approved!.id)),
    ).rejects.toThrow();
    await expect(
      t.db
        .delete(strategicAgreementVersions)
        .where(eq(strategicAgreementVersions.id, approved!.id)),
    ).rejects.toThrow();
  });

  it("sums the budget per focus area and funder from the delaftaler, with the LBF share", async () => {
    const p = await createPlan(t.db, {
      periodStart: "2027-01-01",
      periodEnd: "2028-12-31",
      members: { secretariat: true },
    });
    const s = p.members.secretariat![0]!;
    const a1 = await createAgreement(t.db, p, { focusArea: "Beskæftigelse" });
    const a2 = await createAgreement(t.db, p, { focusArea: "Uddannelse og livschancer" });
    const source = async (
      agreementId: number,
      kind: "lbf" | "municipality",
      name: string | null,
      amounts: [number, number],
    ) => {
      const [row] = await t.db
        .insert(fundingSources)
        .values({ agreementId, kind, name, position: 0 })
        .returning({ id: fundingSources.id });
      await t.db.insert(budgetAmounts).values([
        { fundingSourceId: row!.id, year: 2027, amount: amounts[0] },
        { fundingSourceId: row!.id, year: 2028, amount: amounts[1] },
      ]);
    };
    await source(a1.id, "lbf", null, [300_000, 300_000]);
    await source(a1.id, "municipality", "Testby Kommune", [100_000, 100_000]);
    await source(a2.id, "lbf", null, [500_000, 400_000]);
    await source(a2.id, "municipality", "Testby Kommune", [150_000, 150_000]);
    await saveStrategicContent(t.db, s, p.id, 0, form());
    const view = (await getStrategicAgreementForPackage(t.db, s, p.id))!;
    expect(view.budget.funders.map((f) => f.label)).toEqual(["Landsbyggefonden", "Testby Kommune"]);
    // In the round's focus-area order: Uddannelse og livschancer (1) before Beskæftigelse (2).
    expect(view.budget.rows.map((r) => [r.focusArea, r.amounts, r.total])).toEqual([
      ["Uddannelse og livschancer", [900_000, 300_000], 1_200_000],
      ["Beskæftigelse", [600_000, 200_000], 800_000],
    ]);
    expect(view.budget.totals).toEqual({
      amounts: [1_500_000, 500_000],
      lbf: 1_500_000,
      local: 500_000,
      total: 2_000_000,
    });
    expect(view.budget.lbfShare).toBe(0.75);
    expect(view.budget.lbfShareTooHigh).toBe(false);
  });

  it("answers another plan's user with 404, and refuses the wrong roles with 403", async () => {
    const other = t.user("otherPlan");
    await expect(getStrategicPage(t.db, other, plan.id)).rejects.toMatchObject({
      domainErrorKind: "not-found",
    });
    await expect(getStrategicContent(t.db, other, plan.id)).rejects.toMatchObject({
      domainErrorKind: "not-found",
    });
    await expect(saveStrategicContent(t.db, board, plan.id, 99, form())).rejects.toMatchObject({
      domainErrorKind: "forbidden",
    });
    await expect(
      submitStrategicAgreement(t.db, board, plan.id, { summary: "x" }),
    ).rejects.toMatchObject({ domainErrorKind: "forbidden" });
    await expect(
      decideStrategicVersion(t.db, secretariat, plan.id, 1, {
        decision: "approve",
        meetingDate: "2027-01-01",
        note: null,
      }),
    ).rejects.toMatchObject({ domainErrorKind: "forbidden" });
    await expect(
      recordStrategicFundDecision(t.db, board, plan.id, 1, {
        fundDecision: "approve",
        fundDate: "2027-01-01",
        fundReference: "x",
        fundNote: null,
      }),
    ).rejects.toMatchObject({ domainErrorKind: "forbidden" });
    await expect(
      decideStrategicVersion(t.db, viewer, plan.id, 1, {
        decision: "approve",
        meetingDate: "2027-01-01",
        note: null,
      }),
    ).rejects.toMatchObject({ domainErrorKind: "forbidden" });
  });

  it("edits through the form without JavaScript: list buttons, errors beside fields, conflicts", async () => {
    const p = await createPlan(t.db, { members: { secretariat: true, board: true } });
    const s = p.members.secretariat![0]!;
    const b = p.members.board![0]!;
    const params = { planId: String(p.id) };
    const url = `/plans/${p.id}/strategy/edit`;
    const base = {
      version: "0",
      "board.name": "Bestyrelsen",
      "followGroup.name": "Følgegruppen",
      "secretariat.name": "Sekretariatet",
      vision: "En levende bydel",
      "objectives.0.key": "",
      "objectives.0.text": "Flere i job",
    };
    // «Tilføj målsætning» without JavaScript: the form comes back with a new row, nothing saved.
    const listed = await callRoute(strategyEdit.action, url, {
      userId: s.id,
      params,
      form: { ...base, _list: "objectives:add" },
    });
    expect(listed.status).toBe(200);
    const listedData = listed.data as { notice: string; values: { objectives: unknown[] } };
    expect(listedData.notice).toMatch(/ikke gemt/);
    expect(listedData.values.objectives).toHaveLength(2);
    expect(await getStrategicContent(t.db, s, p.id)).toBeNull();

    // A missing objective text: 400, the message beside the field, the input kept.
    const invalid = await callRoute(strategyEdit.action, url, {
      userId: s.id,
      params,
      form: { ...base, "objectives.1.key": "", "objectives.1.text": "" },
    });
    expect(invalid.status).toBe(400);
    const invalidData = invalid.data as {
      errors: Record<string, string>;
      values: { vision: string };
    };
    expect(invalidData.errors["objectives.1.text"]).toBe("Skriv den overordnede målsætning");
    expect(invalidData.values.vision).toBe("En levende bydel");

    const saved = await callRoute(strategyEdit.action, url, { userId: s.id, params, form: base });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/plans/${p.id}/strategy`);
    // The same form again (version 0) is a conflict: 409, the input kept.
    const stale = await callRoute(strategyEdit.action, url, {
      userId: s.id,
      params,
      form: { ...base, vision: "Min ændring" },
    });
    expect(stale.status).toBe(409);
    expect((stale.data as { values: { vision: string } }).values.vision).toBe("Min ændring");
    // The board may read but not edit.
    expect((await callRoute(strategyEdit.loader, url, { userId: b.id, params })).status).toBe(403);
    expect(
      (await callRoute(strategyEdit.action, url, { userId: b.id, params, form: base })).status,
    ).toBe(403);

    // Submitting without a summary: 400 beside the field; with one: version 1, awaiting the board.
    const pageUrl = `/plans/${p.id}/strategy`;
    const noSummary = await callRoute(strategyPage.action, pageUrl, {
      userId: s.id,
      params,
      form: { intent: "submit", summary: "" },
    });
    expect(noSummary.status).toBe(400);
    expect((noSummary.data as { errors: Record<string, string> }).errors.summary).toBe(
      "Skriv kort, hvad der er ændret",
    );
    // Not before the agreement names its parties.
    const noParties = await callRoute(strategyPage.action, pageUrl, {
      userId: s.id,
      params,
      form: { intent: "submit", summary: "Første udgave" },
    });
    expect(noParties.status).toBe(400);
    expect((noParties.data as { errors: Record<string, string> }).errors.summary).toBe(
      "Aftalen kan ikke indstilles endnu. Udfyld aftalens parter.",
    );
    const withParty = { ...base, version: "1", "parties.0.name": "Testby Kommune" };
    expect(
      (await callRoute(strategyEdit.action, url, { userId: s.id, params, form: withParty })).status,
    ).toBe(302);
    const submitted = await callRoute(strategyPage.action, pageUrl, {
      userId: s.id,
      params,
      form: { intent: "submit", summary: "Første udgave" },
    });
    expect(submitted.status).toBe(302);
    // The secretariat cannot decide; the board rejects without a note: 400; approves: 302.
    const vParams = { ...params, number: "1" };
    const vUrl = `${pageUrl}/versions/1`;
    const decision = { decision: "approve", meetingDate: "2027-02-01", note: "" };
    expect(
      (await callRoute(versionPage.action, vUrl, { userId: s.id, params: vParams, form: decision }))
        .status,
    ).toBe(403);
    const noNote = await callRoute(versionPage.action, vUrl, {
      userId: b.id,
      params: vParams,
      form: { ...decision, decision: "reject" },
    });
    expect(noNote.status).toBe(400);
    expect((noNote.data as { errors: Record<string, string> }).errors.note).toMatch(/afvises/);
    expect(
      (await callRoute(versionPage.action, vUrl, { userId: b.id, params: vParams, form: decision }))
        .status,
    ).toBe(302);
    const page = await callRoute(strategyPage.loader, pageUrl, { userId: b.id, params });
    expect((page.data as { page: { state: string } }).page.state).toBe("awaiting_fund");
    // The fund's approval needs its reference.
    const noRef = await callRoute(strategyPage.action, pageUrl, {
      userId: s.id,
      params,
      form: {
        intent: "fund-decision",
        number: "1",
        fundDecision: "approve",
        fundDate: "2027-03-01",
      },
    });
    expect(noRef.status).toBe(400);
    expect((noRef.data as { errors: Record<string, string> }).errors.fundReference).toBe(
      "Angiv fondens journalnummer eller reference",
    );
  });

  it("downloads the strategic agreement in effect as Word", async () => {
    const res = await strategyDocx.loader({
      request: await buildRequest(`/plans/${t.demo.planId}/strategy/document.docx`, {
        userId: t.demo.userIds.viewer,
      }),
      params: { planId: String(t.demo.planId) },
      context: {},
    });
    expect(res.status).toBe(200);
    const doc = readDocxBuffer(new Uint8Array(await res.clone().arrayBuffer()));
    expect(doc.headings[0]).toEqual([
      1,
      "Strategisk samarbejdsaftale for Helhedsplan Strandengen og Solsikkeparken",
    ]);
    expect(doc.text).toContain(
      "Godkendt af Landsbyggefonden 12. december 2022 (j.nr. LBF 2022-4417).",
    );
    expect(doc.headerText).toContain("Version 1, godkendt 12. december 2022");
    expect(
      decodeURIComponent(res.headers.get("Content-Disposition")!.split("filename*=UTF-8''")[1]!),
    ).toBe("Strategisk samarbejdsaftale - Helhedsplan Strandengen og Solsikkeparken.docx");
    const other = await callRoute(strategyDocx.loader, "/x", {
      userId: t.demo.userIds.otherPlan,
      params: { planId: String(t.demo.planId) },
    });
    expect(other.status).toBe(404);
  });

  it("reads the page in the same number of queries whatever the number of delaftaler", async () => {
    const p = await createPlan(t.db, {
      periodStart: "2027-01-01",
      periodEnd: "2028-12-31",
      members: { secretariat: true },
    });
    const s = p.members.secretariat![0]!;
    await saveStrategicContent(t.db, s, p.id, 0, form());
    await createAgreement(t.db, p, { focusArea: "Beskæftigelse" });
    const { db, queries } = createCountingDb(t);
    await getStrategicPage(db, s, p.id);
    const forOne = queries.length;
    await createAgreement(t.db, p, { focusArea: "Uddannelse og livschancer", activities: 3 });
    await createAgreement(t.db, p, { focusArea: "Kriminalitetsforebyggelse", activities: 2 });
    queries.length = 0;
    const page = await getStrategicPage(db, s, p.id);
    expect(page.draft.focusAreas.filter((f) => f.hasAgreement)).toHaveLength(3);
    expect(queries).toHaveLength(forOne);
  });
});
