/**
 * Gathering the helhedsplan's package (issue 14 item 7): the plan's facts for the cover, its
 * delaftaler as they stand (the approved version in effect, else the working draft), and each
 * part from its own model, loaded in parallel once access is checked. Any member of the plan may
 * read the package (every part is readable by every member); others get 404.
 *
 * Which agreement text goes in: the package is what the board has approved and the fund
 * receives, so an agreement with an approved version goes in as that version's frozen snapshot
 * (its header says "Version 2, godkendt 3. maj 2026"), even while a revision is being drafted;
 * an agreement never approved goes in as its working draft, marked "Udkast". (The plan's
 * "all agreements" download, templates/plan.ts, prints the working drafts: it is a working copy.)
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreementVersions, organisations, planOrganisations, plans } from "../../db/schema";
import { readAgreementSnapshot } from "~/domain/agreement-snapshot";
import { buildAgreementView, type AgreementView } from "~/domain/agreement-view";
import { todayInDenmark } from "~/domain/format";
import { milestoneCountText } from "~/domain/milestone";
import {
  agreementsStateText,
  attachmentPartState,
  PACKAGE_PART_TITLES,
  packageYear,
  type PackagePartRow,
} from "~/domain/plan-package";
import { versionLabel } from "~/domain/revision";
import type { RenderedChart } from "~/domain/charts";
import type { GoalHierarchy } from "~/domain/goal-hierarchy";
import type { MilestonePlanView } from "~/domain/milestone";
import type { OrganisationDiagramData } from "~/domain/organisation-diagram";
import type { StrategicAgreementView } from "~/domain/strategic-agreement";
import type { PngImage } from "~/graphics/png.server";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { NotFoundError } from "./errors.server";
import { loadPlanAgreementRecords } from "./internal/agreement-records.server";
import { listPlanAttachments, type PlanAttachmentItem } from "./attachments.server";
import { getGoalHierarchy } from "./goal-hierarchy.server";
import { getMilestonePlan } from "./milestones.server";
import { getPlanCharts } from "./charts.server";
import { getOrganisationDiagram, getOrganisationDiagramData } from "./organisation-diagram.server";
import {
  getStrategicAgreementForPackage,
  getStrategicPage,
  type StrategicPage,
} from "./strategic-agreements.server";

/** A delaftale as the package has it, with whether that is an approved version. */
export interface PackageAgreement {
  view: AgreementView;
  approved: boolean;
}

export interface PlanPackage {
  role: PlanAccessRole;
  plan: {
    id: number;
    name: string;
    periodStart: string;
    periodEnd: string;
    fundingRound: string;
    /** The municipality and the housing organisations (the cover's parties without a strategy). */
    parties: string[];
  };
  generatedOn: string;
  year: number;
  agreements: PackageAgreement[];
  attachments: PlanAttachmentItem[];
  goals: GoalHierarchy;
  milestones: MilestonePlanView;
  strategic: StrategicAgreementView | null;
  /** The diagram as SVG (for the .zip) and PNG (for Word), and its data. */
  organisation: { svg: string; png: PngImage; data: OrganisationDiagramData };
  /** Criteria by status (the latest year measured) and budget against spend. */
  charts: RenderedChart[];
}

/** The plan's facts for the cover: one query for the plan, one for its organisations. */
async function loadPlanFacts(db: Db, planId: number) {
  const [plan, orgs] = await Promise.all([
    db.query.plans.findFirst({
      where: eq(plans.id, planId),
      columns: { id: true, name: true, periodStart: true, periodEnd: true },
      with: {
        fundingRound: { columns: { name: true } },
        municipality: { columns: { name: true } },
      },
    }),
    db
      .select({ name: organisations.name })
      .from(planOrganisations)
      .innerJoin(organisations, eq(organisations.id, planOrganisations.organisationId))
      .where(
        and(eq(planOrganisations.planId, planId), eq(organisations.kind, "housing_organisation")),
      )
      .orderBy(asc(organisations.name)),
  ]);
  if (!plan) throw new NotFoundError("Planen findes ikke");
  return {
    id: plan.id,
    name: plan.name,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    fundingRound: plan.fundingRound.name,
    parties: [...(plan.municipality ? [plan.municipality.name] : []), ...orgs.map((o) => o.name)],
  };
}

/**
 * The plan's delaftaler for the package, in the plan document's order: each agreement's approved
 * version in effect (one query for all of them), else its working draft.
 */
export async function loadPackageAgreements(db: Db, planId: number): Promise<PackageAgreement[]> {
  const { records } = await loadPlanAgreementRecords(db, planId);
  if (records.length === 0) return [];
  const approved = await db
    .select({
      agreementId: agreementVersions.agreementId,
      number: agreementVersions.number,
      status: agreementVersions.status,
      snapshot: agreementVersions.snapshot,
      decidedAt: agreementVersions.decidedAt,
      meetingDate: agreementVersions.meetingDate,
    })
    .from(agreementVersions)
    .where(
      and(
        inArray(
          agreementVersions.agreementId,
          records.map((r) => r.id),
        ),
        eq(agreementVersions.status, "approved"),
      ),
    );
  const byAgreement = new Map(approved.map((v) => [v.agreementId, v]));
  return records.map((record) => {
    const version = byAgreement.get(record.id);
    if (!version) return { view: buildAgreementView(record), approved: false };
    const label = versionLabel({
      ...version,
      decidedAt: version.decidedAt?.toISOString() ?? null,
    });
    return {
      view: { ...readAgreementSnapshot(version.snapshot), statusLabel: label },
      approved: true,
    };
  });
}

/** Everything the package holds, for any member of the plan. */
export async function getPlanPackage(
  db: Db,
  user: SessionUser,
  planId: number,
  now: Date = new Date(),
): Promise<PlanPackage> {
  const role = await requirePlanRole(db, user, planId);
  const [plan, agreements, attachments, goals, milestones, strategic, organisation, charts] =
    await Promise.all([
      loadPlanFacts(db, planId),
      loadPackageAgreements(db, planId),
      listPlanAttachments(db, user, planId),
      getGoalHierarchy(db, user, planId),
      getMilestonePlan(db, user, planId),
      getStrategicAgreementForPackage(db, user, planId),
      getOrganisationDiagram(db, user, planId),
      getPlanCharts(db, user, planId),
    ]);
  const generatedOn = todayInDenmark(now);
  return {
    role,
    plan,
    generatedOn,
    year: packageYear(generatedOn, plan.periodStart, plan.periodEnd),
    agreements,
    attachments,
    goals,
    milestones,
    strategic,
    organisation,
    charts: [charts.criteriaByStatus, charts.budgetVsSpend],
  };
}

/** "3 mangler: 2 kriterier uden mål, 1 mål uden kriterier" from the målhierarki's issues. */
function goalsState(goals: GoalHierarchy): { state: string; missing: boolean } {
  if (!goals.focusAreas.length && !goals.objectives.length) {
    return { state: "Ingen mål endnu", missing: true };
  }
  const gaps = [
    [goals.issues.unlinkedCriteria, "succeskriterier uden mål"],
    [goals.issues.goalsWithoutCriteria, "mål uden succeskriterier"],
    [goals.issues.focusAreasWithoutObjective, "indsatsområder uden overordnet mål"],
    [goals.issues.objectivesWithoutFocusArea, "overordnede mål uden indsatsområde"],
  ] as const;
  const open = gaps.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  const base = `${goals.objectives.length} overordnede mål, ${goals.focusAreas.length} indsatsområder`;
  return open.length
    ? { state: `${base}; mangler: ${open.join(", ")}`, missing: false }
    : { state: `${base}; alle led hænger sammen`, missing: false };
}

/** What the package page shows of each part (no images drawn for it). */
export interface PackageSummaryInput extends Pick<
  PlanPackage,
  "plan" | "year" | "agreements" | "attachments" | "goals" | "milestones"
> {
  strategic: Pick<StrategicPage, "exists" | "current" | "pending">;
  organisation: OrganisationDiagramData;
}

/** "Version 2, afventer fondens godkendelse (sendt 3. maj 2026); i kraft: Version 1, godkendt …". */
function strategicState(s: PackageSummaryInput["strategic"]): { state: string; missing: boolean } {
  if (!s.exists) return { state: "Ingen strategisk samarbejdsaftale endnu", missing: true };
  const parts = [
    s.pending?.label,
    s.current ? (s.pending ? `i kraft: ${s.current.info.label}` : s.current.info.label) : null,
  ].filter(Boolean);
  return {
    state: parts.length ? parts.join("; ") : "Udkast, ikke indstillet til bestyrelsen endnu",
    missing: false,
  };
}

function organisationState(data: OrganisationDiagramData): { state: string; missing: boolean } {
  const groups = data.workingGroups.length;
  const groupsText = groups === 1 ? "1 arbejdsgruppe" : `${groups} arbejdsgrupper`;
  if (!data.hasStrategicAgreement) {
    return {
      state: `Kun ${groupsText} – bestyrelse, følgegruppe og sekretariat kommer fra den strategiske samarbejdsaftale`,
      missing: groups === 0,
    };
  }
  return { state: `Bestyrelse, følgegruppe, sekretariat og ${groupsText}`, missing: false };
}

/** The package page's lines: every part in the package's order, with its state and its page. */
export function summarisePlanPackage(pkg: PackageSummaryInput): PackagePartRow[] {
  const base = `/plans/${pkg.plan.id}`;
  const T = PACKAGE_PART_TITLES;
  const approved = pkg.agreements.filter((a) => a.approved).length;
  const ofYear = pkg.milestones.milestones.filter((m) => m.year === pkg.year);
  const done = ofYear.filter((m) => m.status === "done").length;
  return [
    {
      key: "strategic",
      title: T.strategic,
      ...strategicState(pkg.strategic),
      href: `${base}/strategy`,
    },
    {
      key: "agreements",
      title: T.agreements,
      state: agreementsStateText(pkg.agreements.length, approved),
      missing: pkg.agreements.length === 0,
      href: base,
    },
    {
      key: "organisation",
      title: T.organisation,
      ...organisationState(pkg.organisation),
      href: `${base}/organisation`,
    },
    {
      key: "communication",
      title: T.communication,
      ...attachmentPartState(pkg.attachments, "communication"),
      href: `${base}/attachments`,
    },
    { key: "goals", title: T.goals, ...goalsState(pkg.goals), href: `${base}/goals` },
    {
      key: "milestones",
      title: `${T.milestones} ${pkg.year} og for hele perioden`,
      state: pkg.milestones.milestones.length
        ? `${pkg.milestones.milestones.length} milepæle i perioden; ${milestoneCountText(done, ofYear.length)} i ${pkg.year}`
        : "Ingen milepæle endnu",
      missing: pkg.milestones.milestones.length === 0,
      href: `${base}/milestones`,
    },
    {
      key: "charts",
      title: T.charts,
      state: "Succeskriterier efter status og budget mod forbrug, tegnet når pakken hentes",
      missing: false,
      href: base,
    },
    {
      key: "preparedness",
      title: T.preparedness,
      ...attachmentPartState(pkg.attachments, "preparedness"),
      href: `${base}/attachments`,
    },
    {
      key: "otherAttachments",
      title: T.otherAttachments,
      ...attachmentPartState(pkg.attachments, "otherAttachments"),
      href: `${base}/attachments`,
    },
  ];
}

/** The package page's data: the plan, the day, and each part's state. */
export async function getPlanPackageSummary(
  db: Db,
  user: SessionUser,
  planId: number,
  now: Date = new Date(),
) {
  await requirePlanRole(db, user, planId);
  const [plan, agreements, attachments, goals, milestones, strategic, organisation] =
    await Promise.all([
      loadPlanFacts(db, planId),
      loadPackageAgreements(db, planId),
      listPlanAttachments(db, user, planId),
      getGoalHierarchy(db, user, planId),
      getMilestonePlan(db, user, planId),
      getStrategicPage(db, user, planId),
      getOrganisationDiagramData(db, user, planId),
    ]);
  const generatedOn = todayInDenmark(now);
  const year = packageYear(generatedOn, plan.periodStart, plan.periodEnd);
  return {
    plan: { id: plan.id, name: plan.name },
    generatedOn,
    parts: summarisePlanPackage({
      plan,
      year,
      agreements,
      attachments,
      goals,
      milestones,
      strategic,
      organisation,
    }),
  };
}
