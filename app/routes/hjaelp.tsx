/** "Hjælp": the user guide (docs/brugervejledning.md) for every signed-in user. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { GuideBlocks } from "~/components/guide-content";
import { PageHeader } from "~/components/page-header";
import type { Guide } from "~/domain/user-guide";
import { notFound } from "~/http.server";
import { readUserGuide } from "~/models/user-guide.server";
import guideStyles from "~/styles/guide.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guideStyles }];

export const meta: MetaFunction = () => [{ title: "Hjælp · Samarbejdsaftaler" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const guide = await readUserGuide();
  if (!guide) throw notFound("Brugervejledningen findes ikke på denne installation.");
  return { guide };
}

export default function Help() {
  // The guide's recursive block types are plain JSON already; Remix's Jsonify of them adds nothing.
  const { guide } = useLoaderData<typeof loader>() as { guide: Guide };
  return (
    <article className="guide">
      <PageHeader title={guide.title} />
      {guide.chapters.length ? (
        <nav aria-labelledby="guide-toc-title" className="guide-toc">
          <h2 id="guide-toc-title">Indhold</h2>
          <ol>
            {guide.chapters.map((chapter) => (
              <li key={chapter.id}>
                <a href={`#${chapter.id}`}>{chapter.title}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <GuideBlocks blocks={guide.blocks} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
