/**
 * «Kommentarlinks»: the secretariat makes a secret link for a working-group member without an
 * account, who can then read the agreement's draft and comment on it (kommentar.$token.tsx). The
 * link is shown once, right after it is made (only its hash is stored); the list shows who has
 * one, when it expires and was last used, and revokes it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { appOrigin } from "~/calendar.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ScrollTable, TableCaption } from "~/components/scroll-table";
import { getDb } from "~/db.server";
import {
  COMMENT_LINK_DEFAULT_DAYS,
  COMMENT_LINK_MAX_DAYS,
  CommentLinkSchema,
} from "~/domain/comments";
import { parseFormData, type FieldErrors } from "~/domain/form";
import { formatDate, formatDateTime } from "~/domain/format";
import { requiredId } from "~/domain/zod";
import { requireAgreementRole } from "~/models/access.server";
import { getAgreementView } from "~/models/agreements/read.server";
import {
  createCommentLink,
  listCommentLinks,
  revokeCommentLink,
} from "~/models/comment-links.server";
import { agreementPath } from "~/paths";
import { requireIdParam } from "~/route-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Kommentarlinks${data ? ` · ${data.title}` : ""} · Samarbejdsaftaler` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const db = await getDb();
  // Secretariat only: 404 for another plan's agreement, 403 for other roles.
  const links = await listCommentLinks(db, user, planId, agreementId);
  const { view } = await getAgreementView(db, user, planId, agreementId);
  return { planId, agreementId, title: view.title, planName: view.plan.name, links };
}

const RevokeSchema = requiredId("Linket findes ikke");

type ActionResult =
  | { created: { url: string; name: string; expiresAt: string } }
  | { revoked: boolean }
  | { errors: FieldErrors; values: Record<string, unknown> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  const db = await getDb();
  await requireAgreementRole(db, user, planId, agreementId, ["secretariat"]);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create") {
    const parsed = parseFormData(CommentLinkSchema, formData);
    if (!parsed.ok) {
      return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    }
    const { token, expiresAt } = await createCommentLink(
      db,
      user,
      planId,
      agreementId,
      parsed.data,
    );
    // Shown once, in this reply only: never cached, never stored.
    return data<ActionResult>(
      {
        created: {
          url: `${appOrigin(request)}/kommentar/${token}`,
          name: parsed.data.name,
          expiresAt: expiresAt.toISOString(),
        },
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  if (intent === "revoke") {
    const linkId = RevokeSchema.safeParse(formData.get("linkId"));
    if (!linkId.success) throw new Response("Linket findes ikke", { status: 400 });
    return data<ActionResult>({
      revoked: await revokeCommentLink(db, user, planId, agreementId, linkId.data),
    });
  }
  throw new Response("Ukendt handling", { status: 400 });
}

function Field({
  name,
  label,
  hint,
  type = "text",
  defaultValue,
  error,
  required,
  extra,
}: {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  defaultValue: string;
  error?: string;
  required?: boolean;
  extra?: Record<string, string | number>;
}) {
  const id = `link-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy || undefined}
        {...extra}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export default function CommentLinksPage() {
  const { planId, agreementId, title, planName, links } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && "created" in result ? result.created : null;
  const failed = result && "errors" in result ? result : null;
  const revoked = result && "revoked" in result ? result.revoked : false;
  const busy = useNavigation().state !== "idle";
  const base = agreementPath(planId, agreementId);
  const value = (name: string, fallback = "") => String(failed?.values[name] ?? fallback);

  return (
    <>
      <PageHeader
        title="Kommentarlinks"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${planId}`, label: planName },
          { to: base, label: title },
        ]}
      >
        <p>
          Et kommentarlink giver et medlem af arbejdsgruppen, som ikke er bruger, adgang til at læse
          udkastet til denne delaftale og skrive kommentarer til det – intet andet. Linket er
          personligt og hemmeligt, udløber af sig selv og kan tilbagekaldes.
        </p>
      </PageHeader>

      {created ? (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>Gem linket nu – det vises kun én gang.</strong> Send det til {created.name}.
            Alle, der har linket, kan læse udkastet og kommentere i {created.name}s navn indtil{" "}
            {formatDate(created.expiresAt)}.
          </p>
          <div className="field">
            <label htmlFor="comment-link-url">Kommentarlink til {created.name}</label>
            <input
              id="comment-link-url"
              type="text"
              readOnly
              value={created.url}
              onFocus={(e) => e.currentTarget.select()}
              size={80}
            />
          </div>
        </div>
      ) : revoked ? (
        <p className="alert alert-ok" role="status">
          Linket er tilbagekaldt og virker ikke længere.
        </p>
      ) : null}

      <section className="panel" aria-labelledby="new-link-title">
        <h2 id="new-link-title">Nyt kommentarlink</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            name="name"
            label="Navn"
            hint="Står ved personens kommentarer."
            defaultValue={value("name")}
            error={failed?.errors.name}
            required
            extra={{ maxLength: 200, autoComplete: "off" }}
          />
          <Field
            name="email"
            label="E-mail (valgfri)"
            type="email"
            defaultValue={value("email")}
            error={failed?.errors.email}
            extra={{ autoComplete: "off" }}
          />
          <Field
            name="days"
            label="Gyldigt i antal dage"
            hint={`Højst ${COMMENT_LINK_MAX_DAYS} dage.`}
            type="number"
            defaultValue={value("days", String(COMMENT_LINK_DEFAULT_DAYS))}
            error={failed?.errors.days}
            extra={{ min: 1, max: COMMENT_LINK_MAX_DAYS, inputMode: "numeric" }}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              Lav kommentarlink
            </button>
            <Link to={base}>Tilbage til delaftalen</Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="links-title">
        <h2 id="links-title">Links til denne delaftale</h2>
        {links.length === 0 ? (
          <p className="muted">Der er ikke lavet kommentarlinks endnu.</p>
        ) : (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">Kommentarlinks til {title}</TableCaption>
              <thead>
                <tr>
                  <th scope="col">Navn</th>
                  <th scope="col">Lavet</th>
                  <th scope="col">Udløber</th>
                  <th scope="col">Senest brugt</th>
                  <th scope="col">
                    <span className="sr-only">Handling</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {links.map((l) => (
                  <tr key={l.id}>
                    <td>
                      {l.name}
                      {l.email ? <div className="small muted">{l.email}</div> : null}
                    </td>
                    <td>
                      {formatDateTime(l.createdAt)}
                      {l.createdBy ? <div className="small muted">af {l.createdBy}</div> : null}
                    </td>
                    <td>
                      {l.revokedAt ? (
                        <span className="badge">Tilbagekaldt {formatDate(l.revokedAt)}</span>
                      ) : l.active ? (
                        formatDate(l.expiresAt)
                      ) : (
                        <span className="badge">Udløbet {formatDate(l.expiresAt)}</span>
                      )}
                    </td>
                    <td>{l.lastUsedAt ? formatDateTime(l.lastUsedAt) : "Ikke brugt"}</td>
                    <td>
                      {l.active ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="linkId" value={l.id} />
                          <button
                            type="submit"
                            className="button button-danger button-small"
                            disabled={busy}
                            aria-label={`Tilbagekald linket til ${l.name}`}
                          >
                            Tilbagekald
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
