/**
 * The progress report's Word and Excel downloads, called as Remix would call them: every member of
 * the plan gets the files, named by year and plan; others and years outside the plan get 404; the
 * figures saved through the models (measurements, spend, narrative) come out in the documents, and
 * a final report comes out as its snapshot.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer as readDocx } from "../helpers/docx";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import type { MeasurementGridRow, MeasurementRow } from "~/domain/measurement";
import { ProgressReportNarrativeSchema } from "~/domain/progress-report";
import { getMeasurementGrid, saveMeasurements } from "~/models/measurements.server";
import {
  finaliseProgressReport,
  getProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import { getSpending, saveSpending } from "~/models/spending.server";
import * as reportDocx from "~/routes/plans.$planId.reports.$year.report[.]docx";
import * as reportXlsx from "~/routes/plans.$planId.reports.$year.report[.]xlsx";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PLAN = "Helhedsplan Strandengen og Solsikkeparken";
const FOCUS_AREA = "Sammenhængskraft og medborgerskab";

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

function fileName(response: Response): string {
  const disposition = response.headers.get("Content-Disposition") ?? "";
  return decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? "");
}

async function readWorkbook(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function measurementRow(row: MeasurementGridRow, values: Partial<MeasurementRow>): MeasurementRow {
  return {
    criterionId: row.criterion.id,
    version: null,
    baselineValue: row.baselineValue,
    targetValue: row.targetValue,
    valueNumber: null,
    valueText: null,
    unit: null,
    status: "",
    overrideReason: null,
    comment: null,
    source: null,
    ...values,
  };
}

describe.each(drivers)("progress report downloads on %s", (driver) => {
  let t: TestDb;
  let grid: MeasurementGridRow[];

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const reporter = t.user("reporter");
    const { planId, agreementId } = t.demo;
    grid = (await getMeasurementGrid(t.db, reporter, planId, agreementId, 2024)).rows;
    const [first, second, third] = grid;
    await saveMeasurements(t.db, reporter, planId, agreementId, 2024, [
      measurementRow(first!, {
        valueNumber: 82.5,
        unit: "%",
        status: "met",
        comment: "Flere svarede i år",
        source: "Trivselsmåling i Strandengen 2024",
      }),
      measurementRow(second!, { valueNumber: 1234, unit: "deltagere", status: "not_met" }),
      measurementRow(third!, { valueText: "Godt i gang i begge afdelinger", status: "partly_met" }),
    ]);
    const spending = await getSpending(t.db, reporter, planId, agreementId, 2024);
    const [lbf, municipality, housing] = spending.sources;
    await saveSpending(t.db, reporter, planId, agreementId, 2024, [
      { fundingSourceId: lbf!.id, amount: 900_000, note: null },
      { fundingSourceId: municipality!.id, amount: 300_000, note: null },
      { fundingSourceId: housing!.id, amount: 150_000, note: null },
    ]);
    await saveProgressReportNarrative(
      t.db,
      reporter,
      planId,
      2024,
      0,
      ProgressReportNarrativeSchema.parse({
        summary: "Gårdfesterne samlede flere naboer end nogensinde.\n\n- tre nye frivillige",
        whatWorked: "",
        nextYear: "",
        activityNotes: [],
      }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  async function download(loader: Loader, year: string, userId: number): Promise<Response> {
    const url = `/plans/${t.demo.planId}/reports/${year}/report`;
    return loader({
      request: new Request(`http://localhost${url}`, {
        headers: { Cookie: await cookieFor(userId) },
      }),
      params: { planId: String(t.demo.planId), year },
      context: {},
    });
  }

  it("lets every member of the plan download Word and Excel, named by year and plan", async () => {
    for (const key of ["reporter", "board", "viewer", "secretariat", "admin"] as const) {
      const docx = await download(reportDocx.loader, "2024", t.demo.userIds[key]);
      expect(docx.status, key).toBe(200);
      expect(docx.headers.get("Content-Type")).toBe(DOCX);
      expect(fileName(docx)).toBe(`Statusrapport 2024 - ${PLAN}.docx`);
      expect(docx.headers.get("Content-Disposition")).toMatch(/^attachment; filename="/);

      const xlsx = await download(reportXlsx.loader, "2024", t.demo.userIds[key]);
      expect(xlsx.status, key).toBe(200);
      expect(xlsx.headers.get("Content-Type")).toBe(XLSX);
      expect(fileName(xlsx)).toBe(`Statusrapport 2024 - ${PLAN}.xlsx`);
    }
  });

  it("answers 404 to a user of another plan, for a year outside the plan and for a bad year", async () => {
    for (const loader of [reportDocx.loader, reportXlsx.loader]) {
      const other = await callRoute(loader, "/x", {
        userId: t.demo.userIds.otherPlan,
        params: { planId: String(t.demo.planId), year: "2024" },
      });
      expect(other.status).toBe(404);
      for (const year of ["2022", "2027", "24", "2024x", "abcd"]) {
        const res = await callRoute(loader, "/x", {
          userId: t.demo.userIds.viewer,
          params: { planId: String(t.demo.planId), year },
        });
        expect(res.status, year).toBe(404);
      }
      const noPlan = await callRoute(loader, "/x", {
        userId: t.demo.userIds.viewer,
        params: { planId: "0", year: "2024" },
      });
      expect(noPlan.status).toBe(404);
      // Not signed in: to the login page, not a file.
      const anonymous = await callRoute(loader, "/x", {
        params: { planId: String(t.demo.planId), year: "2024" },
      });
      expect(anonymous.status).toBe(302);
    }
  });

  it("shows the demo agreement's criteria with the saved results in the Word document", async () => {
    const response = await download(reportDocx.loader, "2024", t.demo.userIds.board);
    const doc = readDocx(Buffer.from(await response.arrayBuffer()));
    expect(doc.text.startsWith(`Statusrapport 2024\n${PLAN}`)).toBe(true);
    expect(doc.text).toContain(`Indsatsområde: ${FOCUS_AREA}\nSucceskriterier`);
    expect(doc.text).toContain("Resumé\nGårdfesterne samlede flere naboer end nogensinde.");

    const [criteria, ...others] = doc.tables.filter((table) => table[0]?.[0] === "Succeskriterium");
    expect(others).toHaveLength(0);
    // Every criterion of the agreement and its activities has its row, in the grid's order.
    expect(grid.length).toBeGreaterThan(3);
    expect(criteria!.slice(1).map((row) => row[0]!.split("\n")[0])).toEqual(
      grid.map((row) => row.criterion.text),
    );
    const [first, second, third, fourth] = criteria!.slice(1);
    expect(first!.slice(3)).toEqual([
      "82,5 %",
      "Opfyldt",
      "Flere svarede i år\nKilde: Trivselsmåling i Strandengen 2024",
    ]);
    expect(second!.slice(3, 5)).toEqual(["1.234 deltagere", "Ikke opfyldt"]);
    expect(third!.slice(3, 5)).toEqual(["Godt i gang i begge afdelinger", "Delvist opfyldt"]);
    expect(fourth!.slice(3, 5)).toEqual(["–", "Ikke registreret"]);

    // The year's budget against the saved spend of the demo agreement, in Danish format.
    const spending = doc.tables.find((table) => table[0]?.[0] === "Finansieringskilde");
    expect(spending).toContainEqual([
      "Landsbyggefonden",
      "1.064.000 kr.",
      "900.000 kr.",
      "164.000 kr.",
      "84,6 %",
    ]);
    expect(spending).toContainEqual([
      "Havbakke Kommune",
      "270.000 kr.",
      "300.000 kr.",
      "-30.000 kr.",
      "111,1 %",
    ]);
    expect(spending?.at(-1)).toEqual([
      "I alt",
      "1.520.000 kr.",
      "1.350.000 kr.",
      "170.000 kr.",
      "88,8 %",
    ]);
  });

  it("has the saved results as numbers and the spend in the Excel workbook", async () => {
    const response = await download(reportXlsx.loader, "2024", t.demo.userIds.viewer);
    const workbook = await readWorkbook(response);
    const criteria = workbook.getWorksheet("Succeskriterier")!;
    // Every criterion of the agreement and its activities, below the title and the header.
    expect(criteria.rowCount).toBe(2 + grid.length);
    const rowOf = (text: string) => {
      for (let r = 3; r <= criteria.rowCount; r++) {
        if (criteria.getRow(r).getCell(3).value === text) return criteria.getRow(r);
      }
      throw new Error(`No row for ${text}`);
    };
    const first = rowOf(grid[0]!.criterion.text);
    expect(first.getCell(1).value).toBe(FOCUS_AREA);
    expect(first.getCell(11).value).toBe(82.5);
    expect(first.getCell(13).value).toBe("Opfyldt");
    expect(rowOf(grid[2]!.criterion.text).getCell(11).value).toBe("Godt i gang i begge afdelinger");
    expect(rowOf(grid[3]!.criterion.text).getCell(13).value).toBe("Ikke registreret");

    const economy = workbook.getWorksheet("Økonomi")!;
    const amounts: number[][] = [];
    for (let r = 3; r <= economy.rowCount; r++) {
      const row = economy.getRow(r);
      if (row.getCell(1).value !== FOCUS_AREA) continue;
      amounts.push([row.getCell(4).value, row.getCell(5).value].map(Number));
      expect(typeof row.getCell(4).value).toBe("number");
    }
    expect(amounts).toEqual([
      [1_064_000, 900_000],
      [270_000, 300_000],
      [186_000, 150_000],
    ]);
  });

  it("downloads a final report as its snapshot, saying who made it final", async () => {
    const reporter = t.user("reporter");
    const { planId } = t.demo;
    await saveProgressReportNarrative(
      t.db,
      reporter,
      planId,
      2023,
      0,
      ProgressReportNarrativeSchema.parse({
        summary: "Første år med fælles sekretariat.",
        whatWorked: "Naboværterne kom godt fra start.",
        nextYear: "",
        activityNotes: [],
      }),
    );
    const { version } = await getProgressReport(t.db, reporter, planId, 2023);
    await finaliseProgressReport(t.db, reporter, planId, 2023, version);

    const docx = await download(reportDocx.loader, "2023", t.demo.userIds.viewer);
    expect(docx.status).toBe(200);
    const doc = readDocx(Buffer.from(await docx.arrayBuffer()));
    const facts = doc.tables[0]!;
    expect(facts).toContainEqual(["Status", "Endelig"]);
    const finalised = facts.find((row) => row[0] === "Gjort endelig");
    expect(finalised?.[1]).toMatch(/^\d{1,2}\. \S+ \d{4} kl\. \d\d\.\d\d af Sofie Brandt$/);
    expect(doc.text).toContain("Det fungerede godt\nNaboværterne kom godt fra start.");

    const xlsx = await readWorkbook(
      await download(reportXlsx.loader, "2023", t.demo.userIds.board),
    );
    const overview = xlsx.getWorksheet("Overblik")!;
    const status = [...Array(overview.rowCount).keys()]
      .map((i) => overview.getRow(i + 1))
      .find((row) => row.getCell(1).value === "Status");
    expect(status?.getCell(2).value).toBe("Endelig");
  });
});
