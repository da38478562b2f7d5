/**
 * PGlite's named prepared statements (db/pglite-prepared.ts): the same results as PGlite's own
 * query(), each text prepared once, and a connection that stays usable after errors, in
 * transactions and savepoints, and after schema changes.
 */
import { PGlite } from "@electric-sql/pglite";
import { eq, sql } from "drizzle-orm";
import { integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPglitePreparedStatements } from "../../db/pglite-prepared";

const items = pgTable("items", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  amount: integer("amount"),
  data: jsonb("data"),
  at: timestamp("at", { withTimezone: true, mode: "string" }),
});

describe("PGlite prepared statements", () => {
  let pglite: PGlite;
  let client: ReturnType<typeof withPglitePreparedStatements>;
  let db: ReturnType<typeof drizzle>;
  let plain: ReturnType<typeof drizzle>;

  beforeAll(async () => {
    pglite = new PGlite();
    await pglite.waitReady;
    await pglite.exec(`
      create table items (id serial primary key, name text not null unique, amount integer,
        data jsonb, at timestamptz);
      insert into items (name, amount, data, at) values
        ('a', 1, '{"x":[1,2]}', '2026-12-06 10:00:00+00'), ('b', null, null, null);
    `);
    client = withPglitePreparedStatements(pglite);
    db = drizzle(client as unknown as PGlite);
    plain = drizzle(pglite);
  });
  afterAll(async () => {
    await pglite.close();
  });

  it("returns what PGlite's own query() returns, and prepares a text once", async () => {
    const query = () => db.select().from(items).orderBy(items.id);
    const expected = await plain.select().from(items).orderBy(items.id);
    const before = client.stats.prepared;
    expect(await query()).toEqual(expected);
    expect(await query()).toEqual(expected);
    expect(client.stats.prepared).toBe(before + 1);
    expect(expected[0]).toMatchObject({ name: "a", amount: 1, data: { x: [1, 2] } });
    expect(typeof expected[0]!.at).toBe("string");

    const raw = sql`select ${items.name} as name, array[1, 2] as list, now() > ${"2020-01-01"} as later from ${items} where ${items.id} = ${1}`;
    expect(await db.execute(raw)).toEqual(await plain.execute(raw));
    expect((await db.execute(raw)).rows).toEqual([{ name: "a", list: [1, 2], later: true }]);
  });

  it("binds parameters by their types, and reports affected rows", async () => {
    const updated = await db
      .update(items)
      .set({ data: { y: "ø" }, at: "2026-12-06T11:00:00Z" })
      .where(eq(items.name, "b"))
      .returning({ data: items.data });
    expect(updated).toEqual([{ data: { y: "ø" } }]);
    const result = await db.execute(
      sql`update items set amount = amount + ${1} where amount is not null`,
    );
    expect(result.affectedRows).toBe(1);
    expect((await db.select().from(items).where(eq(items.name, "b")))[0]!.at).toMatch(
      /^2026-12-06/,
    );
  });

  it("stays usable after a failed statement and does not remember a failed prepare", async () => {
    const insert = () => db.insert(items).values({ name: "a" });
    const error = await insert().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const cause = (error as Error & { cause?: { code?: string } }).cause ?? error;
    expect((cause as { code?: string }).code).toBe("23505");
    await expect(insert()).rejects.toThrow();

    const cached = client.stats.cached;
    await expect(db.execute(sql`select nosuchcolumn from items`)).rejects.toThrow();
    await expect(db.execute(sql`select nosuchcolumn from items`)).rejects.toThrow();
    expect(client.stats.cached).toBe(cached); // no entry for the failed text
    expect((await db.select({ id: items.id }).from(items).where(eq(items.name, "a"))).length).toBe(
      1,
    );
  });

  it("keeps transactions and savepoints", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(items).values({ name: "t1" });
        await tx
          .transaction(async (inner) => {
            await inner.insert(items).values({ name: "t2" });
            throw new Error("undo the savepoint");
          })
          .catch(() => {});
        expect((await tx.select().from(items).where(eq(items.name, "t2"))).length).toBe(0);
        expect((await tx.select().from(items).where(eq(items.name, "t1"))).length).toBe(1);
        throw new Error("undo all");
      }),
    ).rejects.toThrow("undo all");
    expect((await db.select().from(items).where(eq(items.name, "t1"))).length).toBe(0);

    // A failed statement aborts the transaction; the connection is fine afterwards.
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(items).values({ name: "t3" });
        await tx.insert(items).values({ name: "a" });
      }),
    ).rejects.toThrow();
    expect((await db.select().from(items).where(eq(items.name, "t3"))).length).toBe(0);

    await db.transaction(async (tx) => {
      await tx.insert(items).values({ name: "t4" });
    });
    expect((await db.select().from(items).where(eq(items.name, "t4"))).length).toBe(1);
  });

  it("serialises a query issued during another request's transaction", async () => {
    let inside = 0;
    const transaction = db.transaction(async (tx) => {
      await tx.insert(items).values({ name: "t5" });
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside = (await tx.select().from(items).where(eq(items.name, "t5"))).length;
      await tx.delete(items).where(eq(items.name, "t5"));
    });
    const outside = db.select().from(items).where(eq(items.name, "t5"));
    await transaction;
    expect(inside).toBe(1);
    expect(await outside).toEqual([]);
  });

  it("follows schema changes, made through it or past it", async () => {
    const all = sql`select * from items where name = ${"a"}`;
    expect(Object.keys((await db.execute(all)).rows[0]!)).not.toContain("extra");

    // Through the client (as a migration runs): prepared statements are forgotten.
    await db.execute(sql`alter table items add column extra text default 'x'`);
    expect((await db.execute(all)).rows[0]).toMatchObject({ extra: "x" });

    // Past it (raw PGlite): PostgreSQL refuses the changed result type once; prepared again.
    await pglite.exec(`alter table items add column more integer default 7`);
    expect((await db.execute(all)).rows[0]).toMatchObject({ extra: "x", more: 7 });

    // In a transaction, after DDL in that transaction.
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table items drop column more`);
      expect(Object.keys((await tx.execute(all)).rows[0]!)).not.toContain("more");
    });
    expect(Object.keys((await db.execute(all)).rows[0]!)).not.toContain("more");
  });
});
