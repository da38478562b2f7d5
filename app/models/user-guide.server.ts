/**
 * Reads the user guide and its pictures from the docs folder (DOCS_DIR, default "docs") at request
 * time, so a changed guide or a refreshed screenshot shows without a rebuild.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fromMarkdown } from "mdast-util-from-markdown";
import { GUIDE_IMAGE_NAME, buildGuide, type Guide } from "~/domain/user-guide";

function docsDir(): string {
  return path.resolve(process.env.DOCS_DIR ?? "docs");
}

/** The guide as blocks for the help page, or null when the file is missing. */
export async function readUserGuide(): Promise<Guide | null> {
  let text: string;
  try {
    text = await readFile(path.join(docsDir(), "brugervejledning.md"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return buildGuide(fromMarkdown(text));
}

/**
 * One of the guide's pictures, or null when the name is not a plain picture name or there is no
 * such file. The name is checked against a strict pattern before it touches the file system, so
 * no path ("../", "/", "%2e%2e") can reach outside docs/brugervejledning.
 */
export async function readUserGuideImage(name: string): Promise<Buffer | null> {
  if (!GUIDE_IMAGE_NAME.test(name)) return null;
  try {
    return await readFile(path.join(docsDir(), "brugervejledning", name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return null;
    throw error;
  }
}
