import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { auditEvents, focusAreas } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { activity, criterion } from "../fixtures/agreement";
import { createActivity, moveActivity, saveActivity } from "~/models/agreements/activities.server";
import { createAgreement } from "~/models/agreements/create.server";
import { getAgreementView, getPlanAgreements } from "~/models/agreements/read.server";
import {
  saveCriteria,
  saveFinancing,
  saveParties,
  savePurpose,
  saveWorkingGroups,
} from "~/models/agreements/sections.server";
import {
  ConflictError,
  FieldValidationError,
  ForbiddenError,
  NotFoundError,
} from "~/models/errors.server";
import { agreementChecklist, isReadyForApproval } from "~/domain/agreement-view";
import { parseRichText } from "~/domain/rich-text";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

describe.each(drivers)("agreements on %s", (driver) => {
  let t: TestDb;
  let focusAreaIds: number[];
  beforeAll(async () => {
    t = await createTestDb(driver);
    const rows = await t.db.select().from(focusAreas).where(eq(focusAreas.fundingRoundId, 3));
    focusAreaIds = rows.sort((a, b) => a.position - b.position).map((r) => r.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (focusAreaId: number, validFrom = "2023-01-01", validTo = "2026-12-31") =>
    createAgreement(t.db, t.user("secretariat"), t.demo.planId, {
      focusAreaId,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom,
      validTo,
    });

  it("creates an agreement with the standard texts and enforces R3 and R5", async () => {
    const agreement = await create(focusAreaIds[0]!);
    const { view } = await getAgreementView(t.db, t.user("viewer"), t.demo.planId, agreement.id);
    expect(view.title).toBe("Delaftale for indsatsområdet Uddannelse og livschancer");
    // Standard clauses are printed only when the secretariat chooses them.
    expect(view.conflictHandling).toBeNull();
    expect(view.budget.years).toEqual([2023, 2024, 2025, 2026]);
    expect(view.validityText).toBe("Aftalen gælder fra den 1. januar 2023 – 31. december 2026.");

    await expect(create(focusAreaIds[0]!)).rejects.toMatchObject({
      errors: { focusAreaId: "Planen har allerede en delaftale for dette indsatsområde" },
    });
    // A focus area of another funding round.
    const [other] = await t.db.select().from(focusAreas).where(eq(focusAreas.fundingRoundId, 1));
    await expect(create(other!.id)).rejects.toBeInstanceOf(FieldValidationError);
    await expect(create(focusAreaIds[1]!, "2022-06-01", "2026-12-31")).rejects.toMatchObject({
      errors: { validFrom: "Delaftalen kan ikke begynde før planens periode" },
    });
  });

  it("refuses editing to board members and hides the agreement from other plans", async () => {
    const agreement = await create(focusAreaIds[1]!);
    await expect(
      savePurpose(t.db, t.user("board"), t.demo.planId, agreement.id, agreement.version, {
        purposes: [],
        goals: [],
        method: parseRichText(""),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      getAgreementView(t.db, t.user("otherPlan"), t.demo.planId, agreement.id),
    ).rejects.toBeInstanceOf(NotFoundError);
    // The right agreement id under the wrong plan is not found either.
    await expect(
      getAgreementView(t.db, t.user("admin"), t.demo.otherPlanId, agreement.id),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("saves sections in order, keeps row ids, detects concurrent edits and audits", async () => {
    const user = t.user("secretariat");
    const agreement = await create(focusAreaIds[2]!);
    let version = agreement.version;
    await saveParties(t.db, user, t.demo.planId, agreement.id, version++, {
      parties: [
        {
          id: null,
          tier: "primary",
          groupHeading: "Ejendomskontorer",
          organisationId: t.demo.organisationIds.strandengen!,
          newOrganisationName: null,
          label: null,
          contactPersonId: null,
          newContactName: "Rasmus Friis",
          newContactTitle: "Ejendomsleder",
        },
        {
          id: null,
          tier: "primary",
          groupHeading: "Ejendomskontorer",
          organisationId: t.demo.organisationIds.solsikkeparken!,
          newOrganisationName: null,
          label: null,
          contactPersonId: null,
          newContactName: null,
          newContactTitle: null,
        },
        {
          id: null,
          tier: "secondary",
          groupHeading: null,
          organisationId: null,
          newOrganisationName: null,
          label: "2 foreninger for unge",
          contactPersonId: null,
          newContactName: null,
          newContactTitle: null,
        },
        {
          id: null,
          tier: "secondary",
          groupHeading: null,
          organisationId: null,
          newOrganisationName: "Kulturhuset Fyrtårnet",
          label: null,
          contactPersonId: null,
          newContactName: null,
          newContactTitle: null,
        },
      ],
    });
    let { view } = await getAgreementView(t.db, user, t.demo.planId, agreement.id);
    expect(view.parties.primary).toEqual([
      {
        heading: "Ejendomskontorer",
        parties: [
          {
            id: expect.any(Number),
            name: "Afd. 12 Strandengen",
            contact: "v. ejendomsleder Rasmus Friis",
          },
          { id: expect.any(Number), name: "Afd. 4 Solsikkeparken", contact: null },
        ],
      },
    ]);
    expect(view.parties.secondary[0]!.parties.map((p) => p.name)).toEqual([
      "2 foreninger for unge",
      "Kulturhuset Fyrtårnet",
    ]);

    // Reorder: the second party first; ids are kept.
    const [first, second] = view.parties.primary[0]!.parties;
    const stale = version;
    await saveParties(t.db, user, t.demo.planId, agreement.id, version++, {
      parties: [second!, first!].map((p) => ({
        id: p.id,
        tier: "primary" as const,
        groupHeading: "Ejendomskontorer",
        organisationId: p.name.includes("Solsikke")
          ? t.demo.organisationIds.solsikkeparken!
          : t.demo.organisationIds.strandengen!,
        newOrganisationName: null,
        label: null,
        contactPersonId: null,
        newContactName: null,
        newContactTitle: null,
      })),
    });
    ({ view } = await getAgreementView(t.db, user, t.demo.planId, agreement.id));
    expect(view.parties.primary[0]!.parties.map((p) => p.id)).toEqual([second!.id, first!.id]);
    expect(view.parties.secondary).toEqual([]);

    await expect(
      saveCriteria(t.db, user, t.demo.planId, agreement.id, stale, {
        criteria: [criterion("x", "y")],
      }),
    ).rejects.toBeInstanceOf(ConflictError);

    await saveCriteria(t.db, user, t.demo.planId, agreement.id, version++, {
      criteria: [
        criterion("Andelen af trygge beboere stiger", "Tryghedsmåling", {
          baselineValue: 68,
          baselineUnit: "%",
          baselineYear: 2022,
          targetValue: 80,
          targetUnit: "%",
          targetYear: 2026,
        }),
        criterion("Flere frivillige", "Sekretariatets registrering"),
      ],
    });
    await saveWorkingGroups(t.db, user, t.demo.planId, agreement.id, version++, {
      groups: [
        {
          id: null,
          name: "Arbejdsgruppe (alle aktiviteter)",
          members: [
            {
              id: null,
              personId: null,
              count: 4,
              description: "beboerdemokrater",
              organisationId: null,
              names: "Ali, Bo, Cai, Dea",
            },
            {
              id: null,
              personId: null,
              count: null,
              description: "En repræsentant",
              organisationId: t.demo.organisationIds.police!,
              names: null,
            },
          ],
        },
      ],
    });
    await saveFinancing(t.db, user, t.demo.planId, agreement.id, version++, {
      sources: [
        {
          id: null,
          kind: "lbf",
          name: "Landsbyggefonden",
          organisationId: null,
          amounts: { y2023: 750_000, y2024: 750_000, y2025: 750_000, y2026: 750_000 },
        },
        {
          id: null,
          kind: "municipality",
          name: null,
          organisationId: t.demo.organisationIds.municipality!,
          amounts: { y2023: 250_000, y2024: 250_000, y2025: 250_000, y2026: 250_000 },
        },
      ],
    });
    const activityId = await createActivity(
      t.db,
      user,
      t.demo.planId,
      agreement.id,
      version++,
      activity("Lektiecafé", [criterion("20 elever deltager", "Fremmødelister")]),
    );
    await createActivity(
      t.db,
      user,
      t.demo.planId,
      agreement.id,
      version++,
      activity("Forældrecafé", []),
    );
    await moveActivity(t.db, user, t.demo.planId, agreement.id, activityId, version++, "down");

    ({ view } = await getAgreementView(t.db, user, t.demo.planId, agreement.id));
    expect(view.criteria.map((c) => c.text)).toEqual([
      "Andelen af trygge beboere stiger",
      "Flere frivillige",
    ]);
    expect(view.criteria[0]!.baseline?.text).toBe("68 % (2022)");
    expect(view.criteria[0]!.target?.text).toBe("80 % (2026)");
    expect(view.workingGroups[0]!.members.map((m) => m.text)).toEqual([
      "4 beboerdemokrater (Ali, Bo, Cai, Dea)",
      "En repræsentant fra Havbakke Lokalpoliti",
    ]);
    expect(view.budget.total.total).toBe(4_000_000);
    expect(view.budget.lbfShare).toBe(0.75);
    expect(view.activities.map((a) => a.name)).toEqual(["Forældrecafé", "Lektiecafé"]);
    expect(view.activities[1]!.criteria.map((c) => c.text)).toEqual(["20 elever deltager"]);
    // The agreement's own criteria do not include the activity's.
    expect(view.criteria).toHaveLength(2);

    const checklist = agreementChecklist(view);
    expect(checklist.find((i) => i.key.startsWith("activity-") && !i.ok)?.label).toBe(
      "Aktiviteten «Forældrecafé» har mindst ét succeskriterium",
    );
    expect(isReadyForApproval(checklist)).toBe(false);

    // Editing an activity keeps its criterion's id.
    const before = view.activities[1]!;
    await saveActivity(t.db, user, t.demo.planId, agreement.id, before.id, version++, {
      ...activity("Lektiecafé for 4.-9. klasse", []),
      criteria: [
        { ...criterion("25 elever deltager", "Fremmødelister"), id: before.criteria[0]!.id },
      ],
    });
    ({ view } = await getAgreementView(t.db, user, t.demo.planId, agreement.id));
    expect(view.activities[1]!.criteria[0]!.id).toBe(before.criteria[0]!.id);
    expect(view.activities[1]!.criteria[0]!.text).toBe("25 elever deltager");

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(agreement.id)))
      // The first parties save named the new contact; without an order PostgreSQL may return
      // the second one first.
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.action)).toContain("agreement.financing.update");
    const partiesEvent = events.find((e) => e.action === "agreement.parties.update");
    expect(JSON.stringify(partiesEvent?.after)).toContain("Rasmus Friis");

    const plan = await getPlanAgreements(t.db, t.user("viewer"), t.demo.planId);
    const summary = plan.agreements.find((a) => a.id === agreement.id)!;
    expect([summary.lbf, summary.local, summary.activityCount]).toEqual([3_000_000, 1_000_000, 2]);
  });

  it("loads the agreement view with a fixed number of queries", async () => {
    // The demo plan already has the seeded agreement for this focus area: use the other plan.
    const user = t.user("otherPlan");
    const planId = t.demo.otherPlanId;
    const agreement = await createAgreement(t.db, user, planId, {
      focusAreaId: focusAreaIds[3]!,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2024-07-01",
      validTo: "2028-06-30",
    });
    const { db, queries } = createCountingDb(t);
    await getAgreementView(db, user, planId, agreement.id);
    const empty = queries.length;
    let version = agreement.version;
    for (let i = 0; i < 5; i++) {
      await createActivity(
        t.db,
        user,
        planId,
        agreement.id,
        version++,
        activity(`Aktivitet ${i}`, [criterion("a", "b"), criterion("c", "d")], ["A", "B", "C"]),
      );
    }
    queries.length = 0;
    const { view } = await getAgreementView(db, user, planId, agreement.id);
    expect(view.activities).toHaveLength(5);
    expect(queries.length).toBe(empty);
    // 13 with the agreement's state (its versions, in one query: issue 19's status words).
    expect(empty).toBeLessThanOrEqual(13);
  });
});
