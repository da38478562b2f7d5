/**
 * Importing delaftaler from Word, through the models as the routes call them: who may, the
 * review's steps with their lock, and saving as a new agreement or as a revision draft of the
 * plan's agreement for that area, on both drivers. The imports here start from a recognition built
 * by hand, so they test the models whatever the recogniser reads; uploading real Word files is in
 * imports-upload.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import {
  agreementImports,
  agreements,
  auditEvents,
  focusAreas,
  measurements,
  organisations,
  people,
  successCriteria,
} from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { createAgreement, createPlan, createUser, type CreatedPlan } from "../helpers/factories";
import { handRecognition } from "../fixtures/import-recognition";
import type { SessionUser } from "~/domain/user";
import {
  chooseImportFocusArea,
  discardImport,
  discardImportBlock,
  getImportFile,
  getImportReview,
  listImports,
  MISSING_DATA_SOURCE,
  placeImportBlock,
  saveImport,
  STALE_IMPORT_MESSAGE,
} from "~/models/imports/index.server";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { decideRevision, submitRevision } from "~/models/revisions.server";
import { getRevisionReview } from "~/models/revision-views.server";
import {
  ConflictError,
  FieldValidationError,
  ForbiddenError,
  LockedError,
  NotFoundError,
} from "~/models/errors.server";

/** Rows as the document lists them (a record's lists come in the database's order). */
const byPosition = <T extends { position: number }>(rows: T[]) =>
  [...rows].sort((a, b) => a.position - b.position);

describe.each(drivers)("imports on %s", (driver) => {
  let t: TestDb;
  let plan: CreatedPlan;
  let other: CreatedPlan;
  let admin: SessionUser;
  beforeAll(async () => {
    t = await createTestDb(driver);
    plan = await createPlan(t.db, {
      periodStart: "2025-01-01",
      periodEnd: "2028-12-31",
      members: { secretariat: true, board: true, reporter: true, viewer: true },
    });
    other = await createPlan(t.db, { members: { secretariat: true } });
    admin = await createUser(t.db, { isAdmin: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  const secretariat = () => plan.members.secretariat![0]!;
  const areaId = async (name: string) => {
    const [row] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(and(eq(focusAreas.fundingRoundId, plan.fundingRoundId), eq(focusAreas.name, name)));
    return row!.id;
  };

  /** An import under review, as createImports leaves one, from a hand-built recognition. */
  async function insertImport(
    options: Parameters<typeof handRecognition>[0] & { focusAreaId?: number | null } = {},
    bytes: Uint8Array = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 128, 7]),
  ) {
    const hand = handRecognition(options);
    const [row] = await t.db
      .insert(agreementImports)
      .values({
        planId: plan.id,
        createdBy: secretariat().id,
        fileName: "kildevang.docx",
        fileSize: bytes.byteLength,
        fileSha256: "0".repeat(64),
        fileData: bytes,
        source: hand.source,
        recognition: hand.recognition,
        focusAreaId: options.focusAreaId === undefined ? null : options.focusAreaId,
      })
      .returning({ id: agreementImports.id, version: agreementImports.version });
    return { ...row!, ...hand };
  }

  /** Discards every unplaced block, as the user does on the review screen. */
  async function discardUnplaced(importId: number, version: number) {
    let current = version;
    const review = await getImportReview(t.db, secretariat(), plan.id, importId);
    for (const [block, d] of review.recognition.destinations.entries())
      if (d.kind === "unplaced")
        ({ version: current } = await discardImportBlock(t.db, secretariat(), plan.id, importId, {
          version: current,
          block,
        }));
    return current;
  }

  it("keeps the original file byte for byte (bytea on this driver)", async () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 256);
    const { id } = await insertImport({}, bytes);
    const file = await getImportFile(t.db, secretariat(), plan.id, id);
    expect(file.fileName).toBe("kildevang.docx");
    expect(file.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(file.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it("lets the plan's secretariat and admins in; board, reporter, viewer 403; another plan 404", async () => {
    const { id, version } = await insertImport();
    for (const user of [secretariat(), admin]) {
      await expect(getImportReview(t.db, user, plan.id, id)).resolves.toMatchObject({ id });
      await expect(getImportFile(t.db, user, plan.id, id)).resolves.toBeTruthy();
      await expect(listImports(t.db, user, plan.id)).resolves.toContainEqual(
        expect.objectContaining({ id }),
      );
    }
    for (const role of ["board", "reporter", "viewer"] as const) {
      const user = plan.members[role]![0]!;
      await expect(getImportReview(t.db, user, plan.id, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getImportFile(t.db, user, plan.id, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listImports(t.db, user, plan.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(saveImport(t.db, user, plan.id, id, { version })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(
        discardImportBlock(t.db, user, plan.id, id, { version, block: 3 }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const stranger = other.members.secretariat![0]!;
    // Not a member of this plan: the plan and its imports do not exist for them.
    await expect(getImportReview(t.db, stranger, plan.id, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getImportFile(t.db, stranger, plan.id, id)).rejects.toBeInstanceOf(NotFoundError);
    // Nor through their own plan's address.
    await expect(getImportReview(t.db, stranger, other.id, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getImportFile(t.db, stranger, other.id, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(discardImport(t.db, stranger, other.id, id, { version })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const [row] = await t.db
      .select({ status: agreementImports.status, version: agreementImports.version })
      .from(agreementImports)
      .where(eq(agreementImports.id, id));
    expect(row).toEqual({ status: "review", version });
  });

  it("refuses to save while blocks are unplaced or no focus area is chosen", async () => {
    const { id, version } = await insertImport({ focusAreaName: "Noget andet" });
    const error = await saveImport(t.db, secretariat(), plan.id, id, { version }).catch((e) => e);
    expect(error).toBeInstanceOf(FieldValidationError);
    expect((error as FieldValidationError).errors).toEqual({
      unplaced: "Placér eller kassér de 2 afsnit under «Ikke placeret», før du gemmer",
      focusAreaId: "Vælg indsatsområde",
    });
    const [{ n } = { n: -1 }] = await t.db
      .select({ n: count() })
      .from(agreementImports)
      .where(and(eq(agreementImports.id, id), eq(agreementImports.status, "review")));
    expect(n).toBe(1);
  });

  it("places and discards blocks under the version lock, then a stale version is a conflict", async () => {
    const { id, version } = await insertImport();
    const placed = await placeImportBlock(t.db, secretariat(), plan.id, id, {
      version,
      block: 3,
      target: { section: "method" },
    });
    expect(placed.version).toBe(version + 1);
    const stale = await discardImportBlock(t.db, secretariat(), plan.id, id, {
      version,
      block: 4,
    }).catch((e) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).message).toBe(STALE_IMPORT_MESSAGE);
    await discardImportBlock(t.db, secretariat(), plan.id, id, {
      version: placed.version,
      block: 4,
    });
    const review = await getImportReview(t.db, secretariat(), plan.id, id);
    expect(review.recognition.destinations[3]).toEqual({ kind: "section", section: "method" });
    expect(review.recognition.destinations[4]).toMatchObject({
      kind: "discarded",
      userId: secretariat().id,
    });
    // The placed paragraph is in the draft's method now.
    expect(JSON.stringify(review.recognition.draft.method)).toContain("En løs note fra mødet");
    expect(review.coverage.unplacedWords).toBe(0);
    await expect(
      placeImportBlock(t.db, secretariat(), plan.id, id, {
        version: review.version,
        block: 99,
        target: { section: "method" },
      }),
    ).rejects.toBeInstanceOf(FieldValidationError);
  });

  it("chooses only the funding round's focus areas (R3)", async () => {
    const { id, version } = await insertImport({ focusAreaName: "Ukendt område" });
    const [foreign] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(sql`${focusAreas.fundingRoundId} <> ${plan.fundingRoundId}`)
      .limit(1);
    const error = await chooseImportFocusArea(t.db, secretariat(), plan.id, id, {
      version,
      focusAreaId: foreign!.id,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(FieldValidationError);
    const chosen = await chooseImportFocusArea(t.db, secretariat(), plan.id, id, {
      version,
      focusAreaId: await areaId("Kriminalitetsforebyggelse"),
    });
    const review = await getImportReview(t.db, secretariat(), plan.id, id);
    expect(review.version).toBe(chosen.version);
    expect(review.focusArea.chosenId).toBe(await areaId("Kriminalitetsforebyggelse"));
    expect(review.focusArea.options.map((o) => o.name)).toEqual([
      "Uddannelse og livschancer",
      "Beskæftigelse",
      "Kriminalitetsforebyggelse",
      "Sammenhængskraft og medborgerskab",
    ]);
  });

  it("discards a whole import: nothing saved, the file kept, no more changes", async () => {
    const { id, version } = await insertImport();
    const { version: next } = await discardImport(t.db, secretariat(), plan.id, id, { version });
    const file = await getImportFile(t.db, secretariat(), plan.id, id);
    expect(file.bytes.byteLength).toBeGreaterThan(0);
    await expect(
      saveImport(t.db, secretariat(), plan.id, id, { version: next }),
    ).rejects.toBeInstanceOf(LockedError);
    const list = await listImports(t.db, secretariat(), plan.id);
    expect(list.find((i) => i.id === id)).toMatchObject({ status: "discarded", agreementId: null });
  });

  it("saves a reviewed import as a new draft agreement with every part, creating the register's missing entries", async () => {
    const area = await areaId("Beskæftigelse");
    const imported = await insertImport({ focusAreaId: area });
    const { names } = imported;
    const before = await getImportReview(t.db, secretariat(), plan.id, imported.id);
    expect(before.existingAgreement).toBeNull();
    expect(before.newOrganisations.sort()).toEqual([names.org, names.municipality].sort());
    expect(before.newPeople).toEqual([
      { name: names.person, title: "direktør", organisation: names.org },
      { name: names.member, title: "projektleder", organisation: names.org },
    ]);
    expect(before.preview.focusArea.name).toBe("Beskæftigelse");
    expect(before.preview.validFrom).toBe("2025-01-01"); // the draft began before the plan (R5)
    expect(before.validityAdjusted).toBe(true);

    const version = await discardUnplaced(imported.id, imported.version);
    const saved = await saveImport(t.db, secretariat(), plan.id, imported.id, { version });
    expect(saved.revision).toBe(false);
    const record = (await loadAgreementRecord(t.db, saved.agreementId))!;
    expect(record.planId).toBe(plan.id);
    expect(record.focusArea.name).toBe("Beskæftigelse");
    expect(record.validFrom).toBe("2025-01-01");
    expect(record.validTo).toBe("2028-02-28");
    expect(record.openingText).toMatch(/^Bestyrelsen for den boligsociale indsats/);
    expect(
      byPosition(record.parties).map((p) => [
        p.tier,
        p.groupHeading,
        p.organisation?.name ?? null,
        p.label,
        p.contactPerson?.name ?? null,
      ]),
    ).toEqual([
      ["primary", null, names.org, null, names.person],
      ["primary", null, names.municipality, null, null],
      ["secondary", "Foreninger", null, "Beboerne i afdelingen", null],
    ]);
    expect(record.workingGroups).toHaveLength(1);
    expect(
      byPosition(record.workingGroups[0]!.members).map((m) => [
        m.count,
        m.description,
        m.names,
        m.person?.name ?? null,
        m.organisation?.name ?? null,
      ]),
    ).toEqual([
      [1, "repræsentant", null, null, names.municipality],
      [null, null, null, names.member, names.org],
      [3, "beboerdemokrater", "Aske, Berit og Carlo", null, null],
    ]);
    expect(JSON.stringify(record.problemStatement)).toContain("Ledigheden i området er høj.");
    expect(record.purposesLeadIn).toBe("Formålet er:");
    expect(record.purposes).toEqual(["At flere beboere kommer i job."]);
    const topGoals = record.goals.filter((g) => g.parentId == null);
    expect(topGoals.map((g) => g.text)).toEqual(["Flere i job"]);
    expect(
      record.goals
        .filter((g) => g.parentId === topGoals[0]!.id)
        .map((g) => g.text)
        .sort(),
    ).toEqual(["Flere i praktik", "Flere unge i fritidsjob"]);
    expect(JSON.stringify(record.primaryTargetGroup)).toContain("Ledige beboere");
    expect(JSON.stringify(record.method)).toContain("opsøgende");
    const own = byPosition(record.successCriteria.filter((c) => c.activityId == null));
    expect(
      own.map((c) => [c.text, c.dataSource, c.baselineValue, c.targetValue, c.targetText]),
    ).toEqual([
      ["Andelen af beboere i job stiger", "Danmarks Statistik", 42, 50, null],
      ["Flere deltager i jobcaféen", MISSING_DATA_SOURCE, null, null, "mindst 40 om året"],
    ]);
    expect(byPosition(record.activities).map((a) => a.name)).toEqual(["Jobcafé", "Lektiecafé"]);
    const cafe = byPosition(record.activities)[0]!;
    expect(cafe.targetGroups).toEqual(["Ledige beboere"]);
    expect(
      byPosition(cafe.responsibilities).map((r) => [
        r.organisation?.name ?? null,
        r.label,
        r.duties,
      ]),
    ).toEqual([
      [names.municipality, null, ["stiller en jobkonsulent til rådighed"]],
      [null, "Frivillige", ["hjælper med ansøgninger"]],
    ]);
    expect(
      byPosition(record.successCriteria.filter((c) => c.activityId === cafe.id)).map((c) => c.text),
    ).toEqual(["Deltagere i jobcaféen"]);
    expect(JSON.stringify(record.municipalInterplay)).toContain("Jobcentret");
    expect(JSON.stringify(record.anchoring)).toContain("videreføres");
    expect(
      byPosition(record.fundingSources).map((s) => [
        s.kind,
        s.name,
        s.periodTotal,
        [...s.amounts].sort((a, b) => a.year - b.year),
      ]),
    ).toEqual([
      ["lbf", "Landsbyggefonden", 3_962_000, []],
      [
        "municipality",
        names.municipality,
        null,
        [
          { year: 2025, amount: 250_000 },
          { year: 2026, amount: 250_000 },
        ],
      ],
      ["local", "Lokal medfinansiering", 500_000, []],
    ]);
    expect(byPosition(record.staffResources).map((s) => s.description)).toEqual([
      "1 jobkonsulent (37 timer)",
    ]);
    expect(JSON.stringify(record.conflictHandling)).toContain("Uenighed");
    expect(JSON.stringify(record.revisionClause)).toContain("revideres");

    // The register got the organisations (kind guessed from the name) and people once each.
    const orgs = await t.db
      .select({ name: organisations.name, kind: organisations.kind })
      .from(organisations)
      .where(inArray(organisations.name, [names.org, names.municipality]));
    expect(orgs.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        { name: names.org, kind: "housing_organisation" },
        { name: names.municipality, kind: "municipality" },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    const persons = await t.db
      .select({ name: people.name, title: people.title })
      .from(people)
      .where(inArray(people.name, [names.person, names.member]));
    expect(persons).toHaveLength(2);

    const list = await listImports(t.db, secretariat(), plan.id);
    expect(list.find((i) => i.id === imported.id)).toMatchObject({
      status: "saved",
      agreementId: saved.agreementId,
      unplacedCount: 0,
      focusAreaName: "Beskæftigelse",
    });
    const events = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, "agreement_import"),
          eq(auditEvents.entityId, String(imported.id)),
        ),
      );
    expect(events.map((e) => e.action)).toContain("import.save");
    // Saved: no more review steps.
    await expect(
      placeImportBlock(t.db, secretariat(), plan.id, imported.id, {
        version: version + 1,
        block: 2,
        target: { section: "method" },
      }),
    ).rejects.toBeInstanceOf(LockedError);
  });

  it("saves the same agreement again as a revision draft: the board sees the changes, history is kept", async () => {
    const area = await areaId("Sammenhængskraft og medborgerskab");
    const first = await insertImport({ focusAreaId: area, unplaced: [] });
    const { agreementId } = await saveImport(t.db, secretariat(), plan.id, first.id, {
      version: first.version,
    });
    // Version 1 approved by the board; a criterion has a measurement, an activity's criterion too.
    await submitRevision(t.db, secretariat(), plan.id, agreementId, {
      summary: "Importeret fra Word",
      recommendation: null,
    });
    const board = plan.members.board![0]!;
    const { proposed } = (await getRevisionReview(t.db, board, plan.id, agreementId))!;
    await decideRevision(t.db, board, plan.id, agreementId, proposed.id, {
      decision: "approve",
      meetingDate: "2025-06-01",
      note: null,
    });
    const v1 = (await loadAgreementRecord(t.db, agreementId))!;
    const kept = v1.successCriteria.find((c) => c.text === "Andelen af beboere i job stiger")!;
    const homework = v1.activities.find((a) => a.name === "Lektiecafé")!;
    const homeworkCriterion = v1.successCriteria.find((c) => c.activityId === homework.id)!;
    await t.db.insert(measurements).values([
      { criterionId: kept.id, year: 2025, valueNumber: 44 },
      { criterionId: homeworkCriterion.id, year: 2025, valueNumber: 20 },
    ]);

    const second = await insertImport({
      focusAreaId: area,
      unplaced: [],
      variant: 2,
      names: first.names,
    });
    const review = await getImportReview(t.db, secretariat(), plan.id, second.id);
    expect(review.existingAgreement).toEqual({ id: agreementId, state: "approved" });
    const saved = await saveImport(t.db, secretariat(), plan.id, second.id, {
      version: second.version,
    });
    expect(saved).toEqual({ agreementId, revision: true });
    const v2 = (await loadAgreementRecord(t.db, agreementId))!;
    // The unchanged criterion kept its row (and so its measurement); the removed activity with a
    // measured criterion was retired, not deleted.
    expect(v2.successCriteria.find((c) => c.text === "Andelen af beboere i job stiger")!.id).toBe(
      kept.id,
    );
    expect(byPosition(v2.activities).map((a) => a.name)).toEqual(["Jobcafé", "Praktikforløb"]);
    const [retired] = await t.db
      .select({ id: successCriteria.id })
      .from(successCriteria)
      .where(
        and(eq(successCriteria.id, homeworkCriterion.id), isNotNull(successCriteria.retiredAt)),
      );
    expect(retired).toBeTruthy();

    await submitRevision(t.db, secretariat(), plan.id, agreementId, {
      summary: "Ny version fra Word",
      recommendation: null,
    });
    const diff = (await getRevisionReview(t.db, board, plan.id, agreementId))!.diff;
    const changed = diff.sections.filter((s) => s.changed).map((s) => s.key);
    expect(changed).toEqual(expect.arrayContaining(["problem", "criteria", "financing"]));
    expect(changed).not.toContain("parties");
    expect(diff.activities.map((a) => [a.kind])).toEqual(
      expect.arrayContaining([["added"], ["removed"]]),
    );

    // While version 2 awaits the board, a third import for the area is refused.
    const third = await insertImport({ focusAreaId: area, unplaced: [], names: first.names });
    const review3 = await getImportReview(t.db, secretariat(), plan.id, third.id);
    expect(review3.existingAgreement).toEqual({ id: agreementId, state: "awaiting-board" });
    await expect(
      saveImport(t.db, secretariat(), plan.id, third.id, { version: third.version }),
    ).rejects.toBeInstanceOf(LockedError);
    const [{ n } = { n: -1 }] = await t.db
      .select({ n: count() })
      .from(agreements)
      .where(eq(agreements.planId, plan.id));
    expect(n).toBe(2);
  });

  it("reads the list and the review in a number of queries that does not grow with imports", async () => {
    const { db, queries } = createCountingDb(t);
    const area = await areaId("Uddannelse og livschancer");
    await createAgreement(t.db, plan, { focusArea: "Uddannelse og livschancer", activities: 2 });
    const { id } = await insertImport({ focusAreaId: area });
    queries.length = 0;
    await listImports(db, secretariat(), plan.id);
    const listFew = queries.length;
    queries.length = 0;
    await getImportReview(db, secretariat(), plan.id, id);
    const reviewFew = queries.length;
    for (let i = 0; i < 5; i++) await insertImport({ focusAreaId: area });
    const big = await insertImport({
      focusAreaId: area,
      unplaced: Array.from({ length: 30 }, (_, i) => `Note ${i}`),
    });
    queries.length = 0;
    await listImports(db, secretariat(), plan.id);
    expect(queries.length).toBe(listFew);
    queries.length = 0;
    const review = await getImportReview(db, secretariat(), plan.id, big.id);
    expect(queries.length).toBe(reviewFew);
    expect(review.existingAgreement).toMatchObject({ state: "draft" });
    expect(listFew).toBeLessThanOrEqual(3);
    expect(reviewFew).toBeLessThanOrEqual(8);
  });
});
