/**
 * One set of status words (issue 19, item 7): every state maps to its word, a draft is an
 * "Udkast" everywhere, and the agreement's badge follows its versions instead of saying "Udkast"
 * while version 2 awaits the board or after it is approved.
 */
import { describe, expect, it } from "vitest";
import { buildAgreementView } from "~/domain/agreement-view";
import { fundApplicationStatusLabels, fundReportStatusLabels } from "~/domain/disposition-fund";
import { reportStatusLabels } from "~/domain/progress-report";
import { versionStatusLabels } from "~/domain/revision";
import {
  agreementStateWords,
  agreementStatus,
  DRAFT_WORD,
  revisionStatusWords,
  strategicStateWords,
  strategicVersionStatusWords,
  type AgreementStatusInput,
} from "~/domain/status-words";
import { strategicStateLabels, strategicVersionStatusLabels } from "~/domain/strategic-agreement";

type Version = AgreementStatusInput["versions"][number];
const v = (
  number: number,
  status: Version["status"],
  meetingDate: string | null = null,
  decidedAt: string | null = null,
): Version => ({ number, status, meetingDate, decidedAt });

describe("status words", () => {
  it("names each agreement state with one word", () => {
    expect(agreementStateWords).toEqual({
      draft: "Udkast",
      submitted: "Til beslutning",
      approved: "Godkendt",
      rejected: "Afvist",
    });
  });

  it("names each version and revision status with the agreement's words", () => {
    expect(versionStatusLabels).toEqual({
      proposed: "Til beslutning",
      approved: "Godkendt",
      rejected: "Afvist",
      withdrawn: "Trukket tilbage",
      superseded: "Afløst",
    });
    expect(revisionStatusWords).toEqual({
      open: "Under udarbejdelse",
      submitted: "Til beslutning",
      approved: "Godkendt",
      rejected: "Afvist",
    });
    expect(strategicStateLabels).toBe(strategicStateWords);
    expect(strategicStateWords).toEqual({
      draft: "Udkast",
      proposed: "Til beslutning",
      awaiting_fund: "Afventer fondens godkendelse",
      approved: "Godkendt",
    });
    expect(strategicVersionStatusLabels).toBe(strategicVersionStatusWords);
    expect(strategicVersionStatusWords.approved).toBe("Godkendt");
    expect(strategicVersionStatusWords.proposed).toBe("Til beslutning");
  });

  it("calls a draft «Udkast» for reports, applications and grant reports alike (no «Kladde»)", () => {
    expect(reportStatusLabels).toEqual({ draft: "Udkast", final: "Endelig" });
    expect(fundApplicationStatusLabels.draft).toBe(DRAFT_WORD);
    expect(fundReportStatusLabels).toEqual({ draft: "Udkast", submitted: "Indsendt" });
    const all = [
      ...Object.values(reportStatusLabels),
      ...Object.values(fundApplicationStatusLabels),
      ...Object.values(fundReportStatusLabels),
      ...Object.values(versionStatusLabels),
      ...Object.values(strategicStateLabels),
    ];
    expect(all.filter((word) => /kladde/i.test(word))).toEqual([]);
  });
});

describe("agreementStatus", () => {
  it("is an «Udkast» before any version, and after a withdrawn first proposal", () => {
    expect(agreementStatus({ versions: [], revising: false })).toEqual({
      state: "draft",
      version: null,
      decidedOn: null,
      label: "Udkast",
    });
    expect(agreementStatus({ versions: [v(1, "withdrawn")], revising: true }).label).toBe("Udkast");
  });

  it("says which version awaits the board", () => {
    const status = agreementStatus({
      versions: [v(1, "superseded", "2025-05-01"), v(2, "proposed")],
      revising: false,
    });
    expect(status).toEqual({
      state: "submitted",
      version: 2,
      decidedOn: null,
      label: "Til beslutning (version 2)",
    });
  });

  it("is approved with the version and the board meeting's date", () => {
    const status = agreementStatus({
      versions: [
        v(1, "superseded", "2025-05-01"),
        v(2, "approved", "2026-05-03", "2026-05-04T08:00:00Z"),
      ],
      revising: false,
    });
    expect(status).toEqual({
      state: "approved",
      version: 2,
      decidedOn: "2026-05-03",
      label: "Godkendt (version 2, 3. maj 2026)",
    });
    // Without a meeting date the recorded decision's date stands in.
    expect(
      agreementStatus({
        versions: [v(1, "approved", null, "2026-05-04T08:00:00Z")],
        revising: false,
      }).label,
    ).toBe("Godkendt (version 1, 4. maj 2026)");
  });

  it("is the draft of the next version while a revision of an approved one is drafted", () => {
    const versions = [v(1, "superseded", "2025-05-01"), v(2, "approved", "2026-05-03")];
    expect(agreementStatus({ versions, revising: true })).toEqual({
      state: "draft",
      version: 3,
      decidedOn: null,
      label: "Udkast til version 3",
    });
    // A withdrawn proposal used number 3: the next one is 4.
    expect(
      agreementStatus({ versions: [...versions, v(3, "withdrawn")], revising: true }).label,
    ).toBe("Udkast til version 4");
  });

  it("is rejected until a newer proposal replaces the rejected version", () => {
    const rejected = [v(1, "approved", "2025-05-01"), v(2, "rejected", "2026-05-03")];
    expect(agreementStatus({ versions: rejected, revising: true })).toEqual({
      state: "rejected",
      version: 2,
      decidedOn: "2026-05-03",
      label: "Afvist (version 2, 3. maj 2026)",
    });
    expect(
      agreementStatus({ versions: [...rejected, v(3, "proposed")], revising: false }).label,
    ).toBe("Til beslutning (version 3)");
    // A later approval outranks an older rejection.
    expect(
      agreementStatus({
        versions: [v(1, "rejected", "2025-02-01"), v(2, "approved", "2025-05-01")],
        revising: false,
      }).label,
    ).toBe("Godkendt (version 2, 1. maj 2025)");
  });
});

describe("buildAgreementView's status label", () => {
  it("defaults to the draft word", () => {
    // Only the label matters here: a minimal record with no sections.
    const view = buildAgreementView({
      id: 1,
      planId: 1,
      version: 1,
      updatedAt: "2026-01-01T00:00:00Z",
      openingText: "",
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
      problemStatement: null,
      purposesLeadIn: null,
      purposes: [],
      goalsLeadIn: null,
      goals: [],
      primaryTargetGroup: null,
      method: null,
      municipalInterplay: null,
      anchoring: null,
      conflictHandling: null,
      revisionClause: null,
      plan: {
        id: 1,
        name: "Plan",
        periodStart: "2023-01-01",
        periodEnd: "2026-12-31",
        templateEdition: "2018",
        fundingRound: { name: "2019-26" },
      },
      focusArea: { id: 1, name: "Beskæftigelse" },
      parties: [],
      workingGroups: [],
      successCriteria: [],
      activities: [],
      fundingSources: [],
      staffResources: [],
    });
    expect(view.statusLabel).toBe("Udkast");
  });
});
