/**
 * The progress report's Word document, read back with the JavaScript reader (test/helpers/docx.ts)
 * for headings, order, tables and text, and from its XML for what no reader shows: the status
 * colours and the page header. pandoc reads it too in test/documents.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgressReportView, type ProgressReportView } from "~/domain/progress-report";
import { buildProgressReportDocument } from "../../templates/progress-report";
import { renderDocx } from "../../templates/render";
import {
  ACTIVITY,
  FIXTURE_PLAN,
  FOCUS,
  HOSTILE,
  LOG,
  NOTES,
  progressReportInput,
} from "../fixtures/progress-report";
import { readDocxBuffer } from "../helpers/docx";
import { nodesOfType, textOf, type PandocNode } from "../helpers/pandoc";

interface ReadBack {
  text: string;
  headings: [number, string][];
  tables: string[][][];
  bullets: string[];
  numbered: string[];
  /** The XML parts of the .docx by name. */
  parts: Record<string, string>;
}

async function readBack(view: ProgressReportView): Promise<ReadBack> {
  const buffer = await renderDocx(buildProgressReportDocument(view));
  const doc = readDocxBuffer(buffer);
  return {
    text: doc.text,
    headings: doc.headings,
    tables: doc.tables,
    bullets: nodesOfType(doc.ast.blocks, "BulletList").flatMap((l) =>
      (l.c as PandocNode[][]).map(textOf),
    ),
    numbered: doc.orderedLists.flatMap((l) => l.items),
    parts: Object.fromEntries(doc.files),
  };
}

/** The visible text of a piece of WordprocessingML (its w:t elements), entities decoded. */
function xmlText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The cells of the table row that contains `text`: each cell's text and its shading fill. */
function rowCells(xml: string, text: string): { text: string; fill: string | null }[] {
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
  const row = rows.find((r) => xmlText(r).includes(text));
  if (!row) throw new Error(`No table row with ${text}`);
  return [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => ({
    text: xmlText(cell),
    fill: /<w:shd\b[^>]*\bw:fill="([0-9A-Fa-f]{6})"/.exec(cell)?.[1]?.toUpperCase() ?? null,
  }));
}

/** The table whose first row starts with these cells. */
function tableStartingWith(tables: string[][][], ...cells: string[]): string[][] {
  const table = tables.find((t) => cells.every((c, i) => t[0]?.[i] === c));
  if (!table) throw new Error(`No table starting with ${cells.join(" | ")}`);
  return table;
}

function indexOfAll(text: string, markers: string[]): number[] {
  return markers.map((marker) => {
    const at = text.indexOf(marker);
    expect(at, marker).toBeGreaterThanOrEqual(0);
    return at;
  });
}

describe("progress report document", () => {
  const view = buildProgressReportView(progressReportInput());
  let doc: ReadBack;
  beforeAll(async () => {
    doc = await readBack(view);
  });

  it("has the report's headings at their levels, in order, for the agreements of the year", () => {
    const agreementHeadings = (focusArea: string): [number, string][] => [
      [2, `Indsatsområde: ${focusArea}`],
      [3, "Succeskriterier"],
      [3, "Aktiviteternes status"],
      [3, "Aktivitetsloggen 2025"],
      [3, "Budget og forbrug 2025"],
    ];
    expect(doc.headings).toEqual([
      [1, "Statusrapport 2025"],
      [2, "Resumé"],
      [2, "Overblik"],
      [3, "Succeskriterier efter status"],
      [3, "Budget og forbrug 2025"],
      ...agreementHeadings(FOCUS.education),
      ...agreementHeadings(FOCUS.jobs),
      [2, "Det fungerede godt"],
      [2, "Ændringer til næste år"],
    ]);
    // The agreement that ended in 2024 is not part of the 2025 report.
    expect(doc.text).not.toContain(FOCUS.crime);
    expect(doc.text).not.toContain("Antal anmeldte indbrud i kældrene");
  });

  it("opens with the title, the plan and a table of facts", () => {
    expect(doc.text.startsWith(`Statusrapport 2025\n${FIXTURE_PLAN}\n`)).toBe(true);
    expect(doc.tables[0]).toEqual([
      ["Helhedsplan", FIXTURE_PLAN],
      ["Periode", "1. januar 2023 – 31. december 2026"],
      ["Rapportår", "2025"],
      ["Status", "Udkast"],
      ["Frist", "30. juni 2026"],
    ]);
  });

  it("puts the sections in order with the summary as real lists", () => {
    const positions = indexOfAll(doc.text, [
      "Resumé",
      "Året bød på flere børn i lektiecaféen",
      "Vigtigste resultater",
      "Overblik",
      `Indsatsområde: ${FOCUS.education}`,
      "Andel af børn i 0. klasse, der er sprogligt parate",
      "Aktiviteternes status",
      NOTES.homework,
      `Indsatsområde: ${FOCUS.jobs}`,
      NOTES.jobs,
      "Det fungerede godt",
      "Faste åbningstider",
      "Ændringer til næste år",
    ]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(doc.bullets).toEqual([
      "flere børn er sprogligt parate ved skolestart",
      "beskæftigelsen er steget en smule",
    ]);
    expect(doc.numbered).toEqual(["Samarbejdet med Engby Skole", "Forældrecaféen om lørdagen"]);
  });

  it("counts the criteria by status and sums up the plan's budget and spend", () => {
    expect(tableStartingWith(doc.tables, "Opfyldt")).toEqual([
      ["Opfyldt", "Delvist opfyldt", "Ikke opfyldt", "Ikke målt", "Ikke registreret", "I alt"],
      ["1", "2", "1", "1", "1", "6"],
    ]);
    expect(tableStartingWith(doc.tables, "Budget", "Forbrug")).toEqual([
      ["Budget", "Forbrug", "Forskel", "Landsbyggefondens andel af forbruget"],
      ["2.700.000 kr.", "2.410.000 kr.", "290.000 kr.", "74,3 %"],
    ]);
  });

  it("shows target against result and the status in words for every criterion", () => {
    const tables = doc.tables.filter((t) => t[0]?.[0] === "Succeskriterium");
    expect(tables).toHaveLength(2);
    const header = [
      "Succeskriterium",
      "Udgangspunkt",
      "Mål",
      "Resultat",
      "Status",
      "Kommentar og kilde",
    ];
    expect(tables[0]).toEqual([
      header,
      [
        "Andel af børn i 0. klasse, der er sprogligt parate",
        "62 % (2022)",
        "75 % (2026)",
        "76,5 %",
        "Opfyldt",
        "Over målet allerede i år\nKilde: Sprogvurderinger august 2025",
      ],
      [
        `Antal børn, der kommer fast i lektiecaféen\nAktivitet: ${ACTIVITY.homework}`,
        "12 børn (2022)",
        "30 børn (2026)",
        "10 børn",
        "Ikke opfyldt",
        HOSTILE,
      ],
      [
        `Forældrenes oplevelse af netværket\nAktivitet: ${ACTIVITY.parents}`,
        "",
        "",
        "Forældrene beskriver et tættere netværk",
        "Delvist opfyldt",
        "Kilde: Tre gruppeinterview",
      ],
    ]);
    expect(tables[1]).toEqual([
      header,
      [
        "Andel af beboere (16-64 år) i beskæftigelse",
        "48 % (2022)",
        "55 % (2026)",
        "46 %",
        "Delvist opfyldt\nForeslået: Ikke opfyldt. Begrundelse: Flere unge er gået i uddannelse og tæller ikke med",
        "",
      ],
      [
        `Antal forløb med jobvejledning\nAktivitet: ${ACTIVITY.jobs}`,
        "",
        "40 forløb (2025)",
        "–",
        "Ikke registreret",
        "",
      ],
      [
        "Tilfredshed med samarbejdet med jobcentret",
        "",
        "",
        "–",
        "Ikke målt",
        "Spørgeskemaet er udskudt til 2026",
      ],
    ]);
  });

  it("colours each status cell by its status, with the status in words in the same cell", () => {
    const xml = doc.parts["word/document.xml"]!;
    const expected: [string, string, string][] = [
      ["Andel af børn i 0. klasse", "Opfyldt", "C6EFCE"],
      ["Antal børn, der kommer fast", "Ikke opfyldt", "FFC7CE"],
      ["Forældrenes oplevelse", "Delvist opfyldt", "FFEB9C"],
      ["Andel af beboere (16-64 år)", "Delvist opfyldt", "FFEB9C"],
      ["Antal forløb med jobvejledning", "Ikke registreret", "F2F2F2"],
      ["Tilfredshed med samarbejdet", "Ikke målt", "E7E6E6"],
    ];
    for (const [criterion, status, fill] of expected) {
      const cells = rowCells(xml, criterion);
      expect(cells, criterion).toHaveLength(6);
      expect(cells[4]!.text.startsWith(status), criterion).toBe(true);
      expect(cells[4]!.fill, criterion).toBe(fill);
      // Only the status cell is coloured.
      for (const i of [0, 1, 2, 3, 5]) expect(cells[i]!.fill, `${criterion} ${i}`).toBeNull();
    }
  });

  it("lists every activity with its status note, or says there is none", () => {
    const notes = [
      ACTIVITY.homework,
      NOTES.homework,
      ACTIVITY.parents,
      "Ingen statusnote",
      ACTIVITY.jobs,
      NOTES.jobs,
    ];
    const positions = indexOfAll(
      doc.text,
      notes.map((n) => `\n${n}\n`),
    );
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Consecutive: each note right under its activity.
    expect(doc.text).toContain(notes.slice(0, 4).join("\n"));
  });

  it("counts each activity's logged events by kind and participants by group", () => {
    const table = tableStartingWith(doc.tables, "Aktivitet", "Hændelser", "Deltagere");
    expect(table.slice(1)).toEqual([
      [
        ACTIVITY.homework,
        [...LOG.homework.events, "I alt: 14"].join("\n"),
        [...LOG.homework.participants, "I alt: 1.158"].join("\n"),
      ],
      // An activity without log entries (the parents' network) has no row.
    ]);
    const jobs = tableStartingWith(doc.tables.slice(doc.tables.indexOf(table) + 1), "Aktivitet");
    expect(jobs.slice(1)).toEqual([
      [ACTIVITY.jobs, [...LOG.jobs.events, "I alt: 3"].join("\n"), "–"],
    ]);
  });

  it("shows budget against spend per funding source in Danish amounts", () => {
    const tables = doc.tables.filter((t) => t[0]?.[0] === "Finansieringskilde");
    expect(tables).toHaveLength(2);
    const header = ["Finansieringskilde", "Budget", "Forbrug", "Forskel", "Forbrugt af budget"];
    expect(tables[0]).toEqual([
      header,
      ["Landsbyggefonden", "1.200.000 kr.", "1.150.000 kr.", "50.000 kr.", "95,8 %"],
      ["Lokal medfinansiering", "450.000 kr.", "410.000 kr.", "40.000 kr.", "91,1 %"],
      ["Engby Kommune", "300.000 kr.", "320.000 kr.", "-20.000 kr.", "106,7 %"],
      ["Boligforeningen Engtoften", "150.000 kr.", "90.000 kr.", "60.000 kr.", "60,0 %"],
      ["I alt", "1.650.000 kr.", "1.560.000 kr.", "90.000 kr.", "94,5 %"],
    ]);
    expect(tables[1]).toEqual([
      header,
      ["Landsbyggefonden", "800.000 kr.", "640.000 kr.", "160.000 kr.", "80,0 %"],
      ["Lokal medfinansiering", "250.000 kr.", "210.000 kr.", "40.000 kr.", "84,0 %"],
      ["Engby Kommune", "250.000 kr.", "210.000 kr.", "40.000 kr.", "84,0 %"],
      ["I alt", "1.050.000 kr.", "850.000 kr.", "200.000 kr.", "81,0 %"],
    ]);
    expect(doc.text).toContain("Landsbyggefondens andel af forbruget: 73,7 %");
    expect(doc.text).toContain("Landsbyggefondens andel af forbruget: 75,3 %");
  });

  it("says so under an empty narrative section", () => {
    expect(doc.text.endsWith("Ændringer til næste år\nIkke udfyldt")).toBe(true);
    const xml = doc.parts["word/document.xml"]!;
    const paragraph = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .find((p) => xmlText(p) === "Ikke udfyldt");
    expect(paragraph).toMatch(/<w:i\/>/);
  });

  it("keeps markup-like text as text", () => {
    expect(doc.text).toContain(`Faste åbningstider og frivillige lektiehjælpere. ${HOSTILE}`);
    expect(doc.tables.flat(2)).toContain(HOSTILE);
    expect(doc.parts["word/document.xml"]).not.toContain("<w:p> &");
  });

  it("names plan, report and status in the page header and numbers the pages", () => {
    const headers = Object.entries(doc.parts).filter(([name]) =>
      /^word\/header\d*\.xml$/.test(name),
    );
    expect(headers.map(([, xml]) => xmlText(xml))).toContain(
      `${FIXTURE_PLAN} · Statusrapport 2025 · Udkast`,
    );
    const footers = Object.entries(doc.parts).filter(([name]) =>
      /^word\/footer\d*\.xml$/.test(name),
    );
    const footer = footers.map(([, xml]) => xml).join("");
    expect(xmlText(footer)).toContain("Side ");
    expect(footer).toMatch(/NUMPAGES/);
  });
});

describe("progress report document of a final report", () => {
  it("says it is final, when and by whom, in the facts and the header", async () => {
    const input = progressReportInput();
    const view = buildProgressReportView({
      ...input,
      report: {
        ...input.report!,
        status: "final",
        finalisedAt: "2026-05-12T08:30:00.000Z",
        finalisedBy: "Nadia Wulff",
      },
    });
    const doc = await readBack(view);
    expect(doc.tables[0]).toContainEqual(["Status", "Endelig"]);
    expect(doc.tables[0]).toContainEqual([
      "Gjort endelig",
      "12. maj 2026 kl. 10.30 af Nadia Wulff",
    ]);
    const header = Object.entries(doc.parts).find(([name]) => /^word\/header\d*\.xml$/.test(name));
    expect(xmlText(header![1])).toBe(`${FIXTURE_PLAN} · Statusrapport 2025 · Endelig`);
  });
});

describe("progress report document without text or agreements", () => {
  it("marks every narrative section as not filled in and says no agreement ran", async () => {
    const input = progressReportInput();
    const view = buildProgressReportView({ ...input, report: null, agreements: [] });
    const doc = await readBack(view);
    expect(doc.headings.map(([, text]) => text)).toEqual([
      "Statusrapport 2025",
      "Resumé",
      "Overblik",
      "Succeskriterier efter status",
      "Budget og forbrug 2025",
      "Det fungerede godt",
      "Ændringer til næste år",
    ]);
    expect(doc.text).toContain("Resumé\nIkke udfyldt\nOverblik");
    expect(doc.text).toContain(
      "Ingen delaftaler var gældende i 2025.\nDet fungerede godt\nIkke udfyldt",
    );
    expect(doc.text.endsWith("Ændringer til næste år\nIkke udfyldt")).toBe(true);
    expect(tableStartingWith(doc.tables, "Budget", "Forbrug")[1]).toEqual([
      "0 kr.",
      "0 kr.",
      "0 kr.",
      "–",
    ]);
  });
});
