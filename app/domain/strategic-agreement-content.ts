/**
 * The strategic agreement's (strategisk samarbejdsaftale) working content as stored in
 * `strategic_agreements.content`. Only types here: the schema imports this file. The form's zod
 * schema and the rules live in ./strategic-agreement.ts.
 */

/** A party to the strategic agreement and who signs for it. */
export interface StrategicParty {
  /** The organisation in the register, when it is there. */
  organisationId: number | null;
  /** The party's name as written in the agreement (the register's name when organisationId is set). */
  name: string;
  signatoryName: string;
  signatoryTitle: string;
}

/** A member of one of the plan's bodies. */
export interface BodyMember {
  name: string;
  /** The member's organisation in the register, when it is there. */
  organisationId: number | null;
  /** The organisation as written (shown when organisationId is null). */
  organisationName: string;
  /** "Formand", "Sekretariatsleder" … */
  role: string;
}

/** One of the plan's bodies (the board, the follow/steering group, the secretariat). */
export interface PlanBody {
  /** The body's name as the plan calls it ("Bestyrelsen for den boligsociale indsats"). */
  name: string;
  /** Its task and mandate, in a few lines. */
  description: string;
  members: BodyMember[];
}

/** A plan-level objective; `key` is stable across edits so focus-area goals can point at it. */
export interface StrategicObjective {
  key: string;
  text: string;
}

/** The overall goal of one focus area, linked to the plan objectives it serves. */
export interface FocusAreaGoal {
  focusAreaId: number;
  goal: string;
  objectiveKeys: string[];
}

export interface StrategicClause {
  heading: string;
  text: string;
}

export interface StrategicContent {
  parties: StrategicParty[];
  vision: string;
  objectives: StrategicObjective[];
  /** Bestyrelsen for den boligsociale indsats, under its terms of reference (kommissorium). */
  board: PlanBody & { termsOfReference: string };
  /** Følgegruppe / styregruppe. */
  followGroup: PlanBody;
  secretariat: PlanBody;
  focusAreaGoals: FocusAreaGoal[];
  /** The plan's own clauses (economy, conflicts, revision, termination …). */
  clauses: StrategicClause[];
}

/** An empty strategic agreement, the starting point of a plan's first draft. */
export function emptyStrategicContent(): StrategicContent {
  return {
    parties: [],
    vision: "",
    objectives: [],
    board: {
      name: "Bestyrelsen for den boligsociale indsats",
      description: "",
      members: [],
      termsOfReference: "",
    },
    followGroup: { name: "Følgegruppen", description: "", members: [] },
    secretariat: { name: "Sekretariatet", description: "", members: [] },
    focusAreaGoals: [],
    clauses: [],
  };
}
