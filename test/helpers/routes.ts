/**
 * Calling route loaders and actions as a signed-in user, the way Remix would, against a test db.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import type { Db, OpenDb } from "../../db/client";
import { getOpenDb, setAppDbForTests } from "~/db.server";
import { httpErrorFor } from "~/route-boundary.server";
import { getSessionStorage } from "~/session.server";
import type { TestDb } from "./db";

export function useTestDbForRoutes(db: TestDb): void {
  setAppDbForTests(db);
}

// A handle beside the routes' one, so a test that counts the routes' queries does not count ours.
const quietHandles = new WeakMap<OpenDb, Db>();
async function quietDb(): Promise<Db> {
  const handle = await getOpenDb();
  let db = quietHandles.get(handle);
  if (!db) {
    db = handle.withLogger({ logQuery: () => {} });
    quietHandles.set(handle, db);
  }
  return db;
}

/**
 * The session cookie a login of this user would set now: with the user's current session
 * generation, read from the database the routes use (so call `useTestDbForRoutes` first). A
 * cookie made before a logout, a new password or a deactivation stops working, as in the app.
 */
export async function cookieFor(userId: number): Promise<string> {
  const [user] = await (
    await quietDb()
  )
    .select({ sessionGeneration: users.sessionGeneration })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new Error(`cookieFor: there is no user ${userId}`);
  const storage = getSessionStorage();
  const session = await storage.getSession();
  session.set("userId", userId);
  session.set("sessionGeneration", user.sessionGeneration);
  const setCookie = await storage.commitSession(session);
  return setCookie.split(";")[0]!;
}

type Form = Record<string, string | string[]>;

export async function buildRequest(
  url: string,
  {
    userId,
    form,
    body: rawBody,
    method,
  }: { userId?: number; form?: Form; body?: string; method?: string } = {},
): Promise<Request> {
  const headers = new Headers();
  if (userId) headers.set("Cookie", await cookieFor(userId));
  let body: URLSearchParams | string | undefined;
  if (form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  } else if (rawBody !== undefined) {
    // Sent as is: a hostile client's bytes (invalid percent-escapes) that a form cannot produce.
    body = rawBody;
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`http://localhost${url}`, {
    method: method ?? (form || rawBody !== undefined ? "POST" : "GET"),
    headers,
    body,
  });
}

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

export interface RouteResult {
  status: number;
  data: unknown;
  headers: Headers;
}

/**
 * Runs a loader or action and normalises what it returns or throws (Responses, `data()` results
 * and plain objects) into a status and data.
 */
export async function callRoute(
  handler: Handler,
  url: string,
  options: { userId?: number; form?: Form; body?: string; params?: Record<string, string> } = {},
): Promise<RouteResult> {
  const request = await buildRequest(url, options);
  return callRouteWith(handler, request, options.params);
}

/** Like `callRoute`, with a request built by the test (its own cookies and headers). */
export async function callRouteWith(
  handler: Handler,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = {},
): Promise<RouteResult> {
  try {
    return normalise(await handler({ request, params, context }));
  } catch (thrown) {
    if (thrown instanceof Response) return normalise(thrown);
    // As the server does at the route boundary (scripts/server.ts → withRouteBoundary).
    const reply = httpErrorFor(thrown);
    if (reply) return normalise(reply);
    throw thrown;
  }
}

async function normalise(result: unknown): Promise<RouteResult> {
  if (result instanceof Response) {
    const text = await result.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // plain text body
    }
    return { status: result.status, data, headers: result.headers };
  }
  // `data(value, init)` from @remix-run/node returns a DataWithResponseInit object.
  if (
    result &&
    typeof result === "object" &&
    (result as { type?: string }).type === "DataWithResponseInit"
  ) {
    const d = result as { data: unknown; init?: ResponseInit | null };
    return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) };
  }
  return { status: 200, data: result, headers: new Headers() };
}
