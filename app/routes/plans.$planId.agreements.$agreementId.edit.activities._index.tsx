/**
 * "Aktiviteter": the agreement's activity schemas in their order, to edit, reorder, delete or add.
 * Each move and delete button is its own small form, so the page works without JavaScript; with
 * it, deleting asks for confirmation first and focus stays on the moved activity's button. After a
 * change the page says what happened (the flash message) and, after a move, lands on the moved row
 * (also without JavaScript). While the agreement is locked the buttons are disabled.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import {
  loadSection,
  readConfirmRemoval,
  requireSectionEditor,
  sectionSummary,
} from "~/agreement-section.server";
import { agreementPath } from "~/paths";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FLASH_MESSAGE_ID } from "~/components/flash-message";
import { asFormFailure, ConfirmRemovalButton } from "~/components/form";
import { SectionPage } from "~/components/section-page";
import { buildAgreementView } from "~/domain/agreement-view";
import { CONFIRM_REMOVAL_FIELD, formDataToValues } from "~/domain/form";
import { requiredId, z } from "~/domain/zod";
import { badRequest, conflict } from "~/http.server";
import { deleteActivity, moveActivity } from "~/models/agreements/activities.server";
import { ConflictError } from "~/models/errors.server";
import { redirectWithFlash } from "~/flash.server";
import { formErrorResponse, readVersion } from "~/route-helpers.server";
import { ScrollTable, TableCaption } from "~/components/scroll-table";

const DIRECTIONS = ["up", "down"] as const;
type Direction = (typeof DIRECTIONS)[number];

/** What one of the row buttons asks for. */
const ActivityListIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("move"),
    activityId: requiredId("Ukendt aktivitet"),
    direction: z.enum(DIRECTIONS),
  }),
  z.object({ intent: z.literal("delete"), activityId: requiredId("Ukendt aktivitet") }),
]);

const LIST_CONFLICT_MESSAGE =
  "En anden har ændret delaftalen, mens du havde listen åben, så intet er ændret. Opdater listen, og prøv igen.";

export const meta: MetaFunction = () => [{ title: "Aktiviteter · Samarbejdsaftaler" }];

function activitiesPath(planId: number, agreementId: number) {
  return `${agreementPath(planId, agreementId)}/edit/activities`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record, lock } = await loadSection(request, params);
  // The view orders the activities exactly as the agreement page and the Word document do.
  const view = buildAgreementView(record);
  return {
    record: sectionSummary(record, lock),
    activities: view.activities.map((a) => ({
      id: a.id,
      name: a.name,
      shortName: a.shortName,
      reference: a.reference,
      criteriaCount: a.criteria.length,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, user, planId, agreementId } = await requireSectionEditor(request, params);
  const formData = await request.formData();
  const version = readVersion(formData);
  const parsed = ActivityListIntentSchema.safeParse(formDataToValues(formData));
  if (!parsed.success) {
    return badRequest({}, {}, "Handlingen kunne ikke udføres. Opdater listen, og prøv igen.");
  }
  const intent = parsed.data;
  try {
    if (intent.intent === "move") {
      await moveActivity(
        db,
        user,
        planId,
        agreementId,
        intent.activityId,
        version,
        intent.direction,
      );
    } else {
      await deleteActivity(db, user, planId, agreementId, intent.activityId, version, {
        confirmRemoval: readConfirmRemoval(formData),
      });
    }
  } catch (error) {
    // The shared conflict message speaks of a form's unsaved input; here nothing was typed.
    if (error instanceof ConflictError) return conflict({}, LIST_CONFLICT_MESSAGE);
    // An activity with measurements asks before it is retired: the reply names the activity.
    return formErrorResponse(error, { activityId: String(intent.activityId) });
  }
  const list = activitiesPath(planId, agreementId);
  // After a move, land on the moved row (also without JavaScript).
  if (intent.intent === "move") {
    return redirectWithFlash(
      request,
      `${list}#activity-${intent.activityId}`,
      `Aktiviteten er flyttet ${intent.direction === "up" ? "op" : "ned"}.`,
    );
  }
  return redirectWithFlash(request, list, "Aktiviteten er slettet.");
}

type PendingChange = { kind: "move"; id: number; direction: Direction } | { kind: "delete" };

const moveButtonId = (id: number, direction: Direction) => `move-${id}-${direction}`;

export default function EditActivities() {
  const { record, activities } = useLoaderData<typeof loader>();
  const failure = asFormFailure(useActionData<typeof action>());
  const navigation = useNavigation();
  const pending = useRef<PendingChange | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const list = activitiesPath(record.planId, record.id);
  const busy = navigation.state !== "idle";

  // Once the change is saved and the list reloaded, put focus where the user can go on from.
  useEffect(() => {
    const change = pending.current;
    if (!change || navigation.state !== "idle") return;
    pending.current = null;
    if (failure) {
      alertRef.current?.focus();
      return;
    }
    // The page's message (the flash) says what happened; the deleted row's button is gone, so
    // focus goes to that message.
    if (change.kind === "delete") {
      document.getElementById(FLASH_MESSAGE_ID)?.focus();
      return;
    }
    const same = document.getElementById(moveButtonId(change.id, change.direction));
    const other = document.getElementById(
      moveButtonId(change.id, change.direction === "up" ? "down" : "up"),
    );
    const target = same instanceof HTMLButtonElement && !same.disabled ? same : other;
    target?.focus();
  }, [navigation.state, activities, failure]);

  /** Remembers what was sent; a second click while one change is on its way is ignored. */
  const track = (event: FormEvent<HTMLFormElement>, change: PendingChange) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    pending.current = change;
  };

  return (
    <SectionPage
      title="Aktiviteter"
      agreement={record}
      intro="Aktiviteterne vises i denne rækkefølge i delaftalen, med ét aktivitetsskema for hver. Hver aktivitet skal have mindst ét succeskriterium, før delaftalen kan godkendes."
    >
      {failure?.formError ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={alertRef}>
          {failure.formError} <Link to={list}>Opdater listen</Link>
        </div>
      ) : null}
      {failure?.errors[CONFIRM_REMOVAL_FIELD] ? (
        <div className="alert alert-warn" role="alert" tabIndex={-1} ref={alertRef}>
          <p>{failure.errors.activities}</p>
          <p>{failure.errors[CONFIRM_REMOVAL_FIELD]}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="activityId" value={String(failure.values.activityId)} />
            <input type="hidden" name="version" value={record.version} />
            <ConfirmRemovalButton />
          </Form>
        </div>
      ) : null}
      {activities.length === 0 ? (
        <p className="empty">Delaftalen har ingen aktiviteter endnu.</p>
      ) : (
        <ScrollTable>
          <table className="data activity-list">
            <TableCaption className="sr-only">Delaftalens aktiviteter i rækkefølge</TableCaption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Nr.
                </th>
                <th scope="col">Aktivitet</th>
                <th scope="col">Succeskriterier</th>
                <th scope="col">Handlinger</th>
              </tr>
            </thead>
            <tbody>
              {activities.map((a, index) => {
                const nameId = `activity-${a.id}-name`;
                return (
                  <tr key={a.id} id={`activity-${a.id}`}>
                    <td className="num">{index + 1}</td>
                    <th scope="row">
                      {/* The agreement's list uses the short name; the schema the full one. */}
                      <span id={nameId}>
                        {a.shortName ? (
                          <>
                            {a.shortName} <span className="muted">({a.name})</span>
                          </>
                        ) : (
                          a.name
                        )}
                      </span>
                      {a.reference ? <div className="muted small">{a.reference}</div> : null}
                    </th>
                    <td>
                      {a.criteriaCount}
                      {a.criteriaCount === 0 ? (
                        <>
                          {" "}
                          <span className="badge badge-warn">mangler succeskriterium</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <div className="row-actions">
                        <Link to={`${list}/${a.id}`}>
                          Rediger<span className="sr-only"> aktiviteten «{a.name}»</span>
                        </Link>
                        {DIRECTIONS.map((direction) => (
                          <Form
                            key={direction}
                            method="post"
                            className="inline-form"
                            onSubmit={(event) =>
                              track(event, { kind: "move", id: a.id, direction })
                            }
                          >
                            <input type="hidden" name="intent" value="move" />
                            <input type="hidden" name="activityId" value={a.id} />
                            <input type="hidden" name="direction" value={direction} />
                            <input type="hidden" name="version" value={record.version} />
                            <button
                              type="submit"
                              id={moveButtonId(a.id, direction)}
                              className="button button-secondary button-small"
                              disabled={
                                direction === "up" ? index === 0 : index === activities.length - 1
                              }
                              aria-describedby={nameId}
                            >
                              {direction === "up" ? "Flyt op" : "Flyt ned"}
                            </button>
                          </Form>
                        ))}
                        <Form
                          method="post"
                          className="inline-form"
                          onSubmit={(event) => {
                            const confirmed = window.confirm(
                              `Vil du fjerne aktiviteten «${a.name}» med dens succeskriterier og ansvarsfordeling? Har succeskriterierne målinger, bevares de, og du bliver spurgt igen.`,
                            );
                            if (!confirmed) {
                              event.preventDefault();
                              return;
                            }
                            track(event, { kind: "delete" });
                          }}
                        >
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="activityId" value={a.id} />
                          <input type="hidden" name="version" value={record.version} />
                          <button type="submit" className="button button-danger button-small">
                            Slet<span className="sr-only"> aktiviteten «{a.name}»</span>
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <div className="form-actions">
        {record.lock ? null : (
          <Link className="button button-primary" to={`${list}/new`}>
            Tilføj aktivitet
          </Link>
        )}
        <Link to={agreementPath(record.planId, record.id, "activities")}>
          Tilbage til delaftalen
        </Link>
      </div>
    </SectionPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
