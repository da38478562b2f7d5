/**
 * The dispositionsfond's settings (/organisations/:organisationId/fund), for the housing
 * organisation's fund administrators and administrators: the fund's name, the guideline text shown
 * to applicants, its house rules as values (DESIGN.md R7) and the yearly frames. Version 0 creates
 * the fund. The frames are rows added and removed without JavaScript too; after saving, the fund's
 * page follows.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  Checkbox,
  SubmitButton,
  TextArea,
  TextField,
  ValidatedForm,
} from "~/components/form";
import { fundPath } from "~/components/fund-parts";
import { ListField } from "~/components/list-field";
import { PageHeader } from "~/components/page-header";
import { FieldMessage } from "~/components/radio-field";
import { getDb } from "~/db.server";
import { FundSettingsSchema, fundSettingsFormValues } from "~/domain/disposition-fund";
import { REMINDER_OFFSETS_HINT, REMINDER_OFFSETS_LABEL } from "~/domain/reminders";
import { RICH_TEXT_HINT } from "~/domain/rich-text";
import { getFundSettings, saveFundSettings } from "~/models/disposition-funds.server";
import { readVersion, requireIdParam, submitListForm } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.fund ? `Indstillinger for ${data.fund.name}` : "Opret dispositionsfond"} · Samarbejdsaftaler`,
  },
];

const LIST_NOTICE =
  "Rammerne er ændret, men ikke gemt endnu. Gem formularen for at beholde ændringen.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = requireIdParam(params, "organisationId");
  const page = await getFundSettings(await getDb(), user, organisationId);
  return {
    organisation: page.organisation,
    fund: page.fund ? { id: page.fund.id, name: page.fund.name } : null,
    version: page.version,
    values: fundSettingsFormValues(
      page.fund,
      page.frames,
      `Dispositionsfonden i ${page.organisation.name}`,
    ),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = requireIdParam(params, "organisationId");
  const db = await getDb();
  // Before the form is read: others 404, applicants of the organisation 403.
  await getFundSettings(db, user, organisationId);
  const formData = await request.formData();
  // The version the form was loaded at: 0 while the fund does not exist.
  const version = readVersion(formData, { allowUnsaved: true });
  return submitListForm(
    formData,
    FundSettingsSchema,
    async (values) => {
      const { fundId } = await saveFundSettings(db, user, organisationId, version, values);
      return redirectWithFlash(request, fundPath(fundId), "Fondens indstillinger er gemt.");
    },
    { notice: LIST_NOTICE },
  );
}

export default function FundSettingsPage() {
  const { organisation, fund, version, values } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const title = fund ? `Indstillinger for ${fund.name}` : "Opret dispositionsfond";
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { to: "/funds", label: "Dispositionsfonde" },
          ...(fund ? [{ to: fundPath(fund.id), label: fund.name }] : []),
        ]}
      >
        <p className="muted">{organisation.name}</p>
      </PageHeader>
      <ValidatedForm
        schema={FundSettingsSchema}
        defaultValues={values}
        failure={failure}
        hidden={{ version }}
        aria-label={title}
        className="panel"
      >
        <section className="form-section" aria-labelledby="fund-guidelines-title">
          <h2 id="fund-guidelines-title">Fonden og dens retningslinjer</h2>
          <TextField name="name" label="Fondens navn" required />
          <TextArea
            name="guidelines"
            label="Retningslinjer"
            hint={`Vises for ansøgerne på fondens side: hvad fonden støtter, hvordan der prioriteres, og hvilke vilkår der gælder. ${RICH_TEXT_HINT}`}
            rows={12}
          />
        </section>
        <section className="form-section" aria-labelledby="fund-rules-title">
          <h2 id="fund-rules-title">Regler for ansøgninger</h2>
          <p className="muted">
            Reglerne bruges til ansøgningernes tjekliste og vises for ansøgerne som en kort
            oversigt.
          </p>
          <div className="grid-2">
            <TextField
              name="maxYears"
              label="Støtte i højst (antal år)"
              hint="Den længste periode, en ansøgning kan dække, fx 4."
              inputMode="numeric"
            />
            <TextField
              name="minOwnSharePercent"
              label="Mindste egenfinansiering (%)"
              hint="Afdelingens eget bidrag som andel af det samlede budget. Tomt betyder intet krav."
              inputMode="numeric"
            />
            <TextField
              name="maxAmountPerTenancy"
              label="Højeste beløb pr. lejemål pr. år (kr.)"
              hint="Det største beløb, fonden giver pr. lejemål i et år. Tomt betyder intet maksimum."
              inputMode="numeric"
            />
            <TextField
              name="reportDueMonthDay"
              label="Frist for årlig afrapportering (dag og måned)"
              hint="Afrapporteringen for et bevillingsår skal være indsendt senest denne dag året efter, skrevet som dag-måned. Standard er 31-03 (31. marts)."
            />
            <TextField
              name="reminderOffsetDays"
              label={REMINDER_OFFSETS_LABEL}
              hint={`${REMINDER_OFFSETS_HINT} Ansøgerne får påmindelserne om afrapporteringen.`}
            />
          </div>
          <fieldset className="field checkbox-group">
            <legend>Prioritering</legend>
            <Checkbox
              name="prioritiseLbfCofinancing"
              label="Medfinansiering af boligsociale helhedsplaner prioriteres"
            />
            <Checkbox name="prioritiseAcute" label="Akutte behov prioriteres" />
          </fieldset>
        </section>
        <section className="form-section" aria-labelledby="fund-frames-title">
          <h2 id="fund-frames-title">Rammer pr. år</h2>
          <p className="muted">
            Hvor meget fonden højst kan bevilge i hvert år. Bevillinger ud over rammen giver en
            advarsel, men kan godt registreres.
          </p>
          <FieldMessage name="frames" serverError={failure?.errors.frames} />
          <ListField
            name="frames"
            itemLabel={(i) => `Ramme ${i + 1}`}
            addLabel="Tilføj år"
            emptyText="Ingen rammer endnu."
            emptyItem={{ year: "", amount: "" }}
            ordered={false}
            renderItem={(_, prefix) => (
              <div className="row-fields amount-fields">
                <TextField name={`${prefix}.year`} label="År" inputMode="numeric" />
                <TextField name={`${prefix}.amount`} label="Ramme (kr.)" inputMode="numeric" />
              </div>
            )}
          />
        </section>
        <div className="form-actions">
          <SubmitButton>{fund ? "Gem indstillinger" : "Opret fonden"}</SubmitButton>
          <Link to={fund ? fundPath(fund.id) : "/funds"}>Annuller</Link>
        </div>
      </ValidatedForm>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
