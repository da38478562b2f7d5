/**
 * Applications to a dispositionsfond (DESIGN.md R7): drafts by an estate's applicant (or the fund
 * administration), submission against the fund's rules, withdrawal, the fund administration's
 * assessment and the organisation board's decision, which turns an approval into a grant with an
 * amount per year. Every transition is one transaction with optimistic locking (version) and an
 * audit event. A decided application is locked here (LockedError) and in the database (triggers,
 * migration 0009). Access as described in disposition-funds.server.ts.
 *
 * Split by what the user does: read, write (the applicant's drafts) and decision (the fund
 * administration's); import everything from here.
 */
export {
  APPLICATION_NOT_FOUND,
  type ApplicationScope,
} from "./internal/fund-application-rows.server";
export * from "./fund-applications/read.server";
export * from "./fund-applications/write.server";
export * from "./fund-applications/decision.server";
