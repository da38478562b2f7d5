/**
 * One complete, fictional self-evaluation for the demo plan: "Trygge trappeopgange", a grant from
 * Havbakke Fonden answered with that foundation's four questions. Written through the same model
 * function as the form, by the demo reporter, so the audit trail looks as if a person had typed
 * it. Every name, place and figure is invented.
 */
import type { Db } from "./client";
import { DEMO_USERS } from "./demo-users";
import { parseRichText } from "../app/domain/rich-text";
import type { SelfEvaluationValues } from "../app/domain/self-evaluation";
import type { SessionUser } from "../app/domain/user";
import { createSelfEvaluation } from "../app/models/self-evaluations.server";

export const DEMO_SELF_EVALUATION_TITLE = "Trygge trappeopgange";

const DESCRIPTION = [
  "Projektet skulle gøre opgangene i Strandengen til et sted, hvor beboerne hilser på hinanden og føler sig trygge, også om aftenen. Sammen med afdelingsbestyrelsen kortlagde vi de opgange, hvor flest beboere havde svaret i trivselsmålingen, at de var utrygge.",
  "Støtten gik til trappemøder med kaffe i opgangene, bedre lys på trapper og i kældergange og et lille korps af frivillige opgangsværter, der byder nye beboere velkommen.",
  "- 14 trappemøder i 9 opgange\n- nyt lys i 6 kældergange\n- 11 frivillige opgangsværter",
].join("\n\n");

const VALUES: SelfEvaluationValues = {
  funder: "Havbakke Fonden",
  title: DEMO_SELF_EVALUATION_TITLE,
  description: parseRichText(DESCRIPTION),
  recipient: "Fællesbo Havbakke",
  region: "Nordjylland",
  grantType: "Projekt",
  amount: 480_000,
  grantYear: 2024,
  dueDate: "2027-03-01",
  subGoal: "Trygge og levende boligområder",
  targetGroups: ["Beboere i opgangene", "Nye beboere", "Ældre beboere, der bor alene"],
  answers: {
    maal: {
      rating: 2,
      narrative:
        "Andelen af beboere i de udvalgte opgange, der svarer, at de føler sig trygge om aftenen, steg fra 58 % til 71 %. Målet var 75 %, så vi er tæt på, men ikke helt i mål.\n\nDe tre opgange med flest klager over uro har fået færre henvendelser til ejendomskontoret.",
    },
    inddragelse: {
      rating: 1,
      narrative:
        "Beboerne valgte selv, hvilke opgange der skulle med, og trappemøderne besluttede, hvor lyset skulle forbedres. 126 forskellige beboere deltog i mindst ét trappemøde, heraf 40 der ikke før havde været til et beboerarrangement.",
    },
    samarbejde: {
      rating: 3,
      narrative:
        "Samarbejdet med ejendomskontoret om lyset fungerede godt. Lokalpolitiet deltog i to trappemøder, men det lykkedes ikke at få en fast aftale om tryghedsvandringer, fordi kontaktpersonen skiftede undervejs.",
    },
    forankring: {
      rating: 2,
      narrative:
        "Afdelingsbestyrelsen har overtaget trappemøderne og sat penge af til kaffe og plakater i næste års budget. Opgangsværterne mødes fortsat hver anden måned med den boligsociale medarbejder.",
    },
  },
};

/** Inserts the demo self-evaluation and returns its id. */
export async function seedDemoSelfEvaluation(
  db: Db,
  demo: { planId: number; userIds: Record<keyof typeof DEMO_USERS, number> },
): Promise<number> {
  const reporter: SessionUser = {
    id: demo.userIds.reporter,
    email: DEMO_USERS.reporter.email,
    name: DEMO_USERS.reporter.name,
    isAdmin: false,
  };
  const { id } = await createSelfEvaluation(db, reporter, demo.planId, "havbakke", VALUES);
  return id;
}
