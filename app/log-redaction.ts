/**
 * Secrets that travel in a URL's path and so must never reach a log line: the calendar feed's
 * token (/calendar/<token>, the address's only credential) and a comment link's token
 * (/kommentar/<token>, including its `.data` requests).
 */
export function redactSecretPath(path: string): string {
  return path
    .replace(/^\/calendar\/[^/?#]+/i, "/calendar/[redacted]")
    .replace(/^\/kommentar\/[^/?#]+/i, "/kommentar/[redacted]");
}
