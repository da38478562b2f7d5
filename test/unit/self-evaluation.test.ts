/**
 * The self-evaluation's rules: the question-set registry, the form schema per question set (as
 * the browser and FormData submit it) with its Danish messages, completeness and the view the
 * page and Word are built from. All texts are invented.
 */
import { describe, expect, it } from "vitest";
import { formDataToValues, parseValues } from "~/domain/form";
import { parseRichText } from "~/domain/rich-text";
import {
  buildSelfEvaluationView,
  canEditSelfEvaluation,
  emptySelfEvaluationFormValues,
  findQuestionSet,
  grantAmountText,
  questionSetOptions,
  RATING_MESSAGE,
  ratingLabels,
  requireQuestionSet,
  selfEvaluationFormValues,
  selfEvaluationPath,
  selfEvaluationSchema,
  UnknownQuestionSetError,
  type SelfEvaluationRecord,
} from "~/domain/self-evaluation";
import {
  DEFAULT_QUESTION_SET_KEY,
  SELF_EVALUATION_QUESTION_SETS,
} from "../../templates/self-evaluation-questions";

const standard = requireQuestionSet("standard");
const havbakke = requireQuestionSet("havbakke");

/** A filled-in standard form as the browser posts it (strings only, dotted names). */
function standardForm(overrides: Record<string, string> = {}): Record<string, unknown> {
  const form = new FormData();
  const fields: Record<string, string> = {
    funder: "  Egeskov Fonden ",
    title: "Lys i gårdene",
    description: "Vi satte **lys** op i to gårde.\n\n- gård A\n- gård B",
    recipient: "Boligforeningen Kystlys",
    region: "Syddanmark",
    grantType: "Projekt",
    amount: "925.000",
    grantYear: "2019",
    subGoal: "Trygge fællesarealer",
    targetGroups: "Børn og unge\n- Ældre beboere\n\n",
    "answers.forankring.rating": "2",
    "answers.forankring.narrative": "  Afdelingen driver lyset videre.  ",
    "answers.maal.rating": "1",
    "answers.maal.narrative": "Målet blev nået.",
    "answers.aktiviteter.rating": "3",
    "answers.aktiviteter.narrative": "Det meste virkede.",
    ...overrides,
  };
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return formDataToValues(form);
}

function record(overrides: Partial<SelfEvaluationRecord> = {}): SelfEvaluationRecord {
  return {
    id: 7,
    planId: 3,
    planName: "Helhedsplan Kystlys",
    questionSet: "standard",
    funder: "Egeskov Fonden",
    title: "Lys i gårdene",
    description: parseRichText("Vi satte lys op i to gårde."),
    recipient: "Boligforeningen Kystlys",
    region: "Hovedstaden",
    grantType: "Projekt",
    amount: 925_000,
    grantYear: 2019,
    subGoal: "Trygge fællesarealer",
    targetGroups: ["Børn og unge", "Ældre beboere"],
    answers: {
      forankring: { rating: 2, narrative: "Afdelingen driver lyset videre." },
      maal: { rating: 1, narrative: "Målet blev nået." },
      aktiviteter: { rating: 3, narrative: "Det meste virkede." },
    },
    version: 4,
    updatedAt: new Date("2026-03-02T09:30:00Z"),
    ...overrides,
  };
}

describe("the question sets", () => {
  it("has the standard set with the three questions of the fund's form, in order", () => {
    expect(DEFAULT_QUESTION_SET_KEY).toBe("standard");
    expect(standard.questions.map((q) => [q.key, q.heading, q.question])).toEqual([
      ["forankring", "Forankring", "I hvor høj grad er I lykkedes med at forankre projektet?"],
      ["maal", "Mål", "I hvor høj grad blev målet med jeres projekt indfriet?"],
      [
        "aktiviteter",
        "Aktiviteter",
        "I hvor høj grad var de valgte aktiviteter de rigtige til at nå jeres mål?",
      ],
    ]);
  });

  it("has Havbakke Fonden's own four questions, one on involving the residents", () => {
    expect(havbakke.defaultFunder).toBe("Havbakke Fonden");
    expect(havbakke.questions).toHaveLength(4);
    expect(havbakke.questions.map((q) => q.heading)).toContain("Inddragelse af beboerne");
    expect(questionSetOptions().map((o) => o.value)).toEqual(["standard", "havbakke"]);
  });

  it("keeps every key usable as a stored key and a dotted form field name", () => {
    for (const [key, set] of Object.entries(SELF_EVALUATION_QUESTION_SETS)) {
      expect(set.key).toBe(key);
      const keys = set.questions.map((q) => q.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const k of keys) expect(k).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(set.questions.length).toBeGreaterThan(0);
      expect(set.intro.trim()).not.toBe("");
    }
  });

  it("answers an unknown key with a clear error, also for names on Object's prototype", () => {
    expect(findQuestionSet("toString")).toBeUndefined();
    expect(findQuestionSet(undefined)).toBeUndefined();
    expect(() => requireQuestionSet("nordlys")).toThrow(UnknownQuestionSetError);
    expect(() => requireQuestionSet("nordlys")).toThrow(
      'Unknown self-evaluation question set "nordlys" (known: standard, havbakke)',
    );
  });

  it("lets reporters, the secretariat and admins edit, not the board or viewers", () => {
    expect(
      ["reporter", "secretariat", "admin", "board", "viewer", null].map((r) =>
        canEditSelfEvaluation(r as Parameters<typeof canEditSelfEvaluation>[0]),
      ),
    ).toEqual([true, true, true, false, false, false]);
  });
});

describe("the form schema", () => {
  it("reads a whole standard form: Danish amount, year, lines, ratings and trimmed narratives", () => {
    const parsed = parseValues(selfEvaluationSchema(standard), standardForm());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data).toEqual({
      funder: "Egeskov Fonden",
      title: "Lys i gårdene",
      description: {
        blocks: [
          {
            type: "paragraph",
            content: [
              { text: "Vi satte " },
              { text: "lys", bold: true },
              { text: " op i to gårde." },
            ],
          },
          { type: "list", ordered: false, items: [[{ text: "gård A" }], [{ text: "gård B" }]] },
        ],
      },
      recipient: "Boligforeningen Kystlys",
      region: "Syddanmark",
      grantType: "Projekt",
      amount: 925_000,
      grantYear: 2019,
      subGoal: "Trygge fællesarealer",
      targetGroups: ["Børn og unge", "Ældre beboere"],
      answers: {
        forankring: { rating: 2, narrative: "Afdelingen driver lyset videre." },
        maal: { rating: 1, narrative: "Målet blev nået." },
        aktiviteter: { rating: 3, narrative: "Det meste virkede." },
      },
    });
  });

  it("accepts a draft: no ratings, no facts, only the funder and the title", () => {
    const parsed = parseValues(selfEvaluationSchema(standard), {
      funder: "Egeskov Fonden",
      title: "Lys i gårdene",
      amount: "",
      region: "",
      grantYear: "",
      answers: { forankring: { narrative: "" } },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data).toMatchObject({
      amount: null,
      region: null,
      grantYear: null,
      recipient: null,
      targetGroups: [],
      description: { blocks: [] },
    });
    expect(parsed.data.answers).toEqual({
      forankring: { rating: null, narrative: null },
      maal: { rating: null, narrative: null },
      aktiviteter: { rating: null, narrative: null },
    });
  });

  it("says in Danish what is wrong, field by field", () => {
    const parsed = parseValues(
      selfEvaluationSchema(standard),
      standardForm({
        funder: " ",
        title: "",
        region: "Bornholm",
        amount: "12,5",
        grantYear: "19",
        "answers.forankring.rating": "6",
        "answers.maal.rating": "godt",
        "answers.aktiviteter.narrative": "x".repeat(10_001),
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      funder: "Skriv hvem bevillingen er fra, fx fondens navn",
      title: "Skriv projektets titel",
      region: "Vælg en region fra listen",
      amount: "Skriv et beløb i hele kroner, fx 1.250.000",
      grantYear: "Skriv et årstal, fx 2024",
      "answers.forankring.rating": RATING_MESSAGE,
      "answers.maal.rating": RATING_MESSAGE,
      "answers.aktiviteter.narrative": "Højst 10.000 tegn",
    });
    expect(RATING_MESSAGE).toBe("Vælg et af de fem svar på skalaen");
  });

  it("is built from each set's own questions: Havbakke's keys, not the standard ones", () => {
    const parsed = parseValues(selfEvaluationSchema(havbakke), {
      funder: "Havbakke Fonden",
      title: "Trappemøder",
      answers: {
        inddragelse: { rating: "1", narrative: "Beboerne bestemte." },
        aktiviteter: { rating: "2", narrative: "Hører til et andet skema." },
      },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.data.answers)).toEqual(havbakke.questions.map((q) => q.key));
    expect(parsed.data.answers.inddragelse).toEqual({
      rating: 1,
      narrative: "Beboerne bestemte.",
    });
    expect(parsed.data.answers).not.toHaveProperty("aktiviteter");
  });

  it("reads its own form values back to the same values (edit round trip)", () => {
    const view = buildSelfEvaluationView(record(), standard);
    const values = selfEvaluationFormValues(view);
    expect(values).toMatchObject({ amount: "925.000", grantYear: "2019" });
    expect(values.answers).toEqual({
      forankring: { rating: "2", narrative: "Afdelingen driver lyset videre." },
      maal: { rating: "1", narrative: "Målet blev nået." },
      aktiviteter: { rating: "3", narrative: "Det meste virkede." },
    });
    const parsed = parseValues(selfEvaluationSchema(standard), values);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const again = buildSelfEvaluationView(
      record({ ...parsed.data, answers: parsed.data.answers }),
      standard,
    );
    expect(again).toEqual(view);
  });

  it("starts a new form with the set's funder, type Projekt and no ratings", () => {
    expect(emptySelfEvaluationFormValues(havbakke)).toMatchObject({
      funder: "Havbakke Fonden",
      grantType: "Projekt",
      answers: {
        maal: { rating: "", narrative: "" },
        inddragelse: { rating: "", narrative: "" },
        samarbejde: { rating: "", narrative: "" },
        forankring: { rating: "", narrative: "" },
      },
    });
    expect(emptySelfEvaluationFormValues(standard).funder).toBe("");
  });
});

describe("the view", () => {
  it("lays out the facts like the form, with the amount and year in Danish", () => {
    const view = buildSelfEvaluationView(record(), standard);
    expect(view.facts).toEqual([
      { label: "Region", value: "Hovedstaden" },
      { label: "Type", value: "Projekt" },
      { label: "Modtager", value: "Boligforeningen Kystlys" },
      { label: "Støttet beløb", value: "925.000 kr., år 2019" },
      { label: "Delmål", value: "Trygge fællesarealer" },
    ]);
    expect(view.questionSet).toEqual({
      key: "standard",
      name: standard.name,
      intro: standard.intro,
    });
    expect(view.updatedAt).toBe("2026-03-02T09:30:00.000Z");
  });

  it("shows each question of the set in order with its rating's label", () => {
    const view = buildSelfEvaluationView(record(), standard);
    expect(view.questions.map((q) => [q.heading, q.rating, q.ratingLabel])).toEqual([
      ["Forankring", 2, "I høj grad"],
      ["Mål", 1, "I meget høj grad"],
      ["Aktiviteter", 3, "I nogen grad"],
    ]);
    expect(Object.values(ratingLabels)).toEqual([
      "I meget høj grad",
      "I høj grad",
      "I nogen grad",
      "I ringe grad",
      "I meget ringe grad",
    ]);
  });

  it("treats a stored rating outside 1–5 as not rated and leaves out answers of other sets", () => {
    const view = buildSelfEvaluationView(
      record({
        answers: {
          forankring: { rating: 7, narrative: "  " },
          gammelt: { rating: 1, narrative: "Et spørgsmål, skemaet ikke har mere" },
        },
      }),
      standard,
    );
    expect(view.questions.map((q) => [q.key, q.rating, q.ratingLabel, q.narrative])).toEqual([
      ["forankring", null, null, null],
      ["maal", null, null, null],
      ["aktiviteter", null, null, null],
    ]);
  });

  it("refuses a question set that is not the record's own", () => {
    expect(() => buildSelfEvaluationView(record(), havbakke)).toThrow(
      'Self-evaluation 7 uses question set "standard", not "havbakke"',
    );
  });

  it("leaves unknown facts out and writes the amount or the year alone", () => {
    const view = buildSelfEvaluationView(
      record({ region: null, grantType: " ", recipient: null, subGoal: null, grantYear: null }),
      standard,
    );
    expect(view.facts).toEqual([{ label: "Støttet beløb", value: "925.000 kr." }]);
    expect(grantAmountText(null, 2021)).toBe("år 2021");
    expect(grantAmountText(null, null)).toBeNull();
    expect(grantAmountText(1_250_000, 2024)).toBe("1.250.000 kr., år 2024");
  });

  it("is complete only when every fact, the target group and every rating and narrative is there", () => {
    expect(buildSelfEvaluationView(record(), standard).completeness).toEqual({
      complete: true,
      done: 13,
      total: 13,
      missing: [],
    });
    const draft = buildSelfEvaluationView(
      record({
        description: { blocks: [] },
        region: null,
        amount: null,
        targetGroups: [],
        answers: {
          forankring: { rating: 2, narrative: null },
          maal: { rating: null, narrative: "Målet blev nået." },
          aktiviteter: { rating: 3, narrative: "Det meste virkede." },
        },
      }),
      standard,
    );
    expect(draft.description).toBeNull();
    expect(draft.completeness).toEqual({
      complete: false,
      done: 7,
      total: 13,
      missing: [
        { label: "Om donationen", field: "description" },
        { label: "Region", field: "region" },
        { label: "Støttet beløb", field: "amount" },
        { label: "Målgruppen", field: "targetGroups" },
        { label: "Forankring: begrundelse", field: "answers.forankring.narrative" },
        { label: "Mål: vurdering", field: "answers.maal.rating" },
      ],
    });
  });

  it("counts a Havbakke self-evaluation's four questions", () => {
    const view = buildSelfEvaluationView(
      record({ questionSet: "havbakke", answers: {} }),
      havbakke,
    );
    expect(view.completeness.total).toBe(7 + 2 * 4);
    expect(view.completeness.missing.map((m) => m.label)).toContain(
      "Inddragelse af beboerne: vurdering",
    );
  });

  it("links to its pages", () => {
    expect(selfEvaluationPath(3, 7)).toBe("/plans/3/self-evaluations/7");
    expect(selfEvaluationPath(3, 7, "/document.docx")).toBe(
      "/plans/3/self-evaluations/7/document.docx",
    );
  });
});
