/**
 * Errors that models throw for expected failures. Models never build HTTP responses: a route's
 * action may catch these to answer its form (400/409 with the user's input kept), and whatever a
 * loader or action lets through is mapped to its HTTP status in one place, the route boundary
 * (`app/route-boundary.server.ts`). Scripts catch them as they are.
 */
import type { FieldErrors } from "~/domain/form";

export type DomainErrorKind = "not-found" | "forbidden" | "conflict" | "locked" | "invalid";

/** The kind of a domain error (by its marker, so copies of these classes agree), or undefined. */
export function domainErrorKind(error: unknown): DomainErrorKind | undefined {
  if (!(error instanceof Error)) return undefined;
  const kind = (error as { domainErrorKind?: unknown }).domainErrorKind;
  return typeof kind === "string" ? (kind as DomainErrorKind) : undefined;
}

/** The thing does not exist, or the user may not know it exists (another plan's data). */
export class NotFoundError extends Error {
  readonly domainErrorKind = "not-found";
  constructor(message = "Siden findes ikke") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The user may see the thing but not do this with it (their role does not allow it). */
export class ForbiddenError extends Error {
  readonly domainErrorKind = "forbidden";
  constructor(message = "Du har ikke adgang til at gøre dette") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Someone else saved the record after the user loaded it (optimistic locking). */
export class ConflictError extends Error {
  readonly domainErrorKind = "conflict";
  constructor(message = "The record was changed by someone else") {
    super(message);
    this.name = "ConflictError";
  }
}

/** The record may not change now (e.g. an agreement whose proposed version awaits the board). */
export class LockedError extends Error {
  readonly domainErrorKind = "locked";
  constructor(public readonly userMessage: string) {
    super(userMessage);
    this.name = "LockedError";
  }
}

/** Input that passed the schema but breaks a rule that needs the database (e.g. a duplicate). */
export class FieldValidationError extends Error {
  readonly domainErrorKind = "invalid";
  constructor(public readonly errors: FieldErrors) {
    super("Invalid input");
    this.name = "FieldValidationError";
  }
}

function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return pgCode(error) === "23505";
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgCode(error) === "23503";
}
