/**
 * One user, for administrators: their details, their roles in helhedsplaner and in dispositionsfonde.
 * Several small forms post to the one action, each with a hidden `intent`; a failed submit is
 * answered with that intent, so only the form that was sent shows the errors and keeps its input.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { commitUserSession, requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  asFormFailure,
  Checkbox,
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
} from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { parseFormData, type FormFailure } from "~/domain/form";
import { formatDateTime } from "~/domain/format";
import {
  ORGANISATION_ROLES,
  organisationRoleLabels,
  PLAN_ROLES,
  planRoleLabels,
} from "~/domain/roles";
import {
  OrganisationMembershipSchema,
  PASSWORD_HINT,
  PlanMembershipSchema,
  UserUpdateSchema,
} from "~/domain/user";
import { requiredId, z } from "~/domain/zod";
import { badRequest, notFound } from "~/http.server";
import { requireAdmin } from "~/models/access.server";
import { FieldValidationError } from "~/models/errors.server";
import {
  addOrganisationMembership,
  getMembershipOptions,
  getUserForAdmin,
  removeOrganisationMembership,
  removePlanMembership,
  setPlanMembership,
  updateUser,
} from "~/models/users.server";
import { UserUpdateServerSchema } from "~/password-rule.server";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

/** The intents of the forms that have fields (and so can fail with messages). */
type FormIntent = "update" | "set-plan-membership" | "add-organisation-membership";

// Both membership forms have a "role" field; nesting each form's fields under its own name keeps
// the field ids (and so the labels) unique on the page.
const SetPlanMembershipFormSchema = z.object({ planMembership: PlanMembershipSchema });
const AddOrganisationMembershipFormSchema = z.object({
  organisationMembership: OrganisationMembershipSchema,
});
const RemovePlanMembershipSchema = z.object({ planId: requiredId("Vælg en plan") });
const RemoveOrganisationMembershipSchema = z.object({
  membershipId: requiredId("Vælg en rolle"),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.name ?? "Bruger"} · Brugere · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request);
  requireAdmin(admin);
  const userId = requireIdParam(params, "userId");
  const db = await getDb();
  const [user, options] = await Promise.all([
    getUserForAdmin(db, admin, userId),
    getMembershipOptions(db),
  ]);
  if (!user) throw notFound("Brugeren findes ikke");
  return { user, options, isSelf: user.id === admin.id };
}

/** A failure reply that names the form it belongs to. */
function forIntent(intent: FormIntent, reply: { data: FormFailure; init: ResponseInit | null }) {
  return data({ ...reply.data, intent }, reply.init ?? undefined);
}

/** The model names fields as its schema does; a nested form's fields carry the form's prefix. */
function withPrefix(error: unknown, prefix: string | undefined): unknown {
  if (!prefix || !(error instanceof FieldValidationError)) return error;
  return new FieldValidationError(
    Object.fromEntries(Object.entries(error.errors).map(([k, v]) => [`${prefix}.${k}`, v])),
  );
}

/**
 * Parses one form and saves it, then redirects back to this page with a message (`done`,
 * Post/Redirect/Get). A failure keeps the input, except passwords, which are never sent back to
 * the browser.
 */
async function saveForm<S extends z.ZodType>(
  form: { intent: FormIntent; schema: S; prefix?: string },
  formData: FormData,
  save: (input: z.output<S>) => Promise<unknown>,
  done: () => Promise<Response>,
) {
  const parsed = parseFormData(form.schema, formData);
  const values = "password" in parsed.values ? { ...parsed.values, password: "" } : parsed.values;
  if (!parsed.ok) return forIntent(form.intent, badRequest(values, parsed.errors));
  try {
    await save(parsed.data);
  } catch (error) {
    return forIntent(form.intent, formErrorResponse(withPrefix(error, form.prefix), values));
  }
  return done();
}

/** The request as it would be sent with `setCookie` (the session just renewed) as its cookie. */
function withCookie(request: Request, setCookie: string): Request {
  return new Request(request.url, { headers: { Cookie: setCookie.split(";")[0]! } });
}

/** The id a "Fjern" button posts; only a tampered form gets this wrong. */
function readRemoveForm<S extends z.ZodType>(schema: S, formData: FormData): z.output<S> {
  const parsed = parseFormData(schema, formData);
  if (!parsed.ok)
    throw new Response("Formularen mangler den rolle, der skal fjernes", { status: 400 });
  return parsed.data;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request);
  requireAdmin(admin);
  const userId = requireIdParam(params, "userId");
  const db = await getDb();
  if (!(await getUserForAdmin(db, admin, userId))) throw notFound("Brugeren findes ikke");
  const formData = await request.formData();
  const here = `/admin/users/${userId}`;
  const intent = formData.get("intent");
  switch (intent) {
    case "update": {
      const version = readVersion(formData);
      // A new password ends the user's sessions; when it is your own, this one goes on.
      let ownCookie: string | undefined;
      return saveForm(
        { intent, schema: UserUpdateServerSchema },
        formData,
        async (input) => {
          const updated = await updateUser(db, admin, userId, version, input);
          if (updated.id === admin.id) ownCookie = await commitUserSession(request, updated);
        },
        // The renewed session and the message go in one cookie (a second one would replace it).
        () =>
          redirectWithFlash(
            ownCookie ? withCookie(request, ownCookie) : request,
            here,
            "Brugerens oplysninger er gemt.",
          ),
      );
    }
    case "set-plan-membership":
      return saveForm(
        { intent, schema: SetPlanMembershipFormSchema, prefix: "planMembership" },
        formData,
        (input) => setPlanMembership(db, admin, userId, input.planMembership),
        () => redirectWithFlash(request, `${here}#plans-title`, "Rollen i helhedsplanen er gemt."),
      );
    case "add-organisation-membership":
      return saveForm(
        { intent, schema: AddOrganisationMembershipFormSchema, prefix: "organisationMembership" },
        formData,
        (input) => addOrganisationMembership(db, admin, userId, input.organisationMembership),
        () => redirectWithFlash(request, `${here}#funds-title`, "Tilknytningen er tilføjet."),
      );
    case "remove-plan-membership": {
      const { planId } = readRemoveForm(RemovePlanMembershipSchema, formData);
      await removePlanMembership(db, admin, userId, planId);
      return redirectWithFlash(
        request,
        `${here}#plans-title`,
        "Brugeren er fjernet fra helhedsplanen.",
      );
    }
    case "remove-organisation-membership": {
      const { membershipId } = readRemoveForm(RemoveOrganisationMembershipSchema, formData);
      await removeOrganisationMembership(db, admin, userId, membershipId);
      return redirectWithFlash(request, `${here}#funds-title`, "Tilknytningen er fjernet.");
    }
    default:
      throw new Response("Formularen har en ukendt handling", { status: 400 });
  }
}

/** The action's failure, if it belongs to the form with this intent. */
function useFailure(intent: FormIntent): FormFailure | undefined {
  const actionData = useActionData<typeof action>();
  return actionData?.intent === intent ? asFormFailure(actionData) : undefined;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "da");

export default function UserPage() {
  const { user, options, isSelf } = useLoaderData<typeof loader>();
  const updateFailure = useFailure("update");
  const planFailure = useFailure("set-plan-membership");
  const organisationFailure = useFailure("add-organisation-membership");

  const planMemberships = user.planMemberships
    .map((m) => ({ ...m.plan, role: m.role }))
    .sort(byName);
  const organisationMemberships = [...user.organisationMemberships].sort(
    (a, b) =>
      byName(a.organisation, b.organisation) ||
      a.role.localeCompare(b.role) ||
      (a.estate?.name ?? "").localeCompare(b.estate?.name ?? "", "da"),
  );
  const organisationName = new Map(options.housingOrganisations.map((o) => [o.id, o.name]));

  return (
    <>
      <PageHeader title={user.name} crumbs={[{ to: "/admin/users", label: "Brugere" }]}>
        <p>
          {user.isAdmin ? (
            <>
              <span className="badge">Administrator</span>{" "}
            </>
          ) : null}
          {user.active ? (
            <span className="badge badge-ok">Aktiv</span>
          ) : (
            <span className="badge badge-warn">Deaktiveret</span>
          )}{" "}
          <span className="muted">
            Seneste login: {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Aldrig"}
          </span>
        </p>
      </PageHeader>

      <section className="panel" aria-labelledby="details-title">
        <h2 id="details-title">Oplysninger</h2>
        <ValidatedForm
          // A new version after a save remounts the form with the saved values.
          key={user.version}
          schema={UserUpdateSchema}
          defaultValues={{
            name: user.name,
            email: user.email,
            isAdmin: user.isAdmin,
            active: user.active,
            password: "",
          }}
          failure={updateFailure}
          hidden={{ intent: "update", version: user.version }}
          aria-label="Oplysninger"
        >
          <div className="grid-2">
            <TextField name="name" label="Navn" autoComplete="off" required />
            <TextField name="email" label="E-mail" type="email" autoComplete="off" required />
          </div>
          <Checkbox
            name="isAdmin"
            label="Administrator"
            hint={
              isSelf
                ? "Du kan ikke fjerne din egen administratorrolle."
                : "Administratorer ser og ændrer alle helhedsplaner og administrerer brugere."
            }
          />
          <Checkbox
            name="active"
            label="Aktiv"
            hint={
              isSelf
                ? "Du kan ikke deaktivere dig selv."
                : "En deaktiveret bruger kan ikke logge ind og logges ud alle steder, men bevarer sine roller."
            }
          />
          <TextField
            name="password"
            label="Ny adgangskode"
            type="password"
            autoComplete="new-password"
            hint={`Lad feltet stå tomt for at beholde den nuværende adgangskode. ${PASSWORD_HINT} En ny adgangskode logger brugeren ud alle steder.`}
          />
          <div className="form-actions">
            <SubmitButton>Gem oplysninger</SubmitButton>
          </div>
        </ValidatedForm>
      </section>

      <section className="panel" aria-labelledby="plans-title">
        <h2 id="plans-title">Roller i helhedsplaner</h2>
        {planMemberships.length ? (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">Brugerens roller i helhedsplaner</TableCaption>
              <thead>
                <tr>
                  <th scope="col">Helhedsplan</th>
                  <th scope="col">Rolle</th>
                  <th scope="col">
                    <span className="sr-only">Handlinger</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {planMemberships.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/plans/${m.id}`}>{m.name}</Link>
                    </td>
                    <td>{planRoleLabels[m.role]}</td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove-plan-membership" />
                        <input type="hidden" name="planId" value={m.id} />
                        <button type="submit" className="button button-danger button-small">
                          Fjern<span className="sr-only"> rollen i {m.name}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p className="muted">Brugeren har ingen roller i helhedsplaner.</p>
        )}

        <h3>Giv en rolle i en helhedsplan</h3>
        <ValidatedForm
          // Remount with empty fields once the change shows in the table.
          key={planMemberships.map((m) => `${m.id}:${m.role}`).join(",")}
          schema={SetPlanMembershipFormSchema}
          defaultValues={{ planMembership: { planId: "", role: "" } }}
          failure={planFailure}
          hidden={{ intent: "set-plan-membership" }}
          aria-label="Giv en rolle i en helhedsplan"
        >
          <div className="grid-2">
            <SelectField
              name="planMembership.planId"
              label="Helhedsplan"
              required
              options={options.plans.map((p) => ({ value: p.id, label: p.name }))}
            />
            <SelectField
              name="planMembership.role"
              label="Rolle"
              hint="Har brugeren allerede en rolle i planen, erstattes den."
              required
              options={PLAN_ROLES.map((r) => ({ value: r, label: planRoleLabels[r] }))}
            />
          </div>
          <div className="form-actions">
            <SubmitButton variant="secondary">Giv rolle</SubmitButton>
          </div>
        </ValidatedForm>
      </section>

      <section className="panel" aria-labelledby="funds-title">
        <h2 id="funds-title">Dispositionsfonde</h2>
        {organisationMemberships.length ? (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">Brugerens roller i dispositionsfonde</TableCaption>
              <thead>
                <tr>
                  <th scope="col">Boligorganisation</th>
                  <th scope="col">Rolle</th>
                  <th scope="col">Afdeling</th>
                  <th scope="col">
                    <span className="sr-only">Handlinger</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {organisationMemberships.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/organisations/${m.organisation.id}`}>{m.organisation.name}</Link>
                    </td>
                    <td>{organisationRoleLabels[m.role]}</td>
                    <td>{m.estate ? m.estate.name : <span className="muted">–</span>}</td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove-organisation-membership" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <button type="submit" className="button button-danger button-small">
                          Fjern
                          <span className="sr-only">
                            {" "}
                            rollen som {organisationRoleLabels[m.role].toLowerCase()} i{" "}
                            {m.organisation.name}
                          </span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p className="muted">Brugeren har ingen roller i dispositionsfonde.</p>
        )}

        <h3>Giv en rolle i en dispositionsfond</h3>
        <ValidatedForm
          key={organisationMemberships.map((m) => m.id).join(",")}
          schema={AddOrganisationMembershipFormSchema}
          defaultValues={{ organisationMembership: { organisationId: "", role: "", estateId: "" } }}
          failure={organisationFailure}
          hidden={{ intent: "add-organisation-membership" }}
          aria-label="Giv en rolle i en dispositionsfond"
        >
          <div className="grid-2">
            <SelectField
              name="organisationMembership.organisationId"
              label="Boligorganisation"
              required
              options={options.housingOrganisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <SelectField
              name="organisationMembership.role"
              label="Rolle"
              required
              options={ORGANISATION_ROLES.map((r) => ({
                value: r,
                label: organisationRoleLabels[r],
              }))}
            />
          </div>
          <SelectField
            name="organisationMembership.estateId"
            label="Afdeling"
            hint="Kun for rollen Ansøger (afdeling): den afdeling, brugeren søger for. Afdelingen skal høre til boligorganisationen."
            placeholder="Ingen afdeling"
            options={options.estates.map((e) => ({
              value: e.id,
              label: `${e.name}${e.parentId ? ` (${organisationName.get(e.parentId) ?? ""})` : ""}`,
            }))}
          />
          <div className="form-actions">
            <SubmitButton variant="secondary">Giv rolle</SubmitButton>
          </div>
        </ValidatedForm>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
