/**
 * Fictional demo data for the dispositionsfond: Boligselskabet Lærkereden's fund with its house
 * rules and frames for 2025–2028, an application from afd. 7 Kløverhaven that awaits the
 * organisation board, and an earlier approved one (granted for 2024–2025, with the 2024 report
 * submitted) so the dashboard shows the 2025 report as due. Written through the model functions by
 * the demo fund administrator and applicant, so the audit trail looks as if people had typed it.
 * Every name, place and figure is invented. Deterministic: the same data on every run.
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { fundApplications } from "./schema";
import { DEMO_USERS, type DemoBaseIds } from "./demo-users";
import type {
  ApplicationValues,
  FundDecisionValues,
  FundSettingsValues,
} from "../app/domain/disposition-fund";
import { parseRichText } from "../app/domain/rich-text";
import type { SessionUser } from "../app/domain/user";
import { saveFundSettings } from "../app/models/disposition-funds.server";
import { saveFundReport, submitFundReport } from "../app/models/fund-reports.server";
import {
  assessApplication,
  createApplication,
  decideApplication,
  submitApplication,
} from "../app/models/fund-applications.server";

export interface DemoDispositionFund {
  fundId: number;
  /** Kløverhaven's application awaiting the board's decision. */
  submittedApplicationId: number;
  /** Kløverhaven's earlier application, approved for 2024–2025. */
  approvedApplicationId: number;
  grantId: number;
}

const GUIDELINES = `## Hvad fonden støtter

Dispositionsfonden støtter ekstraordinære boligsociale indsatser i Lærkeredens afdelinger. Almindelige fællesaktiviteter som sommerfest, juletræsfest og drift af fælleslokaler betales af afdelingens eget budget.

## Prioritering

- Medfinansiering af boligsociale helhedsplaner
- Akutte behov, fx uro eller utryghed i en afdeling
- Forebyggende indsatser, der styrker naboskab og fællesskab

## Vilkår

Der kan søges støtte i op til fire år. Afdelingen bidrager selv med mindst 10 % af budgettet, og fonden giver højst 600 kr. pr. lejemål pr. år. Afdelingen afrapporterer forbrug og aktiviteter for hvert år senest 31. marts året efter.`;

function settings(): FundSettingsValues {
  return {
    name: "Lærkeredens Dispositionsfond",
    guidelines: parseRichText(GUIDELINES),
    maxYears: 4,
    minOwnSharePercent: 10,
    maxAmountPerTenancy: 600,
    prioritiseLbfCofinancing: true,
    prioritiseAcute: true,
    reportDueMonthDay: "03-31",
    frames: [
      { year: 2025, amount: 900_000 },
      { year: 2026, amount: 1_000_000 },
      { year: 2027, amount: 1_000_000 },
      { year: 2028, amount: 800_000 },
    ],
  };
}

function workshopApplication(estateId: number): ApplicationValues {
  return {
    estateId,
    title: "Fællesværkstedet i Kløverhaven",
    description: parseRichText(
      "Et værksted i den tidligere cykelkælder, hvor unge og ældre beboere reparerer cykler, møbler og småelektronik sammen to aftener om ugen. En værkstedsleder på deltid står for sikkerhed og værktøj og hjælper frivillige med at tage ansvar for aftenerne.",
    ),
    purpose: parseRichText(
      "- Flere unge får en fast, voksenstøttet aktivitet i afdelingen\n- Nye bekendtskaber på tværs af generationer\n- Mindre hærværk og efterladte cykler i gårdene",
    ),
    need: "preventive",
    notOrdinaryActivity: true,
    startYear: 2024,
    endYear: 2025,
    tenancies: 212,
    years: [
      { year: 2024, requestedAmount: 95_000, ownContribution: 15_000 },
      { year: 2025, requestedAmount: 95_000, ownContribution: 15_000 },
    ],
    funding: [{ kind: "external", planId: null, name: "Havbakke Borgerfond", amount: 20_000 }],
  };
}

function safetyApplication(estateId: number, planId: number): ApplicationValues {
  return {
    estateId,
    title: "Tryg opgang – nabomægling og fællesskab i Kløverhaven",
    description: parseRichText(
      "Siden foråret har afdelingsbestyrelsen fået mange klager over støj, trusler og chikane i opgangene i blok C og D. Indsatsen uddanner seks beboere til nabomæglere, holder opgangsmøder i alle opgange og åbner en ugentlig caféaften i beboerhuset, hvor naboer kan mødes på neutral grund.\n\n## Samarbejde\n\nIndsatsen samarbejder med helhedsplanens tryghedsmedarbejder og med ejendomskontoret, som henviser sager til nabomæglerne.",
    ),
    purpose: parseRichText(
      "- Færre klagesager mellem naboer\n- Flere beboere kender deres naboer i opgangen\n- Beboerne oplever afdelingen som tryg",
    ),
    need: "acute",
    notOrdinaryActivity: true,
    startYear: 2026,
    endYear: 2028,
    tenancies: 212,
    years: [
      { year: 2026, requestedAmount: 110_000, ownContribution: 18_000 },
      { year: 2027, requestedAmount: 100_000, ownContribution: 15_000 },
      { year: 2028, requestedAmount: 80_000, ownContribution: 12_000 },
    ],
    funding: [
      { kind: "lbf_plan", planId, name: null, amount: 60_000 },
      { kind: "external", planId: null, name: "Havbakke Borgerfond", amount: 40_000 },
    ],
  };
}

export async function seedDemoDispositionFund(
  db: Db,
  demo: Pick<DemoBaseIds, "planId" | "userIds" | "organisationIds">,
): Promise<DemoDispositionFund> {
  const as = (key: "fundAdmin" | "applicant"): SessionUser => ({
    id: demo.userIds[key],
    email: DEMO_USERS[key].email,
    name: DEMO_USERS[key].name,
    isAdmin: false,
  });
  const fundAdmin = as("fundAdmin");
  const applicant = as("applicant");
  const org = (key: string): number => {
    const id = demo.organisationIds[key];
    if (id == null) throw new Error(`Demo organisation "${key}" is missing`);
    return id;
  };
  const kloeverhaven = org("kloeverhaven");

  const { fundId } = await saveFundSettings(db, fundAdmin, org("laerkereden"), 0, settings());

  // The earlier application, decided by the organisation board in February 2024.
  const workshop = await createApplication(
    db,
    applicant,
    fundId,
    workshopApplication(kloeverhaven),
  );
  const workshopScope = { fundId, applicationId: workshop.id };
  let version = await submitApplication(db, applicant, workshopScope, workshop.version);
  // Its history happened in early 2024: give it the times of that round (before the decision,
  // which locks it).
  await db
    .update(fundApplications)
    .set({
      createdAt: new Date("2024-01-15T09:30:00Z"),
      submittedAt: new Date("2024-01-29T13:05:00Z"),
    })
    .where(eq(fundApplications.id, workshop.id));
  version = await assessApplication(db, fundAdmin, workshopScope, version, {
    assessment:
      "Værkstedet er en ny, forebyggende indsats og ikke en almindelig fællesaktivitet. Afdelingen bidrager selv med 12,5 % af budgettet, og beløbet pr. lejemål ligger under fondens maksimum.",
    recommendation: "approve",
  });
  const decision: FundDecisionValues = {
    decision: "approved",
    decisionDate: "2024-02-27",
    conditions: "Afdelingen afrapporterer forbrug og aktiviteter for hvert år senest 31. marts.",
    amounts: [],
  };
  const { grant } = await decideApplication(db, fundAdmin, workshopScope, version, decision);
  const grantId = grant!.id;
  const reportVersion = await saveFundReport(db, applicant, { fundId, grantId, year: 2024 }, 0, {
    spent: 91_450,
    activities: parseRichText(
      "Værkstedet har haft åbent 78 aftener med i gennemsnit 11 deltagere, heraf 6 unge under 18 år. Fire beboere er blevet faste frivillige værkstedsværter.\n\n- 140 cykler repareret\n- Et weekendkursus i møbelrestaurering\n- Fælles oprydning af efterladte cykler i gårdene",
    ),
  });
  await submitFundReport(db, applicant, { fundId, grantId, year: 2024 }, reportVersion);

  // The current application, submitted and awaiting assessment.
  const safety = await createApplication(
    db,
    applicant,
    fundId,
    safetyApplication(kloeverhaven, demo.planId),
  );
  await submitApplication(db, applicant, { fundId, applicationId: safety.id }, safety.version);

  return {
    fundId,
    submittedApplicationId: safety.id,
    approvedApplicationId: workshop.id,
    grantId,
  };
}
