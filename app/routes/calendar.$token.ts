/**
 * The user's deadline calendar as an ICS feed for Outlook, Google Calendar and the like: no
 * session, the secret token in the address is the credential. An unknown, revoked or malformed
 * token answers the same 404, and counts against the client (calendar-throttle.server.ts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse } from "~/calendar.server";
import { countCalendarFailure, isCalendarClientBlocked } from "~/calendar-throttle.server";
import { getDb } from "~/db.server";
import { clientAddress } from "~/login-throttle.server";
import { listDeadlinesForUser, userForCalendarToken } from "~/models/calendar.server";

const NOT_FOUND = "Kalenderen findes ikke";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await getDb();
  const address = clientAddress(request, context);
  if (await isCalendarClientBlocked(db, address)) {
    return new Response("For mange forkerte kalenderadresser. Prøv igen senere.", {
      status: 429,
      headers: { "Retry-After": "3600" },
    });
  }
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const user = await userForCalendarToken(db, token);
  if (!user) {
    await countCalendarFailure(db, address);
    return new Response(NOT_FOUND, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const deadlines = await listDeadlinesForUser(db, user);
  return calendarResponse(request, deadlines, {
    name: `Frister i Samarbejdsaftaler – ${user.name}`,
    cacheControl: "private, max-age=300",
  });
}
