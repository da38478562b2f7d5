/**
 * The calendar's HTTP side, shared by the feed, the plan's .ics download and "Min konto": the
 * app's origin for links and the address, and the text/calendar reply.
 *
 * `ics` checks every event against its schema, which costs about a millisecond an event: a feed
 * of 400 events would take most of half a second. Deadlines rarely change between two fetches,
 * so each event's rendered block is kept in memory, keyed by everything it is made of; a changed
 * deadline is a new key. Its DTSTAMP is when this process first rendered that version of it.
 */
import {
  assembleCalendar,
  deadlineEvent,
  renderEventBlock,
  type Deadline,
} from "~/domain/calendar";

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
  const origin = appOrigin(request);
  const body = assembleCalendar(
    name,
    deadlines.map((d) => cachedEventBlock(deadlineEvent(d, origin))),
  );
  const headers: Record<string, string> = {
    "Content-Type": "text/calendar; charset=utf-8",
    "Cache-Control": cacheControl,
  };
  if (fileName) headers["Content-Disposition"] = `attachment; filename="${fileName}"`;
  return new Response(body, { headers });
}

/** Rendered events by their attributes; emptied when full (a few MB at most). */
const eventBlocks = new Map<string, string>();
const MAX_CACHED_EVENTS = 20_000;

function cachedEventBlock(event: ReturnType<typeof deadlineEvent>): string {
  const key = JSON.stringify(event);
  let block = eventBlocks.get(key);
  if (block === undefined) {
    block = renderEventBlock(event, new Date());
    if (eventBlocks.size >= MAX_CACHED_EVENTS) eventBlocks.clear();
    eventBlocks.set(key, block);
  }
  return block;
}
