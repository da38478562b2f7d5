import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { createUserSession, getOptionalUser, safeRedirect } from "~/auth.server";
import { asFormFailure, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { parseFormData } from "~/domain/form";
import { LoginSchema } from "~/domain/user";
import { badRequest } from "~/http.server";
import { verifyLogin } from "~/models/users.server";

export const meta: MetaFunction = () => [{ title: "Log ind · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect("/");
  // Only a safe target reaches the form (and so the page); anything else is dropped.
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  return { redirectTo };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseFormData(LoginSchema, await request.formData());
  if (!parsed.ok) return badRequest({ ...parsed.values, password: "" }, parsed.errors);
  const user = await verifyLogin(await getDb(), parsed.data.email, parsed.data.password);
  if (!user) {
    return badRequest(
      { ...parsed.values, password: "" },
      {},
      "E-mailadressen eller adgangskoden er forkert.",
    );
  }
  return createUserSession(request, user, safeRedirect(parsed.data.redirectTo));
}

export default function Login() {
  const failure = asFormFailure(useActionData<typeof action>());
  const { redirectTo } = useLoaderData<typeof loader>();
  return (
    <section className="login panel" aria-labelledby="login-title">
      <h1 id="login-title">Log ind</h1>
      <p className="muted">Samarbejdsaftaler for boligsociale helhedsplaner.</p>
      <ValidatedForm
        schema={LoginSchema}
        defaultValues={{
          email: "",
          password: "",
          redirectTo,
        }}
        failure={failure}
        aria-label="Log ind"
        hidden={{ redirectTo }}
      >
        <TextField name="email" label="E-mail" type="email" autoComplete="username" required />
        <TextField
          name="password"
          label="Adgangskode"
          type="password"
          autoComplete="current-password"
          required
        />
        <div className="form-actions">
          <SubmitButton>Log ind</SubmitButton>
        </div>
      </ValidatedForm>
    </section>
  );
}
