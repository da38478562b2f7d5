/**
 * Errors that models throw for expected failures; routes turn them into 400/409 replies.
 */
import type { FieldErrors } from "~/domain/form";

/** Someone else saved the record after the user loaded it (optimistic locking). */
export class ConflictError extends Error {
  constructor(message = "The record was changed by someone else") {
    super(message);
    this.name = "ConflictError";
  }
}

/** The record may not change now (e.g. an agreement whose proposal awaits the board). */
export class LockedError extends Error {
  constructor(public readonly userMessage: string) {
    super(userMessage);
    this.name = "LockedError";
  }
}

/** Input that passed the schema but breaks a rule that needs the database (e.g. a duplicate). */
export class FieldValidationError extends Error {
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
