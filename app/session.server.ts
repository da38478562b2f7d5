/**
 * The signed, httpOnly session cookie that carries the user's id and session generation. The
 * generation ties the cookie to the user's row: raising it there (logout, a new password,
 * deactivation) ends every session issued before, although the cookies themselves still exist.
 */
import { createCookieSessionStorage, createSession, type Session } from "@remix-run/node";
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

type AppSession = Session<SessionData, SessionFlash>;

// The cookie is parsed and its signature checked once per request, although the user lookup
// (app/auth.server.ts) and readFlash (app/flash.server.ts) both start from it.
const cookieDataByRequest = new WeakMap<Request, Promise<AppSession["data"]>>();

/**
 * The request's session. Every call gets a session of its own (from the same cookie), so one
 * that sets a value or takes a flash out does not change what another caller reads.
 */
export async function getSession(request: Request): Promise<AppSession> {
  let data = cookieDataByRequest.get(request);
  if (!data) {
    data = getSessionStorage()
      .getSession(request.headers.get("Cookie"))
      .then((session) => ({ ...session.data }));
    cookieDataByRequest.set(request, data);
  }
  return createSession<SessionData, SessionFlash>({ ...(await data) } as SessionData);
}
