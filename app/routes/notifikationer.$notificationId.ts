/**
 * Opening a notification: marks it read and goes to the thing it is about. Only the user's own;
 * another user's id is a 404, as if it did not exist.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { getDb } from "~/db.server";
import { openNotification } from "~/models/notifications.server";
import { requireIdParam } from "~/route-helpers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireIdParam(params, "notificationId");
  return redirect(await openNotification(await getDb(), user.id, id, new Date()));
}
