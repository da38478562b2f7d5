/**
 * "Bilag": the plan's attachments (communication strategy, beredskabsplan, the board's terms of
 * reference …) in package order. Every member lists and downloads them; the secretariat and
 * administrators upload (PDF or .docx, checked from the content), rename, reorder and delete
 * them. Each row's buttons are small forms of their own, so the page works without JavaScript;
 * deleting asks for confirmation in the row first.
 */
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { AttachmentFileError } from "~/attachments/check-file.server";
import {
  readAttachmentUpload,
  TOO_LARGE_TO_MEASURE_MESSAGE,
} from "~/attachments/read-upload.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_KINDS,
  ATTACHMENT_NO_FILE_MESSAGE,
  AttachmentEditSchema,
  attachmentKindLabels,
  attachmentTooLargeMessage,
  AttachmentUploadSchema,
  formatFileSize,
  MAX_ATTACHMENT_BYTES,
  PDF_MEDIA_TYPE,
} from "~/domain/attachments";
import { formDataToValues, issuesToFieldErrors, type FormFailure } from "~/domain/form";
import { formatDateTime } from "~/domain/format";
import { canEditPlan } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requiredId, z } from "~/domain/zod";
import { badRequest, notFound } from "~/http.server";
import { requirePlanRole } from "~/models/access.server";
import {
  ATTACHMENT_EDITORS,
  deletePlanAttachment,
  listPlanAttachments,
  movePlanAttachment,
  updatePlanAttachment,
  uploadPlanAttachment,
} from "~/models/attachments.server";
import { getPlanPage } from "~/models/plans.server";
import { formErrorResponse, requireIdParam } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

export const meta: MetaFunction = () => [{ title: "Bilag · Samarbejdsaftaler" }];

const DIRECTIONS = ["up", "down"] as const;

/** What a row's buttons (and the edit form) post; the upload is multipart and read apart. */
const RowIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("edit"), attachmentId: requiredId("Ukendt bilag") }),
  z.object({
    intent: z.literal("move"),
    attachmentId: requiredId("Ukendt bilag"),
    direction: z.enum(DIRECTIONS),
  }),
  z.object({ intent: z.literal("delete"), attachmentId: requiredId("Ukendt bilag") }),
]);

const DONE_MESSAGES = {
  uploaded: "Bilaget er gemt.",
  updated: "Bilaget er ændret.",
  moved: "Rækkefølgen er ændret.",
  deleted: "Bilaget er slettet.",
} as const;
type Done = keyof typeof DONE_MESSAGES;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  const page = await getPlanPage(db, user, planId);
  if (!page) throw notFound();
  const attachments = await listPlanAttachments(db, user, planId);
  return {
    plan: { id: page.plan.id, name: page.plan.name },
    canEdit: canEditPlan(page.role),
    attachments,
  };
}

/** Back to the list, at the row that changed, with the message saying what happened. */
function backToList(request: Request, planId: number, done: Done, attachmentId?: number) {
  const anchor = attachmentId ? `#attachment-${attachmentId}` : "";
  return redirectWithFlash(request, `/plans/${planId}/attachments${anchor}`, DONE_MESSAGES[done]);
}

/** The upload form's reply: the message beside its field, the title and kind kept. */
function uploadFailure(status: number, errors: Record<string, string>, fields: object) {
  const body: FormFailure = { ok: false, errors, values: { ...fields, intent: "upload" } };
  return data(body, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const db = await getDb();
  // Before the body is read: nobody else gets to make the server hold their files.
  await requirePlanRole(db, user, planId, ATTACHMENT_EDITORS);

  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data")) return upload(db, user, request, planId);

  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return badRequest({}, {}, "Handlingen kunne ikke udføres. Opdater siden, og prøv igen.");
  }
  const values = formDataToValues(formData);
  const parsed = RowIntentSchema.safeParse(values);
  if (!parsed.success) {
    return badRequest({}, {}, "Handlingen kunne ikke udføres. Opdater siden, og prøv igen.");
  }
  const intent = parsed.data;
  const { attachmentId } = intent;
  try {
    if (intent.intent === "edit") {
      const edit = AttachmentEditSchema.safeParse(values);
      if (!edit.success) return badRequest(values, issuesToFieldErrors(edit.error.issues));
      await updatePlanAttachment(db, user, planId, attachmentId, edit.data);
      return backToList(request, planId, "updated", attachmentId);
    }
    if (intent.intent === "move") {
      await movePlanAttachment(db, user, planId, attachmentId, intent.direction);
      return backToList(request, planId, "moved", attachmentId);
    }
    await deletePlanAttachment(db, user, planId, attachmentId);
    return backToList(request, planId, "deleted");
  } catch (error) {
    return formErrorResponse(error, values);
  }
}

/** The upload form (multipart): the file is checked from its content; a refusal keeps title and kind. */
async function upload(
  db: Awaited<ReturnType<typeof getDb>>,
  user: SessionUser,
  request: Request,
  planId: number,
) {
  const read = await readAttachmentUpload(request);
  if (!read.ok) {
    const message = read.status === 413 ? TOO_LARGE_TO_MEASURE_MESSAGE : ATTACHMENT_NO_FILE_MESSAGE;
    return uploadFailure(read.status, { file: message }, read.fields);
  }
  const { fields } = read;
  const parsed = AttachmentUploadSchema.safeParse(fields);
  const errors = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
  if (read.oversize !== null) {
    return uploadFailure(
      413,
      { ...errors, file: attachmentTooLargeMessage(read.oversize) },
      fields,
    );
  }
  if (!read.file)
    return uploadFailure(400, { ...errors, file: ATTACHMENT_NO_FILE_MESSAGE }, fields);
  if (!parsed.success) return uploadFailure(400, errors, fields);
  try {
    const { id } = await uploadPlanAttachment(db, user, planId, {
      ...parsed.data,
      fileName: read.file.name,
      bytes: read.file.bytes,
    });
    return backToList(request, planId, "uploaded", id);
  } catch (error) {
    if (error instanceof AttachmentFileError) {
      return uploadFailure(error.status, { file: error.message }, fields);
    }
    return formErrorResponse(error, { ...fields, intent: "upload" });
  }
}

const kindOptions = ATTACHMENT_KINDS.map((kind) => ({
  value: kind,
  label: attachmentKindLabels[kind],
}));

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {message}
    </p>
  );
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function UploadForm({ failure }: { failure?: FormFailure }) {
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const errors = failure?.values.intent === "upload" ? failure.errors : {};
  const values = failure?.values.intent === "upload" ? failure.values : {};
  // With JavaScript a file over the limit is caught before 20+ MB travel to the server (which
  // says the same without it).
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const fileError = tooLarge ?? errors.file;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="panel no-print"
      aria-labelledby="upload-title"
      // A new key after each successful upload empties the form.
      key={failure ? "failed" : "fresh"}
      onSubmit={(event) => {
        if (!tooLarge) return;
        event.preventDefault();
        fileRef.current?.focus();
      }}
    >
      <h2 id="upload-title">Upload et bilag</h2>
      {/* Title and kind come before the file, so they arrive first and are kept even when the
          file turns out too large to read. */}
      <div className="field">
        <label htmlFor="attachment-kind">Slags bilag</label>
        <select
          id="attachment-kind"
          name="kind"
          required
          defaultValue={text(values.kind)}
          aria-invalid={errors.kind ? true : undefined}
          aria-describedby={errors.kind ? "attachment-kind-error" : undefined}
        >
          <option value="">Vælg …</option>
          {kindOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldError id="attachment-kind-error" message={errors.kind} />
      </div>
      <div className="field">
        <label htmlFor="attachment-title">Titel</label>
        <input
          id="attachment-title"
          name="title"
          type="text"
          required
          maxLength={200}
          defaultValue={text(values.title)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? "attachment-title-error" : undefined}
        />
        <FieldError id="attachment-title-error" message={errors.title} />
      </div>
      <div className="field">
        <label htmlFor="attachment-file">Fil (PDF eller Word)</label>
        <p className="field-hint" id="attachment-file-hint">
          En PDF-fil eller et Word-dokument (.docx) på højst 20 MB.
        </p>
        <input
          id="attachment-file"
          ref={fileRef}
          type="file"
          name="file"
          required
          accept={ATTACHMENT_ACCEPT}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={
            fileError ? "attachment-file-hint attachment-file-error" : "attachment-file-hint"
          }
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            setTooLarge(
              file && file.size > MAX_ATTACHMENT_BYTES
                ? attachmentTooLargeMessage(file.size)
                : null,
            );
          }}
        />
        {fileError ? (
          <p className="field-error" id="attachment-file-error" role="alert">
            {fileError}
          </p>
        ) : null}
      </div>
      {failure?.values.intent === "upload" && failure.formError ? (
        <div className="alert alert-error" role="alert">
          {failure.formError}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {busy ? "Uploader …" : "Upload bilag"}
        </button>
      </div>
    </Form>
  );
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["attachments"][number];

function EditForm({ item, failure }: { item: Item; failure?: FormFailure }) {
  const mine =
    failure?.values.intent === "edit" && String(failure.values.attachmentId) === String(item.id);
  const errors = mine ? failure.errors : {};
  const values = mine ? failure.values : { kind: item.kind, title: item.title };
  const id = (name: string) => `attachment-${item.id}-${name}`;
  return (
    <details open={mine || undefined}>
      <summary>
        Ret<span className="sr-only"> bilaget «{item.title}»</span>
      </summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="attachmentId" value={item.id} />
        <input type="hidden" name="version" value={item.version} />
        <div className="field">
          <label htmlFor={id("kind")}>Slags bilag</label>
          <select
            id={id("kind")}
            name="kind"
            defaultValue={text(values.kind)}
            aria-invalid={errors.kind ? true : undefined}
            aria-describedby={errors.kind ? id("kind-error") : undefined}
          >
            {kindOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <FieldError id={id("kind-error")} message={errors.kind} />
        </div>
        <div className="field">
          <label htmlFor={id("title")}>Titel</label>
          <input
            id={id("title")}
            name="title"
            type="text"
            maxLength={200}
            defaultValue={text(values.title)}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? id("title-error") : undefined}
          />
          <FieldError id={id("title-error")} message={errors.title} />
        </div>
        {mine && failure.formError ? (
          <div className="alert alert-error" role="alert">
            {failure.formError}
          </div>
        ) : null}
        <button type="submit" className="button button-primary button-small">
          Gem
        </button>
      </Form>
    </details>
  );
}

function RowActions({
  item,
  index,
  count,
  failure,
}: {
  item: Item;
  index: number;
  count: number;
  failure?: FormFailure;
}) {
  const nameId = `attachment-${item.id}-name`;
  return (
    <div className="row-actions">
      <EditForm item={item} failure={failure} />
      {DIRECTIONS.map((direction) => (
        <Form key={direction} method="post" className="inline-form">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="attachmentId" value={item.id} />
          <input type="hidden" name="direction" value={direction} />
          <button
            type="submit"
            className="button button-secondary button-small"
            disabled={direction === "up" ? index === 0 : index === count - 1}
            aria-describedby={nameId}
          >
            {direction === "up" ? "Flyt op" : "Flyt ned"}
          </button>
        </Form>
      ))}
      <details>
        <summary>
          Slet<span className="sr-only"> bilaget «{item.title}»</span>
        </summary>
        <Form method="post" className="stack">
          <p>
            Vil du slette «{item.title}» ({item.fileName})? Filen kan ikke hentes bagefter.
          </p>
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="attachmentId" value={item.id} />
          <button type="submit" className="button button-danger button-small">
            Ja, slet bilaget
          </button>
        </Form>
      </details>
    </div>
  );
}

export default function AttachmentsPage() {
  const { plan, canEdit, attachments } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const rowError =
    failure && failure.values.intent !== "upload" && failure.values.intent !== "edit"
      ? failure.formError
      : undefined;
  return (
    <>
      <PageHeader
        title="Bilag"
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: `/plans/${plan.id}`, label: plan.name },
        ]}
      >
        <p className="muted">
          Bilag er de dele af helhedsplanens pakke, der forbliver filer: fx
          kommunikationsstrategien, beredskabsplanen og bestyrelsens kommissorium. De gemmes i
          databasen sammen med planen (og dermed i sikkerhedskopien), og alle planens medlemmer kan
          hente dem. Rækkefølgen her er rækkefølgen i pakken.
        </p>
      </PageHeader>

      {rowError ? (
        <div className="alert alert-error" role="alert">
          {rowError}
        </div>
      ) : null}

      <section className="panel" aria-labelledby="attachments-title">
        <h2 id="attachments-title">Planens bilag</h2>
        {attachments.length ? (
          <ScrollTable>
            <table className="data">
              <TableCaption className="sr-only">Planens bilag i pakkens rækkefølge</TableCaption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Nr.
                  </th>
                  <th scope="col">Bilag</th>
                  <th scope="col">Fil</th>
                  <th scope="col" className="num">
                    Størrelse
                  </th>
                  <th scope="col">Uploadet</th>
                  {canEdit ? <th scope="col">Handlinger</th> : null}
                </tr>
              </thead>
              <tbody>
                {attachments.map((item, index) => (
                  <tr key={item.id} id={`attachment-${item.id}`}>
                    <td className="num">{index + 1}</td>
                    <th scope="row">
                      <span id={`attachment-${item.id}-name`}>{item.title}</span>
                      <div className="muted small">{item.kindLabel}</div>
                    </th>
                    <td>
                      <a
                        href={`/plans/${plan.id}/attachments/${item.id}/file`}
                        download={item.fileName}
                      >
                        {item.fileName}
                      </a>
                      <div className="muted small">
                        {item.mediaType === PDF_MEDIA_TYPE ? "PDF" : "Word-dokument"}
                      </div>
                    </td>
                    <td className="num">{formatFileSize(item.fileSize)}</td>
                    <td>
                      {formatDateTime(item.uploadedAt)}
                      <div className="muted small">{item.uploadedByName ?? "Ukendt bruger"}</div>
                    </td>
                    {canEdit ? (
                      <td>
                        <RowActions
                          item={item}
                          index={index}
                          count={attachments.length}
                          failure={failure}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p className="empty">Planen har ingen bilag endnu.</p>
        )}
      </section>

      {canEdit ? <UploadForm failure={failure} /> : null}

      <p>
        <Link to={`/plans/${plan.id}`}>Tilbage til planen</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
