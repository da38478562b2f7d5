/**
 * The calendar's HTTP side, shared by the feed, the plan's .ics download and "Min konto": the
 * app's origin for links and the address, and the text/calendar reply.
 */
import { buildCalendar, type Deadline } from "~/domain/calendar";

/** Where the app is: APP_URL when set (behind a proxy that rewrites Host), else the request's. */
export function appOrigin(request: Request): string {
  const configured = process.env.APP_URL?.trim();
  return configured ? new URL(configured).origin : new URL(request.url).origin;
}

/** The secret feed address of a token. The .ics ending helps some calendar apps; both work. */
export function calendarFeedUrl(request: Request, token: string): string {
  return `${appOrigin(request)}/calendar/${token}.ics`;
}

export function calendarResponse(
  request: Request,
  deadlines: readonly Deadline[],
  { name, fileName, cacheControl }: { name: string; fileName?: string; cacheControl: string },
): Response {
  const body = buildCalendar(deadlines, { name, origin: appOrigin(request), now: new Date() });
  const headers: Record<string, string> = {
    "Content-Type": "text/calendar; charset=utf-8",
    "Cache-Control": cacheControl,
  };
  if (fileName) headers["Content-Disposition"] = `attachment; filename="${fileName}"`;
  return new Response(body, { headers });
}
