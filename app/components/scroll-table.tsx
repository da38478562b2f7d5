/**
 * A table that may be wider than the screen (a phone, a year per column): it scrolls sideways in
 * its own box, never the page. The box is a region named by the table's caption, and it is in the
 * tab order so that keyboard users can scroll it with the arrow keys (WCAG 2.1.1; axe's
 * `scrollable-region-focusable`). As served, every box is focusable, so the page works without
 * JavaScript; in the browser a box that fits its table leaves the tab order (and stops being a
 * landmark) until it no longer fits, so wide screens get no needless tab stops.
 *
 *   <ScrollTable>
 *     <table className="data">
 *       <TableCaption className="sr-only">Budget pr. år</TableCaption>
 *       …
 *     </table>
 *   </ScrollTable>
 *
 * Or, for a table named by a heading outside it: <ScrollTable labelledBy="budget-title">; for one
 * whose caption is not a TableCaption (a shared table component): <ScrollTable label="Budget">.
 */
import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from "react";

const CaptionId = createContext<string | undefined>(undefined);

export function ScrollTable({
  labelledBy,
  label,
  children,
}: {
  /** The id of the heading that names the table, when it has no TableCaption. */
  labelledBy?: string;
  /** The box's name as text, when neither a TableCaption nor a heading names it. */
  label?: string;
  children: ReactNode;
}) {
  const captionId = useId();
  const [nameAttribute, name] =
    label != null
      ? (["aria-label", label] as const)
      : (["aria-labelledby", labelledBy ?? captionId] as const);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // Set on the element itself, in the same frame as the resize. React renders the focusable
    // state and never changes these attributes afterwards, so it does not undo this.
    const update = () => {
      const scrolls = element.scrollWidth > element.clientWidth + 1;
      if (scrolls) {
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "region");
        element.setAttribute(nameAttribute, name);
      } else if (document.activeElement !== element) {
        // A plain box: no name either (ARIA does not allow naming a generic element).
        element.removeAttribute("tabindex");
        element.removeAttribute("role");
        element.removeAttribute(nameAttribute);
      }
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [nameAttribute, name]);
  return (
    // A box that scrolls must be reachable by keyboard (axe: scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div ref={box} className="table-wrap" role="region" {...{ [nameAttribute]: name }} tabIndex={0}>
      <CaptionId.Provider value={captionId}>{children}</CaptionId.Provider>
    </div>
  );
}

/** The caption of the table in a ScrollTable; it names the scrolling box. */
export function TableCaption({ className, children }: { className?: string; children: ReactNode }) {
  const id = useContext(CaptionId);
  return (
    <caption id={id} className={className}>
      {children}
    </caption>
  );
}
