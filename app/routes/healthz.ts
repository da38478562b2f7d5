/**
 * Health probe: answers 200 "ok" when the database answers `select 1`, 503 when it does not. Kept
 * cheap (one trivial query, no session): it is also the floor in the load benchmark (bench/run.ts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { logger } from "~/logger.server";
import { pingDatabase } from "~/models/health.server";

const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

export async function loader({ context }: LoaderFunctionArgs) {
  try {
    await pingDatabase(await getDb());
  } catch (error) {
    logger.error({ err: error, reqId: context.requestId }, "health check: database unavailable");
    return new Response("Databasen svarer ikke", { status: 503, headers });
  }
  return new Response("ok", { headers });
}
