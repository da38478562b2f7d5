/**
 * The Word import refuses every file it must not read, with a Danish message that names the file
 * and says what to do, quickly and without unpacking a zip bomb into memory.
 */
import vm from "node:vm";
import v8 from "node:v8";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflateRaw } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  checkDocxFile,
  ImportFileError,
  type ImportFileErrorCode,
} from "~/import/docx-file.server";
import { readAgreementDocx } from "~/import/read-docx.server";
import {
  deflatedZeros,
  HOSTILE_FILES,
  lyingZipBomb,
  minimalDocx,
  spreadZipBomb,
  ZIP_BOMB_BYTES,
  zipBomb,
  type HostileFile,
} from "../helpers/hostile-docx";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** What each message must say to the user (besides the file's name). */
const SAYS: Record<ImportFileErrorCode, RegExp> = {
  empty: /er tom/,
  "too-large": /fylder mere end 20 MB/,
  "not-docx": /ikke et Word-dokument \(\.docx\)\. Gem .* som \.docx i Word og prøv igen\./,
  "legacy-doc": /er i det gamle Word-format \(\.doc\)\. .*gem den som Word-dokument \(\.docx\)/,
  encrypted: /er beskyttet med adgangskode/,
  macros: /indeholder makroer/,
  "zip-bomb": /fylder urimeligt meget, når den pakkes ud/,
  corrupt: /er beskadiget og kan ikke læses/,
  "no-text": /indeholder ingen tekst/,
};

async function refusal(file: HostileFile): Promise<ImportFileError> {
  try {
    await readAgreementDocx(file.bytes, file.name);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error(`${file.name} was read without complaint`);
}

function memoryInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

describe("hostile files are refused with a Danish message that names the file", () => {
  it.each(HOSTILE_FILES.map((build) => [build.name, build] as const))("%s", async (_, build) => {
    const file = build();
    const started = performance.now();
    const error = await refusal(file);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.code).toBe(file.code);
    expect(error.message).toContain(`"${file.name}"`);
    expect(error.message).toMatch(SAYS[file.code]);
    // A route that lets it through answers 400, never 500.
    expect(error.domainErrorKind).toBe("invalid");
    // Everything but the text check is refused before the Word reader runs.
    if (file.code === "no-text") {
      expect(() => checkDocxFile(file.bytes, file.name)).not.toThrow();
    } else {
      expect(() => checkDocxFile(file.bytes, file.name)).toThrow(error.message);
    }
  });

  it("says what a renamed file really is", async () => {
    const names = new Map<string, string>();
    for (const build of HOSTILE_FILES) {
      const file = build();
      if (file.code === "not-docx") names.set(file.name, (await refusal(file)).message);
    }
    expect(names.get("delaftale.pdf.docx")).toMatch(/er en PDF-fil, ikke et Word-dokument/);
    expect(names.get("delaftale.docx")).toMatch(/er en RTF-fil/);
    expect(names.get("budget.docx")).toMatch(/er et regneark/);
    expect(names.get("delaftale.odt")).toMatch(/er et OpenDocument-dokument \(\.odt\)/);
  });

  it("names the file without the browser's folder or control characters", () => {
    expect(() => checkDocxFile(new Uint8Array(0), "C:\\fakepath\\Delaftale\u0007.docx")).toThrow(
      '"Delaftale.docx" er tom',
    );
  });

  it("calls an unreadable compound file an old .doc", () => {
    const bytes = new Uint8Array(600);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(() => checkDocxFile(bytes, "gammel.doc")).toThrow(/gamle Word-format/);
  });
});

describe("a zip bomb is refused quickly with bounded memory", () => {
  it("the bomb is real: its part inflates to 300 MB", async () => {
    const data = deflatedZeros(ZIP_BOMB_BYTES);
    let size = 0;
    // Node's own zlib, not fflate (the reader's inflater): an independent check, and 10x faster.
    await pipeline(Readable.from([data]), createInflateRaw(), async (chunks) => {
      for await (const chunk of chunks) size += (chunk as Buffer).length;
    });
    expect(size).toBe(ZIP_BOMB_BYTES);
    expect(data.length).toBeLessThan(3 * 1024 * 1024);
  });

  it.each([
    ["honest header", zipBomb],
    ["lying header", lyingZipBomb],
    ["ten parts", spreadZipBomb],
  ] as const)("%s: refused in under 2 s, memory up by less than 100 MB", (_, build) => {
    const file = build();
    gc();
    const before = memoryInUse();
    const started = performance.now();
    expect(() => checkDocxFile(file.bytes, file.name)).toThrow(ImportFileError);
    const elapsed = performance.now() - started;
    // Measured before any collection: garbage made on the way counts too.
    const grown = memoryInUse() - before;
    expect(elapsed).toBeLessThan(2000);
    expect(grown).toBeLessThan(100 * 1024 * 1024);
  });
});

describe("good files pass", () => {
  it("a small .docx passes the checks and is read", async () => {
    const bytes = minimalDocx(["Delaftale for indsatsområdet Tryghed og trivsel", "Formål:"]);
    expect(() => checkDocxFile(bytes, "delaftale.docx")).not.toThrow();
    const document = await readAgreementDocx(bytes, "delaftale.docx");
    expect(document.blocks.map((block) => block.text)).toEqual([
      "Delaftale for indsatsområdet Tryghed og trivsel",
      "Formål:",
    ]);
    expect(document.wordCount).toBe(7);
  });
});
