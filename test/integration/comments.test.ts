/**
 * Comments on a draft and comment links (issue 20), on both drivers: through the pages' loaders
 * and actions as the users would post them, and through the models where the clock matters.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  agreementVersions,
  auditEvents,
  commentLinks,
  comments,
  focusAreas,
  notifications,
} from "../../db/schema";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import type { CommentFormFailure } from "~/components/comments/failure";
import type { CommentThreadView } from "~/domain/comments";
import { openCommentsLabel } from "~/domain/comments";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";
import { renderAgreementVersionDocx } from "~/documents.server";
import { redactSecretPath } from "~/log-redaction";
import { createAgreement } from "~/models/agreements/create.server";
import {
  createCommentLink,
  hashCommentToken,
  linkForToken,
  revokeCommentLink,
} from "~/models/comment-links.server";
import {
  addComment,
  getReviewComments,
  getVersionComments,
  listOpenThreads,
  setThreadStatus,
} from "~/models/comments.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors.server";
import { decideRevision, submitRevision } from "~/models/revisions.server";
import * as agreementPage from "~/routes/plans.$planId.agreements.$agreementId._index";
import * as linksPage from "~/routes/plans.$planId.agreements.$agreementId.comment-links";
import * as linkPage from "~/routes/kommentar.$token";

type PageData = { comments: CommentThreadView[] };

describe.each(drivers)("comments on %s", (driver) => {
  let t: TestDb;
  let planId: number;
  let agreementId: number;
  let page: string;
  let params: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    planId = t.demo.planId;
    agreementId = t.demo.agreementId;
    page = `/plans/${planId}/agreements/${agreementId}?index`;
    params = { planId: String(planId), agreementId: String(agreementId) };
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const post = (key: keyof TestDb["demo"]["userIds"], form: Record<string, string>) =>
    callRoute(agreementPage.action as never, page, { userId: t.demo.userIds[key], form, params });
  const load = async (key: keyof TestDb["demo"]["userIds"]) => {
    const result = await callRoute(agreementPage.loader as never, page, {
      userId: t.demo.userIds[key],
      params,
    });
    expect(result.status).toBe(200);
    return result.data as PageData;
  };
  const idFrom = (location: string | null) => Number(/#comment-(\d+)$/.exec(location ?? "")![1]);
  const notificationsOf = (key: keyof TestDb["demo"]["userIds"], kind: string) =>
    t.db
      .select({ title: notifications.title, path: notifications.path, body: notifications.body })
      .from(notifications)
      .where(and(eq(notifications.userId, t.demo.userIds[key]), eq(notifications.kind, kind)));

  let threadId = 0;

  it("lets a viewer comment on a section; the secretariat is notified, the author is not", async () => {
    const result = await post("viewer", {
      intent: "comment",
      section: "problem",
      body: "Mangler der ikke tal for ledigheden i afsnittet?",
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toMatch(
      new RegExp(`^/plans/${planId}/agreements/${agreementId}#comment-\\d+$`),
    );
    threadId = idFrom(result.headers.get("Location"));

    const data = await load("secretariat");
    expect(data.comments).toHaveLength(1);
    expect(data.comments[0]).toMatchObject({
      id: threadId,
      section: "problem",
      authorName: "Jonas Vestergaard",
      status: "open",
      body: "Mangler der ikke tal for ledigheden i afsnittet?",
    });
    const [stored] = await t.db.select().from(comments).where(eq(comments.id, threadId));
    // The first draft: no revision yet.
    expect(stored!.revisionId).toBeNull();

    const toSecretariat = await notificationsOf("secretariat", "comment_added");
    expect(toSecretariat).toHaveLength(1);
    expect(toSecretariat[0]!.path).toBe(
      `/plans/${planId}/agreements/${agreementId}#comment-${threadId}`,
    );
    expect(toSecretariat[0]!.title).toContain("Problemkompleks");
    expect(await notificationsOf("viewer", "comment_added")).toHaveLength(0);
    expect(await notificationsOf("board", "comment_added")).toHaveLength(0);

    const [audit] = await t.db
      .select({ action: auditEvents.action, userId: auditEvents.userId })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityType, "comment"), eq(auditEvents.entityId, String(threadId))),
      );
    expect(audit).toEqual({ action: "comment.add", userId: t.demo.userIds.viewer });
  });

  it("answers an empty comment with a Danish message beside the field and keeps the input", async () => {
    const result = await post("board", { intent: "comment", section: "purpose", body: "   " });
    expect(result.status).toBe(400);
    const failure = result.data as CommentFormFailure;
    expect(failure.commentForm).toBe("new-purpose");
    expect(failure.errors.body).toBe("Skriv en kommentar");
    expect(failure.values.body).toBe("   ");

    const wrongSection = await post("board", { intent: "comment", section: "x", body: "Hej" });
    expect(wrongSection.status).toBe(400);
    expect((wrongSection.data as CommentFormFailure).errors.section).toBeTruthy();
  });

  it("attaches a reply to a reply to the thread and notifies the thread's writers", async () => {
    const first = await post("secretariat", {
      intent: "reply",
      parentId: String(threadId),
      body: "Godt set – vi tilføjer tallene fra kommunen.",
    });
    expect(first.status).toBe(302);
    const firstId = idFrom(first.headers.get("Location"));
    // The viewer wrote the thread: they hear about the answer; the secretariat (actor) does not.
    expect(await notificationsOf("viewer", "comment_reply")).toHaveLength(1);
    expect(await notificationsOf("secretariat", "comment_reply")).toHaveLength(0);

    const second = await post("reporter", {
      intent: "reply",
      parentId: String(firstId),
      body: "Jeg kan levere tallene.",
    });
    expect(second.status).toBe(302);
    const [stored] = await t.db
      .select({ parentId: comments.parentId, section: comments.section })
      .from(comments)
      .where(eq(comments.id, idFrom(second.headers.get("Location"))));
    expect(stored).toEqual({ parentId: threadId, section: "problem" });
    expect(await notificationsOf("viewer", "comment_reply")).toHaveLength(2);
    expect(await notificationsOf("secretariat", "comment_reply")).toHaveLength(1);
    expect(await notificationsOf("reporter", "comment_reply")).toHaveLength(0);

    const data = await load("viewer");
    expect(data.comments[0]!.replies.map((r) => r.body)).toEqual([
      "Godt set – vi tilføjer tallene fra kommunen.",
      "Jeg kan levere tallene.",
    ]);
  });

  it("refuses a member of another plan (404) and a reporter who resolves (403)", async () => {
    expect(
      (await post("otherPlan", { intent: "comment", section: "problem", body: "x" })).status,
    ).toBe(404);
    const other = await callRoute(agreementPage.loader as never, page, {
      userId: t.demo.userIds.otherPlan,
      params,
    });
    expect(other.status).toBe(404);
    const resolve = await post("reporter", {
      intent: "resolve",
      commentId: String(threadId),
      version: "1",
    });
    expect(resolve.status).toBe(403);
    const [stored] = await t.db.select().from(comments).where(eq(comments.id, threadId));
    expect(stored!.status).toBe("open");
  });

  it("resolves once: a concurrent resolve of the same version answers 409 and says so; reopens", async () => {
    const form = { intent: "resolve", commentId: String(threadId), version: "1" };
    const first = await post("secretariat", form);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toMatch(new RegExp(`#comment-${threadId}$`));
    const second = await post("admin", form);
    expect(second.status).toBe(409);
    const failure = second.data as CommentFormFailure;
    expect(failure.commentForm).toBe(`status-${threadId}`);
    expect(failure.formError).toMatch(/ændret af en anden/);

    expect((await load("secretariat")).comments).toHaveLength(0);

    const reopen = await post("secretariat", {
      intent: "reopen",
      commentId: String(threadId),
      version: "2",
    });
    expect(reopen.status).toBe(302);
    expect((await load("viewer")).comments.map((c) => c.id)).toEqual([threadId]);
    await expect(
      setThreadStatus(
        t.db,
        t.user("secretariat"),
        planId,
        agreementId,
        {
          commentId: threadId,
          version: 2,
        },
        "resolved",
      ),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets only one of two simultaneous resolves of the same version through", async () => {
    const { id } = await addComment(
      t.db,
      { kind: "user", user: t.user("reporter") },
      planId,
      agreementId,
      { section: "staff", activityId: null, body: "Hvor mange timer er der afsat?" },
    );
    const both = await Promise.allSettled(
      [t.user("secretariat"), t.user("admin")].map((user) =>
        setThreadStatus(t.db, user, planId, agreementId, { commentId: id, version: 1 }, "resolved"),
      ),
    );
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    const [stored] = await t.db.select().from(comments).where(eq(comments.id, id));
    expect(stored).toMatchObject({ status: "resolved", version: 2 });
  });

  it("counts open threads and lists them in one query, however many", async () => {
    const { db, queries } = createCountingDb(t);
    await listOpenThreads(db, agreementId);
    const withOne = queries.length;
    const [activity] = await t.db
      .select({ id: activities.id, name: activities.name })
      .from(activities)
      .where(eq(activities.agreementId, agreementId))
      .limit(1);
    for (const section of ["purpose", "criteria", "financing"] as const) {
      const { id } = await addComment(
        t.db,
        { kind: "user", user: t.user("board") },
        planId,
        agreementId,
        {
          section,
          activityId: null,
          body: `Spørgsmål til ${section}`,
        },
      );
      await post("viewer", { intent: "reply", parentId: String(id), body: "Enig." });
    }
    const onActivity = await post("board", {
      intent: "comment",
      section: "activities",
      activityId: String(activity!.id),
      body: "Hvem står for aktiviteten?",
    });
    expect(onActivity.status).toBe(302);
    queries.length = 0;
    const threads = await listOpenThreads(db, agreementId);
    expect(queries.length).toBe(withOne);
    expect(withOne).toBe(1);
    expect(threads).toHaveLength(5);
    expect(threads.find((th) => th.activityId === activity!.id)?.activityName).toBe(activity!.name);
    expect(openCommentsLabel(threads.length)).toBe("5 åbne kommentarer");
    expect(openCommentsLabel(1)).toBe("1 åben kommentar");
  });

  it("keeps comments with the revision (review and version pages), never in the version's snapshot or Word", async () => {
    const secretariat = t.user("secretariat");
    // Resolve one thread first: the review shows resolved threads too.
    await setThreadStatus(
      t.db,
      secretariat,
      planId,
      agreementId,
      { commentId: threadId, version: 3 },
      "resolved",
    );
    const v1 = await submitRevision(t.db, secretariat, planId, agreementId, {
      summary: "Første version",
      recommendation: null,
    });
    // A comment while the version awaits the board is kept with the submitted revision.
    const during = await addComment(
      t.db,
      { kind: "user", user: t.user("board") },
      planId,
      agreementId,
      {
        section: "clauses",
        activityId: null,
        body: "Bestyrelsen vil gerne drøfte revisionsklausulen.",
      },
    );
    const review = await getReviewComments(t.db, t.user("board"), planId, agreementId);
    expect(review.map((c) => c.id)).toContain(threadId);
    expect(review.map((c) => c.id)).toContain(during.id);
    expect(review.find((c) => c.id === threadId)!.status).toBe("resolved");
    expect(review.find((c) => c.id === threadId)!.resolvedByName).toBe("Mette Lykke");
    expect(review).toHaveLength(7);

    await decideRevision(t.db, t.user("board"), planId, agreementId, v1.id, {
      decision: "approve",
      meetingDate: "2026-11-20",
      note: null,
    });
    const history = await getVersionComments(t.db, t.user("viewer"), planId, agreementId, 1);
    expect(history.map((c) => c.id).sort()).toEqual(review.map((c) => c.id).sort());
    await expect(
      getVersionComments(t.db, t.user("otherPlan"), planId, agreementId, 1),
    ).rejects.toBeInstanceOf(NotFoundError);

    const [version] = await t.db
      .select({ snapshot: agreementVersions.snapshot })
      .from(agreementVersions)
      .where(and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.number, 1)));
    const snapshot = JSON.stringify(version!.snapshot);
    expect(snapshot).not.toContain("ledigheden");
    expect(snapshot).not.toContain("revisionsklausulen");
    const { buffer } = await renderAgreementVersionDocx(t.db, secretariat, planId, agreementId, 1);
    const doc = readDocxBuffer(buffer);
    expect(doc.text).toContain("Problemkompleks");
    for (const part of doc.files.values()) {
      expect(part).not.toContain("ledigheden");
      expect(part).not.toContain("Jonas Vestergaard");
    }
    // After the approval, with no revision in progress, the draft's open threads still show.
    expect((await load("secretariat")).comments.map((c) => c.id)).toContain(during.id);
  });

  describe("comment links", () => {
    const linkUrl = (token: string) => `/kommentar/${token}`;
    const getLink = (token: string) =>
      callRoute(linkPage.loader as never, linkUrl(token), { params: { token } });
    const postLink = (token: string, form: Record<string, string>) =>
      callRoute(linkPage.action as never, linkUrl(token), { params: { token }, form });

    it("lets only the secretariat make links (403 for the board, 404 for another plan)", async () => {
      const form = { intent: "create", name: "Birgit fra arbejdsgruppen", email: "", days: "30" };
      const asBoard = await callRoute(
        linksPage.action as never,
        `/plans/${planId}/agreements/${agreementId}/comment-links`,
        {
          userId: t.demo.userIds.board,
          params,
          form,
        },
      );
      expect(asBoard.status).toBe(403);
      const asOther = await callRoute(
        linksPage.loader as never,
        `/plans/${planId}/agreements/${agreementId}/comment-links`,
        {
          userId: t.demo.userIds.otherPlan,
          params,
        },
      );
      expect(asOther.status).toBe(404);
      const tooLong = await callRoute(
        linksPage.action as never,
        `/plans/${planId}/agreements/${agreementId}/comment-links`,
        {
          userId: t.demo.userIds.secretariat,
          params,
          form: { ...form, days: "181" },
        },
      );
      expect(tooLong.status).toBe(400);
      expect((tooLong.data as { errors: Record<string, string> }).errors.days).toBe(
        "Et link kan højst gælde i 180 dage",
      );
    });

    it("shows the link once, stores only its hash, and lets its holder read the draft and comment", async () => {
      const made = await callRoute(
        linksPage.action as never,
        `/plans/${planId}/agreements/${agreementId}/comment-links`,
        {
          userId: t.demo.userIds.secretariat,
          params,
          form: { intent: "create", name: "Birgit Holm", email: "birgit@example.org", days: "" },
        },
      );
      expect(made.status).toBe(200);
      expect(made.headers.get("Cache-Control")).toBe("no-store");
      const url = (made.data as { created: { url: string } }).created.url;
      const token = url.split("/kommentar/")[1]!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const stored = await t.db
        .select()
        .from(commentLinks)
        .where(eq(commentLinks.name, "Birgit Holm"));
      expect(stored).toHaveLength(1);
      expect(stored[0]!.tokenSha256).toBe(hashCommentToken(token));
      expect(JSON.stringify(stored)).not.toContain(token);
      const audits = await t.db
        .select({ after: auditEvents.after })
        .from(auditEvents)
        .where(eq(auditEvents.action, "comment_link.create"));
      expect(JSON.stringify(audits)).not.toContain(token);
      expect(JSON.stringify(audits)).not.toContain(hashCommentToken(token));
      // 30 days by default.
      const days = (stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()) / 86_400_000;
      expect(days).toBe(30);
      // The list never shows it again.
      const list = await callRoute(
        linksPage.loader as never,
        `/plans/${planId}/agreements/${agreementId}/comment-links`,
        {
          userId: t.demo.userIds.secretariat,
          params,
        },
      );
      expect(JSON.stringify(list.data)).not.toContain(token);
      expect((list.data as { links: { name: string }[] }).links[0]!.name).toBe("Birgit Holm");

      const shown = await getLink(token);
      expect(shown.status).toBe(200);
      const data = shown.data as {
        name: string;
        view: { id: number };
        threads: CommentThreadView[];
      };
      expect(data.name).toBe("Birgit Holm");
      expect(data.view.id).toBe(agreementId);
      const headers = linkPage.headers({} as never);
      expect(new Headers(headers).get("X-Robots-Tag")).toContain("noindex");
      expect(new Headers(headers).get("Referrer-Policy")).toBe("no-referrer");

      const before = (await notificationsOf("secretariat", "comment_added")).length;
      const commented = await postLink(token, {
        intent: "comment",
        section: "activities",
        body: "Kan vi også holde åbent om lørdagen?",
      });
      expect(commented.status).toBe(302);
      expect(commented.headers.get("Location")).toMatch(
        /^\/kommentar\/[A-Za-z0-9_-]{43}#comment-\d+$/,
      );
      const id = idFrom(commented.headers.get("Location"));
      const [comment] = await t.db.select().from(comments).where(eq(comments.id, id));
      expect(comment).toMatchObject({
        authorName: "Birgit Holm",
        authorUserId: null,
        authorLinkId: stored[0]!.id,
      });
      expect(await notificationsOf("secretariat", "comment_added")).toHaveLength(before + 1);
      const thread = (await load("secretariat")).comments.find((c) => c.id === id)!;
      expect(thread.viaLink).toBe(true);

      // A reply by the holder; resolving is not theirs to do.
      expect(
        (await postLink(token, { intent: "reply", parentId: String(id), body: "Tak!" })).status,
      ).toBe(302);
      expect(
        (await postLink(token, { intent: "resolve", commentId: String(id), version: "1" })).status,
      ).toBe(403);
      expect(await linkForToken(t.db, token)).not.toBeNull();
      const [used] = await t.db
        .select({ lastUsedAt: commentLinks.lastUsedAt })
        .from(commentLinks)
        .where(eq(commentLinks.id, stored[0]!.id));
      expect(used!.lastUsedAt).not.toBeNull();

      // Revoked: the same 404 as an unknown token.
      await callRoute(
        linksPage.action as never,
        `/plans/${planId}/agreements/${agreementId}/comment-links`,
        {
          userId: t.demo.userIds.secretariat,
          params,
          form: { intent: "revoke", linkId: String(stored[0]!.id) },
        },
      );
      expect((await getLink(token)).status).toBe(404);
      expect(
        (await postLink(token, { intent: "comment", section: "basics", body: "x" })).status,
      ).toBe(404);
      expect((await getLink("A".repeat(43))).status).toBe(404);
      expect((await getLink("kort")).status).toBe(404);
    });

    it("answers 404 for an expired link", async () => {
      const longAgo = new Date(Date.now() - 40 * 86_400_000);
      const { token } = await createCommentLink(
        t.db,
        t.user("secretariat"),
        planId,
        agreementId,
        {
          name: "Udløbet",
          email: null,
          days: 30,
        },
        longAgo,
      );
      expect((await getLink(token)).status).toBe(404);
      // Valid at a time before it expired (the model's clock).
      expect(
        await linkForToken(t.db, token, new Date(longAgo.getTime() + 86_400_000)),
      ).not.toBeNull();
      expect(
        await linkForToken(t.db, token, new Date(longAgo.getTime() + 31 * 86_400_000)),
      ).toBeNull();
    });

    it("never reaches another agreement or plan through a link", async () => {
      const [area] = await t.db
        .select({ id: focusAreas.id })
        .from(focusAreas)
        .where(eq(focusAreas.name, "Beskæftigelse"));
      const other = await createAgreement(t.db, t.user("otherPlan"), t.demo.otherPlanId, {
        focusAreaId: area!.id,
        openingText: OPENING_CLAUSE_DEFAULTS["2018"],
        validFrom: "2024-07-01",
        validTo: "2028-06-30",
      });
      const secret = await addComment(
        t.db,
        { kind: "user", user: t.user("otherPlan") },
        t.demo.otherPlanId,
        other.id,
        { section: "problem", activityId: null, body: "Mølleåsens interne note" },
      );
      const { token } = await createCommentLink(t.db, t.user("secretariat"), planId, agreementId, {
        name: "Karen",
        email: null,
        days: 10,
      });
      const shown = await getLink(token);
      expect(JSON.stringify(shown.data)).not.toContain("Mølleåsens interne note");
      // Replying to another agreement's comment through the link: 404, nothing stored.
      const reply = await postLink(token, {
        intent: "reply",
        parentId: String(secret.id),
        body: "Kigger med",
      });
      expect(reply.status).toBe(404);
      const [{ n }] = (await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(comments)
        .where(eq(comments.parentId, secret.id))) as [{ n: number }];
      expect(n).toBe(0);
      // Another agreement's activity: refused beside the field.
      const foreignActivity = await postLink(token, {
        intent: "comment",
        section: "activities",
        activityId: String(2_000_000),
        body: "x",
      });
      expect(foreignActivity.status).toBe(400);
      // The token is no session: the app's pages still ask for a login.
      const app = await callRoute(agreementPage.loader as never, `${page}&token=${token}`, {
        params,
      });
      expect(app.status).toBe(302);
      expect(app.headers.get("Location")).toMatch(/^\/login/);
      // A link of another agreement's secretariat cannot be revoked from this plan.
      await expect(
        revokeCommentLink(t.db, t.user("otherPlan"), planId, agreementId, 1),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        createCommentLink(t.db, t.user("reporter"), planId, agreementId, {
          name: "x",
          email: null,
          days: 1,
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("keeps the token out of the server's log lines", () => {
      expect(redactSecretPath("/kommentar/abcDEF_-123")).toBe("/kommentar/[redacted]");
      expect(redactSecretPath("/kommentar/abcDEF_-123.data")).toBe("/kommentar/[redacted]");
      expect(redactSecretPath("/plans/1/agreements/2/comment-links")).toBe(
        "/plans/1/agreements/2/comment-links",
      );
    });
  });
});
