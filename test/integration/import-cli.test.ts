/**
 * `npm run import` (scripts/import.ts) on an open database, on both drivers: the summary it prints,
 * a file with unplaced paragraphs left at its review screen, a file the importer places in full
 * saved as a draft agreement, and a file it cannot read or import refused with exit code 1 and no
 * rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { agreementImports, agreements } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { createPlan, createUser, type CreatedPlan } from "../helpers/factories";
import { headingsStyle } from "../fixtures/import";
import { agreementRecord } from "../fixtures/agreement-record";
import { HOSTILE_FILES } from "../helpers/hostile-docx";
import { runImport } from "../../scripts/import";
import { buildAgreementView } from "~/domain/agreement-view";
import { buildAgreementDocument } from "../../templates/agreement";
import { renderDocx } from "../../templates/render";

describe.each(drivers)("npm run import on %s", (driver) => {
  let t: TestDb;
  let plan: CreatedPlan;
  let oldPlan: CreatedPlan;
  let dir: string;
  const file = (name: string, bytes: Uint8Array) => {
    const target = path.join(dir, name);
    writeFileSync(target, bytes);
    return target;
  };
  beforeAll(async () => {
    t = await createTestDb(driver);
    dir = mkdtempSync(path.join(tmpdir(), "import-cli-"));
    await createUser(t.db, { isAdmin: true });
    plan = await createPlan(t.db, {
      periodStart: "2023-01-01",
      periodEnd: "2026-12-31",
      members: { secretariat: true },
    });
    oldPlan = await createPlan(t.db, {
      roundCode: headingsStyle.fundingRound,
      periodStart: headingsStyle.plan.periodStart,
      periodEnd: headingsStyle.plan.periodEnd,
      members: { secretariat: true },
    });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importsOf = async (planId: number) =>
    (
      await t.db
        .select({ n: count() })
        .from(agreementImports)
        .where(eq(agreementImports.planId, planId))
    )[0]!.n;
  const agreementsOf = async (planId: number) =>
    (await t.db.select({ n: count() }).from(agreements).where(eq(agreements.planId, planId)))[0]!.n;

  it("says how it is used", async () => {
    const result = await runImport(["--file", "x.docx"], t.db);
    expect(result.exitCode).toBe(1);
    expect(result.lines.join("\n")).toMatch(
      /Angiv planens id med --plan[\s\S]*Brug: npm run import/,
    );
  });

  it("leaves a file with unplaced paragraphs at its review screen, listing them", async () => {
    const bytes = new Uint8Array(await headingsStyle.build());
    const result = await runImport(
      [
        "--plan",
        String(oldPlan.id),
        "--file",
        file("gammel.docx", bytes),
        "--focus-area",
        headingsStyle.plan.focusAreaName,
      ],
      t.db,
    );
    const out = result.lines.join("\n");
    expect(result.exitCode, out).toBe(0);
    expect(out).toContain(`Indsatsområde: ${headingsStyle.plan.focusAreaName}`);
    expect(out).toMatch(/Afsnit genkendt \(\d+\): Titel og indsatsområde, /);
    expect(out).toContain(`${headingsStyle.expected.activities.length} aktiviteter`);
    expect(out).toContain(`Ikke placeret: ${headingsStyle.expectedUnplaced.length} afsnit`);
    for (const text of headingsStyle.expectedUnplaced) expect(out).toContain(text);
    expect(out).toMatch(new RegExp(`Venter på gennemsyn: /plans/${oldPlan.id}/imports/\\d+`));
    expect(await importsOf(oldPlan.id)).toBe(1);
    expect(await agreementsOf(oldPlan.id)).toBe(0);
  });

  it("saves a file whose every paragraph it placed as a draft agreement", async () => {
    const exported = await renderDocx(
      buildAgreementDocument(buildAgreementView(agreementRecord())),
    );
    const result = await runImport(
      [
        "--plan",
        String(plan.id),
        "--file",
        file("eksport.docx", new Uint8Array(exported)),
        "--focus-area",
        "Beskæftigelse",
      ],
      t.db,
    );
    const out = result.lines.join("\n");
    expect(result.exitCode, out).toBe(0);
    expect(out).toContain("Ikke placeret: 0 afsnit");
    expect(out).toMatch(/Ord placeret: 100,0 % af \d+/);
    const [saved] = await t.db.select().from(agreements).where(eq(agreements.planId, plan.id));
    expect(saved).toBeDefined();
    expect(out).toContain(
      `Gemt som udkast til delaftale ${saved!.id}: /plans/${plan.id}/agreements/${saved!.id}`,
    );
  });

  it("refuses a file it cannot read or import with exit code 1, creating nothing", async () => {
    const before = await importsOf(plan.id);
    const hostile = HOSTILE_FILES[0]!();
    const result = await runImport(
      [
        "--plan",
        String(plan.id),
        "--file",
        file(hostile.name, hostile.bytes),
        "--file",
        path.join(dir, "findes-ikke.docx"),
      ],
      t.db,
    );
    const out = result.lines.join("\n");
    expect(result.exitCode).toBe(1);
    expect(out).toContain(hostile.name);
    expect(out).toMatch(/findes-ikke\.docx: kunne ikke læses/);
    expect(out).toContain("2 af 2 filer blev ikke importeret.");
    expect(await importsOf(plan.id)).toBe(before);
  });

  it("acts as the user given, and refuses an unknown one", async () => {
    const result = await runImport(
      ["--plan", String(plan.id), "--file", "x.docx", "--user", "ingen@example.dk"],
      t.db,
    );
    expect(result.exitCode).toBe(1);
    expect(result.lines.join("\n")).toContain(
      "Der er ingen aktiv bruger med e-mailen ingen@example.dk.",
    );
  });
});
