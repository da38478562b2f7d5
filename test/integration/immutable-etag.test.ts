/**
 * Documents that never change (issue 15): an approved agreement version's .docx and a final
 * progress report's .docx carry a strong ETag (the document's identity and the app's build) with
 * `private, no-cache`; a matching If-None-Match gets 304 without a body, another tag the file. The
 * access check comes first: a user of another plan gets 404 whatever tag they send. A proposed
 * version and a draft report have no ETag; reopening a final report changes its tag.
 */
import { and, eq } from "drizzle-orm";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementVersions } from "../../db/schema";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { buildRequest, callRouteWith, useTestDbForRoutes } from "../helpers/routes";
import { ProgressReportNarrativeSchema } from "~/domain/progress-report";
import {
  finaliseProgressReport,
  getProgressReport,
  reopenProgressReport,
  saveProgressReportNarrative,
} from "~/models/progress-reports.server";
import { decideRevision, submitRevision } from "~/models/revisions.server";
import * as versionDocx from "~/routes/plans.$planId.agreements.$agreementId.versions.$number.document[.]docx";
import * as reportDocx from "~/routes/plans.$planId.reports.$year.report[.]docx";

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;
const CONTEXT = { buildVersion: "build-1" };

describe.each(drivers)("ETags of immutable documents on %s", (driver) => {
  let t: TestDb;
  let versionParams: Record<string, string>;
  let reportParams: Record<string, string>;
  let versionUrl: string;
  let reportUrl: string;

  async function get(
    loader: Loader,
    url: string,
    params: Record<string, string>,
    {
      userId,
      ifNoneMatch,
      context = CONTEXT,
    }: { userId: number; ifNoneMatch?: string; context?: AppLoadContext },
  ): Promise<Response> {
    const request = await buildRequest(url, { userId });
    if (ifNoneMatch) request.headers.set("If-None-Match", ifNoneMatch);
    try {
      return (await loader({ request, params, context })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      const result = await callRouteWith(() => Promise.reject(thrown), request, params);
      return new Response(null, { status: result.status });
    }
  }

  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const { planId, agreementId } = t.demo;
    await submitRevision(t.db, t.user("secretariat"), planId, agreementId, {
      summary: "Første version",
      recommendation: null,
    });
    const [proposed] = await t.db
      .select({ id: agreementVersions.id, number: agreementVersions.number })
      .from(agreementVersions)
      .where(
        and(
          eq(agreementVersions.agreementId, agreementId),
          eq(agreementVersions.status, "proposed"),
        ),
      );
    await decideRevision(t.db, t.user("board"), planId, agreementId, proposed!.id, {
      decision: "approve",
      meetingDate: "2026-11-20",
      note: "Godkendt",
    });
    versionParams = {
      planId: String(planId),
      agreementId: String(agreementId),
      number: String(proposed!.number),
    };
    versionUrl = `/plans/${planId}/agreements/${agreementId}/versions/${proposed!.number}/document.docx`;

    const reporter = t.user("reporter");
    await saveProgressReportNarrative(
      t.db,
      reporter,
      planId,
      2023,
      0,
      ProgressReportNarrativeSchema.parse({
        summary: "Første år.",
        whatWorked: "",
        nextYear: "",
        activityNotes: [],
      }),
    );
    const { version } = await getProgressReport(t.db, reporter, planId, 2023);
    await finaliseProgressReport(t.db, reporter, planId, 2023, version);
    reportParams = { planId: String(planId), year: "2023" };
    reportUrl = `/plans/${planId}/reports/2023/report.docx`;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const documents = () =>
    [
      ["approved version", versionDocx.loader, versionUrl, versionParams],
      ["final report", reportDocx.loader, reportUrl, reportParams],
    ] as const;

  it("sends a strong ETag and asks the browser to revalidate", async () => {
    for (const [, loader, url, params] of documents()) {
      const res = await get(loader, url, params, { userId: t.demo.userIds.viewer });
      expect(res.status).toBe(200);
      const etag = res.headers.get("ETag");
      expect(etag).toMatch(/^"[\w.-]+-build-1"$/);
      expect(res.headers.get("Cache-Control")).toBe("private, no-cache");
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      // The same for another member: the tag names the document, not the user.
      const other = await get(loader, url, params, { userId: t.demo.userIds.secretariat });
      expect(other.headers.get("ETag")).toBe(etag);
    }
  });

  it("answers 304 to a matching If-None-Match and the file to another", async () => {
    for (const [, loader, url, params] of documents()) {
      const first = await get(loader, url, params, { userId: t.demo.userIds.viewer });
      const etag = first.headers.get("ETag")!;
      for (const ifNoneMatch of [etag, `W/${etag}`, `"something-else", ${etag}`]) {
        const again = await get(loader, url, params, {
          userId: t.demo.userIds.viewer,
          ifNoneMatch,
        });
        expect(again.status).toBe(304);
        expect(again.headers.get("ETag")).toBe(etag);
        expect(again.body).toBeNull();
      }
      const other = await get(loader, url, params, {
        userId: t.demo.userIds.viewer,
        ifNoneMatch: '"agreement-version-0-build-1"',
      });
      expect(other.status).toBe(200);
      expect((await other.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      // Another build (a deploy) makes the old tag stale.
      const deployed = await get(loader, url, params, {
        userId: t.demo.userIds.viewer,
        ifNoneMatch: etag,
        context: { buildVersion: "build-2" },
      });
      expect(deployed.status).toBe(200);
      expect(deployed.headers.get("ETag")).not.toBe(etag);
    }
  });

  it("checks access before the tag: another plan's user gets 404 with a valid ETag", async () => {
    for (const [, loader, url, params] of documents()) {
      const first = await get(loader, url, params, { userId: t.demo.userIds.viewer });
      const etag = first.headers.get("ETag")!;
      const stranger = await get(loader, url, params, {
        userId: t.demo.userIds.otherPlan,
        ifNoneMatch: etag,
      });
      expect(stranger.status).toBe(404);
      expect(stranger.headers.get("ETag")).toBeNull();
    }
  });

  it("gives a reopened report no ETag, and a new one once final again", async () => {
    const admin = t.user("admin");
    const { planId } = t.demo;
    const before = await get(reportDocx.loader, reportUrl, reportParams, {
      userId: t.demo.userIds.viewer,
    });
    const etag = before.headers.get("ETag")!;
    const { version } = await getProgressReport(t.db, admin, planId, 2023);
    await reopenProgressReport(t.db, admin, planId, 2023, version, "Tal rettet");
    const draft = await get(reportDocx.loader, reportUrl, reportParams, {
      userId: t.demo.userIds.viewer,
      ifNoneMatch: etag,
    });
    expect(draft.status).toBe(200);
    expect(draft.headers.get("ETag")).toBeNull();
    expect(draft.headers.get("Cache-Control")).toBe("private, no-store");
    const reopened = await getProgressReport(t.db, admin, planId, 2023);
    await finaliseProgressReport(t.db, admin, planId, 2023, reopened.version);
    const after = await get(reportDocx.loader, reportUrl, reportParams, {
      userId: t.demo.userIds.viewer,
      ifNoneMatch: etag,
    });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).toMatch(/^"progress-report-/);
    expect(after.headers.get("ETag")).not.toBe(etag);
  });
});
