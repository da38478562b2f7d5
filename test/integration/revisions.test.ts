import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { agreementVersions, auditEvents } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { savePurpose } from "~/models/agreements/sections.server";
import { getAgreementView } from "~/models/agreements/read.server";
import {
  decideRevision,
  getRevisionState,
  startPlanRevisions,
  startRevision,
  submitRevision,
  withdrawProposedVersion,
} from "~/models/revisions.server";
import {
  getRevisionReview,
  getVersionView,
  listPendingRevisions,
  listRevisionDeadlines,
} from "~/models/revision-views.server";
import {
  FieldValidationError,
  ForbiddenError,
  LockedError,
  NotFoundError,
} from "~/models/errors.server";
import { parseRichText } from "~/domain/rich-text";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

describe.each(drivers)("revisions on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  const ids = () => ({ planId: t.demo.planId, agreementId: t.demo.agreementId });
  const currentVersion = async () => (await loadAgreementRecord(t.db, t.demo.agreementId))!.version;

  it("submits version 1, locks the draft, and lets only the board decide", async () => {
    const { planId, agreementId } = ids();
    await expect(
      submitRevision(t.db, t.user("board"), planId, agreementId, {
        summary: "x",
        recommendation: null,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      submitRevision(t.db, t.user("otherPlan"), planId, agreementId, {
        summary: "x",
        recommendation: null,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const v1 = await submitRevision(t.db, t.user("secretariat"), planId, agreementId, {
      summary: "Første version af delaftalen",
      recommendation: "Arbejdsgruppen indstiller delaftalen til godkendelse.",
    });
    expect(v1.number).toBe(1);

    // The draft is locked while the proposed version is pending.
    await expect(
      savePurpose(t.db, t.user("secretariat"), planId, agreementId, await currentVersion(), {
        purposes: ["nyt formål"],
        goals: [],
        method: parseRichText(""),
      }),
    ).rejects.toBeInstanceOf(LockedError);

    const pending = await listPendingRevisions(t.db, t.user("board"));
    expect(pending.map((p) => p.agreementId)).toEqual([agreementId]);
    expect(await listPendingRevisions(t.db, t.user("otherPlan"))).toEqual([]);

    // A first version is compared with nothing: everything is new.
    const review = await getRevisionReview(t.db, t.user("viewer"), planId, agreementId);
    expect(review!.approved).toBeNull();
    expect(review!.diff.counts.added).toBeGreaterThan(10);

    await expect(
      decideRevision(t.db, t.user("secretariat"), planId, agreementId, v1.id, {
        decision: "approve",
        meetingDate: "2026-11-20",
        note: null,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await decideRevision(t.db, t.user("board"), planId, agreementId, v1.id, {
      decision: "approve",
      meetingDate: "2026-11-20",
      note: "Godkendt på mødet",
    });
    const state = await getRevisionState(t.db, t.user("viewer"), planId, agreementId);
    expect(state.current?.number).toBe(1);
    expect(state.current?.decidedBy).toBe("Karim Dahl");
    expect(state.revision).toBeNull();
    expect(state.nextDue).toBe("2027-11-20");
  });

  it("enforces immutability of approved versions in the database", async () => {
    const [approved] = await t.db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.status, "approved"));
    await expect(
      t.db
        .update(agreementVersions)
        .set({ summary: "ændret" })
        .where(eq(agreementVersions.id, approved!.id)),
    ).rejects.toThrow();
    await expect(
      t.db.execute(
        sql`update agreement_versions set snapshot = '{}'::jsonb where id = ${approved!.id}`,
      ),
    ).rejects.toThrow();
    await expect(
      t.db.delete(agreementVersions).where(eq(agreementVersions.id, approved!.id)),
    ).rejects.toThrow();
    const [again] = await t.db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.id, approved!.id));
    expect(again).toEqual(approved);
  });

  it("revises: rejection returns it with the note, withdraw unlocks, approval supersedes", async () => {
    const { planId, agreementId } = ids();
    const secretariat = t.user("secretariat");
    await startRevision(t.db, secretariat, planId, agreementId, 2027);
    await expect(
      startRevision(t.db, secretariat, planId, agreementId, 2027),
    ).rejects.toBeInstanceOf(FieldValidationError);
    const view = (await getAgreementView(t.db, secretariat, planId, agreementId)).view;
    await savePurpose(t.db, secretariat, planId, agreementId, await currentVersion(), {
      purposes: view.purposes,
      goals: view.goals.map((g, i) =>
        i === 0 ? { ...g, text: `${g.text} i hele boligområdet` } : g,
      ),
      method: view.method ?? parseRichText(""),
    });
    const v2 = await submitRevision(t.db, secretariat, planId, agreementId, {
      summary: "Første mål udvidet",
      recommendation: null,
    });
    const review = await getRevisionReview(t.db, t.user("board"), planId, agreementId);
    expect(review!.approved?.number).toBe(1);
    const goals = review!.diff.sections.find((s) => s.key === "goals")!;
    expect(goals.changed).toBe(true);
    expect(review!.diff.sections.filter((s) => s.changed).map((s) => s.key)).toEqual(["goals"]);

    await expect(
      decideRevision(t.db, t.user("board"), planId, agreementId, v2.id, {
        decision: "reject",
        meetingDate: "2027-03-01",
        note: "Målet skal kunne måles",
      }),
    ).resolves.toBeUndefined();
    let state = await getRevisionState(t.db, secretariat, planId, agreementId);
    expect(state.revision?.status).toBe("open");
    expect(state.revision?.returnNote).toBe("Målet skal kunne måles");
    expect(state.current?.number).toBe(1);

    const v3 = await submitRevision(t.db, secretariat, planId, agreementId, {
      summary: "Indsendt igen",
      recommendation: null,
    });
    await withdrawProposedVersion(t.db, secretariat, planId, agreementId);
    state = await getRevisionState(t.db, secretariat, planId, agreementId);
    expect(state.versions.find((v) => v.id === v3.id)?.status).toBe("withdrawn");
    const v4 = await submitRevision(t.db, secretariat, planId, agreementId, {
      summary: "Indsendt efter tilbagetrækning",
      recommendation: null,
    });
    await decideRevision(t.db, t.user("admin"), planId, agreementId, v4.id, {
      decision: "approve",
      meetingDate: "2027-04-01",
      note: null,
    });
    state = await getRevisionState(t.db, t.user("viewer"), planId, agreementId);
    expect(state.versions.map((v) => [v.number, v.status])).toEqual([
      [4, "approved"],
      [3, "withdrawn"],
      [2, "rejected"],
      [1, "superseded"],
    ]);
    const v1 = await getVersionView(t.db, t.user("viewer"), planId, agreementId, 1);
    expect(v1.view.goals[0]!.text).toBe(view.goals[0]!.text);
    expect(v1.label).toBe("Version 1, godkendt 20. november 2026");
    const v4view = await getVersionView(t.db, t.user("viewer"), planId, agreementId, 4);
    expect(v4view.view.goals[0]!.text).toBe(`${view.goals[0]!.text} i hele boligområdet`);
    await expect(
      getVersionView(t.db, t.user("otherPlan"), planId, agreementId, 1),
    ).rejects.toBeInstanceOf(NotFoundError);

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(agreementId)));
    const actions = events.map((e) => e.action);
    for (const a of [
      "revision.start",
      "revision.submit",
      "revision.reject",
      "revision.withdraw",
      "revision.approve",
    ]) {
      expect(actions).toContain(a);
    }
  });

  it("refuses to submit an agreement that breaks the rules", async () => {
    const other = t.user("otherPlan");
    const { createAgreement } = await import("~/models/agreements/create.server");
    const { focusAreas } = await import("../../db/schema");
    const [area] = await t.db.select().from(focusAreas).where(eq(focusAreas.name, "Beskæftigelse"));
    const empty = await createAgreement(t.db, other, t.demo.otherPlanId, {
      focusAreaId: area!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2024-07-01",
      validTo: "2028-06-30",
    });
    await expect(
      submitRevision(t.db, other, t.demo.otherPlanId, empty.id, {
        summary: "x",
        recommendation: null,
      }),
    ).rejects.toMatchObject({
      errors: { summary: expect.stringContaining("mindst ét succeskriterium") },
    });
  });

  it("starts the revision of every agreement of a plan and lists deadlines", async () => {
    const started = await startPlanRevisions(t.db, t.user("otherPlan"), t.demo.otherPlanId, 2027);
    expect(started).toBe(1);
    expect(await startPlanRevisions(t.db, t.user("otherPlan"), t.demo.otherPlanId, 2027)).toBe(0);
    const deadlines = await listRevisionDeadlines(t.db, t.user("viewer"));
    const demo = deadlines.find((d) => d.agreementId === t.demo.agreementId)!;
    expect(demo.lastApprovedAt).toBe("2027-04-01");
    expect(demo.due).toBe("2028-04-01");
    expect(deadlines.every((d) => d.planId === t.demo.planId)).toBe(true);
  });
});
