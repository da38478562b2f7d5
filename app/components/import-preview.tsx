/**
 * One section of an imported draft, as the agreement will show it once saved: the review screen
 * puts it beside the Word text it came from. Built from the same AgreementView as the agreement
 * page, and with the agreement document's own parts where a section is one of them.
 */
import type { ReactNode } from "react";
import { ActivitySchemaTable, CriteriaTable, Financing } from "~/components/agreement-document";
import { RichTextView } from "~/components/rich-text";
import type { AgreementView, PartyGroupView } from "~/domain/agreement-view";
import type { ImportSection } from "~/domain/import/types";
import type { RichText } from "~/domain/rich-text";

function Nothing() {
  return <p className="muted">Intet i udkastet.</p>;
}

function Items({ items, leadIn }: { items: string[]; leadIn?: string | null }) {
  const filled = items.filter((item) => item.trim());
  if (!filled.length && !leadIn) return <Nothing />;
  return (
    <>
      {leadIn ? <p>{leadIn}</p> : null}
      {filled.length ? (
        <ul>
          {filled.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Rich({ text }: { text: RichText | null }) {
  return text && text.blocks.length ? <RichTextView text={text} headingLevel={5} /> : <Nothing />;
}

function PartyGroups({ title, groups }: { title: string; groups: PartyGroupView[] }) {
  return (
    <>
      <h4>{title}</h4>
      {groups.length === 0 ? <Nothing /> : null}
      {groups.map((group, i) => (
        <div key={i}>
          {group.heading ? <h5>{group.heading}</h5> : null}
          <ul>
            {group.parties.map((party) => (
              <li key={party.id}>
                {party.name}
                {party.contact ? <div className="muted">{party.contact}</div> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** The draft's content of one section (for "activity": of the activity with that index). */
export function ImportSectionPreview({
  view,
  section,
  activity,
}: {
  view: AgreementView;
  section: ImportSection;
  activity?: number;
}): ReactNode {
  switch (section) {
    case "title":
      return (
        <p>
          <strong>{view.title}</strong>
        </p>
      );
    case "opening":
      return <p>{view.openingClause}</p>;
    case "plan-name":
      return <p>{view.plan.name}</p>;
    case "parties":
      return (
        <>
          <PartyGroups title="Primære samarbejdspartnere" groups={view.parties.primary} />
          <PartyGroups title="Sekundære samarbejdspartnere" groups={view.parties.secondary} />
        </>
      );
    case "working-groups":
      return view.workingGroups.length ? (
        <>
          {view.workingGroups.map((group) => (
            <div key={group.id}>
              <h4>{group.name}</h4>
              <ul>
                {group.members.map((member) => (
                  <li key={member.id}>{member.text}</li>
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : (
        <Nothing />
      );
    case "problem":
      return <Rich text={view.problemStatement} />;
    case "purpose":
      return <Items items={view.purposes} leadIn={view.purposesLeadIn} />;
    case "goals":
      if (!view.goals.length && !view.goalsLeadIn) return <Nothing />;
      return (
        <>
          {view.goalsLeadIn ? <p>{view.goalsLeadIn}</p> : null}
          <ul>
            {view.goals.map((goal) => (
              <li key={goal.id}>
                {goal.text}
                {goal.subGoals.length ? (
                  <ul aria-label="Delmål">
                    {goal.subGoals.map((sub) => (
                      <li key={sub.id}>Delmål: {sub.text}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      );
    case "primary-target-group":
      return <Rich text={view.primaryTargetGroup} />;
    case "method":
      return <Rich text={view.method} />;
    case "criteria":
      return (
        <CriteriaTable
          criteria={view.criteria}
          caption="Succeskriterier i det importerede udkast"
        />
      );
    case "activity-list":
      return <Items items={view.activities.map((a) => a.listTitle)} />;
    case "interplay":
      return <Rich text={view.municipalInterplay} />;
    case "anchoring":
      return <Rich text={view.anchoring} />;
    case "financing":
      return <Financing budget={view.budget} />;
    case "staff":
      return <Items items={view.staff.map((s) => s.text)} />;
    case "conflict":
      return <Rich text={view.conflictHandling} />;
    case "revision":
      return <Rich text={view.revisionClause} />;
    case "validity":
      return <p>{view.validityText}</p>;
    case "activity": {
      const schema = activity === undefined ? undefined : view.activities[activity];
      return schema ? <ActivitySchemaTable activity={schema} /> : <Nothing />;
    }
  }
}
