/**
 * The models check access themselves (docs/decisions/0003-access.md): called directly, without a
 * route in front, a user of another plan gets NotFoundError from the plan-scoped reads, and a
 * viewer of the plan gets ForbiddenError from the writes, and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { focusAreas, plans } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { renderPlanDocx } from "~/documents.server";
import { parseRichText } from "~/domain/rich-text";
import { requireActivity } from "~/models/agreements/activities.server";
import { createAgreement } from "~/models/agreements/create.server";
import {
  getAgreementForEdit,
  getAgreementViewById,
  getPlanAgreements,
  getPlanAgreementViews,
  listFocusAreaOptions,
} from "~/models/agreements/read.server";
import { savePurpose } from "~/models/agreements/sections.server";
import { ForbiddenError, NotFoundError } from "~/models/errors.server";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { listProgressReports } from "~/models/progress-reports.server";
import { getPlanCriteriaOverview } from "~/models/reporting.server";
import { getPlanSpendingSummary } from "~/models/spending.server";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

describe.each(drivers)("models check access themselves on %s", (driver) => {
  let t: TestDb;
  let activityId: number;
  let otherPlansAgreementId: number;
  beforeAll(async () => {
    t = await createTestDb(driver);
    const record = await loadAgreementRecord(t.db, t.demo.agreementId);
    activityId = record!.activities[0]!.id;
    const [focusArea] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Beskæftigelse"));
    const [otherPlan] = await t.db
      .select({ start: plans.periodStart, end: plans.periodEnd })
      .from(plans)
      .where(eq(plans.id, t.demo.otherPlanId));
    const agreement = await createAgreement(t.db, t.user("otherPlan"), t.demo.otherPlanId, {
      focusAreaId: focusArea!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: otherPlan!.start,
      validTo: otherPlan!.end,
    });
    otherPlansAgreementId = agreement.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const planId = () => t.demo.planId;
  const agreementId = () => t.demo.agreementId;

  it("answers the plan's reads for a member and NotFoundError for a user of another plan", async () => {
    const viewer = t.user("viewer");
    const outsider = t.user("otherPlan");
    const reads = {
      getPlanAgreements: (u: typeof viewer) => getPlanAgreements(t.db, u, planId()),
      getPlanAgreementViews: (u: typeof viewer) => getPlanAgreementViews(t.db, u, planId()),
      getPlanCriteriaOverview: (u: typeof viewer) => getPlanCriteriaOverview(t.db, u, planId()),
      listProgressReports: (u: typeof viewer) => listProgressReports(t.db, u, planId()),
      getPlanSpendingSummary: (u: typeof viewer) => getPlanSpendingSummary(t.db, u, planId(), 2024),
      getAgreementViewById: (u: typeof viewer) => getAgreementViewById(t.db, u, agreementId()),
      renderPlanDocx: (u: typeof viewer) => renderPlanDocx(t.db, u, planId()),
    };
    for (const [name, read] of Object.entries(reads)) {
      await expect(read(viewer), name).resolves.toBeTruthy();
      await expect(read(outsider), name).rejects.toBeInstanceOf(NotFoundError);
    }
    const { agreements } = await getPlanAgreements(t.db, viewer, planId());
    expect(agreements.map((a) => a.id)).toContain(agreementId());
  });

  it("answers NotFoundError for another plan's agreement under this plan, whatever the role", async () => {
    for (const key of ["secretariat", "viewer"] as const) {
      await expect(
        getAgreementForEdit(t.db, t.user(key), planId(), otherPlansAgreementId),
        key,
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        requireActivity(t.db, t.user(key), planId(), otherPlansAgreementId, activityId),
        key,
      ).rejects.toBeInstanceOf(NotFoundError);
    }
    // An activity id of this agreement that does not exist is not found either.
    await expect(
      requireActivity(t.db, t.user("secretariat"), planId(), agreementId(), 2_000_000_000),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a viewer what only the secretariat may do with ForbiddenError, and saves nothing", async () => {
    const viewer = t.user("viewer");
    const secretariat = t.user("secretariat");
    await expect(getAgreementForEdit(t.db, viewer, planId(), agreementId())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      requireActivity(t.db, viewer, planId(), agreementId(), activityId),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listFocusAreaOptions(t.db, viewer, planId())).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    const before = await getAgreementForEdit(t.db, secretariat, planId(), agreementId());
    await expect(
      savePurpose(t.db, viewer, planId(), agreementId(), before.version, {
        purposes: ["Læseren skriver et formål"],
        goals: [],
        method: parseRichText(""),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const after = await getAgreementForEdit(t.db, secretariat, planId(), agreementId());
    expect(after.version).toBe(before.version);
    expect(after.purposes).toEqual(before.purposes);

    // The secretariat may: the same calls pass for them.
    await expect(
      requireActivity(t.db, secretariat, planId(), agreementId(), activityId),
    ).resolves.toBeUndefined();
    const options = await listFocusAreaOptions(t.db, secretariat, planId());
    expect(options.plan.name).toBe("Helhedsplan Strandengen og Solsikkeparken");
  });
});
