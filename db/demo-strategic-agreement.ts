/**
 * Fictional demo data for the demo plan's strategic agreement (strategisk samarbejdsaftale):
 * parties with signatories, a vision, three objectives, the board, follow group and secretariat
 * with members from the demo organisations, an overall goal for each focus area of the round
 * linked to the objectives, and the plan's own clauses. Written through the model functions:
 * the secretariat saves and submits it, the board approves it, the secretariat sends it to the
 * fund and records the fund's approval, so version 1 is in effect. Every name is invented.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { DEMO_USERS, type DemoBaseIds } from "./demo-users";
import { focusAreas, plans } from "./schema";
import type { StrategicFormValues } from "../app/domain/strategic-agreement";
import type { SessionUser } from "../app/domain/user";
import {
  decideStrategicVersion,
  markStrategicSentToFund,
  recordStrategicFundDecision,
  saveStrategicContent,
  submitStrategicAgreement,
} from "../app/models/strategic-agreements.server";

/** The demo objectives' keys (stable: the målhierarki links to them). */
export const DEMO_OBJECTIVE_KEYS = ["m-laering", "m-arbejde", "m-naboskab"] as const;

export async function seedDemoStrategicAgreement(db: Db, demo: DemoBaseIds): Promise<void> {
  const as = (key: "secretariat" | "board"): SessionUser => ({
    id: demo.userIds[key],
    email: DEMO_USERS[key].email,
    name: DEMO_USERS[key].name,
    isAdmin: false,
  });
  const secretariat = as("secretariat");
  const board = as("board");
  const org = (key: string): number => {
    const id = demo.organisationIds[key];
    if (!id) throw new Error(`Demo organisation ${key} is missing`);
    return id;
  };
  const [plan] = await db
    .select({ fundingRoundId: plans.fundingRoundId })
    .from(plans)
    .where(eq(plans.id, demo.planId));
  const areas = await db
    .select({ id: focusAreas.id, name: focusAreas.name })
    .from(focusAreas)
    .where(eq(focusAreas.fundingRoundId, plan!.fundingRoundId))
    .orderBy(asc(focusAreas.position));
  const [learning, work, safety] = DEMO_OBJECTIVE_KEYS;
  const goals: Record<string, { goal: string; objectiveKeys: string[] }> = {
    "Uddannelse og livschancer": {
      goal: "Flere børn og unge i Strandengen og Solsikkeparken trives i skolen, går i dagtilbud og gennemfører en ungdomsuddannelse.",
      objectiveKeys: [learning],
    },
    Beskæftigelse: {
      goal: "Flere beboere mellem 18 og 64 år kommer i job eller uddannelse og bliver der.",
      objectiveKeys: [work],
    },
    Kriminalitetsforebyggelse: {
      goal: "Færre unge begår kriminalitet, og flere beboere føler sig trygge i boligområdet.",
      objectiveKeys: [learning, safety],
    },
    "Sammenhængskraft og medborgerskab": {
      goal: "Flere beboere deltager i fællesskaber og i beboerdemokratiet, og naboskabet styrkes på tværs af afdelingerne.",
      objectiveKeys: [safety],
    },
  };
  const values: StrategicFormValues = {
    parties: [
      {
        organisationId: org("municipality"),
        name: null,
        signatoryName: "Lene Bak",
        signatoryTitle: "Borgmester",
      },
      {
        organisationId: org("laerkereden"),
        name: null,
        signatoryName: "Ole Vestergaard",
        signatoryTitle: "Formand for organisationsbestyrelsen",
      },
      {
        organisationId: org("faellesbo"),
        name: null,
        signatoryName: "Hanne Kjær",
        signatoryTitle: "Direktør",
      },
    ],
    vision:
      "Strandengen og Solsikkeparken er attraktive boligområder, hvor børn og unge får de samme muligheder som andre, hvor flere er i job, og hvor beboerne er trygge og tager del i fællesskabet.",
    objectives: [
      {
        key: learning,
        text: "Børn og unge i boligområderne skal have bedre livschancer gennem trivsel, læring og uddannelse.",
      },
      {
        key: work,
        text: "Flere beboere skal være i beskæftigelse eller uddannelse.",
      },
      {
        key: safety,
        text: "Boligområderne skal være trygge, med et stærkt naboskab og et aktivt beboerdemokrati.",
      },
    ],
    board: {
      name: "Bestyrelsen for den boligsociale indsats",
      description:
        "Bestyrelsen har det overordnede ansvar for helhedsplanen og godkender delaftaler, revisioner og den årlige afrapportering.",
      termsOfReference:
        "Bestyrelsen mødes mindst fire gange om året. Den godkender helhedsplanens delaftaler og revisioner, følger økonomien og sikrer sammenhængen med kommunens og boligorganisationernes øvrige indsatser.\n\nFormandskabet går på skift mellem kommunen og boligorganisationerne for to år ad gangen.",
      members: [
        {
          name: "Karen Dahl",
          organisationId: org("municipality"),
          organisationName: null,
          role: "Formand, direktør for Børn og Unge",
        },
        {
          name: "Ole Vestergaard",
          organisationId: org("laerkereden"),
          organisationName: null,
          role: "Næstformand",
        },
        {
          name: "Hanne Kjær",
          organisationId: org("faellesbo"),
          organisationName: null,
          role: "Medlem",
        },
        {
          name: "Camilla Thorsen",
          organisationId: org("strandengen"),
          organisationName: null,
          role: "Beboerrepræsentant",
        },
      ],
    },
    followGroup: {
      name: "Følgegruppen",
      description:
        "Følgegruppen samler de lokale samarbejdspartnere to gange om året og giver sparring på indsatsens retning.",
      members: [
        {
          name: "Thomas Krog",
          organisationId: org("school"),
          organisationName: null,
          role: "Skoleleder",
        },
        {
          name: "Ahmad Rahimi",
          organisationId: org("municipality"),
          organisationName: null,
          role: "SSP-konsulent",
        },
        {
          name: "Jens Mikkelsen",
          organisationId: org("police"),
          organisationName: null,
          role: "Lokalbetjent",
        },
        {
          name: "Sofie Andersen",
          organisationId: org("ngo"),
          organisationName: null,
          role: "Frivilligkoordinator",
        },
      ],
    },
    secretariat: {
      name: "Sekretariatet",
      description:
        "Sekretariatet driver helhedsplanen i hverdagen, forbereder bestyrelsens møder og står for afrapporteringen til Landsbyggefonden.",
      members: [
        {
          name: "Mette Lykke",
          organisationId: org("secretariat"),
          organisationName: null,
          role: "Sekretariatsleder",
        },
        {
          name: "Pia Lund",
          organisationId: org("municipality"),
          organisationName: null,
          role: "Kommunal koordinator",
        },
      ],
    },
    focusAreaGoals: areas.map((a) => ({
      focusAreaId: a.id,
      goal: goals[a.name]?.goal ?? null,
      objectiveKeys: goals[a.name]?.objectiveKeys ?? [],
    })),
    clauses: [
      {
        heading: "Økonomi",
        text: "Helhedsplanens budget fremgår af delaftalerne. Landsbyggefonden finansierer højst 75 % af den samlede indsats; parterne sikrer den lokale medfinansiering.",
      },
      {
        heading: "Uenighed og konflikter",
        text: "Uenighed mellem parterne drøftes først i bestyrelsen. Kan den ikke løses dér, inddrages Landsbyggefonden.",
      },
      {
        heading: "Revision og ophør",
        text: "Aftalen revideres mindst en gang om året. Ændringer træder først i kraft, når bestyrelsen og Landsbyggefonden har godkendt dem.",
      },
    ],
  };
  await saveStrategicContent(db, secretariat, demo.planId, 0, values);
  const number = await submitStrategicAgreement(db, secretariat, demo.planId, {
    summary: "Den første strategiske samarbejdsaftale for helhedsplanen.",
  });
  await decideStrategicVersion(db, board, demo.planId, number, {
    decision: "approve",
    meetingDate: "2022-11-15",
    note: null,
  });
  await markStrategicSentToFund(db, secretariat, demo.planId, number, {
    fundSentAt: "2022-11-18",
  });
  await recordStrategicFundDecision(db, secretariat, demo.planId, number, {
    fundDecision: "approve",
    fundDate: "2022-12-12",
    fundReference: "LBF 2022-4417",
    fundNote: null,
  });
}
