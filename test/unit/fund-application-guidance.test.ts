/**
 * The application page speaks to each reader in their own words: for every stage of an
 * application and every reader (the fund administration, the applicant, anybody else) the panel's
 * heading and text say what this reader does next, and never what another reader does — the
 * applicant's "Træk den tilbage" only to the applicant, "Vurder ansøgningen" and "Træf beslutning"
 * only to the fund administration, no instruction at all to a reader with neither role.
 */
import { describe, expect, it } from "vitest";
import {
  APPLICATION_AUDIENCES,
  APPLICATION_STAGES,
  applicationAudience,
  applicationGuidance,
  applicationLockMessage,
  applicationLockMessageFor,
  applicationStage,
  FUND_APPLICATION_STATUSES,
  type ApplicationAudience,
  type ApplicationStage,
} from "~/domain/disposition-fund";

/** What each reader must be told at each stage (a phrase of the text). */
const EXPECTED: Record<ApplicationStage, Record<ApplicationAudience, string>> = {
  draft: {
    manager: "ikke har indsendt endnu. Den kan vurderes, når den er indsendt.",
    applicant: "Ret den, og indsend den, når den er klar.",
    reader: "Ansøgningen er en kladde og er ikke indsendt.",
  },
  submitted: {
    manager: "Vurder ansøgningen efter fondens retningslinjer",
    applicant: "afventer fondens vurdering. Den kan ikke ændres",
    reader: "Ansøgningen er indsendt og afventer fondens vurdering.",
  },
  assessed: {
    manager: "Træf beslutning: registrér organisationsbestyrelsens afgørelse",
    applicant: "afventer nu organisationsbestyrelsens afgørelse",
    reader: "Ansøgningen er vurderet og afventer organisationsbestyrelsens afgørelse.",
  },
  approved: {
    manager: "Følg afdelingens afrapportering",
    applicant: "Afrapportér forbrug og aktiviteter for hvert år",
    reader: "Ansøgningen er bevilget som ansøgt.",
  },
  approved_reduced: {
    manager: "bevilget et lavere beløb end ansøgt, og afgørelsen er registreret",
    applicant: "bevilget med et lavere beløb end ansøgt. Afrapportér",
    reader: "Ansøgningen er bevilget med et lavere beløb end ansøgt.",
  },
  rejected: {
    manager: "Afgørelsesbrevet til afdelingen kan hentes i Word.",
    applicant: "I kan hente afgørelsesbrevet i Word",
    reader: "Ansøgningen er afslået.",
  },
  withdrawn: {
    manager: "der skal ikke træffes afgørelse",
    applicant: "Opret en ny ansøgning, hvis I vil søge igen.",
    reader: "Ansøgningen er trukket tilbage.",
  },
};

/** Words that tell one reader what to do; nobody else may be told them. */
const APPLICANT_WORDS = [/Træk den tilbage/, /indsend den/, /Afrapportér/, /Opret en ny/];
const MANAGER_WORDS = [/Vurder ansøgningen/, /Træf beslutning/, /registrér/i, /Følg afdelingens/];
/** Second person ("I kan", "registrerer I") or an imperative: an instruction. */
const INSTRUCTION = /\bI (kan|vil)\b|\bregistrerer I\b|Vurder |Træf |Afrapportér|Træk |Ret den/;

const combinations = APPLICATION_STAGES.flatMap((stage) =>
  APPLICATION_AUDIENCES.map((audience) => [stage, audience] as const),
);

describe("the application page's words per stage and reader", () => {
  it.each(combinations)("%s, read by the %s", (stage, audience) => {
    const guidance = applicationGuidance(stage, audience);
    expect(guidance.text).toContain(EXPECTED[stage][audience]);
    const told = `${guidance.text} ${guidance.withdrawHint ?? ""}`;
    for (const words of APPLICANT_WORDS) {
      if (audience !== "applicant") expect(told).not.toMatch(words);
    }
    for (const words of MANAGER_WORDS) {
      if (audience !== "manager") expect(told).not.toMatch(words);
    }
    if (audience === "reader") expect(told).not.toMatch(INSTRUCTION);
  });

  it("gives each reader a text of their own at every stage", () => {
    for (const stage of APPLICATION_STAGES) {
      const texts = APPLICATION_AUDIENCES.map((a) => applicationGuidance(stage, a).text);
      expect(new Set(texts).size, stage).toBe(3);
    }
  });

  it("heads the panel with the fund administration's task, the applicant's own application, or the status", () => {
    expect(APPLICATION_AUDIENCES.map((a) => applicationGuidance("submitted", a).heading)).toEqual([
      "Vurdering og beslutning",
      "Jeres ansøgning",
      "Ansøgningens status",
    ]);
  });

  it("offers the way back («Træk den tilbage») to the applicant only, while the fund has not decided", () => {
    const offered = combinations
      .filter(([stage, audience]) => applicationGuidance(stage, audience).withdrawHint)
      .map(([stage, audience]) => `${stage}/${audience}`);
    expect(offered).toEqual(["submitted/applicant", "assessed/applicant"]);
    expect(applicationGuidance("submitted", "applicant").withdrawHint).toBe(
      "Træk den tilbage, hvis den skal rettes.",
    );
  });

  it("knows the reader by their fund role, and a submitted application's stage by its assessment", () => {
    expect(
      [
        applicationAudience("admin"),
        applicationAudience("fund_admin"),
        applicationAudience("applicant"),
        applicationAudience(null),
      ],
      "admin, fund_admin, applicant, none",
    ).toEqual(["manager", "manager", "applicant", "reader"]);
    expect(applicationStage("submitted", false)).toBe("submitted");
    expect(applicationStage("submitted", true)).toBe("assessed");
    // Only a submitted application waits for a decision after its assessment.
    expect(applicationStage("approved", true)).toBe("approved");
    expect(applicationStage("draft", false)).toBe("draft");
  });
});

describe("why an application cannot be edited, per reader", () => {
  it("tells the applicant how to change a submitted one, the fund administration where its work is", () => {
    expect(applicationLockMessageFor("submitted", "applicant")).toBe(
      "Ansøgningen er indsendt og kan ikke ændres. Træk den tilbage, hvis den skal rettes.",
    );
    expect(applicationLockMessageFor("submitted", "manager")).toBe(
      "Ansøgningen er indsendt og kan ikke ændres. Vurder den, og registrér afgørelsen på ansøgningens side.",
    );
    expect(applicationLockMessageFor("submitted", "reader")).toBe(
      "Ansøgningen er indsendt og kan ikke ændres.",
    );
  });

  it("says the same to everybody once it is decided or withdrawn, and nothing about a draft", () => {
    for (const status of FUND_APPLICATION_STATUSES.filter((s) => s !== "submitted")) {
      for (const audience of APPLICATION_AUDIENCES) {
        expect(applicationLockMessageFor(status, audience), `${status}/${audience}`).toBe(
          applicationLockMessage(status),
        );
      }
    }
    expect(applicationLockMessageFor("draft", "applicant")).toBeNull();
  });
});
