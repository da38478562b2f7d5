/**
 * A progress report's body as the report page shows it: the narrative sections (fields while a
 * draft is edited), the counts of criteria by status, the criteria per agreement with their
 * figures, spending against budget and a note per activity.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { HiddenField, TextArea } from "~/components/form";
import { RichTextView } from "~/components/rich-text";
import { SpendingComparisonTable } from "~/components/spending-table";
import { formatInteger } from "~/domain/format";
import {
  measurementStatusClasses,
  measurementStatusLabels,
  sourceLine,
  valueOverrideLine,
} from "~/domain/measurement";
import {
  logGroupLines,
  logKindLines,
  reportStatusText,
  type ProgressReportView,
  type ReportActivityView,
  type ReportCounts,
  type ReportCriterionView,
} from "~/domain/progress-report";
import { STATUS_COUNT_KEYS } from "~/domain/reporting";
import { RICH_TEXT_HINT, type RichText } from "~/domain/rich-text";
import { agreementPath } from "~/paths";
import { ReportMilestonesSection } from "./report-milestones";
import { ScrollTable, TableCaption } from "./scroll-table";

function StatusBadge({ status }: { status: ReportCriterionView["status"] }) {
  return (
    <span className={status ? measurementStatusClasses[status] : "badge"}>
      {reportStatusText(status)}
    </span>
  );
}

export function CountsTable({ counts, caption }: { counts: ReportCounts; caption: string }) {
  const total = STATUS_COUNT_KEYS.reduce((sum, key) => sum + counts[key], 0);
  return (
    <ScrollTable>
      <table className="data">
        <TableCaption className="sr-only">{caption}</TableCaption>
        <thead>
          <tr>
            {STATUS_COUNT_KEYS.map((key) => (
              <th key={key} scope="col" className="num">
                {key === "none" ? reportStatusText(null) : measurementStatusLabels[key]}
              </th>
            ))}
            <th scope="col" className="num">
              I alt
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            {STATUS_COUNT_KEYS.map((key) => (
              <td key={key} className="num">
                {counts[key]}
              </td>
            ))}
            <td className="num">{total}</td>
          </tr>
        </tbody>
      </table>
    </ScrollTable>
  );
}

function CriteriaTable({
  criteria,
  caption,
}: {
  criteria: ReportCriterionView[];
  caption: string;
}) {
  return (
    <ScrollTable>
      <table className="data">
        <TableCaption className="sr-only">{caption}</TableCaption>
        <thead>
          <tr>
            <th scope="col">Succeskriterium</th>
            <th scope="col">Udgangspunkt</th>
            <th scope="col">Mål</th>
            <th scope="col">Resultat</th>
            <th scope="col">Status</th>
            <th scope="col">Kommentar og kilde</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.id}>
              <td>
                {c.text}
                {c.activityName ? (
                  <div className="muted small">Aktivitet: {c.activityName}</div>
                ) : null}
              </td>
              <td>{c.baseline?.text ?? ""}</td>
              <td>{c.target?.text ?? ""}</td>
              <td>{c.actualText ?? <span className="muted">–</span>}</td>
              <td>
                <StatusBadge status={c.status} />
                {c.measurement?.overrideReason ? (
                  <div className="muted small">
                    {c.suggestion ? `Foreslået: ${measurementStatusLabels[c.suggestion]}. ` : ""}
                    Begrundelse: {c.measurement.overrideReason}
                  </div>
                ) : null}
              </td>
              <td>
                {c.measurement?.comment ?? ""}
                {c.measurement?.source ? (
                  <div className="muted small">{sourceLine(c.measurement.source)}</div>
                ) : null}
                {c.measurement && valueOverrideLine(c.measurement) ? (
                  <div className="muted small">{valueOverrideLine(c.measurement)}</div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** The year's counts from the activity log, per activity that logged anything. */
function LogCountsTable({
  activities,
  caption,
}: {
  activities: ReportActivityView[];
  caption: string;
}) {
  const lines = (items: string[]) =>
    items.length ? (
      items.map((item) => <div key={item}>{item}</div>)
    ) : (
      <span className="muted">–</span>
    );
  return (
    <ScrollTable>
      <table className="data">
        <TableCaption className="sr-only">{caption}</TableCaption>
        <thead>
          <tr>
            <th scope="col">Aktivitet</th>
            <th scope="col">Hændelser</th>
            <th scope="col">Deltagere</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((act) =>
            act.log ? (
              <tr key={act.id}>
                <th scope="row">{act.name}</th>
                <td>
                  {lines(logKindLines(act.log))}
                  <div className="small">I alt: {formatInteger(act.log.eventCount)}</div>
                </td>
                <td>
                  {lines(logGroupLines(act.log))}
                  {act.log.byGroup.length ? (
                    <div className="small">I alt: {formatInteger(act.log.participantCount)}</div>
                  ) : null}
                </td>
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function NarrativeSection({
  id,
  title,
  text,
  field,
  editing,
  hint,
}: {
  id: string;
  title: string;
  text: RichText | null;
  field: string;
  editing: boolean;
  hint: string;
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {editing ? (
        <TextArea name={field} label={title} hint={`${hint} ${RICH_TEXT_HINT}`} rows={8} />
      ) : text ? (
        <RichTextView text={text} />
      ) : (
        <p className="muted">Ikke udfyldt.</p>
      )}
    </section>
  );
}

export function ReportBody({
  view,
  editing,
  canEnterFigures,
}: {
  view: ProgressReportView;
  editing: boolean;
  canEnterFigures: boolean;
}) {
  let noteIndex = 0;
  return (
    <>
      <NarrativeSection
        id="summary-title"
        title="Resumé"
        text={view.summary}
        field="summary"
        editing={editing}
        hint="Årets vigtigste resultater og udfordringer i kort form."
      />
      {view.agreements.length === 0 ? (
        <p className="empty">Ingen delaftaler var gældende i {view.year}.</p>
      ) : null}
      {view.agreements.map((a) => {
        const base = agreementPath(view.plan.id, a.agreementId);
        return (
          <section
            key={a.agreementId}
            className="panel"
            aria-labelledby={`agreement-${a.agreementId}-title`}
          >
            <h2 id={`agreement-${a.agreementId}-title`}>Indsatsområde: {a.focusArea}</h2>
            <h3>Succeskriterier</h3>
            {a.criteria.length === 0 ? (
              <p className="muted">Delaftalen har ingen succeskriterier.</p>
            ) : (
              <CriteriaTable
                criteria={a.criteria}
                caption={`Succeskriterier for ${a.focusArea} i ${view.year}`}
              />
            )}
            {canEnterFigures ? (
              <p className="no-print">
                <Link to={`${base}/measurements?year=${view.year}`}>
                  Indtast målinger for {a.focusArea} {view.year}
                </Link>
              </p>
            ) : null}

            <h3>Aktiviteternes status</h3>
            {a.activities.length === 0 ? (
              <p className="muted">Delaftalen har ingen aktiviteter.</p>
            ) : editing ? (
              a.activities.map((act) => {
                const i = noteIndex++;
                return (
                  <div key={act.id}>
                    <HiddenField name={`activityNotes.${i}.activityId`} />
                    <TextArea
                      name={`activityNotes.${i}.note`}
                      label={`Statusnote: ${act.name}`}
                      rows={3}
                    />
                  </div>
                );
              })
            ) : (
              <dl className="facts">
                {a.activities.map((act) => (
                  <ActivityNote key={act.id} name={act.name}>
                    {act.note ?? <span className="muted">Ingen statusnote</span>}
                  </ActivityNote>
                ))}
              </dl>
            )}

            {a.activities.some((act) => act.log) ? (
              <>
                <h3>Aktivitetsloggen {view.year}</h3>
                <LogCountsTable
                  activities={a.activities}
                  caption={`Hændelser og deltagere i aktivitetsloggen ${view.year} for ${a.focusArea}`}
                />
              </>
            ) : null}

            <h3>Budget og forbrug {view.year}</h3>
            <SpendingComparisonTable
              comparison={a.spending}
              caption={`Budget og forbrug ${view.year} for ${a.focusArea} pr. finansieringskilde`}
            />
            {canEnterFigures ? (
              <p className="no-print">
                <Link to={`${base}/spending?year=${view.year}`}>
                  Indtast forbrug for {a.focusArea} {view.year}
                </Link>
              </p>
            ) : null}
          </section>
        );
      })}
      {view.milestones ? (
        <ReportMilestonesSection planId={view.plan.id} milestones={view.milestones} />
      ) : null}
      <NarrativeSection
        id="worked-title"
        title="Det fungerede godt"
        text={view.whatWorked}
        field="whatWorked"
        editing={editing}
        hint="Hvad har virket, og hvorfor?"
      />
      <NarrativeSection
        id="next-title"
        title="Ændringer til næste år"
        text={view.nextYear}
        field="nextYear"
        editing={editing}
        hint="Hvad ændrer I i aktiviteter, mål eller organisering næste år?"
      />
    </>
  );
}

function ActivityNote({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}
