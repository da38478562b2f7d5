/**
 * The import fixtures are real Word files whose expected drafts match their text: every text the
 * expected draft holds occurs in what mammoth reads from the file, so a fixture's document and
 * its expectations cannot drift apart. Generation is deterministic.
 */
import { readFileSync } from "node:fs";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import type { ImportDraft, RichText } from "../../app/domain/import/types";
import {
  IMPORT_FIXTURES,
  largeAgreement,
  notAnAgreement,
  type ImportFixture,
} from "../fixtures/import";
import { danishDate, dottedDate, kroner, millions } from "../fixtures/import/word";

/** The funding rounds and their focus areas as the migration inserts them. */
const ROUNDS_SQL = readFileSync(
  new URL("../../db/migrations/0001_funding_rounds.sql", import.meta.url),
  "utf8",
);

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

async function rawText(buffer: Buffer): Promise<string> {
  const { value, messages } = await mammoth.extractRawText({ buffer });
  expect(messages.filter((m) => m.type === "error")).toEqual([]);
  return value;
}

function richTexts(text: RichText | null): string[] {
  return (text?.blocks ?? []).flatMap((block) =>
    (block.type === "list" ? block.items : [block.content]).map((runs) =>
      runs.map((run) => run.text).join(""),
    ),
  );
}

/** Every text of the draft, as it must occur in the document. */
function draftTexts(draft: ImportDraft): string[] {
  const texts = [
    draft.title,
    draft.focusAreaName,
    draft.planName,
    draft.openingText,
    ...draft.parties.flatMap((x) => [
      x.groupHeading,
      x.organisation,
      x.label,
      x.contact?.name,
      x.contact?.title,
    ]),
    ...draft.workingGroups.flatMap((g) => [
      g.name,
      ...g.members.flatMap((m) => [
        m.description,
        m.names,
        m.organisation,
        m.person?.name,
        m.person?.title,
      ]),
    ]),
    ...richTexts(draft.problemStatement),
    draft.purposesLeadIn,
    ...draft.purposes,
    draft.goalsLeadIn,
    ...draft.goals.flatMap((g) => [g.text, ...g.subGoals]),
    ...richTexts(draft.primaryTargetGroup),
    ...richTexts(draft.method),
    ...[...draft.successCriteria, ...draft.activities.flatMap((a) => a.criteria)].flatMap((c) => [
      c.text,
      c.dataSource,
      c.baseline?.text,
      c.target?.text,
    ]),
    ...draft.activityList,
    ...richTexts(draft.municipalInterplay),
    ...richTexts(draft.anchoring),
    ...draft.fundingSources.map((s) => s.name),
    ...draft.staff,
    ...richTexts(draft.conflictHandling),
    ...richTexts(draft.revisionClause),
    ...draft.activities.flatMap((a) => [
      a.name,
      a.shortName,
      a.reference,
      ...richTexts(a.content),
      a.purposesLeadIn,
      ...a.purposes,
      a.targetGroupsLeadIn,
      ...a.targetGroups,
      ...a.responsibilities.flatMap((r) => [r.party, ...r.duties]),
    ]),
  ];
  // A soft line break does not survive mammoth's raw text: each line must occur on its own.
  return texts.flatMap((text) => (text ? text.split("\n").map(squash).filter(Boolean) : []));
}

/** The ways an amount is written in the fixtures. */
const amountForms = (amount: number) => [kroner(amount), millions(amount)];

function checkAgainstDocument(fixture: ImportFixture, raw: string) {
  const text = squash(raw);
  const texts = draftTexts(fixture.expected);
  const missing = texts.filter((t) => !text.includes(t));
  expect(missing).toEqual([]);
  for (const source of fixture.expected.fundingSources) {
    const written = [source.periodTotal, ...source.amounts.map((a) => a.amount)];
    for (const amount of written) {
      if (amount == null) continue;
      expect(
        amountForms(amount).some((form) => text.includes(form)),
        `${amount}`,
      ).toBe(true);
    }
  }
  for (const date of [fixture.expected.validFrom, fixture.expected.validTo]) {
    expect(date).not.toBeNull();
    expect([danishDate(date!), dottedDate(date!)].some((form) => text.includes(form))).toBe(true);
  }
  for (const unplaced of fixture.expectedUnplaced) expect(text).toContain(squash(unplaced));
  return texts;
}

describe.each(IMPORT_FIXTURES)("import fixture $name", (fixture) => {
  it("is a .docx that mammoth reads, holding every text of its expected draft", async () => {
    const buffer = await fixture.build();
    // A zip (PK) with the Word parts mammoth needs.
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    const raw = await rawText(buffer);
    const texts = checkAgainstDocument(fixture, raw);
    // The expectations say something substantial about the document.
    expect(texts.length).toBeGreaterThan(60);
    expect(fixture.expected.activities.length).toBeGreaterThanOrEqual(3);
    expect(fixture.expected.title).toBe(
      `Delaftale for indsatsområdet ${fixture.plan.focusAreaName}`,
    );
    expect(fixture.expected.planName).toBe(fixture.plan.name);
  });

  it("belongs to a plan in a funding round and focus area the app has", () => {
    const code = fixture.fundingRound;
    expect(ROUNDS_SQL).toContain(`('${code}', '${fixture.plan.fundingRoundName}')`);
    expect(ROUNDS_SQL).toContain(`('${code}', '${fixture.plan.focusAreaName}',`);
    expect(fixture.expected.validFrom! >= fixture.plan.periodStart).toBe(true);
    expect(fixture.expected.validTo! <= fixture.plan.periodEnd).toBe(true);
  });

  it("is generated deterministically", async () => {
    const [first, second] = await Promise.all([fixture.build(), fixture.build()]);
    expect(await rawText(first)).toBe(await rawText(second));
  });
});

describe("notAnAgreement", () => {
  it("is a .docx that mammoth reads, with none of the template's sections", async () => {
    const raw = squash(await rawText(await notAnAgreement.build()));
    expect(raw).toContain("Referat af afdelingsbestyrelsesmøde");
    expect(raw.split(" ").length).toBeGreaterThan(200);
    for (const label of [
      "Delaftale for indsatsområdet",
      "Aftalens parter",
      "Problemkompleks",
      "Aktivitetsnavn",
      "Delaftalen gælder",
    ]) {
      expect(raw).not.toContain(label);
    }
  });

  it("is generated deterministically", async () => {
    const [first, second] = await Promise.all([notAnAgreement.build(), notAnAgreement.build()]);
    expect(await rawText(first)).toBe(await rawText(second));
  });
});

describe("largeAgreement", () => {
  it("has about 500 words a page and every text of its expected draft", async () => {
    const fixture = largeAgreement();
    expect(ROUNDS_SQL).toContain(`('${fixture.fundingRound}', '${fixture.plan.focusAreaName}',`);
    const raw = await rawText(await fixture.build());
    const words = raw.split(/\s+/).filter(Boolean).length;
    console.log(
      `largeAgreement(30): ${words} words, ${fixture.expected.activities.length} activities`,
    );
    expect(words).toBeGreaterThanOrEqual(14_000);
    expect(words).toBeLessThan(17_000);
    expect(fixture.expected.activities.length).toBe(12);
    checkAgainstDocument(fixture, raw);
  });

  it("is generated deterministically, and scales with the pages asked for", async () => {
    const [first, second] = await Promise.all([largeAgreement().build(), largeAgreement().build()]);
    expect(await rawText(first)).toBe(await rawText(second));
    const small = await rawText(await largeAgreement(5).build());
    expect(small.split(/\s+/).filter(Boolean).length).toBeLessThan(4_000);
  });
});
