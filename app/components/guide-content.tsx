/**
 * Renders the user guide's blocks (app/domain/user-guide.ts) as React elements: headings with
 * ids, paragraphs, lists, emphasis, links, pictures and code. No markup from the file is ever
 * injected; every element is one of these.
 */
import type { ReactNode } from "react";
import type { GuideBlock, GuideInline } from "~/domain/user-guide";

function Inlines({ nodes }: { nodes: GuideInline[] }): ReactNode {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return node.value;
      case "strong":
        return (
          <strong key={i}>
            <Inlines nodes={node.children} />
          </strong>
        );
      case "emphasis":
        return (
          <em key={i}>
            <Inlines nodes={node.children} />
          </em>
        );
      case "code":
        return <code key={i}>{node.value}</code>;
      case "break":
        return <br key={i} />;
      case "link": {
        const external = /^https?:/i.test(node.href);
        return (
          <a key={i} href={node.href} {...(external ? { rel: "noreferrer" } : {})}>
            <Inlines nodes={node.children} />
          </a>
        );
      }
      case "image":
        return <img key={i} src={node.src} alt={node.alt} loading="lazy" />;
    }
  });
}

/** A paragraph that holds only a picture becomes a figure, so it prints and scales as one. */
function isPicture(block: GuideBlock): boolean {
  return (
    block.type === "paragraph" && block.children.length === 1 && block.children[0]!.type === "image"
  );
}

export function GuideBlocks({ blocks }: { blocks: GuideBlock[] }): ReactNode {
  return blocks.map((block, i) => {
    if (block.type === "paragraph" && isPicture(block)) {
      return (
        <figure key={i} className="guide-figure">
          <Inlines nodes={block.children} />
        </figure>
      );
    }
    switch (block.type) {
      case "heading": {
        const Tag = `h${block.depth}` as const;
        return (
          <Tag key={i} id={block.id}>
            <Inlines nodes={block.children} />
          </Tag>
        );
      }
      case "paragraph":
        return (
          <p key={i}>
            <Inlines nodes={block.children} />
          </p>
        );
      case "list": {
        const items = block.items.map((item, j) => (
          <li key={j}>
            <GuideBlocks blocks={item} />
          </li>
        ));
        return block.ordered ? (
          <ol key={i} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
      case "code":
        return (
          <pre key={i}>
            <code>{block.value}</code>
          </pre>
        );
      case "quote":
        return (
          <blockquote key={i}>
            <GuideBlocks blocks={block.children} />
          </blockquote>
        );
      case "rule":
        return <hr key={i} />;
    }
  });
}
