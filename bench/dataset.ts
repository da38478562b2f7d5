/**
 * A generated dataset for benchmarks: many plans with estates and members, on top of the demo data.
 * Bulk inserts, one transaction.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import {
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
