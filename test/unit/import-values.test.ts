/** How an import's draft meets the register and the plan: names, kinds, validity, kept rows. */
import { describe, expect, it } from "vitest";
import { handRecognition } from "../fixtures/import-recognition";
import {
  guessOrganisationKind,
  importValidity,
  matchIds,
  normaliseName,
  registerNeeds,
} from "~/models/imports/values.server";
import { matchFocusArea } from "~/models/imports/create.server";

const plan = { periodStart: "2025-01-01", periodEnd: "2028-12-31" };

describe("import values", () => {
  it("compares names without case, spacing or trailing punctuation", () => {
    expect(normaliseName("  Kildeby   KOMMUNE: ")).toBe(normaliseName("kildeby kommune"));
    expect(normaliseName("Tryghed og trivsel.")).toBe("tryghed og trivsel");
    expect(normaliseName("Tryghed og trivsel")).not.toBe(normaliseName("Tryghed og trivs"));
  });

  it("matches a focus area only when the name is the same, normalised", () => {
    const areas = [
      { id: 1, name: "Beskæftigelse" },
      { id: 2, name: "Kriminalitetsforebyggelse" },
    ];
    expect(matchFocusArea("beskæftigelse ", areas)).toBe(1);
    expect(matchFocusArea("Beskæftigelse og uddannelse", areas)).toBeNull();
    expect(matchFocusArea(null, areas)).toBeNull();
  });

  it("guesses a new organisation's kind from its name", () => {
    expect(guessOrganisationKind("Kildeby Kommune")).toBe("municipality");
    expect(guessOrganisationKind("Nordby Lokalpoliti")).toBe("police");
    expect(guessOrganisationKind("Boligselskabet Kildevang")).toBe("housing_organisation");
    expect(guessOrganisationKind("Kildevang Skole")).toBe("school");
    expect(guessOrganisationKind("Foreningen Grønne Hænder")).toBe("other");
  });

  it("keeps the validity inside the plan's period (R5), the period when missing or inverted", () => {
    expect(importValidity({ validFrom: "2025-03-01", validTo: "2027-02-28" }, plan)).toEqual({
      validFrom: "2025-03-01",
      validTo: "2027-02-28",
      adjusted: false,
    });
    expect(importValidity({ validFrom: "2024-03-01", validTo: "2030-02-28" }, plan)).toEqual({
      validFrom: "2025-01-01",
      validTo: "2028-12-31",
      adjusted: true,
    });
    expect(importValidity({ validFrom: null, validTo: null }, plan)).toEqual({
      validFrom: "2025-01-01",
      validTo: "2028-12-31",
      adjusted: false,
    });
    expect(importValidity({ validFrom: "2030-01-01", validTo: "2031-01-01" }, plan)).toEqual({
      validFrom: "2025-01-01",
      validTo: "2028-12-31",
      adjusted: true,
    });
  });

  it("lists each organisation and person the draft names once", () => {
    const { recognition, names } = handRecognition();
    const needs = registerNeeds(recognition.draft);
    expect(needs.organisations).toEqual([names.org, names.municipality]);
    expect(needs.people).toEqual([
      { name: names.person, title: "direktør", organisation: names.org },
      { name: names.member, title: "projektleder", organisation: names.org },
    ]);
  });

  it("gives rows the ids of existing rows with the same key, each id once", () => {
    const rows = [
      { id: null, t: "A" },
      { id: null, t: "b" },
      { id: null, t: "a" },
    ];
    const existing = [
      { id: 7, key: "a" },
      { id: 9, key: "c" },
    ];
    expect(matchIds(rows, (r) => normaliseName(r.t), existing).map((r) => r.id)).toEqual([
      7,
      null,
      null,
    ]);
  });
});
