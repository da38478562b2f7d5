/**
 * The action list after a safety walk as Word, read back with the JavaScript reader
 * (test/helpers/docx.ts): the facts of the walk, every finding with each action's responsible
 * party, task, due date and status, and the same actions gathered per party at the end.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  actionsByParty,
  type ActionListFinding,
  type ActionListView,
} from "~/domain/activity-log-documents";
import { buildActionListDocument } from "../../templates/log-action-list";
import { renderDocx } from "../../templates/render";
import { readDocxBuffer, type ReadDocx } from "../helpers/docx";

const PLAN = "Helhedsplan Engblommen & Vibeparken";
const ACTIVITY = "Tryghedsvandringer i Vibeparken";
const HOSTILE = 'Skur med <w:p> & "graffiti" </w:t>';

const findings: ActionListFinding[] = [
  {
    text: "Lampen ved opgang 14 er gået",
    place: "Vibeparken 14",
    actions: [
      {
        responsible: "Boligforeningen Engtoften",
        description: "Udskift pæren og tjek de andre lamper på stien",
        dueDate: "2026-06-15",
        status: "Udført",
        dropReason: null,
      },
      {
        responsible: "Engby Kommune",
        description: "Gadelys på stien mod skolen",
        dueDate: "2026-09-01",
        status: "Åben",
        dropReason: null,
      },
    ],
  },
  {
    text: "Buskene ved legepladsen er for høje",
    place: null,
    actions: [
      {
        responsible: "Boligforeningen Engtoften",
        description: "Klip buskene ned til en meter",
        dueDate: "2026-05-30",
        status: "I gang",
        dropReason: null,
      },
      {
        responsible: "Engby Kommune",
        description: "Flyt bænken ved stien",
        dueDate: null,
        status: "Droppet",
        dropReason: "Bænken står på foreningens grund",
      },
    ],
  },
  { text: HOSTILE, place: null, actions: [] },
];

function view(overrides: Partial<ActionListView> = {}): ActionListView {
  return {
    planName: PLAN,
    focusArea: "Tryghed og trivsel",
    activity: ACTIVITY,
    kind: "Tryghedsvandring",
    date: "2026-05-12",
    place: "Gårdene i Vibeparken",
    note: "God stemning, 20 minutter forsinket start.",
    participants: [
      { group: "Beboere", count: 14 },
      { group: "Frivillige", count: 3 },
      { group: "Samarbejdspartnere", count: 5 },
    ],
    followUpDue: "2026-11-12",
    findings,
    ...overrides,
  };
}

async function readBack(v: ActionListView): Promise<ReadDocx> {
  return readDocxBuffer(await renderDocx(buildActionListDocument(v)));
}

function tableStartingWith(tables: string[][][], ...cells: string[]): string[][][] {
  return tables.filter((t) => cells.every((c, i) => t[0]?.[i] === c));
}

describe("action list document", () => {
  let doc: ReadDocx;
  beforeAll(async () => {
    doc = await readBack(view());
  });

  it("is titled by kind and date, with the activity, place and participants", () => {
    expect(doc.headings).toEqual([
      [1, "Handlingsliste efter tryghedsvandring 12. maj 2026"],
      [2, "Note"],
      [2, "Fund og opgaver"],
      [3, "1. Lampen ved opgang 14 er gået"],
      [3, "2. Buskene ved legepladsen er for høje"],
      [3, `3. ${HOSTILE}`],
      [2, "Opgaver efter ansvarlig"],
    ]);
    const facts = doc.tables[0]!;
    expect(facts).toEqual([
      ["Helhedsplan", PLAN],
      ["Indsatsområde", "Tryghed og trivsel"],
      ["Aktivitet", ACTIVITY],
      ["Type", "Tryghedsvandring"],
      ["Dato", "12. maj 2026"],
      ["Sted", "Gårdene i Vibeparken"],
      ["Deltagere", "Beboere: 14, Frivillige: 3, Samarbejdspartnere: 5 (i alt 22)"],
      ["Opfølgning", "12. november 2026"],
    ]);
    expect(doc.text).toContain("God stemning, 20 minutter forsinket start.");
  });

  it("lists every finding with its actions: responsible, task, due date and status", () => {
    const [first, second] = tableStartingWith(doc.tables, "Ansvarlig", "Opgave", "Frist");
    expect(first).toEqual([
      ["Ansvarlig", "Opgave", "Frist", "Status"],
      [
        "Boligforeningen Engtoften",
        "Udskift pæren og tjek de andre lamper på stien",
        "15. juni 2026",
        "Udført",
      ],
      ["Engby Kommune", "Gadelys på stien mod skolen", "1. september 2026", "Åben"],
    ]);
    expect(second).toEqual([
      ["Ansvarlig", "Opgave", "Frist", "Status"],
      ["Boligforeningen Engtoften", "Klip buskene ned til en meter", "30. maj 2026", "I gang"],
      [
        "Engby Kommune",
        "Flyt bænken ved stien",
        "Ingen frist",
        "Droppet: Bænken står på foreningens grund",
      ],
    ]);
    // The finding's place under its heading; a finding without actions says so.
    expect(doc.text).toContain("1. Lampen ved opgang 14 er gået\nSted: Vibeparken 14");
    expect(doc.text).toContain(`3. ${HOSTILE}\nIngen opgaver til dette fund.`);
  });

  it("gathers the actions per responsible party at the end, by due date", () => {
    const [byParty] = tableStartingWith(doc.tables, "Ansvarlig", "Opgave", "Fund");
    expect(byParty).toEqual([
      ["Ansvarlig", "Opgave", "Fund", "Frist", "Status"],
      [
        "Boligforeningen Engtoften",
        "Klip buskene ned til en meter",
        "Buskene ved legepladsen er for høje",
        "30. maj 2026",
        "I gang",
      ],
      [
        "Boligforeningen Engtoften",
        "Udskift pæren og tjek de andre lamper på stien",
        "Lampen ved opgang 14 er gået",
        "15. juni 2026",
        "Udført",
      ],
      [
        "Engby Kommune",
        "Gadelys på stien mod skolen",
        "Lampen ved opgang 14 er gået",
        "1. september 2026",
        "Åben",
      ],
      [
        "Engby Kommune",
        "Flyt bænken ved stien",
        "Buskene ved legepladsen er for høje",
        "Ingen frist",
        "Droppet: Bænken står på foreningens grund",
      ],
    ]);
  });

  it("names plan, activity and the document in the page header", () => {
    expect(doc.headerText).toContain(`${PLAN} · ${ACTIVITY} · Handlingsliste`);
  });
});

describe("action list of an event without findings", () => {
  it("says no findings were recorded and has no table by party", async () => {
    const doc = await readBack(
      view({ findings: [], note: null, place: null, followUpDue: null, participants: [] }),
    );
    expect(doc.headings).toEqual([
      [1, "Handlingsliste efter tryghedsvandring 12. maj 2026"],
      [2, "Fund og opgaver"],
    ]);
    expect(doc.text).toContain("Der blev ikke registreret fund.");
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]).toContainEqual(["Sted", "Ikke angivet"]);
    expect(doc.tables[0]).toContainEqual(["Deltagere", "Ikke registreret"]);
    expect(doc.tables[0]!.map((r) => r[0])).not.toContain("Opfølgning");
  });
});

describe("actionsByParty", () => {
  it("keeps the parties in order of first appearance and an action without due date last", () => {
    const parties = actionsByParty(findings);
    expect(parties.map((p) => p.responsible)).toEqual([
      "Boligforeningen Engtoften",
      "Engby Kommune",
    ]);
    expect(parties[1]!.actions.map((a) => [a.dueDate, a.finding])).toEqual([
      ["2026-09-01", "Lampen ved opgang 14 er gået"],
      [null, "Buskene ved legepladsen er for høje"],
    ]);
  });
});
