/**
 * Migration 0013 (agreement fidelity) on a database that holds data the way the schema before it
 * stored it: the database is migrated up to 0012 only, filled with plain SQL, then migrated with
 * the full folder. Nothing written before may be lost: the opening clause becomes the text it
 * showed, goals become rows in order, staff lines the text they printed (without "×"), amounts
 * stay, and approved snapshots stay exactly as they were and still render through
 * readAgreementSnapshot.
 *
 * test/fixtures/agreement-snapshot-before-0013.json is the document view the code before 0013
 * built for test/fixtures/agreement-record.ts of that time (commit 9512076), as an approved
 * version stored it.
 */
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type OpenDb } from "../../db/client";
import { readAgreementSnapshot } from "~/domain/agreement-snapshot";
import { buildAgreementView } from "~/domain/agreement-view";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { buildAgreementDocument } from "../../templates/agreement";
import { renderDocx } from "../../templates/render";
import { drivers, type Driver } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";

const MIGRATIONS = path.resolve("db/migrations");
const OLD_SNAPSHOT: unknown = JSON.parse(
  readFileSync(path.resolve("test/fixtures/agreement-snapshot-before-0013.json"), "utf8"),
);

/** The texts the old enum printed (app/domain/texts.da.ts before 0013, and the 0013 SQL). */
const OLD_OPENING = {
  continuous_update:
    "Bestyrelsen for den boligsociale indsats sørger for, at denne delaftale løbende ajourføres.",
  strategic_goals:
    "Delaftalen skal understøtte målene i den strategiske samarbejdsaftale for boligområdet. Bestyrelsen for den boligsociale indsats sørger for, at delaftalen holdes ajour.",
};

/** A copy of db/migrations without 0013: the folder as it was before this migration. */
function migrationsUpTo0012(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-0012-"));
  mkdirSync(path.join(dir, "meta"));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx <= 12);
  expect(journal.entries.at(-1)?.tag).toBe("0012_spending");
  for (const file of readdirSync(MIGRATIONS)) {
    if (file.endsWith(".sql") && journal.entries.some((e) => `${e.tag}.sql` === file)) {
      copyFileSync(path.join(MIGRATIONS, file), path.join(dir, file));
    }
  }
  writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal, null, 2));
  return dir;
}

async function migrateWith(handle: OpenDb, migrationsFolder: string): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}

type Row = Record<string, unknown>;

describe.each(drivers)("migration 0013 on data stored before it (%s)", (driver: Driver) => {
  let handle: OpenDb;
  let oldFolder: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  const ids = { olderPlan: 0, newerPlan: 0, older: 0, newer: 0, version: 0 };
  let versionBefore: Row;

  async function rows(query: SQL): Promise<Row[]> {
    const result = (await handle.db.execute(query)) as unknown;
    return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
  }
  async function one(query: SQL): Promise<Row> {
    const [row] = await rows(query);
    if (!row) throw new Error("no row");
    return row;
  }
  const idOf = async (query: SQL) => Number((await one(query)).id);
  const versionRow = () =>
    one(sql`select agreement_id, number, status, snapshot, summary, decided_at::text as decided_at,
              meeting_date::text as meeting_date, decision_note
              from agreement_versions where id = ${ids.version}`);

  beforeAll(async () => {
    oldFolder = migrationsUpTo0012();
    if (driver === "pglite") {
      handle = await openDb({ driver: "pglite" });
    } else {
      const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL!;
      const name = `m13_${randomBytes(6).toString("hex")}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      handle = await openDb({ driver: "postgres", url: u.toString(), max: 2 });
      dropDatabase = async () => {
        const again = postgres(url, { max: 1, onnotice: () => {} });
        await again.unsafe(`drop database if exists ${name} with (force)`);
        await again.end();
      };
    }
    await migrateWith(handle, oldFolder);

    // --- data as the schema up to 0012 stored it --------------------------------------------
    // The funding rounds and their focus areas come with the migrations (0001).
    const area = (round: string, name: string) =>
      idOf(sql`select f.id from focus_areas f join funding_rounds r on r.id = f.funding_round_id
               where r.code = ${round} and f.name = ${name}`);
    const roundId = (code: string) => idOf(sql`select id from funding_rounds where code = ${code}`);
    const olderRound = await roundId("2015-18");
    const newerRound = await roundId("2019-26");
    const olderArea = await area("2015-18", "Uddannelse og beskæftigelse");
    const newerArea = await area("2019-26", "Sammenhængskraft og medborgerskab");
    ids.olderPlan = await idOf(
      sql`insert into plans (name, funding_round_id, period_start, period_end, status)
          values ('Helhedsplan Engparken 2015-18', ${olderRound}, '2015-01-01', '2018-12-31', 'closed')
          returning id`,
    );
    ids.newerPlan = await idOf(
      sql`insert into plans (name, funding_round_id, period_start, period_end, status)
          values ('Helhedsplan Kildeparken', ${newerRound}, '2023-01-01', '2026-12-31', 'active')
          returning id`,
    );
    ids.older = await idOf(
      sql`insert into agreements (plan_id, focus_area_id, opening_clause, valid_from, valid_to, purposes, goals)
          values (${ids.olderPlan}, ${olderArea}, 'continuous_update', '2015-01-01', '2018-12-31',
                  '["at flere unge kommer i job"]'::jsonb,
                  '["at 30 unge får et fritidsjob", "", "at færre unge forlader skolen uden prøve"]'::jsonb)
          returning id`,
    );
    ids.newer = await idOf(
      sql`insert into agreements (plan_id, focus_area_id, opening_clause, valid_from, valid_to, goals)
          values (${ids.newerPlan}, ${newerArea}, 'strategic_goals', '2023-01-01', '2026-12-31',
                  '["a", "b"]'::jsonb)
          returning id`,
    );
    await rows(
      sql`insert into staff_resources (agreement_id, role, count, hours_per_week, fte, note, position) values
          (${ids.older}, 'Boligsocial medarbejder', 2, 11.5, 0.5, ' i skoleåret ', 0),
          (${ids.older}, 'Projektleder', null, 37, null, null, 1),
          (${ids.older}, 'Frivilligkoordinator', 10, 20, 1, '', 2)`,
    );
    const lbf = await idOf(
      sql`insert into funding_sources (agreement_id, kind, position)
          values (${ids.older}, 'lbf', 0) returning id`,
    );
    const other = await idOf(
      sql`insert into funding_sources (agreement_id, kind, name, position)
          values (${ids.older}, 'other', 'Engby Fonden', 1) returning id`,
    );
    await rows(
      sql`insert into budget_amounts (funding_source_id, year, amount) values
          (${lbf}, 2015, 750000), (${lbf}, 2016, 750000), (${lbf}, 2017, 800000), (${lbf}, 2018, 800000),
          (${other}, 2015, 100000), (${other}, 2016, 125000)`,
    );
    await rows(
      sql`insert into success_criteria (agreement_id, text, data_source, baseline_value, baseline_unit,
            baseline_year, target_value, target_unit, target_year, position)
          values (${ids.older}, '30 unge har et fritidsjob.', 'Jobcaféens optælling', 12, 'unge', 2014,
                  30, 'unge', 2018, 0)`,
    );
    // An approved version with the snapshot the document view of its day wrote.
    ids.version = await idOf(
      sql`insert into agreement_versions (agreement_id, number, status, snapshot, summary)
          values (${ids.newer}, 1, 'proposed', ${JSON.stringify(OLD_SNAPSHOT)}::jsonb,
                  'Første version') returning id`,
    );
    await rows(
      sql`update agreement_versions set status = 'approved', decided_at = '2023-03-01T10:00:00Z',
            meeting_date = '2023-02-28', decision_note = 'Godkendt på bestyrelsesmødet'
          where id = ${ids.version}`,
    );
    versionBefore = await versionRow();

    // --- and now the full folder --------------------------------------------------------------
    await migrateWith(handle, MIGRATIONS);
  });

  afterAll(async () => {
    await handle?.close();
    await dropDatabase?.();
    if (oldFolder) rmSync(oldFolder, { recursive: true, force: true });
  });

  it("applied 0013 on top of 0012", async () => {
    const columns = await rows(
      sql`select column_name from information_schema.columns where table_name = 'agreements'`,
    );
    const names = columns.map((c) => c.column_name);
    expect(names).toContain("opening_text");
    expect(names).not.toContain("opening_clause");
    expect(names).not.toContain("goals");
  });

  it("keeps the opening clause as the text the old choice printed", async () => {
    const byId = new Map(
      (await rows(sql`select id, opening_text from agreements`)).map((r) => [
        Number(r.id),
        r.opening_text,
      ]),
    );
    expect(byId.get(ids.older)).toBe(OLD_OPENING.continuous_update);
    expect(byId.get(ids.newer)).toBe(OLD_OPENING.strategic_goals);
    // The old wording is kept as it was, not replaced by today's defaults.
    expect(byId.get(ids.older)).not.toBe(OPENING_CLAUSE_DEFAULTS.older);
  });

  it("gives the plan whose agreements used the older clause the older template edition", async () => {
    const editions = new Map(
      (await rows(sql`select id, template_edition from plans`)).map((r) => [
        Number(r.id),
        r.template_edition,
      ]),
    );
    expect(editions.get(ids.olderPlan)).toBe("older");
    expect(editions.get(ids.newerPlan)).toBe("2018");
  });

  it("turns goals into rows in their order, without blank ones", async () => {
    const goals = await rows(
      sql`select agreement_id, parent_id, text from goals order by agreement_id, position`,
    );
    expect(goals.map((g) => [Number(g.agreement_id), g.parent_id, g.text])).toEqual([
      [ids.older, null, "at 30 unge får et fritidsjob"],
      [ids.older, null, "at færre unge forlader skolen uden prøve"],
      [ids.newer, null, "a"],
      [ids.newer, null, "b"],
    ]);
  });

  it("writes each staff line as it printed, with Danish decimals and without ×", async () => {
    const staff = await rows(
      sql`select description from staff_resources where agreement_id = ${ids.older} order by position`,
    );
    expect(staff.map((s) => s.description)).toEqual([
      "2 Boligsocial medarbejder, 11,5 timer/uge, 0,5 årsværk, i skoleåret",
      "Projektleder, 37 timer/uge",
      "10 Frivilligkoordinator, 20 timer/uge, 1 årsværk",
    ]);
  });

  it("shows the migrated agreement with its goals, criteria, staff and every amount", async () => {
    const record = await loadAgreementRecord(handle.db, ids.older);
    expect(record).toBeDefined();
    const view = buildAgreementView(record!);
    expect(view.openingClause).toBe(OLD_OPENING.continuous_update);
    expect(view.goals.map((g) => [g.text, g.subGoals])).toEqual([
      ["at 30 unge får et fritidsjob", []],
      ["at færre unge forlader skolen uden prøve", []],
    ]);
    expect(view.criteria.map((c) => [c.baseline?.text, c.target?.text])).toEqual([
      ["12 unge (2014)", "30 unge (2018)"],
    ]);
    expect(view.budget.years).toEqual([2015, 2016, 2017, 2018]);
    expect(view.budget.lbf.map((l) => [l.label, l.byYear, l.total])).toEqual([
      ["Landsbyggefonden", [750_000, 750_000, 800_000, 800_000], 3_100_000],
    ]);
    expect(view.budget.local.map((l) => [l.label, l.byYear, l.total])).toEqual([
      ["Engby Fonden", [100_000, 125_000, 0, 0], 225_000],
    ]);
    expect(view.budget.total.total).toBe(3_325_000);
    expect(view.staff.map((s) => s.text)).toEqual([
      "2 Boligsocial medarbejder, 11,5 timer/uge, 0,5 årsværk, i skoleåret",
      "Projektleder, 37 timer/uge",
      "10 Frivilligkoordinator, 20 timer/uge, 1 årsværk",
    ]);

    const doc = readDocxBuffer(await renderDocx(buildAgreementDocument(view)));
    for (const text of [
      OLD_OPENING.continuous_update,
      "at færre unge forlader skolen uden prøve",
      "10 Frivilligkoordinator, 20 timer/uge, 1 årsværk",
      "3.325.000",
    ]) {
      expect(doc.text, text).toContain(text);
    }
    expect(doc.text).not.toContain("×");
  });

  it("leaves the approved version's snapshot row exactly as it was", async () => {
    const after = await versionRow();
    expect(after).toEqual(versionBefore);
    expect(after.snapshot).toEqual(OLD_SNAPSHOT);
    expect(after.status).toBe("approved");
  });

  it("reads the old snapshot into today's view, and the Word document keeps its words", async () => {
    const stored = (await versionRow()).snapshot;
    const view = readAgreementSnapshot(stored);
    expect(view.openingClause).toBe(OLD_OPENING.strategic_goals);
    expect(view.goals.map((g) => [g.text, g.subGoals])).toEqual([
      ["at 40 beboere er aktive frivillige i 2026", []],
      ["at flere beboere stoler på deres naboer", []],
    ]);
    expect(view.staff.map((s) => s.text)).toEqual([
      "1 Frivilligkoordinator, 37 timer/uge",
      "2 Studentermedhjælp, 11,5 timer/uge, i skoleåret",
    ]);
    expect(view.budget.total.total).toBe(4_020_000);
    expect(view.budget.hasYearly).toBe(true);
    expect(view.criteria[0]!.baseline).toMatchObject({ text: "48 % (2022)", note: null });

    const doc = readDocxBuffer(await renderDocx(buildAgreementDocument(view)));
    for (const text of [
      OLD_OPENING.strategic_goals,
      "at 40 beboere er aktive frivillige i 2026",
      "at flere beboere stoler på deres naboer",
      "1 Frivilligkoordinator, 37 timer/uge",
      "2 Studentermedhjælp, 11,5 timer/uge, i skoleåret",
      "Gårdfester i afdelingerne",
      "Tryghedsmåling 2026",
      "48 % (2022)",
      "4.020.000",
    ]) {
      expect(doc.text, text).toContain(text);
    }
    expect(doc.text).not.toContain("×");
  });
});
