/**
 * The archive export: the admin download (a streamed zip) of the demo data plus a version history
 * holds every document the app's pages list, counted with the same model functions the pages use,
 * and each folder's data.json validates against its zod schema and names files that are there.
 * Also the admin page "Sikkerhedskopi": its count, the backup download and who may see it.
 */
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { addEverything } from "../helpers/everything";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";
import { FundArchiveDataSchema, PlanArchiveDataSchema } from "~/domain/archive";
import { getPlanAgreements } from "~/models/agreements/read.server";
import { getPlanAttachmentFiles } from "~/models/attachments.server";
import { listFunds } from "~/models/disposition-funds.server";
import { listApplications } from "~/models/fund-applications.server";
import { listPlansForUser } from "~/models/plans.server";
import { listProgressReports } from "~/models/progress-reports.server";
import { getRevisionState } from "~/models/revisions.server";
import { listSelfEvaluations } from "~/models/self-evaluations.server";
import { parseBackup } from "~/models/backup.server";
import * as archiveZip from "~/routes/admin.archive[.]zip";
import * as backupPage from "~/routes/admin.backup";
import * as backupDownload from "~/routes/admin.backup_.download";

const decoder = new TextDecoder();

describe.each(drivers)("the archive export on %s", (driver) => {
  let t: TestDb;
  let files: Record<string, Uint8Array>;
  let response: Response;

  beforeAll(async () => {
    t = await createTestDb(driver);
    await addEverything(t);
    useTestDbForRoutes(t);
    response = (await archiveZip.loader({
      request: new Request("http://localhost/admin/archive.zip", {
        headers: { Cookie: await cookieFor(t.demo.userIds.admin) },
      }),
      params: {},
      context: {},
    })) as Response;
    files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** What the pages list, counted with the models behind them, as the administrator sees it. */
  async function documentsListedByThePages() {
    const admin = t.user("admin");
    const counts = {
      agreements: 0,
      versions: 0,
      changes: 0,
      reports: 0,
      evaluations: 0,
      applications: 0,
      decisions: 0,
    };
    for (const plan of await listPlansForUser(t.db, admin)) {
      for (const agreement of (await getPlanAgreements(t.db, admin, plan.id)).agreements) {
        counts.agreements++;
        const state = await getRevisionState(t.db, admin, plan.id, agreement.id);
        const approved = state.versions.filter(
          (v) => v.status === "approved" || v.status === "superseded",
        ).length;
        counts.versions += approved;
        counts.changes += approved + (state.proposed ? 1 : 0);
      }
      // Word and Excel for each report that exists.
      counts.reports +=
        2 * (await listProgressReports(t.db, admin, plan.id)).filter((r) => r.status).length;
      counts.evaluations += (await listSelfEvaluations(t.db, admin, plan.id)).evaluations.length;
    }
    for (const fund of (await listFunds(t.db, admin)).funds) {
      const { applications } = await listApplications(t.db, admin, fund.id);
      counts.applications += applications.length;
      counts.decisions += applications.filter((a) =>
        ["approved", "approved_reduced", "rejected"].includes(a.status),
      ).length;
    }
    return counts;
  }

  const names = () => Object.keys(files);
  /** The documents the app makes (the attachments under bilag/ are files as uploaded). */
  const documentNames = () =>
    names().filter((n) => /\.(docx|xlsx)$/.test(n) && !/\/bilag\//.test(n));
  const under = (folder: string, ext: RegExp) =>
    names().filter((n) => n.includes(folder) && ext.test(n));

  it("contains every document the pages list", async () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    const expected = await documentsListedByThePages();
    // The demo has one of each, so nothing is counted as zero by accident.
    for (const [kind, n] of Object.entries(expected)) expect(n, kind).toBeGreaterThan(0);
    expect(expected.versions).toBe(2); // version 1 (superseded) and version 2 (approved)
    expect(expected.changes).toBe(3); // and the pending version 3

    expect(
      under("/delaftaler/", /\/[^/]+\.docx$/).filter((n) => !/\/(versioner|ændringer)\//.test(n)),
    ).toHaveLength(expected.agreements);
    expect(under("/versioner/", /\.docx$/)).toHaveLength(expected.versions);
    expect(under("/ændringer/", /\.docx$/)).toHaveLength(expected.changes);
    expect(under("/statusrapporter/", /\.(docx|xlsx)$/)).toHaveLength(expected.reports);
    expect(under("/selvevalueringer/", /\.docx$/)).toHaveLength(expected.evaluations);
    expect(under("/ansøgninger/", /Ansøgning - .*\.docx$/)).toHaveLength(expected.applications);
    expect(under("/ansøgninger/", /Afgørelse - .*\.docx$/)).toHaveLength(expected.decisions);

    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(documentNames()).toHaveLength(total);
    expect(response.headers.get("X-Archive-Documents")).toBe(String(total));
  });

  it("holds real documents: the agreement's text, and tracked changes in the revision history", () => {
    const agreement = names().find((n) =>
      n.endsWith(
        "/Sammenhængskraft og medborgerskab/Delaftale - Helhedsplan Strandengen og Solsikkeparken - Sammenhængskraft og medborgerskab.docx",
      ),
    );
    expect(agreement).toBeDefined();
    const xml = decoder.decode(unzipSync(files[agreement!]!)["word/document.xml"]);
    expect(xml).toContain("Sammenhængskraft og medborgerskab");
    expect(xml).toContain("og i nabolaget"); // the current draft, after the last change

    const v2changes = names().find((n) =>
      /ændringer\/.* - version 2 \(med ændringer\)\.docx$/.test(n),
    );
    expect(v2changes).toBeDefined();
    const changes = decoder.decode(unzipSync(files[v2changes!]!)["word/document.xml"]);
    expect(changes).toContain("<w:ins ");
    expect(changes).toContain("i hele boligområdet");
  });

  it("holds each plan's attachments under bilag/, byte for byte as uploaded", async () => {
    const stored = await getPlanAttachmentFiles(t.db, t.user("admin"), t.demo.planId);
    expect(stored.length).toBeGreaterThan(0);
    const bilag = names().filter((n) => /^helhedsplaner\/[^/]+\/bilag\//.test(n));
    expect(bilag).toHaveLength(stored.length);
    stored.forEach((attachment, index) => {
      const path = bilag.find((n) => n.endsWith(`/bilag/${index + 1} - ${attachment.fileName}`));
      expect(path, attachment.fileName).toBeDefined();
      expect(Buffer.from(files[path!]!).equals(Buffer.from(attachment.data))).toBe(true);
    });
  });

  it("gives each plan and fund a data.json that validates and names files that are there", () => {
    const planData = names().filter((n) => /^helhedsplaner\/[^/]+\/data\.json$/.test(n));
    expect(planData).toHaveLength(2);
    for (const file of planData) {
      const folder = file.slice(0, -"data.json".length);
      const data = PlanArchiveDataSchema.parse(JSON.parse(decoder.decode(files[file])));
      const documents = [
        ...data.agreements.flatMap((a) => [
          a.document,
          ...a.versions.flatMap((v) => [v.document, v.changesDocument]),
        ]),
        ...data.progressReports.flatMap((r) => r.documents),
        ...data.selfEvaluations.map((e) => e.document),
        ...data.attachments.map((a) => a.file),
        data.auditTrail.file,
      ].filter((d): d is string => Boolean(d));
      for (const d of documents) expect(files[`${folder}${d}`], d).toBeDefined();
      // The audit trail: a header and one line per event (no event spans lines here).
      const bytes = files[`${folder}${data.auditTrail.file}`]!;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads æøå
      const csv = decoder.decode(bytes); // (drops the BOM)
      expect(csv.startsWith("tidspunkt,bruger,e-mail,handling")).toBe(true);
      if (data.plan.id === t.demo.planId) expect(csv).toContain(",revision.submit,");
      expect(data.auditTrail.events).toBeGreaterThan(0);
    }
    const main = planData
      .map((f) => PlanArchiveDataSchema.parse(JSON.parse(decoder.decode(files[f]))))
      .find((d) => d.plan.id === t.demo.planId)!;
    const agreement = main.agreements.find((a) => a.id === t.demo.agreementId)!;
    expect(agreement.versions.map((v) => [v.number, v.status])).toEqual([
      [1, "superseded"],
      [2, "approved"],
      [3, "proposed"],
    ]);
    expect(agreement.measurements.length).toBeGreaterThan(0);
    expect(agreement.economy.some((e) => e.spent !== null)).toBe(true);
    expect(main.progressReports.some((r) => r.status === "final" && r.snapshot)).toBe(true);
    // The demo plan's attachments, in package order, with their files under bilag/.
    expect(main.attachments.map((a) => [a.kind, a.file])).toEqual([
      ["communication_strategy", "bilag/1 - Kommunikationsstrategi Strandengen.docx"],
      ["preparedness_plan", "bilag/2 - Beredskabsplan Strandengen.pdf"],
    ]);

    const fundData = names().filter((n) => /^dispositionsfonde\/[^/]+\/data\.json$/.test(n));
    expect(fundData.length).toBeGreaterThan(0);
    for (const file of fundData) {
      const folder = file.slice(0, -"data.json".length);
      const data = FundArchiveDataSchema.parse(JSON.parse(decoder.decode(files[file])));
      for (const a of data.applications) {
        expect(files[`${folder}${a.document}`], a.document).toBeDefined();
        if (a.decisionDocument) expect(files[`${folder}${a.decisionDocument}`]).toBeDefined();
      }
      expect(data.grants.flatMap((g) => g.reports).length).toBeGreaterThan(0);
    }
  });

  it("is for administrators only, as is the page", async () => {
    const secretariat = await callRoute(archiveZip.loader, "/admin/archive.zip", {
      userId: t.demo.userIds.secretariat,
    });
    expect(secretariat.status).toBe(403);
    const page = await callRoute(backupPage.loader, "/admin/backup", {
      userId: t.demo.userIds.fundAdmin,
    });
    expect(page.status).toBe(403);
    const post = await callRoute(backupDownload.action, "/admin/backup/download", {
      userId: t.demo.userIds.board,
      form: {},
    });
    expect(post.status).toBe(403);
  });

  it("shows the archive's size and the last backup, and downloads a backup", async () => {
    const before = await callRoute(backupPage.loader, "/admin/backup", {
      userId: t.demo.userIds.admin,
    });
    const data = before.data as { last: unknown; archive: { documents: number } };
    expect(data.last).toBeNull();
    expect(data.archive.documents).toBe(documentNames().length);

    const request = new Request("http://localhost/admin/backup/download", {
      method: "POST",
      headers: {
        Cookie: await cookieFor(t.demo.userIds.admin),
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "",
    });
    const download = (await backupDownload.action({
      request,
      params: {},
      context: {},
    })) as Response;
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(
      new RegExp(`samarbejdsaftaler-.*-${driver}\\.backup`),
    );
    const { manifest } = parseBackup(Buffer.from(await download.arrayBuffer()));
    expect(manifest.driver).toBe(driver);

    const after = await callRoute(backupPage.loader, "/admin/backup", {
      userId: t.demo.userIds.admin,
    });
    expect((after.data as { last: { by: string; source: string } }).last).toMatchObject({
      by: "Astrid Holm",
      source: "admin",
    });
  });
});
