/**
 * The app's database handle, opened on first use (never on import) with the driver chosen from the
 * environment (db/client.ts), and closed when the process is asked to stop: remix-serve only closes
 * its HTTP server on SIGTERM/SIGINT, so without this an open PGlite keeps the process alive.
 */
import { driverFromEnv, openDb, type Db, type OpenDb } from "../db/client";

declare global {
  // Survives module reloads in `remix dev`.
  var __appDb: Promise<OpenDb> | undefined;
}

function installShutdown(handle: Promise<OpenDb>) {
  const stop = (signal: NodeJS.Signals) => {
    handle
      .then((h) => h.close())
      .catch(() => {})
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

export function getOpenDb(): Promise<OpenDb> {
  if (!global.__appDb) {
    global.__appDb = openDb(driverFromEnv());
    installShutdown(global.__appDb);
  }
  return global.__appDb;
}

/** Lets integration tests run routes against their own database. */
export function setAppDbForTests(handle: OpenDb): void {
  global.__appDb = Promise.resolve(handle);
}

export async function getDb(): Promise<Db> {
  return (await getOpenDb()).db;
}
