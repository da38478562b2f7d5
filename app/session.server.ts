/**
 * The signed, httpOnly session cookie that carries the user's id and session generation. The
 * generation ties the cookie to the user's row: raising it there (logout, a new password,
 * deactivation) ends every session issued before, although the cookies themselves still exist.
 */
import { createCookieSessionStorage } from "@remix-run/node";
import type { Flash } from "./domain/flash";
import { getSessionSecret, secureCookies } from "./env.server";

type SessionData = { userId: number; sessionGeneration: number };
/** The one-time message after an action (app/flash.server.ts). */
type SessionFlash = { flash: Flash };

let storage: ReturnType<typeof createCookieSessionStorage<SessionData, SessionFlash>> | undefined;

export function getSessionStorage() {
  storage ??= createCookieSessionStorage<SessionData, SessionFlash>({
    cookie: {
      name: "__session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: secureCookies,
      secrets: [getSessionSecret()],
      maxAge: 60 * 60 * 12,
    },
  });
  return storage;
}

export function getSession(request: Request) {
  return getSessionStorage().getSession(request.headers.get("Cookie"));
}
