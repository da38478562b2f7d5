/**
 * Create a delaftale for one of the plan's focus areas (its funding round's), with the opening
 * clause prefilled from the plan's template edition ("Brug skabelonens standardtekst" puts it back).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  ValidatedForm,
} from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { StandardTextButton } from "~/components/standard-text-button";
import { getDb } from "~/db.server";
import { AgreementCreateSchema } from "~/domain/agreement";
import { formatPeriod } from "~/domain/format";
import { parseFormData } from "~/domain/form";
import { badRequest } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import { createAgreement } from "~/models/agreements/create.server";
import { listFocusAreaOptions } from "~/models/agreements/read.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { OPENING_CLAUSE_DEFAULTS, TEMPLATE_EDITION_LABELS } from "~/domain/texts.da";
import { isStandardTextRequest, standardTextReply } from "~/standard-text.server";
import { redirectWithFlash } from "~/flash.server";

export const meta: MetaFunction = () => [{ title: "Ny delaftale · Samarbejdsaftaler" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  const { plan, focusAreas } = await listFocusAreaOptions(db, user, planId);
  return {
    planId,
    planName: plan.name,
    plan,
    focusAreas,
    edition: {
      label: TEMPLATE_EDITION_LABELS[plan.templateEdition],
      openingText: OPENING_CLAUSE_DEFAULTS[plan.templateEdition],
    },
    defaults: {
      focusAreaId: "",
      openingText: OPENING_CLAUSE_DEFAULTS[plan.templateEdition],
      validFrom: plan.periodStart,
      validTo: plan.periodEnd,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, ["secretariat"]);
  const formData = await request.formData();
  if (isStandardTextRequest(formData)) {
    const { plan } = await listFocusAreaOptions(db, user, planId);
    return standardTextReply(formData, {
      openingText: OPENING_CLAUSE_DEFAULTS[plan.templateEdition],
    });
  }
  const parsed = parseFormData(AgreementCreateSchema, formData);
  if (!parsed.ok) return badRequest(parsed.values, parsed.errors);
  try {
    const agreement = await createAgreement(db, user, planId, parsed.data);
    return redirectWithFlash(
      request,
      `/plans/${planId}/agreements/${agreement.id}`,
      "Delaftalen er oprettet. Udfyld afsnittene herunder.",
    );
  } catch (error) {
    return formErrorResponse(error, parsed.values);
  }
}

export default function NewAgreement() {
  const { planId, planName, plan, focusAreas, edition, defaults } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const available = focusAreas.filter((f) => !f.taken);
  return (
    <>
      <PageHeader
        title="Ny delaftale"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${planId}`, label: planName },
        ]}
      >
        <p className="muted">
          Planens periode: {formatPeriod(plan.periodStart, plan.periodEnd)}. Delaftalens gyldighed
          skal ligge inden for den.
        </p>
      </PageHeader>
      {available.length === 0 ? (
        <p className="empty">
          Planen har allerede en delaftale for hvert af puljens indsatsområder.
        </p>
      ) : (
        <ValidatedForm
          schema={AgreementCreateSchema}
          defaultValues={defaults}
          failure={failure}
          aria-label="Ny delaftale"
          className="panel"
        >
          <SelectField
            name="focusAreaId"
            label="Indsatsområde"
            required
            hint="Der kan kun være én delaftale pr. indsatsområde i en plan."
            options={available.map((f) => ({ value: f.id, label: f.name }))}
          />
          <TextArea
            name="openingText"
            label="Indledende tekst"
            rows={3}
            required
            hint={`Udfyldt med standardteksten fra planens skabelon («${edition.label}»). Ret den, så den svarer til jeres egen delaftale.`}
          />
          <StandardTextButton
            name="openingText"
            text={edition.openingText}
            label="Brug skabelonens standardtekst"
          />
          <div className="grid-2">
            <TextField name="validFrom" label="Gælder fra" type="date" required />
            <TextField name="validTo" label="Gælder til" type="date" required />
          </div>
          <div className="form-actions">
            <SubmitButton>Opret delaftale</SubmitButton>
            <Link to={`/plans/${planId}`}>Annuller</Link>
          </div>
        </ValidatedForm>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
