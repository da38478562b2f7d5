/**
 * The loader and action shared by the pages that edit one section of an agreement: access
 * (secretariat/admin of the plan; other members 403; non-members, and agreements that are not the
 * plan's, 404), the stored record, list buttons without JavaScript, validation with the section's
 * schema, the confirmation a removal with history asks for, the save with optimistic locking, and
 * the redirect back to the agreement's section with a message saying what was saved. A page opened
 * while the agreement is locked (a proposal awaits the board) gets the lock with its summary, and
 * SectionPage shows it with the fields disabled.
 */
import type { Params } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "./auth.server";
import { getDb } from "./db.server";
import { CONFIRM_REMOVAL_FIELD, formDataToValues } from "./domain/form";
import type { AgreementRecord } from "./domain/agreement-view";
import type { SessionUser } from "./domain/user";
import type { SectionSummary } from "./components/section-page";
import type { EditLock } from "./domain/edit-lock";
import { redirectWithFlash } from "./flash.server";
import { getAgreementEditPage, requireAgreementEditor } from "./models/agreements/read.server";
import { readVersion, requireIdParam, submitListForm } from "./route-helpers.server";
import type { Db } from "../db/client";
import { agreementPath } from "./paths";

export interface SectionContext {
  db: Db;
  user: SessionUser;
  planId: number;
  agreementId: number;
  /** The user confirmed removing rows with history (the form's second submit). */
  confirmRemoval: boolean;
}

type AccessContext = Omit<SectionContext, "confirmRemoval">;

/** `confirmRemoval=1`, posted by the confirm button that a removal with history asks for. */
const ConfirmRemovalSchema = z.literal("1");

export function readConfirmRemoval(formData: FormData): boolean {
  return ConfirmRemovalSchema.safeParse(formData.get(CONFIRM_REMOVAL_FIELD)).success;
}

/** Who is asking, for which plan and agreement (from the request and the route's params). */
async function requestContext(request: Request, params: Params): Promise<AccessContext> {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const agreementId = requireIdParam(params, "agreementId");
  return { db: await getDb(), user, planId, agreementId };
}

/**
 * For actions on an agreement's edit pages that do not go through `handleSectionAction`: the
 * context once the user may edit this agreement of this plan. The model checks in the order the
 * answer may reveal things: a plan you cannot see is 404, then an agreement that is not this
 * plan's is 404 (for every member, whatever their role), and only then a role that may not edit
 * is 403.
 */
export async function requireSectionEditor(
  request: Request,
  params: Params,
): Promise<AccessContext> {
  const context = await requestContext(request, params);
  await requireAgreementEditor(context.db, context.user, context.planId, context.agreementId);
  return context;
}

/**
 * The agreement as a section page's header and hidden version field need it, and its lock (from
 * loadSection) when it may not be changed now.
 */
export function sectionSummary(record: AgreementRecord, lock?: EditLock | null): SectionSummary {
  return {
    id: record.id,
    planId: record.planId,
    version: record.version,
    planName: record.plan.name,
    focusArea: record.focusArea.name,
    lock: lock ?? null,
  };
}

/**
 * For a section page's loader: the context, the stored agreement and its lock, if it is locked
 * (access as above).
 */
export async function loadSection(request: Request, params: Params) {
  const context = await requestContext(request, params);
  const { db, user, planId, agreementId } = context;
  return { ...context, ...(await getAgreementEditPage(db, user, planId, agreementId)) };
}

export { agreementPath };

export interface SectionActionOptions<S extends z.ZodType> {
  /** The agreement page's anchor to return to when `save` returns no path. */
  anchor?: string;
  /** What the page the save returns to says ("Problemkomplekset er gemt."). */
  flash: string | ((values: z.output<S>) => string);
  /** Checks that must pass before the form is read (e.g. that an activity belongs here: 404). */
  precheck?: (context: AccessContext) => Promise<void>;
}

/**
 * For a section page's action: parses the form with `schema` and calls `save`; list buttons
 * (no JavaScript) re-render the form with the change and a notice, without saving. A save
 * returns to the path `save` gives, or the agreement at `anchor`, with the flash message.
 */
export async function handleSectionAction<S extends z.ZodType>(
  request: Request,
  params: Params,
  schema: S,
  save: (context: SectionContext, version: number, values: z.output<S>) => Promise<string | void>,
  { anchor, flash, precheck }: SectionActionOptions<S>,
) {
  const context = await requireSectionEditor(request, params);
  await precheck?.(context);
  const formData = await request.formData();
  const version = readVersion(formData);
  const values = formDataToValues(formData);
  // The confirmation answers one question; a changed form is asked again.
  delete values[CONFIRM_REMOVAL_FIELD];
  return submitListForm(
    formData,
    schema,
    async (parsed) => {
      const to =
        (await save(
          { ...context, confirmRemoval: readConfirmRemoval(formData) },
          version,
          parsed,
        )) ?? agreementPath(context.planId, context.agreementId, anchor);
      return redirectWithFlash(request, to, typeof flash === "string" ? flash : flash(parsed));
    },
    { values },
  );
}
