/**
 * Import of existing delaftaler from Word: the upload form (one or several .docx files, read in
 * memory up to the size limit) and the plan's imports with their state. Nothing becomes an
 * agreement here: each upload opens a review, and only saving the review creates the draft.
 * Secretariat and administrators only.
 */
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type UploadHandler,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import type { FormFailure } from "~/domain/form";
import { formatDateTime } from "~/domain/format";
import {
  IMPORT_ACCEPT,
  IMPORT_NO_FILE_MESSAGE,
  IMPORT_TOO_LARGE_MESSAGE,
  importStatusLabels,
} from "~/domain/import/review";
import { MAX_IMPORT_FILE_BYTES } from "~/import/docx-file.server";
import { requirePlanRole } from "~/models/access.server";
import { createImports, listImports, MAX_IMPORT_FILES } from "~/models/imports/index.server";
import { getPlanPage } from "~/models/plans.server";
import { notFound } from "~/http.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction = () => [
  { title: "Importér delaftale fra Word · Samarbejdsaftaler" },
];

/** The roles besides administrators that may import (as for editing agreements). */
const IMPORTERS = ["secretariat"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, IMPORTERS);
  const [page, imports] = await Promise.all([
    getPlanPage(db, user, planId),
    listImports(db, user, planId),
  ]);
  if (!page) throw notFound();
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    imports,
    maxFiles: MAX_IMPORT_FILES,
  };
}

function uploadFailure(status: number, message: string) {
  const body: FormFailure = { ok: false, errors: { files: message }, values: {} };
  return data(body, { status });
}

class TooManyFilesError extends Error {}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  // Before the body is read: nobody else gets to make the server hold their files.
  await requirePlanRole(db, user, planId, IMPORTERS);

  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_FILE_BYTES });
  let fileParts = 0;
  const handler: UploadHandler = async (part) => {
    if (part.name !== "files") return undefined;
    if (part.filename !== undefined && ++fileParts > MAX_IMPORT_FILES) {
      throw new TooManyFilesError();
    }
    return memory(part);
  };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return uploadFailure(413, IMPORT_TOO_LARGE_MESSAGE);
    }
    if (error instanceof TooManyFilesError) {
      return uploadFailure(413, `Vælg højst ${MAX_IMPORT_FILES} filer ad gangen.`);
    }
    // Not multipart, or a broken body: the form cannot have sent it.
    return uploadFailure(400, IMPORT_NO_FILE_MESSAGE);
  }
  // A file input with nothing chosen still sends an empty part without a name.
  const files = formData
    .getAll("files")
    .filter((f): f is File => typeof f !== "string" && (f.size > 0 || f.name !== ""));
  if (files.length === 0) return uploadFailure(400, IMPORT_NO_FILE_MESSAGE);

  let created: { id: number; fileName: string }[];
  try {
    created = await createImports(
      db,
      user,
      planId,
      await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        })),
      ),
    );
  } catch (error) {
    return formErrorResponse(error, {});
  }
  if (created.length === 1) return redirect(`/plans/${planId}/imports/${created[0]!.id}`);
  return redirectWithFlash(
    request,
    `/plans/${planId}/imports#imports-title`,
    `${created.length} filer er læst. Gennemse hver import nedenfor, før den gemmes som delaftale.`,
  );
}

function UploadForm({ failure, maxFiles }: { failure?: FormFailure; maxFiles: number }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const error = failure?.errors.files ?? failure?.formError;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="panel no-print"
      aria-label="Upload Word-filer"
    >
      <div className="field">
        <label htmlFor="import-files">Word-filer (.docx)</label>
        <p className="field-hint" id="import-files-hint">
          Du kan vælge flere filer på én gang, højst {maxFiles}.
        </p>
        <input
          id="import-files"
          type="file"
          name="files"
          multiple
          required
          accept={IMPORT_ACCEPT}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "import-files-hint import-files-error" : "import-files-hint"}
        />
        {error ? (
          <p className="field-error" id="import-files-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {busy ? "Læser filerne …" : "Læs filerne"}
        </button>
      </div>
    </Form>
  );
}

export default function ImportsPage() {
  const { plan, imports, maxFiles } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title="Importér delaftale fra Word"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
        ]}
      >
        <div className="muted">
          <p>
            Har I jeres delaftaler som Word-filer, kan de læses ind her. Afsnittene genkendes ud fra
            skabelonens overskrifter: parter, arbejdsgrupper, problemkompleks, formål og mål,
            succeskriterier, aktiviteter, finansiering, klausuler, gyldighed og aktivitetsskemaerne.
          </p>
          <p>
            Intet gemmes som delaftale, før du har gennemset importen: du ser udkastet afsnit for
            afsnit ved siden af teksten fra filen og placerer selv det, der ikke kunne genkendes.
            Kun .docx-filer (ikke .doc eller pdf) på højst 20 MB kan læses. Den oprindelige fil
            gemmes sammen med importen.
          </p>
        </div>
      </PageHeader>

      <UploadForm failure={failure} maxFiles={maxFiles} />

      <section className="panel" aria-labelledby="imports-title">
        <h2 id="imports-title">Planens importer</h2>
        {imports.length ? (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">
                Importerede Word-filer og deres tilstand
              </TableCaption>
              <thead>
                <tr>
                  <th scope="col">Fil</th>
                  <th scope="col">Uploadet af</th>
                  <th scope="col">Uploadet</th>
                  <th scope="col">Tilstand</th>
                  <th scope="col" className="num">
                    Ikke placeret
                  </th>
                </tr>
              </thead>
              <tbody>
                {imports.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <Link to={`/plans/${plan.id}/imports/${item.id}`}>{item.fileName}</Link>
                      {item.focusAreaName ? (
                        <div className="muted small">{item.focusAreaName}</div>
                      ) : null}
                    </td>
                    <td>{item.createdByName ?? <span className="muted">Ukendt</span>}</td>
                    <td>{formatDateTime(item.createdAt)}</td>
                    <td>
                      {importStatusLabels[item.status]}
                      {item.status === "saved" && item.agreementId ? (
                        <>
                          {" · "}
                          <Link to={`/plans/${plan.id}/agreements/${item.agreementId}`}>
                            Se delaftalen
                          </Link>
                        </>
                      ) : null}
                    </td>
                    <td className="num">{item.status === "review" ? item.unplacedCount : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p className="muted">Der er ikke importeret nogen filer endnu.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
