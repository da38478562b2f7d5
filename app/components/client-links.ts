/**
 * Plain anchors that still navigate inside the app: one click listener on a container instead of a
 * <Link> per anchor. The agreement page has an edit link per section, row and activity and one per
 * open checklist item (over a hundred on a large agreement); rendering each as a <Link> cost about
 * 25 µs of server time apiece (its router hooks), a plain <a> a tenth of that. The listener does
 * what <Link> does on a click: a plain left click on an app path navigates client-side; a click
 * with a modifier key, on a download, another target or another origin is left to the browser.
 * Before hydration the anchors are ordinary links, as <Link>s are.
 */
import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, type RefObject } from "react";

export function useClientLinks<T extends HTMLElement>(): RefObject<T> {
  const ref = useRef<T>(null);
  const navigate = useNavigate();
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || !container.contains(anchor)) return;
      // Only app paths ("/…"): in-page anchors ("#…") scroll as the browser does.
      if (!anchor.getAttribute("href")?.startsWith("/")) return;
      if (anchor.hasAttribute("download") || (anchor.target && anchor.target !== "_self")) return;
      if (anchor.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(`${anchor.pathname}${anchor.search}${anchor.hash}`);
    };
    container.addEventListener("click", onClick);
    return () => container.removeEventListener("click", onClick);
  }, [navigate]);
  return ref;
}
