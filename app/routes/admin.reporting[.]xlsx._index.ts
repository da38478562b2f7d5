/** The roll-up download's old address (/admin/reporting.xlsx): moved to /admin/rollup.xlsx. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/admin/rollup.xlsx${new URL(request.url).search}`, 301);
}
