/**
 * What changed between two versions of an agreement, field by field and item by item, with
 * changed text marked by words (the `diff` library). The result is shaped like the document: a
 * list of sections, each a run of paragraphs, a list of items or a budget table. The board's
 * review screen and the tracked-changes Word document both render this one structure.
 * Pure: takes two AgreementViews (snapshots), returns plain data.
 */
import { partyTierLabels } from "./agreement";
import type { AgreementView, CriterionView, PartyGroupView } from "./agreement-view";
import { formatAmount } from "./format";
import type { RichText } from "./rich-text";

import {
  diffItems,
  diffLines,
  isChanged,
  type ChangeKind,
  type Described,
  type ItemDiff,
  type Line,
  type ParagraphDiff,
  type Segment,
} from "./diff";

export interface BudgetRowDiff {
  label: string;
  kind: ChangeKind;
  strong: boolean;
  cells: { year: number; before: number | null; after: number | null }[];
  totalBefore: number | null;
  totalAfter: number | null;
}

export type SectionDiff =
  | { kind: "text"; key: string; title: string; changed: boolean; paragraphs: ParagraphDiff[] }
  | { kind: "items"; key: string; title: string; changed: boolean; items: ItemDiff[] }
  | {
      kind: "budget";
      key: string;
      title: string;
      changed: boolean;
      years: number[];
      rows: BudgetRowDiff[];
    };

export interface ActivityDiff {
  id: number;
  kind: ChangeKind;
  moved: boolean;
  title: Segment[];
  sections: SectionDiff[];
}

export interface AgreementDiff {
  hasChanges: boolean;
  counts: Record<Exclude<ChangeKind, "unchanged"> | "moved", number>;
  sections: SectionDiff[];
  activities: ActivityDiff[];
}

// --- text ---

function richTextLines(text: RichText | null): Line[] {
  if (!text) return [];
  return text.blocks.flatMap((block): Line[] => {
    if (block.type === "list") {
      return block.items.map((item) => ({
        style: "bullet",
        text: item.map((r) => r.text).join(""),
      }));
    }
    return [
      {
        style: block.type === "heading" ? "heading" : "paragraph",
        text: block.content.map((r) => r.text).join(""),
      },
    ];
  });
}

function textSection(key: string, title: string, before: Line[], after: Line[]): SectionDiff {
  const paragraphs = diffLines(before, after);
  return {
    kind: "text",
    key,
    title,
    changed: paragraphs.some((p) => p.kind !== "equal"),
    paragraphs,
  };
}

const bullets = (items: string[]): Line[] => items.map((text) => ({ style: "bullet", text }));
const paragraph = (text: string): Line[] => (text ? [{ style: "paragraph", text }] : []);
/** A list with its lead-in line ("Formålet er:") before it. */
const ledList = (leadIn: string | null, items: string[]): Line[] => [
  ...paragraph(leadIn ?? ""),
  ...bullets(items),
];
/** Goals as bullets, each followed by its delmål ("Delmål: …"). */
const goalLines = (leadIn: string | null, goals: AgreementView["goals"]): Line[] => [
  ...paragraph(leadIn ?? ""),
  ...goals.flatMap((g) => [
    ...bullets([g.text]),
    ...bullets(g.subGoals.map((s) => `Delmål: ${s.text}`)),
  ]),
];

// --- items ------------------------------------------------------------------------------------

function itemsSection(key: string, title: string, items: ItemDiff[]): SectionDiff {
  return {
    kind: "items",
    key,
    title,
    changed: items.some((i) => i.kind !== "unchanged" || i.moved),
    items,
  };
}

function flatParties(groups: PartyGroupView[], tier: "primary" | "secondary") {
  return groups.flatMap((g) => g.parties.map((p) => ({ ...p, heading: g.heading, tier })));
}

function describeCriterion(c: CriterionView): Described {
  return {
    title: c.text,
    fields: [
      ["Datakilde", c.dataSource],
      ["Udgangspunkt", c.baseline?.text ?? ""],
      ["Mål", c.target?.text ?? ""],
      // Absent in snapshots from before the målhierarki: read as unlinked.
      ["Måler på", c.goal?.label ?? ""],
    ],
  };
}

// --- budget -----------------------------------------------------------------------------------

function budgetSection(
  before: AgreementView["budget"],
  after: AgreementView["budget"],
): SectionDiff {
  const years = [...new Set([...before.years, ...after.years])].sort((a, b) => a - b);
  const rowsOf = (budget: AgreementView["budget"]) => {
    const byYear = (values: number[]) => new Map(budget.years.map((y, i) => [y, values[i] ?? 0]));
    return [
      {
        key: "lbf",
        label: "Landsbyggefonden",
        strong: true,
        values: byYear(budget.lbfTotal.byYear),
        total: budget.lbfTotal.total,
      },
      {
        key: "local",
        label: "Lokal medfinansiering",
        strong: true,
        values: byYear(budget.localTotal.byYear),
        total: budget.localTotal.total,
      },
      ...budget.local.map((l) => ({
        key: `local-${l.id}`,
        label: l.label,
        strong: false,
        values: byYear(l.byYear),
        total: l.total,
      })),
      {
        key: "total",
        label: "Samlet budget for indsatsområdet",
        strong: true,
        values: byYear(budget.total.byYear),
        total: budget.total.total,
      },
    ];
  };
  const b = rowsOf(before);
  const a = rowsOf(after);
  const keys = [...new Set([...b.map((r) => r.key), ...a.map((r) => r.key)])];
  // Keep the totals row last.
  keys.sort((x, y) => (x === "total" ? 1 : y === "total" ? -1 : 0));
  const rows = keys.map((key): BudgetRowDiff => {
    const rb = b.find((r) => r.key === key);
    const ra = a.find((r) => r.key === key);
    const cells = years.map((year) => ({
      year,
      before: rb ? (rb.values.get(year) ?? null) : null,
      after: ra ? (ra.values.get(year) ?? null) : null,
    }));
    const kind: ChangeKind = !rb
      ? "added"
      : !ra
        ? "removed"
        : rb.label !== ra.label || rb.total !== ra.total || cells.some((c) => c.before !== c.after)
          ? "changed"
          : "unchanged";
    return {
      label: (ra ?? rb)!.label,
      kind,
      strong: (ra ?? rb)!.strong,
      cells,
      totalBefore: rb?.total ?? null,
      totalAfter: ra?.total ?? null,
    };
  });
  return {
    kind: "budget",
    key: "financing",
    title: "Finansiering",
    changed: rows.some((r) => r.kind !== "unchanged"),
    years,
    rows,
  };
}

/** A budget cell as text for a word diff ("750.000 kr." → "800.000 kr."). */
export function amountText(value: number | null): string {
  return value == null ? "" : formatAmount(value);
}

// --- the agreement ----------------------------------------------------------------------------

type ActivityViewLike = AgreementView["activities"][number];

const EMPTY_ACTIVITY: Omit<ActivityViewLike, "id"> = {
  name: "",
  shortName: null,
  reference: null,
  title: "",
  listTitle: "",
  content: null,
  purposesLeadIn: null,
  purposes: [],
  targetGroupsLeadIn: null,
  targetGroups: [],
  criteria: [],
  responsibilities: [],
};

function activitySections(
  before: ActivityViewLike | undefined,
  after: ActivityViewLike | undefined,
): SectionDiff[] {
  const b = before ?? { ...EMPTY_ACTIVITY, id: after!.id };
  const a = after ?? { ...EMPTY_ACTIVITY, id: before!.id };
  return [
    textSection(
      "name",
      "Navn",
      [...paragraph(b.title), ...paragraph(b.shortName ? `Kort navn: ${b.shortName}` : "")],
      [...paragraph(a.title), ...paragraph(a.shortName ? `Kort navn: ${a.shortName}` : "")],
    ),
    textSection(
      "content",
      "Indhold og praksis",
      richTextLines(b.content),
      richTextLines(a.content),
    ),
    textSection(
      "purposes",
      "Formål",
      ledList(b.purposesLeadIn, b.purposes),
      ledList(a.purposesLeadIn, a.purposes),
    ),
    textSection(
      "targetGroups",
      "Målgruppe(r)",
      ledList(b.targetGroupsLeadIn, b.targetGroups),
      ledList(a.targetGroupsLeadIn, a.targetGroups),
    ),
    itemsSection(
      "criteria",
      "Succeskriterier og datakilde",
      diffItems(b.criteria, a.criteria, describeCriterion),
    ),
    itemsSection(
      "responsibilities",
      "Organisering, ansvar og rollefordeling",
      diffItems(b.responsibilities, a.responsibilities, (r) => ({
        title: r.party,
        fields: [["Opgaver", r.duties.join("\n")]],
      })),
    ),
  ];
}

export function diffAgreements(before: AgreementView, after: AgreementView): AgreementDiff {
  const partyDescribe = (p: ReturnType<typeof flatParties>[number]): Described => ({
    title: p.name,
    fields: [
      ["Placering", `${partyTierLabels[p.tier]}${p.heading ? ` – ${p.heading}` : ""}`],
      ["Kontaktperson", p.contact ?? ""],
    ],
  });
  const sections: SectionDiff[] = [
    textSection(
      "basics",
      "Indledning og gyldighed",
      [...paragraph(before.openingClause), ...paragraph(before.validityText)],
      [...paragraph(after.openingClause), ...paragraph(after.validityText)],
    ),
    itemsSection(
      "parties",
      "Aftalens parter",
      diffItems(
        [
          ...flatParties(before.parties.primary, "primary"),
          ...flatParties(before.parties.secondary, "secondary"),
        ],
        [
          ...flatParties(after.parties.primary, "primary"),
          ...flatParties(after.parties.secondary, "secondary"),
        ],
        partyDescribe,
      ),
    ),
    itemsSection(
      "working-groups",
      "Arbejdsgrupper",
      diffItems(before.workingGroups, after.workingGroups, (g) => ({
        title: g.name,
        fields: [["Medlemmer", g.members.map((m) => m.text).join("\n")]],
      })),
    ),
    textSection(
      "problem",
      "Problemkompleks",
      richTextLines(before.problemStatement),
      richTextLines(after.problemStatement),
    ),
    textSection(
      "purposes",
      "Formål",
      ledList(before.purposesLeadIn, before.purposes),
      ledList(after.purposesLeadIn, after.purposes),
    ),
    textSection(
      "goals",
      "Mål og delmål",
      goalLines(before.goalsLeadIn, before.goals),
      goalLines(after.goalsLeadIn, after.goals),
    ),
    textSection(
      "targetGroup",
      "Primær målgruppe for indsatsområdet",
      richTextLines(before.primaryTargetGroup),
      richTextLines(after.primaryTargetGroup),
    ),
    textSection("method", "Metode", richTextLines(before.method), richTextLines(after.method)),
    itemsSection(
      "criteria",
      "Lokalt opstillede målinger (succeskriterier)",
      diffItems(before.criteria, after.criteria, describeCriterion),
    ),
    textSection(
      "interplay",
      "Samspil med den kommunale indsats",
      richTextLines(before.municipalInterplay),
      richTextLines(after.municipalInterplay),
    ),
    textSection(
      "anchoring",
      "Forankring",
      richTextLines(before.anchoring),
      richTextLines(after.anchoring),
    ),
    budgetSection(before.budget, after.budget),
    itemsSection(
      "staff",
      "Medarbejderressourcer",
      diffItems(before.staff, after.staff, (s) => ({ title: s.text, fields: [] })),
    ),
    textSection(
      "conflict",
      "Konflikthåndtering og underretning",
      richTextLines(before.conflictHandling),
      richTextLines(after.conflictHandling),
    ),
    textSection(
      "revision",
      "Revision af delaftalen",
      richTextLines(before.revisionClause),
      richTextLines(after.revisionClause),
    ),
  ];

  const activityOrder = diffItems(before.activities, after.activities, (a) => ({
    title: a.title,
    fields: [],
  }));
  const beforeActivities = new Map(before.activities.map((a) => [a.id, a]));
  const afterActivities = new Map(after.activities.map((a) => [a.id, a]));
  const activities = activityOrder.map((order): ActivityDiff => {
    const b = beforeActivities.get(order.id);
    const a = afterActivities.get(order.id);
    const parts = activitySections(b, a);
    const changed = isChanged(order.title) || parts.some((s) => s.changed);
    return {
      id: order.id,
      kind: !b ? "added" : !a ? "removed" : changed ? "changed" : "unchanged",
      moved: order.moved,
      title: order.title,
      sections: parts,
    };
  });

  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  const tally = (kind: ChangeKind, moved: boolean) => {
    if (kind !== "unchanged") counts[kind]++;
    if (moved) counts.moved++;
  };
  for (const section of sections) {
    if (section.kind === "items") section.items.forEach((i) => tally(i.kind, i.moved));
    else if (section.kind === "budget") section.rows.forEach((r) => tally(r.kind, false));
    else
      section.paragraphs.forEach((p) =>
        tally(
          p.kind === "insert"
            ? "added"
            : p.kind === "delete"
              ? "removed"
              : p.kind === "change"
                ? "changed"
                : "unchanged",
          false,
        ),
      );
  }
  for (const activity of activities) tally(activity.kind, activity.moved);

  return {
    hasChanges:
      sections.some((s) => s.changed) || activities.some((a) => a.kind !== "unchanged" || a.moved),
    counts,
    sections,
    activities,
  };
}
