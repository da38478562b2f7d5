/** A trivial resource route: the framework's floor in benchmarks, and a liveness probe. */
export function loader() {
  return new Response("ok", {
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}
