/**
 * Reminders' pure part: the moment a reminder goes out (08:00 Danish time, summer and winter),
 * which are due given the sent ones and the clock, the backlog rule, the titles, and the settings
 * field for the offsets.
 */
import { describe, expect, it } from "vitest";
import {
  BACKLOG_GRACE_DAYS,
  dueReminders,
  reminderMoment,
  reminderOffsetsField,
  reminderOffsetsFormText,
  reminderTitle,
  reminderWindow,
  type ReminderCandidate,
} from "~/domain/reminders";

const report: ReminderCandidate = {
  uid: "report-1-2026@samarbejdsaftaler",
  date: "2027-06-30",
  done: false,
  offsets: [-14, 0, 7],
};

const at = (iso: string) => new Date(iso);
const offsetsDue = (
  candidates: ReminderCandidate[],
  now: string,
  sent: string[] = [],
): [string, number][] =>
  dueReminders(candidates, new Set(sent), at(now)).map((r) => [r.deadline.uid, r.offset]);

describe("reminderMoment", () => {
  it("is 08:00 in Copenhagen: 06:00 UTC in summer, 07:00 UTC in winter", () => {
    expect(reminderMoment("2027-06-30", -14).toISOString()).toBe("2027-06-16T06:00:00.000Z");
    expect(reminderMoment("2027-03-31", 0).toISOString()).toBe("2027-03-31T06:00:00.000Z");
    expect(reminderMoment("2027-01-10", 7).toISOString()).toBe("2027-01-17T07:00:00.000Z");
    // Across the spring change (28 March 2027): 14 days before 8 April is 25 March, winter time.
    expect(reminderMoment("2027-04-08", -14).toISOString()).toBe("2027-03-25T07:00:00.000Z");
    // Across a month and year end.
    expect(reminderMoment("2027-01-05", -14).toISOString()).toBe("2026-12-22T07:00:00.000Z");
  });
});

describe("dueReminders", () => {
  it("sends nothing before the first moment and each offset from its moment on", () => {
    expect(offsetsDue([report], "2027-06-16T05:59:59Z")).toEqual([]);
    expect(offsetsDue([report], "2027-06-16T06:00:00Z")).toEqual([[report.uid, -14]]);
    expect(offsetsDue([report], "2027-06-30T06:00:00Z", [`${report.uid}:-14`])).toEqual([
      [report.uid, 0],
    ]);
    expect(
      offsetsDue([report], "2027-07-07T06:00:00Z", [`${report.uid}:-14`, `${report.uid}:0`]),
    ).toEqual([[report.uid, 7]]);
    expect(
      offsetsDue([report], "2027-07-20T06:00:00Z", [
        `${report.uid}:-14`,
        `${report.uid}:0`,
        `${report.uid}:7`,
      ]),
    ).toEqual([]);
  });

  it("sends nothing for a deadline that is met", () => {
    expect(offsetsDue([{ ...report, done: true }], "2027-06-30T12:00:00Z")).toEqual([]);
  });

  it("sends a reminder up to two days late, and the earlier one with it", () => {
    // Down from 15 June to 1 July 07:00: -14 is 15 days late, 0 is one day late.
    expect(offsetsDue([report], "2027-07-01T07:00:00Z")).toEqual([[report.uid, 0]]);
    // Down only a day: both fresh ones go out.
    const twoClose = { ...report, offsets: [-1, 0] };
    expect(offsetsDue([twoClose], "2027-06-30T09:00:00Z")).toEqual([
      [report.uid, -1],
      [report.uid, 0],
    ]);
  });

  it("fires a backlog only as the deadline's latest passed offset", () => {
    // First seen 3 July: -14 (19 days late) and 0 (3 days late) have passed; only 0 goes out.
    expect(offsetsDue([report], "2027-07-03T09:00:00Z")).toEqual([[report.uid, 0]]);
    // Once 0 is sent, -14 stays unsent for good.
    expect(offsetsDue([report], "2027-07-04T09:00:00Z", [`${report.uid}:0`])).toEqual([]);
    // A deadline entered ten days before it falls: the -14 reminder, four days late, still goes.
    expect(offsetsDue([report], "2027-06-20T09:00:00Z")).toEqual([[report.uid, -14]]);
    // A reminder sent late does not bring back an earlier one whose moment is also old.
    const many = { ...report, offsets: [-30, -14] };
    expect(offsetsDue([many], "2027-06-20T09:00:00Z")).toEqual([[report.uid, -14]]);
  });

  it("keeps each deadline to its own offsets and orders by moment", () => {
    const other = { uid: "milestone-5-2027@samarbejdsaftaler", date: "2027-06-20", done: false };
    expect(
      offsetsDue(
        [
          { ...report, offsets: [-10] },
          { ...other, offsets: [0] },
        ],
        "2027-06-20T10:00:00Z",
      ),
    ).toEqual([
      [report.uid, -10],
      [other.uid, 0],
    ]);
    expect(offsetsDue([{ ...report, offsets: [] }], "2027-07-30T10:00:00Z")).toEqual([]);
  });

  it("counts a reminder late from two days after its moment", () => {
    expect(BACKLOG_GRACE_DAYS).toBe(2);
    const close = { ...report, offsets: [-20, -19] };
    // -20 went due 10 June 08:00: exactly two days later it still goes out with -19.
    expect(offsetsDue([close], "2027-06-12T06:00:00Z")).toEqual([
      [report.uid, -20],
      [report.uid, -19],
    ]);
    // A second later it is backlog, and not the latest: only -19.
    expect(offsetsDue([close], "2027-06-12T06:00:01Z")).toEqual([[report.uid, -19]]);
  });
});

describe("reminderWindow", () => {
  it("covers every allowed offset plus the grace days", () => {
    expect(reminderWindow("2027-06-30")).toEqual({ from: "2027-04-28", to: "2027-08-30" });
  });
});

describe("reminderTitle", () => {
  const subject = "Statusrapporten for 2026 (Helhedsplan Strandengen)";
  it("counts the days from the day it goes out", () => {
    expect(reminderTitle("report", subject, "2027-06-30", "2027-06-16")).toBe(
      "Statusrapporten for 2026 (Helhedsplan Strandengen) skal afleveres om 14 dage (30. juni 2027)",
    );
    expect(reminderTitle("report", subject, "2027-06-30", "2027-06-29")).toBe(
      "Statusrapporten for 2026 (Helhedsplan Strandengen) skal afleveres om 1 dag (30. juni 2027)",
    );
    expect(reminderTitle("report", subject, "2027-06-30", "2027-06-30")).toBe(
      "Statusrapporten for 2026 (Helhedsplan Strandengen) skal afleveres i dag (30. juni 2027)",
    );
    expect(reminderTitle("report", subject, "2027-06-30", "2027-07-07")).toBe(
      "Statusrapporten for 2026 (Helhedsplan Strandengen) var ikke afleveret 7 dage efter fristen (30. juni 2027)",
    );
  });
  it("uses each kind's own words", () => {
    expect(reminderTitle("grant-report", "Afrapporteringen", "2027-03-31", "2027-03-31")).toBe(
      "Afrapporteringen skal indsendes i dag (31. marts 2027)",
    );
    expect(reminderTitle("revision", "Revisionen", "2027-03-31", "2027-04-01")).toBe(
      "Revisionen var ikke godkendt 1 dag efter fristen (31. marts 2027)",
    );
    expect(reminderTitle("milestone", "Milepælen «Åbning»", "2027-03-31", "2027-03-17")).toBe(
      "Milepælen «Åbning» skal være nået om 14 dage (31. marts 2027)",
    );
  });
});

describe("reminderOffsetsField", () => {
  const parse = (v: unknown) => reminderOffsetsField.safeParse(v);
  const message = (v: unknown) => {
    const r = parse(v);
    return r.success ? null : r.error.issues[0]!.message;
  };
  it("reads comma-separated days, sorted, with Unicode minus and plus signs", () => {
    expect(parse("-14, 0, 7").data).toEqual([-14, 0, 7]);
    expect(parse("7,-14 ,0").data).toEqual([-14, 0, 7]);
    expect(parse("\u221214; +7").data).toEqual([-14, 7]);
    expect(parse("-14 0 7").data).toEqual([-14, 0, 7]);
    expect(parse("-0").data).toEqual([0]);
  });
  it("takes an empty field as no reminders and a missing one as keep", () => {
    expect(parse("").data).toEqual([]);
    expect(parse("  ").data).toEqual([]);
    expect(parse(undefined).success).toBe(true);
    expect(parse(undefined).data).toBeUndefined();
  });
  it("answers in Danish", () => {
    expect(message("to uger før")).toBe("Skriv hele dage adskilt af komma, fx -14, 0, 7");
    expect(message("1.5")).toBe("Skriv hele dage adskilt af komma, fx -14, 0, 7");
    expect(message("-61, 0")).toBe("Hver påmindelse skal ligge mellem -60 og 60 dage fra fristen");
    expect(message("60, -60")).toBeNull();
    expect(message("1, 2, 3, 4, 5, 6")).toBe("Angiv højst 5 påmindelser");
    expect(message("0, 7, 0")).toBe("Den samme dag står flere gange");
  });
  it("round-trips through the form's text", () => {
    expect(reminderOffsetsFormText([-14, 0, 7])).toBe("-14, 0, 7");
    expect(parse(reminderOffsetsFormText([-3, 5])).data).toEqual([-3, 5]);
  });
});
