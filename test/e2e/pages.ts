/**
 * The pages each demo role can reach, found the way the user finds them: log in, start at "/" and
 * follow the links on every page, breadth first. Only same-origin GET pages that answer with HTML
 * count; downloads (a `download` attribute, or a path that names a file), "/logout" and the
 * calendar feed are skipped. Pages of the same kind are visited once: numbers in the path and the
 * query (ids and years) are replaced by ":n", so "/plans/1/agreements/1" and
 * "/plans/1/agreements/2" are one pattern, and the first one found in link order stands for it.
 * The order is the order of the links in the pages' HTML, so the list is the same on every run
 * over the same data. So the number of pages depends on the number of kinds of page, not on how
 * many rows the data has.
 *
 * Each page also carries a fingerprint of its <main> element's HTML as the server sent it, so a
 * page whose content is the same for several roles (a help page, a plan page a reader and a board
 * member see alike) can be checked once; where a role sees something else on it, the fingerprints
 * differ and each version is checked.
 */
import { createHash } from "node:crypto";
import type { APIRequestContext } from "playwright-core";
import { DEMO_USERS } from "../../db/demo-users";

/** The roles whose pages the browser tests check, by their key in DEMO_USERS. */
export const CRAWLED_ROLES = [
  "secretariat",
  "board",
  "reporter",
  "viewer",
  "otherPlan",
  "fundAdmin",
  "applicant",
  "admin",
] as const satisfies readonly (keyof typeof DEMO_USERS)[];

export type CrawledRole = (typeof CRAWLED_ROLES)[number];

export interface CrawledPage {
  /** Path and query, as linked ("/plans/1/reports/2025"). */
  path: string;
  /** The path with its numbers replaced ("/plans/:n/reports/:n"). */
  pattern: string;
  /** A hash of the <main> element's HTML: pages with the same one show the same content. */
  fingerprint: string;
}

export interface CrawlResult {
  pages: CrawledPage[];
  /** Links that answered neither HTML nor a redirect to it: "path → status" (a dead end for the user). */
  broken: string[];
}

/**
 * A hash of the HTML of the page's <main> element (the whole page if it has none). The header and
 * menu around it are the role's own and the same on all its pages; the script data after it
 * carries the session's user, so they are left out.
 */
export function mainFingerprint(html: string): string {
  const start = html.search(/<main[\s>]/i);
  const end = html.lastIndexOf("</main>");
  const main = start >= 0 && end > start ? html.slice(start, end) : html;
  return createHash("sha256").update(main).digest("hex").slice(0, 16);
}

/** Paths that are files, feeds or actions rather than pages. */
const SKIPPED_PATH =
  /\.(docx|xlsx|zip|png|svg|ics|pdf|csv|json|txt|jpe?g|gif|webp)$|\/(file|download)$|^\/(logout|calendar\/|build\/|healthz)/;

/** "/plans/12/reports/2025?year=2024" → "/plans/:n/reports/:n?year=:n". */
export function pagePattern(path: string): string {
  const url = new URL(path, "http://x");
  const pathname = url.pathname.replace(/\/\d+(?=\/|$)/g, "/:n");
  const query = [...url.searchParams.entries()]
    .map(([key, value]) => `${key}=${value.replace(/\d+/g, ":n")}`)
    .sort()
    .join("&");
  return query ? `${pathname}?${query}` : pathname;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** The hrefs of the page's <a> elements without a download attribute, in document order. */
export function pageLinks(html: string): string[] {
  const links: string[] = [];
  for (const [tag] of html.matchAll(/<a\s[^>]*>/gi)) {
    if (/\sdownload(?=[\s=>/])/i.test(tag)) continue;
    const href = /\shref="([^"]*)"/i.exec(tag)?.[1];
    if (href !== undefined) links.push(decodeEntities(href));
  }
  return links;
}

/**
 * Crawls the app as the user whose session `request` carries (a browser context's `request`, which
 * shares its cookies), from "/". More than `limit` page patterns is an error rather than a silent
 * cut: a page that is never reached is never checked.
 */
export async function crawlPages(
  request: APIRequestContext,
  baseUrl: string,
  { limit = 250 } = {},
): Promise<CrawlResult> {
  const origin = new URL(baseUrl).origin;
  const pages: CrawledPage[] = [];
  const broken: string[] = [];
  const seen = new Set<string>();
  const queue: string[] = ["/"];
  seen.add(pagePattern("/"));

  while (queue.length > 0) {
    if (pages.length >= limit) throw new Error(`More than ${limit} kinds of page: raise the limit`);
    const path = queue.shift()!;
    const response = await request.get(`${origin}${path}`, { maxRedirects: 0 });
    const status = response.status();
    if (status >= 300 && status < 400) {
      // A link that redirects (a list that opens its newest item, say) leads to that page.
      const location = response.headers()["location"];
      if (location) enqueue(location);
      continue;
    }
    const type = response.headers()["content-type"] ?? "";
    if (status !== 200 || !type.startsWith("text/html")) {
      if (status !== 200) broken.push(`${path} → ${status}`);
      continue;
    }
    const html = await response.text();
    pages.push({ path, pattern: pagePattern(path), fingerprint: mainFingerprint(html) });
    for (const href of pageLinks(html)) enqueue(href, path);
  }
  return { pages, broken };

  function enqueue(href: string, from = "/") {
    if (href.startsWith("#") || /^(mailto|tel|javascript):/i.test(href)) return;
    const url = new URL(href, `${origin}${from}`);
    if (url.origin !== origin || SKIPPED_PATH.test(url.pathname)) return;
    const path = `${url.pathname}${url.search}`;
    const pattern = pagePattern(path);
    if (seen.has(pattern)) return;
    seen.add(pattern);
    queue.push(path);
  }
}
