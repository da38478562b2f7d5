/**
 * The archive export's structured data: the shape of `data.json` in each plan's and each fund's
 * folder (docs/archive.md describes it field by field). Times are ISO 8601 strings in UTC, dates
 * "YYYY-MM-DD", amounts whole kroner. Rich texts (`RichText`) are the app's stored JSON: a list of
 * blocks (paragraphs, sub-headings and bullet lists) of plain text. Document fields name files
 * relative to the folder of the data.json.
 */
import { z } from "./zod";

export const ARCHIVE_FORMAT = "samarbejdsaftaler-arkiv";
export const ARCHIVE_FORMAT_VERSION = 1;

const id = z.number().int().positive();
const isoTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const year = z.number().int().min(1900).max(2200);
const kroner = z.number().int();
/** The app's stored rich text (docs/archive.md); kept as stored. */
const richText = z.unknown();
const documentPath = z.string().min(1);

const header = {
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  exportedAt: isoTime,
};

export const ArchiveVersionSchema = z.strictObject({
  number: z.number().int().positive(),
  status: z.enum(["proposed", "approved", "rejected", "withdrawn", "superseded"]),
  summary: z.string().nullable(),
  recommendation: z.string().nullable(),
  submittedAt: isoTime,
  submittedBy: z.string().nullable(),
  decidedAt: isoTime.nullable(),
  decidedBy: z.string().nullable(),
  meetingDate: isoDate.nullable(),
  decisionNote: z.string().nullable(),
  /** The version as Word (approved and superseded versions: those the board approved). */
  document: documentPath.nullable(),
  /** Tracked changes against the version approved before it (or the current one, for a proposed version). */
  changesDocument: documentPath.nullable(),
});

export const ArchiveAgreementSchema = z.strictObject({
  id,
  focusArea: z.string(),
  validFrom: isoDate,
  validTo: isoDate,
  /** The current agreement as Word. */
  document: documentPath,
  /** The whole agreement as the app shows it (its AgreementView): sections, activities, budget. */
  content: z.record(z.string(), z.unknown()),
  versions: z.array(ArchiveVersionSchema),
  measurements: z.array(
    z.strictObject({
      criterionId: id,
      criterion: z.string(),
      activity: z.string().nullable(),
      year,
      valueNumber: z.number().nullable(),
      valueText: z.string().nullable(),
      unit: z.string().nullable(),
      status: z.enum(["met", "partly_met", "not_met", "not_measured"]),
      overrideReason: z.string().nullable(),
      comment: z.string().nullable(),
      source: z.string().nullable(),
    }),
  ),
  /**
   * Budget and actual spend per funding source and year. A source without a yearly split has a
   * row with `year` null: its budget for the whole period (its yearly rows then carry spend only).
   */
  economy: z.array(
    z.strictObject({
      fundingSource: z.string(),
      kind: z.enum(["lbf", "local", "municipality", "housing_organisation", "other"]),
      year: year.nullable(),
      budget: kroner.nullable(),
      spent: kroner.nullable(),
      note: z.string().nullable(),
    }),
  ),
});

export const PlanArchiveDataSchema = z.strictObject({
  ...header,
  plan: z.strictObject({
    id,
    name: z.string(),
    fundingRound: z.string(),
    periodStart: isoDate,
    periodEnd: isoDate,
    status: z.enum(["draft", "active", "closed"]),
    municipality: z.string().nullable(),
    description: z.string().nullable(),
    revisionIntervalMonths: z.number().int(),
    reportDueMonthDay: z.string(),
    organisations: z.array(
      z.strictObject({ id, name: z.string(), kind: z.string(), tenancies: z.number().nullable() }),
    ),
    members: z.array(
      z.strictObject({
        name: z.string(),
        email: z.string(),
        role: z.enum(["secretariat", "board", "reporter", "viewer"]),
      }),
    ),
  }),
  agreements: z.array(ArchiveAgreementSchema),
  progressReports: z.array(
    z.strictObject({
      year,
      status: z.enum(["draft", "final"]),
      finalisedAt: isoTime.nullable(),
      reopenedAt: isoTime.nullable(),
      reopenReason: z.string().nullable(),
      summary: richText,
      whatWorked: richText,
      nextYear: richText,
      /** The report as finalised (its ProgressReportView); null for a draft. */
      snapshot: z.record(z.string(), z.unknown()).nullable(),
      documents: z.array(documentPath),
    }),
  ),
  selfEvaluations: z.array(
    z.strictObject({
      id,
      funder: z.string(),
      title: z.string(),
      questionSet: z.string(),
      recipient: z.string().nullable(),
      region: z.string().nullable(),
      grantType: z.string().nullable(),
      amount: kroner.nullable(),
      grantYear: year.nullable(),
      subGoal: z.string().nullable(),
      targetGroups: z.array(z.string()),
      description: richText,
      answers: z.record(
        z.string(),
        z.object({
          rating: z.number().int().min(1).max(5).nullable(),
          narrative: z.string().nullable(),
        }),
      ),
      document: documentPath,
    }),
  ),
  auditTrail: z.strictObject({ file: documentPath, events: z.number().int().nonnegative() }),
  /** The plan's attachments (bilag) in package order, each with its file under bilag/. */
  attachments: z.array(
    z.strictObject({
      title: z.string(),
      kind: z.enum(["communication_strategy", "preparedness_plan", "terms_of_reference", "other"]),
      fileName: z.string(),
      mediaType: z.string(),
      fileSize: z.number().int().positive(),
      uploadedAt: isoTime,
      uploadedBy: z.string().nullable(),
      file: documentPath,
    }),
  ),
});
export type PlanArchiveData = z.infer<typeof PlanArchiveDataSchema>;

export const FundArchiveDataSchema = z.strictObject({
  ...header,
  fund: z.strictObject({
    id,
    name: z.string(),
    organisation: z.string(),
    guidelines: richText,
    maxYears: z.number().int(),
    minOwnSharePercent: z.number().int().nullable(),
    maxAmountPerTenancy: kroner.nullable(),
    prioritiseLbfCofinancing: z.boolean(),
    prioritiseAcute: z.boolean(),
    reportDueMonthDay: z.string(),
    frames: z.array(z.strictObject({ year, amount: kroner })),
  }),
  applications: z.array(
    z.strictObject({
      id,
      title: z.string(),
      estate: z.string(),
      status: z.enum([
        "draft",
        "submitted",
        "approved",
        "approved_reduced",
        "rejected",
        "withdrawn",
      ]),
      need: z.enum(["preventive", "acute"]),
      notOrdinaryActivity: z.boolean(),
      startYear: year,
      endYear: year,
      tenancies: z.number().int().nullable(),
      description: richText,
      purpose: richText,
      years: z.array(z.strictObject({ year, requestedAmount: kroner, ownContribution: kroner })),
      otherFunding: z.array(
        z.strictObject({
          kind: z.enum(["lbf_plan", "external"]),
          planId: id.nullable(),
          name: z.string().nullable(),
          amount: kroner,
        }),
      ),
      submittedAt: isoTime.nullable(),
      assessment: z.string().nullable(),
      recommendation: z.enum(["approve", "approve_reduced", "reject"]).nullable(),
      decisionDate: isoDate.nullable(),
      decisionConditions: z.string().nullable(),
      document: documentPath,
      decisionDocument: documentPath.nullable(),
    }),
  ),
  grants: z.array(
    z.strictObject({
      id,
      applicationId: id,
      estate: z.string(),
      years: z.array(z.strictObject({ year, amount: kroner })),
      /** The yearly reports on the grant (spending and activities). */
      reports: z.array(
        z.strictObject({
          year,
          status: z.enum(["draft", "submitted"]),
          spent: kroner,
          activities: richText,
          submittedAt: isoTime.nullable(),
        }),
      ),
    }),
  ),
});
export type FundArchiveData = z.infer<typeof FundArchiveDataSchema>;
