/**
 * The server side of "Brug standardteksten" (app/domain/standard-text.ts) for forms posted without
 * JavaScript: the form comes back with the standard text in the asked-for field, the user's other
 * values (and the version the form was loaded at) kept, and a notice that nothing is saved.
 */
import { data } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { loadSection } from "./agreement-section.server";
import type { AgreementRecord } from "./domain/agreement-view";
import { formDataToValues, type FormFailure } from "./domain/form";
import {
  readStandardTextIntent,
  STANDARD_TEXT_NOTICE,
  UNKNOWN_STANDARD_TEXT_MESSAGE,
} from "./domain/standard-text";

/** True when the post is a standard-text button (any field), so the caller checks access first. */
export function isStandardTextRequest(formData: FormData): boolean {
  return readStandardTextIntent(formData.get("intent"), []) !== null;
}

/**
 * The re-rendered form for a standard-text post, or null for any other post. A field without a
 * standard text here is a 400. Call it once the user may edit the form: it saves nothing.
 */
export function standardTextReply(formData: FormData, texts: Record<string, string>) {
  const field = readStandardTextIntent(formData.get("intent"), Object.keys(texts));
  if (field === null) return null;
  if (field === undefined) throw new Response(UNKNOWN_STANDARD_TEXT_MESSAGE, { status: 400 });
  const values = formDataToValues(formData);
  delete values.intent;
  values[field] = texts[field];
  const body: FormFailure = { ok: false, errors: {}, values, notice: STANDARD_TEXT_NOTICE };
  return data(body, { status: 200 });
}

/**
 * For an agreement section page's action: the reply to a standard-text post (after the same
 * access checks as the page's loader), or null for an ordinary save, whose body is left unread.
 */
export async function handleStandardTextIntent(
  request: Request,
  params: Params,
  texts: (record: AgreementRecord) => Record<string, string>,
) {
  // A clone, so that an ordinary save can still read the body. A body that is no form is left to
  // the ordinary save, which answers it after its access checks.
  const formData = await request
    .clone()
    .formData()
    .catch(() => null);
  if (!formData || !isStandardTextRequest(formData)) return null;
  const { record } = await loadSection(request, params);
  return standardTextReply(formData, texts(record));
}
