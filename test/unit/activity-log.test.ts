/**
 * The activity log's pure rules: the follow-up date, the metrics from the log and their source
 * text, and the form schemas' Danish messages (a dropped action needs a reason, a party must be
 * chosen).
 */
import { describe, expect, it } from "vitest";
import {
  ActionStatusSchema,
  computeLogValue,
  followUpDate,
  LogActionSchema,
  LogEventSchema,
  logSourceText,
  type LogMetricEvent,
} from "~/domain/activity-log";
import { issuesToFieldErrors } from "~/domain/form";

const walk = (
  date: string,
  residents: number,
  statuses: LogMetricEvent["actions"][number]["status"][] = [],
) =>
  ({
    date,
    kindId: 1,
    participants: [
      { groupId: 10, count: residents },
      { groupId: 11, count: 2 },
    ],
    actions: statuses.map((status) => ({ status })),
  }) satisfies LogMetricEvent;

describe("followUpDate", () => {
  it("adds months, keeping the day or the month's last", () => {
    expect(followUpDate("2026-03-10", 6)).toBe("2026-09-10");
    expect(followUpDate("2026-08-31", 6)).toBe("2027-02-28");
    expect(followUpDate("2027-08-31", 6)).toBe("2028-02-29");
    expect(followUpDate("2026-12-15", 1)).toBe("2027-01-15");
  });
});

describe("computeLogValue", () => {
  const events = [
    ...Array.from({ length: 14 }, (_, i) =>
      walk(`2026-${String((i % 12) + 1).padStart(2, "0")}-05`, i + 1),
    ),
    walk("2025-12-31", 100),
    { ...walk("2026-06-01", 7, ["done", "open", "dropped", "done", "in_progress"]), kindId: 2 },
  ];

  it("counts the year's events of a kind: 14 walks → 14", () => {
    expect(computeLogValue({ metric: "event_count", kindId: 1, groupId: null }, events, 2026)).toBe(
      14,
    );
    expect(
      computeLogValue({ metric: "event_count", kindId: null, groupId: null }, events, 2026),
    ).toBe(15);
    expect(computeLogValue({ metric: "event_count", kindId: 1, groupId: null }, events, 2024)).toBe(
      0,
    );
  });

  it("sums a group's participants", () => {
    expect(
      computeLogValue({ metric: "participant_sum", kindId: null, groupId: 10 }, events, 2026),
    ).toBe(105 + 7);
    expect(
      computeLogValue({ metric: "participant_sum", kindId: 1, groupId: 11 }, events, 2026),
    ).toBe(28);
  });

  it("gives the share of actions done, leaving dropped ones out", () => {
    expect(
      computeLogValue({ metric: "actions_done_share", kindId: null, groupId: null }, events, 2026),
    ).toBe(50);
    expect(
      computeLogValue(
        { metric: "actions_done_share", kindId: null, groupId: null },
        [walk("2026-01-01", 1, ["done", "open", "open"])],
        2026,
      ),
    ).toBe(33.33);
    expect(
      computeLogValue({ metric: "actions_done_share", kindId: 1, groupId: null }, events, 2026),
    ).toBeNull();
  });

  it("names its source", () => {
    const spec = { metric: "event_count" as const, kindId: 1, groupId: null };
    expect(logSourceText(spec, 14, 2026, { kind: "Tryghedsvandring", group: null })).toBe(
      "Aktivitetsloggen: 14 tryghedsvandringer i 2026",
    );
    expect(logSourceText(spec, 1, 2026, { kind: "Møde", group: null })).toBe(
      "Aktivitetsloggen: 1 møde i 2026",
    );
    expect(logSourceText(spec, 3, 2026, { kind: "Kursus", group: null })).toBe(
      "Aktivitetsloggen: 3 kurser i 2026",
    );
  });
});

describe("the log's form schemas", () => {
  it("needs a reason for a dropped action and a chosen party", () => {
    const result = LogActionSchema.safeParse({
      party: "",
      description: "Sæt lys op",
      status: "dropped",
    });
    expect(result.success).toBe(false);
    expect(issuesToFieldErrors(result.error!.issues)).toEqual({
      party: "Vælg den ansvarlige part",
      dropReason: "Skriv, hvorfor opgaven droppes",
    });
    expect(
      LogActionSchema.parse({ party: "label:Politiet", description: "Patruljer", dueDate: "" }),
    ).toMatchObject({
      organisationId: null,
      partyLabel: "Politiet",
      status: "open",
      dueDate: null,
    });
    expect(
      ActionStatusSchema.safeParse({ version: "1", status: "dropped", dropReason: " " }).success,
    ).toBe(false);
  });

  it("keeps a follow-up date after the event's and only when asked for", () => {
    const base = { activityId: "1", kindId: "1", date: "2026-03-10" };
    const before = LogEventSchema.safeParse({
      ...base,
      scheduleFollowUp: "on",
      followUpDue: "2026-03-01",
    });
    expect(issuesToFieldErrors(before.error!.issues)).toEqual({
      followUpDue: "Opfølgningen skal ligge efter datoen",
    });
    expect(LogEventSchema.parse({ ...base, followUpDue: "2026-09-01" }).followUpDue).toBeNull();
  });
});
