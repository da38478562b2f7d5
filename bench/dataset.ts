/**
 * A generated dataset for benchmarks: many plans with estates and members, on top of the demo data.
 * Bulk inserts, one transaction.
 */
import { and, eq } from "drizzle-orm";
import { createActivity, createAgreement } from "../app/models/agreements.server";
import { parseRichText } from "../app/domain/rich-text";
import { DEMO_USERS, type DemoIds } from "../db/seed";
import type { Db } from "../db/client";
import {
  focusAreas,
  fundingRounds,
  organisations,
  planMemberships,
  planOrganisations,
  plans,
} from "../db/schema";

export interface DatasetSize {
  plans: number;
  estatesPerPlan: number;
  membersPerPlan: number;
}

export async function generateDataset(db: Db, size: DatasetSize, memberUserIds: number[]) {
  const round = await db.query.fundingRounds.findFirst({
    where: eq(fundingRounds.code, "2019-26"),
  });
  if (!round) throw new Error("run migrations first");
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .insert(organisations)
      .values({ kind: "housing_organisation", name: "Benchmark Boligselskab" })
      .returning({ id: organisations.id });
    const estateRows = await tx
      .insert(organisations)
      .values(
        Array.from({ length: size.plans * size.estatesPerPlan }, (_, i) => ({
          kind: "estate" as const,
          name: `Benchmark afd. ${i + 1}`,
          parentId: owner!.id,
          tenancies: 100 + (i % 400),
        })),
      )
      .returning({ id: organisations.id });
    const planRows = await tx
      .insert(plans)
      .values(
        Array.from({ length: size.plans }, (_, i) => ({
          name: `Benchmarkplan ${String(i + 1).padStart(4, "0")}`,
          fundingRoundId: round.id,
          periodStart: `${2020 + (i % 6)}-01-01`,
          periodEnd: `${2023 + (i % 6)}-12-31`,
          status: "active" as const,
        })),
      )
      .returning({ id: plans.id });
    await tx
      .insert(planOrganisations)
      .values(
        planRows.flatMap((p, i) =>
          estateRows
            .slice(i * size.estatesPerPlan, (i + 1) * size.estatesPerPlan)
            .map((e) => ({ planId: p.id, organisationId: e.id })),
        ),
      );
    const roles = ["secretariat", "board", "reporter", "viewer"] as const;
    await tx.insert(planMemberships).values(
      planRows.flatMap((p) =>
        memberUserIds.slice(0, size.membersPerPlan).map((userId, j) => ({
          planId: p.id,
          userId,
          role: roles[j % roles.length]!,
        })),
      ),
    );
    return { planIds: planRows.map((p) => p.id) };
  });
}

/**
 * One large agreement on the demo plan (a focus area the demo agreement does not use): `activities`
 * activities with `criteriaPerActivity` criteria each and three responsibilities, built through the
 * model functions like a user would.
 */
export async function generateLargeAgreement(
  db: Db,
  demo: DemoIds,
  activityCount: number,
  criteriaPerActivity: number,
): Promise<number> {
  const user = {
    id: demo.userIds.secretariat,
    email: DEMO_USERS.secretariat.email,
    name: DEMO_USERS.secretariat.name,
    isAdmin: false,
  };
  const [area] = await db
    .select({ id: focusAreas.id })
    .from(focusAreas)
    .where(and(eq(focusAreas.name, "Beskæftigelse")));
  const agreement = await createAgreement(db, user, demo.planId, {
    focusAreaId: area!.id,
    openingClause: "strategic_goals",
    validFrom: "2023-01-01",
    validTo: "2026-12-31",
  });
  let version = agreement.version;
  const criterion = (text: string) => ({
    id: null,
    text,
    dataSource: "Sekretariatets registrering",
    baselineValue: 10,
    baselineUnit: "%",
    baselineYear: 2022,
    targetValue: 20,
    targetUnit: "%",
    targetYear: 2026,
  });
  for (let i = 0; i < activityCount; i++) {
    await createActivity(db, user, demo.planId, agreement.id, version++, {
      name: `Aktivitet ${i + 1}`,
      reference: null,
      content: parseRichText(`Beskrivelse af aktivitet ${i + 1}.\n\n- et punkt\n- et andet punkt`),
      purposes: ["at styrke fællesskabet", "at øge trygheden"],
      targetGroups: ["beboere", "unge"],
      criteria: Array.from({ length: criteriaPerActivity }, (_, j) =>
        criterion(`Kriterium ${i + 1}.${j + 1}`),
      ),
      responsibilities: ["Sekretariatet", "Afdelingsbestyrelsen", "Kommunen"].map((label) => ({
        id: null,
        organisationId: null,
        label,
        duties: ["koordinerer", "deltager", "evaluerer"],
      })),
    });
  }
  return agreement.id;
}
