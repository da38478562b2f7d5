/** The user guide's pictures (docs/brugervejledning/*.png) for the help page. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { notFound } from "~/http.server";
import { readUserGuideImage } from "~/models/user-guide.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const image = await readUserGuideImage(params.image ?? "");
  if (!image) throw notFound("Billedet findes ikke.");
  return new Response(new Uint8Array(image), {
    headers: {
      "Content-Type": "image/png",
      "Content-Length": String(image.length),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
