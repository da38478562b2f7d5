/** "Opret bruger": an administrator creates a login with an initial password. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure, Checkbox, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { PASSWORD_HINT, UserCreateSchema } from "~/domain/user";
import { badRequest } from "~/http.server";
import { requireAdmin } from "~/models/access.server";
import { createUser } from "~/models/users.server";
import { UserCreateServerSchema } from "~/password-rule.server";
import { formErrorResponse } from "~/route-helpers.server";

export const meta: MetaFunction = () => [{ title: "Opret bruger · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireAdmin(user);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request);
  requireAdmin(admin);
  // The server's schema adds the password rule (strength, not the user's name or e-mail).
  const parsed = parseFormData(UserCreateServerSchema, await request.formData());
  // The password is never sent back to the browser.
  const values = { ...parsed.values, password: "" };
  if (!parsed.ok) return badRequest(values, parsed.errors);
  try {
    const created = await createUser(await getDb(), admin, parsed.data);
    return redirectWithFlash(request, `/admin/users/${created.id}`, "Brugeren er oprettet.");
  } catch (error) {
    return formErrorResponse(error, values);
  }
}

export default function NewUser() {
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader title="Opret bruger" crumbs={[{ to: "/admin/users", label: "Brugere" }]} />
      <ValidatedForm
        schema={UserCreateSchema}
        defaultValues={{ name: "", email: "", password: "", isAdmin: false }}
        failure={failure}
        aria-label="Ny bruger"
        className="panel"
      >
        <TextField name="name" label="Navn" autoComplete="off" required />
        <TextField name="email" label="E-mail" type="email" autoComplete="off" required />
        <TextField
          name="password"
          label="Første adgangskode"
          type="password"
          autoComplete="new-password"
          hint={`${PASSWORD_HINT} Giv brugeren adgangskoden ad en sikker vej.`}
          required
        />
        <Checkbox
          name="isAdmin"
          label="Administrator"
          hint="Administratorer ser og ændrer alle helhedsplaner og administrerer brugere."
        />
        <p className="muted">
          Roller i helhedsplaner og dispositionsfonde giver du på brugerens side, når brugeren er
          oprettet.
        </p>
        <div className="form-actions">
          <SubmitButton>Opret bruger</SubmitButton>
          <Link to="/admin/users">Annuller</Link>
        </div>
      </ValidatedForm>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
