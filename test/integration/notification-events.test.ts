/**
 * The events that notify (issue 20, item 2), on both drivers: a submitted revision reaches the
 * board of that plan only, a decision or a return its secretariat, a submitted application the
 * fund's administrators, a decided one the estate's applicants; never the actor, never an
 * inactive user, once per event. Each is written in the transaction of the write itself.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, users } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import {
  createAgreement,
  createApplication,
  createFund,
  createOrganisation,
  createPlan,
  createUser,
  type CreatedAgreement,
  type CreatedFund,
  type CreatedPlan,
} from "../helpers/factories";
import type { SessionUser } from "~/domain/user";
import { decideApplication, submitApplication } from "~/models/fund-applications.server";
import { notify } from "~/models/notifications.server";
import { decideRevision, submitRevision } from "~/models/revisions.server";
import {
  decideStrategicVersion,
  saveStrategicContent,
  submitStrategicAgreement,
} from "~/models/strategic-agreements.server";
import { addOrganisationMembership } from "~/models/users.server";
import { FieldValidationError } from "~/models/errors.server";

type Row = { userId: number; kind: string; title: string; path: string };

describe.each(drivers)("notification events on %s", (driver) => {
  let t: TestDb;
  let plan: CreatedPlan;
  let other: CreatedPlan;
  let agreement: CreatedAgreement;
  let secretariat: SessionUser;
  let secretariat2: SessionUser;
  let board: SessionUser;
  let board2: SessionUser;
  let inactiveBoard: SessionUser;

  /** The notifications of these users (or of everyone), oldest first. */
  async function notificationsOf(userIds: number[]): Promise<Row[]> {
    return t.db
      .select({
        userId: notifications.userId,
        kind: notifications.kind,
        title: notifications.title,
        path: notifications.path,
      })
      .from(notifications)
      .where(inArray(notifications.userId, userIds))
      .orderBy(asc(notifications.id));
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    const [b1, b2, b3] = [await createUser(t.db), await createUser(t.db), await createUser(t.db)];
    plan = await createPlan(t.db, {
      members: {
        secretariat: [await createUser(t.db), await createUser(t.db)],
        board: [b1, b2, b3],
        reporter: true,
        viewer: true,
      },
    });
    [secretariat, secretariat2] = plan.members.secretariat! as [SessionUser, SessionUser];
    [board, board2, inactiveBoard] = [b1, b2, b3];
    await t.db.update(users).set({ active: false }).where(eq(users.id, inactiveBoard.id));
    other = await createPlan(t.db, { members: { secretariat: true, board: true } });
    agreement = await createAgreement(t.db, plan);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const everyone = () =>
    [...Object.values(plan.members).flat(), ...Object.values(other.members).flat()].map(
      (u) => u.id,
    );

  it("tells the plan's active board members, and no one else, that a revision awaits them", async () => {
    const version = await submitRevision(t.db, secretariat, plan.id, agreement.id, {
      summary: "Første version",
      recommendation: null,
    });
    const rows = await notificationsOf(everyone());
    expect(rows.map((r) => r.userId).sort()).toEqual([board.id, board2.id].sort());
    const year = new Date().getFullYear();
    for (const row of rows) {
      expect(row.kind).toBe("revision_submitted");
      expect(row.title).toBe(
        `Revision ${year} af «Delaftale for indsatsområdet ${agreement.focusArea}» afventer bestyrelsens beslutning`,
      );
      expect(row.path).toBe(`/plans/${plan.id}/agreements/${agreement.id}/review`);
    }

    // The board approves: the secretariat hears of it, the deciding board member does not.
    await decideRevision(t.db, board, plan.id, agreement.id, version.id, {
      decision: "approve",
      meetingDate: "2026-11-30",
      note: null,
    });
    const decided = (await notificationsOf(everyone())).filter(
      (r) => r.kind === "revision_decided",
    );
    expect(decided.map((r) => r.userId).sort()).toEqual([secretariat.id, secretariat2.id].sort());
    expect(decided[0]!.title).toBe(
      `Bestyrelsen har godkendt version 1 af «Delaftale for indsatsområdet ${agreement.focusArea}»`,
    );
    expect(decided[0]!.path).toBe(`/plans/${plan.id}/agreements/${agreement.id}`);
  });

  it("tells the secretariat when the board sends a revision back, without the board's note", async () => {
    const fresh = await createAgreement(t.db, plan);
    const version = await submitRevision(t.db, secretariat2, plan.id, fresh.id, {
      summary: "Til beslutning",
      recommendation: null,
    });
    await decideRevision(t.db, board2, plan.id, fresh.id, version.id, {
      decision: "reject",
      meetingDate: "2026-11-30",
      note: "Fortroligt: budgettet holder ikke",
    });
    const returned = await t.db
      .select({
        userId: notifications.userId,
        title: notifications.title,
        body: notifications.body,
        path: notifications.path,
      })
      .from(notifications)
      .where(eq(notifications.kind, "revision_returned"));
    // Both of the plan's secretariat members: the one who submitted it is not the actor here.
    expect(returned.map((r) => r.userId).sort()).toEqual([secretariat.id, secretariat2.id].sort());
    expect(returned[0]!.title).toBe(
      `Bestyrelsen har sendt «Delaftale for indsatsområdet ${fresh.focusArea}» tilbage til sekretariatet`,
    );
    expect(returned[0]!.path).toBe(`/plans/${plan.id}/agreements/${fresh.id}/revision`);
    expect(JSON.stringify(returned)).not.toContain("Fortroligt");
  });

  it("notifies nobody when the write is refused (the notification is part of its transaction)", async () => {
    const incomplete = await createAgreement(t.db, plan, { criteria: 0, criteriaPerActivity: 0 });
    const before = (await notificationsOf(everyone())).length;
    await expect(
      submitRevision(t.db, secretariat, plan.id, incomplete.id, {
        summary: "x",
        recommendation: null,
      }),
    ).rejects.toBeInstanceOf(FieldValidationError);
    expect((await notificationsOf(everyone())).length).toBe(before);
  });

  it("notifies a user once per dedupe key, and never the actor", async () => {
    const input = {
      kind: "report_due" as const,
      recipients: { planId: plan.id, roles: ["secretariat", "reporter"] as const },
      actorId: secretariat.id,
      title: "Statusrapport 2026 skal afleveres om 14 dage",
      path: `/plans/${plan.id}/reports/2026`,
      planId: plan.id,
      dedupeKey: "test:report:2026:-14",
    };
    expect(await notify(t.db, input)).toBe(2);
    expect(await notify(t.db, input)).toBe(0);
    const rows = await t.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.dedupeKey, "test:report:2026:-14"));
    expect(rows.map((r) => r.userId).sort()).toEqual(
      [secretariat2.id, plan.members.reporter![0]!.id].sort(),
    );
  });

  it("sends the strategic agreement's proposal to the board and the decision to the secretariat", async () => {
    const strategic = await createPlan(t.db, {
      periodStart: "2027-01-01",
      periodEnd: "2030-12-31",
      members: { secretariat: true, board: [await createUser(t.db), await createUser(t.db)] },
    });
    const [sBoard, sBoard2] = strategic.members.board! as [SessionUser, SessionUser];
    const sSecretariat = strategic.members.secretariat![0]!;
    const body = (name: string) => ({ name, description: null, members: [] });
    await saveStrategicContent(t.db, sSecretariat, strategic.id, 0, {
      parties: [
        { organisationId: null, name: "Testby Kommune", signatoryName: null, signatoryTitle: null },
      ],
      vision: "En tryg bydel.",
      objectives: [{ key: "", text: "Flere i job" }],
      board: { ...body("Bestyrelsen"), termsOfReference: null },
      followGroup: body("Følgegruppen"),
      secretariat: body("Sekretariatet"),
      focusAreaGoals: [],
      clauses: [],
    });
    await submitStrategicAgreement(t.db, sSecretariat, strategic.id, { summary: "Første udgave" });
    const ids = [sBoard.id, sBoard2.id, sSecretariat.id];
    const submitted = await notificationsOf(ids);
    expect(submitted.map((r) => [r.userId, r.kind]).sort()).toEqual(
      [
        [sBoard.id, "revision_submitted"],
        [sBoard2.id, "revision_submitted"],
      ].sort(),
    );
    expect(submitted[0]!.path).toBe(`/plans/${strategic.id}/strategy/versions/1`);
    expect(submitted[0]!.title).toMatch(/^Version 1 af «.+» afventer bestyrelsens beslutning$/);

    await decideStrategicVersion(t.db, sBoard, strategic.id, 1, {
      decision: "approve",
      meetingDate: "2027-02-01",
      note: null,
    });
    const decided = (await notificationsOf(ids)).filter((r) => r.kind === "revision_decided");
    expect(decided.map((r) => r.userId)).toEqual([sSecretariat.id]);
    expect(decided[0]!.title).toMatch(/^Bestyrelsen har godkendt version 1 af «.+»$/);
  });

  describe("the dispositionsfond", () => {
    let fund: CreatedFund;
    let fundAdmin2: SessionUser;
    let otherEstateApplicant: SessionUser;
    let otherFund: CreatedFund;

    beforeAll(async () => {
      fund = await createFund(t.db);
      otherFund = await createFund(t.db);
      fundAdmin2 = await createUser(t.db);
      await addOrganisationMembership(t.db, null, fundAdmin2.id, {
        organisationId: fund.organisationId,
        role: "fund_admin",
        estateId: null,
      });
      const estate = await createOrganisation(t.db, {
        kind: "estate",
        parentId: fund.organisationId,
      });
      otherEstateApplicant = await createUser(t.db);
      await addOrganisationMembership(t.db, null, otherEstateApplicant.id, {
        organisationId: fund.organisationId,
        role: "applicant",
        estateId: estate.id,
      });
    }, 120_000);

    const fundPeople = () =>
      [
        fund.fundAdmin,
        fundAdmin2,
        fund.applicant,
        otherEstateApplicant,
        otherFund.fundAdmin,
        otherFund.applicant,
      ].map((u) => u.id);

    it("tells the fund's administrators of a submitted application, and its applicants of the decision", async () => {
      const draft = await createApplication(
        t.db,
        { fundId: fund.fundId, applicant: fund.applicant, estateId: fund.estateId },
        { state: "draft" },
      );
      const scope = { fundId: fund.fundId, applicationId: draft.id };
      const version = await submitApplication(t.db, fund.applicant, scope, draft.version);
      const submitted = await notificationsOf(fundPeople());
      expect(submitted.map((r) => r.userId).sort()).toEqual(
        [fund.fundAdmin.id, fundAdmin2.id].sort(),
      );
      expect(submitted.every((r) => r.kind === "application_submitted")).toBe(true);
      expect(submitted[0]!.path).toBe(`/funds/${fund.fundId}/applications/${draft.id}`);
      expect(submitted[0]!.title).toMatch(/^Ny ansøgning til Dispositionsfond .+: «Ansøgning .+»$/);

      await decideApplication(t.db, fund.fundAdmin, scope, version, {
        decision: "rejected",
        decisionDate: "2026-12-01",
        conditions: null,
        amounts: [],
      });
      const decided = (await notificationsOf(fundPeople())).filter(
        (r) => r.kind === "application_decided",
      );
      // The estate's applicant (who also submitted it) once; not another estate's applicant.
      expect(decided.map((r) => r.userId)).toEqual([fund.applicant.id]);
      expect(decided[0]!.title).toMatch(/^Afgørelse om «Ansøgning .+»: afslået$/);
      expect(decided[0]!.path).toBe(`/funds/${fund.fundId}/applications/${draft.id}`);
    });

    it("tells a fund administrator who submitted for an estate of the decision, not the one who decided", async () => {
      const draft = await createApplication(
        t.db,
        { fundId: fund.fundId, applicant: fund.fundAdmin, estateId: fund.estateId },
        { state: "draft" },
      );
      const scope = { fundId: fund.fundId, applicationId: draft.id };
      const before = (await notificationsOf(fundPeople())).length;
      const version = await submitApplication(t.db, fundAdmin2, scope, draft.version);
      const submitted = (await notificationsOf(fundPeople())).slice(before);
      // The submitting administrator is the actor: only the other one hears of it.
      expect(submitted.map((r) => r.userId)).toEqual([fund.fundAdmin.id]);
      await decideApplication(t.db, fund.fundAdmin, scope, version, {
        decision: "approved",
        decisionDate: "2026-12-01",
        conditions: null,
        amounts: [],
      });
      const decided = (await notificationsOf(fundPeople()))
        .slice(before)
        .filter((r) => r.kind === "application_decided");
      expect(decided.map((r) => r.userId).sort()).toEqual(
        [fund.applicant.id, fundAdmin2.id].sort(),
      );
      expect(decided[0]!.title).toMatch(/: bevilget som ansøgt$/);
    });
  });

  it("keeps another plan's members out of every event above", async () => {
    const rows = await t.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          inArray(
            notifications.userId,
            Object.values(other.members)
              .flat()
              .map((u) => u.id),
          ),
        ),
      );
    expect(rows).toEqual([]);
  });
});
