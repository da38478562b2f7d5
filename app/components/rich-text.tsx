/** Renders stored rich text (never HTML from the user: every run is React text). */
import type { Inline, RichText } from "~/domain/rich-text";

function Runs({ runs }: { runs: Inline[] }) {
  return (
    <>
      {runs.map((run, i) => {
        const parts = run.text.split("\n");
        let node: React.ReactNode = parts.map((part, j) => (
          <span key={j}>
            {j > 0 ? <br /> : null}
            {part}
          </span>
        ));
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        return <span key={i}>{node}</span>;
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
