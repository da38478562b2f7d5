/**
 * The database's own guards of decided, approved and final data (migrations 0004, 0007, 0009 and
 * 0011), tried with raw SQL through the handle on both drivers: for each guard an INSERT, an UPDATE
 * and a DELETE that must be refused, and the statements the application itself makes that must
 * still pass (approving a newer version supersedes the old one; a fund decision writes its grant).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { ProgressReportNarrativeSchema } from "~/domain/progress-report";
import { savePurpose } from "~/models/agreements/sections.server";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { decideRevision, startRevision, submitRevision } from "~/models/revisions.server";
import {
  finaliseProgressReport,
  reopenProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import { parseRichText } from "~/domain/rich-text";

/** The database refuses the statement with its own message (the error's cause, under drizzle's). */
async function expectRefused(query: Promise<unknown>, pattern: RegExp) {
  const error = await query.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the database should refuse the statement").toBeInstanceOf(Error);
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
  expect(messages.join(" | ")).toMatch(pattern);
}

describe.each(drivers)("database guards on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The result rows of a raw query on either driver (postgres.js: an array; PGlite: rows). */
  async function select<T>(query: SQL, db: Pick<Db, "execute"> = t.db): Promise<T[]> {
    const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
    return Array.isArray(result) ? result : (result.rows ?? []);
  }

  describe("dispositionsfond grants", () => {
    it("refuses a year added to a decided grant, and changing or removing one", async () => {
      const grantId = t.demo.dispositionFund.grantId;
      const total = async () =>
        (
          await select<{ total: string }>(
            sql`select sum(amount)::text as total from fund_grant_years where grant_id = ${grantId}`,
          )
        )[0]!.total;
      const before = await total();
      await expectRefused(
        t.db.execute(
          sql`insert into fund_grant_years (grant_id, year, amount) values (${grantId}, 2031, 777777)`,
        ),
        /no year can be added/,
      );
      await expectRefused(
        t.db.execute(sql`update fund_grant_years set amount = 1 where grant_id = ${grantId}`),
        /grant cannot change/,
      );
      await expectRefused(
        t.db.execute(sql`delete from fund_grant_years where grant_id = ${grantId}`),
        /grant cannot change/,
      );
      expect(await total()).toBe(before);
    });

    it("refuses changing or removing a submitted yearly report on a grant (0009)", async () => {
      const grantId = t.demo.dispositionFund.grantId;
      await expectRefused(
        t.db.execute(
          sql`update fund_reports set spent = 1 where grant_id = ${grantId} and year = 2024`,
        ),
        /submitted and cannot change/,
      );
      await expectRefused(
        t.db.execute(sql`delete from fund_reports where grant_id = ${grantId} and year = 2024`),
        /submitted and cannot change/,
      );
      // A report is always on one of the grant's years: none for a year the grant does not have.
      await expectRefused(
        t.db.execute(
          sql`insert into fund_reports (grant_id, year, spent, status) values (${grantId}, 2031, 1, 'submitted')`,
        ),
        /fund_reports_grant_year_fk/,
      );
    });

    it("refuses a grant without an approved application, and changing or removing one", async () => {
      const { fundId, submittedApplicationId, grantId } = t.demo.dispositionFund;
      const [app] = await select<{ estate_id: number }>(
        sql`select estate_id from fund_applications where id = ${submittedApplicationId}`,
      );
      await expectRefused(
        t.db.execute(
          sql`insert into fund_grants (application_id, fund_id, estate_id) values (${submittedApplicationId}, ${fundId}, ${app!.estate_id})`,
        ),
        /needs an approved application/,
      );
      await expectRefused(
        t.db.execute(sql`update fund_grants set estate_id = estate_id where id = ${grantId}`),
        /grant cannot change/,
      );
      await expectRefused(
        t.db.execute(sql`delete from fund_grants where id = ${grantId}`),
        /grant cannot change/,
      );
    });

    it("a grant and its years can only be written together, in one transaction", async () => {
      // What decideApplication does, by hand: decide, then the grant and its years at once. A
      // savepoint inside the transaction (drizzle's nested transaction) is the same transaction.
      const { submittedApplicationId } = t.demo.dispositionFund;
      const rolledBack = new Error("roll back");
      const attempt = t.db.transaction(async (tx) => {
        await tx.execute(
          sql`update fund_applications set status = 'approved', decision_date = '2026-11-01', decided_at = now() where id = ${submittedApplicationId}`,
        );
        const [grant] = await select<{ id: number }>(
          sql`insert into fund_grants (application_id, fund_id, estate_id)
              select id, fund_id, estate_id from fund_applications where id = ${submittedApplicationId}
              returning id`,
          tx,
        );
        await tx.transaction(async (inner) => {
          await inner.execute(
            sql`insert into fund_grant_years (grant_id, year, amount) values (${grant!.id}, 2027, 1000)`,
          );
        });
        const years = await select<{ year: number }>(
          sql`select year from fund_grant_years where grant_id = ${grant!.id}`,
          tx,
        );
        expect(years).toEqual([{ year: 2027 }]);
        // Leave the demo data as it was for the other tests.
        throw rolledBack;
      });
      await expect(attempt).rejects.toBe(rolledBack);
    });
  });

  describe("dispositionsfond applications", () => {
    it("refuses an application created decided, a decision that skips submitting, and changes after", async () => {
      const { fundId, approvedApplicationId } = t.demo.dispositionFund;
      const [app] = await select<{ estate_id: number }>(
        sql`select estate_id from fund_applications where id = ${approvedApplicationId}`,
      );
      await expectRefused(
        t.db.execute(
          sql`insert into fund_applications (fund_id, estate_id, title, start_year, end_year, status, decision_date, decided_at)
              values (${fundId}, ${app!.estate_id}, 'Forbi beslutningen', 2026, 2026, 'approved', '2026-11-01', now())`,
        ),
        /cannot be created decided/,
      );
      const [draft] = await select<{ id: number }>(
        sql`insert into fund_applications (fund_id, estate_id, title, start_year, end_year)
            values (${fundId}, ${app!.estate_id}, 'Kladde', 2026, 2026) returning id`,
      );
      await expectRefused(
        t.db.execute(
          sql`update fund_applications set status = 'approved', decision_date = '2026-11-01', decided_at = now() where id = ${draft!.id}`,
        ),
        /is draft and cannot be decided/,
      );
      await t.db.execute(
        sql`insert into fund_application_years (application_id, year, requested_amount, own_contribution) values (${draft!.id}, 2026, 1, 0)`,
      );
      await expectRefused(
        t.db.execute(
          sql`update fund_applications set title = 'Ændret' where id = ${approvedApplicationId}`,
        ),
        /is decided/,
      );
      await expectRefused(
        t.db.execute(sql`delete from fund_applications where id = ${approvedApplicationId}`),
        /is decided/,
      );
      // Its budget rows: no row added, changed, removed or moved in (0009).
      await expectRefused(
        t.db.execute(
          sql`insert into fund_application_years (application_id, year, requested_amount, own_contribution) values (${approvedApplicationId}, 2031, 1, 0)`,
        ),
        /is decided/,
      );
      await expectRefused(
        t.db.execute(
          sql`update fund_application_years set application_id = ${approvedApplicationId} where application_id = ${draft!.id}`,
        ),
        /is decided/,
      );
      await t.db.execute(sql`delete from fund_applications where id = ${draft!.id}`);
    });
  });

  describe("agreement versions", () => {
    const approve = async (versionId: number, meetingDate: string) =>
      decideRevision(t.db, t.user("board"), t.demo.planId, t.demo.agreementId, versionId, {
        decision: "approve",
        meetingDate,
        note: null,
      });
    const versions = () =>
      select<{ id: number; number: number; status: string }>(
        sql`select id, number, status::text as status from agreement_versions where agreement_id = ${t.demo.agreementId} order by number`,
      );

    it("refuses a version created approved, a superseded one without a newer approval, and changes", async () => {
      const { planId, agreementId } = t.demo;
      const v1 = await submitRevision(t.db, t.user("secretariat"), planId, agreementId, {
        summary: "Første version",
        recommendation: null,
      });
      await approve(v1.id, "2026-11-20");

      await expectRefused(
        t.db.execute(
          sql`insert into agreement_versions (agreement_id, number, status, snapshot) values (${agreementId}, 9, 'superseded', '{}'::jsonb)`,
        ),
        /created as a proposal/,
      );
      await expectRefused(
        t.db.execute(
          sql`insert into agreement_versions (agreement_id, number, status, snapshot) values (${agreementId}, 9, 'rejected', '{}'::jsonb)`,
        ),
        /created as a proposal/,
      );
      // The current approved version cannot be set aside with no newer approved version.
      await expectRefused(
        t.db.execute(sql`update agreement_versions set status = 'superseded' where id = ${v1.id}`),
        /without a newer approved version/,
      );
      // Not even with a newer proposed version that was never approved.
      const secretariat = t.user("secretariat");
      await startRevision(t.db, secretariat, planId, agreementId, 2027);
      const record = await loadAgreementRecord(t.db, agreementId);
      await savePurpose(t.db, secretariat, planId, agreementId, record!.version, {
        purposes: ["Et nyt formål"],
        goals: [],
        method: parseRichText(""),
      });
      const v2 = await submitRevision(t.db, secretariat, planId, agreementId, {
        summary: "Anden version",
        recommendation: null,
      });
      await expectRefused(
        t.db.execute(sql`update agreement_versions set status = 'superseded' where id = ${v1.id}`),
        /without a newer approved version/,
      );
      await expectRefused(
        t.db.execute(sql`update agreement_versions set status = 'superseded' where id = ${v2.id}`),
        /never approved/,
      );
      await expectRefused(
        t.db.execute(sql`update agreement_versions set summary = 'ændret' where id = ${v1.id}`),
        /immutable/,
      );
      await expectRefused(
        t.db.execute(sql`delete from agreement_versions where id = ${v1.id}`),
        /cannot be deleted/,
      );
      expect((await versions()).map((v) => v.status)).toEqual(["approved", "proposed"]);

      // The board's approval supersedes v1 in the same transaction: allowed.
      await approve(v2.id, "2027-01-15");
      expect((await versions()).map((v) => v.status)).toEqual(["superseded", "approved"]);
      // A superseded version stays as it is.
      await expectRefused(
        t.db.execute(sql`update agreement_versions set status = 'approved' where id = ${v1.id}`),
        /immutable/,
      );
    });
  });

  describe("final progress reports and their figures", () => {
    const year = 2024;
    let criterionId = 0;
    let sourceId = 0;

    it("refuses a report created final, and a final report's figures inserted, changed, moved or deleted", async () => {
      const { planId, agreementId } = t.demo;
      const reporter = t.user("reporter");
      const [criterion] = await select<{ id: number }>(
        sql`select id from success_criteria where agreement_id = ${agreementId} order by id limit 2`,
      );
      const [other] = await select<{ id: number }>(
        sql`select id from success_criteria where agreement_id = ${agreementId} order by id desc limit 1`,
      );
      const [source] = await select<{ id: number }>(
        sql`select id from funding_sources where agreement_id = ${agreementId} order by id limit 1`,
      );
      criterionId = criterion!.id;
      sourceId = source!.id;
      await t.db.execute(
        sql`insert into measurements (criterion_id, year, value_number, status) values (${criterionId}, ${year}, 10, 'met')`,
      );
      await t.db.execute(
        sql`insert into measurements (criterion_id, year, value_number, status) values (${other!.id}, ${year - 1}, 10, 'met')`,
      );
      await t.db.execute(
        sql`insert into spending (funding_source_id, year, amount) values (${sourceId}, ${year}, 5000)`,
      );

      await expectRefused(
        t.db.execute(
          sql`insert into progress_reports (plan_id, year, status, snapshot, finalised_at) values (${planId}, 2030, 'final', '{}'::jsonb, now())`,
        ),
        /created as a draft/,
      );

      const version = await saveProgressReportNarrative(
        t.db,
        reporter,
        planId,
        year,
        0,
        ProgressReportNarrativeSchema.parse({
          summary: "Året gik godt.",
          whatWorked: "",
          nextYear: "",
          activityNotes: [],
        }),
      );
      await finaliseProgressReport(t.db, reporter, planId, year, version);

      // The report itself (0007).
      await expectRefused(
        t.db.execute(
          sql`update progress_reports set summary = null where plan_id = ${planId} and year = ${year}`,
        ),
        /is final/,
      );
      await expectRefused(
        t.db.execute(
          sql`delete from progress_reports where plan_id = ${planId} and year = ${year}`,
        ),
        /is final/,
      );

      // Its measurements: no new one, no change, none moved in or out, none deleted.
      const refused = /measurements are locked/;
      await expectRefused(
        t.db.execute(
          sql`insert into measurements (criterion_id, year, value_number) values (${other!.id}, ${year}, 1)`,
        ),
        refused,
      );
      await expectRefused(
        t.db.execute(
          sql`update measurements set value_number = 99 where criterion_id = ${criterionId} and year = ${year}`,
        ),
        refused,
      );
      await expectRefused(
        t.db.execute(
          sql`update measurements set year = ${year} where criterion_id = ${other!.id} and year = ${year - 1}`,
        ),
        refused,
      );
      await expectRefused(
        t.db.execute(
          sql`delete from measurements where criterion_id = ${criterionId} and year = ${year}`,
        ),
        refused,
      );
      // Deleting the criterion would take its final year's measurement along: refused too.
      await expectRefused(
        t.db.execute(sql`delete from success_criteria where id = ${criterionId}`),
        refused,
      );

      await expectRefused(
        t.db.execute(sql`delete from funding_sources where id = ${sourceId}`),
        /spending is locked/,
      );
      // Its spend, likewise.
      const spendRefused = /spending is locked/;
      await expectRefused(
        t.db.execute(
          sql`update spending set amount = 1 where funding_source_id = ${sourceId} and year = ${year}`,
        ),
        spendRefused,
      );
      await expectRefused(
        t.db.execute(
          sql`delete from spending where funding_source_id = ${sourceId} and year = ${year}`,
        ),
        spendRefused,
      );
      await expectRefused(
        t.db.execute(
          sql`insert into spending (funding_source_id, year, amount) values (${sourceId + 1}, ${year}, 1)`,
        ),
        spendRefused,
      );
      expect(
        await select<{ value: string }>(
          sql`select value_number::text as value from measurements where criterion_id = ${criterionId} and year = ${year}`,
        ),
      ).toEqual([{ value: "10.00" }]);
    });

    it("refuses moving a criterion or funding source (with its figures) to another agreement", async () => {
      const [otherAgreement] = await select<{ id: number }>(
        sql`select a.id from agreements a where a.id <> ${t.demo.agreementId} order by id limit 1`,
      );
      const target = otherAgreement?.id ?? t.demo.agreementId + 1000;
      await expectRefused(
        t.db.execute(
          sql`update success_criteria set agreement_id = ${target} where id = ${criterionId}`,
        ),
        /cannot move/,
      );
      await expectRefused(
        t.db.execute(
          sql`update funding_sources set agreement_id = ${target} where id = ${sourceId}`,
        ),
        /cannot move/,
      );
      const [activity] = await select<{ id: number }>(
        sql`select id from activities where agreement_id = ${t.demo.agreementId} order by id limit 1`,
      );
      await expectRefused(
        t.db.execute(
          sql`update success_criteria set activity_id = ${activity!.id} where id = ${criterionId}`,
        ),
        /cannot move/,
      );
      await expectRefused(
        t.db.execute(
          sql`update activities set agreement_id = ${target} where id = ${activity!.id}`,
        ),
        /cannot move/,
      );
    });

    it("an administrator's reopening still unlocks the year", async () => {
      const { planId } = t.demo;
      const [report] = await select<{ version: number }>(
        sql`select version from progress_reports where plan_id = ${planId} and year = ${year}`,
      );
      await reopenProgressReport(t.db, t.user("admin"), planId, year, report!.version, "Rettelse");
      await t.db.execute(
        sql`update measurements set value_number = 11 where criterion_id = ${criterionId} and year = ${year}`,
      );
      await t.db.execute(
        sql`delete from spending where funding_source_id = ${sourceId} and year = ${year}`,
      );
    });
  });
});
