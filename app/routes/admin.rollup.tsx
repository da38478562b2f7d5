/**
 * "Rapportering" (administrators): how the success criteria of every plan fared in a year
 * (`?year=2025`, default last calendar year), per focus area grouped by funding round and per plan,
 * so the admin sees the overall picture and where the numbers come from. Also as Excel.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { YearLinks } from "~/components/year-links";
import { getDb } from "~/db.server";
import { formatInteger, formatPercent } from "~/domain/format";
import {
  ROLLUP_STATUS_KEYS,
  rollupStatusLabels,
  type RollupCounts,
  type RollupShare,
} from "~/domain/rollup";
import { requireAdmin } from "~/models/access.server";
import { getFocusAreaRollup } from "~/models/rollup.server";
import { readYearQuery } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Rapportering ${data?.year ?? ""} · Samarbejdsaftaler` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  const year = readYearQuery(request);
  return getFocusAreaRollup(await getDb(), user, year);
}

/** The headings of the count columns, after the row's own first columns. */
function CountHeadings() {
  return (
    <>
      <th scope="col" className="num">
        Succeskriterier
      </th>
      {ROLLUP_STATUS_KEYS.map((key) => (
        <th key={key} scope="col" className="num">
          {rollupStatusLabels[key]}
        </th>
      ))}
      <th scope="col" className="num">
        Andel opfyldt
      </th>
    </>
  );
}

function CountCells({ row }: { row: RollupCounts & RollupShare }) {
  return (
    <>
      <td className="num">{formatInteger(row.criteria)}</td>
      {ROLLUP_STATUS_KEYS.map((key) => (
        <td key={key} className="num">
          {formatInteger(row[key])}
        </td>
      ))}
      {/* No criteria, no share: a dash rather than a made-up 0 %. */}
      <td className="num">{row.shareMet === null ? "–" : formatPercent(row.shareMet)}</td>
    </>
  );
}

/** Columns: the first one, the plan or agreement count, criteria, five statuses, share. */
const COLUMN_COUNT = 9;

export default function Reporting() {
  const { year, years, rounds, plans, total } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={`Rapportering ${year}`}
        actions={
          <a className="button button-secondary" href={`/admin/rollup.xlsx?year=${year}`} download>
            Hent som Excel
          </a>
        }
      >
        <p className="muted">
          Status for succeskriterierne i {year} på tværs af alle helhedsplaner. Tallene omfatter
          succeskriterierne i de delaftaler, der gælder i {year}. «Ikke registreret» er
          succeskriterier uden en måling for {year}.
        </p>
        <YearLinks base="/admin/rollup" years={years} year={year} />
      </PageHeader>

      {plans.length === 0 ? (
        <p className="empty">Ingen delaftaler gælder i {year}.</p>
      ) : (
        <>
          <section aria-labelledby="by-focus-area">
            <h2 id="by-focus-area">Pr. indsatsområde</h2>
            <ScrollTable>
              <table className="data">
                <TableCaption className="sr-only">
                  Succeskriterier {year} pr. indsatsområde, grupperet efter pulje
                </TableCaption>
                <thead>
                  <tr>
                    <th scope="col">Indsatsområde</th>
                    <th scope="col" className="num">
                      Helhedsplaner
                    </th>
                    <CountHeadings />
                  </tr>
                </thead>
                {rounds.map((round) => (
                  <tbody key={round.fundingRoundId}>
                    <tr className="strong-row">
                      <th scope="rowgroup" colSpan={COLUMN_COUNT}>
                        {round.fundingRound}
                      </th>
                    </tr>
                    {round.focusAreas.map((area) => (
                      <tr key={area.focusAreaId} className="sub-row">
                        <th scope="row">{area.focusArea}</th>
                        <td className="num">{formatInteger(area.planCount)}</td>
                        <CountCells row={area} />
                      </tr>
                    ))}
                  </tbody>
                ))}
                <tfoot>
                  <tr className="total-row">
                    <th scope="row">I alt</th>
                    <td className="num">{formatInteger(total.planCount)}</td>
                    <CountCells row={total} />
                  </tr>
                </tfoot>
              </table>
            </ScrollTable>
          </section>

          <section aria-labelledby="by-plan">
            <h2 id="by-plan">Pr. helhedsplan</h2>
            <ScrollTable>
              <table className="data">
                <TableCaption className="sr-only">
                  Succeskriterier {year} pr. helhedsplan
                </TableCaption>
                <thead>
                  <tr>
                    <th scope="col">Helhedsplan</th>
                    <th scope="col" className="num">
                      Delaftaler
                    </th>
                    <CountHeadings />
                  </tr>
                </thead>
                <tbody>
                  {plans.map((plan) => (
                    <tr key={plan.planId}>
                      <th scope="row">
                        <Link to={`/plans/${plan.planId}`}>{plan.planName}</Link>
                      </th>
                      <td className="num">{formatInteger(plan.agreementCount)}</td>
                      <CountCells row={plan} />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="total-row">
                    <th scope="row">I alt</th>
                    <td className="num">{formatInteger(total.agreementCount)}</td>
                    <CountCells row={total} />
                  </tr>
                </tfoot>
              </table>
            </ScrollTable>
          </section>

          <p className="muted small">
            Andel opfyldt er de opfyldte succeskriterier af alle succeskriterier i de delaftaler,
            der gælder i året. En helhedsplan med flere indsatsområder tæller med under hvert af
            dem, men kun én gang i alt.
          </p>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
