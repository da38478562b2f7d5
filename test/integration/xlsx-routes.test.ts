/**
 * The Excel downloads of the measurements and spending pages, called as Remix would call them:
 * figures saved through the models come back out of the workbook as numbers, the file is named by
 * plan, focus area and year, and only members of the plan get it.
 */
import ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { todayInDenmark } from "~/domain/format";
import { defaultMeasurementYear, type MeasurementRow } from "~/domain/measurement";
import { getMeasurementGrid, saveMeasurements } from "~/models/measurements.server";
import { getSpending, saveSpending } from "~/models/spending.server";
import * as measurementsXlsx from "~/routes/plans.$planId.agreements.$agreementId.measurements[.]xlsx";
import * as spendingXlsx from "~/routes/plans.$planId.agreements.$agreementId.spending[.]xlsx";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PLAN = "Helhedsplan Strandengen og Solsikkeparken";
const FOCUS_AREA = "Sammenhængskraft og medborgerskab";

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

async function readSheet(response: Response, name: string): Promise<Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`No sheet named ${name}`);
  return sheet;
}

function fileName(response: Response): string {
  const disposition = response.headers.get("Content-Disposition")!;
  return decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!);
}

/** The row whose first column that is, as an array of cell values (columns 1…n). */
function rowWhere(sheet: Worksheet, column: number, value: string, width: number): unknown[] {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(column).value === value) {
      return Array.from({ length: width }, (_, c) => row.getCell(c + 1).value ?? null);
    }
  }
  throw new Error(`No row with ${value}`);
}

describe.each(drivers)("Excel downloads on %s", (driver) => {
  let t: TestDb;
  let params: Record<string, string>;
  let base: string;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    params = { planId: String(t.demo.planId), agreementId: String(t.demo.agreementId) };
    base = `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function download(loader: Loader, url: string, userId = t.demo.userIds.viewer) {
    return loader({
      request: new Request(`http://localhost${url}`, {
        headers: { Cookie: await cookieFor(userId) },
      }),
      params,
      context: {},
    });
  }

  it("downloads the saved measurements of a year with the values as numbers", async () => {
    const reporter = t.user("reporter");
    const grid = await getMeasurementGrid(t.db, reporter, t.demo.planId, t.demo.agreementId, 2024);
    const [first, second, third] = grid.rows;
    const row = (r: typeof first, values: Partial<MeasurementRow>): MeasurementRow => ({
      criterionId: r!.criterion.id,
      version: null,
      baselineValue: r!.baselineValue,
      targetValue: r!.targetValue,
      valueNumber: null,
      valueText: null,
      unit: null,
      status: "",
      overrideReason: null,
      comment: null,
      source: null,
      ...values,
    });
    await saveMeasurements(t.db, reporter, t.demo.planId, t.demo.agreementId, 2024, [
      row(first, {
        valueNumber: 82.5,
        unit: "%",
        status: "met",
        comment: "Over målet",
        source: "Beboerundersøgelsen 2024",
      }),
      row(second, {
        valueNumber: 1234,
        unit: "deltagere",
        status: "not_measured",
        overrideReason: "Tallet er foreløbigt",
      }),
      row(third, { valueText: "Godt i gang", status: "partly_met" }),
    ]);

    const response = await download(measurementsXlsx.loader, `${base}/measurements.xlsx?year=2024`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(XLSX);
    expect(fileName(response)).toBe(`Målinger - ${PLAN} - ${FOCUS_AREA} - 2024.xlsx`);

    const sheet = await readSheet(response, "Målinger 2024");
    expect(sheet.getCell("A1").value).toBe(`Målinger 2024 · ${PLAN} · ${FOCUS_AREA}`);
    const saved = rowWhere(sheet, 2, first!.criterion.text, 10);
    expect(saved.slice(5, 8)).toEqual([82.5, "%", "Opfyldt"]);
    expect(typeof saved[5]).toBe("number");
    expect(saved.slice(8)).toEqual(["Over målet", "Beboerundersøgelsen 2024"]);
    const counted = rowWhere(sheet, 2, second!.criterion.text, 10);
    expect(counted[5]).toBe(1234);
    expect(typeof counted[5]).toBe("number");
    expect(counted[7]).toBe("Ikke målt");
    expect(rowWhere(sheet, 2, third!.criterion.text, 10).slice(5, 8)).toEqual([
      "Godt i gang",
      null,
      "Delvist opfyldt",
    ]);
    // Every criterion of the grid has its row, below the title and the header.
    expect(sheet.rowCount).toBe(2 + grid.rows.length);
  });

  it("downloads budget against the saved spend with kroner as numbers", async () => {
    const reporter = t.user("reporter");
    const page = await getSpending(t.db, reporter, t.demo.planId, t.demo.agreementId, 2024);
    const [lbf, municipality, housing] = page.sources;
    await saveSpending(t.db, reporter, t.demo.planId, t.demo.agreementId, 2024, [
      { fundingSourceId: lbf!.id, amount: 900_000, note: null },
      { fundingSourceId: municipality!.id, amount: 300_000, note: "Ekstra sommeraktiviteter" },
      { fundingSourceId: housing!.id, amount: 150_000, note: null },
    ]);

    const response = await download(spendingXlsx.loader, `${base}/spending.xlsx?year=2024`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(XLSX);
    expect(fileName(response)).toBe(`Forbrug - ${PLAN} - ${FOCUS_AREA} - 2024.xlsx`);

    const sheet = await readSheet(response, "Forbrug 2024");
    expect(rowWhere(sheet, 1, "Landsbyggefonden", 5)).toEqual([
      "Landsbyggefonden",
      1_064_000,
      900_000,
      164_000,
      900_000 / 1_064_000,
    ]);
    expect(rowWhere(sheet, 1, "Havbakke Kommune", 4)).toEqual([
      "Havbakke Kommune",
      270_000,
      300_000,
      -30_000,
    ]);
    expect(rowWhere(sheet, 1, "Fællesbo Havbakke", 3)).toEqual([
      "Fællesbo Havbakke",
      186_000,
      150_000,
    ]);
    const total = rowWhere(sheet, 1, "I alt", 4);
    expect(total).toEqual(["I alt", 1_520_000, 1_350_000, 170_000]);
    for (const value of total.slice(1)) expect(typeof value).toBe("number");
    expect(rowWhere(sheet, 1, "Landsbyggefondens andel af forbruget", 2)[1]).toBeCloseTo(
      900_000 / 1_350_000,
    );
  });

  it("uses the page's default year without ?year=", async () => {
    const years = [2023, 2024, 2025, 2026];
    const year = defaultMeasurementYear(years, todayInDenmark());
    const response = await download(measurementsXlsx.loader, `${base}/measurements.xlsx`);
    expect(fileName(response)).toBe(`Målinger - ${PLAN} - ${FOCUS_AREA} - ${year}.xlsx`);
  });

  it("answers 404 to a user of another plan and for a year outside the agreement", async () => {
    for (const loader of [measurementsXlsx.loader, spendingXlsx.loader]) {
      const other = await callRoute(loader, `${base}/x.xlsx?year=2024`, {
        userId: t.demo.userIds.otherPlan,
        params,
      });
      expect(other.status).toBe(404);
      for (const year of ["1999", "abc"]) {
        const res = await callRoute(loader, `${base}/x.xlsx?year=${year}`, {
          userId: t.demo.userIds.viewer,
          params,
        });
        expect(res.status).toBe(404);
      }
    }
  });
});
