/**
 * LibreOffice as an independent reader of our Word documents, with its fields and indexes updated
 * as Word updates them on opening: `soffice --convert-to pdf` lays a document out but leaves a
 * table of contents as the file has it (entries without page numbers), so this runs a small Basic
 * macro in a throwaway user profile that loads the .docx hidden, updates every index (twice, so
 * page numbers settle once the contents have their final length) and the text fields, and stores
 * it as PDF. No Python-UNO needed: only `soffice` (libreoffice-writer-nogui).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** What soffice always prints on a machine without Java; harmless (test/documents need no Java). */
const HARMLESS_STDERR = [/^Warning: failed to launch javaldx - java may not function correctly$/];

/** The lines of soffice's stderr that are not known to be harmless. */
export function libreOfficeWarnings(stderr: string): string[] {
  return stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !HARMLESS_STDERR.some((harmless) => harmless.test(line)));
}

const MACRO = `
Sub RenderPdf
  On Error GoTo Failed
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ("RENDER_IN")), "_blank", 0, load())
  indexes = doc.getDocumentIndexes()
  For pass = 1 To 2
    For i = 0 To indexes.getCount() - 1
      indexes.getByIndex(i).update()
    Next i
  Next pass
  doc.getTextFields().refresh()
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "writer_pdf_Export"
  doc.storeToURL(ConvertToURL(Environ("RENDER_OUT")), store())
  doc.close(True)
  StarDesktop.terminate()
  Exit Sub
Failed:
  f = FreeFile
  Open Environ("RENDER_ERROR") For Output As #f
  Print #f, "Basic error " & Err & " at line " & Erl & ": " & Error$
  Close #f
  StarDesktop.terminate()
End Sub
`;

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The macro as the Standard library's Module1 of a (freshly initialised) user profile. */
function installMacro(profile: string): void {
  const standard = path.join(profile, "user", "basic", "Standard");
  const module = path.join(standard, "Module1.xba");
  if (!existsSync(module)) throw new Error(`LibreOffice did not create its profile in ${profile}`);
  writeFileSync(
    module,
    `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">${escapeXml(MACRO)}</script:module>
`,
  );
}

export interface RenderedPdf {
  /** The PDF, next to the .docx (same name, .pdf) unless `outDir` is given. */
  pdf: string;
  /** soffice's stderr, all of it (see libreOfficeWarnings). */
  stderr: string;
}

/**
 * The .docx as LibreOffice's PDF, with its tables of contents and fields updated first.
 * Each call uses a profile of its own, so calls may run in parallel.
 */
export function renderPdfWithFields(
  docx: string,
  { outDir }: { outDir?: string } = {},
): RenderedPdf {
  const source = path.resolve(docx);
  const pdf = path.join(
    outDir ? path.resolve(outDir) : path.dirname(source),
    `${path.basename(source, path.extname(source))}.pdf`,
  );
  const profile = mkdtempSync(path.join(os.tmpdir(), "lo-fields-"));
  const error = path.join(profile, "macro-error.txt");
  rmSync(pdf, { force: true });
  try {
    const soffice = (args: string[], env: Record<string, string> = {}) => {
      const result = spawnSync(
        "soffice",
        [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", ...args],
        { encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } },
      );
      if (result.error) throw result.error;
      if (result.status !== 0) {
        throw new Error(`soffice ${args.join(" ")} exited with ${result.status}: ${result.stderr}`);
      }
      return result.stderr;
    };
    // A first start creates the profile (and would overwrite a macro put there before).
    const initStderr = soffice(["--terminate_after_init"]);
    installMacro(profile);
    const stderr = soffice(["macro:///Standard.Module1.RenderPdf"], {
      RENDER_IN: source,
      RENDER_OUT: pdf,
      RENDER_ERROR: error,
    });
    if (existsSync(error)) throw new Error(`LibreOffice: ${readFileSync(error, "utf8").trim()}`);
    if (!existsSync(pdf)) throw new Error(`LibreOffice made no PDF of ${source}: ${stderr}`);
    return { pdf, stderr: initStderr + stderr };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
