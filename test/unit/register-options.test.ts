/**
 * The register's organisations and people as the agreement sections' select options: people are
 * told apart by title and organisation, and a funding source offers the likely funders first.
 */
import { describe, expect, it } from "vitest";
import {
  funderOptions,
  organisationOptions,
  personOptions,
  registerOptions,
} from "~/domain/register-options";

const organisations = [
  { id: 1, name: "Afd. 12 Strandengen", kind: "estate" },
  { id: 2, name: "Boligselskabet Lærkereden", kind: "housing_organisation" },
  { id: 3, name: "Havbakke Kommune", kind: "municipality" },
  { id: 4, name: "Havbakke Lokalpoliti", kind: "police" },
  { id: 5, name: "Fællesbo Havbakke", kind: "housing_organisation" },
];
const people = [
  { id: 7, name: "Ida Mørch", title: "Ejendomsleder", organisationName: "Afd. 12 Strandengen" },
  { id: 8, name: "Ida Mørch", title: null, organisationName: "Havbakke Kommune" },
  { id: 9, name: "Ole Brink", title: "Formand", organisationName: null },
  { id: 10, name: "Pia Lund", title: null, organisationName: null },
];

describe("register options", () => {
  it("names organisations as the register does, in its order", () => {
    expect(organisationOptions(organisations).map((o) => [o.value, o.label])).toEqual([
      [1, "Afd. 12 Strandengen"],
      [2, "Boligselskabet Lærkereden"],
      [3, "Havbakke Kommune"],
      [4, "Havbakke Lokalpoliti"],
      [5, "Fællesbo Havbakke"],
    ]);
  });

  it("tells namesakes apart by title and organisation", () => {
    expect(personOptions(people).map((p) => p.label)).toEqual([
      "Ida Mørch, Ejendomsleder (Afd. 12 Strandengen)",
      "Ida Mørch (Havbakke Kommune)",
      "Ole Brink, Formand",
      "Pia Lund",
    ]);
    expect(registerOptions({ organisations, people }).people.map((p) => p.value)).toEqual([
      7, 8, 9, 10,
    ]);
  });

  it("offers municipalities, then housing organisations, then the rest for a funding source", () => {
    expect(funderOptions(organisations).map((o) => o.label)).toEqual([
      "Havbakke Kommune",
      "Boligselskabet Lærkereden",
      "Fællesbo Havbakke",
      "Afd. 12 Strandengen",
      "Havbakke Lokalpoliti",
    ]);
  });
});
