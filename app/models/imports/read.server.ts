/** Reading imports: the plan's list, the review screen's data and the original file. */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  agreementImports,
  agreements,
  agreementVersions,
  focusAreas,
  fundingRounds,
  organisations,
  people,
  plans,
  revisions,
  users,
} from "../../../db/schema";
import type { AgreementRecord } from "~/domain/agreement-view";
import type { Recognition, SourceDocument } from "~/domain/import/types";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { NotFoundError } from "../errors.server";
import { AGREEMENT_EDITORS } from "../internal/agreement-draft.server";
import { IMPORT_NOT_FOUND, requireImportAccess } from "./access.server";
import { draftToAgreementRecord, importCoverage } from "./pipeline.server";
import { importValidity, normaliseName, personKey, registerNeeds } from "./values.server";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

export type ImportStatus = "review" | "saved" | "discarded";

const iso = (column: typeof agreementImports.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Blocks waiting under «Ikke placeret», counted in the database (the recognition stays there). */
const unplacedSql = sql<number>`(select count(*) from jsonb_array_elements(${agreementImports.recognition} -> 'destinations') d where d ->> 'kind' = 'unplaced')::int`;

export interface ImportListItem {
  id: number;
  fileName: string;
  status: ImportStatus;
  createdAt: string;
  createdByName: string | null;
  unplacedCount: number;
  focusAreaName: string | null;
  agreementId: number | null;
}

/** The plan's imports, newest first (the plan's editors and administrators). */
export async function listImports(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<ImportListItem[]> {
  await requirePlanRole(db, user, planId, AGREEMENT_EDITORS);
  return db
    .select({
      id: agreementImports.id,
      fileName: agreementImports.fileName,
      status: agreementImports.status,
      createdAt: iso(agreementImports.createdAt),
      createdByName: users.name,
      unplacedCount: unplacedSql,
      focusAreaName: focusAreas.name,
      agreementId: agreementImports.agreementId,
    })
    .from(agreementImports)
    .leftJoin(users, eq(users.id, agreementImports.createdBy))
    .leftJoin(focusAreas, eq(focusAreas.id, agreementImports.focusAreaId))
    .where(eq(agreementImports.planId, planId))
    .orderBy(desc(agreementImports.createdAt), desc(agreementImports.id));
}

/**
 * Where the plan's agreement for the chosen area stands: saving the import makes a revision draft
 * of it, refused while a proposal awaits the board.
 */
export type ExistingAgreementState = "draft" | "approved" | "in-revision" | "awaiting-board";

export interface ImportReview {
  id: number;
  version: number;
  status: ImportStatus;
  fileName: string;
  fileSize: number;
  createdAt: string;
  source: SourceDocument;
  recognition: Recognition;
  coverage: ReturnType<typeof importCoverage>;
  focusArea: { chosenId: number | null; options: { id: number; name: string }[] };
  existingAgreement: { id: number; state: ExistingAgreementState } | null;
  newOrganisations: string[];
  newPeople: { name: string; title: string | null; organisation: string | null }[];
  preview: AgreementRecord;
  plan: { id: number; name: string; periodStart: string; periodEnd: string };
  /** The draft's validity had to be moved inside the plan's period (R5), or was missing. */
  validityAdjusted: boolean;
}

/** Everything the review screen shows, in a fixed number of queries. */
export async function getImportReview(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
): Promise<ImportReview> {
  await requireImportAccess(db, user, planId, importId);
  const [row] = await db
    .select({
      id: agreementImports.id,
      version: agreementImports.version,
      status: agreementImports.status,
      fileName: agreementImports.fileName,
      fileSize: agreementImports.fileSize,
      createdAt: iso(agreementImports.createdAt),
      source: agreementImports.source,
      recognition: agreementImports.recognition,
      focusAreaId: agreementImports.focusAreaId,
      plan: {
        id: plans.id,
        name: plans.name,
        periodStart: plans.periodStart,
        periodEnd: plans.periodEnd,
        templateEdition: plans.templateEdition,
        fundingRoundId: plans.fundingRoundId,
      },
      fundingRound: fundingRounds.name,
    })
    .from(agreementImports)
    .innerJoin(plans, eq(plans.id, agreementImports.planId))
    .innerJoin(fundingRounds, eq(fundingRounds.id, plans.fundingRoundId))
    .where(and(eq(agreementImports.id, importId), eq(agreementImports.planId, planId)));
  if (!row) throw new NotFoundError(IMPORT_NOT_FOUND);
  const { plan } = row;
  const [areas, existing, orgRows, personRows] = await Promise.all([
    db
      .select({ id: focusAreas.id, name: focusAreas.name })
      .from(focusAreas)
      .where(eq(focusAreas.fundingRoundId, plan.fundingRoundId))
      .orderBy(focusAreas.position, focusAreas.id),
    row.focusAreaId == null
      ? Promise.resolve([])
      : db
          .select({
            id: agreements.id,
            // Written out: drizzle leaves a single table's columns unqualified, and an unqualified
            // "id" inside the subqueries would be the subquery's own.
            state: sql<ExistingAgreementState>`case
              when exists (select 1 from ${agreementVersions} v where v.agreement_id = agreements.id and v.status = 'proposed') then 'awaiting-board'
              when exists (select 1 from ${revisions} r where r.agreement_id = agreements.id and r.status in ('open', 'submitted')) then 'in-revision'
              when exists (select 1 from ${agreementVersions} v where v.agreement_id = agreements.id and v.status = 'approved') then 'approved'
              else 'draft' end`,
          })
          .from(agreements)
          .where(and(eq(agreements.planId, planId), eq(agreements.focusAreaId, row.focusAreaId))),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations),
    db.select({ name: people.name, organisationId: people.organisationId }).from(people),
  ]);
  const draft = row.recognition.draft;
  const needs = registerNeeds(draft);
  const orgNames = new Map(orgRows.map((o) => [o.id, normaliseName(o.name)]));
  const knownOrgs = new Set(orgNames.values());
  const knownPeople = new Set(
    personRows.map((p) =>
      personKey(p.organisationId == null ? null : (orgNames.get(p.organisationId) ?? "?"), p.name),
    ),
  );
  const chosen = areas.find((a) => a.id === row.focusAreaId) ?? null;
  const validity = importValidity(draft, plan);
  const recordPlan: AgreementRecord["plan"] = {
    id: plan.id,
    name: plan.name,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    templateEdition: plan.templateEdition,
    fundingRound: { name: row.fundingRound },
  };
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    fileName: row.fileName,
    fileSize: row.fileSize,
    createdAt: row.createdAt,
    source: row.source,
    recognition: row.recognition,
    coverage: importCoverage(row.source, row.recognition),
    focusArea: { chosenId: chosen?.id ?? null, options: areas },
    existingAgreement: existing[0] ?? null,
    newOrganisations: needs.organisations.filter((name) => !knownOrgs.has(normaliseName(name))),
    newPeople: needs.people.filter((p) => !knownPeople.has(personKey(p.organisation, p.name))),
    preview: draftToAgreementRecord(
      draft,
      recordPlan,
      chosen ?? { id: 0, name: draft.focusAreaName ?? "" },
      {
        validFrom: validity.validFrom,
        validTo: validity.validTo,
        openingText: draft.openingText?.trim() || OPENING_CLAUSE_DEFAULTS[plan.templateEdition],
      },
    ),
    plan: {
      id: plan.id,
      name: plan.name,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
    },
    validityAdjusted: validity.adjusted,
  };
}

/** The original file as uploaded, byte for byte. */
export async function getImportFile(
  db: Db,
  user: SessionUser,
  planId: number,
  importId: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  await requireImportAccess(db, user, planId, importId);
  const [row] = await db
    .select({ fileName: agreementImports.fileName, bytes: agreementImports.fileData })
    .from(agreementImports)
    .where(and(eq(agreementImports.id, importId), eq(agreementImports.planId, planId)));
  if (!row) throw new NotFoundError(IMPORT_NOT_FOUND);
  return row;
}
