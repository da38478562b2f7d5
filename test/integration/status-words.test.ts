/**
 * One set of status words (issue 19, item 7), as users see them: the plan page's agreement table
 * shows each agreement's real state (Udkast, Til beslutning, Godkendt, Afvist, Udkast til the next
 * version) computed in the list's one query; the agreement page's badge and its Word document say
 * the same; a progress report's draft is an "Udkast" on its page and in its Word document.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { createAgreement, createPlan, type CreatedPlan } from "../helpers/factories";
import { buildRequest, callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { SessionUser } from "~/domain/user";
import { getPlanAgreements } from "~/models/agreements/read.server";
import { saveProblemStatement } from "~/models/agreements/sections.server";
import { parseRichText } from "~/domain/rich-text";
import { decideRevision, startRevision, submitRevision } from "~/models/revisions.server";
import * as planPage from "~/routes/plans.$planId._index";
import * as agreementPage from "~/routes/plans.$planId.agreements.$agreementId._index";
import * as agreementDocx from "~/routes/plans.$planId.agreements.$agreementId.document[.]docx";
import * as planDocx from "~/routes/plans.$planId.agreements[.]docx";
import * as reportDocx from "~/routes/plans.$planId.reports.$year.report[.]docx";

type PlanPageData = Awaited<ReturnType<typeof planPage.loader>>;
type AgreementPageData = Awaited<ReturnType<typeof agreementPage.loader>>;

describe.each(drivers)("status words on %s", (driver) => {
  let t: TestDb;
  let plan: CreatedPlan;
  let secretariat: SessionUser;
  let board: SessionUser;
  let viewer: SessionUser;
  /** The plan's four agreements by the state they are brought to. */
  const ids = { draft: 0, submitted: 0, approved: 0, rejected: 0 };

  const submit = (agreementId: number, summary: string) =>
    submitRevision(t.db, secretariat, plan.id, agreementId, { summary, recommendation: null });
  const decide = (
    agreementId: number,
    versionId: number,
    decision: "approve" | "reject",
    meetingDate: string,
  ) =>
    decideRevision(t.db, board, plan.id, agreementId, versionId, {
      decision,
      meetingDate,
      note: decision === "reject" ? "Budgettet skal rettes" : null,
    });

  const loadPlanPage = async (userId = viewer.id) => {
    const res = await callRoute(planPage.loader, `/plans/${plan.id}`, {
      userId,
      params: { planId: String(plan.id) },
    });
    return res;
  };
  const statusColumn = async () => {
    const res = await loadPlanPage();
    expect(res.status).toBe(200);
    const { agreements } = res.data as PlanPageData;
    return Object.fromEntries(agreements.map((a) => [a.id, a.status.label]));
  };
  const agreementParams = (agreementId: number) => ({
    planId: String(plan.id),
    agreementId: String(agreementId),
  });

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    plan = await createPlan(t.db, {
      periodStart: "2023-01-01",
      periodEnd: "2026-12-31",
      members: { secretariat: true, board: true, viewer: true },
    });
    secretariat = plan.members.secretariat![0]!;
    board = plan.members.board![0]!;
    viewer = plan.members.viewer![0]!;
    for (const key of ["draft", "submitted", "approved", "rejected"] as const) {
      ids[key] = (await createAgreement(t.db, plan)).id;
    }
    await submit(ids.submitted, "Første version");
    const approved = await submit(ids.approved, "Første version");
    await decide(ids.approved, approved.id, "approve", "2026-05-03");
    const first = await submit(ids.rejected, "Første version");
    await decide(ids.rejected, first.id, "approve", "2025-04-10");
    const second = await submit(ids.rejected, "Anden version");
    await decide(ids.rejected, second.id, "reject", "2026-06-02");
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A download as the viewer: the response's Word file read back as text. */
  const download = async (
    loader: (args: LoaderFunctionArgs) => Promise<Response>,
    url: string,
    params: Record<string, string>,
  ) => {
    const response = await loader({
      request: await buildRequest(url, { userId: viewer.id }),
      params,
      context: {},
    });
    expect(response.status).toBe(200);
    return readDocxBuffer(Buffer.from(await response.arrayBuffer()));
  };

  it("shows each agreement's real state in the plan page's status column", async () => {
    expect(await statusColumn()).toEqual({
      [ids.draft]: "Udkast",
      [ids.submitted]: "Til beslutning (version 1)",
      [ids.approved]: "Godkendt (version 1, 3. maj 2026)",
      [ids.rejected]: "Afvist (version 2, 2. juni 2026)",
    });
    // The rejected agreement's Word document says so in its header too.
    const doc = await download(
      agreementDocx.loader,
      `/plans/${plan.id}/agreements/${ids.rejected}/document.docx`,
      agreementParams(ids.rejected),
    );
    expect(doc.headerText).toContain("Afvist (version 2, 2. juni 2026)");
  });

  it("keeps the plan's agreement list at one query however many agreements and versions", async () => {
    const small = await createPlan(t.db, { members: { viewer } });
    await createAgreement(t.db, small);
    const { db, queries } = createCountingDb(t);
    await getPlanAgreements(db, viewer, small.id);
    const one = queries.length;
    queries.length = 0;
    const { agreements } = await getPlanAgreements(db, viewer, plan.id);
    expect(agreements).toHaveLength(4);
    expect(queries.length).toBe(one);
    // The access check and the list itself.
    expect(one).toBeLessThanOrEqual(2);
  });

  it("says «Udkast til version 2» once a revision of the approved version is drafted", async () => {
    // A saved edit after the approval is the next version's draft…
    const before = await callRoute(agreementPage.loader, `/plans/${plan.id}/agreements/x`, {
      userId: secretariat.id,
      params: agreementParams(ids.approved),
    });
    const { view } = before.data as AgreementPageData;
    expect(view.statusLabel).toBe("Godkendt (version 1, 3. maj 2026)");
    await saveProblemStatement(t.db, secretariat, plan.id, ids.approved, view.version, {
      problemStatement: parseRichText("Nye tal for området."),
    });
    expect((await statusColumn())[ids.approved]).toBe("Udkast til version 2");
    // …and so is an agreement whose year's revision has started, edited or not.
    // (The plan's four focus areas are taken: the approved-rejected one's revision is older.)
    const again = await submit(ids.rejected, "Tredje version");
    await decide(ids.rejected, again.id, "approve", "2026-09-01");
    expect((await statusColumn())[ids.rejected]).toBe("Godkendt (version 3, 1. september 2026)");
    await startRevision(t.db, secretariat, plan.id, ids.rejected, 2027);
    expect((await statusColumn())[ids.rejected]).toBe("Udkast til version 4");
  });

  it("shows the same state on the agreement page's badge and in its Word document", async () => {
    const page = await callRoute(agreementPage.loader, "/", {
      userId: viewer.id,
      params: agreementParams(ids.submitted),
    });
    expect(page.status).toBe(200);
    const data = page.data as AgreementPageData;
    expect(data.view.statusLabel).toBe("Til beslutning (version 1)");
    expect(data.state).toBe("submitted");

    const doc = await download(
      agreementDocx.loader,
      `/plans/${plan.id}/agreements/${ids.submitted}/document.docx`,
      agreementParams(ids.submitted),
    );
    expect(doc.headerText).toContain("Til beslutning (version 1)");
    expect(doc.headerText).not.toContain("Udkast");
  });

  it("writes each agreement's state in the header of the plan's Word document", async () => {
    const doc = await download(planDocx.loader, `/plans/${plan.id}/agreements.docx`, {
      planId: String(plan.id),
    });
    const labels = Object.values(await statusColumn());
    expect(labels).toContain("Til beslutning (version 1)");
    for (const label of labels) expect(doc.headerText).toContain(label);
  });

  it("calls a progress report not made final an «Udkast» in its Word document", async () => {
    const doc = await download(reportDocx.loader, `/plans/${plan.id}/reports/2025/report.docx`, {
      planId: String(plan.id),
      year: "2025",
    });
    expect(doc.headerText).toContain("Statusrapport 2025 · Udkast");
    expect(doc.text).not.toMatch(/kladde/i);
  });

  it("refuses the plan page to a user of another plan (404)", async () => {
    const res = await loadPlanPage(t.demo.userIds.otherPlan);
    expect(res.status).toBe(404);
  });
});
