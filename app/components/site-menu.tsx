/**
 * The header's menu (the main navigation and the user's links). On a wide screen it is a row in the
 * header; on a phone it folds into a «Menu» button that opens it over the page, so the header is
 * one line. It is a <details> disclosure, so it opens and closes without JavaScript too; on wide
 * screens the stylesheet shows its content even while closed (app.css, "Phones"). In the browser
 * it is kept open on wide screens (so its state matches what is shown) and closes on a phone after
 * the user follows a link.
 */
import { useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

/** Keep in step with the media query in app.css ("Phones"). */
const WIDE = "(min-width: 48rem)";

export function SiteMenu({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    const details = menu.current;
    if (!details) return;
    const wide = window.matchMedia(WIDE);
    const update = () => {
      details.open = wide.matches;
    };
    update();
    wide.addEventListener("change", update);
    return () => wide.removeEventListener("change", update);
    // Runs again after every navigation: a phone's menu closes when its link has been followed.
  }, [key]);
  return (
    <details ref={menu} className="site-menu">
      <summary>Menu</summary>
      <div className="site-menu-content">{children}</div>
    </details>
  );
}
