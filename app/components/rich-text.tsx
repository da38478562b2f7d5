/** Renders stored rich text (never HTML from the user: every run is React text). */
import { Fragment } from "react";
import type { Inline, RichText } from "~/domain/rich-text";

/**
 * The runs as text, a line break for each "\n", in <em>/<strong> where marked: no wrapper element
 * per run or line (a long agreement had over a hundred such spans).
 */
function Runs({ runs }: { runs: Inline[] }) {
  return (
    <>
      {runs.map((run, i) => {
        const parts = run.text.split("\n");
        let node: React.ReactNode =
          parts.length === 1
            ? run.text
            : parts.map((part, j) => (
                <Fragment key={j}>
                  {j > 0 ? <br /> : null}
                  {part}
                </Fragment>
              ));
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        return <Fragment key={i}>{node}</Fragment>;
      })}
    </>
  );
}

export function RichTextView({
  text,
  headingLevel = 4,
}: {
  text: RichText | null;
  headingLevel?: 3 | 4 | 5;
}) {
  if (!text) return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="rich-text">
      {text.blocks.map((block, i) => {
        if (block.type === "heading") {
          return (
            <Heading key={i}>
              <Runs runs={block.content} />
            </Heading>
          );
        }
        if (block.type === "list") {
          const List = block.ordered ? "ol" : "ul";
          return (
            <List key={i}>
              {block.items.map((item, j) => (
                <li key={j}>
                  <Runs runs={item} />
                </li>
              ))}
            </List>
          );
        }
        return (
          <p key={i}>
            <Runs runs={block.content} />
          </p>
        );
      })}
    </div>
  );
}
