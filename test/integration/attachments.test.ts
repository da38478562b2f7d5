/**
 * Plan attachments (bilag) through the routes, as the browser calls them, on both drivers:
 * uploads are multipart; a renamed .exe, an empty file and a file over 20 MB are refused beside
 * the field (400/413) with the title and kind kept and nothing stored; the list never fetches a
 * file's bytes; a download is the upload byte for byte with the right headers; the board cannot
 * upload (403) and another plan's user learns nothing (404); reorder, rename and delete work and
 * leave an audit event each.
 */
import { strToU8 } from "fflate";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, planAttachments } from "../../db/schema";
import { buildTextPdf } from "../../db/demo-attachments";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { createPlan, type CreatedPlan } from "../helpers/factories";
import { minimalDocx } from "../helpers/hostile-docx";
import { flashOf } from "../helpers/flash";
import { callRoute, callRouteWith, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { DOCX_MEDIA_TYPE, MAX_ATTACHMENT_BYTES, PDF_MEDIA_TYPE } from "~/domain/attachments";
import type { FormFailure } from "~/domain/form";
import { listPlanAttachments, type PlanAttachmentItem } from "~/models/attachments.server";
import * as filePage from "~/routes/plans.$planId.attachments.$attachmentId.file";
import * as listPage from "~/routes/plans.$planId.attachments._index";
import { httpErrorFor } from "~/route-boundary.server";

const MB = 1024 * 1024;

interface ListData {
  canEdit: boolean;
  attachments: PlanAttachmentItem[];
  done: string | null;
}

/** A Windows program: "MZ", the DOS stub, "PE". */
function windowsProgram(): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set(strToU8("MZ"));
  bytes.set(strToU8("This program cannot be run in DOS mode."), 0x4e);
  bytes.set(strToU8("PE\0\0"), 0x80);
  return bytes;
}

describe.each(drivers)("plan attachments on %s", (driver) => {
  let t: TestDb;
  let plan: CreatedPlan;
  let other: CreatedPlan;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    plan = await createPlan(t.db, {
      members: { secretariat: true, board: true, viewer: true, reporter: true },
    });
    other = await createPlan(t.db, { members: { secretariat: true } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const secretariat = () => plan.members.secretariat![0]!;
  const url = () => `/plans/${plan.id}/attachments`;
  const params = () => ({ planId: String(plan.id) });

  /** Posts the upload form as a browser does: kind and title first, then the file. */
  async function upload(
    userId: number,
    fields: { kind?: string; title?: string },
    file?: { name: string; bytes: Uint8Array; type?: string },
  ) {
    const body = new FormData();
    if (fields.kind !== undefined) body.append("kind", fields.kind);
    if (fields.title !== undefined) body.append("title", fields.title);
    body.append(
      "file",
      file
        ? new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "" })
        : new File([], "", { type: "application/octet-stream" }),
    );
    const request = new Request(`http://localhost${url()}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(userId) },
      body,
    });
    return callRouteWith(listPage.action, request, params());
  }

  async function list(userId = secretariat().id): Promise<ListData> {
    const res = await callRoute(listPage.loader, url(), { userId, params: params() });
    expect(res.status).toBe(200);
    return res.data as ListData;
  }

  function act(form: Record<string, string>, userId = secretariat().id) {
    return callRoute(listPage.action, url(), { userId, form, params: params() });
  }

  /** The download as the server answers it (a domain error becomes its status, as at the boundary). */
  async function download(attachmentId: number, userId: number, planId = plan.id) {
    const request = new Request(
      `http://localhost/plans/${planId}/attachments/${attachmentId}/file`,
      {
        headers: { Cookie: await cookieFor(userId) },
      },
    );
    try {
      return (await filePage.loader({
        request,
        params: { planId: String(planId), attachmentId: String(attachmentId) },
        context: {},
      })) as Response;
    } catch (thrown) {
      const reply = thrown instanceof Response ? thrown : httpErrorFor(thrown);
      if (reply) return reply;
      throw thrown;
    }
  }

  const stored = async () => {
    const [row] = await t.db
      .select({ n: count() })
      .from(planAttachments)
      .where(eq(planAttachments.planId, plan.id));
    return row!.n;
  };

  const idFrom = (location: string | null) => {
    const match = /#attachment-(\d+)$/.exec(location ?? "");
    expect(match, location ?? "no Location").not.toBeNull();
    return Number(match![1]);
  };

  let pdfId: number;
  let docxId: number;
  const pdf = buildTextPdf(["Beredskabsplan", "Ring 112 ved fare for liv."]);
  const docx = minimalDocx(["Kommunikationsstrategi for området"]);

  it("uploads a PDF and a .docx, lists them with kind, title, size and uploader", async () => {
    const first = await upload(
      secretariat().id,
      { kind: "preparedness_plan", title: "Beredskabsplan 2026" },
      { name: "beredskab.pdf", bytes: pdf, type: "application/pdf" },
    );
    expect(first.status).toBe(302);
    pdfId = idFrom(first.headers.get("Location"));
    expect(await flashOf(first)).toBe("Bilaget er gemt.");
    // The browser's type is not trusted: a .docx sent as "application/pdf" is still a .docx.
    const second = await upload(
      secretariat().id,
      { kind: "communication_strategy", title: "Kommunikationsstrategi" },
      { name: "strategi.pdf", bytes: docx, type: "application/pdf" },
    );
    expect(second.status).toBe(302);
    docxId = idFrom(second.headers.get("Location"));

    const data = await list(plan.members.viewer![0]!.id);
    expect(data.canEdit).toBe(false);
    expect(
      data.attachments.map((a) => [a.id, a.kindLabel, a.title, a.fileName, a.mediaType]),
    ).toEqual([
      [pdfId, "Beredskabsplan", "Beredskabsplan 2026", "beredskab.pdf", PDF_MEDIA_TYPE],
      [
        docxId,
        "Kommunikationsstrategi",
        "Kommunikationsstrategi",
        "strategi.docx",
        DOCX_MEDIA_TYPE,
      ],
    ]);
    expect(data.attachments[0]!.fileSize).toBe(pdf.byteLength);
    expect(data.attachments[0]!.uploadedByName).toBe(secretariat().name);
    expect(data.attachments[0]!.uploadedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await list()).canEdit).toBe(true);

    const [audit] = await t.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.planId, plan.id), eq(auditEvents.action, "attachment.upload")));
    expect(audit!.n).toBe(2);
  });

  it("refuses a renamed .exe, an empty file and a non-file beside the field, keeping title and kind", async () => {
    const before = await stored();
    const exe = await upload(
      secretariat().id,
      { kind: "terms_of_reference", title: "Kommissorium" },
      { name: "kommissorium.pdf", bytes: windowsProgram(), type: "application/pdf" },
    );
    expect(exe.status).toBe(400);
    const failure = exe.data as FormFailure;
    expect(failure.errors.file).toMatch(/^Filen er et program \(fx en \.exe-fil\)/);
    expect(failure.values).toMatchObject({ kind: "terms_of_reference", title: "Kommissorium" });

    const empty = await upload(
      secretariat().id,
      { kind: "other", title: "Tom" },
      { name: "tom.pdf", bytes: new Uint8Array(0) },
    );
    expect(empty.status).toBe(400);
    expect((empty.data as FormFailure).errors.file).toMatch(/^Filen er tom \(0 byte\)/);

    const text = await upload(
      secretariat().id,
      { kind: "other", title: "Noter" },
      { name: "noter.pdf", bytes: strToU8("bare tekst") },
    );
    expect(text.status).toBe(400);
    expect((text.data as FormFailure).errors.file).toMatch(/hverken en PDF-fil eller et Word/);

    const none = await upload(secretariat().id, { kind: "other", title: "Intet" });
    expect(none.status).toBe(400);
    expect((none.data as FormFailure).errors.file).toBe(
      "Vælg en PDF-fil eller et Word-dokument (.docx).",
    );

    // A missing title is said beside its field, along with the file's problem.
    const untitled = await upload(
      secretariat().id,
      { kind: "", title: " " },
      { name: "x.pdf", bytes: windowsProgram() },
    );
    expect(untitled.status).toBe(400);
    const errors = (untitled.data as FormFailure).errors;
    expect(errors.title).toBe("Skriv bilagets titel");
    expect(errors.kind).toBe("Vælg hvilken slags bilag det er");

    expect(await stored()).toBe(before);
  });

  it("refuses a file over 20 MB with 413, its size in the message, and keeps the title", async () => {
    const before = await stored();
    const big = new Uint8Array(Math.round(24.3 * MB));
    big.set(strToU8("%PDF-1.4\n"));
    big.set(strToU8("%%EOF\n"), big.length - 6);
    const res = await upload(
      secretariat().id,
      { kind: "preparedness_plan", title: "Scannet beredskabsplan" },
      { name: "scannet.pdf", bytes: big, type: "application/pdf" },
    );
    expect(res.status).toBe(413);
    const failure = res.data as FormFailure;
    expect(failure.errors.file).toBe("Filen er 24,3 MB. Den må højst være 20 MB.");
    expect(failure.values).toMatchObject({
      kind: "preparedness_plan",
      title: "Scannet beredskabsplan",
    });
    // One byte over the limit is over it.
    const justOver = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    justOver.set(strToU8("%PDF-1.4\n"));
    const over = await upload(
      secretariat().id,
      { kind: "other", title: "Lige over" },
      { name: "stor.pdf", bytes: justOver },
    );
    expect(over.status).toBe(413);
    expect(await stored()).toBe(before);
  }, 60_000);

  it("lists without fetching any file's bytes, in a fixed number of queries", async () => {
    const { db, queries } = createCountingDb(t);
    const items = await listPlanAttachments(db, secretariat(), plan.id);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(queries.length).toBeLessThanOrEqual(2); // the access check and the list
    const listQuery = queries.find((q) => /plan_attachments/.test(q))!;
    expect(listQuery).toBeDefined();
    expect(listQuery).not.toMatch(/file_data/);
  });

  it("downloads the upload byte for byte, as a download, for every member", async () => {
    for (const member of [secretariat(), plan.members.board![0]!, plan.members.viewer![0]!]) {
      const res = await download(pdfId, member.id);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      expect(res.headers.get("Content-Disposition")).toMatch(
        /^attachment; filename="beredskab\.pdf"/,
      );
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    }
    const word = await download(docxId, secretariat().id);
    expect(word.headers.get("Content-Type")).toBe(DOCX_MEDIA_TYPE);
    expect(Buffer.from(await word.arrayBuffer()).equals(Buffer.from(docx))).toBe(true);
  });

  it("lets only the secretariat change attachments: the board gets 403, another plan's user 404", async () => {
    const before = await stored();
    const board = plan.members.board![0]!.id;
    const reporter = plan.members.reporter![0]!.id;
    const outsider = other.members.secretariat![0]!.id;
    const file = { name: "b.pdf", bytes: pdf };
    expect((await upload(board, { kind: "other", title: "B" }, file)).status).toBe(403);
    expect((await upload(reporter, { kind: "other", title: "R" }, file)).status).toBe(403);
    expect((await upload(outsider, { kind: "other", title: "O" }, file)).status).toBe(404);
    expect((await act({ intent: "delete", attachmentId: String(pdfId) }, board)).status).toBe(403);
    expect(
      (await act({ intent: "move", attachmentId: String(pdfId), direction: "down" }, outsider))
        .status,
    ).toBe(404);
    expect(await stored()).toBe(before);

    // Another plan's user cannot list or download; this plan's file under the other plan is 404.
    const foreignList = await callRoute(listPage.loader, url(), {
      userId: outsider,
      params: params(),
    });
    expect(foreignList.status).toBe(404);
    const foreignFile = await download(pdfId, outsider);
    expect(foreignFile.status).toBe(404);
    const crossed = await download(pdfId, outsider, other.id);
    expect(crossed.status).toBe(404);
  });

  it("reorders, renames and deletes, each with an audit event", async () => {
    const order = async () => (await list()).attachments.map((a) => a.id);
    expect(await order()).toEqual([pdfId, docxId]);
    const down = await act({ intent: "move", attachmentId: String(pdfId), direction: "down" });
    expect(down.status).toBe(302);
    expect(down.headers.get("Location")).toBe(`/plans/${plan.id}/attachments#attachment-${pdfId}`);
    expect(await flashOf(down)).toBe("Rækkefølgen er ændret.");
    expect(await order()).toEqual([docxId, pdfId]);
    // Moving the last one further down changes nothing.
    await act({ intent: "move", attachmentId: String(pdfId), direction: "down" });
    expect(await order()).toEqual([docxId, pdfId]);
    await act({ intent: "move", attachmentId: String(pdfId), direction: "up" });
    expect(await order()).toEqual([pdfId, docxId]);

    const loaded = (await list()).attachments.find((a) => a.id === docxId)!;
    const renamed = await act({
      intent: "edit",
      attachmentId: String(docxId),
      kind: "terms_of_reference",
      title: "Kommissorium for bestyrelsen 2026",
      version: String(loaded.version),
    });
    expect(renamed.status).toBe(302);
    expect(await flashOf(renamed)).toBe("Bilaget er ændret.");
    const item = (await list()).attachments.find((a) => a.id === docxId)!;
    expect([item.kind, item.kindLabel, item.title]).toEqual([
      "terms_of_reference",
      "Kommissorium for bestyrelsen",
      "Kommissorium for bestyrelsen 2026",
    ]);
    expect(item.version).toBe(loaded.version + 1);
    // A second person's form, loaded before that rename, is refused: nothing is overwritten.
    const stale = await act({
      intent: "edit",
      attachmentId: String(docxId),
      kind: "other",
      title: "Andet bilag",
      version: String(loaded.version),
    });
    expect(stale.status).toBe(409);
    expect((stale.data as FormFailure).values).toMatchObject({ title: "Andet bilag" });
    expect((await list()).attachments.find((a) => a.id === docxId)!.title).toBe(
      "Kommissorium for bestyrelsen 2026",
    );
    const blank = await act({
      intent: "edit",
      attachmentId: String(docxId),
      kind: "x",
      title: "",
      version: String(item.version),
    });
    expect(blank.status).toBe(400);
    expect((blank.data as FormFailure).errors).toMatchObject({
      title: "Skriv bilagets titel",
      kind: "Vælg hvilken slags bilag det er",
    });

    const deleted = await act({ intent: "delete", attachmentId: String(pdfId) });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe(`/plans/${plan.id}/attachments`);
    expect(await flashOf(deleted)).toBe("Bilaget er slettet.");
    expect(await order()).toEqual([docxId]);
    expect((await download(pdfId, secretariat().id)).status).toBe(404);
    expect((await act({ intent: "delete", attachmentId: String(pdfId) })).status).toBe(404);

    const actions = await t.db
      .select({ action: auditEvents.action, before: auditEvents.before })
      .from(auditEvents)
      .where(eq(auditEvents.planId, plan.id));
    const names = actions.map((a) => a.action);
    expect(names.filter((n) => n === "attachment.move")).toHaveLength(2);
    expect(names).toContain("attachment.update");
    const deletion = actions.find((a) => a.action === "attachment.delete")!;
    // The audit keeps what the file was, not its bytes.
    expect(deletion.before).toMatchObject({
      title: "Beredskabsplan 2026",
      fileName: "beredskab.pdf",
    });
    expect(JSON.stringify(deletion.before)).not.toMatch(/fileData|file_data/);
  });

  it("answers a garbled row action or a broken upload with 400, not 500", async () => {
    expect((await act({ intent: "move", attachmentId: "abc", direction: "sideways" })).status).toBe(
      400,
    );
    const request = new Request(`http://localhost${url()}`, {
      method: "POST",
      headers: {
        Cookie: await cookieFor(secretariat().id),
        "Content-Type": "multipart/form-data; boundary=xyz",
      },
      body: "not a multipart body",
    });
    const res = await callRouteWith(listPage.action, request, params());
    expect(res.status).toBe(400);
  });
});
