/**
 * What the application page says to each reader about where the application stands and what they
 * do next, in their own words: the applicant is told to submit, wait or withdraw ("Træk den
 * tilbage …"), the fund administration to assess ("Vurder ansøgningen …") or to record the
 * organisation board's decision ("Træf beslutning …"), and anybody else gets neutral text with no
 * instruction. One table of stage × audience, so every combination is written on purpose (and
 * tested in test/unit/fund-application-guidance.test.ts).
 */
import {
  applicationLockMessage,
  isFundManager,
  type FundApplicationStatus,
  type FundRole,
} from "./status";

/** Who reads the page: the fund administration, the applying estate, or somebody else. */
export const APPLICATION_AUDIENCES = ["manager", "applicant", "reader"] as const;
export type ApplicationAudience = (typeof APPLICATION_AUDIENCES)[number];

/** A user's fund role as the page's audience; no role (or an unknown one) reads neutrally. */
export function applicationAudience(role: FundRole | null | undefined): ApplicationAudience {
  if (isFundManager(role)) return "manager";
  return role === "applicant" ? "applicant" : "reader";
}

/**
 * Where an application stands: its status, with a submitted one split by whether the fund
 * administration has assessed it yet (the next step differs).
 */
export const APPLICATION_STAGES = [
  "draft",
  "submitted",
  "assessed",
  "approved",
  "approved_reduced",
  "rejected",
  "withdrawn",
] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

export function applicationStage(
  status: FundApplicationStatus,
  assessed: boolean,
): ApplicationStage {
  return status === "submitted" && assessed ? "assessed" : status;
}

export interface ApplicationGuidance {
  /** The heading of the page's panel for this reader. */
  heading: string;
  /** Where the application stands and what this reader does next (one or two sentences). */
  text: string;
  /**
   * The applicant's way back while the fund has not decided: the words that link to the
   * withdrawal form. Only for the applicant.
   */
  withdrawHint: string | null;
}

const HEADINGS: Record<ApplicationAudience, string> = {
  manager: "Vurdering og beslutning",
  applicant: "Jeres ansøgning",
  reader: "Ansøgningens status",
};

/** The applicant's way back while the application awaits the fund (the lock message's end). */
const WITHDRAW_HINT = "Træk den tilbage, hvis den skal rettes.";

const TEXTS: Record<ApplicationStage, Record<ApplicationAudience, string>> = {
  draft: {
    manager:
      "Ansøgningen er en kladde, som afdelingen ikke har indsendt endnu. Den kan vurderes, når den er indsendt.",
    applicant:
      "Ansøgningen er en kladde. Ret den, og indsend den, når den er klar. Fonden behandler den først, når den er indsendt.",
    reader: "Ansøgningen er en kladde og er ikke indsendt.",
  },
  submitted: {
    manager:
      "Vurder ansøgningen efter fondens retningslinjer, og giv en indstilling til organisationsbestyrelsen. Når bestyrelsen har besluttet, registrerer I afgørelsen her.",
    applicant:
      "Ansøgningen er indsendt og afventer fondens vurdering. Den kan ikke ændres, mens fonden behandler den.",
    reader: "Ansøgningen er indsendt og afventer fondens vurdering.",
  },
  assessed: {
    manager:
      "Træf beslutning: registrér organisationsbestyrelsens afgørelse med dato og eventuelle vilkår. Vurderingen kan rettes, indtil afgørelsen er registreret.",
    applicant:
      "Fonden har vurderet ansøgningen, og den afventer nu organisationsbestyrelsens afgørelse. Den kan ikke ændres, mens fonden behandler den.",
    reader: "Ansøgningen er vurderet og afventer organisationsbestyrelsens afgørelse.",
  },
  approved: {
    manager:
      "Organisationsbestyrelsen har bevilget ansøgningen som ansøgt, og afgørelsen er registreret. Følg afdelingens afrapportering for hvert år under Bevilling og afrapportering.",
    applicant:
      "Ansøgningen er bevilget som ansøgt. Afrapportér forbrug og aktiviteter for hvert år under Bevilling og afrapportering, og hent afgørelsesbrevet i Word.",
    reader: "Ansøgningen er bevilget som ansøgt.",
  },
  approved_reduced: {
    manager:
      "Organisationsbestyrelsen har bevilget et lavere beløb end ansøgt, og afgørelsen er registreret. Følg afdelingens afrapportering for hvert år under Bevilling og afrapportering.",
    applicant:
      "Ansøgningen er bevilget med et lavere beløb end ansøgt. Afrapportér forbrug og aktiviteter for hvert år under Bevilling og afrapportering, og hent afgørelsesbrevet i Word.",
    reader: "Ansøgningen er bevilget med et lavere beløb end ansøgt.",
  },
  rejected: {
    manager:
      "Organisationsbestyrelsen har afslået ansøgningen, og afgørelsen er registreret. Afgørelsesbrevet til afdelingen kan hentes i Word.",
    applicant:
      "Ansøgningen er afslået. Afgørelsen og eventuelle vilkår står nedenfor, og I kan hente afgørelsesbrevet i Word.",
    reader: "Ansøgningen er afslået.",
  },
  withdrawn: {
    manager: "Ansøgningen er trukket tilbage, så der skal ikke træffes afgørelse.",
    applicant:
      "Ansøgningen er trukket tilbage og kan ikke genoptages. Opret en ny ansøgning, hvis I vil søge igen.",
    reader: "Ansøgningen er trukket tilbage.",
  },
};

/** The panel's heading and text for this stage and reader. */
export function applicationGuidance(
  stage: ApplicationStage,
  audience: ApplicationAudience,
): ApplicationGuidance {
  const awaitsFund = stage === "submitted" || stage === "assessed";
  return {
    heading: HEADINGS[audience],
    text: TEXTS[stage][audience],
    withdrawHint: audience === "applicant" && awaitsFund ? WITHDRAW_HINT : null,
  };
}

/**
 * Why the application cannot be edited now, said to this reader (the edit page of an application
 * that is no draft); null while it can. The applicant is told how to change it; the fund
 * administration where its own work is.
 */
export function applicationLockMessageFor(
  status: FundApplicationStatus,
  audience: ApplicationAudience,
): string | null {
  // The model's message (a refused save's) speaks to the applicant.
  const message = applicationLockMessage(status);
  if (status !== "submitted" || audience === "applicant") return message;
  const reason = "Ansøgningen er indsendt og kan ikke ændres.";
  return audience === "manager"
    ? `${reason} Vurder den, og registrér afgørelsen på ansøgningens side.`
    : reason;
}
