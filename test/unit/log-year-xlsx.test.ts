/**
 * The year's activity log as Excel, written to bytes and read back with exceljs: a row per event
 * with real dates and a number per participant group, a row per action found, the counts per
 * activity, and text that looks like a formula kept inert.
 */
import ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { countYearLog, type YearLogView } from "~/domain/activity-log-documents";
import { buildYearLogWorkbook } from "../../templates/log-year-xlsx";

const PLAN = "Helhedsplan Engblommen & Vibeparken";
const WALKS = "Tryghedsvandringer i Vibeparken";
const YARD = "Gårdaktiviteter";

const event = (
  id: number,
  date: string,
  activity: string,
  kind: string,
  participants: Record<string, number>,
  extra: Partial<YearLogView["events"][number]> = {},
): YearLogView["events"][number] => ({
  id,
  date,
  focusArea: "Tryghed og trivsel",
  activity,
  kind,
  place: null,
  note: null,
  participants,
  findingCount: 0,
  actionCount: 0,
  openActionCount: 0,
  isFollowUp: false,
  ...extra,
});

const view: YearLogView = {
  planName: PLAN,
  year: 2026,
  activity: null,
  groups: ["Beboere", "Frivillige", "Samarbejdspartnere"],
  events: [
    event(
      1,
      "2026-03-04",
      WALKS,
      "Tryghedsvandring",
      { Beboere: 14, Samarbejdspartnere: 5 },
      {
        place: "Gårdene i Vibeparken",
        findingCount: 2,
        actionCount: 2,
        openActionCount: 1,
        note: '=HYPERLINK("http://x")',
      },
    ),
    event(2, "2026-09-10", WALKS, "Opfølgningsmøde", { Beboere: 6 }, { isFollowUp: true }),
    event(3, "2026-05-01", YARD, "Arrangement", { Beboere: 40, Frivillige: 6 }),
    event(4, "2026-06-12", YARD, "Arrangement", { Beboere: 35, Frivillige: 4 }),
  ],
  actions: [
    {
      eventId: 1,
      finding: "Lampen ved opgang 14 er gået",
      findingPlace: "Vibeparken 14",
      responsible: "Boligforeningen Engtoften",
      description: "Udskift pæren",
      dueDate: "2026-04-01",
      status: "Udført",
      dropReason: null,
    },
    {
      eventId: 1,
      finding: "Bænken ved stien er væltet",
      findingPlace: null,
      responsible: "Engby Kommune",
      description: "-Flyt bænken",
      dueDate: null,
      status: "Droppet",
      dropReason: "Står på foreningens grund",
    },
  ],
};

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await workbook.xlsx.writeBuffer());
  return back;
}

function rows(sheet: Worksheet, width: number, from = 2): unknown[][] {
  const out: unknown[][] = [];
  for (let r = from; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push(Array.from({ length: width }, (_, c) => row.getCell(c + 1).value ?? null));
  }
  return out;
}

const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("year log workbook", () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await roundTrip(buildYearLogWorkbook(view));
  });

  it("has the events, the actions and the counts, each with a title and a frozen header", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Hændelser", "Opgaver", "Opgørelse"]);
    for (const sheet of workbook.worksheets) {
      expect(String(sheet.getCell("A1").value)).toBe(
        `Aktivitetslog 2026 · ${PLAN} · ${sheet.name}`,
      );
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
      expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
    }
  });

  it("has a row per event with a real date and a number per participant group", () => {
    const sheet = workbook.getWorksheet("Hændelser")!;
    const [header, ...events] = rows(sheet, 14);
    expect(header).toEqual([
      "Dato",
      "Indsatsområde",
      "Aktivitet",
      "Type",
      "Sted",
      "Beboere",
      "Frivillige",
      "Samarbejdspartnere",
      "Deltagere i alt",
      "Fund",
      "Opgaver",
      "Åbne opgaver",
      "Opfølgningsmøde",
      "Note",
    ]);
    expect(events).toEqual([
      [
        date("2026-03-04"),
        "Tryghed og trivsel",
        WALKS,
        "Tryghedsvandring",
        "Gårdene i Vibeparken",
        14,
        null,
        5,
        19,
        2,
        2,
        1,
        null,
        // Text that starts like a formula stays text.
        '\'=HYPERLINK("http://x")',
      ],
      [
        date("2026-09-10"),
        "Tryghed og trivsel",
        WALKS,
        "Opfølgningsmøde",
        null,
        6,
        null,
        null,
        6,
        0,
        0,
        0,
        "Ja",
        null,
      ],
      [
        date("2026-05-01"),
        "Tryghed og trivsel",
        YARD,
        "Arrangement",
        null,
        40,
        6,
        null,
        46,
        0,
        0,
        0,
        null,
        null,
      ],
      [
        date("2026-06-12"),
        "Tryghed og trivsel",
        YARD,
        "Arrangement",
        null,
        35,
        4,
        null,
        39,
        0,
        0,
        0,
        null,
        null,
      ],
    ]);
    expect(sheet.getCell("A3").numFmt).toBe("dd-mm-yyyy");
    expect(sheet.autoFilter).toBeTruthy();
  });

  it("has a row per action with its finding, responsible party, due date and status", () => {
    const sheet = workbook.getWorksheet("Opgaver")!;
    expect(rows(sheet, 10, 3)).toEqual([
      [
        date("2026-03-04"),
        WALKS,
        "Tryghedsvandring",
        "Lampen ved opgang 14 er gået",
        "Vibeparken 14",
        "Boligforeningen Engtoften",
        "Udskift pæren",
        date("2026-04-01"),
        "Udført",
        null,
      ],
      [
        date("2026-03-04"),
        WALKS,
        "Tryghedsvandring",
        "Bænken ved stien er væltet",
        null,
        "Engby Kommune",
        "'-Flyt bænken",
        null,
        "Droppet",
        "Står på foreningens grund",
      ],
    ]);
  });

  it("counts each activity's events by kind and participants by group", () => {
    const sheet = workbook.getWorksheet("Opgørelse")!;
    expect(rows(sheet, 5, 3)).toEqual([
      ["Tryghed og trivsel", WALKS, "Hændelser", "Tryghedsvandring", 1],
      ["Tryghed og trivsel", WALKS, "Hændelser", "Opfølgningsmøde", 1],
      ["Tryghed og trivsel", WALKS, "Deltagere", "Beboere", 20],
      ["Tryghed og trivsel", WALKS, "Deltagere", "Samarbejdspartnere", 5],
      ["Tryghed og trivsel", YARD, "Hændelser", "Arrangement", 2],
      ["Tryghed og trivsel", YARD, "Deltagere", "Beboere", 75],
      ["Tryghed og trivsel", YARD, "Deltagere", "Frivillige", 10],
    ]);
    expect(countYearLog(view)).toHaveLength(7);
  });
});

describe("year log workbook of one activity without events", () => {
  it("names the activity in the titles and has empty sheets", async () => {
    const workbook = await roundTrip(
      buildYearLogWorkbook({ ...view, activity: YARD, events: [], actions: [] }),
    );
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell("A1").value).toBe(
        `Aktivitetslog 2026 · ${PLAN} · ${YARD} · ${sheet.name}`,
      );
      expect(sheet.rowCount).toBe(2);
    }
  });
});
