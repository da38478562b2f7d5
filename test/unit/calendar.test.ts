/**
 * The deadline calendar's pure part: mapping the app's deadlines to events (Danish titles, links,
 * done marks), quarters to dates, the 12-month window, and the ICS read back by ical.js as
 * all-day events with stable UIDs. Also the log redaction of the feed's secret address.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  buildCalendar,
  calendarFileName,
  deadlinesToShow,
  deadlineUid,
  grantReportDeadline,
  milestoneDeadline,
  quarterEndDate,
  reportDeadlines,
  revisionDeadline,
  type Deadline,
} from "~/domain/calendar";
import { redactSecretPath } from "~/log-redaction";

const plan = {
  planId: 7,
  planName: "Kildeby Helhedsplan",
  periodStart: "2024-07-01",
  periodEnd: "2027-06-30",
  reportDueMonthDay: "06-30",
  finalYears: [2024],
};

function readBack(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    timezone: calendar.getFirstPropertyValue("x-wr-timezone"),
    events: calendar.getAllSubcomponents("vevent").map((v) => {
      const start = v.getFirstPropertyValue("dtstart") as ICAL.Time;
      const end = v.getFirstPropertyValue("dtend") as ICAL.Time;
      const stamp = v.getFirstPropertyValue("dtstamp") as ICAL.Time;
      return {
        uid: v.getFirstPropertyValue("uid"),
        summary: v.getFirstPropertyValue("summary"),
        description: v.getFirstPropertyValue("description"),
        url: v.getFirstPropertyValue("url"),
        start: start.toString(),
        end: end.toString(),
        allDay: start.isDate && end.isDate,
        stamp: stamp.toJSDate().toISOString(),
      };
    }),
  };
}

describe("the app's deadlines as calendar deadlines", () => {
  it("gives a yearly statusrapport for every year of the period, the final one marked done", () => {
    const deadlines = reportDeadlines(plan);
    expect(deadlines.map((d) => [d.year, d.date, d.done])).toEqual([
      [2024, "2025-06-30", true],
      [2025, "2026-06-30", false],
      [2026, "2027-06-30", false],
      [2027, "2028-06-30", false],
    ]);
    expect(deadlines[1]!.title).toBe("Frist: statusrapport for 2025 – Kildeby Helhedsplan");
    expect(deadlines[1]!.path).toBe("/plans/7/reports/2025");
    expect(deadlines[1]!.description).toBe(
      "Statusrapporten for 2025 skal være færdig senest 30. juni 2026.",
    );
  });

  it("uses the plan's own report day, and the month's last day when the day does not exist", () => {
    const dates = reportDeadlines({ ...plan, reportDueMonthDay: "02-29", finalYears: [] }).map(
      (d) => d.date,
    );
    expect(dates).toEqual(["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]);
  });

  it("puts a revision on the date the revision rules give, and none without an approval", () => {
    const source = {
      planId: 7,
      planName: "Kildeby Helhedsplan",
      agreementId: 31,
      focusArea: "Beskæftigelse",
      lastApprovedAt: "2026-03-12",
      due: "2027-03-12",
    };
    expect(revisionDeadline(source)).toMatchObject({
      kind: "revision",
      date: "2027-03-12",
      year: 2027,
      title: "Frist: revision af delaftalen Beskæftigelse – Kildeby Helhedsplan",
      path: "/plans/7/agreements/31/revision",
    });
    expect(revisionDeadline({ ...source, lastApprovedAt: null, due: null })).toBeNull();
  });

  it("puts a milestone planned by quarter on the quarter's last day", () => {
    expect([1, 2, 3, 4].map((q) => quarterEndDate(2026, q))).toEqual([
      "2026-03-31",
      "2026-06-30",
      "2026-09-30",
      "2026-12-31",
    ]);
    expect(() => quarterEndDate(2026, 5)).toThrow(RangeError);
    const milestone = {
      id: 5,
      planId: 7,
      planName: "Kildeby Helhedsplan",
      title: "Ny lektiecafé",
      dueDate: null,
      year: 2026,
      quarter: 2,
      status: "done" as const,
      note: null,
    };
    expect(milestoneDeadline(milestone)).toMatchObject({
      date: "2026-06-30",
      title: "Milepæl: Ny lektiecafé – Kildeby Helhedsplan",
      done: true,
      path: "/plans/7/milestones?year=2026",
    });
    expect(milestoneDeadline(milestone).description).toContain("2. kvartal 2026");
    expect(milestoneDeadline({ ...milestone, dueDate: "2026-04-15" }).date).toBe("2026-04-15");
  });

  it("gives a grant year's report on the fund's day the year after", () => {
    const d = grantReportDeadline({
      fundId: 2,
      fundName: "Lærkeredens Dispositionsfond",
      grantId: 9,
      title: "Lys i gårdene",
      estateName: "Afd. 7 Kløverhaven",
      year: 2025,
      reportDueMonthDay: "03-31",
      submitted: false,
    });
    expect(d).toMatchObject({
      date: "2026-03-31",
      title: "Frist: afrapportering 2025 af «Lys i gårdene» – Afd. 7 Kløverhaven",
      path: "/funds/2/grants/9/reports/2025",
      planId: null,
      done: false,
    });
  });

  it("keeps the last 12 months and everything ahead, in date order", () => {
    const at = (date: string, title = date): Deadline => ({
      kind: "milestone",
      subjectId: 1,
      year: Number(date.slice(0, 4)),
      date,
      title,
      description: "",
      path: "/",
      done: false,
      planId: 1,
    });
    const shown = deadlinesToShow(
      [at("2030-01-01"), at("2025-12-04"), at("2025-12-05"), at("2026-12-05")],
      "2026-12-05",
    );
    expect(shown.map((d) => d.date)).toEqual(["2025-12-05", "2026-12-05", "2030-01-01"]);
  });
});

describe("the calendar as ICS", () => {
  const now = new Date("2026-12-05T10:00:00Z");
  const deadlines = [
    ...reportDeadlines(plan),
    milestoneDeadline({
      id: 5,
      planId: 7,
      planName: "Kildeby Helhedsplan",
      title: "Fest; med komma, og\nlinjeskift",
      dueDate: "2026-12-31",
      year: 2026,
      quarter: null,
      status: "planned",
      note: "Husk æøå",
    }),
  ];
  const ics = buildCalendar(deadlines, {
    name: "Frister – Kildeby Helhedsplan",
    origin: "https://aftaler.example",
    now,
  });

  it("is read back by ical.js as all-day events on the deadline's day", () => {
    const { name, timezone, events } = readBack(ics);
    expect(name).toBe("Frister – Kildeby Helhedsplan");
    expect(timezone).toBe("Europe/Copenhagen");
    expect(events).toHaveLength(5);
    const report = events.find((e) => e.uid === "report-7-2025@samarbejdsaftaler")!;
    expect(report).toMatchObject({
      summary: "Frist: statusrapport for 2025 – Kildeby Helhedsplan",
      start: "2026-06-30",
      end: "2026-07-01",
      allDay: true,
      url: "https://aftaler.example/plans/7/reports/2025",
      stamp: now.toISOString(),
    });
    expect(report.description).toContain("https://aftaler.example/plans/7/reports/2025");
    expect(events.find((e) => e.uid === "report-7-2024@samarbejdsaftaler")!.summary).toBe(
      "Frist: statusrapport for 2024 – Kildeby Helhedsplan (klaret)",
    );
    // The year's last day ends on the next year's first.
    const milestone = events.find((e) => e.uid === "milestone-5-2026@samarbejdsaftaler")!;
    expect(milestone).toMatchObject({ start: "2026-12-31", end: "2027-01-01", allDay: true });
    expect(milestone.summary).toBe(
      "Milepæl: Fest; med komma, og\nlinjeskift – Kildeby Helhedsplan",
    );
    expect(milestone.description).toContain("Husk æøå");
    expect(ics).toContain("DTSTART;VALUE=DATE:20261231\r\n");
  });

  it("keeps every UID stable: the same deadlines give the same UIDs", () => {
    const again = buildCalendar(reportDeadlines(plan), {
      name: "x",
      origin: "http://localhost",
      now: new Date(),
    });
    const uids = (text: string) => readBack(text).events.map((e) => e.uid);
    expect(uids(again)).toEqual(uids(ics).filter((u) => String(u).startsWith("report-")));
    expect(deadlineUid({ kind: "grant-report", subjectId: 9, year: 2025 })).toBe(
      "grant-report-9-2025@samarbejdsaftaler",
    );
  });

  it("is a valid calendar without events, and keeps a line break out of the name", () => {
    const empty = buildCalendar([], { name: "Frister\r\nX-EVIL:1", origin: "http://x", now });
    const { name, events } = readBack(empty);
    expect(events).toEqual([]);
    expect(name).toBe("Frister X-EVIL:1");
    expect(empty).not.toMatch(/^X-EVIL/m);
  });

  it("names the plan's file without Danish letters or spaces", () => {
    expect(calendarFileName("Helhedsplan Strandengen og Solsikkeparken")).toBe(
      "frister-helhedsplan-strandengen-og-solsikkeparken.ics",
    );
    expect(calendarFileName("Æblehaven/Østerbro Ålborg")).toBe(
      "frister-aeblehaven-oesterbro-aalborg.ics",
    );
    expect(calendarFileName("???")).toBe("frister-plan.ics");
  });
});

describe("the request log", () => {
  it("never shows a calendar feed's token", () => {
    expect(redactSecretPath("/calendar/abcDEF_-123.ics")).toBe("/calendar/[redacted]");
    expect(redactSecretPath("/calendar/abc/more")).toBe("/calendar/[redacted]/more");
    expect(redactSecretPath("/plans/3/calendar.ics")).toBe("/plans/3/calendar.ics");
    expect(redactSecretPath("/account")).toBe("/account");
  });
});
