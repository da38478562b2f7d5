/**
 * Signing in and out, and the helpers every loader and action starts with.
 */
import { redirect } from "@remix-run/node";
import { getDb } from "./db.server";
import type { SessionUser } from "./domain/user";
import { getSessionUser } from "./models/users.server";
import { getSession, getSessionStorage } from "./session.server";

// The root loader and the page's loader run for the same request; look the user up once.
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

async function lookUpUser(request: Request): Promise<SessionUser | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  if (typeof userId !== "number") return null;
  return getSessionUser(await getDb(), userId);
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

/** The signed-in user; otherwise a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  const search = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
  throw redirect(`/login${search}`);
}

/** Only same-site paths, so a crafted link cannot send a user elsewhere after login. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.includes("\\")) {
    return fallback;
  }
  return to;
}

export async function createUserSession(request: Request, userId: number, redirectTo: string) {
  const storage = getSessionStorage();
  const session = await getSession(request);
  session.set("userId", userId);
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await storage.commitSession(session) },
  });
}

export async function logout(request: Request) {
  const storage = getSessionStorage();
  const session = await getSession(request);
  return redirect("/login", {
    headers: { "Set-Cookie": await storage.destroySession(session) },
  });
}
