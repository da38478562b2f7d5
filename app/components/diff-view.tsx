/**
 * The board's view of what changed between two versions of an agreement: the same AgreementDiff
 * that drives the tracked-changes Word document, laid out like the agreement. Insertions are <ins>
 * and deletions <del> (underlined and struck through, with visually hidden "tilføjet:"/"slettet:"
 * for screen readers), items carry text badges, so nothing relies on colour alone.
 *
 * By default only changes are shown; the filter is a plain link (`?all=1`), so it works without
 * JavaScript and the filtered page can be bookmarked or printed.
 */
import { YearColumnsHead } from "~/components/year-columns-head";
import { Fragment, type ReactNode } from "react";
import type {
  ActivityDiff,
  AgreementDiff,
  BudgetRowDiff,
  SectionDiff,
} from "~/domain/agreement-diff";
import type { ChangeKind, ItemDiff, ParagraphDiff, Segment } from "~/domain/diff";
import { formatAmount } from "~/domain/format";
import { ScrollTable, TableCaption } from "./scroll-table";

/** The query parameter that turns the "only changes" filter off. */
export const SHOW_ALL_PARAM = "all";
/** The Danish name it had before (`?alle=1`), still accepted so old bookmarks keep working. */
const OLD_SHOW_ALL_PARAM = "alle";

/** Whether a review URL's query asks for everything, not only the changes. */
export function isShowAll(searchParams: URLSearchParams): boolean {
  return searchParams.get(SHOW_ALL_PARAM) === "1" || searchParams.get(OLD_SHOW_ALL_PARAM) === "1";
}

type HeadingLevel = 2 | 3 | 4 | 5 | 6;

// --- words ------------------------------------------------------------------------------------

export function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.type === "insert" ? (
          <ins key={i}>
            <span className="sr-only">tilføjet: </span>
            {s.text}
          </ins>
        ) : s.type === "delete" ? (
          <del key={i}>
            <span className="sr-only">slettet: </span>
            {s.text}
          </del>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </>
  );
}

// --- summary and filter -----------------------------------------------------------------------

const countLabels: [keyof AgreementDiff["counts"], string][] = [
  ["changed", "ændret"],
  ["added", "tilføjet"],
  ["removed", "fjernet"],
  ["moved", "flyttet"],
];

/** "3 ændret, 1 tilføjet, 1 fjernet, 1 flyttet" (only the kinds that occur). */
export function diffSummary(counts: AgreementDiff["counts"]): string {
  const parts = countLabels
    .filter(([key]) => counts[key] > 0)
    .map(([key, l]) => `${counts[key]} ${l}`);
  return parts.length ? parts.join(", ") : "Ingen ændringer";
}

function DiffFilter({ path, showAll }: { path: string; showAll: boolean }) {
  return (
    <nav className="diff-filter no-print" aria-label="Visning af ændringer">
      <ul>
        <li>
          <a href={path} aria-current={showAll ? undefined : "true"}>
            Vis kun ændringer
          </a>
        </li>
        <li>
          <a href={`${path}?${SHOW_ALL_PARAM}=1`} aria-current={showAll ? "true" : undefined}>
            Vis hele aftalen
          </a>
        </li>
      </ul>
    </nav>
  );
}

// --- badges -----------------------------------------------------------------------------------

const kindLabels: Record<Exclude<ChangeKind, "unchanged">, string> = {
  added: "Tilføjet",
  removed: "Fjernet",
  changed: "Ændret",
};

function ChangeBadges({ kind, moved = false }: { kind: ChangeKind; moved?: boolean }) {
  if (kind === "unchanged" && !moved) return null;
  return (
    <span className="diff-badges">
      {kind !== "unchanged" ? (
        <span className={`badge diff-badge diff-badge-${kind}`}>{kindLabels[kind]}</span>
      ) : null}
      {moved ? <span className="badge diff-badge diff-badge-moved">Flyttet</span> : null}
    </span>
  );
}

// --- text sections ----------------------------------------------------------------------------

function paragraphClass(p: ParagraphDiff): string {
  return `diff-para diff-para-${p.kind}`;
}

/** Paragraphs and bullets (consecutive bullets share one list), as the document has them. */
function Paragraphs({
  paragraphs,
  headingLevel,
}: {
  paragraphs: ParagraphDiff[];
  headingLevel: HeadingLevel;
}) {
  const blocks: (ParagraphDiff | ParagraphDiff[])[] = [];
  for (const p of paragraphs) {
    const last = blocks[blocks.length - 1];
    if (p.style === "bullet" && Array.isArray(last)) last.push(p);
    else blocks.push(p.style === "bullet" ? [p] : p);
  }
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="diff-text">
      {blocks.map((block, i) => {
        if (Array.isArray(block)) {
          return (
            <ul key={i}>
              {block.map((p, j) => (
                <li key={j} className={paragraphClass(p)}>
                  <Segments segments={p.segments} />
                </li>
              ))}
            </ul>
          );
        }
        if (block.style === "heading") {
          return (
            <Heading key={i} className={paragraphClass(block)}>
              <Segments segments={block.segments} />
            </Heading>
          );
        }
        return (
          <p key={i} className={paragraphClass(block)}>
            <Segments segments={block.segments} />
          </p>
        );
      })}
    </div>
  );
}

function HiddenNote({ count, noun }: { count: number; noun: [string, string] }) {
  if (!count) return null;
  return (
    <p className="muted small diff-hidden-note">
      {count} {count === 1 ? noun[0] : noun[1]} uden ændringer er skjult.
    </p>
  );
}

// --- item sections ----------------------------------------------------------------------------

function isItemChanged(item: ItemDiff): boolean {
  return item.kind !== "unchanged" || item.moved;
}

function Items({ items, showAll }: { items: ItemDiff[]; showAll: boolean }) {
  const shown = showAll ? items : items.filter(isItemChanged);
  return (
    <>
      <ul className="diff-items">
        {shown.map((item) => {
          const fields = item.fields.filter((f) => (showAll ? f.segments.length > 0 : f.changed));
          return (
            <li key={item.id} className={`diff-item diff-item-${item.kind}`}>
              <div className="diff-item-head">
                <ChangeBadges kind={item.kind} moved={item.moved} />
                <span className="diff-item-title">
                  <Segments segments={item.title} />
                </span>
              </div>
              {fields.length ? (
                <dl className="diff-fields">
                  {fields.map((f) => (
                    <div key={f.label}>
                      <dt>{f.label}:</dt>
                      <dd>
                        <Segments segments={f.segments} />
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </li>
          );
        })}
      </ul>
      {!showAll ? (
        <HiddenNote count={items.length - shown.length} noun={["punkt", "punkter"]} />
      ) : null}
    </>
  );
}

// --- budget -----------------------------------------------------------------------------------

function Amount({ before, after }: { before: number | null; after: number | null }) {
  if (before === after) return <>{before == null ? "–" : formatAmount(before)}</>;
  return (
    <>
      {before != null ? (
        <del>
          <span className="sr-only">slettet: </span>
          {formatAmount(before)}
        </del>
      ) : null}
      {before != null && after != null ? " " : null}
      {after != null ? (
        <ins>
          <span className="sr-only">tilføjet: </span>
          {formatAmount(after)}
        </ins>
      ) : null}
    </>
  );
}

function BudgetTable({
  title,
  years,
  rows,
  showAll,
}: {
  title: string;
  years: number[];
  rows: BudgetRowDiff[];
  showAll: boolean;
}) {
  const shown = showAll ? rows : rows.filter((r) => r.kind !== "unchanged");
  return (
    <>
      <ScrollTable>
        <table className="data diff-budget">
          <TableCaption className="sr-only">{title}: ændringer pr. år</TableCaption>
          <YearColumnsHead label="Organisation" years={years} />
          <tbody>
            {shown.map((row, i) => (
              <tr
                key={`${i}-${row.label}`}
                className={`${row.strong ? "strong-row" : "sub-row"} diff-row-${row.kind}`}
              >
                <th scope="row">
                  {row.label} <ChangeBadges kind={row.kind} />
                </th>
                {row.cells.map((c) => (
                  <td key={c.year} className="num">
                    <Amount before={c.before} after={c.after} />
                  </td>
                ))}
                <td className="num">
                  <Amount before={row.totalBefore} after={row.totalAfter} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {!showAll ? (
        <HiddenNote count={rows.length - shown.length} noun={["række", "rækker"]} />
      ) : null}
    </>
  );
}

// --- sections ---------------------------------------------------------------------------------

function SectionBody({
  section,
  showAll,
  headingLevel,
}: {
  section: SectionDiff;
  showAll: boolean;
  /** The level of the section's own heading; headings inside its text go one below. */
  headingLevel: HeadingLevel;
}) {
  const inner = Math.min(headingLevel + 1, 6) as HeadingLevel;
  if (section.kind === "budget") {
    return (
      <BudgetTable
        title={section.title}
        years={section.years}
        rows={section.rows}
        showAll={showAll}
      />
    );
  }
  if (section.kind === "items") {
    if (!section.items.length) return <p className="muted">Ikke udfyldt.</p>;
    return <Items items={section.items} showAll={showAll} />;
  }
  if (!section.paragraphs.length) return <p className="muted">Ikke udfyldt.</p>;
  const shown = showAll ? section.paragraphs : section.paragraphs.filter((p) => p.kind !== "equal");
  return (
    <>
      <Paragraphs paragraphs={shown} headingLevel={inner} />
      {!showAll ? (
        <HiddenNote count={section.paragraphs.length - shown.length} noun={["afsnit", "afsnit"]} />
      ) : null}
    </>
  );
}

function DiffSection({
  id,
  section,
  showAll,
  level,
}: {
  id: string;
  section: SectionDiff;
  showAll: boolean;
  level: HeadingLevel;
}) {
  const Heading = `h${level}` as const;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="diff-section">
      <Heading id={`${id}-title`}>
        {section.title}
        {section.changed ? null : <span className="muted small"> (uændret)</span>}
      </Heading>
      <SectionBody section={section} showAll={showAll} headingLevel={level} />
    </section>
  );
}

function isActivityChanged(a: ActivityDiff): boolean {
  return a.kind !== "unchanged" || a.moved;
}

function Activity({ activity, showAll }: { activity: ActivityDiff; showAll: boolean }) {
  const id = `diff-activity-${activity.id}`;
  const sections = showAll ? activity.sections : activity.sections.filter((s) => s.changed);
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className={`diff-activity diff-item-${activity.kind}`}
    >
      <h3 id={`${id}-title`}>
        <Segments segments={activity.title} />{" "}
        <ChangeBadges kind={activity.kind} moved={activity.moved} />
      </h3>
      {sections.map((s) => (
        <DiffSection key={s.key} id={`${id}-${s.key}`} section={s} showAll={showAll} level={4} />
      ))}
      {!showAll && activity.kind === "unchanged" ? (
        <p className="muted small">Indholdet er uændret; kun rækkefølgen er ændret.</p>
      ) : null}
    </section>
  );
}

// --- the whole diff ---------------------------------------------------------------------------

export function DiffView({
  diff,
  showAll,
  path,
}: {
  diff: AgreementDiff;
  /** Show unchanged sections, items and paragraphs too (the filter "Vis kun ændringer" off). */
  showAll: boolean;
  /** The page's own path, for the filter links. */
  path: string;
}): ReactNode {
  const sections = showAll ? diff.sections : diff.sections.filter((s) => s.changed);
  const activities = showAll ? diff.activities : diff.activities.filter(isActivityChanged);
  return (
    <div className="diff-view">
      <p className="diff-summary">
        {diff.hasChanges ? (
          <>
            <strong>Ændringer:</strong> {diffSummary(diff.counts)}
          </>
        ) : (
          "Der er ingen ændringer."
        )}
      </p>
      <DiffFilter path={path} showAll={showAll} />
      {sections.map((s) => (
        <DiffSection key={s.key} id={`diff-${s.key}`} section={s} showAll={showAll} level={2} />
      ))}
      {activities.length ? (
        <section aria-labelledby="diff-activities-title" className="diff-section">
          <h2 id="diff-activities-title">Aktiviteter</h2>
          {activities.map((a) => (
            <Activity key={a.id} activity={a} showAll={showAll} />
          ))}
          {!showAll ? (
            <HiddenNote
              count={diff.activities.length - activities.length}
              noun={["aktivitet", "aktiviteter"]}
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
