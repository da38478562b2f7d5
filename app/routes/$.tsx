/** Any unknown address: a Danish 404 page. */
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/http.server";

export function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
