/**
 * Fictional demo data: a municipality, two housing organisations with estates, partners, people,
 * two plans, one user per role and one complete delaftale (db/demo-agreement.ts); `main` adds the
 * demo plan's history (db/demo-history.ts: three more delaftaler with their versions, figures and
 * progress reports). Every name here is invented. `npm start` runs this; it only seeds an empty database (no users), so it never
 * touches real data.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { driverFromEnv, openDb } from "./client";
import { seedDemoAgreement } from "./demo-agreement";
import { seedDemoAttachments } from "./demo-attachments";
import { seedDemoDispositionFund, type DemoDispositionFund } from "./demo-disposition-fund";
import { seedDemoMilestones } from "./demo-milestones";
import { seedDemoStrategicAgreement } from "./demo-strategic-agreement";
import { seedDemoHistory } from "./demo-history";
import { seedDemoSelfEvaluation } from "./demo-self-evaluation";
import { DEMO_PASSWORD, DEMO_USERS, type DemoBaseIds } from "./demo-users";
import { fundingRounds, organisations, people, planOrganisations, plans, users } from "./schema";
import {
  addOrganisationMembership,
  createUser,
  setPlanMembership,
} from "../app/models/users.server";

// Re-exported for the tests, benchmarks and scripts that seed the demo and log in as its users.
export { DEMO_PASSWORD, DEMO_USERS };

/** What seedDemoData returns: the base ids and those of the parts built on them. */
export interface DemoIds extends DemoBaseIds {
  /** The demo plan's complete delaftale (Sammenhængskraft og medborgerskab). */
  agreementId: number;
  /** Boligselskabet Lærkereden's dispositionsfond with its demo applications and grant. */
  dispositionFund: DemoDispositionFund;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Seeds the demo data in one transaction and returns the ids tests need. */
export async function seedDemoData(db: Db): Promise<DemoIds> {
  const round = await db.query.fundingRounds.findFirst({
    where: eq(fundingRounds.code, "2019-26"),
  });
  if (!round) throw new Error("Funding rounds are missing: run the migrations first");

  const orgIds: Record<string, number> = {};
  const ids = await db.transaction(async (tx) => {
    const insertOrg = async (
      key: string,
      values: typeof organisations.$inferInsert,
    ): Promise<number> => {
      const [row] = await tx
        .insert(organisations)
        .values(values)
        .returning({ id: organisations.id });
      orgIds[key] = row!.id;
      return row!.id;
    };
    const municipality = await insertOrg("municipality", {
      kind: "municipality",
      name: "Havbakke Kommune",
    });
    const laerkereden = await insertOrg("laerkereden", {
      kind: "housing_organisation",
      name: "Boligselskabet Lærkereden",
      address: "Lærkevej 2, 9990 Havbakke",
    });
    const faellesbo = await insertOrg("faellesbo", {
      kind: "housing_organisation",
      name: "Fællesbo Havbakke",
    });
    const solsikke = await insertOrg("solsikkeparken", {
      kind: "estate",
      name: "Afd. 4 Solsikkeparken",
      parentId: laerkereden,
      tenancies: 386,
    });
    await insertOrg("kloeverhaven", {
      kind: "estate",
      name: "Afd. 7 Kløverhaven",
      parentId: laerkereden,
      tenancies: 212,
    });
    const strandengen = await insertOrg("strandengen", {
      kind: "estate",
      name: "Afd. 12 Strandengen",
      parentId: faellesbo,
      tenancies: 540,
    });
    const moelleaasen = await insertOrg("moelleaasen", {
      kind: "estate",
      name: "Afd. 15 Mølleåsen",
      parentId: faellesbo,
      tenancies: 164,
    });
    await insertOrg("police", { kind: "police", name: "Havbakke Lokalpoliti" });
    const school = await insertOrg("school", { kind: "school", name: "Strandengskolen" });
    await insertOrg("ngo", { kind: "ngo", name: "Foreningen Nabohjælp Havbakke" });
    await insertOrg("church", { kind: "church", name: "Strandengen Kirke" });
    await insertOrg("secretariat", {
      kind: "other",
      name: "Det Boligsociale Sekretariat Havbakke",
    });

    await tx.insert(people).values([
      { name: "Bjarne Østergaard", title: "Ejendomsleder", organisationId: solsikke },
      { name: "Ida Mørch", title: "Ejendomsleder", organisationId: strandengen },
      { name: "Camilla Thorsen", title: "Afdelingsformand", organisationId: strandengen },
      { name: "Ahmad Rahimi", title: "SSP-konsulent", organisationId: municipality },
      { name: "Pia Lund", title: "Udviklingskonsulent", organisationId: municipality },
      {
        name: "Thomas Krog",
        title: "Skoleleder",
        organisationId: school,
        email: "tk@strandengskolen.example",
      },
      { name: "Mette Lykke", title: "Sekretariatsleder", organisationId: orgIds.secretariat },
    ]);

    const [plan] = await tx
      .insert(plans)
      .values({
        name: "Helhedsplan Strandengen og Solsikkeparken",
        fundingRoundId: round.id,
        periodStart: "2023-01-01",
        periodEnd: "2026-12-31",
        status: "active",
        municipalityId: municipality,
        description:
          "En fælles boligsocial indsats i Strandengen og Solsikkeparken med fokus på børn og unges livschancer, beskæftigelse og et trygt naboskab.",
      })
      .returning({ id: plans.id });
    const [otherPlan] = await tx
      .insert(plans)
      .values({
        name: "Helhedsplan Mølleåsen",
        fundingRoundId: round.id,
        periodStart: "2024-07-01",
        periodEnd: "2028-06-30",
        status: "draft",
        municipalityId: municipality,
      })
      .returning({ id: plans.id });
    await tx.insert(planOrganisations).values([
      { planId: plan!.id, organisationId: laerkereden },
      { planId: plan!.id, organisationId: faellesbo },
      { planId: plan!.id, organisationId: solsikke },
      { planId: plan!.id, organisationId: strandengen },
      { planId: otherPlan!.id, organisationId: faellesbo },
      { planId: otherPlan!.id, organisationId: moelleaasen },
    ]);
    return { planId: plan!.id, otherPlanId: otherPlan!.id };
  });

  const userIds = {} as Record<keyof typeof DEMO_USERS, number>;
  for (const [key, demo] of Object.entries(DEMO_USERS) as [
    keyof typeof DEMO_USERS,
    (typeof DEMO_USERS)[keyof typeof DEMO_USERS],
  ][]) {
    const user = await createUser(db, null, {
      name: demo.name,
      email: demo.email,
      password: DEMO_PASSWORD,
      isAdmin: key === "admin",
    });
    userIds[key] = user.id;
  }
  const planRoles = [
    ["secretariat", "secretariat"],
    ["board", "board"],
    ["reporter", "reporter"],
    ["viewer", "viewer"],
  ] as const;
  for (const [key, role] of planRoles) {
    await setPlanMembership(db, null, userIds[key], { planId: ids.planId, role });
  }
  await setPlanMembership(db, null, userIds.otherPlan, {
    planId: ids.otherPlanId,
    role: "secretariat",
  });
  await addOrganisationMembership(db, null, userIds.fundAdmin, {
    organisationId: orgIds.laerkereden!,
    role: "fund_admin",
    estateId: null,
  });
  await addOrganisationMembership(db, null, userIds.applicant, {
    organisationId: orgIds.laerkereden!,
    role: "applicant",
    estateId: orgIds.kloeverhaven!,
  });
  const demo = { ...ids, userIds, organisationIds: orgIds };
  const agreementId = await seedDemoAgreement(db, demo);
  await seedDemoSelfEvaluation(db, demo);
  const dispositionFund = await seedDemoDispositionFund(db, demo);
  await seedDemoAttachments(db, demo);
  await seedDemoMilestones(db, { ...demo, agreementId });
  await seedDemoStrategicAgreement(db, demo);
  return { ...demo, agreementId, dispositionFund };
}

export function demoLoginsText(): string {
  const lines = Object.values(DEMO_USERS).map((u) => `  ${u.email.padEnd(34)} ${u.role}`);
  return [`Demo-logins (adgangskode for alle: ${DEMO_PASSWORD}):`, ...lines].join("\n");
}

async function main() {
  const handle = await openDb(driverFromEnv());
  try {
    if (await isEmpty(handle.db)) {
      const demo = await seedDemoData(handle.db);
      // The rest of the demo plan: three more agreements with their versions, the figures of
      // 2023–2025 and the progress reports (db/demo-history.ts; the tests' base stops above).
      await seedDemoHistory(handle.db, demo);
      process.stdout.write("Demo data created.\n");
    }
    process.stdout.write(`${demoLoginsText()}\n`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`Seeding failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  });
}
