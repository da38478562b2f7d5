/**
 * The message an action left for the next page (`redirectWithFlash`), read from its reply's
 * Set-Cookie as the root loader would read it when the browser follows the redirect.
 */
import { readFlash } from "~/flash.server";
import type { RouteResult } from "./routes";

/** The flash text the reply carries, or null when it carries none. */
export async function flashOf(res: RouteResult | Response): Promise<string | null> {
  const setCookie = res.headers.get("Set-Cookie");
  if (!setCookie) return null;
  const request = new Request("http://localhost/", {
    headers: { Cookie: setCookie.split(";")[0]! },
  });
  return (await readFlash(request)).flash?.text ?? null;
}
