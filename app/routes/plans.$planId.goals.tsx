/**
 * "Målhierarki": the plan's objectives → focus areas → goals → delmål → success criteria →
 * activities, built from what is already entered. A nested list with a heading per level (reads
 * well printed and with a screen reader) and a compact diagram (elkjs layout) beside it. Every
 * member of the plan may see it.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formatPeriod } from "~/domain/format";
import {
  focusAreasByObjective,
  type GoalHierarchy,
  type HierarchyCriterion,
  type HierarchyFocusArea,
  type HierarchyGoal,
} from "~/domain/goal-hierarchy";
import { goalHierarchyDiagramSvg } from "~/graphics/goal-hierarchy-diagram.server";
import { getGoalHierarchy } from "~/models/goal-hierarchy.server";
import { agreementPath } from "~/paths";
import { requireIdParam } from "~/route-helpers.server";
import styles from "~/styles/goal-hierarchy.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Målhierarki · ${data.tree.plan.name} · Samarbejdsaftaler`
      : "Målhierarki · Samarbejdsaftaler",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const tree = await getGoalHierarchy(await getDb(), user, planId);
  return { tree, diagram: await goalHierarchyDiagramSvg(tree) };
}

export default function GoalHierarchyPage() {
  const { tree, diagram } = useLoaderData<typeof loader>();
  const planId = tree.plan.id;
  const { groups, unlinked } = focusAreasByObjective(tree);
  return (
    <>
      <PageHeader
        title="Målhierarki"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${planId}`, label: tree.plan.name },
        ]}
        actions={
          <a className="button button-secondary" href={`/plans/${planId}/goals.docx`} download>
            Hent som Word
          </a>
        }
      >
        <p className="muted">
          {tree.plan.name}, {formatPeriod(tree.plan.periodStart, tree.plan.periodEnd)}. Bygget af
          den strategiske aftales overordnede mål og delaftalernes mål, delmål, succeskriterier og
          aktiviteter: ret dem dér, så følger hierarkiet med.
        </p>
      </PageHeader>

      <Issues tree={tree} />

      <section aria-labelledby="goal-tree-title" className="goal-tree">
        <h2 id="goal-tree-title">Hierarkiet</h2>
        {!tree.hasStrategicAgreement ? (
          <p className="muted">
            Planen har endnu ingen strategisk samarbejdsaftale, så de overordnede mål mangler.
          </p>
        ) : null}
        {groups.map(({ objective, entries }) => (
          <section
            key={objective.key}
            className="goal-level objective"
            aria-labelledby={`objective-${objective.key}`}
          >
            <h3 id={`objective-${objective.key}`}>
              <span className="goal-label">Overordnet mål {objective.number}:</span>{" "}
              {objective.text}
            </h3>
            {entries.length === 0 ? (
              <p className="missing">Intet indsatsområde bidrager til målet.</p>
            ) : (
              <ul className="goal-list">
                {entries.map(({ focusArea, firstUnder }) => (
                  <li key={focusArea.focusAreaId}>
                    {firstUnder == null ? (
                      <FocusAreaNode planId={planId} focusArea={focusArea} tree={tree} />
                    ) : (
                      <p>
                        Indsatsområdet{" "}
                        <a href={`#focus-area-${focusArea.focusAreaId}`}>{focusArea.name}</a>{" "}
                        bidrager også hertil (se under overordnet mål {firstUnder}).
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
        {unlinked.length ? (
          <section className="goal-level objective" aria-labelledby="objective-none">
            <h3 id="objective-none" className="missing-heading">
              Ikke knyttet til et overordnet mål
            </h3>
            <ul className="goal-list">
              {unlinked.map((f) => (
                <li key={f.focusAreaId}>
                  <FocusAreaNode planId={planId} focusArea={f} tree={tree} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {!tree.objectives.length && !tree.focusAreas.length ? (
          <p className="muted">Planen har hverken overordnede mål eller delaftaler endnu.</p>
        ) : null}
      </section>

      <section aria-labelledby="goal-diagram-title" className="goal-diagram">
        <h2 id="goal-diagram-title">Diagram</h2>
        <p className="muted no-print">
          Overblik over mål og delmål. Rødt, stiplet: et manglende led. Succeskriterierne og
          aktiviteterne står i hierarkiet ovenfor.
        </p>
        <figure>
          <div
            className="diagram-scroll"
            role="img"
            aria-label="Diagram over målhierarkiet; samme indhold som listen ovenfor"
            // The SVG is built on the server from escaped text (goal-hierarchy-diagram.server.ts).
            dangerouslySetInnerHTML={{ __html: diagram }}
          />
        </figure>
      </section>
    </>
  );
}

function Issues({ tree }: { tree: GoalHierarchy }) {
  const { issues } = tree;
  const lines = [
    issues.unlinkedCriteria
      ? `${issues.unlinkedCriteria} ${issues.unlinkedCriteria === 1 ? "succeskriterium er" : "succeskriterier er"} ikke knyttet til et mål`
      : null,
    issues.goalsWithoutCriteria
      ? `${issues.goalsWithoutCriteria} ${issues.goalsWithoutCriteria === 1 ? "mål eller delmål har" : "mål og delmål har"} ingen succeskriterier`
      : null,
    issues.focusAreasWithoutObjective
      ? `${issues.focusAreasWithoutObjective} ${issues.focusAreasWithoutObjective === 1 ? "indsatsområde er" : "indsatsområder er"} ikke knyttet til et overordnet mål`
      : null,
    issues.objectivesWithoutFocusArea
      ? `${issues.objectivesWithoutFocusArea} ${issues.objectivesWithoutFocusArea === 1 ? "overordnet mål har" : "overordnede mål har"} intet indsatsområde`
      : null,
  ].filter((l): l is string => l !== null);
  // A focus area the strategic agreement names but no delaftale covers yet is not a broken link
  // (the delaftale is still to be written), but it is said so the message does not read as done.
  const withoutAgreement = tree.focusAreas.filter((f) => f.agreementId == null).length;
  const toWrite = withoutAgreement
    ? ` ${withoutAgreement === 1 ? "Ét indsatsområde mangler" : `${withoutAgreement} indsatsområder mangler`} stadig ${withoutAgreement === 1 ? "sin" : "deres"} delaftale.`
    : "";
  if (!lines.length) {
    return (
      <p className="alert alert-ok" role="status">
        Alle led i målhierarkiet hænger sammen.{toWrite}
      </p>
    );
  }
  return (
    <div className="alert alert-warn" role="status">
      <p>Målhierarkiet mangler led:</p>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

function FocusAreaNode({
  planId,
  focusArea: f,
  tree,
}: {
  planId: number;
  focusArea: HierarchyFocusArea;
  tree: GoalHierarchy;
}) {
  const objectives = tree.objectives.filter((o) => f.objectiveKeys.includes(o.key));
  return (
    <details open className="goal-level focus-area" id={`focus-area-${f.focusAreaId}`}>
      <summary>
        <h4>
          <span className="goal-label">Indsatsområde:</span> {f.name}
        </h4>
      </summary>
      <dl className="goal-facts">
        <dt>Overordnet mål for indsatsområdet</dt>
        <dd>
          {f.overallGoal ?? <span className="missing">Ikke skrevet i den strategiske aftale</span>}
        </dd>
        <dt>Bidrager til</dt>
        <dd>
          {objectives.length ? (
            objectives.map((o) => `overordnet mål ${o.number}`).join(", ")
          ) : (
            <span className="missing">Ikke knyttet til et overordnet mål</span>
          )}
        </dd>
        {f.primaryTargetGroup ? (
          <>
            <dt>Primær målgruppe</dt>
            <dd className="pre-line">{f.primaryTargetGroup}</dd>
          </>
        ) : null}
        {f.agreementId != null ? (
          <>
            <dt>Delaftale</dt>
            <dd>
              <Link to={agreementPath(planId, f.agreementId)}>Delaftalen for {f.name}</Link>
            </dd>
          </>
        ) : (
          <>
            <dt>Delaftale</dt>
            <dd className="missing">Ingen delaftale endnu</dd>
          </>
        )}
      </dl>
      {f.agreementId != null && !f.goals.length ? (
        <p className="missing">
          Delaftalen har ingen mål endnu.{" "}
          <Link to={`${agreementPath(planId, f.agreementId)}/edit/purpose`}>Skriv målene</Link>
        </p>
      ) : null}
      {f.goals.length ? (
        <ul className="goal-list">
          {f.goals.map((g) => (
            <li key={g.id}>
              <GoalNode goal={g} planId={planId} agreementId={f.agreementId!} />
            </li>
          ))}
        </ul>
      ) : null}
      {f.unlinkedCriteria.length ? (
        <div className="unlinked">
          <h5 className="missing-heading">Succeskriterier, der ikke er knyttet til et mål</h5>
          <CriteriaList criteria={f.unlinkedCriteria} />
          <p>
            <Link to={`${agreementPath(planId, f.agreementId!)}/edit/criteria`}>
              Knyt dem til et mål
            </Link>{" "}
            (aktiviteternes kriterier knyttes i aktivitetsskemaet).
          </p>
        </div>
      ) : null}
    </details>
  );
}

function GoalNode({
  goal,
  planId,
  agreementId,
}: {
  goal: HierarchyGoal;
  planId: number;
  agreementId: number;
}) {
  const Heading = goal.isSubGoal ? "h6" : "h5";
  return (
    <div className={`goal-level ${goal.isSubGoal ? "sub-goal" : "goal"}`} id={`goal-${goal.id}`}>
      <Heading>
        <span className="goal-label">{goal.label}:</span> {goal.text}
      </Heading>
      {goal.criteria.length ? (
        <CriteriaList criteria={goal.criteria} />
      ) : goal.missingCriteria ? (
        <p className="missing">
          Ingen succeskriterier.{" "}
          <Link to={`${agreementPath(planId, agreementId)}/edit/criteria`}>
            Knyt et succeskriterium hertil
          </Link>
        </p>
      ) : null}
      {goal.activities.length ? (
        <p className="goal-activities">
          <span className="goal-label">Aktiviteter:</span>{" "}
          {goal.activities.map((a, i) => (
            <span key={a.id}>
              {i ? ", " : null}
              <Link to={agreementPath(planId, agreementId, `activity-${a.id}`)}>{a.name}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {goal.subGoals.length ? (
        <ul className="goal-list">
          {goal.subGoals.map((s) => (
            <li key={s.id}>
              <GoalNode goal={s} planId={planId} agreementId={agreementId} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CriteriaList({ criteria }: { criteria: HierarchyCriterion[] }) {
  return (
    <ul className="criteria-list" aria-label="Succeskriterier">
      {criteria.map((c) => (
        <li key={c.id}>
          <span className="goal-label">Succeskriterium:</span> {c.text}
          {c.activity ? <span className="muted"> (aktivitet: {c.activity.name})</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
