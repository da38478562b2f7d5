/**
 * The strategic agreement's pure parts: the form schema (Danish messages beside the fields),
 * objective keys kept across edits, the view builder, the budget per focus area and funder from
 * the delaftaler with the LBF share (R1), the version labels, the diff, and the Word document as
 * a reader sees it.
 */
import { describe, expect, it } from "vitest";
import { computeBudget, type Budget } from "~/domain/budget";
import { parseValues } from "~/domain/form";
import {
  buildStrategicAgreementView,
  contentFromForm,
  diffStrategicViews,
  strategicBudget,
  StrategicFormSchema,
  strategicFormValues,
  strategicVersionLabel,
  type StrategicViewInput,
} from "~/domain/strategic-agreement";
import { emptyStrategicContent, type StrategicContent } from "~/domain/strategic-agreement-content";
import { buildStrategicAgreementDocument } from "../../templates/strategic-agreement";
import { readDocx } from "../helpers/docx";

function budget(
  lines: { kind: "lbf" | "municipality" | "local"; label: string; total: number }[],
): Budget {
  return computeBudget(
    [2027],
    lines.map((l, i) => ({
      id: i + 1,
      kind: l.kind,
      label: l.label,
      amounts: [{ year: 2027, amount: l.total }],
    })),
  );
}

const input = (agreements: StrategicViewInput["agreements"] = []): StrategicViewInput => ({
  plan: { id: 1, name: "Helhedsplan Testby", periodStart: "2027-01-01", periodEnd: "2030-12-31" },
  fundingRound: "LBF-midler 2019-26",
  focusAreas: [
    { id: 10, name: "Uddannelse og livschancer" },
    { id: 11, name: "Beskæftigelse" },
    { id: 12, name: "Kriminalitetsforebyggelse" },
  ],
  organisationNames: new Map([[5, "Testby Kommune"]]),
  agreements,
});

function content(): StrategicContent {
  return {
    ...emptyStrategicContent(),
    parties: [
      {
        organisationId: 5,
        name: "Gammelt navn",
        signatoryName: "Bo Berg",
        signatoryTitle: "Borgmester",
      },
    ],
    vision: "En tryg bydel.",
    objectives: [
      { key: "m-a", text: "Flere i job" },
      { key: "m-b", text: "Bedre trivsel" },
    ],
    focusAreaGoals: [{ focusAreaId: 11, goal: "Flere i arbejde", objectiveKeys: ["m-a"] }],
    board: {
      ...emptyStrategicContent().board,
      members: [{ name: "Karen Dahl", organisationId: 5, organisationName: "", role: "Formand" }],
    },
  };
}

describe("the strategic agreement's form", () => {
  it("refuses a party without a name and an objective without text, in Danish, beside the fields", () => {
    const result = parseValues(StrategicFormSchema, {
      parties: [{ organisationId: "", name: "", signatoryName: "x" }],
      objectives: [{ key: "", text: "  " }],
      board: { name: "Bestyrelsen" },
      followGroup: { name: "Følgegruppen" },
      secretariat: { name: "" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors["parties.0.name"]).toBe("Vælg en organisation, eller skriv partens navn");
    expect(result.errors["objectives.0.text"]).toBe("Skriv den overordnede målsætning");
    expect(result.errors["secretariat.name"]).toBe("Skriv organets navn");
  });

  it("keeps objective keys, gives new objectives one, and drops links to removed objectives", () => {
    const parsed = StrategicFormSchema.parse({
      parties: [],
      objectives: [
        { key: "m-b", text: "Bedre trivsel" },
        { key: "", text: "Et stærkt naboskab" },
        { key: "m-b", text: "En kopi" },
      ],
      board: { name: "Bestyrelsen" },
      followGroup: { name: "Følgegruppen" },
      secretariat: { name: "Sekretariatet" },
      focusAreaGoals: [
        { focusAreaId: "11", goal: "Flere i arbejde", objectiveKeys: ["m-a", "m-b"] },
        { focusAreaId: "12", goal: "", objectiveKeys: false },
      ],
    });
    let n = 0;
    const c = contentFromForm(parsed, new Map(), () => (n++ + 1) / 1000);
    expect(c.objectives[0]!.key).toBe("m-b");
    expect(c.objectives[1]!.key).toMatch(/^m-[a-z0-9]{6}$/);
    expect(c.objectives[2]!.key).not.toBe("m-b");
    // The removed objective m-a is no longer linked; the empty focus area is not stored.
    expect(c.focusAreaGoals).toEqual([
      { focusAreaId: 11, goal: "Flere i arbejde", objectiveKeys: ["m-b"] },
    ]);
  });

  it("gives the form one row per focus area of the round, with the stored goals", () => {
    const values = strategicFormValues(content(), input().focusAreas);
    expect(values.focusAreaGoals).toEqual([
      { focusAreaId: "10", goal: "", objectiveKeys: [] },
      { focusAreaId: "11", goal: "Flere i arbejde", objectiveKeys: ["m-a"] },
      { focusAreaId: "12", goal: "", objectiveKeys: [] },
    ]);
  });
});

describe("the strategic agreement's view", () => {
  it("names parties and members from the register, numbers objectives and links focus areas", () => {
    const view = buildStrategicAgreementView(content(), input());
    expect(view.title).toBe("Strategisk samarbejdsaftale for Helhedsplan Testby");
    expect(view.periodText).toBe("1. januar 2027 – 31. december 2030");
    expect(view.parties[0]!.name).toBe("Testby Kommune");
    expect(view.board.members[0]!.text).toBe("Karen Dahl, formand (Testby Kommune)");
    expect(view.focusAreas).toEqual([
      {
        focusAreaId: 11,
        name: "Beskæftigelse",
        goal: "Flere i arbejde",
        objectives: [{ key: "m-a", number: 1, text: "Flere i job" }],
        hasAgreement: false,
      },
    ]);
    expect(view.statusLabel).toBe("Udkast");
  });

  it("sums each focus area's budget per funder (LBF first, then in the order met), and flags an LBF share over 75 %", () => {
    const b = strategicBudget(
      [
        {
          focusAreaId: 11,
          focusArea: "Beskæftigelse",
          workingGroups: [],
          budget: budget([
            { kind: "municipality", label: "Testby Kommune", total: 100_000 },
            { kind: "lbf", label: "Landsbyggefonden", total: 900_000 },
          ]),
        },
        {
          focusAreaId: 10,
          focusArea: "Uddannelse og livschancer",
          workingGroups: [],
          budget: budget([
            { kind: "lbf", label: "LBF", total: 300_000 },
            { kind: "local", label: "Lokal medfinansiering", total: 100_000 },
          ]),
        },
      ],
      input().focusAreas,
    );
    expect(b.funders.map((f) => f.label)).toEqual([
      "Landsbyggefonden",
      "Lokal medfinansiering",
      "Testby Kommune",
    ]);
    expect(b.rows.map((r) => [r.focusArea, r.amounts])).toEqual([
      ["Uddannelse og livschancer", [300_000, 100_000, 0]],
      ["Beskæftigelse", [900_000, 0, 100_000]],
    ]);
    expect(b.totals).toEqual({
      amounts: [1_200_000, 100_000, 100_000],
      lbf: 1_200_000,
      local: 200_000,
      total: 1_400_000,
    });
    expect(b.lbfShare).toBeCloseTo(1_200_000 / 1_400_000);
    expect(b.lbfShareTooHigh).toBe(true);
  });

  it("labels versions by their state, the fund's date once approved", () => {
    const base = { number: 2, meetingDate: "2026-04-20", fundApprovedAt: null, fundSentAt: null };
    expect(strategicVersionLabel({ ...base, status: "proposed" })).toBe("Forslag til version 2");
    expect(strategicVersionLabel({ ...base, status: "awaiting_fund" })).toBe(
      "Version 2, godkendt af bestyrelsen – sendes til fonden",
    );
    expect(
      strategicVersionLabel({ ...base, status: "awaiting_fund", fundSentAt: "2026-05-03" }),
    ).toBe("Version 2, afventer fondens godkendelse (sendt 3. maj 2026)");
    expect(
      strategicVersionLabel({ ...base, status: "approved", fundApprovedAt: "2026-06-01" }),
    ).toBe("Version 2, godkendt 1. juni 2026");
  });

  it("diffs two versions word by word", () => {
    const before = buildStrategicAgreementView(content(), input());
    const after = buildStrategicAgreementView(
      { ...content(), vision: "En tryg og grøn bydel." },
      input(),
    );
    const changed = diffStrategicViews(before, after).filter((d) => d.kind !== "equal");
    expect(changed).toHaveLength(1);
    expect(
      changed[0]!.segments.filter((s) => s.type === "insert").map((s) => s.text.trim()),
    ).toContain("og grøn");
  });
});

describe("the strategic agreement in Word", () => {
  it("has its title as Heading 1 and every part a reader needs, with the computed budget", async () => {
    const view = buildStrategicAgreementView(
      content(),
      input([
        {
          focusAreaId: 11,
          focusArea: "Beskæftigelse",
          workingGroups: [{ name: "Jobgruppen", members: [{ text: "Jobcentret" }] }],
          budget: budget([
            { kind: "lbf", label: "Landsbyggefonden", total: 750_000 },
            { kind: "municipality", label: "Testby Kommune", total: 250_000 },
          ]),
        },
      ]),
    );
    const doc = await readDocx(buildStrategicAgreementDocument(view));
    expect(doc.headings[0]).toEqual([1, "Strategisk samarbejdsaftale for Helhedsplan Testby"]);
    const h2 = doc.headings.filter(([level]) => level === 2).map(([, text]) => text);
    expect(h2).toEqual([
      "Aftalens parter",
      "Periode",
      "Vision",
      "Overordnede målsætninger",
      "Organisering",
      "Indsatsområder og overordnede mål",
      "Samlet budget pr. indsatsområde og finansieringskilde",
      "Underskrifter",
    ]);
    expect(doc.text).toContain("Aftalen gælder for perioden 1. januar 2027 – 31. december 2030.");
    expect(doc.text).toContain("Målsætning 1: Flere i job");
    expect(doc.text).toContain("Bidrager til: Målsætning 1");
    expect(doc.bullets).toContain("Jobcentret");
    const budgetTable = doc.tables.find((t) => t[0]![0] === "Indsatsområde")!;
    expect(budgetTable).toEqual([
      ["Indsatsområde", "Landsbyggefonden", "Testby Kommune", "I alt"],
      ["Beskæftigelse", "750.000 kr.", "250.000 kr.", "1.000.000 kr."],
      ["I alt", "750.000 kr.", "250.000 kr.", "1.000.000 kr."],
    ]);
    expect(doc.text).toContain("Landsbyggefondens andel af planen: 75,0 % (højst 75,0 %).");
    expect(doc.headerText).toContain("Helhedsplan Testby · Strategisk samarbejdsaftale · Udkast");
  });
});
