/**
 * The dispositionsfond (DESIGN.md R7): a housing organisation's own fund that its estates apply
 * to. The fund's house rules are data (`FundSettings`), so the application schema is built from
 * them (`applicationSchema(fund)`) and the same rule functions run in the browser, in the route
 * and in the model. Everything a reviewer sees is computed here, never typed: budget totals, the
 * own contribution's share, the amount per tenancy, the guideline checklist, the frame overview
 * and the deadlines of the yearly grant reports. Pure and client-safe; amounts are whole kroner.
 *
 * Split along its seams; import everything from `~/domain/disposition-fund`.
 */
export * from "./status";
export * from "./settings";
export * from "./application";
export * from "./checklist";
export * from "./decision";
export * from "./frames";
export * from "./grant-reports";
export * from "./form-values";
export * from "./guidance";
