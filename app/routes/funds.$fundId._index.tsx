/**
 * A dispositionsfond's page (/funds/:fundId): its guidelines (the text and the house rules as a
 * short list), and the applications the user may see: all of them for the fund's administrators,
 * with the frame overview per year (frame, granted, remaining) and a status filter (`?status=`);
 * the own estate's for applicants, with "Ny ansøgning".
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  ApplicationStatusBadge,
  applicationPath,
  FrameOverviewTable,
  FrameWarnings,
  fundPath,
  fundSettingsPath,
} from "~/components/fund-parts";
import { PageHeader } from "~/components/page-header";
import { Pager } from "~/components/pager";
import { RichTextView } from "~/components/rich-text";
import { getDb } from "~/db.server";
import {
  FUND_APPLICATION_STATUSES,
  fundApplicationStatusLabels,
  fundGuidelineItems,
  fundRoleLabels,
  frameOverview,
  isFundManager,
  type FundApplicationStatus,
} from "~/domain/disposition-fund";
import { formatAmount, formatDate, todayInDenmark } from "~/domain/format";
import { readPage } from "~/domain/paging";
import { getFundOverview, requireFund } from "~/models/disposition-funds.server";
import { listApplicationSummaryPage } from "~/models/fund-applications.server";
import { requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.fund.name ?? "Dispositionsfond"} · Samarbejdsaftaler` },
];

function readStatus(request: Request): FundApplicationStatus | null {
  const status = new URL(request.url).searchParams.get("status");
  return FUND_APPLICATION_STATUSES.find((s) => s === status) ?? null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fundId = requireIdParam(params, "fundId");
  const db = await getDb();
  const status = readStatus(request);
  // One access check for both halves of the page.
  const access = await requireFund(db, user, fundId);
  const [page, list] = await Promise.all([
    getFundOverview(db, access),
    listApplicationSummaryPage(db, access, fundId, {
      status,
      page: readPage(new URL(request.url).searchParams),
    }),
  ]);
  const manager = isFundManager(page.role);
  return {
    fund: {
      id: page.fund.id,
      name: page.fund.name,
      organisationId: page.fund.organisationId,
      organisationName: page.fund.organisationName,
      guidelines: page.fund.guidelines,
    },
    role: page.role,
    manager,
    guidelineItems: fundGuidelineItems(page.fund),
    // The frame per year of every year with a frame or a grant (the administration's only).
    frames: manager
      ? frameOverview(page.frames, page.committed, [
          ...page.frames.map((f) => f.year),
          ...page.committed.map((c) => c.year),
        ])
      : null,
    estates: page.estates.map((e) => e.name),
    canApply: page.estates.length > 0,
    status,
    counts: list.counts,
    total: list.total,
    page: list.page,
    pageCount: list.pageCount,
    applications: list.applications,
  };
}

function period(startYear: number, endYear: number) {
  return startYear === endYear ? String(startYear) : `${startYear}–${endYear}`;
}

export default function FundPage() {
  const {
    fund,
    role,
    manager,
    guidelineItems,
    frames,
    estates,
    canApply,
    status,
    counts,
    total,
    page,
    pageCount,
    applications,
  } = useLoaderData<typeof loader>();
  const newApplication = fundPath(fund.id, "/applications/new");
  return (
    <>
      <PageHeader
        title={fund.name}
        crumbs={[{ to: "/funds", label: "Dispositionsfonde" }]}
        actions={
          <>
            {canApply ? (
              <Link className="button button-primary" to={newApplication}>
                Ny ansøgning
              </Link>
            ) : null}
            {manager ? (
              <Link className="button button-secondary" to={fundSettingsPath(fund.organisationId)}>
                Indstillinger
              </Link>
            ) : null}
          </>
        }
      >
        <p className="muted">
          {fund.organisationName} · Din rolle: {fundRoleLabels[role]}
          {!manager && estates.length ? ` for ${estates.join(", ")}` : ""}
        </p>
      </PageHeader>

      <section className="panel" aria-labelledby="guidelines-title">
        <h2 id="guidelines-title">Fondens retningslinjer</h2>
        <ul className="fund-rules">
          {guidelineItems.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {fund.guidelines ? (
          <RichTextView text={fund.guidelines} headingLevel={3} />
        ) : (
          <p className="muted">Fonden har ikke skrevet yderligere retningslinjer.</p>
        )}
      </section>

      {frames ? (
        <section className="panel" aria-labelledby="frames-title">
          <h2 id="frames-title">Rammer og bevillinger</h2>
          <FrameWarnings
            overview={frames}
            intro="Bevillingerne overskrider fondens ramme, eller der er bevilget i et år uden ramme:"
          />
          <FrameOverviewTable
            overview={frames}
            caption="Fondens ramme, bevilget beløb og rest pr. år"
          />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="applications-title">
        <h2 id="applications-title">{manager ? "Ansøgninger" : "Jeres ansøgninger"}</h2>
        {manager && total > 0 ? (
          <Form method="get" className="filters no-print" aria-label="Filtrér ansøgninger">
            <div className="field">
              <label htmlFor="status-filter">Status</label>
              <select id="status-filter" name="status" defaultValue={status ?? ""}>
                <option value="">Alle ({total})</option>
                {FUND_APPLICATION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {fundApplicationStatusLabels[s]} ({counts[s]})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary">
              Vis
            </button>
          </Form>
        ) : null}
        {applications.length === 0 ? (
          <p className="muted">
            {status
              ? `Ingen ansøgninger med status «${fundApplicationStatusLabels[status]}».`
              : manager
                ? "Fonden har ingen ansøgninger endnu."
                : "I har ingen ansøgninger til fonden endnu."}
          </p>
        ) : (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">
                {status
                  ? `Ansøgninger med status «${fundApplicationStatusLabels[status]}»`
                  : "Ansøgninger til fonden"}
              </TableCaption>
              <thead>
                <tr>
                  <th scope="col">Ansøgning</th>
                  <th scope="col">Afdeling</th>
                  <th scope="col">Status</th>
                  <th scope="col">Periode</th>
                  <th scope="col" className="num">
                    Ansøgt i alt
                  </th>
                  <th scope="col">Indsendt</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={applicationPath(fund.id, a.id)}>{a.title}</Link>
                    </th>
                    <td>{a.estateName}</td>
                    <td>
                      <ApplicationStatusBadge status={a.status} />
                    </td>
                    <td>{period(a.startYear, a.endYear)}</td>
                    <td className="num">{formatAmount(a.requested)}</td>
                    <td>
                      {a.submittedAt ? formatDate(todayInDenmark(new Date(a.submittedAt))) : "–"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        <Pager page={page} pageCount={pageCount} label="Sider med ansøgninger" />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
