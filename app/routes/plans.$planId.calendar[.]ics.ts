/** Download one plan's deadlines as an .ics file (members of the plan; others 404). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { calendarResponse } from "~/calendar.server";
import { getDb } from "~/db.server";
import { calendarFileName } from "~/domain/calendar";
import { listDeadlinesForPlan } from "~/models/calendar.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const planId = requireIdParam(params, "planId");
  const { planName, deadlines } = await listDeadlinesForPlan(await getDb(), user, planId);
  return calendarResponse(request, deadlines, {
    name: `Frister – ${planName}`,
    fileName: calendarFileName(planName),
    cacheControl: "private, no-store",
  });
}
