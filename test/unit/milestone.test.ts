/**
 * Milestone plans' pure rules: the form (a date or a quarter, exactly one, inside the plan's
 * period, with Danish messages), the status form (done needs its date, postponed its reason), the
 * views' texts and order, the scope of a page, the timeline's placement, and the Word and Excel
 * builders read back.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  buildMilestonePlanView,
  buildReportMilestones,
  COMPLETED_ON_MESSAGE,
  defaultMilestoneYear,
  milestoneSchema,
  MilestoneStatusSchema,
  periodQuarters,
  POSTPONED_NOTE_MESSAGE,
  readMilestoneScope,
  timelinePlacement,
  timelineRange,
  toMilestoneView,
  WHEN_BOTH_MESSAGE,
  WHEN_MISSING_MESSAGE,
  type MilestoneRecord,
} from "~/domain/milestone";
import { issuesToFieldErrors } from "~/domain/form";
import { buildMilestoneDocument } from "../../templates/milestones";
import { buildMilestoneWorkbook } from "../../templates/milestones-xlsx";
import { renderDocx } from "../../templates/render";
import { readDocxBuffer } from "../helpers/docx";

const PERIOD = { periodStart: "2024-07-01", periodEnd: "2028-06-30" };
const schema = milestoneSchema(PERIOD);

function errorsOf(values: Record<string, unknown>) {
  const result = schema.safeParse({ title: "Legepladsen er åbnet", ...values });
  return result.success ? {} : issuesToFieldErrors(result.error.issues);
}

function record(overrides: Partial<MilestoneRecord> = {}): MilestoneRecord {
  return {
    id: 1,
    title: "Lektiecaféen åbner",
    dueDate: "2026-03-15",
    year: 2026,
    quarter: null,
    agreementId: 7,
    agreementName: "Uddannelse og livschancer",
    activityId: 9,
    activityName: "Lektiecafé",
    responsibleOrganisationId: 3,
    responsibleName: "Egebo Kommune",
    status: "planned",
    note: null,
    completedOn: null,
    version: 1,
    ...overrides,
  };
}

describe("the milestone form", () => {
  it("takes a date, and the year from it", () => {
    expect(schema.parse({ title: " Legepladsen er åbnet ", dueDate: "2026-05-04" })).toEqual({
      title: "Legepladsen er åbnet",
      dueDate: "2026-05-04",
      year: 2026,
      quarter: null,
      agreementId: null,
      activityId: null,
      responsibleOrganisationId: null,
      note: null,
    });
  });

  it("takes a quarter instead of a date", () => {
    expect(
      schema.parse({ title: "Klubben flytter", dueDate: "", quarter: "2027-3" }),
    ).toMatchObject({ dueDate: null, year: 2027, quarter: 3 });
  });

  it("wants exactly one of date and quarter", () => {
    expect(errorsOf({})).toEqual({ dueDate: WHEN_MISSING_MESSAGE });
    expect(errorsOf({ dueDate: "", quarter: "" })).toEqual({ dueDate: WHEN_MISSING_MESSAGE });
    expect(errorsOf({ dueDate: "2026-05-04", quarter: "2026-2" })).toEqual({
      dueDate: WHEN_BOTH_MESSAGE,
    });
  });

  it("refuses dates and quarters outside the plan's period, naming the period", () => {
    const period = "(1. juli 2024 – 30. juni 2028)";
    expect(errorsOf({ dueDate: "2024-06-30" }).dueDate).toBe(
      `Datoen skal ligge i planens periode ${period}`,
    );
    expect(errorsOf({ dueDate: "2028-07-01" }).dueDate).toContain("planens periode");
    expect(errorsOf({ dueDate: "2024-07-01" })).toEqual({});
    expect(errorsOf({ dueDate: "2028-06-30" })).toEqual({});
    expect(errorsOf({ quarter: "2024-2" }).quarter).toBe(
      `Kvartalet skal ligge i planens periode ${period}`,
    );
    expect(errorsOf({ quarter: "2024-3" })).toEqual({});
    expect(errorsOf({ quarter: "2028-2" })).toEqual({});
    expect(errorsOf({ quarter: "2028-3" }).quarter).toContain("planens periode");
    expect(errorsOf({ quarter: "2026-5" }).quarter).toBe("Vælg et kvartal på listen");
    expect(errorsOf({ dueDate: "2026-02-30" }).dueDate).toBe("Angiv en gyldig dato");
  });

  it("needs a title", () => {
    const result = schema.safeParse({ title: "  ", dueDate: "2026-05-04" });
    expect(result.success).toBe(false);
    expect(issuesToFieldErrors(result.error!.issues).title).toBe("Skriv milepælens titel");
  });

  it("offers the quarters that touch the period", () => {
    const quarters = periodQuarters(PERIOD);
    expect(quarters[0]).toEqual({ value: "2024-3", label: "3. kvartal 2024" });
    expect(quarters.at(-1)).toEqual({ value: "2028-2", label: "2. kvartal 2028" });
    expect(quarters).toHaveLength(16);
  });
});

describe("the status form", () => {
  it("needs the date a milestone was reached", () => {
    const result = MilestoneStatusSchema.safeParse({ status: "done", completedOn: "" });
    expect(issuesToFieldErrors(result.error!.issues)).toEqual({
      completedOn: COMPLETED_ON_MESSAGE,
    });
    expect(MilestoneStatusSchema.parse({ status: "done", completedOn: "2026-04-02" })).toEqual({
      status: "done",
      completedOn: "2026-04-02",
      note: null,
    });
  });

  it("needs the reason a milestone was postponed, and drops a date sent along", () => {
    const result = MilestoneStatusSchema.safeParse({ status: "postponed", note: " " });
    expect(issuesToFieldErrors(result.error!.issues)).toEqual({ note: POSTPONED_NOTE_MESSAGE });
    expect(POSTPONED_NOTE_MESSAGE).toBe("Skriv hvorfor milepælen er udskudt");
    expect(
      MilestoneStatusSchema.parse({
        status: "postponed",
        completedOn: "2026-04-02",
        note: "Lokalet er ikke klar",
      }),
    ).toEqual({ status: "postponed", completedOn: null, note: "Lokalet er ikke klar" });
  });
});

describe("the milestone view", () => {
  it("says when and what status in Danish, with a sign beside the word", () => {
    expect(toMilestoneView(record())).toMatchObject({
      whenText: "15. marts 2026",
      start: "2026-03-15",
      end: "2026-03-15",
      statusText: "Planlagt",
      statusIcon: "○",
    });
    expect(
      toMilestoneView(
        record({ dueDate: null, quarter: 2, status: "done", completedOn: "2026-06-02" }),
      ),
    ).toMatchObject({
      whenText: "2. kvartal 2026",
      start: "2026-04-01",
      end: "2026-06-30",
      statusText: "Nået 2. juni 2026",
      statusIcon: "✓",
    });
  });

  it("orders milestones in time, a quarter after the dates inside it", () => {
    const view = buildMilestonePlanView({ id: 1, name: "Helhedsplan Egebo", ...PERIOD }, [
      record({ id: 1, title: "Kvartal", dueDate: null, quarter: 1 }),
      record({ id: 2, title: "Sidst", dueDate: "2026-05-01" }),
      record({ id: 3, title: "Først", dueDate: "2025-12-31", year: 2025 }),
      record({ id: 4, title: "Marts", dueDate: "2026-03-31" }),
    ]);
    expect(view.milestones.map((m) => m.title)).toEqual(["Først", "Marts", "Kvartal", "Sidst"]);
    expect(view.years).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(view.plan.periodText).toBe("1. juli 2024 – 30. juni 2028");
  });

  it("counts the report year's milestones and lists next year's", () => {
    const block = buildReportMilestones(
      [
        record({ id: 1, status: "done", completedOn: "2026-03-10" }),
        record({ id: 2, status: "postponed", note: "Venter på lokalet" }),
        record({ id: 3 }),
        record({ id: 4, dueDate: "2027-02-01", year: 2027 }),
        record({ id: 5, dueDate: "2025-02-01", year: 2025, status: "done" }),
      ],
      2026,
    );
    expect(block.countText).toBe("1 af 3 milepæle nået");
    expect(block.counts).toEqual({ total: 3, done: 1, postponed: 1, planned: 1 });
    expect(block.milestones.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(block.next.map((m) => m.id)).toEqual([4]);
    expect(buildReportMilestones([], 2026).countText).toBe("0 af 0 milepæle nået");
  });
});

describe("scope and timeline", () => {
  it("opens on the current year inside the period, else the nearest end", () => {
    expect(defaultMilestoneYear(PERIOD, "2026-12-05")).toBe(2026);
    expect(defaultMilestoneYear(PERIOD, "2031-01-01")).toBe(2028);
    expect(defaultMilestoneYear(PERIOD, "2020-01-01")).toBe(2024);
  });

  it("reads ?year= and ?view=period, refusing years outside the period", () => {
    const read = (q: string) => readMilestoneScope(new URLSearchParams(q), PERIOD, "2026-12-05");
    expect(read("")).toEqual({ year: 2026 });
    expect(read("year=2025")).toEqual({ year: 2025 });
    expect(read("view=period")).toBe("period");
    expect(read("year=2023")).toBeNull();
    expect(read("year=20x5")).toBeNull();
  });

  it("spreads a year over its months and the period over its quarters", () => {
    const year = timelineRange(PERIOD, { year: 2026 });
    expect(year.columns.map((c) => c.label)).toEqual([
      "jan",
      "feb",
      "mar",
      "apr",
      "maj",
      "jun",
      "jul",
      "aug",
      "sep",
      "okt",
      "nov",
      "dec",
    ]);
    expect(year.columns[1]!.end).toBe("2026-02-28");
    const period = timelineRange(PERIOD, "period");
    expect(period.columns).toHaveLength(20);
    expect(period.columns[0]).toEqual({
      label: "1. kv. 2024",
      start: "2024-01-01",
      end: "2024-03-31",
    });
  });

  it("places a date as a point and a quarter as a bar over its months", () => {
    const range = timelineRange(PERIOD, { year: 2026 });
    const july = timelinePlacement(toMilestoneView(record({ dueDate: "2026-07-02" })), range)!;
    // July is the seventh of twelve columns; the 2nd is 1.5 of its 31 days in.
    expect(july.width).toBe(0);
    expect(july.left).toBeCloseTo(((6 + 1.5 / 31) / 12) * 100, 1);
    const q2 = timelinePlacement(toMilestoneView(record({ dueDate: null, quarter: 2 })), range)!;
    expect(q2).toEqual({ left: 25, width: 25 });
    const q4 = timelinePlacement(toMilestoneView(record({ dueDate: null, quarter: 4 })), range)!;
    expect(q4.left + q4.width).toBeCloseTo(100, 5);
    const otherYear = toMilestoneView(record({ dueDate: "2027-01-01", year: 2027 }));
    expect(timelinePlacement(otherYear, range)).toBeNull();
    // On the whole period the same date sits in its quarter's column.
    const whole = timelineRange(PERIOD, "period");
    const inPeriod = timelinePlacement(toMilestoneView(record({ dueDate: "2026-07-02" })), whole)!;
    const column = whole.columns.findIndex((c) => c.label === "3. kv. 2026");
    const columnWidth = 100 / whole.columns.length;
    expect(inPeriod.left).toBeGreaterThan(column * columnWidth);
    expect(inPeriod.left).toBeLessThan((column + 1) * columnWidth);
  });
});

describe("the milestone plan as Word and Excel", () => {
  const view = buildMilestonePlanView({ id: 1, name: "Helhedsplan Egebo", ...PERIOD }, [
    record({ id: 1, status: "done", completedOn: "2026-03-10" }),
    record({
      id: 2,
      title: "Klubben flytter",
      dueDate: null,
      quarter: 3,
      status: "postponed",
      note: "=Venter på lokalet",
    }),
    record({ id: 3, title: "Ny legeplads", dueDate: "2027-05-01", year: 2027, activityName: null }),
  ]);

  it("writes the year's plan under its heading, statuses in words", async () => {
    const doc = readDocxBuffer(await renderDocx(buildMilestoneDocument(view, { year: 2026 })));
    expect(doc.plain).toContain("Milepælsplan 2026");
    expect(doc.plain).toContain("1 af 2 milepæle nået");
    expect(doc.plain).toContain("Lektiecaféen åbner");
    expect(doc.plain).toContain("✓ Nået 10. marts 2026");
    expect(doc.plain).toContain("↻ Udskudt");
    expect(doc.plain).toContain("3. kvartal 2026");
    expect(doc.plain).not.toContain("Ny legeplads");
  });

  it("writes the whole period with a heading per year", async () => {
    const doc = readDocxBuffer(await renderDocx(buildMilestoneDocument(view, "period")));
    expect(doc.plain).toContain("Milepælsplan for hele perioden");
    expect(doc.plain).toContain("Ny legeplads");
    expect(doc.plain).toContain("Ingen milepæle i 2024.");
  });

  it("writes Excel rows with real dates and neutralised text", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await buildMilestoneWorkbook(view, "period").xlsx.writeBuffer()) as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("Milepælsplan for hele perioden · Helhedsplan Egebo");
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      2026,
      new Date("2026-03-15T00:00:00Z"),
      undefined,
      "Lektiecaféen åbner",
      "Uddannelse og livschancer",
      "Lektiecafé",
      "Egebo Kommune",
      "Nået",
      new Date("2026-03-10T00:00:00Z"),
    ]);
    expect(sheet.getCell("C4").value).toBe("3. kvartal");
    expect(sheet.getCell("J4").value).toBe("'=Venter på lokalet");
    expect(sheet.rowCount).toBe(5);
  });
});
