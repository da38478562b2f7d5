/**
 * Self-evaluations end to end below the browser: created, edited and deleted through the model
 * and through the pages' loaders and actions as Remix calls them; who may write (reporters, the
 * secretariat, admins) and who only reads (board, viewers: 403 on every write), 404 for a user of
 * another plan and for another plan's self-evaluation, 409 on a stale version with the input
 * kept, 400 with Danish messages, the audit trail, the Word download and the query count. All
 * texts are invented.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, selfEvaluations } from "../../db/schema";
import { seedDemoSelfEvaluation, DEMO_SELF_EVALUATION_TITLE } from "../../db/demo-self-evaluation";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { flashOf } from "../helpers/flash";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { CONFLICT_MESSAGE } from "~/http.server";
import type { FormFailure } from "~/domain/form";
import { parseRichText } from "~/domain/rich-text";
import { RATING_MESSAGE, type SelfEvaluationValues } from "~/domain/self-evaluation";
import { ConflictError } from "~/models/errors.server";
import {
  createSelfEvaluation,
  deleteSelfEvaluation,
  getSelfEvaluation,
  listSelfEvaluations,
  updateSelfEvaluation,
} from "~/models/self-evaluations.server";
import * as docxRoute from "~/routes/plans.$planId.self-evaluations.$evaluationId.document[.]docx";
import * as viewPage from "~/routes/plans.$planId.self-evaluations.$evaluationId._index";
import * as editPage from "~/routes/plans.$planId.self-evaluations.$evaluationId.edit";
import * as listPage from "~/routes/plans.$planId.self-evaluations._index";
import * as newPage from "~/routes/plans.$planId.self-evaluations.new";

type Form = Record<string, string>;
type NewData = Awaited<ReturnType<typeof newPage.loader>>;
type ViewData = Awaited<ReturnType<typeof viewPage.loader>>;
type EditData = Awaited<ReturnType<typeof editPage.loader>>;
type ListData = Awaited<ReturnType<typeof listPage.loader>>;

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The document's text as a reader sees it (test/helpers/docx.ts). */
function documentText(buffer: Buffer | Uint8Array): string {
  return readDocxBuffer(buffer).plain;
}

/** The standard form filled in as the browser posts it. */
function standardForm(overrides: Form = {}): Form {
  return {
    questionSet: "standard",
    funder: "Egeskov Fonden",
    title: "Lys i gårdene",
    description: "Vi satte lys op i to gårde og holdt **gårdmøder**.",
    recipient: "Fællesbo Havbakke",
    region: "Hovedstaden",
    grantType: "Projekt",
    amount: "925.000",
    grantYear: "2019",
    subGoal: "Trygge fællesarealer",
    targetGroups: "Børn og unge\nÆldre beboere",
    "answers.forankring.rating": "2",
    "answers.forankring.narrative": "Afdelingsbestyrelsen driver lyset videre.",
    "answers.maal.rating": "1",
    "answers.maal.narrative": "Målet blev nået.",
    "answers.aktiviteter.rating": "3",
    "answers.aktiviteter.narrative": "Gårdmøderne virkede bedst.",
    ...overrides,
  };
}

/** A short draft for model-level tests. */
function draftValues(title: string): SelfEvaluationValues {
  return {
    funder: "Egeskov Fonden",
    title,
    description: parseRichText(""),
    recipient: null,
    region: null,
    grantType: null,
    amount: null,
    grantYear: null,
    subGoal: null,
    targetGroups: [],
    answers: {},
  };
}

describe.each(drivers)("self-evaluations on %s", (driver) => {
  let t: TestDb;
  /** The self-evaluation the reporter creates through the page. */
  let evaluationId: number;
  /** A self-evaluation on the other demo plan. */
  let foreignId: number;
  const list = () => `/plans/${t.demo.planId}/self-evaluations`;
  const page = (id = evaluationId) => `${list()}/${id}`;
  const params = (id = evaluationId, planId = t.demo.planId) => ({
    planId: String(planId),
    evaluationId: String(id),
  });
  const planParams = () => ({ planId: String(t.demo.planId) });

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const other = await createSelfEvaluation(
      t.db,
      t.user("otherPlan"),
      t.demo.otherPlanId,
      "standard",
      draftValues("Mølleåsens legeplads"),
    );
    foreignId = other.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async (id = evaluationId) => {
    const [row] = await t.db.select().from(selfEvaluations).where(eq(selfEvaluations.id, id));
    return row;
  };
  const auditOf = async (id: number) =>
    t.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityType, "self_evaluation"), eq(auditEvents.entityId, String(id))),
      )
      .orderBy(asc(auditEvents.id));

  // --- creating ---------------------------------------------------------------------------------

  it("offers the reporter an empty standard form with the question sets to choose from", async () => {
    const res = await callRoute(newPage.loader, `${list()}/new`, {
      userId: t.demo.userIds.reporter,
      params: planParams(),
    });
    expect(res.status).toBe(200);
    const data = res.data as NewData;
    expect(data.plan.name).toBe("Helhedsplan Strandengen og Solsikkeparken");
    expect(data.questionSet).toBe("standard");
    expect(data.options.map((o) => o.value)).toEqual(["standard", "havbakke"]);
    expect(Object.keys(data.values.answers)).toEqual(["forankring", "maal", "aktiviteter"]);

    const havbakke = await callRoute(newPage.loader, `${list()}/new?set=havbakke`, {
      userId: t.demo.userIds.reporter,
      params: planParams(),
    });
    expect((havbakke.data as NewData).values.funder).toBe("Havbakke Fonden");
    expect(Object.keys((havbakke.data as NewData).values.answers)).toContain("inddragelse");

    const unknown = await callRoute(newPage.loader, `${list()}/new?set=nordlys`, {
      userId: t.demo.userIds.reporter,
      params: planParams(),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.data).toBe("Spørgeskemaet findes ikke");
  });

  it("creates a self-evaluation from the form and redirects to its page", async () => {
    const res = await callRoute(newPage.action, `${list()}/new`, {
      userId: t.demo.userIds.reporter,
      params: planParams(),
      form: standardForm(),
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    const match = new RegExp(`^${list()}/(\\d+)$`).exec(location);
    expect(match, location).not.toBeNull();
    expect(await flashOf(res)).toBe("Selvevalueringen er oprettet.");
    evaluationId = Number(match![1]);

    expect(await stored()).toMatchObject({
      planId: t.demo.planId,
      questionSet: "standard",
      funder: "Egeskov Fonden",
      title: "Lys i gårdene",
      recipient: "Fællesbo Havbakke",
      region: "Hovedstaden",
      grantType: "Projekt",
      amount: 925_000,
      grantYear: 2019,
      subGoal: "Trygge fællesarealer",
      targetGroups: ["Børn og unge", "Ældre beboere"],
      answers: {
        forankring: { rating: 2, narrative: "Afdelingsbestyrelsen driver lyset videre." },
        maal: { rating: 1, narrative: "Målet blev nået." },
        aktiviteter: { rating: 3, narrative: "Gårdmøderne virkede bedst." },
      },
      createdBy: t.demo.userIds.reporter,
      version: 1,
    });
    const [created] = await auditOf(evaluationId);
    expect(created).toMatchObject({
      action: "self_evaluation.create",
      userId: t.demo.userIds.reporter,
      planId: t.demo.planId,
      before: null,
    });
    expect(created!.after).toMatchObject({ title: "Lys i gårdene", amount: 925_000 });
  });

  it("shows it on its page laid out like the form, complete, with the ratings' labels", async () => {
    const res = await callRoute(viewPage.loader, page(), {
      userId: t.demo.userIds.reporter,
      params: params(),
    });
    expect(res.status).toBe(200);
    const { view, canEdit } = res.data as ViewData;
    expect(canEdit).toBe(true);
    expect(view.facts).toEqual([
      { label: "Region", value: "Hovedstaden" },
      { label: "Type", value: "Projekt" },
      { label: "Modtager", value: "Fællesbo Havbakke" },
      { label: "Støttet beløb", value: "925.000 kr., år 2019" },
      { label: "Delmål", value: "Trygge fællesarealer" },
    ]);
    expect(view.questions.map((q) => [q.heading, q.ratingLabel])).toEqual([
      ["Forankring", "I høj grad"],
      ["Mål", "I meget høj grad"],
      ["Aktiviteter", "I nogen grad"],
    ]);
    expect(view.completeness).toMatchObject({ complete: true, missing: [] });
  });

  it("lists it with funder, year, amount and completeness", async () => {
    const res = await callRoute(listPage.loader, list(), {
      userId: t.demo.userIds.viewer,
      params: planParams(),
    });
    expect(res.status).toBe(200);
    const data = res.data as ListData;
    expect(data.canEdit).toBe(false);
    expect(data.evaluations.find((e) => e.id === evaluationId)).toEqual({
      id: evaluationId,
      title: "Lys i gårdene",
      funder: "Egeskov Fonden",
      questionSetName: "Standardskema (tre spørgsmål)",
      grantYear: 2019,
      amount: 925_000,
      complete: true,
      done: 13,
      total: 13,
    });
    // Another plan's self-evaluation is not in this plan's list.
    expect(data.evaluations.some((e) => e.id === foreignId)).toBe(false);
  });

  it("saves a Havbakke Fonden draft with its own questions, not yet complete", async () => {
    const res = await callRoute(newPage.action, `${list()}/new?set=havbakke`, {
      userId: t.demo.userIds.secretariat,
      params: planParams(),
      form: {
        questionSet: "havbakke",
        funder: "Havbakke Fonden",
        title: "Trappemøder",
        "answers.inddragelse.rating": "1",
        "answers.inddragelse.narrative": "Beboerne bestemte.",
        "answers.aktiviteter.rating": "2",
      },
    });
    expect(res.status).toBe(302);
    const id = Number(/(\d+)$/.exec(res.headers.get("Location")!)![1]);
    const row = await stored(id);
    expect(row).toMatchObject({ questionSet: "havbakke", amount: null, region: null });
    // Only the set's questions are stored.
    expect(row!.answers).toEqual({
      maal: { rating: null, narrative: null },
      inddragelse: { rating: 1, narrative: "Beboerne bestemte." },
      samarbejde: { rating: null, narrative: null },
      forankring: { rating: null, narrative: null },
    });
    const { view } = await getSelfEvaluation(t.db, t.user("board"), t.demo.planId, id);
    expect(view.completeness.complete).toBe(false);
    expect(view.completeness.missing.map((m) => m.label)).toContain("Målopfyldelse: vurdering");
    await deleteSelfEvaluation(t.db, t.user("secretariat"), t.demo.planId, id, 1);
  });

  it("answers bad input with 400, Danish messages next to the fields and the input kept", async () => {
    const before = await t.db.select({ id: selfEvaluations.id }).from(selfEvaluations);
    const res = await callRoute(newPage.action, `${list()}/new`, {
      userId: t.demo.userIds.reporter,
      params: planParams(),
      form: standardForm({
        title: "  ",
        amount: "925.000,50",
        region: "Bornholm",
        "answers.maal.rating": "9",
        "answers.maal.narrative": "Står der stadig",
      }),
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors).toEqual({
      title: "Skriv projektets titel",
      amount: "Skriv et beløb i hele kroner, fx 1.250.000",
      region: "Vælg en region fra listen",
      "answers.maal.rating": RATING_MESSAGE,
    });
    expect(body.values).toMatchObject({
      funder: "Egeskov Fonden",
      amount: "925.000,50",
      region: "Bornholm",
      answers: { maal: { rating: "9", narrative: "Står der stadig" } },
    });
    expect(await t.db.select({ id: selfEvaluations.id }).from(selfEvaluations)).toEqual(before);
  });

  it("answers an unknown question set in the form with 400", async () => {
    const res = await callRoute(newPage.action, `${list()}/new`, {
      userId: t.demo.userIds.reporter,
      params: planParams(),
      form: standardForm({ questionSet: "nordlys" }),
    });
    expect(res.status).toBe(400);
    expect((res.data as FormFailure).errors).toEqual({
      questionSet: "Vælg et spørgeskema fra listen",
    });
  });

  // --- editing ----------------------------------------------------------------------------------

  it("lets the secretariat edit it: the stored values in the form, the version bumped, audited", async () => {
    const loaded = await callRoute(editPage.loader, `${page()}/edit`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
    });
    expect(loaded.status).toBe(200);
    const { values, view } = loaded.data as EditData;
    expect(view.version).toBe(1);
    expect(values).toMatchObject({
      amount: "925.000",
      grantYear: "2019",
      targetGroups: "Børn og unge\nÆldre beboere",
      description: "Vi satte lys op i to gårde og holdt **gårdmøder**.",
      answers: { forankring: { rating: "2" } },
    });

    const res = await callRoute(editPage.action, `${page()}/edit`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form: standardForm({
        version: "1",
        amount: "1.250.000",
        "answers.forankring.rating": "4",
        "answers.forankring.narrative": "Forankringen er usikker efter budgetforhandlingerne.",
      }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(page());
    expect(await flashOf(res)).toBe("Selvevalueringen er gemt.");
    expect(await stored()).toMatchObject({
      version: 2,
      amount: 1_250_000,
      answers: {
        forankring: {
          rating: 4,
          narrative: "Forankringen er usikker efter budgetforhandlingerne.",
        },
      },
    });
    const events = await auditOf(evaluationId);
    const update = events.find((e) => e.action === "self_evaluation.update");
    expect(update).toMatchObject({ userId: t.demo.userIds.secretariat, planId: t.demo.planId });
    expect(update!.before).toMatchObject({
      version: 1,
      amount: 925_000,
      answers: { forankring: { rating: 2 } },
    });
    expect(update!.after).toMatchObject({
      version: 2,
      amount: 1_250_000,
      answers: { forankring: { rating: 4 } },
    });
  });

  it("refuses a save on a stale version with 409, keeps the input and saves nothing", async () => {
    const res = await callRoute(editPage.action, `${page()}/edit`, {
      userId: t.demo.userIds.reporter,
      params: params(),
      form: standardForm({ version: "1", title: "Min ændring", amount: "1" }),
    });
    expect(res.status).toBe(409);
    const body = res.data as FormFailure;
    expect(body.formError).toBe(CONFLICT_MESSAGE);
    expect(body.values).toMatchObject({ title: "Min ændring", amount: "1", version: "1" });
    expect(await stored()).toMatchObject({ version: 2, title: "Lys i gårdene", amount: 1_250_000 });
  });

  it("answers bad input on the edit page with 400 and the input kept", async () => {
    const res = await callRoute(editPage.action, `${page()}/edit`, {
      userId: t.demo.userIds.reporter,
      params: params(),
      form: standardForm({ version: "2", funder: "", grantYear: "tyve" }),
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors).toEqual({
      funder: "Skriv hvem bevillingen er fra, fx fondens navn",
      grantYear: "Skriv et årstal, fx 2024",
    });
    expect(body.values).toMatchObject({ funder: "", grantYear: "tyve", title: "Lys i gårdene" });
    expect((await stored())!.version).toBe(2);
  });

  it("keeps answers to questions the set no longer asks when saving through the model", async () => {
    const { id } = await createSelfEvaluation(
      t.db,
      t.user("reporter"),
      t.demo.planId,
      "standard",
      draftValues("Gammelt skema"),
    );
    await t.db
      .update(selfEvaluations)
      .set({ answers: { udgaaet: { rating: 1, narrative: "Fra en ældre udgave af skemaet" } } })
      .where(eq(selfEvaluations.id, id));
    await updateSelfEvaluation(t.db, t.user("reporter"), t.demo.planId, id, 1, {
      ...draftValues("Gammelt skema"),
      answers: { maal: { rating: 2, narrative: null } },
    });
    expect((await stored(id))!.answers).toEqual({
      udgaaet: { rating: 1, narrative: "Fra en ældre udgave af skemaet" },
      maal: { rating: 2, narrative: null },
    });
    await expect(
      updateSelfEvaluation(t.db, t.user("reporter"), t.demo.planId, id, 1, draftValues("X")),
    ).rejects.toBeInstanceOf(ConflictError);
    await deleteSelfEvaluation(t.db, t.user("reporter"), t.demo.planId, id, 2);
  });

  // --- access -----------------------------------------------------------------------------------

  it("lets the board and viewers read and download, and answers every write with 403", async () => {
    for (const key of ["board", "viewer"] as const) {
      const userId = t.demo.userIds[key];
      const view = await callRoute(viewPage.loader, page(), { userId, params: params() });
      expect(view.status, key).toBe(200);
      expect((view.data as ViewData).canEdit, key).toBe(false);
      expect(
        (await callRoute(listPage.loader, list(), { userId, params: planParams() })).status,
      ).toBe(200);
      const docx = await callRoute(docxRoute.loader, `${page()}/document.docx`, {
        userId,
        params: params(),
      });
      expect(docx.status, key).toBe(200);

      const writes = [
        callRoute(newPage.loader, `${list()}/new`, { userId, params: planParams() }),
        callRoute(newPage.action, `${list()}/new`, {
          userId,
          params: planParams(),
          form: standardForm(),
        }),
        callRoute(editPage.loader, `${page()}/edit`, { userId, params: params() }),
        callRoute(editPage.action, `${page()}/edit`, {
          userId,
          params: params(),
          form: standardForm({ version: "2", title: "Bestyrelsens titel" }),
        }),
        callRoute(viewPage.action, page(), {
          userId,
          params: params(),
          form: { intent: "delete", version: "2" },
        }),
      ];
      expect(
        (await Promise.all(writes)).map((r) => r.status),
        key,
      ).toEqual([403, 403, 403, 403, 403]);
    }
    expect(await stored()).toMatchObject({ version: 2, title: "Lys i gårdene" });
  });

  it("answers a user of another plan with 404 on every page and action", async () => {
    const userId = t.demo.userIds.otherPlan;
    const results = await Promise.all([
      callRoute(listPage.loader, list(), { userId, params: planParams() }),
      callRoute(newPage.loader, `${list()}/new`, { userId, params: planParams() }),
      callRoute(newPage.action, `${list()}/new`, {
        userId,
        params: planParams(),
        form: standardForm(),
      }),
      callRoute(viewPage.loader, page(), { userId, params: params() }),
      callRoute(viewPage.action, page(), {
        userId,
        params: params(),
        form: { intent: "delete", version: "2" },
      }),
      callRoute(editPage.loader, `${page()}/edit`, { userId, params: params() }),
      callRoute(editPage.action, `${page()}/edit`, {
        userId,
        params: params(),
        form: standardForm({ version: "2" }),
      }),
      callRoute(docxRoute.loader, `${page()}/document.docx`, { userId, params: params() }),
    ]);
    expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect(await stored()).toMatchObject({ version: 2, title: "Lys i gårdene" });
  });

  it("answers another plan's self-evaluation id with 404, also for an admin", async () => {
    for (const userId of [t.demo.userIds.reporter, t.demo.userIds.admin]) {
      const results = await Promise.all([
        callRoute(viewPage.loader, page(foreignId), { userId, params: params(foreignId) }),
        callRoute(editPage.loader, `${page(foreignId)}/edit`, {
          userId,
          params: params(foreignId),
        }),
        callRoute(editPage.action, `${page(foreignId)}/edit`, {
          userId,
          params: params(foreignId),
          form: standardForm({ version: "1" }),
        }),
        callRoute(viewPage.action, page(foreignId), {
          userId,
          params: params(foreignId),
          form: { intent: "delete", version: "1" },
        }),
        callRoute(docxRoute.loader, `${page(foreignId)}/document.docx`, {
          userId,
          params: params(foreignId),
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    }
    expect(await stored(foreignId)).toMatchObject({ title: "Mølleåsens legeplads", version: 1 });
    // The admin reaches it under its own plan.
    const own = await callRoute(viewPage.loader, `/x`, {
      userId: t.demo.userIds.admin,
      params: params(foreignId, t.demo.otherPlanId),
    });
    expect(own.status).toBe(200);
  });

  // --- Word -------------------------------------------------------------------------------------

  it("downloads it as Word named by funder and project, with the facts and ratings", async () => {
    const response = await docxRoute.loader({
      request: new Request(`http://localhost${page()}/document.docx`, {
        headers: { Cookie: await cookieFor(t.demo.userIds.viewer) },
      }),
      params: params(),
      context: {},
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(DOCX);
    const disposition = response.headers.get("Content-Disposition")!;
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(
      "Selvevaluering - Egeskov Fonden - Lys i gårdene.docx",
    );
    const buffer = Buffer.from(await response.arrayBuffer());
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const text = documentText(buffer);
    expect(text).toContain("Lys i gårdene");
    expect(text).toContain("1.250.000 kr., år 2019");
    expect(text).toContain("Vurdering: I ringe grad");
    expect(text).toContain("Forankringen er usikker efter budgetforhandlingerne.");
  });

  // --- deleting ---------------------------------------------------------------------------------

  it("deletes only on the current version, back to the list, and audits the deletion", async () => {
    const stale = await callRoute(viewPage.action, page(), {
      userId: t.demo.userIds.reporter,
      params: params(),
      form: { intent: "delete", version: "1" },
    });
    expect(stale.status).toBe(409);
    expect((stale.data as FormFailure).formError).toMatch(/er ikke slettet/);
    expect(await stored()).toBeDefined();

    const res = await callRoute(viewPage.action, page(), {
      userId: t.demo.userIds.reporter,
      params: params(),
      form: { intent: "delete", version: "2" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(list());
    expect(await flashOf(res)).toBe("Selvevalueringen er slettet.");
    expect(await stored()).toBeUndefined();
    const deleted = (await auditOf(evaluationId)).find(
      (e) => e.action === "self_evaluation.delete",
    );
    expect(deleted).toMatchObject({ userId: t.demo.userIds.reporter, after: null });
    expect(deleted!.before).toMatchObject({ title: "Lys i gårdene", version: 2 });

    const gone = await callRoute(viewPage.loader, page(), {
      userId: t.demo.userIds.reporter,
      params: params(),
    });
    expect(gone.status).toBe(404);
  });

  // --- queries and demo data --------------------------------------------------------------------

  it("loads the list and one self-evaluation in a fixed number of queries", async () => {
    const ids: number[] = [];
    for (const title of ["Én", "To", "Tre", "Fire"]) {
      ids.push(
        (
          await createSelfEvaluation(
            t.db,
            t.user("reporter"),
            t.demo.planId,
            "standard",
            draftValues(title),
          )
        ).id,
      );
    }
    const counting = createCountingDb(t);
    const listed = await listSelfEvaluations(counting.db, t.user("viewer"), t.demo.planId);
    expect(listed.evaluations.length).toBeGreaterThanOrEqual(4);
    expect(counting.queries.length).toBeLessThanOrEqual(3);

    const one = createCountingDb(t);
    await getSelfEvaluation(one.db, t.user("viewer"), t.demo.planId, ids[0]!);
    expect(one.queries.length).toBeLessThanOrEqual(2);
  });

  it("seeds a complete fictional demo self-evaluation with Havbakke Fonden's questions", async () => {
    const id = await seedDemoSelfEvaluation(t.db, t.demo);
    const { view } = await getSelfEvaluation(t.db, t.user("viewer"), t.demo.planId, id);
    expect(view.title).toBe(DEMO_SELF_EVALUATION_TITLE);
    expect(view.questionSet.key).toBe("havbakke");
    expect(view.completeness).toMatchObject({ complete: true, missing: [] });
    expect(view.facts.find((f) => f.label === "Støttet beløb")?.value).toBe("480.000 kr., år 2024");
    expect((await auditOf(id))[0]).toMatchObject({
      action: "self_evaluation.create",
      userId: t.demo.userIds.reporter,
    });
  });
});
