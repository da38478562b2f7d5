/**
 * Secrets that travel in a URL's path and so must never reach a log line: the calendar feed's
 * token (/calendar/<token>, the address's only credential), an unsubscribe link's token
 * (/afmeld/<token>, which turns a user's e-mails off without a login) and a comment link's token
 * (/kommentar/<token>, including its `.data` requests).
 */
export function redactSecretPath(path: string): string {
  return path
    .replace(/^\/calendar\/[^/?#]+/i, "/calendar/[redacted]")
    .replace(/^\/afmeld\/[^/?#]+/i, "/afmeld/[redacted]")
    .replace(/^\/kommentar\/[^/?#]+/i, "/kommentar/[redacted]");
}
