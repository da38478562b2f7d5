/**
 * «Målt fra aktivitetsloggen»: which of an agreement's success criteria are measured from the
 * activity log, and how (the number of events of a kind in the year, the participants of a group,
 * the share of actions done), with the year's value the log gives (`?year=2026`). The secretariat,
 * reporters and admins choose a criterion's source one at a time (`?criterion=<id>` opens its
 * form); board members and viewers read. Works without JavaScript.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, SelectField, ValidatedForm } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import {
  canEditLog,
  CriterionLogSourceSchema,
  LOG_EDITOR_ROLES,
  LOG_METRICS,
  logMetricLabels,
} from "~/domain/activity-log";
import { formatNumber } from "~/domain/format";
import { formDataToValues, parseValues } from "~/domain/form";
import { requiredId } from "~/domain/zod";
import { badRequest } from "~/http.server";
import { requireAgreementRole } from "~/models/access.server";
import {
  getCriterionLogSources,
  getLogSettings,
  saveCriterionLogSource,
} from "~/models/activity-log/index.server";
import { getMeasurementGrid } from "~/models/measurements.server";
import { agreementPath } from "~/paths";
import { formErrorResponse, readYearQuery, requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction = () => [
  { title: "Målt fra aktivitetsloggen · Samarbejdsaftaler" },
];

function sourcesPath(planId: number, agreementId: number, year: number, criterion?: number) {
  const query = [`year=${year}`, criterion != null ? `criterion=${criterion}` : ""].filter(Boolean);
  return `${agreementPath(planId, agreementId)}/measurements/sources?${query.join("&")}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request);
  const db = await getDb();
  const grid = await getMeasurementGrid(db, user, planId, agreementId, year);
  const [settings, sources] = await Promise.all([
    getLogSettings(db, user, planId),
    getCriterionLogSources(db, user, agreementId),
  ]);
  const canEdit = canEditLog(grid.role);
  const chosen = Number(new URL(request.url).searchParams.get("criterion"));
  const editing = canEdit ? (grid.rows.find((r) => r.criterion.id === chosen) ?? null) : null;
  const bySource = new Map(sources.map((s) => [s.criterionId, s]));
  const editingSource = editing ? bySource.get(editing.criterion.id) : undefined;
  return {
    agreement: grid.agreement,
    year: grid.year,
    canEdit,
    settings,
    rows: grid.rows.map((r) => ({
      criterion: { id: r.criterion.id, text: r.criterion.text },
      activity: r.activity,
      source: bySource.get(r.criterion.id) ?? null,
      log: r.log ?? null,
    })),
    editing: editing
      ? {
          criterionId: editing.criterion.id,
          text: editing.criterion.text,
          values: {
            metric: editingSource?.metric ?? "",
            kindId: editingSource?.kindId != null ? String(editingSource.kindId) : "",
            groupId: editingSource?.groupId != null ? String(editingSource.groupId) : "",
          },
        }
      : null,
  };
}

const CriterionIdSchema = requiredId("Ukendt succeskriterium");

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const year = readYearQuery(request) ?? new Date().getFullYear();
  const db = await getDb();
  // Access before reading the form: a reader gets 403, not validation messages.
  await requireAgreementRole(db, user, planId, agreementId, LOG_EDITOR_ROLES);
  const values = formDataToValues(await request.formData());
  const criterionId = CriterionIdSchema.safeParse(values.criterionId);
  if (!criterionId.success) throw new Response("Ukendt succeskriterium", { status: 400 });
  const parsed = parseValues(CriterionLogSourceSchema, values);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    await saveCriterionLogSource(db, user, planId, criterionId.data, parsed.data);
  } catch (error) {
    return formErrorResponse(error, values);
  }
  return redirectWithFlash(
    request,
    sourcesPath(planId, agreementId, year),
    "Succeskriteriets kilde er gemt.",
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function describeSource(source: NonNullable<LoaderData["rows"][number]["source"]>): string {
  const parts = [logMetricLabels[source.metric]];
  if (source.kind) parts.push(`type: ${source.kind}`);
  if (source.group) parts.push(`gruppe: ${source.group}`);
  return parts.join(", ");
}

const metricOptions = LOG_METRICS.map((m) => ({ value: m, label: logMetricLabels[m] }));

export default function MeasurementSourcesPage() {
  const { agreement, year, canEdit, settings, rows, editing } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = agreementPath(agreement.planId, agreement.id);
  const kindOptions = settings.kinds
    .filter((k) => !k.retired || String(k.id) === editing?.values.kindId)
    .map((k) => ({ value: String(k.id), label: k.name }));
  const groupOptions = settings.groups
    .filter((g) => !g.retired || String(g.id) === editing?.values.groupId)
    .map((g) => ({ value: String(g.id), label: g.name }));
  return (
    <>
      <PageHeader
        title="Målt fra aktivitetsloggen"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${agreement.planId}`, label: agreement.planName },
          { to: base, label: agreement.focusArea },
          { to: `${base}/measurements?year=${year}`, label: `Målinger ${year}` },
        ]}
      >
        <p className="muted">
          Et succeskriterium kan måles fra aktivitetsloggen: antallet af aktiviteter af en type i
          året, antallet af deltagere fra en gruppe eller andelen af udførte opgaver. Så foreslår
          siden Målinger årets værdi fra loggen. Et kriterium under en aktivitet tæller aktivitetens
          hændelser; delaftalens egne kriterier tæller alle dens aktiviteter.
        </p>
      </PageHeader>

      {editing ? (
        <section className="panel" aria-labelledby="edit-source">
          <h2 id="edit-source">Kilde for «{editing.text}»</h2>
          <ValidatedForm
            key={editing.criterionId}
            schema={CriterionLogSourceSchema}
            defaultValues={editing.values}
            failure={failure}
            action={sourcesPath(agreement.planId, agreement.id, year, editing.criterionId)}
            hidden={{ criterionId: editing.criterionId }}
            aria-label={`Kilde for ${editing.text}`}
          >
            <SelectField
              name="metric"
              label="Måling"
              options={metricOptions}
              placeholder="Ikke målt fra loggen"
            />
            <SelectField
              name="kindId"
              label="Type"
              options={kindOptions}
              placeholder="Alle typer"
              hint="Tæl kun aktiviteter af denne type (gælder alle målinger)."
            />
            <SelectField
              name="groupId"
              label="Deltagergruppe"
              options={groupOptions}
              placeholder="Vælg gruppe"
              hint="Kun ved «Antal deltagere i året»."
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                Gem kilden
              </button>
              <Link to={sourcesPath(agreement.planId, agreement.id, year)}>Annullér</Link>
            </div>
          </ValidatedForm>
        </section>
      ) : null}

      {rows.length === 0 ? (
        <p className="panel">Delaftalen har ingen succeskriterier endnu.</p>
      ) : (
        <ScrollTable>
          <table className="data">
            <TableCaption className="sr-only">
              Succeskriterier og deres kilde i aktivitetsloggen
            </TableCaption>
            <thead>
              <tr>
                <th scope="col">Succeskriterium</th>
                <th scope="col">Aktivitet</th>
                <th scope="col">Kilde i loggen</th>
                <th scope="col">Værdi {year}</th>
                {canEdit ? <th scope="col">Ret</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.criterion.id}>
                  <th scope="row">{r.criterion.text}</th>
                  <td>{r.activity?.name ?? "Delaftalen"}</td>
                  <td>
                    {r.source ? (
                      describeSource(r.source)
                    ) : (
                      <span className="muted">Ikke målt fra loggen</span>
                    )}
                  </td>
                  <td>
                    {r.log ? (
                      <>
                        {r.log.value == null ? "–" : formatNumber(r.log.value)}
                        <div className="muted small">{r.log.sourceText}</div>
                      </>
                    ) : null}
                  </td>
                  {canEdit ? (
                    <td>
                      <Link
                        to={sourcesPath(agreement.planId, agreement.id, year, r.criterion.id)}
                        aria-label={`Vælg kilde for ${r.criterion.text}`}
                      >
                        Vælg kilde
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p>
        <Link to={`${base}/measurements?year=${year}`}>Tilbage til målingerne</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
