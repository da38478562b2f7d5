/**
 * The helhedsplan's package through its routes, as members and outsiders would get it, on both
 * drivers: the Word document (parts in order, the approved version of a delaftale rather than its
 * draft, attachments listed by name), the .zip (each part as a file, the attachments byte for
 * byte under bilag/), the package page's states, 404 for another plan's user, and a query count
 * that does not grow with the number of delaftaler.
 */
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInDenmark } from "~/domain/format";
import { packageYear } from "~/domain/plan-package";
import { getPlanAttachmentFiles } from "~/models/attachments.server";
import { milestoneCountText } from "~/domain/milestone";
import { createMilestone, getMilestonePlan } from "~/models/milestones.server";
import { getPlanPackage } from "~/models/plan-package.server";
import { decideRevision, submitRevision } from "~/models/revisions.server";
import * as packageDocx from "~/routes/plans.$planId.package[.]docx";
import * as packagePage from "~/routes/plans.$planId.package._index";
import * as packageZip from "~/routes/plans.$planId.package[.]zip";
import { createCountingDb, createTestDb, drivers, type TestDb } from "../helpers/db";
import { readDocxBuffer } from "../helpers/docx";
import { createAgreement, createPlan } from "../helpers/factories";
import { callRoute, cookieFor, useTestDbForRoutes } from "../helpers/routes";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const FOCUS_AREA = "Sammenhængskraft og medborgerskab";

async function download(
  handler: typeof packageDocx.loader,
  planId: number,
  userId: number,
): Promise<Response> {
  return handler({
    request: new Request(`http://localhost/plans/${planId}/package`, {
      headers: { Cookie: await cookieFor(userId) },
    }),
    params: { planId: String(planId) },
    context: {},
  });
}

const fileNameOf = (response: Response) =>
  decodeURIComponent(response.headers.get("Content-Disposition")!.split("filename*=UTF-8''")[1]!);

describe.each(drivers)("the helhedsplan's package on %s", (driver) => {
  let t: TestDb;
  let year: number;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    year = packageYear(todayInDenmark(), "2023-01-01", "2026-12-31");
    // Version 1 of the demo delaftale approved by the board, then a milestone this year.
    const { planId, agreementId } = t.demo;
    const v1 = await submitRevision(t.db, t.user("secretariat"), planId, agreementId, {
      summary: "Første version",
      recommendation: null,
    });
    await decideRevision(t.db, t.user("board"), planId, agreementId, v1.id, {
      decision: "approve",
      meetingDate: "2026-11-20",
      note: null,
    });
    await createMilestone(t.db, t.user("secretariat"), planId, {
      title: "Gårdfest i Solsikkeparken",
      dueDate: null,
      year,
      quarter: 3,
      agreementId,
      activityId: null,
      responsibleOrganisationId: null,
      note: null,
    });
  });
  afterAll(() => t?.close());

  it("gives a member the whole package as one Word document, parts in the package's order", async () => {
    const response = await download(packageDocx.loader, t.demo.planId, t.demo.userIds.viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(fileNameOf(response)).toBe(
      "Helhedsplanens pakke - Helhedsplan Strandengen og Solsikkeparken.docx",
    );
    const buffer = new Uint8Array(await response.arrayBuffer());
    const doc = readDocxBuffer(buffer);
    const level1 = doc.headings.filter(([level]) => level === 1).map(([, text]) => text);
    expect(level1.slice(0, 3)).toEqual([
      "Strategisk samarbejdsaftale for Helhedsplan Strandengen og Solsikkeparken",
      `Delaftale for indsatsområdet ${FOCUS_AREA}`,
      `Aktivitetsskemaer: ${FOCUS_AREA}`,
    ]);
    const order = [
      "Organisationsdiagram",
      "Kommunikationsstrategi",
      "Målhierarki",
      `Milepælsplan ${year}`,
      "Milepælsplan for hele perioden",
      "Status og økonomi",
      "Beredskabsplan",
      "Øvrige bilag",
    ];
    expect(level1.filter((h) => order.includes(h))).toEqual(order);
    expect(doc.text).toContain("Gårdfest i Solsikkeparken");
    // The cover says the strategic agreement's state: the demo's version 1 is in effect.
    expect(doc.text).toMatch(/Strategisk samarbejdsaftale: Version 1, godkendt \d+\. \w+ \d{4}/);
    // The diagram and both charts as PNG images, each a real, non-trivial PNG.
    const media = Object.entries(unzipSync(buffer)).filter(([name]) =>
      name.startsWith("word/media/"),
    );
    expect(media).toHaveLength(3);
    for (const [name, bytes] of media) {
      expect([...bytes.slice(0, 8)], name).toEqual(PNG_SIGNATURE);
      expect(bytes.length, name).toBeGreaterThan(5_000);
    }
    // Under their parts' headings: the diagram's image, then the two charts' captions.
    expect(doc.text).toContain("Figur 1:");
    expect(doc.text).toContain("Figur 2:");

    // The delaftale as approved (its header names the version), not as a draft.
    expect(doc.headerText).toContain(`${FOCUS_AREA} · Version 1, godkendt 20. november 2026`);
    expect(doc.headerText).not.toContain(`${FOCUS_AREA} · Udkast`);
    // The demo's attachments, by kind, name and size.
    const files = await getPlanAttachmentFiles(t.db, t.user("viewer"), t.demo.planId);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(doc.bullets.some((b) => b.startsWith("Bilag:") && b.includes(file.fileName))).toBe(
        true,
      );
    }
  });

  it("gives the .zip with the whole, each part and the attachments byte for byte", async () => {
    const response = await download(packageZip.loader, t.demo.planId, t.demo.userIds.board);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(fileNameOf(response)).toBe(
      "Helhedsplanens pakke - Helhedsplan Strandengen og Solsikkeparken.zip",
    );
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(entries);
    expect(names).toEqual(
      expect.arrayContaining([
        "00 Helhedsplanens pakke.docx",
        "01 Strategisk samarbejdsaftale.docx",
        "Organisationsdiagram.png",
        "Organisationsdiagram.svg",
        `Milepælsplan ${year}.xlsx`,
        `02 Delaftale – ${FOCUS_AREA}.docx`,
        "Målhierarki.docx",
        `Milepælsplan ${year}.docx`,
        "Milepælsplan for hele perioden.docx",
      ]),
    );
    const files = await getPlanAttachmentFiles(t.db, t.user("board"), t.demo.planId);
    for (const file of files) {
      expect(entries[`bilag/${file.fileName}`], file.fileName).toEqual(file.data);
    }
    // Every .docx in it is a Word document a reader opens.
    for (const name of names.filter((n) => n.endsWith(".docx"))) {
      expect(strFromU8(entries[name]!.slice(0, 2))).toBe("PK");
      expect(readDocxBuffer(entries[name]!).headings.length, name).toBeGreaterThan(0);
    }
    expect([...entries["Organisationsdiagram.png"]!.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(strFromU8(entries["Organisationsdiagram.svg"]!)).toMatch(
      /^<svg[^>]*>[\s\S]*<\/svg>\s*$/,
    );
    expect(strFromU8(entries[`Milepælsplan ${year}.xlsx`]!.slice(0, 2))).toBe("PK");
    const agreement = readDocxBuffer(entries[`02 Delaftale – ${FOCUS_AREA}.docx`]!);
    expect(agreement.headerText).toContain("Version 1, godkendt 20. november 2026");
  });

  it("answers 404 to a user of another plan, for the page and both downloads", async () => {
    for (const handler of [packagePage.loader, packageDocx.loader, packageZip.loader]) {
      const res = await callRoute(handler, `/plans/${t.demo.planId}/package`, {
        userId: t.demo.userIds.otherPlan,
        params: { planId: String(t.demo.planId) },
      });
      expect(res.status).toBe(404);
    }
  });

  it("shows every part with its state on the package page", async () => {
    const res = await callRoute(packagePage.loader, `/plans/${t.demo.planId}/package`, {
      userId: t.demo.userIds.reporter,
      params: { planId: String(t.demo.planId) },
    });
    expect(res.status).toBe(200);
    const data = res.data as Awaited<ReturnType<typeof packagePage.loader>>;
    const state = Object.fromEntries(data.parts.map((p) => [p.key, p.state]));
    expect(state.agreements).toBe("1 delaftale, godkendt");
    expect(state.strategic).toMatch(/^Version 1, godkendt/);
    const { milestones } = await getMilestonePlan(t.db, t.user("reporter"), t.demo.planId);
    const ofYear = milestones.filter((m) => m.year === year);
    expect(ofYear.map((m) => m.title)).toContain("Gårdfest i Solsikkeparken");
    expect(state.milestones).toBe(
      `${milestones.length} milepæle i perioden; ${milestoneCountText(
        ofYear.filter((m) => m.status === "done").length,
        ofYear.length,
      )} i ${year}`,
    );
    expect(data.parts.find((p) => p.key === "preparedness")?.missing).toBe(false);
  });

  it("says what a new plan lacks: no delaftaler, no milestones, 'Bilag mangler: Beredskabsplan'", async () => {
    const plan = await createPlan(t.db, { members: { viewer: true } });
    const viewer = plan.members.viewer![0]!;
    const res = await callRoute(packagePage.loader, `/plans/${plan.id}/package`, {
      userId: viewer.id,
      params: { planId: String(plan.id) },
    });
    const data = res.data as Awaited<ReturnType<typeof packagePage.loader>>;
    const byKey = Object.fromEntries(data.parts.map((p) => [p.key, p]));
    expect(byKey.preparedness).toMatchObject({
      state: "Bilag mangler: Beredskabsplan",
      missing: true,
    });
    expect(byKey.agreements).toMatchObject({ state: "Ingen delaftaler endnu", missing: true });
    expect(byKey.milestones).toMatchObject({ missing: true });
    expect(byKey.strategic).toMatchObject({
      state: "Ingen strategisk samarbejdsaftale endnu",
      missing: true,
    });
    const doc = readDocxBuffer(
      new Uint8Array(await (await download(packageDocx.loader, plan.id, viewer.id)).arrayBuffer()),
    );
    expect(doc.text).toContain("Planen har ingen milepæle endnu.");
    expect(doc.text).toContain("Planen har ingen strategisk samarbejdsaftale endnu.");
    expect(doc.text).toContain("Planen har ingen delaftaler endnu.");
    expect(doc.text).toContain("Der er ikke vedlagt en beredskabsplan endnu.");
  });

  it("reads the package with as many queries for 4 delaftaler as for 1", async () => {
    const counts: number[] = [];
    for (const n of [1, 4]) {
      const plan = await createPlan(t.db, { members: { viewer: true } });
      for (let i = 0; i < n; i++) await createAgreement(t.db, plan, { activities: 2, criteria: 2 });
      const { db, queries } = createCountingDb(t);
      const pkg = await getPlanPackage(db, plan.members.viewer![0]!, plan.id);
      expect(pkg.agreements).toHaveLength(n);
      counts.push(queries.length);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
