/**
 * The board's review page and the tracked-changes download, called as Remix would call them: who
 * may see and decide, the decision form's replies, and the diff of a first and a second version.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { nodesOfType, textOf, type PandocAttr, type PandocNode } from "../helpers/pandoc";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import type { AgreementDiff } from "~/domain/agreement-diff";
import type { FormFailure } from "~/domain/form";
import { parseRichText } from "~/domain/rich-text";
import { DOCX_TYPE } from "~/documents.server";
import { getAgreementView } from "~/models/agreements/read.server";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { savePurpose } from "~/models/agreements/sections.server";
import { getRevisionState, startRevision, submitRevision } from "~/models/revisions.server";
import * as reviewPage from "~/routes/plans.$planId.agreements.$agreementId.review";
import * as changesDocx from "~/routes/plans.$planId.agreements.$agreementId.review.changes[.]docx";

interface ReviewData {
  review: {
    proposed: { id: number; number: number; label: string; submittedBy: string | null };
    approved: { number: number; label: string } | null;
    diff: AgreementDiff;
  } | null;
  canDecide: boolean;
}

describe.each(drivers)("review page on %s", (driver) => {
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
  const url = () => `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}/review`;
  const loadReview = async (userId: number) => {
    const res = await callRoute(reviewPage.loader, url(), { userId, params: params() });
    expect(res.status).toBe(200);
    return res.data as ReviewData;
  };
  const decide = (userId: number, form: Record<string, string>) =>
    callRoute(reviewPage.action, url(), { userId, params: params(), form });
  let v1Id = 0;

  it("says so when nothing is pending, and has no document to download", async () => {
    const data = await loadReview(t.demo.userIds.viewer);
    expect(data.review).toBeNull();
    const docx = await callRoute(changesDocx.loader, `${url()}/changes.docx`, {
      userId: t.demo.userIds.viewer,
      params: params(),
    });
    expect(docx.status).toBe(404);
  });

  it("shows a first version to every member as all added; others get 404", async () => {
    const v1 = await submitRevision(
      t.db,
      t.user("secretariat"),
      t.demo.planId,
      t.demo.agreementId,
      {
        summary: "Første version af delaftalen",
        recommendation: "Arbejdsgruppen indstiller delaftalen til godkendelse.",
      },
    );
    v1Id = v1.id;

    const data = await loadReview(t.demo.userIds.viewer);
    expect(data.canDecide).toBe(false);
    const review = data.review!;
    expect(review.proposed).toMatchObject({
      id: v1.id,
      number: 1,
      label: "Forslag til version 1",
      submittedBy: "Mette Lykke",
    });
    expect(review.approved).toBeNull();
    const { diff } = review;
    expect(diff.counts.added).toBeGreaterThan(10);
    expect(diff.counts).toMatchObject({ removed: 0, moved: 0 });
    for (const section of diff.sections) {
      if (section.kind === "text") {
        expect(section.paragraphs.every((p) => p.kind === "insert")).toBe(true);
      } else if (section.kind === "items") {
        expect(section.items.every((i) => i.kind === "added")).toBe(true);
      } else {
        // The empty baseline has the budget's total rows at 0 kr., so they change from 0.
        expect(section.rows.every((r) => !r.totalBefore)).toBe(true);
      }
    }
    expect(diff.activities.length).toBeGreaterThan(0);
    expect(diff.activities.every((a) => a.kind === "added")).toBe(true);

    expect((await loadReview(t.demo.userIds.board)).canDecide).toBe(true);
    expect((await loadReview(t.demo.userIds.admin)).canDecide).toBe(true);

    const outsider = await callRoute(reviewPage.loader, url(), {
      userId: t.demo.userIds.otherPlan,
      params: params(),
    });
    expect(outsider.status).toBe(404);
    const outsiderDocx = await callRoute(changesDocx.loader, `${url()}/changes.docx`, {
      userId: t.demo.userIds.otherPlan,
      params: params(),
    });
    expect(outsiderDocx.status).toBe(404);
  });

  it("lets only the board decide: others get 403, non-members 404", async () => {
    const form = { versionId: String(v1Id), decision: "approve", meetingDate: "2026-11-20" };
    expect((await decide(t.demo.userIds.reporter, form)).status).toBe(403);
    expect((await decide(t.demo.userIds.secretariat, form)).status).toBe(403);
    expect((await decide(t.demo.userIds.otherPlan, form)).status).toBe(404);
    // Nothing was decided.
    const state = await getRevisionState(t.db, t.user("viewer"), t.demo.planId, t.demo.agreementId);
    expect(state.proposed?.id).toBe(v1Id);
  });

  it("refuses a rejection without a note and keeps the input", async () => {
    const res = await decide(t.demo.userIds.board, {
      versionId: String(v1Id),
      decision: "reject",
      meetingDate: "2026-11-20",
      note: "  ",
    });
    expect(res.status).toBe(400);
    const body = res.data as FormFailure;
    expect(body.errors.note).toBe(
      "Skriv hvorfor forslaget afvises, så sekretariatet kan rette det",
    );
    expect(body.values).toMatchObject({
      versionId: String(v1Id),
      decision: "reject",
      meetingDate: "2026-11-20",
    });

    const missing = await decide(t.demo.userIds.board, { versionId: String(v1Id) });
    expect(missing.status).toBe(400);
    expect((missing.data as FormFailure).errors).toMatchObject({
      decision: "Vælg godkend eller afvis",
      meetingDate: "Angiv datoen for bestyrelsesmødet",
    });
  });

  it("approves: redirects to the agreement and version 1 becomes current", async () => {
    const res = await decide(t.demo.userIds.board, {
      versionId: String(v1Id),
      decision: "approve",
      meetingDate: "2026-11-20",
      note: "",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(
      `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}`,
    );
    const state = await getRevisionState(t.db, t.user("viewer"), t.demo.planId, t.demo.agreementId);
    expect(state.current?.number).toBe(1);
    expect(state.proposed).toBeNull();

    // Deciding the same proposed version again: it is no longer pending.
    const again = await decide(t.demo.userIds.board, {
      versionId: String(v1Id),
      decision: "approve",
      meetingDate: "2026-11-20",
    });
    expect(again.status).toBe(409);
    expect((again.data as FormFailure).formError).toMatch(/afventer ikke længere en beslutning/);
    expect((await loadReview(t.demo.userIds.board)).review).toBeNull();
  });

  it("shows only the changed goals of version 2, and downloads them as tracked changes", async () => {
    const secretariat = t.user("secretariat");
    const { planId, agreementId } = t.demo;
    await startRevision(t.db, secretariat, planId, agreementId, 2027);
    const { view } = await getAgreementView(t.db, secretariat, planId, agreementId);
    const record = await loadAgreementRecord(t.db, agreementId);
    await savePurpose(t.db, secretariat, planId, agreementId, record!.version, {
      purposes: view.purposes,
      goals: view.goals.map((g, i) =>
        i === 0 ? { ...g, text: g.text.replace("flere beboere", "alle beboere") } : g,
      ),
      method: view.method ?? parseRichText(""),
    });
    const v2 = await submitRevision(t.db, secretariat, planId, agreementId, {
      summary: "Første mål udvidet",
      recommendation: null,
    });

    const review = (await loadReview(t.demo.userIds.board)).review!;
    expect(review.proposed.id).toBe(v2.id);
    expect(review.approved?.label).toBe("Version 1, godkendt 20. november 2026");
    expect(review.diff.sections.filter((s) => s.changed).map((s) => s.key)).toEqual(["goals"]);
    expect(review.diff.activities.every((a) => a.kind === "unchanged" && !a.moved)).toBe(true);
    const goals = review.diff.sections.find((s) => s.key === "goals")!;
    expect(goals.kind === "text" && goals.paragraphs.map((p) => p.kind)).toContain("change");

    const response = await changesDocx.loader({
      request: new Request(`http://localhost${url()}/changes.docx`, {
        headers: { Cookie: await cookieFor(t.demo.userIds.viewer) },
      }),
      params: params(),
      context: {},
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(DOCX_TYPE);
    const disposition = response.headers.get("Content-Disposition")!;
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(
      "Helhedsplan Strandengen og Solsikkeparken - Sammenhængskraft og medborgerskab - forslag til version 2 (med ændringer).docx",
    );
    const doc = readDocxBuffer(new Uint8Array(await response.arrayBuffer()), {
      trackChanges: "all",
    });
    const tracked = (kind: string) =>
      nodesOfType(doc.ast.blocks, "Span")
        .map((span) => span.c as [PandocAttr, PandocNode[]])
        .filter(([[, classes]]) => classes.includes(kind))
        .map(([[, , attributes], inlines]) => ({
          text: textOf(inlines),
          author: new Map(attributes).get("author"),
        }));
    expect(tracked("insertion")).toContainEqual({ text: "alle", author: "Mette Lykke" });
    expect(tracked("deletion")).toContainEqual({ text: "flere", author: "Mette Lykke" });
  });
});
