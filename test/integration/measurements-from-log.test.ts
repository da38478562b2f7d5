/**
 * Measurements from the activity log, through the measurements page as a reporter would use it,
 * on both drivers: the criterion «Antal gårdaktiviteter pr. år» measured from the log gets 14 from
 * 14 logged events; «Brug værdien fra loggen» fills the row without saving; a value other than the
 * log's needs a reason (400, beside the field, input kept); the log's value and source text are
 * stored; the progress report shows the source; the page's queries do not grow with the events.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logEventKinds, measurements, successCriteria } from "../../db/schema";
import { createLogWorld, eventValues, type LogWorld } from "../helpers/activity-log";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { flashOf } from "../helpers/flash";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { CriterionLogSourceSchema } from "~/domain/activity-log";
import type { FormFailure } from "~/domain/form";
import {
  fillFromLogIntent,
  sourceLine,
  USE_LOG_NOTICE,
  VALUE_OVERRIDE_REASON_MESSAGE,
} from "~/domain/measurement";
import {
  createLogEvent,
  getCriterionLogSources,
  saveCriterionLogSource,
} from "~/models/activity-log/index.server";
import { getMeasurementGrid } from "~/models/measurements.server";
import { getProgressReport } from "~/models/progress-reports.server";
import * as page from "~/routes/plans.$planId.agreements.$agreementId.measurements";
import * as sourcesPage from "~/routes/plans.$planId.agreements.$agreementId.measurements_.sources";

type Form = Record<string, string>;
type PageData = Awaited<ReturnType<typeof page.loader>>;
type FormRow = NonNullable<PageData["values"]>["rows"][number];

const SOURCE_TEXT = "Aktivitetsloggen: 14 gårdaktiviteter i 2026";

describe.each(drivers)("measurements from the activity log on %s", (driver) => {
  let t: TestDb;
  let w: LogWorld;
  let criterionId: number;
  let kindId: number;
  let params: Record<string, string>;
  const url = () => `/plans/${w.plan.id}/agreements/${w.agreement.id}/measurements?year=2026`;

  async function logCourtyardEvents(count: number, date = "2026-05-01") {
    for (let i = 0; i < count; i++) {
      await createLogEvent(
        t.db,
        w.reporter,
        w.plan.id,
        eventValues(w, { kindId: String(kindId), date }),
      );
    }
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    w = await createLogWorld(t.db);
    params = { planId: String(w.plan.id), agreementId: String(w.agreement.id) };
    criterionId = w.agreement.activities[0]!.criterionIds[0]!;
    await t.db
      .update(successCriteria)
      .set({
        text: "Antal gårdaktiviteter pr. år",
        baselineValue: 6,
        targetValue: 14,
        baselineUnit: "aktiviteter",
        targetUnit: "aktiviteter",
      })
      .where(eq(successCriteria.id, criterionId));
    const [kind] = await t.db
      .insert(logEventKinds)
      .values({ planId: w.plan.id, name: "Gårdaktivitet", position: 20 })
      .returning({ id: logEventKinds.id });
    kindId = kind!.id;
    await saveCriterionLogSource(
      t.db,
      w.reporter,
      w.plan.id,
      criterionId,
      CriterionLogSourceSchema.parse({ metric: "event_count", kindId: String(kindId) }),
    );
    await logCourtyardEvents(14);
    // Not counted: another kind the same year, the same kind another year.
    await createLogEvent(t.db, w.reporter, w.plan.id, eventValues(w, { date: "2026-06-01" }));
    await logCourtyardEvents(1, "2025-06-01");
  });
  afterAll(async () => {
    await t?.close();
  });

  async function load() {
    const res = await callRoute(page.loader, url(), { userId: w.reporter.id, params });
    expect(res.status).toBe(200);
    return res.data as PageData;
  }

  function toForm(rows: FormRow[], edits: Record<number, Partial<FormRow>> = {}): Form {
    const form: Form = {};
    rows.forEach((row, i) => {
      for (const [key, value] of Object.entries({ ...row, ...edits[i] })) {
        form[`rows.${i}.${key}`] = String(value);
      }
    });
    return form;
  }

  const post = (form: Form) =>
    callRoute(page.action, url(), { userId: w.reporter.id, params, form });

  async function stored() {
    const [row] = await t.db
      .select()
      .from(measurements)
      .where(eq(measurements.criterionId, criterionId));
    return row ?? null;
  }

  it("suggests 14 from 14 logged events beside the value field, with its source", async () => {
    const data = await load();
    const index = data.rows.findIndex((r) => r.criterion.id === criterionId);
    expect(data.rows[index]!.criterion.text).toBe("Antal gårdaktiviteter pr. år");
    expect(data.rows[index]!.log).toEqual({
      value: 14,
      metric: "event_count",
      sourceText: SOURCE_TEXT,
    });
    expect(data.values!.rows[index]).toMatchObject({ logValue: "14", valueNumber: "" });
    // Criteria without a log source have no suggestion.
    expect(data.rows.filter((r) => r.log)).toHaveLength(1);
  });

  it("«Brug værdien fra loggen» without JavaScript fills the row and saves nothing", async () => {
    const data = await load();
    const index = data.rows.findIndex((r) => r.criterion.id === criterionId);
    const res = await post({
      ...toForm(data.values!.rows, { [index]: { comment: "Skrevet af rapportøren" } }),
      intent: fillFromLogIntent(index),
    });
    expect(res.status).toBe(200);
    const body = res.data as FormFailure;
    expect(body.notice).toBe(USE_LOG_NOTICE);
    expect((body.values.rows as FormRow[])[index]).toMatchObject({
      valueNumber: "14",
      source: SOURCE_TEXT,
      comment: "Skrevet af rapportøren",
    });
    expect(await stored()).toBeNull();
  });

  it("refuses another value than the log's without a reason, beside the field, input kept", async () => {
    const data = await load();
    const index = data.rows.findIndex((r) => r.criterion.id === criterionId);
    const res = await post(toForm(data.values!.rows, { [index]: { valueNumber: "12" } }));
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors[`rows.${index}.valueOverrideReason`]).toBe(VALUE_OVERRIDE_REASON_MESSAGE);
    expect((body.values.rows as FormRow[])[index]!.valueNumber).toBe("12");
    expect(await stored()).toBeNull();
  });

  it("stores an overriding value with its reason and the log's value beside it", async () => {
    const data = await load();
    const index = data.rows.findIndex((r) => r.criterion.id === criterionId);
    const res = await post(
      toForm(data.values!.rows, {
        [index]: {
          valueNumber: "12",
          valueOverrideReason: "To aktiviteter blev aflyst på grund af regn",
        },
      }),
    );
    expect(res.status).toBe(302);
    expect(await stored()).toMatchObject({
      valueNumber: 12,
      logValue: 14,
      valueOverrideReason: "To aktiviteter blev aflyst på grund af regn",
      source: null,
      status: "partly_met",
    });
  });

  it("stores the log's value with its source text when the reporter accepts it", async () => {
    const data = await load();
    const index = data.rows.findIndex((r) => r.criterion.id === criterionId);
    const res = await post(
      toForm(data.values!.rows, {
        [index]: { valueNumber: "14", valueOverrideReason: "", source: "" },
      }),
    );
    expect(res.status).toBe(302);
    expect(await stored()).toMatchObject({
      valueNumber: 14,
      logValue: 14,
      valueOverrideReason: null,
      source: SOURCE_TEXT,
      status: "met",
    });
  });

  it("shows the log's source in the progress report", async () => {
    const report = await getProgressReport(t.db, w.board, w.plan.id, 2026);
    const criterion = report.view.agreements
      .flatMap((a) => a.criteria)
      .find((c) => c.id === criterionId)!;
    expect(criterion.actualText).toBe("14 aktiviteter");
    expect(criterion.status).toBe("met");
    expect(sourceLine(criterion.measurement!.source!)).toBe(
      "Kilde: Aktivitetsloggen – 14 gårdaktiviteter i 2026",
    );
  });

  it("answers a save against a log that changed since the page was loaded with a conflict", async () => {
    const data = await load();
    await logCourtyardEvents(1);
    const index = data.rows.findIndex((r) => r.criterion.id === criterionId);
    const res = await post(toForm(data.values!.rows, { [index]: { comment: "Ny kommentar" } }));
    expect(res.status).toBe(409);
    expect((await stored())!.comment).toBeNull();
    const again = await load();
    expect(again.rows[index]!.log!.value).toBe(15);
  });

  it("reads the grid in the same number of queries however many events are logged", async () => {
    const count = async () => {
      const { db, queries } = createCountingDb(t);
      await getMeasurementGrid(db, w.viewer, w.plan.id, w.agreement.id, 2026);
      return queries.length;
    };
    const before = await count();
    await logCourtyardEvents(10, "2026-09-09");
    expect(await count()).toBe(before);
    expect(before).toBeLessThanOrEqual(12);
  });

  it("lets the reporter choose a criterion's source on «Målt fra aktivitetsloggen»", async () => {
    const other = w.agreement.criterionIds[0]!;
    const sourcesUrl = `/plans/${w.plan.id}/agreements/${w.agreement.id}/measurements/sources?year=2026`;
    const opened = await callRoute(sourcesPage.loader, `${sourcesUrl}&criterion=${other}`, {
      userId: w.reporter.id,
      params,
    });
    expect(opened.status).toBe(200);
    const data = opened.data as Awaited<ReturnType<typeof sourcesPage.loader>>;
    expect(data.editing).toMatchObject({ criterionId: other, values: { metric: "" } });
    expect(data.rows.find((r) => r.criterion.id === criterionId)!.log!.sourceText).toMatch(
      /^Aktivitetsloggen: \d+ gårdaktiviteter i 2026$/,
    );

    const beboere = String(w.group("Beboere"));
    // A sum of participants needs its group: 400 beside the field, the choice kept.
    const missing = await callRoute(sourcesPage.action, sourcesUrl, {
      userId: w.reporter.id,
      params,
      form: { criterionId: String(other), metric: "participant_sum", kindId: "", groupId: "" },
    });
    expect(missing.status).toBe(400);
    expect((missing.data as FormFailure).errors.groupId).toBe("Vælg deltagergruppen");
    expect((missing.data as FormFailure).values.metric).toBe("participant_sum");

    const form = {
      criterionId: String(other),
      metric: "participant_sum",
      kindId: "",
      groupId: beboere,
    };
    // Board members and viewers read only.
    const denied = await callRoute(sourcesPage.action, sourcesUrl, {
      userId: w.viewer.id,
      params,
      form,
    });
    expect(denied.status).toBe(403);
    const saved = await callRoute(sourcesPage.action, sourcesUrl, {
      userId: w.reporter.id,
      params,
      form,
    });
    expect(saved.status).toBe(302);
    expect(await flashOf(saved)).toBe("Succeskriteriets kilde er gemt.");
    const sources = await getCriterionLogSources(t.db, w.viewer, w.agreement.id);
    expect(sources.find((s) => s.criterionId === other)).toMatchObject({
      metric: "participant_sum",
      group: "Beboere",
    });
    const grid = await getMeasurementGrid(t.db, w.viewer, w.plan.id, w.agreement.id, 2026);
    // 12 residents at each of the year's events of the agreement's activities.
    const events = 14 + 1 + 1 + 10;
    expect(grid.rows.find((r) => r.criterion.id === other)!.log).toMatchObject({
      value: 12 * events,
      metric: "participant_sum",
    });
  });
});
