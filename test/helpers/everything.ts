/**
 * What the test database's demo data lacks, added through the app's own models so the data is as
 * users make it: the demo's reporting year as `npm start` seeds it (measurements, spend and a final
 * progress report), and the demo agreement's version history (version 1 approved then superseded by an approved version
 * 2, and version 3 proposed and awaiting the board). With the demo's self-evaluations and decided
 * applications with a grant and its reports, the database then holds one of everything.
 */
import { seedDemoReporting } from "../../db/demo-reporting";
import { getAgreementView } from "~/models/agreements/read.server";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { savePurpose } from "~/models/agreements/sections.server";
import { decideRevision, startRevision, submitRevision } from "~/models/revisions.server";
import { parseRichText } from "~/domain/rich-text";
import type { TestDb } from "./db";

async function changeFirstGoal(t: TestDb, suffix: string): Promise<void> {
  const { planId, agreementId } = t.demo;
  const secretariat = t.user("secretariat");
  const view = (await getAgreementView(t.db, secretariat, planId, agreementId)).view;
  const version = (await loadAgreementRecord(t.db, agreementId))!.version;
  await savePurpose(t.db, secretariat, planId, agreementId, version, {
    purposes: view.purposes,
    goals: view.goals.map((g, i) => ({
      ...g,
      text: i === 0 ? `${g.text} ${suffix}` : g.text,
    })),
    method: view.method ?? parseRichText(""),
  });
}

export async function addEverything(t: TestDb): Promise<void> {
  await seedDemoReporting(t.db, t.demo);
  const { planId, agreementId } = t.demo;
  const secretariat = t.user("secretariat");
  const board = t.user("board");
  const v1 = await submitRevision(t.db, secretariat, planId, agreementId, {
    summary: "Første version af delaftalen",
    recommendation: "Arbejdsgruppen indstiller delaftalen til godkendelse.",
  });
  await decideRevision(t.db, board, planId, agreementId, v1.id, {
    decision: "approve",
    meetingDate: "2026-11-20",
    note: "Godkendt på mødet",
  });
  await startRevision(t.db, secretariat, planId, agreementId, 2027);
  await changeFirstGoal(t, "i hele boligområdet");
  const v2 = await submitRevision(t.db, secretariat, planId, agreementId, {
    summary: "Første mål udvidet",
    recommendation: null,
  });
  await decideRevision(t.db, board, planId, agreementId, v2.id, {
    decision: "approve",
    meetingDate: "2027-03-01",
    note: null,
  });
  await startRevision(t.db, secretariat, planId, agreementId, 2028);
  await changeFirstGoal(t, "og i nabolaget");
  await submitRevision(t.db, secretariat, planId, agreementId, {
    summary: "Første mål udvidet til nabolaget",
    recommendation: null,
  });
}
