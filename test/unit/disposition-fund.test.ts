/**
 * The dispositionsfond rules (DESIGN.md R7): the settings, application, assessment, decision and
 * report schemas with their Danish messages, the computed budget figures, the guideline
 * checklist, the frame overview and the yearly report deadlines.
 */
import { describe, expect, it } from "vitest";
import {
  applicationChecklist,
  applicationFormValues,
  applicationIssues,
  applicationLockMessage,
  applicationPermissions,
  applicationSchema,
  computeApplicationTotals,
  decisionSchema,
  DEFAULT_FUND_SETTINGS,
  FundAssessmentSchema,
  fundReportSchema,
  FundSettingsSchema,
  fundSettingsFormValues,
  frameOverview,
  grantAmounts,
  grantReportDeadlines,
  hasYearStarted,
  NOT_ORDINARY_MESSAGE,
  type ChecklistInput,
  type FundSettings,
  type GrantForDeadlines,
} from "~/domain/disposition-fund";
import { issuesToFieldErrors, parseValues } from "~/domain/form";

const fund: FundSettings = {
  maxYears: 4,
  minOwnSharePercent: 10,
  maxAmountPerTenancy: 600,
  prioritiseLbfCofinancing: true,
  prioritiseAcute: true,
  reportDueMonthDay: "03-31",
};

/** A complete application as the form posts it (strings, Danish amounts). */
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    estateId: "7",
    title: "Lektiecafé i beboerhuset",
    description: "Frivillige hjælper børn med lektier to eftermiddage om ugen.",
    purpose: "- Flere børn får lavet lektier\n- Forældre mødes",
    need: "preventive",
    notOrdinaryActivity: "on",
    startYear: "2026",
    endYear: "2027",
    tenancies: "200",
    years: [
      { year: "2026", requestedAmount: "100.000", ownContribution: "20.000" },
      { year: "2027", requestedAmount: "80.000", ownContribution: "20.000" },
    ],
    funding: [{ kind: "external", planId: "", name: "Byens Fond", amount: "30.000" }],
    ...overrides,
  };
}

const errorsOf = (schema: Parameters<typeof parseValues>[0], values: Record<string, unknown>) => {
  const result = parseValues(schema, values);
  return result.ok ? {} : result.errors;
};

describe("fund settings", () => {
  it("reads the administrator's form the Danish way, with defaults for empty fields", () => {
    const parsed = FundSettingsSchema.parse({
      name: " Fondens navn ",
      guidelines: "## Formål\n\nKun ekstraordinære indsatser.",
      maxYears: "",
      minOwnSharePercent: "15 %",
      maxAmountPerTenancy: "",
      prioritiseLbfCofinancing: "on",
      reportDueMonthDay: "",
      frames: [
        { year: "2026", amount: "1.000.000" },
        { year: "", amount: "" },
        { year: "2025", amount: "900000" },
      ],
    });
    expect(parsed).toMatchObject({
      name: "Fondens navn",
      maxYears: 4,
      minOwnSharePercent: 15,
      maxAmountPerTenancy: null,
      prioritiseLbfCofinancing: true,
      prioritiseAcute: false,
      reportDueMonthDay: "03-31",
      frames: [
        { year: 2026, amount: 1_000_000 },
        { year: 2025, amount: 900_000 },
      ],
    });
    expect(parsed.guidelines.blocks[0]).toMatchObject({ type: "heading" });
    expect(
      FundSettingsSchema.parse({ ...parsed, guidelines: "", reportDueMonthDay: "30.4" }),
    ).toMatchObject({ reportDueMonthDay: "04-30" });
  });

  it("gives Danish messages for impossible values and a year framed twice", () => {
    const errors = errorsOf(FundSettingsSchema, {
      name: "",
      maxYears: "12",
      minOwnSharePercent: "120",
      maxAmountPerTenancy: "-5",
      reportDueMonthDay: "29-02",
      frames: [
        { year: "2026", amount: "1" },
        { year: "2026", amount: "2" },
      ],
    });
    expect(errors).toEqual({
      name: "Skriv fondens navn",
      maxYears: "Angiv det største antal år, fonden støtter (1–10)",
      minOwnSharePercent: "Skriv en procentsats mellem 0 og 100, fx 10",
      maxAmountPerTenancy: "Skriv et beløb i hele kroner, fx 1.250.000",
      reportDueMonthDay: "Den dato findes ikke hvert år. Angiv en gyldig dag og måned, fx 31-03",
    });
    const frameErrors = errorsOf(FundSettingsSchema, {
      name: "Fond",
      frames: [
        { year: "2026", amount: "1" },
        { year: "2026", amount: "2" },
      ],
    });
    expect(frameErrors).toEqual({ "frames.1.year": "Året har allerede en ramme" });
  });

  it("fills the form from a saved fund, and the defaults for a new one", () => {
    const values = fundSettingsFormValues(null, [], "Fonden");
    expect(values).toMatchObject({
      name: "Fonden",
      maxYears: "4",
      minOwnSharePercent: "",
      reportDueMonthDay: "31-03",
      prioritiseAcute: true,
    });
    expect(FundSettingsSchema.parse(values)).toMatchObject({
      ...DEFAULT_FUND_SETTINGS,
      name: "Fonden",
    });
  });
});

describe("the application schema", () => {
  it("parses a complete application with amounts in whole kroner", () => {
    const parsed = applicationSchema(fund).parse(form());
    expect(parsed).toMatchObject({
      estateId: 7,
      need: "preventive",
      notOrdinaryActivity: true,
      startYear: 2026,
      endYear: 2027,
      tenancies: 200,
      years: [
        { year: 2026, requestedAmount: 100_000, ownContribution: 20_000 },
        { year: 2027, requestedAmount: 80_000, ownContribution: 20_000 },
      ],
      funding: [{ kind: "external", planId: null, name: "Byens Fond", amount: 30_000 }],
    });
  });

  it("refuses a period longer than the fund allows, on the end year, in drafts too", () => {
    const tooLong = form({ startYear: "2026", endYear: "2030" });
    for (const intent of ["draft", "submit"] as const) {
      expect(errorsOf(applicationSchema(fund, intent), tooLong)).toEqual({
        endYear: "Perioden må højst være 4 år (fondens retningslinjer)",
      });
    }
    // The limit is the fund's, not a constant.
    expect(errorsOf(applicationSchema({ maxYears: 2 }), form({ endYear: "2028" }))).toEqual({
      endYear: "Perioden må højst være 2 år (fondens retningslinjer)",
    });
    expect(errorsOf(applicationSchema({ maxYears: 5 }), tooLong)).toEqual({});
    expect(errorsOf(applicationSchema(fund), form({ endYear: "2025" }))).toEqual({
      endYear: "Det sidste år kan ikke ligge før det første",
    });
  });

  it("shows the period and confirmation messages even while other fields are wrong", () => {
    const errors = errorsOf(
      applicationSchema(fund),
      form({ title: "", endYear: "2031", notOrdinaryActivity: undefined }),
    );
    expect(errors).toMatchObject({
      title: "Skriv en titel på ansøgningen",
      endYear: "Perioden må højst være 4 år (fondens retningslinjer)",
      notOrdinaryActivity: NOT_ORDINARY_MESSAGE,
    });
  });

  it("requires the not-ordinary confirmation and the content only to submit", () => {
    const incomplete = form({
      notOrdinaryActivity: undefined,
      description: "",
      purpose: " ",
      tenancies: "",
      years: [{ year: "2026", requestedAmount: "", ownContribution: "" }],
      funding: undefined,
    });
    expect(errorsOf(applicationSchema(fund, "draft"), incomplete)).toEqual({});
    expect(errorsOf(applicationSchema(fund, "submit"), incomplete)).toEqual({
      notOrdinaryActivity: NOT_ORDINARY_MESSAGE,
      description: "Beskriv indsatsen",
      purpose: "Beskriv formålet med indsatsen",
      tenancies: "Angiv afdelingens antal lejemål",
      years: "Angiv det beløb, der søges om, for mindst ét år",
    });
    // A title and the period are needed even for a draft.
    expect(errorsOf(applicationSchema(fund, "draft"), form({ title: "", startYear: "" }))).toEqual({
      title: "Skriv en titel på ansøgningen",
      startYear: "Skriv det første år, fx 2026",
    });
  });

  it("checks the budget years and the other funding rows", () => {
    const errors = errorsOf(
      applicationSchema(fund, "draft"),
      form({
        years: [
          { year: "2026", requestedAmount: "1", ownContribution: "0" },
          { year: "2026", requestedAmount: "1", ownContribution: "0" },
          { year: "2029", requestedAmount: "1", ownContribution: "0" },
          { year: "2027", requestedAmount: "-1", ownContribution: "0" },
        ],
        funding: [
          { kind: "lbf_plan", planId: "", name: "", amount: "1" },
          { kind: "external", planId: "3", name: "", amount: "1" },
          { kind: "", amount: "1" },
        ],
      }),
    );
    expect(errors).toEqual({
      "years.3.requestedAmount": "Skriv et beløb i hele kroner, fx 1.250.000",
      "funding.0.planId":
        "Vælg helhedsplanen, eller skriv dens navn, hvis den ikke findes i systemet",
      "funding.1.name": "Skriv navnet på fonden eller puljen",
      "funding.2.kind": "Vælg typen af finansiering",
    });
    const rows = errorsOf(
      applicationSchema(fund, "draft"),
      form({
        years: [
          { year: "2026", requestedAmount: "1", ownContribution: "0" },
          { year: "2026", requestedAmount: "1", ownContribution: "0" },
          { year: "2029", requestedAmount: "1", ownContribution: "0" },
        ],
      }),
    );
    expect(rows).toEqual({
      "years.1.year": "Året står der allerede",
      "years.2.year": "Året ligger uden for ansøgningens periode",
    });
    // An external fund is never linked to a plan.
    const parsed = applicationSchema(fund).parse(
      form({ funding: [{ kind: "external", planId: "3", name: "Fond", amount: "5" }] }),
    );
    expect(parsed.funding[0]!.planId).toBeNull();
  });

  it("applies the same rules to parsed values (what the model checks)", () => {
    const values = applicationSchema(fund, "draft").parse(form({ notOrdinaryActivity: undefined }));
    expect(applicationIssues(values, fund, "draft")).toEqual([]);
    expect(applicationIssues({ ...values, endYear: 2030 }, fund, "submit")).toEqual([
      { path: ["endYear"], message: "Perioden må højst være 4 år (fondens retningslinjer)" },
      { path: ["notOrdinaryActivity"], message: NOT_ORDINARY_MESSAGE },
    ]);
  });

  it("fills the form with one budget row per year of the period", () => {
    const values = applicationFormValues(null, { estateId: 7, tenancies: 212, startYear: 2026 });
    expect(values).toMatchObject({
      estateId: "7",
      tenancies: "212",
      startYear: "2026",
      endYear: "2026",
      years: [{ year: "2026", requestedAmount: "", ownContribution: "" }],
    });
    expect(applicationFormValues(null)).toMatchObject({ startYear: "", endYear: "", years: [] });
    const saved = applicationSchema(fund).parse(form());
    const again = applicationFormValues({ ...saved, endYear: 2028 });
    expect(again.years.map((y) => [y.year, y.requestedAmount])).toEqual([
      ["2026", "100000"],
      ["2027", "80000"],
      ["2028", ""],
    ]);
  });
});

function checklistInput(overrides: Partial<ChecklistInput> = {}): ChecklistInput {
  return {
    startYear: 2026,
    endYear: 2027,
    need: "preventive",
    notOrdinaryActivity: true,
    tenancies: 200,
    years: [
      { year: 2026, requestedAmount: 100_000, ownContribution: 20_000 },
      { year: 2027, requestedAmount: 80_000, ownContribution: 20_000 },
    ],
    funding: [
      { kind: "lbf_plan", amount: 50_000, planName: "Helhedsplan Nordbyen", name: null },
      { kind: "external", amount: 30_000, name: "Byens Fond" },
    ],
    ...overrides,
  };
}

describe("computed figures", () => {
  it("totals per year and overall, the own share and the amount per tenancy", () => {
    const totals = computeApplicationTotals(checklistInput({ endYear: 2028 }));
    expect(totals.years).toEqual([
      { year: 2026, requested: 100_000, own: 20_000, total: 120_000, perTenancy: 500 },
      { year: 2027, requested: 80_000, own: 20_000, total: 100_000, perTenancy: 400 },
      { year: 2028, requested: 0, own: 0, total: 0, perTenancy: 0 },
    ]);
    expect(totals).toMatchObject({
      requested: 180_000,
      own: 40_000,
      lbfPlans: 50_000,
      external: 30_000,
      other: 80_000,
      total: 300_000,
      highestPerTenancy: 500,
    });
    expect(totals.ownShare).toBeCloseTo(40_000 / 300_000);
    // Averaged over the three years of the period.
    expect(totals.perTenancyPerYear).toBeCloseTo(180_000 / 3 / 200);
  });

  it("has no share without a budget and no amount per tenancy without tenancies", () => {
    const totals = computeApplicationTotals(
      checklistInput({ years: [], funding: [], tenancies: null }),
    );
    expect(totals).toMatchObject({ total: 0, ownShare: null, perTenancyPerYear: null });
    expect(totals.highestPerTenancy).toBeNull();
  });
});

describe("the guideline checklist", () => {
  const states = (input: ChecklistInput, settings: FundSettings = fund) =>
    Object.fromEntries(applicationChecklist(input, settings).map((i) => [i.key, i.state]));

  it("is all fine for an application within the guidelines", () => {
    const items = applicationChecklist(checklistInput(), fund);
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ["period", "ok"],
      ["notOrdinary", "ok"],
      ["lbfCofinancing", "ok"],
      ["need", "info"],
      ["ownShare", "ok"],
      ["perTenancy", "ok"],
    ]);
    expect(items.find((i) => i.key === "period")).toMatchObject({
      label: "Perioden er højst 4 år",
      detail: "2026–2027 (2 år)",
    });
    expect(items.find((i) => i.key === "lbfCofinancing")!.detail).toBe(
      "Medfinansierer Helhedsplan Nordbyen (50.000 kr.). Prioriteres efter fondens retningslinjer.",
    );
    expect(items.find((i) => i.key === "ownShare")!.detail).toBe(
      "Egenfinansieringen er 40.000 kr. af 300.000 kr. (13,3 %).",
    );
    expect(items.find((i) => i.key === "perTenancy")!.detail).toBe(
      "Højst 500 kr. pr. lejemål i et år (200 lejemål), gennemsnitligt 450 kr. pr. år.",
    );
  });

  it("fails a period beyond the maximum and a missing confirmation", () => {
    expect(states(checklistInput({ endYear: 2030 }))).toMatchObject({ period: "fail" });
    expect(states(checklistInput({ notOrdinaryActivity: false }))).toMatchObject({
      notOrdinary: "fail",
    });
  });

  it("marks co-financing of an LBF plan as a priority only when the fund prioritises it", () => {
    expect(states(checklistInput({ funding: [] })).lbfCofinancing).toBe("info");
    expect(
      states(checklistInput(), { ...fund, prioritiseLbfCofinancing: false }).lbfCofinancing,
    ).toBe("info");
  });

  it("tells whether the need is acute (prioritised) or preventive", () => {
    const detail = (input: ChecklistInput, settings = fund) =>
      applicationChecklist(input, settings).find((i) => i.key === "need")!.detail;
    expect(detail(checklistInput({ need: "acute" }))).toBe(
      "Akut behov. Akutte behov prioriteres efter fondens retningslinjer.",
    );
    expect(detail(checklistInput({ need: "acute" }), { ...fund, prioritiseAcute: false })).toBe(
      "Akut behov.",
    );
    expect(detail(checklistInput())).toBe("Forebyggende indsats.");
  });

  it("warns when the own contribution is below the fund's minimum share", () => {
    const low = checklistInput({
      years: [{ year: 2026, requestedAmount: 100_000, ownContribution: 5_000 }],
    });
    const item = applicationChecklist(low, fund).find((i) => i.key === "ownShare")!;
    expect(item).toMatchObject({ state: "warn", label: "Egenfinansiering mindst 10 %" });
    expect(item.detail).toBe(
      "Egenfinansieringen er 5.000 kr. af 185.000 kr. (2,7 %). Fonden forventer mindst 10 %.",
    );
    expect(states(low, { ...fund, minOwnSharePercent: null }).ownShare).toBe("info");
    expect(states(checklistInput({ years: [], funding: [] })).ownShare).toBe("warn");
  });

  it("warns when a year's amount per tenancy is above the fund's maximum", () => {
    const high = checklistInput({ tenancies: 150 });
    const item = applicationChecklist(high, fund).find((i) => i.key === "perTenancy")!;
    expect(item.state).toBe("warn");
    expect(item.detail).toBe(
      "Højst 667 kr. pr. lejemål i et år (150 lejemål), gennemsnitligt 600 kr. pr. år. Fondens maksimum er 600 kr. pr. lejemål pr. år.",
    );
    expect(states(high, { ...fund, maxAmountPerTenancy: null }).perTenancy).toBe("info");
    expect(states(checklistInput({ tenancies: null })).perTenancy).toBe("warn");
    expect(
      states(checklistInput({ tenancies: null }), { ...fund, maxAmountPerTenancy: null })
        .perTenancy,
    ).toBe("info");
  });
});

describe("assessment and decision", () => {
  const requested = [
    { year: 2026, requestedAmount: 100_000 },
    { year: 2027, requestedAmount: 80_000 },
    { year: 2028, requestedAmount: 0 },
  ];

  it("requires the assessment text and a recommendation", () => {
    expect(errorsOf(FundAssessmentSchema, { assessment: " " })).toEqual({
      assessment: "Skriv fondsadministrationens vurdering af ansøgningen",
      recommendation: "Vælg en indstilling",
    });
  });

  it("requires a decision and its date; approved grants the requested amounts", () => {
    expect(errorsOf(decisionSchema(requested), {})).toEqual({
      decision: "Vælg organisationsbestyrelsens afgørelse",
      decisionDate: "Angiv datoen for organisationsbestyrelsens afgørelse",
    });
    const approved = decisionSchema(requested).parse({
      decision: "approved",
      decisionDate: "2026-02-24",
      conditions: "",
    });
    expect(approved.conditions).toBeNull();
    expect(grantAmounts(approved, requested)).toEqual([
      { year: 2026, amount: 100_000 },
      { year: 2027, amount: 80_000 },
    ]);
    const rejected = decisionSchema(requested).parse({
      decision: "rejected",
      decisionDate: "2026-02-24",
    });
    expect(grantAmounts(rejected, requested)).toEqual([]);
  });

  it("grants a lower amount: each year above 0, at most the requested, one lower", () => {
    const reduced = (amounts: [string, string][]) => ({
      decision: "approved_reduced",
      decisionDate: "2026-02-24",
      amounts: amounts.map(([year, amount]) => ({ year, amount })),
    });
    const valid = decisionSchema(requested).parse(
      reduced([
        ["2026", "75.000"],
        ["2027", "80.000"],
      ]),
    );
    expect(grantAmounts(valid, requested)).toEqual([
      { year: 2026, amount: 75_000 },
      { year: 2027, amount: 80_000 },
    ]);
    expect(
      errorsOf(
        decisionSchema(requested),
        reduced([
          ["2026", "0"],
          ["2027", "90.000"],
        ]),
      ),
    ).toEqual({
      "amounts.0.amount": "Beløbet skal være større end 0. Vælg «Afslået», hvis intet bevilges",
      "amounts.1.amount": "Beløbet må højst være det ansøgte (80.000 kr.)",
    });
    expect(
      errorsOf(
        decisionSchema(requested),
        reduced([
          ["2026", "100.000"],
          ["2027", "80.000"],
        ]),
      ),
    ).toEqual({
      amounts:
        "Mindst ét år skal have et lavere beløb end ansøgt. Ellers vælg «Bevilget som ansøgt»",
    });
    expect(
      errorsOf(
        decisionSchema(requested),
        reduced([
          ["2026", "50.000"],
          ["2028", "10.000"],
        ]),
      ),
    ).toEqual({
      "amounts.1.year": "Der er ikke søgt om støtte i dette år",
      amounts: "Angiv det bevilgede beløb for hvert år, der er søgt om (mangler: 2027)",
    });
  });
});

describe("the frame overview", () => {
  const frames = [
    { year: 2026, amount: 500_000 },
    { year: 2027, amount: 400_000 },
  ];
  const grants = [
    { year: 2026, amount: 300_000 },
    { year: 2026, amount: 100_000 },
    { year: 2027, amount: 150_000 },
  ];

  it("shows frame, committed and remaining per year", () => {
    const overview = frameOverview(frames, grants, [2027, 2026]);
    expect(overview.years.map((y) => [y.year, y.frame, y.committed, y.remaining])).toEqual([
      [2026, 500_000, 400_000, 100_000],
      [2027, 400_000, 150_000, 250_000],
    ]);
    expect(overview.hasWarnings).toBe(false);
    expect(overview.total).toEqual({ frame: 900_000, committed: 550_000, proposed: 0 });
  });

  it("warns (without blocking) when a proposed decision would exceed a frame", () => {
    const overview = frameOverview(
      frames,
      grants,
      [2026, 2027, 2028],
      [
        { year: 2026, amount: 120_000 },
        { year: 2027, amount: 100_000 },
        { year: 2028, amount: 50_000 },
      ],
    );
    expect(overview.years.map((y) => [y.year, y.remainingAfter, y.exceeds, y.noFrame])).toEqual([
      [2026, -20_000, true, false],
      [2027, 150_000, false, false],
      [2028, null, false, true],
    ]);
    expect(overview.years.map((y) => y.warning)).toEqual([
      "Rammen for 2026 overskrides med 20.000 kr.",
      null,
      "Der er ikke fastsat en ramme for 2028",
    ]);
    expect(overview.hasWarnings).toBe(true);
    // Committed beyond the frame shows after the decision too.
    expect(
      frameOverview(frames, [...grants, { year: 2026, amount: 120_000 }], [2026]).years[0],
    ).toMatchObject({ exceeds: true, remaining: -20_000 });
  });
});

describe("yearly grant report deadlines", () => {
  const grant = (overrides: Partial<GrantForDeadlines> = {}): GrantForDeadlines => ({
    grantId: 1,
    applicationId: 10,
    title: "Værkstedet",
    estateName: "Afd. 3 Engen",
    years: [
      { year: 2024, amount: 50_000 },
      { year: 2025, amount: 60_000 },
      { year: 2026, amount: 70_000 },
    ],
    reports: [],
    ...overrides,
  });

  it("lists each grant year that has ended with its due date in the following year", () => {
    const deadlines = grantReportDeadlines([grant()], fund, "2026-02-10");
    expect(deadlines.map((d) => [d.year, d.due, d.amount, d.state])).toEqual([
      [2024, "2025-03-31", 50_000, "overdue"],
      [2025, "2026-03-31", 60_000, "soon"],
    ]);
    expect(
      grantReportDeadlines([grant()], { reportDueMonthDay: "06-30" }, "2026-01-05").map((d) => [
        d.year,
        d.state,
      ]),
    ).toEqual([
      [2024, "overdue"],
      [2025, "ok"],
    ]);
  });

  it("never marks a submitted report overdue, and lists reports still to write first", () => {
    const deadlines = grantReportDeadlines(
      [
        grant({ reports: [{ year: 2024, status: "submitted" }] }),
        grant({
          grantId: 2,
          title: "Naboskab",
          years: [{ year: 2025, amount: 10_000 }],
          reports: [{ year: 2025, status: "draft" }],
        }),
      ],
      fund,
      "2026-05-01",
    );
    // Same state and due date: by title ("Naboskab" before "Værkstedet").
    expect(deadlines.map((d) => [d.grantId, d.year, d.state, d.reportStatus])).toEqual([
      [2, 2025, "overdue", "draft"],
      [1, 2025, "overdue", null],
      [1, 2024, "ok", "submitted"],
    ]);
  });

  it("lets a report be written once its year has started", () => {
    expect(hasYearStarted(2026, "2026-01-01")).toBe(true);
    expect(hasYearStarted(2027, "2026-12-31")).toBe(false);
  });
});

describe("permissions and the report form", () => {
  it("lets the fund administration assess and decide submitted applications only", () => {
    expect(applicationPermissions("applicant", "submitted")).toEqual({
      canEdit: false,
      canSubmit: false,
      canWithdraw: true,
      canAssess: false,
      canDecide: false,
    });
    expect(applicationPermissions("fund_admin", "submitted")).toMatchObject({
      canAssess: true,
      canDecide: true,
    });
    expect(applicationPermissions("admin", "approved")).toEqual({
      canEdit: false,
      canSubmit: false,
      canWithdraw: false,
      canAssess: false,
      canDecide: false,
    });
    expect(applicationPermissions("applicant", "draft")).toMatchObject({
      canEdit: true,
      canSubmit: true,
    });
    expect(applicationLockMessage("draft")).toBeNull();
    expect(applicationLockMessage("approved_reduced")).toBe(
      "Ansøgningen er afgjort af organisationsbestyrelsen og kan ikke ændres.",
    );
  });

  it("needs the year's activities to submit a report", () => {
    expect(fundReportSchema("save").parse({ spent: "12.500", activities: "" })).toMatchObject({
      spent: 12_500,
    });
    const result = fundReportSchema("submit").safeParse({ spent: "12.500", activities: "" });
    expect(result.success).toBe(false);
    expect(issuesToFieldErrors(result.error!.issues)).toEqual({
      activities: "Beskriv årets aktiviteter og resultater",
    });
  });
});
