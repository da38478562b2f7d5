/**
 * The first page's pure logic (app/domain/dashboard.ts): which sections a user gets, the order of
 * the sections (most urgent first), the revisions shown, the measurement progress per agreement,
 * and the menu for each role.
 */
import { describe, expect, it } from "vitest";
import {
  dashboardRoles,
  grantReportsToShow,
  measurementProgress,
  menuItems,
  orderSections,
  progressText,
  revisionsToShow,
  sectionOf,
  type CriterionMeasuredRow,
  type RoleSources,
} from "~/domain/dashboard";

const noFund = { any: false, manager: false, applicant: false };
const member = (...planRoles: RoleSources["planRoles"]): RoleSources => ({
  isAdmin: false,
  planRoles,
  fund: noFund,
});

describe("the sections a user gets", () => {
  it("gives one section per role, in a fixed order", () => {
    expect(dashboardRoles(member("viewer", "board", "secretariat"))).toEqual([
      "secretariat",
      "board",
      "viewer",
    ]);
    expect(
      dashboardRoles({
        isAdmin: false,
        planRoles: [],
        fund: { any: true, manager: true, applicant: true },
      }),
    ).toEqual(["fund_admin", "applicant"]);
    expect(dashboardRoles(member())).toEqual([]);
  });

  it("gives administrators their own section, the board's and the fund administration's", () => {
    expect(
      dashboardRoles({
        isAdmin: true,
        planRoles: [],
        fund: { any: true, manager: true, applicant: false },
      }),
    ).toEqual(["admin", "board", "fund_admin"]);
  });
});

describe("the order of the sections", () => {
  const section = (
    role: Parameters<typeof orderSections>[0][number]["role"],
    overdue: number,
    open: number,
  ) => ({
    role,
    urgency: { overdue, open },
  });

  it("puts overdue first (most overdue first), then things to do, then quiet sections", () => {
    const ordered = orderSections([
      section("secretariat", 0, 0),
      section("board", 0, 2),
      section("reporter", 1, 3),
      section("viewer", 0, 0),
      section("applicant", 2, 0),
    ]);
    expect(ordered.map((s) => s.role)).toEqual([
      "applicant",
      "reporter",
      "board",
      "secretariat",
      "viewer",
    ]);
  });

  it("keeps the fixed role order between equally urgent sections", () => {
    const ordered = orderSections([section("fund_admin", 0, 1), section("board", 0, 5)]);
    expect(ordered.map((s) => s.role)).toEqual(["board", "fund_admin"]);
  });

  it("finds a role's section by its role", () => {
    const sections = [section("board", 0, 1), section("viewer", 0, 0)];
    expect(sectionOf(sections, "viewer")).toBe(sections[1]);
    expect(sectionOf(sections, "reporter")).toBeUndefined();
  });
});

describe("revisions on the first page", () => {
  it("lists overdue, then due within 60 days, then never approved; drops those due later", () => {
    const rows = [
      { id: 1, due: "2027-06-01" },
      { id: 2, due: null },
      { id: 3, due: "2026-12-20" },
      { id: 4, due: "2026-11-01" },
    ];
    expect(revisionsToShow(rows, "2026-12-05").map((r) => [r.id, r.state])).toEqual([
      [4, "overdue"],
      [3, "soon"],
      [2, "unapproved"],
    ]);
  });
});

describe("grant reports on the first page", () => {
  it("keeps the reports to write and those submitted that were due this year", () => {
    const rows = [
      { id: 1, submitted: false, due: "2024-03-31" },
      { id: 2, submitted: true, due: "2025-03-31" },
      { id: 3, submitted: true, due: "2026-03-31" },
    ];
    expect(grantReportsToShow(rows, "2026-12-05").map((r) => r.id)).toEqual([1, 3]);
  });
});

describe("measurement progress", () => {
  const row = (
    agreementId: number,
    criterionId: number | null,
    measured: boolean,
    retiredAt: string | null = null,
  ): CriterionMeasuredRow => ({
    planId: 1,
    planName: "Helhedsplan Strandengen",
    agreementId,
    focusArea: `Indsatsområde ${agreementId}`,
    criterionId,
    retiredAt,
    measured,
  });

  it("counts the criteria measured against those the year's page shows, per agreement", () => {
    const progress = measurementProgress(
      [
        row(1, 11, true),
        row(1, 12, false),
        row(1, 13, true),
        // Retired in 2024 without figures for 2025: not measured in 2025.
        row(1, 14, false, "2024-05-01T10:00:00Z"),
        // Retired in 2026: still part of the agreement in 2025.
        row(1, 15, false, "2026-02-01T10:00:00Z"),
        // An agreement without criteria.
        row(2, null, false),
      ],
      2025,
    );
    expect(progress.map((p) => [p.agreementId, p.entered, p.total])).toEqual([
      [1, 2, 4],
      [2, 0, 0],
    ]);
    expect(progressText(progress[0]!)).toBe("2 af 4 målinger");
    expect(progressText({ entered: 1, total: 1 })).toBe("1 af 1 måling");
  });

  it("counts a retired criterion that has a figure for the year", () => {
    const [progress] = measurementProgress([row(1, 14, true, "2024-05-01T10:00:00Z")], 2025);
    expect(progress).toMatchObject({ entered: 1, total: 1 });
  });
});

describe("the main menu", () => {
  const labels = (sources: RoleSources) => menuItems(sources).map((i) => i.label);

  it("shows the board «Til beslutning» and the register, but not the fund", () => {
    expect(labels(member("board"))).toEqual([
      "Mine helhedsplaner",
      "Til beslutning",
      "Organisationer",
      "Personer",
      "Hjælp",
    ]);
  });

  it("keeps «Til beslutning» from the secretariat, reporter and viewer", () => {
    for (const role of ["secretariat", "reporter", "viewer"] as const) {
      expect(labels(member(role))).not.toContain("Til beslutning");
      expect(labels(member(role))).toContain("Organisationer");
    }
  });

  it("shows an applicant and a fund administrator their front page, the fund and help only", () => {
    for (const fund of [
      { any: true, manager: false, applicant: true },
      { any: true, manager: true, applicant: false },
    ]) {
      expect(labels({ isAdmin: false, planRoles: [], fund })).toEqual([
        "Min forside",
        "Dispositionsfond",
        "Hjælp",
      ]);
    }
  });

  it("shows administrators everything, with their own pages", () => {
    const items = menuItems({
      isAdmin: true,
      planRoles: [],
      fund: { any: true, manager: true, applicant: false },
    });
    expect(items.map((i) => i.to)).toEqual([
      "/",
      "/revisions",
      "/funds",
      "/organisations",
      "/people",
      "/hjaelp",
      "/admin/users",
      "/admin/rollup",
      "/admin/backup",
    ]);
    expect(items[0]).toMatchObject({ label: "Mine helhedsplaner", end: true });
  });
});
