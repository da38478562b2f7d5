/**
 * The app's database handle, opened on first use (never on import) with the driver chosen from the
 * environment (db/client.ts). The HTTP server (scripts/server.ts) closes it on SIGTERM/SIGINT after
 * its last request: an open PGlite would otherwise keep the process alive.
 */
import { driverFromEnv, openDb, type Db, type OpenDb } from "../db/client";

declare global {
  // Survives module reloads in `remix dev`.
  var __appDb: Promise<OpenDb> | undefined;
}

export function getOpenDb(): Promise<OpenDb> {
  if (!global.__appDb) {
    const opening = openDb(driverFromEnv());
    global.__appDb = opening;
    // A failed open (e.g. a backup command holding the embedded database for a moment) must not
    // stick: the next request tries again instead of failing until the app restarts.
    opening.catch(() => {
      if (global.__appDb === opening) global.__appDb = undefined;
    });
  }
  return global.__appDb;
}

/**
 * Closes the handle if it was opened. The server's copy of this module and the build's share the
 * handle through the global, so either can close it.
 */
export async function closeAppDb(): Promise<void> {
  const handle = global.__appDb;
  global.__appDb = undefined;
  if (handle) await (await handle).close();
}

/** Lets integration tests run routes against their own database. */
export function setAppDbForTests(handle: OpenDb): void {
  global.__appDb = Promise.resolve(handle);
}

export async function getDb(): Promise<Db> {
  return (await getOpenDb()).db;
}
