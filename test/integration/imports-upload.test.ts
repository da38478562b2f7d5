/**
 * Uploading Word files to import, through the models as the routes call them, on both drivers:
 * every hostile file and a document that is not a delaftale are refused with a Danish message and
 * leave no rows; each fixture delaftale goes through upload, review, placing, discarding and
 * saving, and the same file again becomes a revision draft whose diff shows what differs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { agreementImports, agreements, organisations, people } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { createPlan, type CreatedPlan } from "../helpers/factories";
import { IMPORT_FIXTURES, notAnAgreement, type ImportFixture } from "../fixtures/import";
import { HOSTILE_FILES } from "../helpers/hostile-docx";
import {
  chooseImportFocusArea,
  createImports,
  discardImportBlock,
  getImportFile,
  getImportReview,
  placeImportBlock,
  saveImport,
} from "~/models/imports/index.server";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { decideRevision, submitRevision } from "~/models/revisions.server";
import { getRevisionReview } from "~/models/revision-views.server";
import { FieldValidationError, ForbiddenError, NotFoundError } from "~/models/errors.server";

/** Rows as the document lists them (a record's lists come in the database's order). */
const byPosition = <T extends { position: number }>(rows: T[]) =>
  [...rows].sort((a, b) => a.position - b.position);

describe.each(drivers)("uploading Word files to import on %s", (driver) => {
  let t: TestDb;
  let plan: CreatedPlan;
  let other: CreatedPlan;
  beforeAll(async () => {
    t = await createTestDb(driver);
    plan = await createPlan(t.db, { members: { secretariat: true, board: true } });
    other = await createPlan(t.db, { members: { secretariat: true } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const secretariat = () => plan.members.secretariat![0]!;

  // --- uploading Word files ----------------------------------------------------------------------

  const rowCounts = async () => {
    const [[i], [a], [o], [p]] = await Promise.all([
      t.db.select({ n: count() }).from(agreementImports),
      t.db.select({ n: count() }).from(agreements),
      t.db.select({ n: count() }).from(organisations),
      t.db.select({ n: count() }).from(people),
    ]);
    return { imports: i!.n, agreements: a!.n, organisations: o!.n, people: p!.n };
  };

  /** A plan of the fixture's round and period, with a secretariat of its own. */
  const fixturePlan = (fixture: ImportFixture) =>
    createPlan(t.db, {
      name: fixture.plan.name,
      roundCode: fixture.fundingRound,
      periodStart: fixture.plan.periodStart,
      periodEnd: fixture.plan.periodEnd,
      members: { secretariat: true, board: true },
    });

  it("refuses every hostile file with its Danish message and creates nothing", async () => {
    const fixture = IMPORT_FIXTURES[0]!;
    const good = { name: "god.docx", bytes: new Uint8Array(await fixture.build()) };
    const before = await rowCounts();
    for (const build of HOSTILE_FILES) {
      const hostile = build();
      // With a good file beside it: all files or none.
      const error = await createImports(t.db, secretariat(), plan.id, [
        good,
        { name: hostile.name, bytes: hostile.bytes },
      ]).catch((e: unknown) => e);
      expect(error, hostile.name).toBeInstanceOf(FieldValidationError);
      const message = (error as FieldValidationError).errors.files!;
      expect(message, hostile.name).toContain(hostile.name.split(/[\\/]/).pop()!.slice(0, 20));
      expect(message).not.toMatch(/undefined|Error|\bat\b .*\.ts/);
    }
    expect(await rowCounts()).toEqual(before);
  }, 120_000);

  it("refuses a Word file that is not a delaftale, naming it, and creates nothing", async () => {
    const before = await rowCounts();
    const minutes = new Uint8Array(await notAnAgreement.build());
    const error = await createImports(t.db, secretariat(), plan.id, [
      { name: "referat.docx", bytes: minutes },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldValidationError);
    expect((error as FieldValidationError).errors.files).toMatch(
      /^"referat\.docx" ligner ikke en delaftale: /,
    );
    expect(await rowCounts()).toEqual(before);
    await expect(
      createImports(t.db, plan.members.board![0]!, plan.id, [
        { name: "referat.docx", bytes: minutes },
      ]),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createImports(t.db, other.members.secretariat![0]!, plan.id, [
        { name: "referat.docx", bytes: minutes },
      ]),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  for (const fixture of IMPORT_FIXTURES) {
    it(`imports «${fixture.name}»: upload, review, place, discard, save, and the same file again as a revision`, async () => {
      const fplan = await fixturePlan(fixture);
      const user = fplan.members.secretariat![0]!;
      const bytes = new Uint8Array(await fixture.build());
      const [created] = await createImports(t.db, user, fplan.id, [
        { name: `${fixture.name}.docx`, bytes },
      ]);
      const review = await getImportReview(t.db, user, fplan.id, created!.id);
      expect(review.fileName).toBe(`${fixture.name}.docx`);
      expect(review.fileSize).toBe(bytes.byteLength);
      expect(review.status).toBe("review");
      const area = review.focusArea.options.find((o) => o.name === fixture.plan.focusAreaName)!;
      // Matched by name when the document's title names the area.
      if (review.recognition.draft.focusAreaName === fixture.plan.focusAreaName)
        expect(review.focusArea.chosenId).toBe(area.id);
      let { version } = review;
      if (review.focusArea.chosenId !== area.id)
        ({ version } = await chooseImportFocusArea(t.db, user, fplan.id, created!.id, {
          version,
          focusAreaId: area.id,
        }));
      // The first unplaced block goes into the method, the rest are discarded.
      const unplaced = review.recognition.destinations
        .map((d, i) => (d.kind === "unplaced" ? i : -1))
        .filter((i) => i >= 0);
      for (const [n, block] of unplaced.entries()) {
        ({ version } =
          n === 0
            ? await placeImportBlock(t.db, user, fplan.id, created!.id, {
                version,
                block,
                target: { section: "method" },
              })
            : await discardImportBlock(t.db, user, fplan.id, created!.id, { version, block }));
      }
      const ready = await getImportReview(t.db, user, fplan.id, created!.id);
      expect(ready.coverage.unplacedWords).toBe(0);
      const saved = await saveImport(t.db, user, fplan.id, created!.id, { version });
      expect(saved.revision).toBe(false);

      // The saved agreement holds every part of the reviewed draft.
      const draft = ready.recognition.draft;
      const record = (await loadAgreementRecord(t.db, saved.agreementId))!;
      expect(record.focusArea.name).toBe(fixture.plan.focusAreaName);
      expect(record.parties).toHaveLength(draft.parties.length);
      expect(byPosition(record.workingGroups).map((g) => g.members.length)).toEqual(
        draft.workingGroups.map((g) => g.members.length),
      );
      expect(record.purposes).toEqual(draft.purposes);
      expect(byPosition(record.goals.filter((g) => g.parentId == null)).map((g) => g.text)).toEqual(
        draft.goals.map((g) => g.text),
      );
      expect(
        byPosition(record.successCriteria.filter((c) => c.activityId == null)).map((c) => c.text),
      ).toEqual(draft.successCriteria.map((c) => c.text));
      expect(byPosition(record.activities).map((a) => a.name)).toEqual(
        draft.activities.map((a) => a.name),
      );
      expect(byPosition(record.activities).map((a) => a.responsibilities.length)).toEqual(
        draft.activities.map((a) => a.responsibilities.length),
      );
      expect(byPosition(record.fundingSources).map((s) => s.kind)).toEqual(
        draft.fundingSources.map((s) => s.kind),
      );
      expect(byPosition(record.staffResources).map((s) => s.description)).toEqual(draft.staff);
      expect(record.activities.length).toBeGreaterThan(0);
      expect(record.parties.length).toBeGreaterThan(0);
      if (unplaced.length)
        expect(JSON.stringify(record.method)).toContain(
          JSON.stringify(review.source.blocks[unplaced[0]!]!.text).slice(1, 30),
        );
      expect(
        Buffer.from((await getImportFile(t.db, user, fplan.id, created!.id)).bytes).equals(
          Buffer.from(bytes),
        ),
      ).toBe(true);

      // Approved; the same file again is a revision draft, and the board's diff shows only what
      // differs: the paragraph the first review placed into the method and the second discarded.
      const board = fplan.members.board![0]!;
      await submitRevision(t.db, user, fplan.id, saved.agreementId, {
        summary: "Importeret",
        recommendation: null,
      });
      const { proposed } = (await getRevisionReview(t.db, board, fplan.id, saved.agreementId))!;
      await decideRevision(t.db, board, fplan.id, saved.agreementId, proposed.id, {
        decision: "approve",
        meetingDate: fixture.plan.periodStart,
        note: null,
      });
      const [again] = await createImports(t.db, user, fplan.id, [
        { name: `${fixture.name}.docx`, bytes },
      ]);
      let next = (await getImportReview(t.db, user, fplan.id, again!.id)).version;
      const second = await getImportReview(t.db, user, fplan.id, again!.id);
      expect(second.existingAgreement).toEqual({ id: saved.agreementId, state: "approved" });
      if (second.focusArea.chosenId !== area.id)
        ({ version: next } = await chooseImportFocusArea(t.db, user, fplan.id, again!.id, {
          version: next,
          focusAreaId: area.id,
        }));
      for (const [block, d] of second.recognition.destinations.entries())
        if (d.kind === "unplaced")
          ({ version: next } = await discardImportBlock(t.db, user, fplan.id, again!.id, {
            version: next,
            block,
          }));
      const second_saved = await saveImport(t.db, user, fplan.id, again!.id, { version: next });
      expect(second_saved).toEqual({ agreementId: saved.agreementId, revision: true });
      await submitRevision(t.db, user, fplan.id, saved.agreementId, {
        summary: "Importeret igen",
        recommendation: null,
      });
      const diff = (await getRevisionReview(t.db, board, fplan.id, saved.agreementId))!.diff;
      // Only the method differs: the first import placed a paragraph there, the second discarded it.
      expect(diff.sections.filter((s) => s.changed).map((s) => s.key)).toEqual(
        unplaced.length ? ["method"] : [],
      );
      expect(diff.activities.filter((a) => a.kind !== "unchanged")).toEqual([]);
    }, 120_000);
  }
});
