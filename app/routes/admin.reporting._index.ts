/**
 * The roll-up's old address (/admin/reporting, named before "reporting" came to mean the plans'
 * yearly deadlines): moved permanently to /admin/rollup, query kept, so bookmarks keep working.
 * An index route rather than admin.reporting.ts so the moved page keeps its file history.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/admin/rollup${new URL(request.url).search}`, 301);
}
