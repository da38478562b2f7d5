import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { agreementChecklist } from "~/domain/agreement-view";
import {
  getAgreementView,
  getPlanAgreements,
  getRegisterOptions,
} from "~/models/agreements/read.server";
import { getMeasurementGrid } from "~/models/measurements.server";
import { getProgressReport, listProgressReports } from "~/models/progress-reports.server";
import { getRevisionState } from "~/models/revisions.server";
import { getSpending } from "~/models/spending.server";
import { agreementVersions } from "../../db/schema";
import { DEMO_REPORT_YEAR, seedDemoReporting } from "../../db/demo-reporting";
import { DEMO_PENDING_FOCUS_AREA } from "../../db/demo-agreements-more";
import { seedDemoHistory } from "../../db/demo-history";

/**
 * Names of real places, people and organisations from the example agreement the demo is modelled
 * on. None of them may appear in the demo data. Stored base64-encoded so that a search of the
 * repository for the names finds nothing.
 */
const FORBIDDEN_NAMES = [
  "QnLDuG5kYnk=",
  "VHJhbmVtb3NlZ2FhcmQ=",
  "UmhldW1wYXJr",
  "RGFydXBsdW5k",
  "U3ZhcnJl",
  "QmFya2hvbHQ=",
  "QUxCT0E=",
  "SMOlbmR2w6Zya2VycGFya2Vu",
].map((encoded) => Buffer.from(encoded, "base64").toString("utf8"));

const SEED_SOURCES = [
  "../../db/seed.ts",
  "../../db/demo-agreement.ts",
  "../../db/demo-self-evaluation.ts",
  "../../db/demo-disposition-fund.ts",
  "../../db/demo-strategic-agreement.ts",
  "../../db/demo-reporting.ts",
  "../../db/demo-attachments.ts",
  "../../db/demo-milestones.ts",
  "../../db/demo-agreements-more.ts",
  "../../db/demo-history.ts",
].map((file) => readFileSync(new URL(file, import.meta.url), "utf8"));

function forbiddenNamesIn(text: string): string[] {
  const lower = text.toLocaleLowerCase("da");
  return FORBIDDEN_NAMES.filter((name) => lower.includes(name.toLocaleLowerCase("da")));
}

describe.each(drivers)("the demo agreement on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  const load = async () =>
    (await getAgreementView(t.db, t.user("viewer"), t.demo.planId, t.demo.agreementId)).view;

  it("is a complete delaftale for Sammenhængskraft og medborgerskab", async () => {
    const view = await load();
    expect(view.focusArea).toBe("Sammenhængskraft og medborgerskab");
    expect([view.validFrom, view.validTo]).toEqual(["2023-01-01", "2026-12-31"]);

    const { primary, secondary } = view.parties;
    const partyCount = [...primary, ...secondary].reduce((n, g) => n + g.parties.length, 0);
    expect(partyCount).toBeGreaterThanOrEqual(15);
    expect(primary.length).toBeGreaterThan(0);
    expect(secondary.length).toBeGreaterThan(0);
    const headings = [...primary, ...secondary].map((g) => g.heading).filter(Boolean);
    expect(headings.length).toBeGreaterThanOrEqual(2);
    expect(primary.flatMap((g) => g.parties).filter((p) => p.contact).length).toBeGreaterThan(0);
    // A party given only as a label, without an organisation in the register.
    expect(secondary.flatMap((g) => g.parties).some((p) => p.name.startsWith("2 foreninger"))).toBe(
      true,
    );

    expect(view.workingGroups).toHaveLength(1);
    expect(view.workingGroups[0]!.name).toBe("Arbejdsgruppe (alle aktiviteter)");
    expect(view.workingGroups[0]!.members).toHaveLength(7);

    const blocks = view.problemStatement?.blocks ?? [];
    expect(blocks.filter((b) => b.type === "heading")).toHaveLength(2);
    expect(blocks.some((b) => b.type === "list")).toBe(true);
    expect(blocks.filter((b) => b.type === "paragraph").length).toBeGreaterThanOrEqual(4);
    expect(view.purposes).toHaveLength(1);
    expect(view.goals).toHaveLength(3);
    expect(view.method).not.toBeNull();

    expect(view.criteria).toHaveLength(3);
    expect(view.criteria.every((c) => c.dataSource.length > 0)).toBe(true);
    expect(view.criteria.some((c) => c.baseline && c.target)).toBe(true);

    expect(view.activities).toHaveLength(4);
    for (const activity of view.activities) {
      expect(activity.criteria.length, activity.name).toBeGreaterThanOrEqual(2);
      expect(activity.criteria.length, activity.name).toBeLessThanOrEqual(4);
      expect(activity.responsibilities, activity.name).toHaveLength(3);
      for (const r of activity.responsibilities) {
        expect(r.duties.length, `${activity.name}: ${r.party}`).toBeGreaterThanOrEqual(3);
        expect(r.duties.length, `${activity.name}: ${r.party}`).toBeLessThanOrEqual(5);
      }
      expect(activity.purposes.length).toBeGreaterThanOrEqual(2);
      expect(activity.purposes.length).toBeLessThanOrEqual(4);
      expect(activity.targetGroups.length).toBeGreaterThanOrEqual(2);
      expect(activity.targetGroups.length).toBeLessThanOrEqual(4);
    }
    expect(view.activities.some((a) => a.reference?.startsWith("jf. "))).toBe(true);

    expect(view.municipalInterplay?.blocks.some((b) => b.type === "list")).toBe(true);
    expect(view.anchoring?.blocks.some((b) => b.type === "list")).toBe(true);

    expect(view.budget.years).toEqual([2023, 2024, 2025, 2026]);
    expect(view.budget.total.byYear.every((amount) => amount > 0)).toBe(true);
    expect(view.budget.total.total).toBeGreaterThan(0);
    expect(view.budget.lbfShare).toBeGreaterThanOrEqual(0.6);
    expect(view.budget.lbfShare).toBeLessThanOrEqual(0.75);
    expect(view.budget.local.map((l) => l.label)).toEqual([
      "Havbakke Kommune",
      "Fællesbo Havbakke",
    ]);
    const amounts = [...view.budget.lbf, ...view.budget.local].flatMap((l) => l.byYear);
    expect(amounts.every((amount) => Number.isInteger(amount))).toBe(true);

    expect(view.staff).toHaveLength(3);
    // The standard clauses are left as createAgreement prefilled them.
    expect(view.conflictHandling).not.toBeNull();
    expect(view.revisionClause).not.toBeNull();

    const checklist = agreementChecklist(view);
    expect(checklist.filter((item) => !item.ok)).toEqual([]);
  });

  it("uses no names from the real example agreement", async () => {
    const view = await load();
    expect(forbiddenNamesIn(JSON.stringify(view))).toEqual([]);
    const register = await getRegisterOptions(t.db);
    expect(forbiddenNamesIn(JSON.stringify(register))).toEqual([]);
    for (const source of SEED_SOURCES) expect(forbiddenNamesIn(source)).toEqual([]);
  });

  it("adds a final progress report on 2023 for the app's demo", async () => {
    await seedDemoReporting(t.db, t.demo);
    const { view } = await getProgressReport(
      t.db,
      t.user("board"),
      t.demo.planId,
      DEMO_REPORT_YEAR,
    );
    expect(view.status).toBe("final");
    expect(view.finalised?.by).toBe("Sofie Brandt");
    expect(view.counts.none).toBe(4);
    expect(view.counts.met + view.counts.partly_met + view.counts.not_met).toBeGreaterThan(5);
    expect(view.spending.spent).toBeGreaterThan(0);
    expect(view.spending.spent).toBeLessThan(view.spending.budget);
    expect(view.agreements[0]!.activities.every((a) => a.note)).toBe(true);
    expect(forbiddenNamesIn(JSON.stringify(view))).toEqual([]);
    const grid = await getMeasurementGrid(
      t.db,
      t.user("reporter"),
      t.demo.planId,
      t.demo.agreementId,
      DEMO_REPORT_YEAR,
    );
    expect(grid.canEdit).toBe(false);
  });
});

describe.each(drivers)("the full demo of npm start on %s", (driver) => {
  let t: TestDb;
  let more: number[];
  beforeAll(async () => {
    t = await createTestDb(driver);
    more = await seedDemoHistory(t.db, t.demo);
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it("has a delaftale for each of the round's four focus areas, all complete", async () => {
    const viewer = t.user("viewer");
    const { agreements, budget } = await getPlanAgreements(t.db, viewer, t.demo.planId);
    expect(agreements.map((a) => a.focusArea).sort()).toEqual([
      "Beskæftigelse",
      "Kriminalitetsforebyggelse",
      "Sammenhængskraft og medborgerskab",
      "Uddannelse og livschancer",
    ]);
    expect(budget.lbfShareTooHigh).toBe(false);
    for (const id of more) {
      const { view } = await getAgreementView(t.db, viewer, t.demo.planId, id);
      expect(view.activities.length, view.focusArea).toBeGreaterThanOrEqual(3);
      expect(view.activities.length, view.focusArea).toBeLessThanOrEqual(5);
      const criteria = [...view.criteria, ...view.activities.flatMap((a) => a.criteria)];
      expect(criteria.length, view.focusArea).toBeGreaterThanOrEqual(4);
      expect(criteria.length, view.focusArea).toBeLessThanOrEqual(8);
      expect(criteria.some((c) => c.baseline && c.target)).toBe(true);
      expect(view.parties.primary.length + view.parties.secondary.length).toBeGreaterThan(0);
      expect(view.budget.lbf[0]!.total).toBeGreaterThan(0);
      expect(view.budget.local.length).toBeGreaterThan(0);
      expect(view.staff.length).toBeGreaterThan(0);
      expect(agreementChecklist(view).filter((item) => !item.ok)).toEqual([]);
      expect(forbiddenNamesIn(JSON.stringify(view))).toEqual([]);
    }
  });

  it("has versions 1 (2024) and 2 (2025) approved for the three new ones, and one revision awaiting the board", async () => {
    const board = t.user("board");
    const demoState = await getRevisionState(t.db, board, t.demo.planId, t.demo.agreementId);
    // The demo agreement of the tests' base stays a draft that was never submitted.
    expect(demoState.versions).toEqual([]);
    const pending: string[] = [];
    for (const id of more) {
      const state = await getRevisionState(t.db, board, t.demo.planId, id);
      const byNumber = new Map(state.versions.map((v) => [v.number, v]));
      const v1 = byNumber.get(1)!;
      const v2 = byNumber.get(2)!;
      expect(v1.status).toBe("superseded");
      expect(v1.meetingDate?.slice(0, 4)).toBe("2024");
      expect(v1.submittedAt.slice(0, 4)).toBe("2024");
      expect(v1.decidedAt?.slice(0, 4)).toBe("2024");
      expect(v2.status).toBe("approved");
      expect(v2.meetingDate?.slice(0, 4)).toBe("2025");
      expect(v2.decidedAt?.slice(0, 4)).toBe("2025");
      expect(state.current?.number).toBe(2);
      if (state.proposed) {
        expect(state.proposed.number).toBe(3);
        expect(state.proposed.submittedAt.slice(0, 4)).toBe("2026");
        const { view } = await getAgreementView(t.db, board, t.demo.planId, id);
        pending.push(view.focusArea);
      } else {
        expect(state.versions).toHaveLength(2);
      }
    }
    expect(pending).toEqual([DEMO_PENDING_FOCUS_AREA]);
  });

  it("dates the history without switching the versions' guard off", async () => {
    const triggers = await t.db.execute(
      sql`select tgenabled from pg_trigger where tgname = 'agreement_versions_immutable'`,
    );
    const result = triggers as unknown as
      { rows?: { tgenabled: string }[] } | { tgenabled: string }[];
    const rows = Array.isArray(result) ? result : (result.rows ?? []);
    expect(rows.map((r) => r.tgenabled)).toEqual(["O"]);
    const [approved] = await t.db
      .select({ id: agreementVersions.id })
      .from(agreementVersions)
      .where(eq(agreementVersions.status, "approved"))
      .limit(1);
    await expect(
      t.db
        .update(agreementVersions)
        .set({ decisionNote: "ændret bagefter" })
        .where(eq(agreementVersions.id, approved!.id)),
    ).rejects.toThrow();
    const [{ n }] = (await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(agreementVersions)
      .where(eq(agreementVersions.decisionNote, "ændret bagefter"))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("has figures for 2023–2025, final reports on 2023 and 2025 and a draft on 2026", async () => {
    const reporter = t.user("reporter");
    const list = await listProgressReports(t.db, reporter, t.demo.planId, "2026-12-05");
    expect(list.map((r) => [r.year, r.status])).toEqual([
      [2025, "final"],
      [2024, null],
      [2023, "final"],
    ]);
    const draft = await getProgressReport(t.db, reporter, t.demo.planId, 2026);
    expect(draft.view.status).toBe("draft");
    expect(draft.canEdit).toBe(true);
    expect(draft.version).toBeGreaterThan(0);

    for (const year of [2023, 2025]) {
      const { view } = await getProgressReport(t.db, reporter, t.demo.planId, year);
      expect(view.status).toBe("final");
      expect(view.agreements).toHaveLength(4);
      for (const a of view.agreements) {
        expect(a.counts.met + a.counts.partly_met + a.counts.not_met, a.focusArea).toBeGreaterThan(
          0,
        );
        expect(a.spending.total.spent, a.focusArea).toBeGreaterThan(0);
        expect(
          a.activities.some((activity) => activity.note),
          a.focusArea,
        ).toBe(true);
      }
      expect(forbiddenNamesIn(JSON.stringify(view))).toEqual([]);
    }
    for (const id of [t.demo.agreementId, ...more]) {
      for (const year of [2024, 2025]) {
        const grid = await getMeasurementGrid(t.db, reporter, t.demo.planId, id, year);
        const missing = grid.rows.filter((row) => !row.measurement).map((r) => r.activity?.name);
        // Activities added by a later revision have nothing to measure before: the summer school
        // (version 2, December 2025) and the job buddies (version 3, proposed in 2026).
        const later = ["Jobmakkere", ...(year === 2024 ? ["Sommerskole i Strandengen"] : [])];
        expect(
          missing.filter((name) => !later.includes(name ?? "")),
          `${id} ${year}`,
        ).toEqual([]);
        expect(grid.rows.length - missing.length).toBeGreaterThan(3);
        const spending = await getSpending(t.db, reporter, t.demo.planId, id, year);
        expect(spending.spent.length, `${id} ${year}`).toBeGreaterThan(0);
      }
      // The year under way has no figures yet.
      const now = await getMeasurementGrid(t.db, reporter, t.demo.planId, id, 2026);
      expect(now.rows.some((row) => row.measurement)).toBe(false);
    }
  });
});
