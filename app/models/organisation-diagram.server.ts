/**
 * The plan's organisation diagram: its data read from the strategic agreement (board, follow
 * group, secretariat, parties) and from the delaftaler's working groups, drawn as SVG and PNG.
 * Every member of the plan may see it. A constant number of queries however many agreements,
 * groups and members there are.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  agreementParties,
  agreements,
  focusAreas,
  organisations,
  people,
  plans,
  strategicAgreements,
  workingGroupMembers,
  workingGroups,
} from "../../db/schema";
import type { BodyMember, PlanBody, StrategicContent } from "~/domain/strategic-agreement-content";
import type {
  DiagramBody,
  DiagramBodyKind,
  DiagramMember,
  DiagramWorkingGroup,
  OrganisationDiagramData,
} from "~/domain/organisation-diagram";
import type { SessionUser } from "~/domain/user";
import { cachedGlyphs } from "~/graphics/glyph-outlines.server";
import {
  drawOrganisationDiagram,
  layoutOrganisationDiagram,
  renderDiagramSvg,
  type DiagramLayout,
} from "~/graphics/organisation-diagram";
import { svgToPng, type PngImage } from "~/graphics/png.server";
import { requirePlanRole } from "./access.server";
import { NotFoundError } from "./errors.server";

/** The widest the PNG needs to be in pixels: a Word page's text width at about 300 dpi. */
const PNG_MAX_PIXEL_WIDTH = 2000;

const memberOrganisation = alias(organisations, "member_organisation");
const personOrganisation = alias(organisations, "person_organisation");

interface MemberRow {
  personName: string | null;
  personTitle: string | null;
  count: number | null;
  description: string | null;
  names: string | null;
  memberOrganisation: string | null;
  personOrganisation: string | null;
}

/** A working-group member as the diagram shows it (see memberText in domain/agreement-view.ts). */
function toDiagramMember(row: MemberRow): DiagramMember {
  if (row.personName != null) {
    const title = row.personTitle?.toLocaleLowerCase("da") ?? null;
    return {
      name: row.personName,
      role: row.description ? [row.description, title].filter(Boolean).join(", ") : title,
      // The row's organisation is the one the person sits for; else the person's own.
      organisation: row.memberOrganisation ?? row.personOrganisation,
    };
  }
  const what = row.description ?? "repræsentant";
  const head = row.count != null ? `${row.count} ${what}` : what;
  return {
    name: row.names ? `${head} (${row.names})` : head,
    role: null,
    organisation: row.memberOrganisation,
  };
}

function toDiagramBody(
  kind: DiagramBodyKind,
  body: PlanBody,
  organisationNames: Map<number, string>,
): DiagramBody {
  const member = (m: BodyMember): DiagramMember => ({
    name: m.name,
    // `?? ""`: content saved before a field existed may lack it (jsonb is not checked).
    role: (m.role ?? "").trim() || null,
    organisation:
      (m.organisationId != null ? organisationNames.get(m.organisationId) : undefined) ??
      ((m.organisationName ?? "").trim() || null),
  });
  return {
    kind,
    name: (body.name ?? "").trim() || defaultBodyName[kind],
    description: body.description ?? "",
    members: body.members.map(member),
  };
}

const defaultBodyName: Record<DiagramBodyKind, string> = {
  board: "Bestyrelsen for den boligsociale indsats",
  followGroup: "Følgegruppen",
  secretariat: "Sekretariatet",
};

function unique(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v && v.trim())))];
}

/** The organisations a strategic agreement names by register id. */
function referencedOrganisationIds(content: StrategicContent): number[] {
  const ids = [
    ...content.parties.map((p) => p.organisationId),
    ...[content.board, content.followGroup, content.secretariat].flatMap((b) =>
      b.members.map((m) => m.organisationId),
    ),
  ];
  return [...new Set(ids.filter((id): id is number => id != null))];
}

/**
 * The diagram's data for a plan. Any member of the plan may read it (404 for others). Four or
 * five queries: access, plan + strategic agreement, working groups with members, the agreements'
 * primary parties, and (when the strategic agreement names some) the register's organisations.
 */
export async function getOrganisationDiagramData(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<OrganisationDiagramData> {
  await requirePlanRole(db, user, planId);
  const [plan] = await db
    .select({ name: plans.name, content: strategicAgreements.content })
    .from(plans)
    .leftJoin(strategicAgreements, eq(strategicAgreements.planId, plans.id))
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError("Planen findes ikke");

  const [memberRows, partyRows, registerRows] = await Promise.all([
    db
      .select({
        groupId: workingGroups.id,
        groupName: workingGroups.name,
        agreementId: agreements.id,
        focusArea: focusAreas.name,
        memberId: workingGroupMembers.id,
        personName: people.name,
        personTitle: people.title,
        count: workingGroupMembers.count,
        description: workingGroupMembers.description,
        names: workingGroupMembers.names,
        memberOrganisation: memberOrganisation.name,
        personOrganisation: personOrganisation.name,
      })
      .from(workingGroups)
      .innerJoin(agreements, eq(agreements.id, workingGroups.agreementId))
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .leftJoin(workingGroupMembers, eq(workingGroupMembers.workingGroupId, workingGroups.id))
      .leftJoin(people, eq(people.id, workingGroupMembers.personId))
      .leftJoin(memberOrganisation, eq(memberOrganisation.id, workingGroupMembers.organisationId))
      .leftJoin(personOrganisation, eq(personOrganisation.id, people.organisationId))
      .where(eq(agreements.planId, planId))
      .orderBy(
        asc(focusAreas.position),
        asc(agreements.id),
        asc(workingGroups.position),
        asc(workingGroups.id),
        asc(workingGroupMembers.position),
        asc(workingGroupMembers.id),
      ),
    db
      .select({ organisation: organisations.name, label: agreementParties.label })
      .from(agreementParties)
      .innerJoin(agreements, eq(agreements.id, agreementParties.agreementId))
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .leftJoin(organisations, eq(organisations.id, agreementParties.organisationId))
      .where(and(eq(agreements.planId, planId), eq(agreementParties.tier, "primary")))
      .orderBy(asc(focusAreas.position), asc(agreementParties.position)),
    plan.content && referencedOrganisationIds(plan.content).length > 0
      ? db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, referencedOrganisationIds(plan.content)))
      : Promise.resolve([]),
  ]);

  const groups = new Map<number, DiagramWorkingGroup>();
  for (const row of memberRows) {
    let group = groups.get(row.groupId);
    if (!group) {
      group = {
        id: row.groupId,
        name: row.groupName,
        agreementId: row.agreementId,
        focusArea: row.focusArea,
        members: [],
      };
      groups.set(row.groupId, group);
    }
    if (row.memberId != null) group.members.push(toDiagramMember(row));
  }
  const workingGroupList = [...groups.values()];

  const organisationNames = new Map(registerRows.map((o) => [o.id, o.name]));
  const content = plan.content;
  const board = content ? { ...toDiagramBody("board", content.board, organisationNames) } : null;
  const followGroup = content
    ? toDiagramBody("followGroup", content.followGroup, organisationNames)
    : null;
  const secretariat: DiagramBody = content
    ? toDiagramBody("secretariat", content.secretariat, organisationNames)
    : { kind: "secretariat", name: "Sekretariatet", description: "", members: [] };

  const strategicParties = content
    ? unique(
        content.parties.map(
          (p) =>
            (p.organisationId != null ? organisationNames.get(p.organisationId) : null) ?? p.name,
        ),
      )
    : [];
  const agreementPartyNames = unique(partyRows.map((p) => p.organisation ?? p.label));
  const parties = strategicParties.length > 0 ? strategicParties : agreementPartyNames;

  const bodies = [board, followGroup, secretariat].filter((b): b is DiagramBody => b != null);
  const organisationList = unique([
    ...parties,
    ...agreementPartyNames,
    ...bodies.flatMap((b) => b.members.map((m) => m.organisation)),
    ...workingGroupList.flatMap((g) => g.members.map((m) => m.organisation)),
  ]);

  const missing: string[] = [];
  if (!content) {
    missing.push(
      "Planen har ingen strategisk samarbejdsaftale endnu, så bestyrelsen, følgegruppen og sekretariatets medlemmer mangler. Arbejdsgrupperne er vist under et sekretariat uden medlemmer.",
    );
  } else {
    for (const body of bodies) {
      if (body.members.length === 0) {
        missing.push(`${body.name} har ingen medlemmer i den strategiske samarbejdsaftale.`);
      }
    }
    if (strategicParties.length === 0) {
      missing.push("Den strategiske samarbejdsaftale nævner ingen parter.");
    }
  }
  if (workingGroupList.length === 0) {
    missing.push("Ingen delaftale har arbejdsgrupper endnu.");
  }

  return {
    planName: plan.name,
    hasStrategicAgreement: content != null,
    board,
    followGroup,
    secretariat,
    workingGroups: workingGroupList,
    parties,
    organisations: organisationList,
    missing,
  };
}

/**
 * How many times the SVG's size the PNG is drawn: 1.75 prints the demo's diagram at about 170 dpi
 * on a Word page (2 cost 25 % more drawing time for a difference no printer shows).
 */
export const PNG_SCALE = 1.75;

/** The PNG scale for Word: PNG_SCALE × the SVG's size, but never wider than print needs. */
export function pngScaleFor(svgWidth: number): number {
  return Math.min(PNG_SCALE, PNG_MAX_PIXEL_WIDTH / Math.max(1, svgWidth));
}

/**
 * A laid-out diagram as PNG: its text drawn as cached glyph outlines (resvg would otherwise read
 * the font file once per glyph; see glyph-outlines.server.ts).
 */
export function renderDiagramPng(layout: DiagramLayout): PngImage {
  const width = layout.elk.width ?? 1;
  return svgToPng(renderDiagramSvg(layout, { glyphs: cachedGlyphs }), pngScaleFor(width));
}

/** The diagram as SVG (for the screen and download), as PNG (for Word), and its data. */
export async function getOrganisationDiagram(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<{ svg: string; png: PngImage; data: OrganisationDiagramData }> {
  const data = await getOrganisationDiagramData(db, user, planId);
  const layout = await layoutOrganisationDiagram(data);
  return { svg: renderDiagramSvg(layout), png: renderDiagramPng(layout), data };
}

/** The diagram as SVG and its data, without the PNG (the page and the .svg download). */
export async function getOrganisationDiagramSvg(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<{ svg: string; data: OrganisationDiagramData }> {
  const data = await getOrganisationDiagramData(db, user, planId);
  return { svg: await drawOrganisationDiagram(data), data };
}
