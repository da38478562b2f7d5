import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, inArray } from "drizzle-orm";
import { agreementVersions, auditEvents, revisions } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { decideRevision, startRevision, submitRevision } from "~/models/revisions.server";

/**
 * The revision models take the time of each step (an optional `now`, the current time unless
 * given), so a history can be recorded as it happened (the demo seed) without touching the
 * immutable versions afterwards.
 */
describe.each(drivers)("the revision models' clock on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  const auditAt = async (action: string) => {
    const [row] = await t.db
      .select({ at: auditEvents.at })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(t.demo.agreementId))),
      )
      .orderBy(desc(auditEvents.id))
      .limit(1);
    return row?.at;
  };

  it("dates the revision, the version and their audit events with the given time", async () => {
    const { planId, agreementId } = t.demo;
    const started = new Date("2024-01-15T09:00:00+01:00");
    const submitted = new Date("2024-02-01T12:00:00+01:00");
    const decided = new Date("2024-02-20T19:30:00+01:00");

    const revision = await startRevision(
      t.db,
      t.user("secretariat"),
      planId,
      agreementId,
      2024,
      started,
    );
    expect(revision.createdAt.toISOString()).toBe(started.toISOString());
    expect((await auditAt("revision.start"))?.toISOString()).toBe(started.toISOString());

    const version = await submitRevision(
      t.db,
      t.user("secretariat"),
      planId,
      agreementId,
      { summary: "Første version", recommendation: null },
      submitted,
    );
    await decideRevision(
      t.db,
      t.user("board"),
      planId,
      agreementId,
      version.id,
      { decision: "approve", meetingDate: "2024-02-20", note: null },
      decided,
    );

    const [row] = await t.db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.id, version.id));
    expect(row!.status).toBe("approved");
    expect(row!.submittedAt.toISOString()).toBe(submitted.toISOString());
    expect(row!.decidedAt?.toISOString()).toBe(decided.toISOString());
    const [rev] = await t.db.select().from(revisions).where(eq(revisions.id, revision.id));
    expect(rev!.status).toBe("approved");
    expect(rev!.updatedAt.toISOString()).toBe(decided.toISOString());
    expect((await auditAt("revision.submit"))?.toISOString()).toBe(submitted.toISOString());
    expect((await auditAt("revision.approve"))?.toISOString()).toBe(decided.toISOString());
  });

  it("uses the current time when none is given", async () => {
    const { planId, agreementId } = t.demo;
    const before = Date.now();
    const version = await submitRevision(t.db, t.user("secretariat"), planId, agreementId, {
      summary: "Anden version",
      recommendation: null,
    });
    await decideRevision(t.db, t.user("board"), planId, agreementId, version.id, {
      decision: "reject",
      meetingDate: "2026-12-01",
      note: "Ikke endnu",
    });
    const after = Date.now();
    const [row] = await t.db
      .select()
      .from(agreementVersions)
      .where(inArray(agreementVersions.id, [version.id]));
    expect(row!.status).toBe("rejected");
    // The revision of the submission is this year's (the first one was approved and closed).
    const [rev] = await t.db.select().from(revisions).where(eq(revisions.id, row!.revisionId!));
    expect(rev!.year).toBe(new Date().getFullYear());
    for (const at of [row!.submittedAt, row!.decidedAt!, await auditAt("revision.reject")]) {
      expect(at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(at!.getTime()).toBeLessThanOrEqual(after + 1000);
    }
  });
});
