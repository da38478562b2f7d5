/**
 * The activity log's documents, called as Remix would call the routes, on both drivers: the action
 * list after a safety walk as Word (every finding, responsible party, due date and status) and
 * the year's log as Excel (events, actions, counts; one activity on request), for every member of
 * the plan and for no one else (404); and the progress report counting each activity's events by
 * kind and participants by group, in the same number of queries however long the log.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLogData } from "../../bench/log-dataset";
import { createTestDb, createCountingDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { createLogWorld, eventValues, org, type LogWorld } from "../helpers/activity-log";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { createLogEvent } from "~/models/activity-log/index.server";
import { getProgressReport } from "~/models/progress-reports.server";
import { renderProgressReportDocx, renderProgressReportXlsx } from "~/documents.server";
import * as actionListDocx from "~/routes/plans.$planId.log.$eventId.actions[.]docx";
import * as yearLogXlsx from "~/routes/plans.$planId.log[.]xlsx";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

function fileName(response: Response): string {
  const disposition = response.headers.get("Content-Disposition") ?? "";
  return decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? "");
}

async function readWorkbook(buffer: ArrayBuffer | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as ArrayBuffer);
  return workbook;
}

/** The data rows of a sheet (below its title and header) as arrays of cell values. */
function dataRows(sheet: ExcelJS.Worksheet, width: number): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push(Array.from({ length: width }, (_, c) => row.getCell(c + 1).value ?? null));
  }
  return out;
}

describe.each(drivers)("activity log documents on %s", (driver) => {
  let t: TestDb;
  let w: LogWorld;
  /** Another plan with its own log: its users must not see this plan's. */
  let other: LogWorld;
  let walkId: number;
  let otherEventId: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    w = await createLogWorld(t.db);
    other = await createLogWorld(t.db);
    const [walks, yard] = w.agreement.activities;
    ({ id: walkId } = await createLogEvent(
      t.db,
      w.reporter,
      w.plan.id,
      eventValues(w, {
        activityId: String(walks!.id),
        date: "2026-03-10",
        scheduleFollowUp: "on",
        findings: [
          {
            text: "Mørk sti bag blok 3",
            place: "Stien mod skolen",
            actions: [
              {
                party: org(w.orgA),
                description: "Sæt lys op",
                dueDate: "2026-05-01",
                status: "done",
              },
              { party: "label:Politiet", description: "Patruljer om aftenen", dueDate: "" },
            ],
          },
          {
            text: "Knallertkørsel i gården",
            place: "",
            actions: [{ party: org(w.orgB), description: "Sæt bomme op", dueDate: "2026-06-01" }],
          },
        ],
      }),
    ));
    await createLogEvent(
      t.db,
      w.secretariat,
      w.plan.id,
      eventValues(w, {
        activityId: String(yard!.id),
        kindId: String(w.kind("Arrangement")),
        date: "2026-06-20",
        place: "Gården",
        participants: [
          { groupId: String(w.group("Beboere")), count: "40" },
          { groupId: String(w.group("Frivillige")), count: "6" },
        ],
      }),
    );
    // Last year's walk: in neither the 2026 log nor the 2026 report.
    await createLogEvent(
      t.db,
      w.reporter,
      w.plan.id,
      eventValues(w, { activityId: String(walks!.id), date: "2025-10-01" }),
    );
    ({ id: otherEventId } = await createLogEvent(
      t.db,
      other.secretariat,
      other.plan.id,
      eventValues(other),
    ));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function download(
    loader: Loader,
    url: string,
    userId: number,
    params: Record<string, string>,
  ): Promise<Response> {
    return loader({
      request: new Request(`http://localhost${url}`, {
        headers: { Cookie: await cookieFor(userId) },
      }),
      params,
      context: {},
    });
  }

  const actionList = (userId: number, eventId = walkId, planId = w.plan.id) =>
    download(actionListDocx.loader, `/plans/${planId}/log/${eventId}/actions.docx`, userId, {
      planId: String(planId),
      eventId: String(eventId),
    });

  it("gives every member the action list as Word with every finding, party and due date", async () => {
    for (const user of [w.secretariat, w.reporter, w.board, w.viewer]) {
      const response = await actionList(user.id);
      expect(response.status, user.name).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(DOCX);
      expect(fileName(response)).toBe(
        `Handlingsliste - Tryghedsvandring 2026-03-10 - ${w.agreement.activities[0]!.name}.docx`,
      );
    }
    const doc = readDocxBuffer(new Uint8Array(await (await actionList(w.viewer.id)).arrayBuffer()));
    expect(doc.headings.slice(0, 4)).toEqual([
      [1, "Handlingsliste efter tryghedsvandring 10. marts 2026"],
      [2, "Fund og opgaver"],
      [3, "1. Mørk sti bag blok 3"],
      [3, "2. Knallertkørsel i gården"],
    ]);
    const actionRows = doc.tables.filter((table) => table[0]?.[0] === "Ansvarlig").slice(0, 2);
    expect(actionRows).toEqual([
      [
        ["Ansvarlig", "Opgave", "Frist", "Status"],
        [w.orgA.name, "Sæt lys op", "1. maj 2026", "Udført"],
        ["Politiet", "Patruljer om aftenen", "Ingen frist", "Åben"],
      ],
      [
        ["Ansvarlig", "Opgave", "Frist", "Status"],
        [w.orgB.name, "Sæt bomme op", "1. juni 2026", "Åben"],
      ],
    ]);
    expect(doc.headings).toContainEqual([2, "Opgaver efter ansvarlig"]);
    // The follow-up half a year after the walk, and the participants of the form.
    expect(doc.tables[0]).toContainEqual(["Opfølgning", "10. september 2026"]);
    expect(doc.tables[0]).toContainEqual(["Deltagere", "Beboere: 12, Frivillige: 3 (i alt 15)"]);
    expect(doc.tables[0]).toContainEqual(["Helhedsplan", w.plan.name]);
  });

  it("answers 404 to another plan's user and for another plan's event or a bad id", async () => {
    expect(
      (await callAs(actionListDocx.loader, other.secretariat.id, w.plan.id, walkId)).status,
    ).toBe(404);
    // This plan's member asking for the other plan's event through this plan's address.
    expect(
      (await callAs(actionListDocx.loader, w.secretariat.id, w.plan.id, otherEventId)).status,
    ).toBe(404);
    for (const eventId of ["0", "abc", "99999999999"]) {
      const result = await callRoute(actionListDocx.loader, "/x", {
        userId: w.secretariat.id,
        params: { planId: String(w.plan.id), eventId },
      });
      expect(result.status, eventId).toBe(404);
    }
  });

  async function callAs(loader: Loader, userId: number, planId: number, eventId: number) {
    return callRoute(loader, "/x", {
      userId,
      params: { planId: String(planId), eventId: String(eventId) },
    });
  }

  const yearLog = (userId: number, query: string, planId = w.plan.id) =>
    download(yearLogXlsx.loader, `/plans/${planId}/log.xlsx${query}`, userId, {
      planId: String(planId),
    });

  it("gives every member the year's log as Excel: events, actions and counts", async () => {
    for (const user of [w.secretariat, w.reporter, w.board, w.viewer]) {
      const response = await yearLog(user.id, "?year=2026");
      expect(response.status, user.name).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(XLSX);
      expect(fileName(response)).toBe(`Aktivitetslog 2026 - ${w.plan.name}.xlsx`);
    }
    const workbook = await readWorkbook(
      await (await yearLog(w.board.id, "?year=2026")).arrayBuffer(),
    );
    const [walks, yard] = w.agreement.activities.map((a) => a.name);
    const events = dataRows(workbook.getWorksheet("Hændelser")!, 12);
    expect(events.map((e) => [e[2], e[3], ...e.slice(5, 12)])).toEqual([
      // activity, kind, Beboere, Frivillige, Samarbejdspartnere, total, findings, actions, open
      [walks, "Tryghedsvandring", 12, 3, null, 15, 2, 3, 2],
      [yard, "Arrangement", 40, 6, null, 46, 0, 0, 0],
    ]);
    const actions = dataRows(workbook.getWorksheet("Opgaver")!, 9);
    expect(actions.map((a) => [a[3], a[5], a[6], a[8]])).toEqual([
      ["Mørk sti bag blok 3", w.orgA.name, "Sæt lys op", "Udført"],
      ["Mørk sti bag blok 3", "Politiet", "Patruljer om aftenen", "Åben"],
      ["Knallertkørsel i gården", w.orgB.name, "Sæt bomme op", "Åben"],
    ]);
    const counts = dataRows(workbook.getWorksheet("Opgørelse")!, 5);
    expect(counts.map((c) => c.slice(1))).toEqual([
      [walks, "Hændelser", "Tryghedsvandring", 1],
      [walks, "Deltagere", "Beboere", 12],
      [walks, "Deltagere", "Frivillige", 3],
      [yard, "Hændelser", "Arrangement", 1],
      [yard, "Deltagere", "Beboere", 40],
      [yard, "Deltagere", "Frivillige", 6],
    ]);
  });

  it("narrows the year's log to one activity and to last year on request", async () => {
    const [walks] = w.agreement.activities;
    const one = await yearLog(w.viewer.id, `?year=2026&activity=${walks!.id}`);
    expect(fileName(one)).toBe(`Aktivitetslog 2026 - ${w.plan.name} - ${walks!.name}.xlsx`);
    const events = dataRows(
      (await readWorkbook(await one.arrayBuffer())).getWorksheet("Hændelser")!,
      4,
    );
    expect(events.map((e) => e[3])).toEqual(["Tryghedsvandring"]);

    const lastYear = await yearLog(w.viewer.id, "?year=2025");
    const rows = dataRows(
      (await readWorkbook(await lastYear.arrayBuffer())).getWorksheet("Hændelser")!,
      1,
    );
    expect(rows).toEqual([[new Date("2025-10-01T00:00:00.000Z")]]);
  });

  it("answers 404 to another plan's user, for a bad year and a bad activity", async () => {
    const outsider = await callRoute(yearLogXlsx.loader, "/x?year=2026", {
      userId: other.viewer.id,
      params: { planId: String(w.plan.id) },
    });
    expect(outsider.status).toBe(404);
    for (const query of ["?year=26", "?year=abcd", "?activity=0", "?activity=x"]) {
      const result = await callRoute(yearLogXlsx.loader, `/x${query}`, {
        userId: w.viewer.id,
        params: { planId: String(w.plan.id) },
      });
      expect(result.status, query).toBe(404);
    }
    // Another plan's activity through this plan's address: an empty log, nothing of theirs.
    const theirs = await yearLog(
      w.viewer.id,
      `?year=2026&activity=${other.agreement.activities[0]!.id}`,
    );
    const rows = dataRows(
      (await readWorkbook(await theirs.arrayBuffer())).getWorksheet("Hændelser")!,
      1,
    );
    expect(rows).toEqual([]);
  });

  it("counts each activity's events by kind and participants by group in the progress report", async () => {
    const { view } = await getProgressReport(t.db, w.board, w.plan.id, 2026);
    const [walks, yard] = view.agreements[0]!.activities;
    expect(walks!.log).toEqual({
      eventCount: 1,
      byKind: [{ kind: "Tryghedsvandring", count: 1 }],
      participantCount: 15,
      byGroup: [
        { group: "Beboere", count: 12 },
        { group: "Frivillige", count: 3 },
      ],
    });
    expect(yard!.log).toMatchObject({ eventCount: 1, participantCount: 46 });
    const lastYear = await getProgressReport(t.db, w.board, w.plan.id, 2025);
    expect(lastYear.view.agreements[0]!.activities[0]!.log).toMatchObject({ eventCount: 1 });
    expect(lastYear.view.agreements[0]!.activities[1]!.log).toBeNull();

    const docx = await renderProgressReportDocx(t.db, w.board, w.plan.id, 2026);
    const doc = readDocxBuffer(new Uint8Array(docx.buffer));
    expect(doc.headings).toContainEqual([3, "Aktivitetsloggen 2026"]);
    const table = doc.tables.find((x) => x[0]?.join("|") === "Aktivitet|Hændelser|Deltagere");
    expect(table?.slice(1)).toEqual([
      [walks!.name, "Tryghedsvandring: 1\nI alt: 1", "Beboere: 12\nFrivillige: 3\nI alt: 15"],
      [yard!.name, "Arrangement: 1\nI alt: 1", "Beboere: 40\nFrivillige: 6\nI alt: 46"],
    ]);
    const xlsx = await renderProgressReportXlsx(t.db, w.board, w.plan.id, 2026);
    const sheet = (await readWorkbook(xlsx.buffer)).getWorksheet("Aktivitetslog")!;
    expect(dataRows(sheet, 5).map((r) => r.slice(2))).toEqual([
      ["Hændelser", "Tryghedsvandring", 1],
      ["Deltagere", "Beboere", 12],
      ["Deltagere", "Frivillige", 3],
      ["Hændelser", "Arrangement", 1],
      ["Deltagere", "Beboere", 40],
      ["Deltagere", "Frivillige", 6],
    ]);
  });

  it("assembles the report's log counts in the same number of queries for 600 more events", async () => {
    const { db, queries } = createCountingDb(t);
    await getProgressReport(db, w.board, w.plan.id, 2026);
    const before = queries.length;
    const activityIds = w.agreement.activities.map((a) => a.id);
    await generateLogData(t.db, w.plan.id, activityIds, [w.orgA.id, w.orgB.id], {
      events: 600,
      fromYear: 2026,
      years: 1,
    });
    queries.length = 0;
    const { view } = await getProgressReport(db, w.board, w.plan.id, 2026);
    expect(queries.length).toBe(before);
    const logged = view.agreements[0]!.activities.map((a) => a.log?.eventCount ?? 0);
    expect(logged.reduce((s, n) => s + n, 0)).toBe(602);
  });
});
