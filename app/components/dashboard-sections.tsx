/**
 * The sections of the first page, one per role (issue 19): each says in its first line how much
 * waits, lists the things to do with a link straight to where they are done, and says in its empty
 * state what will appear there. The data comes shaped from app/models/dashboard.server.ts.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { DeadlineBadge } from "~/components/deadline-badge";
import {
  applicationPath,
  ApplicationStatusBadge,
  fundPath,
  grantReportPath,
  ReportStateBadge,
} from "~/components/fund-parts";
import { ScrollTable, TableCaption } from "~/components/scroll-table";
import {
  countText,
  dashboardRoleTitles,
  progressText,
  type DashboardRole,
  type MeasurementProgress,
  type RevisionDueState,
} from "~/domain/dashboard";
import { formatAmount, formatDate, formatDateTime, formatPeriod } from "~/domain/format";
import type { ReportDeadline } from "~/domain/reporting";
import { agreementPath, reportPath } from "~/paths";

function Section({
  kind: role,
  summary,
  children,
}: {
  kind: DashboardRole;
  summary: ReactNode;
  children: ReactNode;
}) {
  const id = `dashboard-${role}`;
  return (
    <section className="panel dashboard-section" aria-labelledby={id} data-role={role}>
      <h2 id={id}>{dashboardRoleTitles[role]}</h2>
      <p className="dashboard-summary">{summary}</p>
      {children}
    </section>
  );
}

// --- shared tables ----------------------------------------------------------------------------

/**
 * A section's list of things as a table: what will appear there in words while it is empty, else
 * one row per item in a sideways-scrolling box named by its (visually hidden) caption.
 */
function SectionTable<Row>({
  rows,
  empty,
  caption,
  columns,
  numeric = [],
  rowKey,
  cells,
  total = rows.length,
  more,
}: {
  rows: readonly Row[];
  empty: ReactNode;
  caption: ReactNode;
  columns: readonly ReactNode[];
  /** The indexes of the columns holding amounts (right-aligned). */
  numeric?: readonly number[];
  rowKey: (row: Row) => string | number;
  /** The row's cells, in the columns' order. */
  cells: (row: Row) => ReactNode;
  /** How many rows there are in all, when only the first are shown (the most urgent). */
  total?: number;
  /** A link to the whole list, where there is one. */
  more?: ReactNode;
}) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      <ScrollTable>
        <table className="data">
          <TableCaption className="sr-only">{caption}</TableCaption>
          <thead>
            <tr>
              {columns.map((label, i) => (
                <th key={i} scope="col" className={numeric.includes(i) ? "num" : undefined}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>{cells(row)}</tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <ShownOf shown={rows.length} total={total} more={more} />
    </>
  );
}

/** "Viser de 15 første af 802." under a list that shows only its first (most urgent) rows. */
function ShownOf({ shown, total, more }: { shown: number; total: number; more?: ReactNode }) {
  if (total <= shown) return null;
  return (
    <p className="muted small">
      Viser de {shown} første af {total}.{more ? <> {more}</> : null}
    </p>
  );
}

export interface RevisionRow {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  due: string | null;
  state: RevisionDueState;
}

function RevisionTable({ revisions, total }: { revisions: readonly RevisionRow[]; total: number }) {
  return (
    <SectionTable
      rows={revisions}
      total={total}
      empty="Ingen delaftaler skal revideres inden for de næste 60 dage."
      caption="Delaftaler, hvis revision er overskredet eller snart skal foretages"
      columns={["Delaftale", "Helhedsplan", "Næste revision"]}
      rowKey={(r) => r.agreementId}
      cells={(r) => (
        <>
          <td>
            <Link to={agreementPath(r.planId, r.agreementId)}>{r.focusArea}</Link>
          </td>
          <td>{r.planName}</td>
          <td>
            {r.due ? (
              <>
                {formatDate(r.due)}
                <DeadlineBadge state={r.state === "overdue" ? "overdue" : "soon"} />
              </>
            ) : (
              <span className="badge">Ikke godkendt endnu</span>
            )}
          </td>
        </>
      )}
    />
  );
}

function ReportTable({
  reports,
  total,
  year,
}: {
  reports: readonly ReportDeadline[];
  total?: number;
  year: number;
}) {
  return (
    <SectionTable
      rows={reports}
      total={total}
      empty={`Ingen af planerne skal aflægge statusrapport for ${year}.`}
      caption={`Statusrapporter for ${year} og fristen for hver plan`}
      columns={["Helhedsplan", "Rapport for", "Frist"]}
      rowKey={(r) => r.planId}
      cells={(r) => (
        <>
          <td>
            <Link to={`/plans/${r.planId}`}>{r.planName}</Link>
          </td>
          <td>
            <Link to={reportPath(r.planId, r.year)}>Statusrapport {r.year}</Link>
          </td>
          <td>
            {formatDate(r.due)}
            {r.reportStatus === "final" ? (
              <>
                {" "}
                <span className="badge badge-ok">Endelig</span>
              </>
            ) : (
              <DeadlineBadge state={r.state} />
            )}
          </td>
        </>
      )}
    />
  );
}

const reportsDue = (reports: readonly ReportDeadline[]) =>
  reports.filter((r) => r.reportStatus !== "final").length;

/** How many revisions and reports a section's lists hold in all (they show only the first). */
export interface DeadlineTotals {
  revisions: number;
  overdueRevisions: number;
  reports: number;
  /** The reports not yet final. */
  reportsDue: number;
}

// --- administrator ----------------------------------------------------------------------------

export function AdminSection({
  revisions,
  reports,
  totals,
  reportYear,
}: {
  revisions: readonly RevisionRow[];
  reports: readonly ReportDeadline[];
  totals: DeadlineTotals;
  reportYear: number;
}) {
  return (
    <Section
      kind="admin"
      summary={`${countText(totals.revisions, "revision", "revisioner")} og ${countText(totals.reportsDue, "statusrapport", "statusrapporter")} venter på tværs af planerne.`}
    >
      <ul className="dashboard-links">
        <li>
          <Link to="/admin/users">Brugere og adgang</Link>
        </li>
        <li>
          <Link to="/admin/rollup">Rapportering på tværs af planerne</Link>
        </li>
        <li>
          <Link to="/admin/backup">Sikkerhedskopi</Link>
        </li>
      </ul>
      <h3>Revisioner</h3>
      <RevisionTable revisions={revisions} total={totals.revisions} />
      <h3>Statusrapporter</h3>
      <ReportTable reports={reports} total={totals.reports} year={reportYear} />
    </Section>
  );
}

// --- secretariat ------------------------------------------------------------------------------

export interface DraftRow {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  missing: { key: string; label: string; rule: boolean; section: string; field?: string }[];
  ready: boolean;
}

/** How many missing items each draft lists before "… og N mere" (the agreement page has all). */
const MISSING_SHOWN = 3;

function DraftList({ drafts }: { drafts: readonly DraftRow[] }) {
  if (drafts.length === 0) {
    return (
      <p className="muted">
        Ingen delaftaler er under udarbejdelse. Her vises de delaftaler, der skrives eller
        revideres, med det, der mangler på deres tjekliste.
      </p>
    );
  }
  return (
    <ul className="dashboard-drafts">
      {drafts.map((d) => {
        const base = agreementPath(d.planId, d.agreementId);
        const more = d.missing.length - MISSING_SHOWN;
        return (
          <li key={d.agreementId}>
            <Link to={`${base}#checklist-title`}>{d.focusArea}</Link>{" "}
            <span className="muted">· {d.planName}</span>{" "}
            {d.ready ? (
              <span className="badge badge-ok">Klar til godkendelse</span>
            ) : (
              <span className="badge badge-warn">Ikke klar til godkendelse</span>
            )}
            {d.missing.length ? (
              <>
                <p className="small">
                  {countText(d.missing.length, "punkt mangler", "punkter mangler")} på tjeklisten:
                </p>
                <ul className="dashboard-missing">
                  {d.missing.slice(0, MISSING_SHOWN).map((item) => (
                    <li key={item.key} className={item.rule ? "fail" : "missing"}>
                      <Link
                        to={`${base}/edit/${item.section}${item.field ? `#f-${item.field}` : ""}`}
                      >
                        {item.label}
                      </Link>
                    </li>
                  ))}
                  {more > 0 ? (
                    <li>
                      <Link to={`${base}#checklist-title`}>… og {more} mere på tjeklisten</Link>
                    </li>
                  ) : null}
                </ul>
              </>
            ) : null}
            {d.ready ? (
              <p className="small">
                <Link to={`${base}/revision`}>Indstil {d.focusArea} til godkendelse</Link>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function SecretariatSection({
  revisions,
  drafts,
  reports,
  totals,
  reportYear,
}: {
  revisions: readonly RevisionRow[];
  drafts: readonly DraftRow[];
  reports: readonly ReportDeadline[];
  totals: DeadlineTotals & { drafts: number };
  reportYear: number;
}) {
  const overdue = totals.overdueRevisions;
  return (
    <Section
      kind="secretariat"
      summary={
        <>
          {countText(totals.revisions, "revision", "revisioner")}
          {overdue ? ` (${overdue} overskredet)` : ""},{" "}
          {countText(totals.drafts, "delaftale", "delaftaler")} under udarbejdelse og{" "}
          {countText(totals.reportsDue, "statusrapport", "statusrapporter")} at aflægge.
        </>
      }
    >
      <h3>Revisioner</h3>
      <RevisionTable revisions={revisions} total={totals.revisions} />
      <h3>Delaftaler under udarbejdelse</h3>
      <DraftList drafts={drafts} />
      <ShownOf shown={drafts.length} total={totals.drafts} />
      <h3>Statusrapporter</h3>
      <ReportTable reports={reports} total={totals.reports} year={reportYear} />
    </Section>
  );
}

// --- board ------------------------------------------------------------------------------------

export interface PendingRow {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  versionId: number;
  number: number;
  submittedAt: string;
}

export function BoardSection({
  pending,
  total,
}: {
  pending: readonly PendingRow[];
  total: number;
}) {
  return (
    <Section
      kind="board"
      summary={
        total === 0
          ? "Ingen forslag venter på din beslutning."
          : `${countText(total, "forslag venter", "forslag venter")} på din beslutning.`
      }
    >
      <SectionTable
        rows={pending}
        total={total}
        more={<Link to="/revisions">Se alle forslag til beslutning</Link>}
        empty="Når sekretariatet indstiller en delaftale til godkendelse, vises den her med et link til ændringerne."
        caption="Forslag, som venter på bestyrelsens beslutning"
        columns={[
          "Delaftale",
          "Helhedsplan",
          "Indstillet",
          <span key="actions" className="sr-only">
            Handlinger
          </span>,
        ]}
        rowKey={(p) => p.versionId}
        cells={(p) => {
          const base = agreementPath(p.planId, p.agreementId);
          return (
            <>
              <td>
                <Link to={base}>{p.focusArea}</Link> (forslag til version {p.number})
              </td>
              <td>{p.planName}</td>
              <td>{formatDateTime(p.submittedAt)}</td>
              <td>
                <Link
                  to={`${base}/review`}
                  aria-label={`Se ændringer og beslut: ${p.focusArea}, ${p.planName}`}
                >
                  Se ændringer og beslut
                </Link>
              </td>
            </>
          );
        }}
      />
    </Section>
  );
}

// --- reporter ---------------------------------------------------------------------------------

export function ReporterSection({
  year,
  progress,
  reports,
}: {
  year: number;
  progress: readonly MeasurementProgress[];
  reports: readonly ReportDeadline[];
}) {
  const entered = progress.reduce((n, p) => n + p.entered, 0);
  const total = progress.reduce((n, p) => n + p.total, 0);
  return (
    <Section
      kind="reporter"
      summary={
        <>
          {progressText({ entered, total })} for {year} er indtastet, og{" "}
          {countText(reportsDue(reports), "statusrapport", "statusrapporter")} skal aflægges i år.
        </>
      }
    >
      <h3>Målinger for {year}</h3>
      <SectionTable
        rows={progress}
        empty={`Ingen delaftaler skal måles for ${year}. Her vises hver delaftale med, hvor mange af dens succeskriterier der er målt.`}
        caption={`Målinger for ${year} pr. delaftale`}
        columns={["Delaftale", "Helhedsplan", "Indtastet"]}
        rowKey={(p) => p.agreementId}
        cells={(p) => (
          <>
            <td>
              <Link
                to={`${agreementPath(p.planId, p.agreementId)}/measurements?year=${year}`}
                aria-label={`Målinger ${year}: ${p.focusArea}, ${p.planName}`}
              >
                {p.focusArea}
              </Link>
            </td>
            <td>{p.planName}</td>
            <td>
              <span className="dashboard-progress">{progressText(p)}</span>{" "}
              {p.total > 0 && p.entered >= p.total ? (
                <span className="badge badge-ok">Alle målt</span>
              ) : null}
            </td>
          </>
        )}
      />
      <h3>Statusrapporter</h3>
      <ReportTable reports={reports} year={year} />
    </Section>
  );
}

// --- fund administration ----------------------------------------------------------------------

/** The first two cells of a row about an application: its title, linked, and its estate. */
function ApplicationCells({
  row,
  applicationId,
}: {
  row: { fundId: number; title: string; estateName: string };
  applicationId: number;
}) {
  return (
    <>
      <td>
        <Link to={applicationPath(row.fundId, applicationId)}>{row.title}</Link>
      </td>
      <td>{row.estateName}</td>
    </>
  );
}

export interface GrantReportRow {
  grantId: number;
  applicationId: number;
  fundId: number;
  title: string;
  estateName: string;
  year: number;
  due: string;
  state: "overdue" | "soon" | "ok";
  submitted: boolean;
  reportStatus: "draft" | "submitted" | null;
}

function GrantReportTable({
  reports,
  total,
  empty,
  caption,
}: {
  reports: readonly GrantReportRow[];
  total?: number;
  empty: string;
  caption: string;
}) {
  return (
    <SectionTable
      rows={reports}
      total={total}
      empty={empty}
      caption={caption}
      columns={["Bevilling", "Afdeling", "Afrapportering", "Frist"]}
      rowKey={(r) => `${r.grantId}-${r.year}`}
      cells={(r) => (
        <>
          <ApplicationCells row={r} applicationId={r.applicationId} />
          <td>
            <Link to={grantReportPath(r.fundId, r.grantId, r.year)}>Afrapportering {r.year}</Link>
          </td>
          <td>
            {formatDate(r.due)} {/* Only ended grant years are listed: their reports are due. */}
            <ReportStateBadge status={r.reportStatus} state={r.state} ended />
          </td>
        </>
      )}
    />
  );
}

export interface AwaitingRow {
  id: number;
  fundId: number;
  fundName: string;
  title: string;
  estateName: string;
  submittedOn: string | null;
  assessed: boolean;
}

export interface FrameRow {
  fundId: number;
  fundName: string;
  year: number;
  frame: number | null;
  committed: number;
  remaining: number | null;
}

export function FundAdminSection({
  year,
  awaiting,
  frames,
  overdueReports,
  totals,
}: {
  year: number;
  awaiting: readonly AwaitingRow[];
  frames: readonly FrameRow[];
  overdueReports: readonly GrantReportRow[];
  /** How many there are in all (the lists show only the first). */
  totals: { awaiting: number; unassessed: number; frames: number; overdueReports: number };
}) {
  const { unassessed } = totals;
  const perFund = <Link to="/funds">Se fondene</Link>;
  return (
    <Section
      kind="fund_admin"
      summary={
        <>
          {countText(totals.awaiting, "ansøgning afventer", "ansøgninger afventer")} afgørelse
          {totals.awaiting ? ` (${unassessed} ikke vurderet)` : ""}, og{" "}
          {countText(totals.overdueReports, "afrapportering er", "afrapporteringer er")}{" "}
          overskredet.
        </>
      }
    >
      <h3>Ansøgninger til vurdering og afgørelse</h3>
      <SectionTable
        rows={awaiting}
        total={totals.awaiting}
        more={perFund}
        empty="Ingen ansøgninger afventer vurdering eller afgørelse. Indsendte ansøgninger vises her."
        caption="Indsendte ansøgninger, der afventer vurdering og organisationsbestyrelsens afgørelse"
        columns={["Ansøgning", "Afdeling", "Fond", "Indsendt"]}
        rowKey={(a) => a.id}
        cells={(a) => (
          <>
            <ApplicationCells row={a} applicationId={a.id} />
            <td>{a.fundName}</td>
            <td>
              {a.submittedOn ? formatDate(a.submittedOn) : null}{" "}
              {a.assessed ? (
                <span className="badge badge-ok">Vurderet</span>
              ) : (
                <span className="badge">Ikke vurderet</span>
              )}
            </td>
          </>
        )}
      />
      <h3>Rammen for {year}</h3>
      <SectionTable
        rows={frames}
        total={totals.frames}
        more={perFund}
        empty="Du administrerer ingen dispositionsfond endnu."
        caption={`Rammen for ${year}, bevilget og tilbage pr. fond`}
        columns={["Fond", "Ramme", "Bevilget", "Tilbage"]}
        numeric={[1, 2, 3]}
        rowKey={(f) => f.fundId}
        cells={(f) => (
          <>
            <td>
              <Link to={fundPath(f.fundId)}>{f.fundName}</Link>
            </td>
            <td className="num">
              {f.frame == null ? "Ingen ramme fastsat" : formatAmount(f.frame)}
            </td>
            <td className="num">{formatAmount(f.committed)}</td>
            <td className="num">
              {f.remaining == null ? "–" : formatAmount(f.remaining)}
              {f.remaining != null && f.remaining < 0 ? (
                <>
                  {" "}
                  <span className="badge badge-danger">Overskredet</span>
                </>
              ) : null}
            </td>
          </>
        )}
      />
      <h3>Overskredne afrapporteringer</h3>
      <GrantReportTable
        reports={overdueReports}
        total={totals.overdueReports}
        empty="Ingen afrapporteringer af bevillinger er overskredet."
        caption="Afrapporteringer af bevillinger, hvis frist er overskredet"
      />
    </Section>
  );
}

// --- applicant --------------------------------------------------------------------------------

export interface OwnApplicationRow {
  id: number;
  fundId: number;
  fundName: string;
  title: string;
  estateName: string;
  status: "draft" | "submitted" | "approved" | "approved_reduced" | "rejected" | "withdrawn";
  startYear: number;
  endYear: number;
}

export function ApplicantSection({
  funds,
  applications,
  grantReports,
}: {
  funds: readonly { id: number; name: string }[];
  applications: readonly OwnApplicationRow[];
  grantReports: readonly GrantReportRow[];
}) {
  const drafts = applications.filter((a) => a.status === "draft").length;
  const toWrite = grantReports.filter((r) => !r.submitted).length;
  return (
    <Section
      kind="applicant"
      summary={
        <>
          {countText(applications.length, "ansøgning", "ansøgninger")} (
          {countText(drafts, "kladde", "kladder")}) og{" "}
          {countText(toWrite, "afrapportering", "afrapporteringer")} at skrive.
        </>
      }
    >
      {funds.length ? (
        <p className="dashboard-actions">
          {funds.map((f) => (
            <Link
              key={f.id}
              className="button button-primary"
              to={fundPath(f.id, "/applications/new")}
            >
              {funds.length === 1 ? "Ny ansøgning" : `Ny ansøgning til ${f.name}`}
            </Link>
          ))}
        </p>
      ) : null}
      <h3>Dine ansøgninger</h3>
      <SectionTable
        rows={applications}
        empty="Du har ingen ansøgninger endnu. Dine ansøgninger vises her med deres status, når du har oprettet dem."
        caption="Dine ansøgninger til dispositionsfonden og deres status"
        columns={["Ansøgning", "Afdeling", "Periode", "Status"]}
        rowKey={(a) => a.id}
        cells={(a) => (
          <>
            <ApplicationCells row={a} applicationId={a.id} />
            <td>{a.startYear === a.endYear ? a.startYear : `${a.startYear}–${a.endYear}`}</td>
            <td>
              <ApplicationStatusBadge status={a.status} />
            </td>
          </>
        )}
      />
      <h3>Afrapportering af bevillinger</h3>
      <GrantReportTable
        reports={grantReports}
        empty="Ingen bevillinger skal afrapporteres lige nu. Når et bevillingsår er slut, vises afrapporteringen her med sin frist."
        caption="Årlige afrapporteringer af bevillinger fra dispositionsfonden og deres frister"
      />
    </Section>
  );
}

// --- viewer -----------------------------------------------------------------------------------

export interface ReadablePlan {
  id: number;
  name: string;
  periodStart: string;
  periodEnd: string;
  fundingRoundName: string;
}

export function ViewerSection({ plans }: { plans: readonly ReadablePlan[] }) {
  return (
    <Section
      kind="viewer"
      summary={`Du kan læse ${countText(plans.length, "helhedsplan", "helhedsplaner")} med delaftaler, versioner og rapporter.`}
    >
      {plans.length === 0 ? (
        <p className="muted">Du har ikke læseadgang til nogen helhedsplaner.</p>
      ) : (
        <ul className="plan-list">
          {plans.map((p) => (
            <li key={p.id}>
              <h3>
                <Link to={`/plans/${p.id}`}>{p.name}</Link>
              </h3>
              <p className="muted">
                {formatPeriod(p.periodStart, p.periodEnd)} · {p.fundingRoundName}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
