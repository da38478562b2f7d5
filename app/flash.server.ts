/**
 * Feedback after an action: the action stores a one-time message in the session cookie and
 * redirects (Post/Redirect/Get); the root loader takes it out again (`readFlash`) and sends the
 * cookie without it, so the message shows on the next page once, with or without JavaScript.
 */
import { redirect } from "@remix-run/node";
import { parseFlash, type Flash, type FlashInput } from "./domain/flash";
import { getSession, getSessionStorage } from "./session.server";

/** A redirect to `to` that shows `flash` on the page it lands on. */
export async function redirectWithFlash(
  request: Request,
  to: string,
  flash: FlashInput | string,
): Promise<Response> {
  const message = typeof flash === "string" ? { kind: "success" as const, text: flash } : flash;
  const session = await getSession(request);
  session.flash("flash", { id: crypto.randomUUID(), ...message });
  return redirect(to, {
    headers: { "Set-Cookie": await getSessionStorage().commitSession(session) },
  });
}

/**
 * The message waiting for this request, if any, and the Set-Cookie header that removes it (null
 * when there was none: the cookie is then left as it is).
 */
export async function readFlash(
  request: Request,
): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const session = await getSession(request);
  if (!session.has("flash")) return { flash: null, setCookie: null };
  const flash = parseFlash(session.get("flash"));
  return { flash, setCookie: await getSessionStorage().commitSession(session) };
}
