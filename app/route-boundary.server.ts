/**
 * The route boundary: where errors that models throw (app/models/errors.server.ts) become HTTP
 * replies. Every loader and action of the build is wrapped once, when the server loads the build,
 * so a model can say "not found" or "forbidden" without knowing about HTTP, and no route has to
 * remember to translate. Errors a route's action catches itself (to answer its form with 400/409
 * and the user's input) never reach this.
 */
import type { ServerBuild } from "@remix-run/node";
import { CONFLICT_MESSAGE } from "~/http.server";
import { domainErrorKind } from "~/models/errors.server";

/**
 * The HTTP reply for a domain error, or undefined for anything else (a bug: it stays a 500).
 * Matched by the error's kind, not its class: the server loads the compiled build, whose error
 * classes are other copies than the ones this file imports.
 */
export function httpErrorFor(error: unknown): Response | undefined {
  const reply = (status: number, statusText: string, message: string) =>
    new Response(message, { status, statusText });
  const kind = domainErrorKind(error);
  if (!kind || !(error instanceof Error)) return undefined;
  switch (kind) {
    case "not-found":
      return reply(404, "Not Found", error.message);
    case "forbidden":
      return reply(403, "Forbidden", error.message);
    case "conflict":
      return reply(409, "Conflict", CONFLICT_MESSAGE);
    case "locked":
      return reply(409, "Conflict", error.message);
    case "invalid":
      return reply(400, "Bad Request", "Oplysningerne er ikke gyldige");
  }
}

type Handler = (...args: never[]) => unknown;

function mapped<F extends Handler>(handler: F): F {
  const wrapped = async (...args: Parameters<F>) => {
    try {
      return await handler(...args);
    } catch (error) {
      throw httpErrorFor(error) ?? error;
    }
  };
  return wrapped as unknown as F;
}

/** The build with every route's loader and action answering domain errors with their status. */
export function withRouteBoundary(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: mapped(loader) } : {}),
        ...(action ? { action: mapped(action) } : {}),
      },
    };
  }
  return { ...build, routes };
}
