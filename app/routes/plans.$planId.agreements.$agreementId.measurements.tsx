/**
 * Measurements of an agreement for one year (`?year=2025`): every success criterion with its
 * baseline and target, the actual value, the status (suggested from value and target, or chosen
 * with a reason), a comment and the figure's source, as one compact table
 * (app/components/measurements-grid.tsx). Reporters, the secretariat and admins edit it like a
 * spreadsheet; board members and viewers see the same table read-only. Works without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { MeasurementsGrid, MeasurementsTable } from "~/components/measurements-grid";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { formDataToValues, parseValues, type FormFailure } from "~/domain/form";
import {
  logFillValues,
  MeasurementGridSchema,
  measurementGridFormValues,
  readUseLogIntent,
  USE_LOG_NOTICE,
} from "~/domain/measurement";
import { canEditLog } from "~/domain/activity-log";
import { badRequest, notFound } from "~/http.server";
import { requireAgreementRole } from "~/models/access.server";
import {
  getMeasurementGrid,
  MEASUREMENT_EDITOR_ROLES,
  saveMeasurements,
} from "~/models/measurements.server";
import { agreementPath } from "~/paths";
import { formErrorResponse, readYearQuery, requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Målinger ${data?.year ?? ""} · Samarbejdsaftaler` },
];

/** `?year=` as a number; absent is undefined (the default year), anything else 404. */
function measurementsPath(planId: number, agreementId: number, year?: number) {
  return `${agreementPath(planId, agreementId)}/measurements${year != null ? `?year=${year}` : ""}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request);
  const db = await getDb();
  const grid = await getMeasurementGrid(db, user, planId, agreementId, year);
  return {
    ...grid,
    canChooseSources: canEditLog(grid.role),
    values: grid.canEdit ? measurementGridFormValues(grid.rows) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request);
  if (year == null) throw notFound("Året findes ikke");
  const db = await getDb();
  // Access before reading the form: a reader gets 403, not validation messages.
  await requireAgreementRole(db, user, planId, agreementId, MEASUREMENT_EDITOR_ROLES);
  const values = formDataToValues(await request.formData());
  const useLog = readUseLogIntent(values.intent);
  if (useLog != null)
    return fillFromLogReply(
      values,
      useLog,
      await getMeasurementGrid(db, user, planId, agreementId, year),
    );
  delete values.intent;
  const parsed = parseValues(MeasurementGridSchema, values);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await saveMeasurements(db, user, planId, agreementId, year, parsed.data.rows);
  } catch (error) {
    return formErrorResponse(error, values);
  }
  return redirectWithFlash(
    request,
    measurementsPath(planId, agreementId, year),
    `Målingerne for ${year} er gemt.`,
  );
}

/**
 * "Brug værdien fra loggen" without JavaScript: the form comes back with the log's value and
 * source text in the row (from the log as it is now, not from the page), nothing saved.
 */
function fillFromLogReply(
  values: Record<string, unknown>,
  index: number,
  grid: Awaited<ReturnType<typeof getMeasurementGrid>>,
) {
  delete values.intent;
  const rows = Array.isArray(values.rows) ? (values.rows as unknown[]) : [];
  const row = rows[index];
  const criterionId =
    row && typeof row === "object" ? Number((row as { criterionId?: unknown }).criterionId) : NaN;
  const log = grid.rows.find((r) => r.criterion.id === criterionId)?.log;
  if (!log || !row || typeof row !== "object") {
    throw new Response("Succeskriteriet måles ikke fra aktivitetsloggen", { status: 400 });
  }
  Object.assign(row, logFillValues(log));
  const body: FormFailure = { ok: false, errors: {}, values, notice: USE_LOG_NOTICE };
  return data(body, { status: 200 });
}

export default function MeasurementsPage() {
  const { agreement, years, year, rows, canEdit, canChooseSources, lockedMessage, values } =
    useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = agreementPath(agreement.planId, agreement.id);
  return (
    <>
      <PageHeader
        title={`Målinger ${year}`}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${agreement.planId}`, label: agreement.planName },
          { to: base, label: agreement.focusArea },
        ]}
        actions={
          <>
            {canChooseSources ? (
              <Link
                className="button button-secondary"
                to={`${base}/measurements/sources?year=${year}`}
              >
                Målt fra aktivitetsloggen
              </Link>
            ) : null}
            <a
              className="button button-secondary"
              href={`${base}/measurements.xlsx?year=${year}`}
              download
            >
              Hent som Excel
            </a>
          </>
        }
      >
        <p className="muted">
          De faktiske værdier for delaftalens succeskriterier i {year}.{" "}
          {canEdit
            ? "Status foreslås ud fra værdi og mål, når begge er tal. Vælger du en anden status, skal du skrive en begrundelse."
            : "Du kan se målingerne, men ikke ændre dem."}
        </p>
        <nav aria-label="Vælg år" className="page-actions no-print">
          {years.map((y) => (
            <Link
              key={y}
              to={measurementsPath(agreement.planId, agreement.id, y)}
              className={`button button-small ${y === year ? "button-primary" : "button-secondary"}`}
              aria-current={y === year ? "page" : undefined}
            >
              {y}
            </Link>
          ))}
        </nav>
      </PageHeader>

      {lockedMessage ? (
        <p className="alert alert-warn" role="status">
          {lockedMessage}
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p className="panel">Delaftalen har ingen succeskriterier endnu.</p>
      ) : canEdit && values ? (
        <MeasurementsGrid
          rows={rows}
          year={year}
          values={values}
          failure={failure}
          action={measurementsPath(agreement.planId, agreement.id, year)}
          backTo={base}
        />
      ) : (
        <MeasurementsTable rows={rows} year={year} />
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
