/**
 * The review of one import, before anything is saved: what was read, the focus area, what saving
 * adds to the register, the text that could not be placed («Ikke placeret», each piece moved into
 * a section or discarded explicitly), and the draft section by section beside the Word text it
 * came from. Every action is its own small form posting the import's version, so the page works
 * without JavaScript and a stale page gets the conflict message instead of overwriting.
 */
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { redirectWithFlash } from "~/flash.server";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { asFormFailure } from "~/components/form";
import { ImportSectionPreview } from "~/components/import-preview";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db.server";
import { buildAgreementView } from "~/domain/agreement-view";
import { parseFormData, type FormFailure } from "~/domain/form";
import { formatDateTime, formatInteger, formatPeriod } from "~/domain/format";
import {
  AGREEMENT_IMPORT_SECTIONS,
  ChooseFocusAreaSchema,
  DiscardBlockSchema,
  IMPORT_CONFLICT_MESSAGE,
  IMPORT_INTENTS,
  importSectionLabels,
  importStatusLabels,
  PlaceBlockSchema,
  placedShareText,
  blockPosition,
  targetOptions,
  type ImportIntent,
} from "~/domain/import/review";
import type { ImportSection, TextBlock } from "~/domain/import/types";
import { TEMPLATE_EDITION_LABELS } from "~/domain/texts.da";
import { badRequest, conflict } from "~/http.server";
import { ConflictError } from "~/models/errors.server";
import { requirePlanRole } from "~/models/access.server";
import { requireImportAccess } from "~/models/imports/access.server";
import {
  chooseImportFocusArea,
  discardImport,
  discardImportBlock,
  getImportReview,
  placeImportBlock,
  saveImport,
} from "~/models/imports/index.server";
import { agreementPath } from "~/paths";
import { formErrorResponse, readVersion, requireIdParam } from "~/route-helpers.server";
import importStyles from "~/styles/import.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: importStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Import: ${data?.fileName ?? "Word-fil"} · Samarbejdsaftaler` },
];

const IMPORTERS = ["secretariat"] as const;

/** A block as the page shows it. */
interface BlockItem {
  index: number;
  text: string;
  position: string;
  kind: TextBlock["kind"];
  /** A label or heading of the template (shown, but not content). */
  label: boolean;
}

function blockItem(block: TextBlock, label = false): BlockItem {
  return {
    index: block.index,
    text: block.text,
    position: blockPosition(block),
    kind: block.kind,
    label,
  };
}

/** "problem", or "activity:2" for the third activity. */
function sectionKey(section: ImportSection, activity?: number): string {
  return section === "activity" ? `activity:${activity ?? 0}` : section;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const importId = requireIdParam(params, "importId");
  const db = await getDb();
  await requirePlanRole(db, user, planId, IMPORTERS);
  const review = await getImportReview(db, user, planId, importId);
  const { source, recognition } = review;

  const unplaced: BlockItem[] = [];
  const discarded: (BlockItem & { at: string })[] = [];
  const bySection: Record<string, BlockItem[]> = {};
  source.blocks.forEach((block, i) => {
    const destination = recognition.destinations[i];
    if (!destination) return;
    switch (destination.kind) {
      case "unplaced":
        unplaced.push(blockItem(block));
        break;
      case "discarded":
        discarded.push({ ...blockItem(block), at: destination.at });
        break;
      case "section":
      case "label":
        (bySection[sectionKey(destination.section, destination.activity)] ??= []).push(
          blockItem(block, destination.kind === "label"),
        );
        break;
      case "empty":
        break;
    }
  });

  const activityNames = recognition.draft.activities.map((a) => a.name);
  return {
    id: review.id,
    version: review.version,
    status: review.status,
    fileName: review.fileName,
    fileSize: review.fileSize,
    createdAt: review.createdAt,
    plan: review.plan,
    coverage: review.coverage,
    warnings: source.warnings,
    notes: recognition.notes,
    templateEdition: recognition.templateEdition,
    sectionsFound: [...new Set(recognition.sectionsFound)],
    focusArea: review.focusArea,
    existingAgreement: review.existingAgreement,
    newOrganisations: review.newOrganisations,
    newPeople: review.newPeople,
    unplaced,
    discarded,
    bySection,
    activityNames,
    targets: targetOptions(activityNames),
    validityAdjusted: review.validityAdjusted,
    // The agreement always carries the plan's own name; say so when the file names it otherwise.
    filePlanName:
      recognition.draft.planName && recognition.draft.planName.trim() !== review.plan.name
        ? recognition.draft.planName.trim()
        : null,
    view: buildAgreementView(review.preview, "Importeret udkast"),
  };
}

function readIntent(value: FormDataEntryValue | null): ImportIntent | null {
  return IMPORT_INTENTS.find((intent) => intent === value) ?? null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const importId = requireIdParam(params, "importId");
  const db = await getDb();
  // Before the form is read: another plan's import is a 404 whatever is posted.
  await requireImportAccess(db, user, planId, importId);
  const formData = await request.formData();
  const intent = readIntent(formData.get("intent"));
  if (!intent) throw new Response("Ukendt handling", { status: 400 });
  const version = readVersion(formData);
  const here = `/plans/${planId}/imports/${importId}`;
  const values: Record<string, unknown> = {
    intent,
    block: formData.get("block") ?? undefined,
    target: formData.get("target") ?? undefined,
    focusAreaId: formData.get("focusAreaId") ?? undefined,
  };

  try {
    switch (intent) {
      case "place": {
        const parsed = parseFormData(PlaceBlockSchema, formData);
        if (!parsed.ok) return badRequest(values, parsed.errors);
        await placeImportBlock(db, user, planId, importId, { version, ...parsed.data });
        return redirectWithFlash(request, `${here}#unplaced`, "Teksten er placeret i udkastet.");
      }
      case "discard-block": {
        const parsed = parseFormData(DiscardBlockSchema, formData);
        if (!parsed.ok) return badRequest(values, parsed.errors);
        await discardImportBlock(db, user, planId, importId, { version, ...parsed.data });
        return redirectWithFlash(request, `${here}#unplaced`, "Teksten er kasseret.");
      }
      case "focus-area": {
        const parsed = parseFormData(ChooseFocusAreaSchema, formData);
        if (!parsed.ok) return badRequest(values, parsed.errors);
        await chooseImportFocusArea(db, user, planId, importId, { version, ...parsed.data });
        return redirectWithFlash(request, `${here}#focus-area`, "Indsatsområdet er valgt.");
      }
      case "save": {
        const { agreementId, revision } = await saveImport(db, user, planId, importId, {
          version,
        });
        return redirectWithFlash(
          request,
          agreementPath(planId, agreementId),
          revision
            ? "Importen er gemt som revisionsudkast. Bestyrelsen ser ændringerne, når revisionen indstilles til godkendelse."
            : "Importen er gemt som udkast til delaftale.",
        );
      }
      case "discard-import": {
        await discardImport(db, user, planId, importId, { version });
        return redirectWithFlash(request, `/plans/${planId}/imports`, "Importen er kasseret.");
      }
    }
  } catch (error) {
    // The page revalidates after this reply, so the user sees the newest import and can retry.
    if (error instanceof ConflictError) return conflict(values, IMPORT_CONFLICT_MESSAGE);
    return formErrorResponse(error, values);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Hidden fields every form of the page posts. */
function Hidden({ intent, version }: { intent: ImportIntent; version: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  );
}

/** The failure's messages for one intent (and, for a block's forms, that block). */
function failureFor(failure: FormFailure | undefined, intent: ImportIntent, block?: number) {
  if (!failure || failure.values.intent !== intent) return undefined;
  if (block !== undefined && String(failure.values.block) !== String(block)) return undefined;
  return failure;
}

function BlockText({ item }: { item: BlockItem }) {
  const className = `import-block import-block-${item.kind}${item.label ? " import-label" : ""}`;
  return (
    <p className={className}>
      {item.kind === "listItem" ? "• " : null}
      {item.text}
    </p>
  );
}

function Summary({ data }: { data: LoaderData }) {
  const { coverage } = data;
  const found = data.sectionsFound.filter((s) => s !== "activity");
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">Det blev læst</h2>
      <dl className="facts">
        <dt>Fil</dt>
        <dd>
          {data.fileName} ({formatInteger(Math.ceil(data.fileSize / 1024))} kB) ·{" "}
          <a href={`/plans/${data.plan.id}/imports/${data.id}/file`} download>
            Hent den oprindelige fil
          </a>
        </dd>
        <dt>Uploadet</dt>
        <dd>{formatDateTime(data.createdAt)}</dd>
        <dt>Tilstand</dt>
        <dd>{importStatusLabels[data.status]}</dd>
        <dt>Ord</dt>
        <dd>
          {formatInteger(coverage.words)} ord: {placedShareText(coverage.placedShare)}
          {coverage.unplacedWords > 0
            ? `, ${formatInteger(coverage.unplacedWords)} ord er ikke placeret`
            : ""}
          {coverage.discardedWords > 0
            ? `, ${formatInteger(coverage.discardedWords)} ord er kasseret`
            : ""}
          .
        </dd>
        <dt>Afsnit genkendt</dt>
        <dd>
          {found.length} af {AGREEMENT_IMPORT_SECTIONS.length}
          {found.length ? `: ${found.map((s) => importSectionLabels[s]).join(", ")}` : ""}
          {data.activityNames.length
            ? `; ${data.activityNames.length} ${data.activityNames.length === 1 ? "aktivitetsskema" : "aktivitetsskemaer"}`
            : ""}
        </dd>
        <dt>Skabelonudgave</dt>
        <dd>
          {data.templateEdition ? (
            TEMPLATE_EDITION_LABELS[data.templateEdition]
          ) : (
            <span className="muted">Indledningen svarer ikke til en af skabelonens udgaver</span>
          )}
        </dd>
      </dl>
      {data.notes.length || data.warnings.length ? (
        <>
          <h3>Bemærkninger</h3>
          <ul>
            {[...data.warnings, ...data.notes].map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function FocusAreaPanel({ data, failure }: { data: LoaderData; failure?: FormFailure }) {
  const own = failureFor(failure, "focus-area");
  const saveFailure = failureFor(failure, "save");
  const error = own?.errors.focusAreaId ?? saveFailure?.errors.focusAreaId;
  const chosen = data.focusArea.options.find((o) => o.id === data.focusArea.chosenId);
  const editable = data.status === "review";
  return (
    <section className="panel" aria-labelledby="focus-area-title" id="focus-area">
      <h2 id="focus-area-title">Indsatsområde</h2>
      {editable ? (
        <Form method="post" preventScrollReset aria-label="Vælg indsatsområde">
          <Hidden intent="focus-area" version={data.version} />
          <div className="field">
            <label htmlFor="import-focus-area">Delaftalen gælder indsatsområdet</label>
            <select
              id="import-focus-area"
              name="focusAreaId"
              defaultValue={String(own?.values.focusAreaId ?? data.focusArea.chosenId ?? "")}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "import-focus-area-error" : undefined}
            >
              <option value="">Vælg …</option>
              {data.focusArea.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <FieldError id="import-focus-area-error" message={error} />
          </div>
          <button type="submit" className="button button-secondary button-small">
            Vælg indsatsområde
          </button>
        </Form>
      ) : (
        <p>{chosen?.name ?? <span className="muted">Ikke valgt</span>}</p>
      )}
      {editable && !chosen ? (
        <p className="muted">
          Indsatsområdet kunne ikke afgøres sikkert ud fra filen. Vælg det, før du gemmer.
        </p>
      ) : null}
      {editable && chosen && data.existingAgreement?.state === "awaiting-board" ? (
        <div className="alert alert-warn" role="note">
          Planens delaftale for {chosen.name} afventer bestyrelsens beslutning. Importen kan først
          gemmes som revisionsudkast, når bestyrelsen har besluttet, eller forslaget er trukket
          tilbage.{" "}
          <Link to={agreementPath(data.plan.id, data.existingAgreement.id)}>Se delaftalen</Link>
        </div>
      ) : editable && chosen && data.existingAgreement ? (
        <div className="alert alert-warn" role="note">
          Planen har allerede en delaftale for {chosen.name}: gemmes som revisionsudkast, så
          bestyrelsen ser ændringerne.{" "}
          <Link to={agreementPath(data.plan.id, data.existingAgreement.id)}>
            Se den nuværende delaftale
          </Link>
        </div>
      ) : null}
    </section>
  );
}

function RegisterChanges({ data }: { data: LoaderData }) {
  const { newOrganisations, newPeople } = data;
  return (
    <section className="panel" aria-labelledby="register-title">
      <h2 id="register-title">Ændringer i registret</h2>
      {newOrganisations.length === 0 && newPeople.length === 0 ? (
        <p className="muted">
          Alle organisationer og personer i filen findes allerede i registret. Der oprettes ingen
          nye.
        </p>
      ) : (
        <>
          <p>Når du gemmer, oprettes disse i registret, fordi de ikke findes der i forvejen:</p>
          {newOrganisations.length ? (
            <>
              <h3>Nye organisationer ({newOrganisations.length})</h3>
              <ul>
                {newOrganisations.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            </>
          ) : null}
          {newPeople.length ? (
            <>
              <h3>Nye personer ({newPeople.length})</h3>
              <ul>
                {newPeople.map((p, i) => (
                  <li key={i}>
                    {p.name}
                    {p.title ? `, ${p.title}` : ""}
                    {p.organisation ? <span className="muted"> ({p.organisation})</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

function UnplacedItem({
  item,
  data,
  failure,
}: {
  item: BlockItem;
  data: LoaderData;
  failure?: FormFailure;
}) {
  const place = failureFor(failure, "place", item.index);
  const discard = failureFor(failure, "discard-block", item.index);
  const selectId = `import-target-${item.index}`;
  const errorId = `${selectId}-error`;
  const error = place?.errors.target ?? place?.errors.block ?? discard?.errors.block;
  return (
    <li className="import-unplaced" aria-labelledby={`import-block-${item.index}`}>
      <p className="import-position muted" id={`import-block-${item.index}`}>
        {item.position}
      </p>
      <BlockText item={item} />
      <div className="import-unplaced-actions no-print">
        <Form method="post" preventScrollReset className="inline-form">
          <Hidden intent="place" version={data.version} />
          <input type="hidden" name="block" value={item.index} />
          <label htmlFor={selectId}>Flyt til</label>{" "}
          <select
            id={selectId}
            name="target"
            defaultValue={typeof place?.values.target === "string" ? place.values.target : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          >
            <option value="">Vælg afsnit …</option>
            {data.targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>{" "}
          <button
            type="submit"
            className="button button-secondary button-small"
            aria-label={`Flyt hertil: ${item.position}`}
          >
            Flyt hertil
          </button>
        </Form>
        <Form method="post" preventScrollReset className="inline-form">
          <Hidden intent="discard-block" version={data.version} />
          <input type="hidden" name="block" value={item.index} />
          <button
            type="submit"
            className="button button-danger button-small"
            aria-label={`Kassér: ${item.position}`}
          >
            Kassér
          </button>
        </Form>
      </div>
      <FieldError id={errorId} message={error} />
    </li>
  );
}

function Unplaced({ data, failure }: { data: LoaderData; failure?: FormFailure }) {
  const editable = data.status === "review";
  return (
    <section className="panel" aria-labelledby="ikke-placeret" id="unplaced">
      <h2 id="ikke-placeret">Ikke placeret ({data.unplaced.length})</h2>
      {data.unplaced.length === 0 ? (
        <p className="muted">Al tekst fra filen er placeret i et afsnit eller kasseret.</p>
      ) : (
        <>
          <p className="muted">
            Denne tekst fra filen kunne ikke placeres i et afsnit. Flyt hvert stykke til det afsnit,
            det hører til, eller kassér det. Intet forsvinder uden at du har valgt det.
          </p>
          {editable ? (
            <ol className="import-unplaced-list">
              {data.unplaced.map((item) => (
                <UnplacedItem key={item.index} item={item} data={data} failure={failure} />
              ))}
            </ol>
          ) : (
            <ol className="import-unplaced-list">
              {data.unplaced.map((item) => (
                <li key={item.index} className="import-unplaced">
                  <p className="import-position muted">{item.position}</p>
                  <BlockText item={item} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {data.discarded.length ? (
        <details>
          <summary>Kasseret ({data.discarded.length})</summary>
          <ul>
            {data.discarded.map((item) => (
              <li key={item.index}>
                <span className="muted">
                  {item.position}, kasseret {formatDateTime(item.at)}:
                </span>{" "}
                {item.text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function DraftSection({
  id,
  title,
  sources,
  children,
}: {
  id: string;
  title: string;
  sources: BlockItem[];
  children: ReactNode;
}) {
  return (
    <section className="import-section" aria-labelledby={`${id}-title`} id={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      <div className="import-columns">
        <div className="import-draft">
          <h4 className="import-column-title">I udkastet</h4>
          {children}
        </div>
        <div className="import-source">
          <h4 className="import-column-title">Fra Word-filen</h4>
          {sources.length ? (
            sources.map((item) => (
              <div key={item.index} className="import-source-block">
                <span className="import-position muted">
                  {item.position}
                  {item.label ? " · overskrift" : ""}
                </span>
                <BlockText item={item} />
              </div>
            ))
          ) : (
            <p className="muted">Intet fra filen.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function Draft({ data }: { data: LoaderData }) {
  return (
    <section className="panel" aria-labelledby="draft-title">
      <h2 id="draft-title">Udkastet afsnit for afsnit</h2>
      <p className="muted">
        Til venstre står afsnittet, som det bliver i delaftalen; til højre teksten fra Word-filen,
        som det er lavet af.
      </p>
      {AGREEMENT_IMPORT_SECTIONS.map((section) => (
        <DraftSection
          key={section}
          id={`draft-${section}`}
          title={importSectionLabels[section]}
          sources={data.bySection[section] ?? []}
        >
          <ImportSectionPreview view={data.view} section={section} />
          {section === "plan-name" && data.filePlanName ? (
            <p className="muted">
              Filen kalder planen «{data.filePlanName}». Delaftalen bruger planens navn i systemet.
            </p>
          ) : null}
          {section === "validity" && data.validityAdjusted ? (
            <p className="muted">
              Perioden i filen manglede eller lå uden for planens periode (
              {formatPeriod(data.plan.periodStart, data.plan.periodEnd)}) og er tilpasset. Du kan
              rette den på delaftalen, når den er gemt.
            </p>
          ) : null}
        </DraftSection>
      ))}
      {data.activityNames.map((name, activity) => (
        <DraftSection
          key={`activity-${activity}`}
          id={`draft-activity-${activity}`}
          title={`Aktivitet ${activity + 1}: ${name}`}
          sources={data.bySection[`activity:${activity}`] ?? []}
        >
          <ImportSectionPreview view={data.view} section="activity" activity={activity} />
        </DraftSection>
      ))}
    </section>
  );
}

function Actions({ data, failure }: { data: LoaderData; failure?: FormFailure }) {
  const save = failureFor(failure, "save");
  // Every reason, also the focus area's (shown at its select too), so it is seen at the button.
  const error = save ? Object.values(save.errors).join(". ") || undefined : undefined;
  const revision = data.existingAgreement !== null;
  return (
    <section className="panel no-print" aria-labelledby="actions-title">
      <h2 id="actions-title">Gem eller kassér</h2>
      <p className="muted">
        {revision
          ? "Den nuværende delaftale ændres ikke: importen bliver et revisionsudkast, som bestyrelsen kan se ændringerne i og godkende."
          : "Importen bliver et udkast til en ny delaftale, som du kan redigere videre i."}
      </p>
      <div className="form-actions">
        <Form method="post" className="inline-form">
          <Hidden intent="save" version={data.version} />
          <button
            type="submit"
            className="button button-primary"
            aria-describedby={error ? "import-save-error" : undefined}
          >
            {revision ? "Gem som revisionsudkast" : "Gem som udkast til delaftale"}
          </button>
        </Form>
        <Form method="post" className="inline-form">
          <Hidden intent="discard-import" version={data.version} />
          <button type="submit" className="button button-danger">
            Kassér import
          </button>
        </Form>
      </div>
      <FieldError id="import-save-error" message={error} />
    </section>
  );
}

export default function ImportReviewPage() {
  const data = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const base = `/plans/${data.plan.id}`;
  return (
    <>
      <PageHeader
        title={`Import: ${data.fileName}`}
        crumbs={[
          { to: "/", label: "Mine helhedsplaner" },
          { to: base, label: data.plan.name },
          { to: `${base}/imports`, label: "Importér delaftale fra Word" },
        ]}
      >
        <p className="muted">
          {data.status === "review"
            ? "Intet er gemt endnu. Gennemse udkastet, placér det, der ikke kunne genkendes, og gem."
            : data.status === "saved"
              ? "Importen er gemt som delaftale."
              : "Importen er kasseret. Den oprindelige fil er gemt."}
        </p>
      </PageHeader>
      {failure?.formError ? (
        <div className="alert alert-error" role="alert">
          {failure.formError}
        </div>
      ) : null}
      <Summary data={data} />
      <FocusAreaPanel data={data} failure={failure} />
      {data.status === "review" ? <RegisterChanges data={data} /> : null}
      <Unplaced data={data} failure={failure} />
      <Draft data={data} />
      {data.status === "review" ? <Actions data={data} failure={failure} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
