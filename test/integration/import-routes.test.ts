/**
 * The import pages called as Remix would call them: uploading Word files (multipart, with the
 * size limit and hostile files answered beside the field, nothing created), the review's actions
 * (move an unplaced paragraph into a section, discard one, the version check, saving refused while
 * something is unplaced, saving), the original file's download, and who may do what: another
 * plan's user gets 404 and a board member 403 on every import route.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_FIXTURES } from "../fixtures/import";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { createPlan, type CreatedPlan } from "../helpers/factories";
import { flashOf } from "../helpers/flash";
import { callRoute, callRouteWith, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { DOCX_TYPE } from "~/documents.server";
import type { FormFailure } from "~/domain/form";
import { MAX_IMPORT_FILE_BYTES } from "~/import/docx-file.server";
import { IMPORT_CONFLICT_MESSAGE, IMPORT_TOO_LARGE_MESSAGE } from "~/domain/import/review";
import * as agreementPage from "~/routes/plans.$planId.agreements.$agreementId._index";
import * as reviewPage from "~/routes/plans.$planId.imports.$importId";
import * as filePage from "~/routes/plans.$planId.imports.$importId.file";
import * as importsPage from "~/routes/plans.$planId.imports._index";

type ImportsData = Awaited<ReturnType<typeof importsPage.loader>>;
type ReviewData = Awaited<ReturnType<typeof reviewPage.loader>>;
type AgreementData = Awaited<ReturnType<typeof agreementPage.loader>>;

/** A fixture with a paragraph that a reasonable importer cannot place (so the review has work). */
const FIXTURE = IMPORT_FIXTURES.find((f) => f.expectedUnplaced.length > 0) ?? IMPORT_FIXTURES[0]!;

/** Bytes that are a PDF, named .docx: what a user gets by renaming the file. */
const RENAMED_PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

describe.each(drivers)("import pages on %s", (driver) => {
  let t: TestDb;
  let plan: CreatedPlan;
  let docx: Buffer;
  let secretariat: number;
  let board: number;
  let stranger: number;

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    secretariat = t.demo.userIds.secretariat;
    board = t.demo.userIds.board;
    stranger = t.demo.userIds.otherPlan;
    plan = await createPlan(t.db, {
      name: FIXTURE.plan.name,
      roundCode: FIXTURE.fundingRound,
      periodStart: FIXTURE.plan.periodStart,
      periodEnd: FIXTURE.plan.periodEnd,
      members: { secretariat: t.user("secretariat"), board: t.user("board") },
    });
    docx = await FIXTURE.build();
  });
  afterAll(async () => {
    await t?.close();
  });

  const planParams = () => ({ planId: String(plan.id) });
  const importsUrl = () => `/plans/${plan.id}/imports`;
  const reviewParams = (importId: number) => ({ ...planParams(), importId: String(importId) });

  /** Posts files to the upload form the way a browser does (multipart/form-data). */
  async function upload(userId: number, files: { name: string; bytes: Uint8Array }[]) {
    const body = new FormData();
    for (const file of files) {
      body.append("files", new File([new Uint8Array(file.bytes)], file.name, { type: DOCX_TYPE }));
    }
    const request = new Request(`http://localhost${importsUrl()}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(userId) },
      body,
    });
    return callRouteWith(importsPage.action, request, planParams());
  }

  async function listImports(userId = secretariat) {
    const res = await callRoute(importsPage.loader, importsUrl(), { userId, params: planParams() });
    expect(res.status).toBe(200);
    return (res.data as ImportsData).imports;
  }

  async function review(importId: number) {
    const res = await callRoute(reviewPage.loader, `${importsUrl()}/${importId}`, {
      userId: secretariat,
      params: reviewParams(importId),
    });
    expect(res.status).toBe(200);
    return res.data as ReviewData;
  }

  function act(importId: number, form: Record<string, string>, userId = secretariat) {
    return callRoute(reviewPage.action, `${importsUrl()}/${importId}`, {
      userId,
      form,
      params: reviewParams(importId),
    });
  }

  /** Uploads the fixture and returns the new import's id (from the redirect to its review). */
  async function uploadFixture(): Promise<number> {
    const res = await upload(secretariat, [{ name: "delaftale.docx", bytes: docx }]);
    expect(res.status).toBe(302);
    const location = res.headers.get("Location") ?? "";
    const match = new RegExp(`^/plans/${plan.id}/imports/(\\d+)$`).exec(location);
    expect(match, location).not.toBeNull();
    return Number(match![1]);
  }

  it("answers a file that is not a .docx beside the field with 400, and creates nothing", async () => {
    const before = (await listImports()).length;
    const res = await upload(secretariat, [{ name: "referat.docx", bytes: RENAMED_PDF }]);
    expect(res.status).toBe(400);
    const failure = res.data as FormFailure;
    expect(failure.errors.files).toMatch(/referat\.docx/);
    expect(await listImports()).toHaveLength(before);
  });

  it("refuses a file over 20 MB with a Danish message, and creates nothing", async () => {
    const before = (await listImports()).length;
    const big = new Uint8Array(MAX_IMPORT_FILE_BYTES + 1);
    const res = await upload(secretariat, [{ name: "stor.docx", bytes: big }]);
    expect(res.status).toBe(413);
    expect((res.data as FormFailure).errors.files).toBe(IMPORT_TOO_LARGE_MESSAGE);
    expect(await listImports()).toHaveLength(before);
  });

  it("asks for a file when none was chosen, and answers a non-multipart post with 400", async () => {
    const none = await upload(secretariat, [{ name: "", bytes: new Uint8Array() }]);
    expect(none.status).toBe(400);
    expect((none.data as FormFailure).errors.files).toMatch(/Vælg/);
    const urlencoded = await callRoute(importsPage.action, importsUrl(), {
      userId: secretariat,
      form: { files: "x" },
      params: planParams(),
    });
    expect(urlencoded.status).toBe(400);
  });

  it("keeps another plan's users out (404) and the board out (403) of every import route", async () => {
    const importId = await uploadFixture();
    const url = `${importsUrl()}/${importId}`;
    for (const [userId, status] of [
      [stranger, 404],
      [board, 403],
    ] as const) {
      const calls = [
        await callRoute(importsPage.loader, importsUrl(), { userId, params: planParams() }),
        await upload(userId, [{ name: "delaftale.docx", bytes: docx }]),
        await callRoute(reviewPage.loader, url, { userId, params: reviewParams(importId) }),
        await act(importId, { intent: "discard-import", version: "1" }, userId),
        await callRoute(filePage.loader, `${url}/file`, { userId, params: reviewParams(importId) }),
      ];
      expect(calls.map((c) => c.status)).toEqual(calls.map(() => status));
    }
    // Nothing the others tried changed the import.
    const after = await review(importId);
    expect(after.status).toBe("review");
    expect(after.version).toBe(1);
  });

  it("gives back the original file byte for byte as a Word download", async () => {
    const importId = await uploadFixture();
    const request = new Request(`http://localhost${importsUrl()}/${importId}/file`, {
      headers: { Cookie: await cookieFor(secretariat) },
    });
    const response = (await filePage.loader({
      request,
      params: reviewParams(importId),
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(DOCX_TYPE);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; .*delaftale\.docx/);
    expect(Buffer.from(await response.arrayBuffer()).equals(docx)).toBe(true);
  });

  it("moves an unplaced paragraph into a section, refuses stale and premature saves, then saves", async () => {
    const importId = await uploadFixture();
    let data = await review(importId);
    expect(data.status).toBe("review");
    expect(data.unplaced.length).toBeGreaterThan(0);
    expect(data.unplaced.map((b) => b.text)).toEqual(
      expect.arrayContaining(FIXTURE.expectedUnplaced),
    );
    const [first, ...rest] = data.unplaced;

    // The review's list and summary.
    const listed = (await listImports()).find((i) => i.id === importId);
    expect(listed?.unplacedCount).toBe(data.unplaced.length);

    // Saving with text still unplaced is refused beside the button.
    const premature = await act(importId, { intent: "save", version: String(data.version) });
    expect(premature.status).toBe(400);
    expect((premature.data as FormFailure).errors.unplaced).toMatch(/Placér eller kassér/);

    // A target the select does not offer is a 400 beside the select.
    const badTarget = await act(importId, {
      intent: "place",
      version: String(data.version),
      block: String(first!.index),
      target: "nowhere",
    });
    expect(badTarget.status).toBe(400);
    expect((badTarget.data as FormFailure).errors.target).toBeTruthy();

    // Move the first piece into the problem statement.
    const placed = await act(importId, {
      intent: "place",
      version: String(data.version),
      block: String(first!.index),
      target: "problem",
    });
    expect(placed.status).toBe(302);
    expect(await flashOf(placed)).toBe("Teksten er placeret i udkastet.");
    const staleVersion = String(data.version);
    data = await review(importId);
    expect(data.unplaced.map((b) => b.index)).not.toContain(first!.index);
    expect(data.bySection.problem?.map((b) => b.index)).toContain(first!.index);
    expect(JSON.stringify(data.view.problemStatement)).toContain(first!.text.split("\n")[0]);

    // A form loaded before that move is stale: nothing changes, the conflict message is shown.
    const stale = await act(importId, {
      intent: "discard-import",
      version: staleVersion,
    });
    expect(stale.status).toBe(409);
    expect((stale.data as FormFailure).formError).toBe(IMPORT_CONFLICT_MESSAGE);
    expect((await review(importId)).status).toBe("review");

    // Discard anything else explicitly (the fixture's expected unplaced text is the one moved).
    for (const block of rest) {
      const res = await act(importId, {
        intent: "discard-block",
        version: String(data.version),
        block: String(block.index),
      });
      expect(res.status).toBe(302);
      data = await review(importId);
    }
    expect(data.unplaced).toEqual([]);
    expect(data.discarded.map((b) => b.index)).toEqual(rest.map((b) => b.index));

    // The focus area: the fixture's, matched from the title or chosen here.
    const area = data.focusArea.options.find((o) => o.name === FIXTURE.plan.focusAreaName);
    expect(area).toBeDefined();
    if (data.focusArea.chosenId !== area!.id) {
      const chosen = await act(importId, {
        intent: "focus-area",
        version: String(data.version),
        focusAreaId: String(area!.id),
      });
      expect(chosen.status).toBe(302);
      expect(await flashOf(chosen)).toBe("Indsatsområdet er valgt.");
      data = await review(importId);
    }
    expect(data.focusArea.chosenId).toBe(area!.id);

    const saved = await act(importId, { intent: "save", version: String(data.version) });
    expect(saved.status).toBe(302);
    const location = saved.headers.get("Location") ?? "";
    const match = new RegExp(`^/plans/${plan.id}/agreements/(\\d+)$`).exec(location);
    expect(match, location).not.toBeNull();
    expect(await flashOf(saved)).toBe("Importen er gemt som udkast til delaftale.");
    const agreementId = match![1]!;
    const agreement = await callRoute(
      agreementPage.loader,
      `/plans/${plan.id}/agreements/${agreementId}`,
      { userId: secretariat, params: { planId: String(plan.id), agreementId } },
    );
    expect(agreement.status).toBe(200);
    const page = agreement.data as AgreementData;
    expect(page.view.focusArea).toBe(FIXTURE.plan.focusAreaName);
    expect(JSON.stringify(page.view.problemStatement)).toContain(first!.text.split("\n")[0]);

    // The import is done: listed as saved, and its review takes no more actions.
    expect((await listImports()).find((i) => i.id === importId)?.status).toBe("saved");
    expect((await review(importId)).status).toBe("saved");
    const again = await act(importId, { intent: "save", version: String(data.version + 10) });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
  });

  it("discards an unplaced paragraph explicitly, and shows it as discarded with the time", async () => {
    const importId = await uploadFixture();
    const data = await review(importId);
    const block = data.unplaced[0]!;
    const res = await act(importId, {
      intent: "discard-block",
      version: String(data.version),
      block: String(block.index),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${importsUrl()}/${importId}#unplaced`);
    expect(await flashOf(res)).toBe("Teksten er kasseret.");
    const after = await review(importId);
    expect(after.unplaced.map((b) => b.index)).not.toContain(block.index);
    const discarded = after.discarded.find((b) => b.index === block.index);
    expect(discarded?.text).toBe(block.text);
    expect(Number.isNaN(Date.parse(discarded!.at))).toBe(false);
    expect(after.coverage.discardedWords).toBeGreaterThan(0);
    expect((await listImports()).find((i) => i.id === importId)?.unplacedCount).toBe(
      data.unplaced.length - 1,
    );
  });

  it("discards a whole import: listed as discarded, no agreement", async () => {
    const importId = await uploadFixture();
    const data = await review(importId);
    const res = await act(importId, { intent: "discard-import", version: String(data.version) });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(importsUrl());
    const listed = (await listImports()).find((i) => i.id === importId);
    expect(listed?.status).toBe("discarded");
    expect(listed?.agreementId).toBeNull();
  });

  it("takes several files at once and lists them", async () => {
    const before = (await listImports()).length;
    const res = await upload(secretariat, [
      { name: "a.docx", bytes: docx },
      { name: "b.docx", bytes: docx },
    ]);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${importsUrl()}#imports-title`);
    expect(await flashOf(res)).toBe(
      "2 filer er læst. Gennemse hver import nedenfor, før den gemmes som delaftale.",
    );
    const names = (await listImports()).map((i) => i.fileName);
    expect(names).toHaveLength(before + 2);
    expect(names).toEqual(expect.arrayContaining(["a.docx", "b.docx"]));
  });
});
