/**
 * The database schema: tables, enums and relations, one file per area. Imports only drizzle-orm
 * so it can be used by the app, the scripts and the tests with either driver (see db/client.ts).
 */
export * from "./common";
export * from "./organisations";
export * from "./plans";
export * from "./users";
export * from "./audit";
export * from "./agreements";
export * from "./revisions";
export * from "./reporting";
export * from "./self-evaluations";
export * from "./funds";
export * from "./imports";
export * from "./activity-log";
export * from "./plan-package";
export * from "./collaboration";
export * from "./change-counters";
export * from "./relations";
