/** Creating an agreement (delaftale) for one of the plan's focus areas (R3, R5). */
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../../db/client";
import { agreements, focusAreas, fundingSources, plans } from "../../../db/schema";
import type { AgreementCreateSchema } from "~/domain/agreement";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { AGREEMENT_EDITORS, checkValidity } from "../internal/agreement-draft.server";
import { recordAudit } from "../audit.server";
import { FieldValidationError, isUniqueViolation } from "../errors.server";

export async function createAgreement(
  db: Db,
  user: SessionUser,
  planId: number,
  values: z.output<typeof AgreementCreateSchema>,
) {
  await requirePlanRole(db, user, planId, AGREEMENT_EDITORS);
  try {
    return await db.transaction(async (tx) => {
      const [plan] = await tx
        .select({ fundingRoundId: plans.fundingRoundId, municipalityId: plans.municipalityId })
        .from(plans)
        .where(eq(plans.id, planId));
      const [area] = await tx
        .select({ fundingRoundId: focusAreas.fundingRoundId })
        .from(focusAreas)
        .where(eq(focusAreas.id, values.focusAreaId));
      // R3: only the funding round's focus areas.
      if (!plan || area?.fundingRoundId !== plan.fundingRoundId) {
        throw new FieldValidationError({ focusAreaId: "Vælg et af puljens indsatsområder" });
      }
      await checkValidity(tx, planId, values.validFrom, values.validTo);
      const [created] = await tx
        .insert(agreements)
        .values({
          planId,
          focusAreaId: values.focusAreaId,
          openingText: values.openingText,
          validFrom: values.validFrom,
          validTo: values.validTo,
        })
        .returning();
      if (!created) throw new Error("Insert returned no row");
      // Start the financing with Landsbyggefonden and the plan's municipality.
      await tx.insert(fundingSources).values([
        { agreementId: created.id, kind: "lbf", name: "Landsbyggefonden", position: 0 },
        {
          agreementId: created.id,
          kind: "municipality",
          organisationId: plan.municipalityId,
          name: plan.municipalityId ? null : "Kommunen",
          position: 1,
        },
      ]);
      await recordAudit(tx, {
        user,
        action: "agreement.create",
        entityType: "agreement",
        entityId: created.id,
        planId,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new FieldValidationError({
        focusAreaId: "Planen har allerede en delaftale for dette indsatsområde",
      });
    }
    throw error;
  }
}
