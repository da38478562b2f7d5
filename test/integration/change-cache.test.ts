/**
 * The in-process caches of sector-wide results keyed by the tables' change counts
 * (app/models/internal/change-cache.server.ts, migration 0022), on both drivers: every table a
 * cached computation names has a counter and a trigger (so a table read later cannot be forgotten
 * silently), a write to any of them makes the next read compute again, the cached result equals a
 * fresh computation, and two handles on one database (as two processes, each with its own cache)
 * both see a write made through either.
 */
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { measurements, plans } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { todayInDenmark } from "~/domain/format";
import { adminSectorCache, computeAdminSector, getDashboard } from "~/models/dashboard.server";
import { COMPACT_AT, ChangeCache, clearChangeCaches } from "~/models/internal/change-cache.server";
import { getFocusAreaRollup, rollupCache } from "~/models/rollup.server";

/** The tables of the public schema a statement names (quoted by drizzle, or after from/join). */
function tablesNamed(statements: readonly string[], known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const text of statements) {
    for (const m of text.matchAll(/"(\w+)"|\b(?:from|join)\s+(\w+)/gi)) {
      const name = (m[1] ?? m[2])!;
      if (known.has(name)) found.add(name);
    }
  }
  found.delete("change_counters");
  found.delete("change_log");
  return [...found].sort();
}

describe.each(drivers)("caches keyed by change counts on %s", (driver) => {
  let t: TestDb;
  let known: Set<string>;
  const today = todayInDenmark();

  beforeAll(async () => {
    t = await createTestDb(driver);
    const rows = await t.db.execute<{ tablename: string }>(
      sql`select tablename from pg_tables where schemaname = 'public'`,
    );
    known = new Set(
      (Array.isArray(rows) ? rows : (rows as { rows: { tablename: string }[] }).rows).map(
        (r) => r.tablename,
      ),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  async function triggeredTables(): Promise<string[]> {
    const rows = await t.db.execute<{ table: string }>(
      sql`select c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid
        where g.tgname = c.relname || '_count_change' and not g.tgisinternal order by 1`,
    );
    return (Array.isArray(rows) ? rows : (rows as { rows: { table: string }[] }).rows).map(
      (r) => r.table,
    );
  }

  async function counterRows(): Promise<string[]> {
    const rows = await t.db.execute<{ table_name: string }>(
      sql`select table_name from change_counters order by 1`,
    );
    return (Array.isArray(rows) ? rows : (rows as { rows: { table_name: string }[] }).rows).map(
      (r) => r.table_name,
    );
  }

  const caches: [string, ChangeCache<unknown>, (db: Db) => Promise<unknown>][] = [
    [
      "the roll-up",
      rollupCache as ChangeCache<unknown>,
      // A year with agreements and one without (the years are then read on their own).
      async (db) => {
        await getFocusAreaRollup(db, t.user("admin"), 2025);
        await getFocusAreaRollup(db, t.user("admin"), 1990);
      },
    ],
    [
      "the administrator's dashboard",
      adminSectorCache as ChangeCache<unknown>,
      (db) => computeAdminSector(db, t.user("admin"), today, 1),
    ],
  ];

  describe.each(caches)("%s", (_name, cache, compute) => {
    it("lists exactly the tables its queries read, each with a counter and a trigger", async () => {
      const { db, queries } = createCountingDb(t);
      await compute(db);
      expect(tablesNamed(queries, known)).toEqual([...cache.tables].sort());
      const triggered = await triggeredTables();
      const counted = await counterRows();
      for (const table of cache.tables) {
        expect(triggered, table).toContain(table);
        expect(counted, table).toContain(table);
      }
    });

    it("computes again after a write to any of its tables, not before", async () => {
      let computed = 0;
      const probe = new ChangeCache<number>(`probe_${cache.name}`, cache.tables);
      // As the cached computations do: the count first, then the data.
      const read = () =>
        probe.get(t.db, "key", async () => {
          const changes = await probe.readChanges(t.db);
          return { value: ++computed, changes };
        });
      expect(await read()).toBe(1);
      expect(await read()).toBe(1);
      for (const table of cache.tables) {
        const before = await probe.readChanges(t.db);
        // A statement that changes no row still counts (statement-level triggers).
        await t.db.execute(sql.raw(`delete from "${table}" where false`));
        expect(await probe.readChanges(t.db), table).toBeGreaterThan(before);
        const expected = computed + 1;
        expect(await read(), table).toBe(expected);
        expect(await read(), table).toBe(expected);
      }
    });
  });

  it("keeps every table with a trigger in some cache's list", async () => {
    const listed = new Set(caches.flatMap(([, cache]) => cache.tables));
    expect((await triggeredTables()).filter((table) => !listed.has(table))).toEqual([]);
    expect((await counterRows()).filter((table) => !listed.has(table))).toEqual([]);
  });

  it("folds a long log into the counters without changing any count", async () => {
    const probe = new ChangeCache<number>("probe_compaction", ["plans", "measurements"]);
    const other = new ChangeCache<number>("probe_compaction_other", ["agreements"]);
    const before = await probe.readChanges(t.db);
    const otherBefore = await other.readChanges(t.db);
    // As COMPACT_AT writing statements on plans would leave it.
    await t.db.execute(
      sql.raw(
        `insert into change_log (table_name) select 'plans' from generate_series(1, ${COMPACT_AT})`,
      ),
    );
    const logged = async () => {
      const rows = await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from change_log`,
      );
      return (Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows)[0]!.n;
    };
    expect(await logged()).toBeGreaterThanOrEqual(COMPACT_AT);
    // This read sees the rows, then folds them in.
    expect(await probe.readChanges(t.db)).toBe(before + COMPACT_AT);
    expect(await logged()).toBe(0);
    expect(await probe.readChanges(t.db)).toBe(before + COMPACT_AT);
    expect(await other.readChanges(t.db)).toBe(otherBefore);
    await t.db.execute(sql`delete from plans where false`);
    expect(await probe.readChanges(t.db)).toBe(before + COMPACT_AT + 1);
  });

  it.runIf(driver === "postgres")(
    "lets two transactions write the same table at once (writers only insert into the log)",
    async () => {
      const one = postgres(t.url!, { max: 1, onnotice: () => {} });
      const two = postgres(t.url!, { max: 1, onnotice: () => {} });
      try {
        const probe = new ChangeCache<number>("probe_writers", ["measurements"]);
        const before = await probe.readChanges(t.db);
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => (wrote = resolve));
        const first = one.begin(async (tx) => {
          await tx`update measurements set comment = comment where false`;
          wrote();
          await held; // still open: its log row is not committed yet
        });
        await written;
        // The second writer must not wait for the first (with a shared counter row it did).
        await two.begin(async (tx) => {
          await tx`set local lock_timeout = '2s'`;
          await tx`update measurements set comment = comment where false`;
        });
        expect(await probe.readChanges(t.db)).toBe(before + 1);
        release();
        await first;
        expect(await probe.readChanges(t.db)).toBe(before + 2);
      } finally {
        await one.end();
        await two.end();
      }
    },
  );

  it("serves the roll-up a fresh computation gives, before and after writes", async () => {
    const admin = t.user("admin");
    clearChangeCaches();
    const first = await getFocusAreaRollup(t.db, admin, 2025);
    const cached = await getFocusAreaRollup(t.db, admin, 2025);
    expect(cached).toBe(first); // the same object: served from the cache
    clearChangeCaches();
    expect(await getFocusAreaRollup(t.db, admin, 2025)).toEqual(first);

    const plan = first.plans[0]!;
    await t.db
      .update(plans)
      .set({ name: `${plan.planName} (omdøbt)` })
      .where(eq(plans.id, plan.planId));
    const renamed = await getFocusAreaRollup(t.db, admin, 2025);
    expect(renamed.plans.map((p) => p.planName)).toContain(`${plan.planName} (omdøbt)`);
    clearChangeCaches();
    expect(await getFocusAreaRollup(t.db, admin, 2025)).toEqual(renamed);

    const [measured] = await t.db
      .select({ id: measurements.id, status: measurements.status })
      .from(measurements)
      .where(eq(measurements.year, 2025))
      .limit(1);
    if (measured) {
      const status = measured.status === "not_met" ? "met" : "not_met";
      await t.db.update(measurements).set({ status }).where(eq(measurements.id, measured.id));
      const remeasured = await getFocusAreaRollup(t.db, admin, 2025);
      expect(remeasured.total).not.toEqual(renamed.total);
      clearChangeCaches();
      expect(await getFocusAreaRollup(t.db, admin, 2025)).toEqual(remeasured);
    }
  });

  it("serves the administrator's dashboard a fresh computation gives, before and after a write", async () => {
    const admin = t.user("admin");
    clearChangeCaches();
    const first = await getDashboard(t.db, admin, today);
    expect(await getDashboard(t.db, admin, today)).toEqual(first);
    clearChangeCaches();
    expect(await getDashboard(t.db, admin, today)).toEqual(first);

    const plan = first.plans[0]!;
    await t.db
      .update(plans)
      .set({ name: `${plan.name} (ny)` })
      .where(eq(plans.id, plan.id));
    const after = await getDashboard(t.db, admin, today);
    expect(after.plans.map((p) => p.name)).toContain(`${plan.name} (ny)`);
    clearChangeCaches();
    expect(await getDashboard(t.db, admin, today)).toEqual(after);
  });

  it("keeps two handles' caches (as two processes) right when either writes", async () => {
    const admin = t.user("admin");
    // Each handle has its own cache entries, as each process has its own memory.
    const one = t.withLogger({ logQuery: () => {} });
    const two = t.withLogger({ logQuery: () => {} });
    const before = await getFocusAreaRollup(one, admin, 2025);
    expect(await getFocusAreaRollup(two, admin, 2025)).toEqual(before);
    const plan = before.plans[0]!;
    await two
      .update(plans)
      .set({ name: "Helhedsplan Fjernskrevet" })
      .where(eq(plans.id, plan.planId));
    const seenByOne = await getFocusAreaRollup(one, admin, 2025);
    expect(seenByOne.plans.map((p) => p.planName)).toContain("Helhedsplan Fjernskrevet");
    expect(await getFocusAreaRollup(two, admin, 2025)).toEqual(seenByOne);

    const dashOne = await getDashboard(one, admin, today);
    await getDashboard(two, admin, today);
    await one
      .update(plans)
      .set({ name: "Helhedsplan Skrevet Af En" })
      .where(eq(plans.id, dashOne.plans[0]!.id));
    const dashTwo = await getDashboard(two, admin, today);
    expect(dashTwo.plans.map((p) => p.name)).toContain("Helhedsplan Skrevet Af En");
  });
});
