import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { agreementChecklist } from "~/domain/agreement-view";
import { getAgreementView, getRegisterOptions } from "~/models/agreements/read.server";
import { getMeasurementGrid } from "~/models/measurements.server";
import { getProgressReport } from "~/models/progress-reports.server";
import { DEMO_REPORT_YEAR, seedDemoReporting } from "../../db/demo-reporting";

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
