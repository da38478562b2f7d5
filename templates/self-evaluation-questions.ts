/**
 * The question sets of the funders' self-evaluation forms (selvevaluering), as data. A funder
 * whose form asks other questions gets its own entry here: the form, the validation, the page and
 * the Word document are all built from this registry, so adding a funder means editing only this
 * file. Keys are stored in the database (`self_evaluations.question_set`, and the question keys in
 * `answers`): never rename or remove one that is in use. Client-safe: no server imports.
 */

export interface SelfEvaluationQuestion {
  /** Stable key of the answer in `answers`: lowercase letters, digits and "_", starting with a letter. */
  key: string;
  /** Short heading above the question ("Forankring"). */
  heading: string;
  /** The question the rating answers; also the legend of the rating's radio group. */
  question: string;
  /** Guidance shown with the narrative. */
  hint?: string;
}

export interface SelfEvaluationQuestionSet {
  key: string;
  /** The name users choose the form by. */
  name: string;
  /** The funder filled in for a new self-evaluation with this set (the user may change it). */
  defaultFunder?: string;
  /** One line above the questions, on the page and in Word. */
  intro: string;
  questions: readonly SelfEvaluationQuestion[];
}

export const DEFAULT_QUESTION_SET_KEY = "standard";

export const SELF_EVALUATION_QUESTION_SETS: Readonly<Record<string, SelfEvaluationQuestionSet>> = {
  standard: {
    key: "standard",
    name: "Standardskema (tre spørgsmål)",
    intro: "Jeres egen vurdering af, hvad bevillingen har ført til.",
    questions: [
      {
        key: "forankring",
        heading: "Forankring",
        question: "I hvor høj grad er I lykkedes med at forankre projektet?",
        hint: "Beskriv hvem der fører arbejdet videre, og hvordan det er sikret, når bevillingen slutter.",
      },
      {
        key: "maal",
        heading: "Mål",
        question: "I hvor høj grad blev målet med jeres projekt indfriet?",
        hint: "Hold resultaterne op mod det mål, I søgte støtte til.",
      },
      {
        key: "aktiviteter",
        heading: "Aktiviteter",
        question: "I hvor høj grad var de valgte aktiviteter de rigtige til at nå jeres mål?",
        hint: "Fortæl hvad der virkede, og hvad I ville gøre anderledes.",
      },
    ],
  },
  havbakke: {
    key: "havbakke",
    name: "Havbakke Fonden (fire spørgsmål)",
    defaultFunder: "Havbakke Fonden",
    intro: "Havbakke Fonden beder alle modtagere vurdere projektet på fire punkter.",
    questions: [
      {
        key: "maal",
        heading: "Målopfyldelse",
        question: "I hvor høj grad nåede projektet de mål, der blev søgt støtte til?",
      },
      {
        key: "inddragelse",
        heading: "Inddragelse af beboerne",
        question: "I hvor høj grad var beboerne med til at forme og gennemføre projektet?",
        hint: "Fx hvor mange beboere der deltog, og hvilke beslutninger de var med til at træffe.",
      },
      {
        key: "samarbejde",
        heading: "Samarbejde",
        question: "I hvor høj grad bidrog samarbejdet med lokale partnere til resultaterne?",
      },
      {
        key: "forankring",
        heading: "Forankring",
        question: "I hvor høj grad fortsætter indsatsen, efter at støtten er brugt?",
      },
    ],
  },
};
