/**
 * The revision pages called as Remix would call them: submitting the demo agreement for approval
 * (and the replies that keep the input), the locked draft while the board decides, withdrawing,
 * the version history and a version's Word download, the plan-level start of the year's revision,
 * "Til beslutning" and the dashboard's deadlines. Access: the secretariat acts, the board gets
 * 403, a user of another plan 404.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { focusAreas } from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { flashOf } from "../helpers/flash";
import { buildRequest, callRoute, useTestDbForRoutes } from "../helpers/routes";
import { setAppDbForTests } from "~/db.server";
import { DOCX_TYPE } from "~/documents.server";
import { sectionOf } from "~/domain/dashboard";
import type { FormFailure } from "~/domain/form";
import { createAgreement } from "~/models/agreements/create.server";
import { decideRevision } from "~/models/revisions.server";
import * as dashboard from "~/routes/_index";
import * as planPage from "~/routes/plans.$planId._index";
import * as agreementPage from "~/routes/plans.$planId.agreements.$agreementId._index";
import * as problemPage from "~/routes/plans.$planId.agreements.$agreementId.edit.problem";
import * as revisionPage from "~/routes/plans.$planId.agreements.$agreementId.revision";
import * as versionsPage from "~/routes/plans.$planId.agreements.$agreementId.versions._index";
import * as versionPage from "~/routes/plans.$planId.agreements.$agreementId.versions.$number._index";
import * as versionDocx from "~/routes/plans.$planId.agreements.$agreementId.versions.$number.document[.]docx";
import * as planRevisions from "~/routes/plans.$planId.revisions";
import * as pendingPage from "~/routes/revisions._index";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type AgreementPageData = Awaited<ReturnType<typeof agreementPage.loader>>;
type RevisionPageData = Awaited<ReturnType<typeof revisionPage.loader>>;
type VersionsData = Awaited<ReturnType<typeof versionsPage.loader>>;
type VersionData = Awaited<ReturnType<typeof versionPage.loader>>;
type DashboardData = Awaited<ReturnType<typeof dashboard.loader>>;
type PendingData = Awaited<ReturnType<typeof pendingPage.loader>>;
type PlanPageData = Awaited<ReturnType<typeof planPage.loader>>;

function documentText(buffer: Buffer): string {
  return readDocxBuffer(buffer).text;
}

function headerText(buffer: Buffer): string {
  return readDocxBuffer(buffer).headerText;
}

/** A day to submit on, so the expected year does not repeat the code's own clock. */
const CLOCK = new Date("2031-05-14T10:00:00Z");

/** Runs `action` with the clock (Date only; timers run as usual) set to `now`. */
async function atClock<T>(now: Date, action: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now });
  try {
    return await action();
  } finally {
    vi.useRealTimers();
  }
}

describe.each(drivers)("revision pages on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const params = () => ({
    planId: String(t.demo.planId),
    agreementId: String(t.demo.agreementId),
  });
  const base = () => `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}`;

  const loadAgreement = async (userId = t.demo.userIds.secretariat) => {
    const res = await callRoute(agreementPage.loader, base(), { userId, params: params() });
    expect(res.status).toBe(200);
    return res.data as AgreementPageData;
  };
  const revise = (form: Record<string, string>, userId = t.demo.userIds.secretariat) =>
    callRoute(revisionPage.action, `${base()}/revision`, { userId, params: params(), form });
  const saveProblem = async (text: string) => {
    const loaded = await callRoute(problemPage.loader, `${base()}/edit/problem`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
    });
    const { version } = (loaded.data as { record: { version: number } }).record;
    return callRoute(problemPage.action, `${base()}/edit/problem`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form: { version: String(version), problemStatement: text },
    });
  };

  it("lists the demo agreement on the secretariat's dashboard as not approved yet", async () => {
    const res = await callRoute(dashboard.loader, "/", { userId: t.demo.userIds.secretariat });
    expect(res.status).toBe(200);
    const { revisions } = sectionOf((res.data as DashboardData).sections, "secretariat")!;
    const demo = revisions.find((r) => r.agreementId === t.demo.agreementId);
    expect(demo).toMatchObject({ state: "unapproved", due: null, planId: t.demo.planId });
    const other = await callRoute(dashboard.loader, "/", { userId: t.demo.userIds.otherPlan });
    const otherSection = sectionOf((other.data as DashboardData).sections, "secretariat")!;
    expect(otherSection.revisions.some((r) => r.agreementId === t.demo.agreementId)).toBe(false);
  });

  it("shows the revision page to the secretariat only: 403 for the board, 404 for others", async () => {
    // The start form proposes the current year: on 14 May 2031 that is 2031.
    const res = await atClock(CLOCK, () =>
      callRoute(revisionPage.loader, `${base()}/revision`, {
        userId: t.demo.userIds.secretariat,
        params: params(),
      }),
    );
    expect(res.status).toBe(200);
    const data = res.data as RevisionPageData;
    expect(data.ready).toBe(true);
    expect(data.failing).toEqual([]);
    expect(data.proposed).toBeNull();
    expect(data.nextNumber).toBe(1);
    expect(data.startDefaults.year).toBe(2031);

    const board = await callRoute(revisionPage.loader, `${base()}/revision`, {
      userId: t.demo.userIds.board,
      params: params(),
    });
    expect(board.status).toBe(403);
    const boardAction = await revise({ intent: "submit", summary: "x" }, t.demo.userIds.board);
    expect(boardAction.status).toBe(403);
    const boardWithdraw = await revise({ intent: "withdraw" }, t.demo.userIds.board);
    expect(boardWithdraw.status).toBe(403);
    const other = await revise({ intent: "submit", summary: "x" }, t.demo.userIds.otherPlan);
    expect(other.status).toBe(404);
  });

  it("refuses an empty summary with the message and keeps what was typed", async () => {
    const res = await revise({
      intent: "submit",
      summary: "   ",
      recommendation: "Arbejdsgruppen anbefaler godkendelse.",
    });
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors.summary).toBe("Skriv kort, hvad der er ændret");
    expect(failure.values).toMatchObject({
      intent: "submit",
      recommendation: "Arbejdsgruppen anbefaler godkendelse.",
    });
    expect((await loadAgreement()).revision.proposed).toBeNull();
  });

  it("answers an unknown intent with 400", async () => {
    const res = await revise({ intent: "approve" });
    expect(res.status).toBe(400);
    expect((res.data as FormFailure).formError).toMatch(/kunne ikke udføres/);
  });

  it("submits, then shows the proposed version and locks the draft for everyone", async () => {
    // Submitted on 14 May 2031, without a revision started: the submit starts 2031's.
    const res = await atClock(CLOCK, () =>
      revise({
        intent: "submit",
        summary: "Første version af delaftalen",
        recommendation: "Arbejdsgruppen indstiller delaftalen til godkendelse.",
      }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(base());

    for (const userId of [t.demo.userIds.secretariat, t.demo.userIds.admin]) {
      const page = await loadAgreement(userId);
      expect(page.editBase).toBeNull();
      expect(page.revision.proposed).toEqual({ number: 1, label: "Forslag til version 1" });
      expect(page.revision.active?.status).toBe("submitted");
      expect(page.revision.current).toBeNull();
    }

    const saved = await saveProblem("Ændret, mens forslaget afventer bestyrelsen.");
    expect(saved.status).toBe(409);
    expect((saved.data as FormFailure).formError).toMatch(
      /afventer bestyrelsens beslutning og kan ikke ændres/,
    );
    expect((saved.data as FormFailure).values.problemStatement).toBe(
      "Ændret, mens forslaget afventer bestyrelsen.",
    );

    // A second submit meets the proposed version: 409, input kept.
    const again = await revise({ intent: "submit", summary: "Igen" });
    expect(again.status).toBe(409);
    expect((again.data as FormFailure).values.summary).toBe("Igen");

    const pending = await callRoute(pendingPage.loader, "/revisions", {
      userId: t.demo.userIds.board,
    });
    expect((pending.data as PendingData).pending).toMatchObject([
      {
        agreementId: t.demo.agreementId,
        number: 1,
        summary: "Første version af delaftalen",
      },
    ]);
    const none = await callRoute(pendingPage.loader, "/revisions", {
      userId: t.demo.userIds.otherPlan,
    });
    expect((none.data as PendingData).pending).toEqual([]);
  });

  it("withdraws the proposed version, after which the draft can be edited again", async () => {
    const res = await revise({ intent: "withdraw" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(base());
    const page = await loadAgreement();
    expect(page.revision.proposed).toBeNull();
    expect(page.editBase).toBe(`${base()}/edit`);
    expect(page.revision.active?.status).toBe("open");

    const saved = await saveProblem("Rettet efter tilbagetrækningen.");
    expect(saved.status).toBe(302);

    const nothing = await revise({ intent: "withdraw" });
    expect(nothing.status).toBe(409);
    expect((nothing.data as FormFailure).formError).toMatch(/intet forslag at trække tilbage/);
  });

  it("prefills the submit form from the withdrawn proposed version and refuses a second start", async () => {
    const res = await callRoute(revisionPage.loader, `${base()}/revision`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
    });
    const data = res.data as RevisionPageData;
    expect(data.nextNumber).toBe(2);
    expect(data.submitDefaults.summary).toBe("Første version af delaftalen");
    // The revision the first submit started, in the year it was submitted.
    expect(data.revision?.year).toBe(2031);

    const start = await revise({ intent: "start", year: "2031" });
    expect(start.status).toBe(400);
    expect((start.data as FormFailure).errors.year).toBe("Delaftalen er allerede under revision");
    const badYear = await revise({ intent: "start", year: "tyve" });
    expect(badYear.status).toBe(400);
    expect((badYear.data as FormFailure).errors.year).toBe("Angiv et årstal");
  });

  it("lists the versions and shows and downloads one of them", async () => {
    const submitted = await revise({ intent: "submit", summary: "Problemkomplekset er rettet" });
    expect(submitted.status).toBe(302);
    expect((await loadAgreement()).revision.proposed?.number).toBe(2);
    const state = await callRoute(versionsPage.loader, `${base()}/versions`, {
      userId: t.demo.userIds.viewer,
      params: params(),
    });
    const v2 = (state.data as VersionsData).versions.find((v) => v.number === 2)!;
    await decideRevision(t.db, t.user("board"), t.demo.planId, t.demo.agreementId, v2.id, {
      decision: "approve",
      meetingDate: "2026-11-20",
      note: "Godkendt på bestyrelsesmødet",
    });

    const history = await callRoute(versionsPage.loader, `${base()}/versions`, {
      userId: t.demo.userIds.viewer,
      params: params(),
    });
    expect(history.status).toBe(200);
    const { versions } = history.data as VersionsData;
    expect(versions.map((v) => [v.number, v.status, v.label])).toEqual([
      [2, "approved", "Version 2, godkendt 20. november 2026"],
      [1, "withdrawn", "Version 1, trukket tilbage"],
    ]);
    expect(versions[0]).toMatchObject({
      summary: "Problemkomplekset er rettet",
      submittedBy: "Mette Lykke",
      decidedBy: "Karim Dahl",
      meetingDate: "2026-11-20",
      decisionNote: "Godkendt på bestyrelsesmødet",
    });

    const page = await loadAgreement(t.demo.userIds.viewer);
    expect(page.revision.current?.label).toBe("Version 2, godkendt 20. november 2026");
    expect(page.revision.nextDue).toBe("2027-11-20");
    expect(page.revision.active).toBeNull();
    expect(page.editBase).toBeNull(); // a viewer never edits

    const shown = await callRoute(versionPage.loader, `${base()}/versions/1`, {
      userId: t.demo.userIds.viewer,
      params: { ...params(), number: "1" },
    });
    expect(shown.status).toBe(200);
    const v1 = shown.data as VersionData;
    expect(v1.label).toBe("Version 1, trukket tilbage");
    expect(v1.view.statusLabel).toBe("Version 1, trukket tilbage");
    expect(v1.view.title).toBe("Delaftale for indsatsområdet Sammenhængskraft og medborgerskab");

    const missing = await callRoute(versionPage.loader, `${base()}/versions/9`, {
      userId: t.demo.userIds.viewer,
      params: { ...params(), number: "9" },
    });
    expect(missing.status).toBe(404);
  });

  it("downloads a version as Word with its label in the header and its number in the name", async () => {
    const download = async (number: number) => {
      const url = `${base()}/versions/${number}/document.docx`;
      const response = await versionDocx.loader({
        request: await buildRequest(url, { userId: t.demo.userIds.board }),
        params: { ...params(), number: String(number) },
        context: {},
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(DOCX_TYPE);
      const disposition = response.headers.get("Content-Disposition")!;
      return {
        fileName: decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!),
        buffer: Buffer.from(await response.arrayBuffer()),
      };
    };
    const v1 = await download(1);
    expect(v1.fileName).toBe(
      "Delaftale - Helhedsplan Strandengen og Solsikkeparken - Sammenhængskraft og medborgerskab - version 1.docx",
    );
    expect(headerText(v1.buffer)).toContain("Version 1, trukket tilbage");
    const v1Text = documentText(v1.buffer);
    expect(v1Text).toContain("Delaftale for indsatsområdet Sammenhængskraft og medborgerskab");
    expect(v1Text).not.toContain("Rettet efter tilbagetrækningen.");

    const v2 = await download(2);
    expect(v2.fileName).toMatch(/ - version 2\.docx$/);
    expect(headerText(v2.buffer)).toContain("Version 2, godkendt 20. november 2026");
    expect(documentText(v2.buffer)).toContain("Rettet efter tilbagetrækningen.");
  });

  it("answers 404 on every revision page to a user of another plan", async () => {
    const userId = t.demo.userIds.otherPlan;
    const withNumber = { ...params(), number: "1" };
    const calls = [
      callRoute(agreementPage.loader, base(), { userId, params: params() }),
      callRoute(revisionPage.loader, `${base()}/revision`, { userId, params: params() }),
      callRoute(revisionPage.action, `${base()}/revision`, {
        userId,
        params: params(),
        form: { intent: "withdraw" },
      }),
      callRoute(versionsPage.loader, `${base()}/versions`, { userId, params: params() }),
      callRoute(versionPage.loader, `${base()}/versions/1`, { userId, params: withNumber }),
      callRoute(versionDocx.loader, `${base()}/versions/1/document.docx`, {
        userId,
        params: withNumber,
      }),
      callRoute(planRevisions.loader, `/plans/${t.demo.planId}/revisions`, {
        userId,
        params: { planId: String(t.demo.planId) },
      }),
      callRoute(planRevisions.action, `/plans/${t.demo.planId}/revisions`, {
        userId,
        params: { planId: String(t.demo.planId) },
        form: { year: "2027" },
      }),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual(calls.map(() => 404));
  });

  it("starts the year's revision of all agreements of a plan and says how many", async () => {
    const planId = t.demo.otherPlanId;
    const url = `/plans/${planId}/revisions`;
    const userId = t.demo.userIds.otherPlan;
    const [area] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Beskæftigelse"));
    await createAgreement(t.db, t.user("otherPlan"), planId, {
      focusAreaId: area!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2024-07-01",
      validTo: "2028-06-30",
    });
    const bad = await callRoute(planRevisions.action, url, {
      userId,
      params: { planId: String(planId) },
      form: { year: "" },
    });
    expect(bad.status).toBe(400);
    expect((bad.data as FormFailure).errors.year).toBe("Angiv et årstal");

    const board = await callRoute(planRevisions.action, `/plans/${t.demo.planId}/revisions`, {
      userId: t.demo.userIds.board,
      params: { planId: String(t.demo.planId) },
      form: { year: "2027" },
    });
    expect(board.status).toBe(403);

    const res = await callRoute(planRevisions.action, url, {
      userId,
      params: { planId: String(planId) },
      form: { year: "2027" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/plans/${planId}`);
    expect(await flashOf(res)).toBe("Revisionen er startet for 1 delaftale.");

    const again = await callRoute(planRevisions.action, url, {
      userId,
      params: { planId: String(planId) },
      form: { year: "2027" },
    });
    expect(again.headers.get("Location")).toBe(`/plans/${planId}`);
    expect(await flashOf(again)).toBe(
      "Alle delaftaler var allerede under revision. Der er ikke startet nye.",
    );
  });

  it("loads the agreement page with a fixed number of queries, however many versions", async () => {
    const otherPlanId = t.demo.otherPlanId;
    const otherPage = await callRoute(planPage.loader, `/plans/${otherPlanId}`, {
      userId: t.demo.userIds.otherPlan,
      params: { planId: String(otherPlanId) },
    });
    const [unversioned] = (otherPage.data as PlanPageData).agreements;
    const { db, queries } = createCountingDb(t);
    setAppDbForTests({ ...t, db });
    try {
      // The other plan's agreement has no versions; the demo agreement has two.
      const res = await callRoute(agreementPage.loader, "/x", {
        userId: t.demo.userIds.otherPlan,
        params: { planId: String(otherPlanId), agreementId: String(unversioned!.id) },
      });
      expect(res.status).toBe(200);
      const without = queries.length;
      queries.length = 0;
      await loadAgreement();
      expect(queries.length).toBe(without);
    } finally {
      useTestDbForRoutes(t);
    }
  });
});
