/**
 * Between an import draft and the agreement record the document view is built from:
 * `draftToAgreementRecord` gives the draft synthetic ids and positions so the review screen can
 * render a preview (and the round-trip test can export it); `recordToDraft` says what the
 * importer should read back from the app's own export of a record, i.e. the structured agreement
 * as the printed document shows it (names as printed, a contact's title in lower case, computed
 * totals left out). Pure.
 */
import { budgetLineLabel, budgetLines, hasFinancing, hasSchemaContent } from "../agreement-layout";
import {
  buildAgreementView,
  goalTree,
  type AgreementRecord,
  type MeasureView,
} from "../agreement-view";
import type { RichText } from "../rich-text";
import { OPENING_CLAUSE_DEFAULTS } from "../texts.da";
import { splitReference } from "./activities";
import type { DraftMember, DraftParty } from "./parties";
import type { DraftCriterion, DraftMeasure, ImportDraft } from "./types";

const LBF_NAMED = /^Landsbyggefonden\s*\((.+)\)$/u;

/** A fixed timestamp: the preview is not a saved agreement and must not depend on the clock. */
const PREVIEW_TIME = "1970-01-01T00:00:00.000Z";

export function draftToAgreementRecord(
  draft: ImportDraft,
  plan: AgreementRecord["plan"],
  focusArea: { id: number; name: string },
  opts: { validFrom?: string; validTo?: string; openingText?: string } = {},
): AgreementRecord {
  let nextId = 1;
  const id = () => nextId++;
  const named = (name: string | null) => (name ? { id: id(), name } : null);
  const goals: AgreementRecord["goals"] = [];
  draft.goals.forEach((goal, g) => {
    const goalId = id();
    goals.push({ id: goalId, parentId: null, text: goal.text, position: g + 1 });
    goal.subGoals.forEach((text, s) =>
      goals.push({ id: id(), parentId: goalId, text, position: s + 1 }),
    );
  });
  const criteria: AgreementRecord["successCriteria"] = [];
  const addCriteria = (list: DraftCriterion[], activityId: number | null) => {
    for (const c of list) {
      const position = criteria.length + 1;
      criteria.push({
        id: id(),
        activityId,
        text: c.text,
        dataSource: c.dataSource,
        baselineValue: c.baseline?.value ?? null,
        baselineUnit: c.baseline?.unit ?? null,
        baselineYear: c.baseline?.year ?? null,
        targetValue: c.target?.value ?? null,
        targetUnit: c.target?.unit ?? null,
        targetYear: c.target?.year ?? null,
        baselineText: c.baseline?.text ?? null,
        targetText: c.target?.text ?? null,
        position,
      });
    }
  };
  addCriteria(draft.successCriteria, null);

  // The activities in the list's order: each line is its schema's, or an activity without one.
  const schemaFor = new Map<number, number>();
  const used = new Set<number>();
  const same = (a: string, b: string) =>
    a.replace(/\s+/g, " ").trim().toLocaleLowerCase("da") ===
    b.replace(/\s+/g, " ").trim().toLocaleLowerCase("da");
  draft.activityList.forEach((line, l) => {
    const { name } = splitReference(line);
    const k = draft.activities.findIndex(
      (a, i) =>
        !used.has(i) &&
        [a.name, a.shortName ?? "", a.reference ? `${a.name} (${a.reference})` : ""].some(
          (candidate) => candidate && (same(candidate, line) || same(candidate, name)),
        ),
    );
    if (k >= 0) {
      used.add(k);
      schemaFor.set(l, k);
    }
  });
  const ordered: { schema: number | null; line: string | null }[] = [
    ...draft.activityList.map((line, l) => ({ schema: schemaFor.get(l) ?? null, line })),
    ...draft.activities
      .map((_, i) => i)
      .filter((i) => !used.has(i))
      .map((i) => ({ schema: i, line: null })),
  ];
  const activities: AgreementRecord["activities"] = ordered.map((entry, position) => {
    const activityId = id();
    const a = entry.schema !== null ? draft.activities[entry.schema] : undefined;
    if (!a) {
      const { name, reference } = splitReference(entry.line ?? "");
      return {
        id: activityId,
        name,
        shortName: null,
        reference,
        content: null,
        purposesLeadIn: null,
        purposes: [],
        targetGroupsLeadIn: null,
        targetGroups: [],
        position: position + 1,
        responsibilities: [],
      };
    }
    addCriteria(a.criteria, activityId);
    return {
      id: activityId,
      name: a.name,
      shortName: a.shortName,
      reference: a.reference,
      content: a.content,
      purposesLeadIn: a.purposesLeadIn,
      purposes: a.purposes,
      targetGroupsLeadIn: a.targetGroupsLeadIn,
      targetGroups: a.targetGroups,
      position: position + 1,
      responsibilities: a.responsibilities.map((r, i) => ({
        id: id(),
        label: r.party,
        duties: r.duties,
        position: i + 1,
        organisation: null,
      })),
    };
  });

  return {
    id: 0,
    planId: plan.id,
    version: 1,
    updatedAt: PREVIEW_TIME,
    openingText:
      opts.openingText ?? draft.openingText ?? OPENING_CLAUSE_DEFAULTS[plan.templateEdition],
    validFrom: opts.validFrom ?? draft.validFrom ?? plan.periodStart,
    validTo: opts.validTo ?? draft.validTo ?? plan.periodEnd,
    problemStatement: draft.problemStatement,
    purposesLeadIn: draft.purposesLeadIn,
    purposes: draft.purposes,
    goalsLeadIn: draft.goalsLeadIn,
    goals,
    primaryTargetGroup: draft.primaryTargetGroup,
    method: draft.method,
    municipalInterplay: draft.municipalInterplay,
    anchoring: draft.anchoring,
    conflictHandling: draft.conflictHandling,
    revisionClause: draft.revisionClause,
    plan,
    focusArea,
    parties: draft.parties.map((p, i) => ({
      id: id(),
      tier: p.tier,
      groupHeading: p.groupHeading,
      label: p.organisation ? null : p.label,
      position: i + 1,
      organisation: named(p.organisation),
      contactPerson: p.contact ? { id: id(), name: p.contact.name, title: p.contact.title } : null,
    })),
    workingGroups: draft.workingGroups.map((g, i) => ({
      id: id(),
      name: g.name,
      position: i + 1,
      members: g.members.map((m, k) => ({
        id: id(),
        count: m.count,
        description: m.description,
        names: m.names,
        position: k + 1,
        person: m.person ? { id: id(), name: m.person.name, title: m.person.title } : null,
        organisation: named(m.organisation),
      })),
    })),
    successCriteria: criteria,
    activities,
    fundingSources: draft.fundingSources.map((s, i) => {
      // The document prints a named fund line as "Landsbyggefonden (name)"; the record keeps the name.
      const lbfName = s.kind === "lbf" ? (LBF_NAMED.exec(s.name ?? "")?.[1] ?? null) : s.name;
      return {
        id: id(),
        kind: s.kind,
        name: s.kind === "lbf" ? lbfName : s.name,
        position: i + 1,
        organisation: null,
        periodTotal: s.amounts.length ? null : s.periodTotal,
        amounts: s.amounts,
      };
    }),
    staffResources: draft.staff.map((description, i) => ({
      id: id(),
      description,
      position: i + 1,
    })),
  };
}

// --- what the importer should read back from the app's own export ----------------------------

function measure(view: MeasureView | null): DraftMeasure | null {
  if (!view) return null;
  // A unit alone prints as text: the reader cannot tell it from a note.
  if (view.value === null && !view.note) {
    return { value: null, unit: null, year: view.year, text: view.unit };
  }
  return {
    value: view.value,
    unit: view.value === null ? null : view.unit,
    year: view.year,
    text: view.note,
  };
}

const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * Rich text as it reads back: a paragraph that is bold all through and short prints like a
 * sub-heading, so it reads back as one; headings carry no bold of their own.
 */
function readBack(text: RichText | null): RichText | null {
  if (!text || !text.blocks.length) return null;
  return {
    blocks: text.blocks.map((block) => {
      if (block.type === "heading") {
        return {
          type: "heading",
          content: block.content.map(({ text, italic }) => ({
            text,
            ...(italic ? { italic } : {}),
          })),
        };
      }
      if (block.type !== "paragraph") return block;
      const plain = block.content.map((r) => r.text).join("");
      const allBold = block.content.every((r) => r.bold || !r.text.trim());
      return allBold && wordsIn(plain) <= 15
        ? {
            type: "heading",
            content: block.content.map(({ text, italic }) => ({
              text,
              ...(italic ? { italic } : {}),
            })),
          }
        : block;
    }),
  };
}

const nonBlank = (items: string[]) => items.filter((item) => item.trim());

export function recordToDraft(record: AgreementRecord): ImportDraft {
  const view = buildAgreementView(record);
  const lowerTitle = (title: string | null) => title?.toLocaleLowerCase("da") ?? null;
  const parties: DraftParty[] = [];
  for (const tier of ["primary", "secondary"] as const) {
    // A group without a heading printed after a headed group reads as part of that group.
    let heading: string | null = null;
    for (const group of view.parties[tier]) {
      heading = group.heading ?? heading;
      for (const party of group.parties) {
        const record_ = record.parties.find((p) => p.id === party.id)!;
        const isLabel = !/^[\p{Lu}\d]/u.test(party.name);
        parties.push({
          tier,
          groupHeading: heading,
          organisation: isLabel ? null : party.name,
          label: isLabel ? party.name : null,
          contact: record_.contactPerson
            ? { name: record_.contactPerson.name, title: lowerTitle(record_.contactPerson.title) }
            : null,
        });
      }
    }
  }
  const workingGroups = [...record.workingGroups]
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .map((group) => ({
      name: group.name,
      members: [...group.members]
        .sort((a, b) => a.position - b.position || a.id - b.id)
        .map((m): DraftMember => {
          const organisation = m.organisation?.name ?? null;
          if (m.person) {
            const title = lowerTitle(m.person.title);
            // A bare name prints like a description and reads back as one.
            if (!title && !organisation) {
              const who = m.description ? `${m.description}: ${m.person.name}` : m.person.name;
              return {
                count: null,
                description: who,
                names: null,
                person: null,
                organisation: null,
              };
            }
            return {
              count: null,
              description: m.description,
              names: null,
              person: { name: m.person.name, title },
              organisation,
            };
          }
          return {
            count: m.count,
            description: m.description,
            names: m.names,
            person: null,
            organisation,
          };
        }),
    }));
  const criterion = (c: (typeof view.criteria)[number]): DraftCriterion => ({
    text: c.text,
    dataSource: c.dataSource.trim(),
    baseline: measure(c.baseline),
    target: measure(c.target),
  });
  const years = view.budget.years;
  return {
    title: view.title,
    focusAreaName: view.focusArea,
    planName: view.plan.name,
    openingText: view.openingClause,
    parties,
    workingGroups,
    problemStatement: readBack(view.problemStatement),
    purposesLeadIn: view.purposesLeadIn,
    purposes: nonBlank(view.purposes),
    goalsLeadIn: view.goalsLeadIn,
    goals: goalTree(record.goals).map((g) => ({
      text: g.text,
      subGoals: g.subGoals.map((s) => s.text),
    })),
    primaryTargetGroup: readBack(view.primaryTargetGroup),
    method: readBack(view.method),
    successCriteria: view.criteria.map(criterion),
    activityList: nonBlank(view.activities.map((a) => a.listTitle)),
    municipalInterplay: readBack(view.municipalInterplay),
    anchoring: readBack(view.anchoring),
    fundingSources: hasFinancing(view.budget)
      ? budgetLines(view.budget).map((line) => ({
          kind: line.kind,
          name: budgetLineLabel(line),
          periodTotal: line.yearly ? null : line.total,
          amounts: line.yearly
            ? years.map((year, i) => ({ year, amount: line.byYear[i] ?? 0 }))
            : [],
        }))
      : [],
    staff: nonBlank(view.staff.map((s) => s.text)),
    conflictHandling: readBack(view.conflictHandling),
    revisionClause: readBack(view.revisionClause),
    validFrom: view.validFrom,
    validTo: view.validTo,
    activities: view.activities.filter(hasSchemaContent).map((a) => {
      const jf = a.reference && /^jf\.?\s/iu.test(a.reference);
      return {
        name: jf ? a.name : a.title,
        shortName: a.shortName && a.shortName !== a.name ? a.shortName : null,
        reference: jf ? a.reference : null,
        content: readBack(a.content),
        purposesLeadIn: a.purposesLeadIn,
        purposes: nonBlank(a.purposes),
        targetGroupsLeadIn: a.targetGroupsLeadIn,
        targetGroups: nonBlank(a.targetGroups),
        criteria: a.criteria.map(criterion),
        responsibilities: a.responsibilities
          .filter((r) => r.party.trim())
          .map((r) => ({ party: r.party, duties: nonBlank(r.duties) })),
      };
    }),
  };
}
