import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { createUserSession, getOptionalUser, safeRedirect } from "~/auth.server";
import { asFormFailure, SubmitButton, TextField, ValidatedForm } from "~/components/form";
import { getDb } from "~/db.server";
import { parseFormData, type FormFailure } from "~/domain/form";
import { LoginSchema } from "~/domain/user";
import { badRequest } from "~/http.server";
import {
  clearAccountFailures,
  clientAddress,
  countLoginFailure,
  getLoginBlock,
  loginBlockedMessage,
} from "~/login-throttle.server";
import { recordFailedLogin, verifyLogin } from "~/models/users.server";

export const meta: MetaFunction = () => [{ title: "Log ind · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect("/");
  // Only a safe target reaches the form (and so the page); anything else is dropped.
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseFormData(LoginSchema, await request.formData());
  // The form keeps the e-mail, never the password, and only a safe target to go to afterwards.
  const values = {
    ...parsed.values,
    password: "",
    redirectTo: safeRedirect(parsed.values.redirectTo, ""),
  };
  if (!parsed.ok) return badRequest(values, parsed.errors);
  const db = await getDb();
  const attempt = { email: parsed.data.email, address: clientAddress(request, context) };

  const blockedForMs = await getLoginBlock(db, attempt);
  if (blockedForMs > 0) {
    return tooManyAttempts(values, loginBlockedMessage(blockedForMs), blockedForMs);
  }

  const user = await verifyLogin(db, parsed.data.email, parsed.data.password);
  if (!user) {
    const nowBlockedForMs = await countLoginFailure(db, attempt);
    await recordFailedLogin(db, { ...attempt, blockedForMs: nowBlockedForMs });
    const wrong = "E-mailadressen eller adgangskoden er forkert.";
    if (nowBlockedForMs > 0) {
      const message = `${wrong} ${loginBlockedMessage(nowBlockedForMs)}`;
      return tooManyAttempts(values, message, nowBlockedForMs);
    }
    return badRequest(values, {}, wrong);
  }
  await clearAccountFailures(db, parsed.data.email);
  return createUserSession(request, user, safeRedirect(parsed.data.redirectTo));
}

/** 429 with the message above the form; the e-mail stays in it. */
function tooManyAttempts(values: Record<string, unknown>, message: string, ms: number) {
  const body: FormFailure = { ok: false, errors: {}, values, formError: message };
  return data(body, { status: 429, headers: { "Retry-After": String(Math.ceil(ms / 1000)) } });
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
