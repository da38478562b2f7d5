/**
 * The plan's organisation diagram as data: the bodies of the strategic agreement (board, follow
 * group, secretariat), the working groups of each delaftale with their members' organisations,
 * and the parties. Built by app/models/organisation-diagram.server.ts, drawn by
 * app/graphics/organisation-diagram.ts, listed on the page and in Word.
 */

/** One person (or "N representatives of X") in a body or working group. */
export interface DiagramMember {
  /** "Ida Mørch", "4 beboerdemokrater (Ali, Bo, Cai, Dea)". */
  name: string;
  /** "Formand", "ejendomsleder"; null when none is given. */
  role: string | null;
  /** The member's organisation's name; null when none is given. */
  organisation: string | null;
}

export type DiagramBodyKind = "board" | "followGroup" | "secretariat";

export interface DiagramBody {
  kind: DiagramBodyKind;
  name: string;
  description: string;
  members: DiagramMember[];
}

export interface DiagramWorkingGroup {
  id: number;
  name: string;
  agreementId: number;
  /** The delaftale's focus area (the label of the edge from the secretariat). */
  focusArea: string;
  members: DiagramMember[];
}

export interface OrganisationDiagramData {
  planName: string;
  /** Whether the plan has a strategic agreement (the source of board, follow group, secretariat). */
  hasStrategicAgreement: boolean;
  /** Null when the plan has no strategic agreement (nothing to draw). */
  board: DiagramBody | null;
  followGroup: DiagramBody | null;
  /**
   * Always present: without a strategic agreement it is an implicit "Sekretariatet" with no
   * members, so the working groups still hang under something.
   */
  secretariat: DiagramBody;
  /** In the delaftaler's order (focus area), then the groups' own order. */
  workingGroups: DiagramWorkingGroup[];
  /**
   * The parties: the strategic agreement's, or (without one, or when it names none) the primary
   * parties of the delaftaler.
   */
  parties: string[];
  /** The parties and organisations involved (parties first, then members' organisations), unique. */
  organisations: string[];
  /** What the diagram lacks, in Danish, for the page ("Planen har ingen strategisk samarbejdsaftale endnu …"). */
  missing: string[];
}

/** "Ida Mørch, formand (Vestby Kommune)". */
export function memberLabel(member: DiagramMember): string {
  const who = [member.name, member.role].filter(Boolean).join(", ");
  return member.organisation ? `${who} (${member.organisation})` : who;
}

/** The bodies in drawing order: board, follow group, secretariat (those that exist). */
export function diagramBodies(data: OrganisationDiagramData): DiagramBody[] {
  return [data.board, data.followGroup, data.secretariat].filter(
    (b): b is DiagramBody => b != null,
  );
}
