/**
 * Signing in and out, and the helpers every loader and action starts with.
 */
import { redirect } from "@remix-run/node";
import { getDb } from "./db.server";
import type { SessionUser } from "./domain/user";
import {
  getSessionHeader,
  getSessionUserWithHeader,
  type SessionHeader,
} from "./models/session-header.server";
import { endSessions, getSessionUser } from "./models/users.server";
import { getSession, getSessionStorage } from "./session.server";

// The root loader and the page's loader run for the same request; look the user up once.
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();
const headersByRequest = new WeakMap<Request, Promise<UserWithHeader | null>>();

export interface UserWithHeader {
  user: SessionUser;
  header: SessionHeader;
}

/** The session cookie's user id and generation; null when it signs no one in. */
async function sessionIds(
  request: Request,
): Promise<{ userId: number; generation: number } | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  const generation = session.get("sessionGeneration");
  // A cookie from before session generations existed has none: it no longer signs anyone in.
  if (typeof userId !== "number" || typeof generation !== "number") return null;
  return { userId, generation };
}

async function lookUpUser(request: Request): Promise<SessionUser | null> {
  const ids = await sessionIds(request);
  return ids ? getSessionUser(await getDb(), ids.userId, ids.generation) : null;
}

async function lookUpUserWithHeader(request: Request): Promise<UserWithHeader | null> {
  const ids = await sessionIds(request);
  return ids ? getSessionUserWithHeader(await getDb(), ids.userId, ids.generation) : null;
}

/** The signed-in user, or null. */
export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = lookUpUser(request);
    usersByRequest.set(request, user);
  }
  return user;
}

/**
 * The signed-in user with what the page header shows (the menu's roles, unread notifications),
 * for the root loader. One query when the page's loader has not looked the user up yet (the user
 * is then kept for it), otherwise one for the header alone.
 */
export function getOptionalUserWithHeader(request: Request): Promise<UserWithHeader | null> {
  let result = headersByRequest.get(request);
  if (result) return result;
  const user = usersByRequest.get(request);
  if (user) {
    result = user.then(async (u) =>
      u ? { user: u, header: await getSessionHeader(await getDb(), u) } : null,
    );
  } else {
    result = lookUpUserWithHeader(request);
    const userOnly = result.then((r) => r?.user ?? null);
    // The root loader gets the failure through `result`; a page loader that never asks for the
    // user must not leave this copy of it as an unhandled rejection (which ends the process).
    userOnly.catch(() => {});
    usersByRequest.set(request, userOnly);
  }
  headersByRequest.set(request, result);
  return result;
}

/** The signed-in user; otherwise a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  const search = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
  throw redirect(`/login${search}`);
}

// Any origin would do: redirect targets are resolved against it, and only paths on it are kept.
const REDIRECT_BASE = "http://app.invalid";
// C0 and C1 control characters (tab, newline, NUL, ...): browsers strip some of them from URLs,
// which turned "/<TAB>/evil.example" into "//evil.example", and a newline broke the header.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Only paths on this site, so a crafted link cannot send a user elsewhere after login. The target
 * is resolved as a browser would (backslashes count as slashes, `.` segments collapse) and kept
 * only when it stays on our origin; what is returned is the resolved path, never the raw input.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || CONTROL_CHARACTERS.test(to)) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}

/** The Set-Cookie value of a session for this user at their current session generation. */
export async function commitUserSession(
  request: Request,
  user: { id: number; sessionGeneration: number },
): Promise<string> {
  const session = await getSession(request);
  session.set("userId", user.id);
  session.set("sessionGeneration", user.sessionGeneration);
  return getSessionStorage().commitSession(session);
}

export async function createUserSession(
  request: Request,
  user: { id: number; sessionGeneration: number },
  redirectTo: string,
) {
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await commitUserSession(request, user) },
  });
}

/** Signs out here and everywhere: the user's session generation is raised, ending every session. */
export async function logout(request: Request) {
  const storage = getSessionStorage();
  const session = await getSession(request);
  const userId = session.get("userId");
  const generation = session.get("sessionGeneration");
  if (typeof userId === "number" && typeof generation === "number") {
    await endSessions(await getDb(), userId, generation);
  }
  return redirect("/login", {
    headers: { "Set-Cookie": await storage.destroySession(session) },
  });
}
