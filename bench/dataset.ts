/**
 * A generated dataset for benchmarks: many plans with estates and members, on top of the demo data.
 * Bulk inserts, one transaction.
 */
import { and, eq } from "drizzle-orm";
import { createActivity } from "../app/models/agreements/activities.server";
import { createAgreement } from "../app/models/agreements/create.server";
import { saveFinancing } from "../app/models/agreements/sections.server";
import { parseRichText } from "../app/domain/rich-text";
import { DEMO_USERS, type DemoIds } from "../db/seed";
import type { Db } from "../db/client";
import {
  agreements,
  spending,
  focusAreas,
  fundingRounds,
  fundingSources,
  measurements,
  successCriteria,
  organisations,
  planMemberships,
  planOrganisations,
  plans,
} from "../db/schema";
import { OPENING_CLAUSE_DEFAULTS } from "../app/domain/texts.da";

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
    openingText: OPENING_CLAUSE_DEFAULTS["2018"],
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
    baselineText: null,
    targetText: null,
  });
  for (let i = 0; i < activityCount; i++) {
    await createActivity(db, user, demo.planId, agreement.id, version++, {
      name: `Aktivitet ${i + 1}`,
      shortName: null,
      reference: null,
      content: parseRichText(`Beskrivelse af aktivitet ${i + 1}.\n\n- et punkt\n- et andet punkt`),
      purposesLeadIn: null,
      purposes: ["at styrke fællesskabet", "at øge trygheden"],
      targetGroupsLeadIn: null,
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

/**
 * A plan for the progress report: `agreementCount` agreements (focus areas of the 2019-26 round)
 * on a new plan, each with `activitiesPerAgreement` activities of `criteriaPerActivity` criteria,
 * an LBF and a municipal funding source budgeted every year, and for `year` a measurement of every
 * criterion and spend of every source. Built through the model functions like a user would, except
 * the measurements and spend, which are bulk inserted. Returns the plan's id.
 */
export async function generateReportPlan(
  db: Db,
  demo: DemoIds,
  options: {
    agreementCount: number;
    activitiesPerAgreement: number;
    criteriaPerActivity: number;
    year: number;
  },
): Promise<number> {
  const user = {
    id: demo.userIds.admin,
    email: DEMO_USERS.admin.email,
    name: DEMO_USERS.admin.name,
    isAdmin: true,
  };
  const [round] = await db
    .select({ id: fundingRounds.id })
    .from(fundingRounds)
    .where(eq(fundingRounds.code, "2019-26"));
  const areas = await db
    .select({ id: focusAreas.id })
    .from(focusAreas)
    .where(eq(focusAreas.fundingRoundId, round!.id))
    .orderBy(focusAreas.position);
  if (areas.length < options.agreementCount) throw new Error("not enough focus areas");
  const [plan] = await db
    .insert(plans)
    .values({
      name: `Rapportplan ${options.agreementCount}×${options.activitiesPerAgreement}×${options.criteriaPerActivity}`,
      fundingRoundId: round!.id,
      periodStart: "2023-01-01",
      periodEnd: "2026-12-31",
      status: "active",
    })
    .returning({ id: plans.id });
  const planId = plan!.id;
  const years = [2023, 2024, 2025, 2026];
  const statuses = ["met", "partly_met", "not_met", "not_measured"] as const;
  const criterionIds: number[] = [];
  const sourceIds: number[] = [];
  for (let a = 0; a < options.agreementCount; a++) {
    const agreement = await createAgreement(db, user, planId, {
      focusAreaId: areas[a]!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    let version = agreement.version;
    for (let i = 0; i < options.activitiesPerAgreement; i++) {
      await createActivity(db, user, planId, agreement.id, version++, {
        name: `Aktivitet ${a + 1}.${i + 1}`,
        shortName: null,
        reference: null,
        content: parseRichText(`Beskrivelse af aktivitet ${a + 1}.${i + 1}.`),
        purposesLeadIn: null,
        purposes: ["at øge trygheden"],
        targetGroupsLeadIn: null,
        targetGroups: ["beboere"],
        criteria: Array.from({ length: options.criteriaPerActivity }, (_, j) => ({
          id: null,
          text: `Kriterium ${a + 1}.${i + 1}.${j + 1}`,
          dataSource: "Sekretariatets registrering",
          baselineValue: 10,
          baselineUnit: "%",
          baselineYear: 2022,
          targetValue: 20,
          targetUnit: "%",
          targetYear: 2026,
          baselineText: null,
          targetText: null,
        })),
        responsibilities: [],
      });
    }
    await saveFinancing(db, user, planId, agreement.id, version++, {
      sources: [
        { kind: "lbf" as const, name: null, organisationId: null },
        { kind: "municipality" as const, name: "Havbakke Kommune", organisationId: null },
      ].map((s, k) => ({
        id: null,
        ...s,
        amounts: Object.fromEntries(years.map((y) => [`y${y}`, (k + 1) * 250_000])),
      })),
    });
  }
  const [criteria, sources] = await Promise.all([
    db
      .select({ id: successCriteria.id })
      .from(successCriteria)
      .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
      .where(eq(agreements.planId, planId)),
    db
      .select({ id: fundingSources.id })
      .from(fundingSources)
      .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
      .where(eq(agreements.planId, planId)),
  ]);
  criterionIds.push(...criteria.map((c) => c.id));
  sourceIds.push(...sources.map((s) => s.id));
  await db.insert(measurements).values(
    criterionIds.map((criterionId, i) => ({
      criterionId,
      year: options.year,
      valueNumber: 10 + (i % 15),
      unit: "%",
      status: statuses[i % statuses.length]!,
      comment: `Målt af sekretariatet (${i + 1})`,
      source: "Sekretariatets registrering",
    })),
  );
  await db.insert(spending).values(
    sourceIds.map((fundingSourceId, i) => ({
      fundingSourceId,
      year: options.year,
      amount: 200_000 + i * 1_000,
    })),
  );
  return planId;
}

// The national dataset of issue 15 (200 plans, 10 years of versions, figures and reports, funds).
export {
  generateNationalDataset,
  NATIONAL_SIZE,
  NATIONAL_YEARS,
  type NationalTargets,
} from "./national-dataset";
