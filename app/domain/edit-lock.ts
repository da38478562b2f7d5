/**
 * Why something cannot be edited now, as its edit page says it on opening (the save is refused
 * on the server as well: the models throw LockedError). Pure and client-safe.
 */
import { formatDate, todayInDenmark } from "./format";

export type EditLockReason = "awaiting-board";

export interface EditLock {
  reason: EditLockReason;
  /** What the page says: why, and until when or what. */
  notice: string;
}

/** The Danish date of a timestamp (the day it was in Denmark): "2. december 2026". */
function danishDay(timestamp: string | Date): string {
  return formatDate(
    todayInDenmark(typeof timestamp === "string" ? new Date(timestamp) : timestamp),
  );
}

const SUBJECTS = {
  agreement: "Aftalen",
  strategy: "Den strategiske samarbejdsaftale",
} as const;

/** A proposed version awaits the board's decision (R6): the working draft waits too. */
export function awaitingBoardLock(
  subject: keyof typeof SUBJECTS,
  submittedAt: string | Date,
): EditLock {
  return {
    reason: "awaiting-board",
    notice: `${SUBJECTS[subject]} ligger hos bestyrelsen til beslutning siden ${danishDay(submittedAt)}. Du kan redigere igen, når den er besluttet eller trukket tilbage.`,
  };
}
