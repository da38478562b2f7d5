/**
 * The message after an action ("Problemkomplekset er gemt."), shown once near the top of <main>.
 * The live region is always in the page, so a message that arrives by client-side navigation is
 * announced; focus is never moved to it. It stays in view while the page scrolls to the saved
 * section, hides on the next navigation, can be closed, and is never printed.
 */
import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { parseFlash } from "~/domain/flash";

/** The message's element, for a page whose focused button vanished with the change. */
export const FLASH_MESSAGE_ID = "flash-message";

/** The root loader's `flash` (absent while the root loader failed: an error page). */
function useFlash() {
  const root = useRouteLoaderData<{ flash?: unknown }>("root");
  return parseFlash(root?.flash);
}

export function FlashMessage() {
  const flash = useFlash();
  const location = useLocation();
  // The location a message arrived with: root data is not reloaded on every navigation, so the
  // message would otherwise outlive the page it belongs to.
  const [arrival, setArrival] = useState(() =>
    flash ? { id: flash.id, key: location.key } : null,
  );
  const [closed, setClosed] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (flash && arrival?.id !== flash.id) setArrival({ id: flash.id, key: location.key });

  const visible =
    flash != null &&
    arrival?.id === flash.id &&
    arrival.key === location.key &&
    closed !== flash.id;
  return (
    <div className="flash-region no-print" role="status">
      {visible ? (
        <div className={`flash flash-${flash.kind}`} id={FLASH_MESSAGE_ID} tabIndex={-1}>
          <p>{flash.text}</p>
          {/* Closing needs JavaScript; without it the message is gone on the next page anyway. */}
          {hydrated ? (
            <button
              type="button"
              className="button button-link flash-close"
              onClick={() => setClosed(flash.id)}
            >
              Luk<span className="sr-only"> beskeden</span>
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
