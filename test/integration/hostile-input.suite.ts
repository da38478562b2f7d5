/**
 * Hostile input against every form (issue 16), run in parts by hostile-input-*.test.ts: for each route action with a form, at least 100
 * submissions generated from the form's zod schema (test/helpers/hostile.ts) are posted as a user
 * who may use the form, on the demo data, on both databases. Asserted for every one: no 500 (no
 * thrown error other than a Response), and every 4xx keeps what the user posted (`values`) and says
 * what is wrong (a message in `errors`, or for a refused save a message for the whole form).
 * Successful saves are allowed (many hostile values are fine text); the form's hidden version is
 * read again after each of the first saves (REFRESHES), so those cases reach the model and the
 * database; after that a stale version's 409 is a valid answer too. Hidden fields get tampered
 * cases of their own (any 4xx). A posted id of something that does not exist may answer 404, as
 * everywhere. The figures per form are printed at the end (HOSTILE_LOG=file also writes them as
 * each form finishes).
 */
import { appendFileSync } from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  activities,
  agreements,
  agreementVersions,
  dispositionFunds,
  focusAreas,
  fundApplications,
  fundingSources,
  fundReports,
  people,
  plans,
  progressReports,
  selfEvaluations,
  successCriteria,
  users,
  organisations,
} from "../../db/schema";
import { seedDemoReporting } from "../../db/demo-reporting";
import { createTestDb, drivers, type Driver, type TestDb } from "../helpers/db";
import {
  encodeBody,
  formFields,
  hiddenFieldCases,
  hostileCases,
  type FormEntries,
  type FormField,
  type HostileCase,
} from "../helpers/hostile";
import { callRoute, useTestDbForRoutes, type RouteResult } from "../helpers/routes";
import {
  ActivitySchema,
  AgreementBasicsSchema,
  AgreementCreateSchema,
  ClausesSchema,
  CriteriaSchema,
  FinancingSchema,
  InterplaySchema,
  PartiesSchema,
  ProblemStatementSchema,
  PurposeSchema,
  StaffSchema,
  WorkingGroupsSchema,
} from "~/domain/agreement";
import {
  applicationSchema,
  decisionSchema,
  FundAssessmentSchema,
  fundReportSchema,
  FundSettingsSchema,
  WithdrawApplicationSchema,
} from "~/domain/disposition-fund";
import { formDataToValues } from "~/domain/form";
import { MeasurementGridSchema } from "~/domain/measurement";
import { OrganisationFormSchema, PersonFormSchema } from "~/domain/organisation";
import { PlanFormSchema } from "~/domain/plan";
import { ProgressReportNarrativeSchema, ReopenReportSchema } from "~/domain/progress-report";
import { DecisionSchema, StartRevisionSchema, SubmitRevisionSchema } from "~/domain/revision";
import { requireQuestionSet, selfEvaluationSchema } from "~/domain/self-evaluation";
import { SpendingSchema } from "~/domain/spending";
import {
  LoginSchema,
  OrganisationMembershipSchema,
  PlanMembershipSchema,
  UserCreateSchema,
  UserUpdateSchema,
} from "~/domain/user";
import { z as zod } from "~/domain/zod";
import { CommentLinkSchema, NewCommentSchema, ReplySchema } from "~/domain/comments";
import { NotificationPreferencesSchema } from "~/domain/notification-preferences";
import { SAVE_NOTIFICATIONS_INTENT } from "~/components/notification-preferences";
import { createCommentLink } from "~/models/comment-links.server";
import { addComment } from "~/models/comments.server";
import { startRevision, submitRevision } from "~/models/revisions.server";
import * as account from "~/routes/account";
import * as commentLinkPage from "~/routes/kommentar.$token";
import * as agreementPage from "~/routes/plans.$planId.agreements.$agreementId._index";
import * as commentLinks from "~/routes/plans.$planId.agreements.$agreementId.comment-links";
import * as adminUser from "~/routes/admin.users.$userId";
import * as adminUserNew from "~/routes/admin.users.new";
import * as application from "~/routes/funds.$fundId.applications.$applicationId._index/route";
import * as applicationEdit from "~/routes/funds.$fundId.applications.$applicationId.edit";
import * as applicationNew from "~/routes/funds.$fundId.applications.new";
import * as grantReport from "~/routes/funds.$fundId.grants.$grantId.reports.$year";
import * as login from "~/routes/login";
import * as organisationEdit from "~/routes/organisations.$organisationId.edit";
import * as fundSettings from "~/routes/organisations.$organisationId.fund";
import * as organisationNew from "~/routes/organisations.new";
import * as personEdit from "~/routes/people.$personId.edit";
import * as personNew from "~/routes/people.new";
import * as activityEdit from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.$activityId";
import * as activityList from "~/routes/plans.$planId.agreements.$agreementId.edit.activities._index";
import * as activityNew from "~/routes/plans.$planId.agreements.$agreementId.edit.activities.new";
import * as basics from "~/routes/plans.$planId.agreements.$agreementId.edit.basics";
import * as clauses from "~/routes/plans.$planId.agreements.$agreementId.edit.clauses";
import * as criteria from "~/routes/plans.$planId.agreements.$agreementId.edit.criteria";
import * as financing from "~/routes/plans.$planId.agreements.$agreementId.edit.financing";
import * as interplay from "~/routes/plans.$planId.agreements.$agreementId.edit.interplay";
import * as parties from "~/routes/plans.$planId.agreements.$agreementId.edit.parties";
import * as problem from "~/routes/plans.$planId.agreements.$agreementId.edit.problem";
import * as purpose from "~/routes/plans.$planId.agreements.$agreementId.edit.purpose";
import * as staff from "~/routes/plans.$planId.agreements.$agreementId.edit.staff";
import * as workingGroups from "~/routes/plans.$planId.agreements.$agreementId.edit.working-groups";
import * as measurements from "~/routes/plans.$planId.agreements.$agreementId.measurements";
import * as review from "~/routes/plans.$planId.agreements.$agreementId.review";
import * as revision from "~/routes/plans.$planId.agreements.$agreementId.revision";
import * as spending from "~/routes/plans.$planId.agreements.$agreementId.spending";
import * as agreementNew from "~/routes/plans.$planId.agreements.new";
import * as planEdit from "~/routes/plans.$planId.edit";
import * as report from "~/routes/plans.$planId.reports.$year._index";
import * as planRevisions from "~/routes/plans.$planId.revisions";
import * as selfEvaluationEdit from "~/routes/plans.$planId.self-evaluations.$evaluationId.edit";
import * as selfEvaluationNew from "~/routes/plans.$planId.self-evaluations.new";
import * as planNew from "~/routes/plans.new";
import type { DEMO_USERS } from "../../db/seed";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type Handler = Parameters<typeof callRoute>[0];

/** What the suite needs to know of the demo data, read once per database. */
interface Ids {
  planId: number;
  agreementId: number;
  activityId: number;
  criterionId: number;
  criterion: { baselineValue: number | null; targetValue: number | null };
  fundingSourceId: number;
  personId: number;
  municipalityId: number;
  laerkeredenId: number;
  solsikkeparkenId: number;
  kloeverhavenId: number;
  fundingRoundId: number;
  freeFocusAreaId: number;
  fundId: number;
  grantId: number;
  submittedApplicationId: number;
  draftApplicationId: number;
  evaluationId: number;
  viewerId: number;
}

interface FormSpec {
  name: string;
  action: Handler;
  user: keyof typeof DEMO_USERS | null;
  url: (ids: Ids) => string;
  params: (ids: Ids) => Record<string, string>;
  /** The form's fields: from its zod schema (or listed, where the schema is the route's own). */
  fields: (ids: Ids) => FormField[];
  /** Valid values for every field, and the hidden fields with their current values. */
  base: (ids: Ids, db: TestDb) => Promise<FormEntries>;
  /** Hidden fields: refreshed after every save, and tampered with in cases of their own. */
  hidden?: string[];
  /**
   * A row of buttons (move, delete) rather than fields a user types into: a refusal needs a
   * message, but there is no typed input to give back.
   */
  buttons?: boolean;
  /** Values that must differ per case (a new user's e-mail), so one save does not block the rest. */
  vary?: Record<string, (n: number) => string>;
  /** Run before the form's cases (e.g. a revision awaiting the board). */
  setup?: (ids: Ids, db: TestDb) => Promise<void>;
  /** Run after a case saved, so the next case meets the same state (e.g. a free focus area). */
  afterSave?: (ids: Ids, db: TestDb) => Promise<void>;
  /** Where the form's answer keeps `values` and `errors`, when not at the top (default: itself). */
  answer?: (data: unknown) => unknown;
  /**
   * Fields the server deliberately does not give back: login's `redirectTo` (a hostile target is
   * replaced by a safe one, never echoed) and the one-time `confirmRemoval` answer.
   */
  notEchoed?: string[];
}

/** Fields of a schema, minus the hidden ones. */
const fieldsOf = (schema: z.ZodType, hidden: readonly string[] = []) =>
  formFields(schema).filter((f) => !hidden.includes(f.path));

/** A simple default per field kind; forms override what needs real ids or related values. */
function defaults(fields: readonly FormField[], overrides: Record<string, string>): FormEntries {
  const entries: FormEntries = [];
  for (const f of fields) {
    if (f.path in overrides) continue;
    if (f.kind === "list") continue;
    const last = f.path.split(".").pop()!;
    const value =
      /(^id|Id)$/.test(last) && f.kind === "number"
        ? ""
        : f.kind === "text"
          ? "Tekst"
          : f.kind === "number"
            ? "1"
            : f.kind === "date"
              ? "2024-01-01"
              : f.kind === "enum"
                ? (f.options?.find(Boolean) ?? "")
                : f.kind === "boolean"
                  ? "on"
                  : "";
    entries.push([f.path, value]);
  }
  for (const [key, value] of Object.entries(overrides)) entries.push([key, value]);
  return entries;
}

async function versionOf(
  db: TestDb,
  table:
    | typeof agreements
    | typeof plans
    | typeof organisations
    | typeof people
    | typeof users
    | typeof fundApplications
    | typeof selfEvaluations,
  id: number,
): Promise<string> {
  const [row] = await db.db.select({ v: table.version }).from(table).where(eq(table.id, id));
  return String(row?.v ?? 0);
}

const agreementUrl = (ids: Ids, rest: string) =>
  `/plans/${ids.planId}/agreements/${ids.agreementId}${rest}`;
const agreementParams = (ids: Ids) => ({
  planId: String(ids.planId),
  agreementId: String(ids.agreementId),
});

/** A section page of the demo agreement, edited by the secretariat. */
function section(
  name: string,
  action: Handler,
  schema: z.ZodType,
  values: (ids: Ids) => Record<string, string>,
): FormSpec {
  return {
    name: `edit/${name}`,
    action,
    user: "secretariat",
    url: (ids) => agreementUrl(ids, `/edit/${name}`),
    params: agreementParams,
    fields: () => fieldsOf(schema),
    hidden: ["version"],
    base: async (ids, db) => [
      ["version", await versionOf(db, agreements, ids.agreementId)],
      ...defaults(fieldsOf(schema), values(ids)),
    ],
  };
}

const criterionRow = (prefix: string) => ({
  [`${prefix}.text`]: "Flere beboere føler sig trygge",
  [`${prefix}.dataSource`]: "Tryghedsmåling",
  [`${prefix}.baselineValue`]: "70",
  [`${prefix}.baselineUnit`]: "%",
  [`${prefix}.baselineYear`]: "2023",
  [`${prefix}.targetValue`]: "80",
  [`${prefix}.targetUnit`]: "%",
  [`${prefix}.targetYear`]: "2026",
});

const activityValues = (ids: Ids) => ({
  name: "Lektiecafé",
  reference: "",
  content: "Hver **tirsdag**.",
  purposes: "Bedre karakterer",
  targetGroups: "Børn i 4.-9. klasse",
  ...criterionRow("criteria.0"),
  "responsibilities.0.organisationId": String(ids.municipalityId),
  "responsibilities.0.label": "",
  "responsibilities.0.duties": "Lokaler",
});

const planValues = (ids: Ids) => ({
  name: "Helhedsplan Testparken",
  fundingRoundId: String(ids.fundingRoundId),
  periodStart: "2023-01-01",
  periodEnd: "2026-12-31",
  status: "active",
  municipalityId: String(ids.municipalityId),
  organisationIds: String(ids.laerkeredenId),
  description: "Beskrivelse",
  revisionIntervalMonths: "12",
  reportDueMonthDay: "30-06",
  reminderOffsetDays: "-14, 0, 7",
});

const applicationValues = (ids: Ids) => ({
  estateId: String(ids.kloeverhavenId),
  title: "Lektiehjælp",
  description: "Beskrivelse",
  purpose: "Formål",
  need: "preventive",
  notOrdinaryActivity: "on",
  startYear: "2026",
  endYear: "2026",
  tenancies: "212",
  "years.0.year": "2026",
  "years.0.requestedAmount": "50000",
  "years.0.ownContribution": "10000",
  "funding.0.kind": "external",
  "funding.0.planId": "",
  "funding.0.name": "Fonden for lektiehjælp",
  "funding.0.amount": "5000",
});

const selfEvaluationSet = () => requireQuestionSet("havbakke");

const SPECS: FormSpec[] = [
  {
    name: "login",
    action: login.action,
    user: null,
    url: () => "/login",
    params: () => ({}),
    fields: () => fieldsOf(LoginSchema),
    base: async () => [
      ["email", "laeser@samarbejde.example"],
      ["password", "forkert-adgangskode"],
      ["redirectTo", "/"],
    ],
    notEchoed: ["redirectTo"],
  },
  {
    name: "plans/new",
    action: planNew.action,
    user: "admin",
    url: () => "/plans/new",
    params: () => ({}),
    fields: () => fieldsOf(PlanFormSchema),
    base: async (ids) => defaults(fieldsOf(PlanFormSchema), planValues(ids)),
  },
  {
    name: "plans/$planId/edit",
    action: planEdit.action,
    user: "secretariat",
    url: (ids) => `/plans/${ids.planId}/edit`,
    params: (ids) => ({ planId: String(ids.planId) }),
    fields: () => fieldsOf(PlanFormSchema),
    hidden: ["version"],
    base: async (ids, db) => [
      ["version", await versionOf(db, plans, ids.planId)],
      ...defaults(fieldsOf(PlanFormSchema), {
        ...planValues(ids),
        name: "Helhedsplan Strandengen og Solsikkeparken",
      }),
    ],
  },
  {
    name: "plans/$planId/agreements/new",
    action: agreementNew.action,
    user: "secretariat",
    url: (ids) => `/plans/${ids.planId}/agreements/new`,
    params: (ids) => ({ planId: String(ids.planId) }),
    fields: () => fieldsOf(AgreementCreateSchema),
    base: async (ids) =>
      defaults(fieldsOf(AgreementCreateSchema), {
        focusAreaId: String(ids.freeFocusAreaId),
        openingText: OPENING_CLAUSE_DEFAULTS["2018"],
        validFrom: "2024-01-01",
        validTo: "2026-12-31",
      }),
    // The opening clause is free text, so many cases save: free the focus area again each time,
    // or every later case would only meet "the focus area already has a delaftale".
    afterSave: async (ids, t) => {
      await t.db
        .delete(agreements)
        .where(
          and(eq(agreements.planId, ids.planId), eq(agreements.focusAreaId, ids.freeFocusAreaId)),
        );
    },
  },
  section("basics", basics.action, AgreementBasicsSchema, () => ({
    openingText: OPENING_CLAUSE_DEFAULTS["2018"],
    validFrom: "2023-01-01",
    validTo: "2026-12-31",
  })),
  section("parties", parties.action, PartiesSchema, (ids) => ({
    "parties.0.tier": "primary",
    "parties.0.organisationId": String(ids.municipalityId),
  })),
  section("working-groups", workingGroups.action, WorkingGroupsSchema, (ids) => ({
    "groups.0.name": "Styregruppe",
    "groups.0.members.0.personId": String(ids.personId),
    "groups.0.members.0.count": "",
    "groups.0.members.0.description": "",
    "groups.0.members.0.names": "",
  })),
  section("problem", problem.action, ProblemStatementSchema, () => ({
    problemStatement: "## Baggrund\n\nMange unge er uden uddannelse.",
  })),
  section("purpose", purpose.action, PurposeSchema, () => ({
    purposes: "- Tryghed\n- Trivsel",
    "goals.0.text": "Flere i job",
    method: "Opsøgende arbejde",
  })),
  section("criteria", criteria.action, CriteriaSchema, () => criterionRow("criteria.0")),
  section("interplay", interplay.action, InterplaySchema, () => ({
    municipalInterplay: "Samspil",
    anchoring: "Forankring",
  })),
  section("financing", financing.action, FinancingSchema, () => ({
    "sources.0.kind": "lbf",
    "sources.0.name": "",
    "sources.0.amounts.y2024": "100.000",
  })),
  section("staff", staff.action, StaffSchema, () => ({
    "staff.0.description": "1 projektleder, 37 timer/uge",
  })),
  section("clauses", clauses.action, ClausesSchema, () => ({
    conflictHandling: "Konflikter løses i styregruppen.",
    revisionClause: "Aftalen revideres årligt.",
  })),
  {
    ...section("activities/new", activityNew.action, ActivitySchema, activityValues),
  },
  {
    ...section("activities/$activityId", activityEdit.action, ActivitySchema, (ids) => ({
      ...activityValues(ids),
      // The form replaces the activity's criteria, which have measurements: the user confirms
      // that they are retired (kept with their history), as the page asks.
      confirmRemoval: "1",
    })),
    url: (ids) => agreementUrl(ids, `/edit/activities/${ids.activityId}`),
    params: (ids) => ({ ...agreementParams(ids), activityId: String(ids.activityId) }),
    notEchoed: ["confirmRemoval"],
  },
  {
    name: "edit/activities (move)",
    buttons: true,
    action: activityList.action,
    user: "secretariat",
    url: (ids) => agreementUrl(ids, "/edit/activities"),
    params: agreementParams,
    // The route's own schema (a discriminated union of move and delete).
    fields: () => [
      { path: "intent", kind: "enum", options: ["move", "delete"] },
      { path: "activityId", kind: "number" },
      { path: "direction", kind: "enum", options: ["up", "down"] },
    ],
    hidden: ["version"],
    base: async (ids, db) => [
      ["version", await versionOf(db, agreements, ids.agreementId)],
      ["intent", "move"],
      ["activityId", String(ids.activityId)],
      ["direction", "down"],
    ],
  },
  {
    name: "measurements",
    action: measurements.action,
    user: "reporter",
    url: (ids) => agreementUrl(ids, "/measurements?year=2024"),
    params: agreementParams,
    fields: () => fieldsOf(MeasurementGridSchema, ["rows.0.version"]),
    hidden: ["rows.0.version"],
    base: async (ids, db) => {
      const { measurements: table } = await import("../../db/schema");
      const [m] = await db.db
        .select({ v: table.version })
        .from(table)
        .where(and(eq(table.criterionId, ids.criterionId), eq(table.year, 2024)));
      const number = (v: number | null) => (v == null ? "" : String(v).replace(".", ","));
      return [
        ["rows.0.version", m ? String(m.v) : ""],
        ...defaults(fieldsOf(MeasurementGridSchema, ["rows.0.version"]), {
          "rows.0.criterionId": String(ids.criterionId),
          "rows.0.baselineValue": number(ids.criterion.baselineValue),
          "rows.0.targetValue": number(ids.criterion.targetValue),
          "rows.0.valueNumber": "",
          "rows.0.valueText": "Bedre end sidste år",
          "rows.0.unit": "",
          "rows.0.status": "not_measured",
          "rows.0.overrideReason": "Måles ikke i år",
          "rows.0.comment": "",
          "rows.0.source": "",
        }),
      ];
    },
  },
  {
    name: "spending",
    action: spending.action,
    user: "reporter",
    url: (ids) => agreementUrl(ids, "/spending?year=2024"),
    params: agreementParams,
    fields: () => fieldsOf(SpendingSchema),
    base: async (ids) =>
      defaults(
        fieldsOf(SpendingSchema).filter((f) => !/loaded/.test(f.path)),
        {
          "rows.0.fundingSourceId": String(ids.fundingSourceId),
          "rows.0.amount": "1.000",
          "rows.0.note": "",
        },
      ),
  },
  {
    name: "organisations/new",
    vary: { name: (n) => `Lektiecaféen ${n}` },
    action: organisationNew.action,
    user: "admin",
    url: () => "/organisations/new",
    params: () => ({}),
    fields: () => fieldsOf(OrganisationFormSchema),
    base: async () =>
      defaults(fieldsOf(OrganisationFormSchema), {
        kind: "ngo",
        name: "Lektiecaféen",
        parentId: "",
        tenancies: "",
        address: "",
        note: "",
      }),
  },
  {
    name: "organisations/$organisationId/edit",
    action: organisationEdit.action,
    user: "admin",
    url: (ids) => `/organisations/${ids.solsikkeparkenId}/edit`,
    params: (ids) => ({ organisationId: String(ids.solsikkeparkenId) }),
    fields: () => fieldsOf(OrganisationFormSchema),
    hidden: ["version"],
    base: async (ids, db) => [
      ["version", await versionOf(db, organisations, ids.solsikkeparkenId)],
      ...defaults(fieldsOf(OrganisationFormSchema), {
        kind: "estate",
        name: "Afd. 4 Solsikkeparken",
        parentId: String(ids.laerkeredenId),
        tenancies: "386",
        address: "",
        note: "",
      }),
    ],
  },
  {
    name: "people/new",
    action: personNew.action,
    user: "admin",
    url: () => "/people/new",
    params: () => ({}),
    fields: () => fieldsOf(PersonFormSchema),
    base: async (ids) =>
      defaults(fieldsOf(PersonFormSchema), {
        name: "Lise Lund",
        email: "lise@example.dk",
        phone: "",
        organisationId: String(ids.municipalityId),
      }),
  },
  {
    name: "people/$personId/edit",
    action: personEdit.action,
    user: "admin",
    url: (ids) => `/people/${ids.personId}/edit`,
    params: (ids) => ({ personId: String(ids.personId) }),
    fields: () => fieldsOf(PersonFormSchema),
    hidden: ["version"],
    base: async (ids, db) => [
      ["version", await versionOf(db, people, ids.personId)],
      ...defaults(fieldsOf(PersonFormSchema), {
        name: "Lise Lund",
        email: "",
        phone: "",
        organisationId: "",
      }),
    ],
  },
  {
    name: "organisations/$organisationId/fund",
    action: fundSettings.action,
    user: "fundAdmin",
    url: (ids) => `/organisations/${ids.laerkeredenId}/fund`,
    params: (ids) => ({ organisationId: String(ids.laerkeredenId) }),
    fields: () => fieldsOf(FundSettingsSchema),
    hidden: ["version"],
    base: async (ids, db) => {
      const [fund] = await db.db
        .select({ v: dispositionFunds.version })
        .from(dispositionFunds)
        .where(eq(dispositionFunds.organisationId, ids.laerkeredenId));
      return [
        ["version", String(fund?.v ?? 0)],
        ...defaults(fieldsOf(FundSettingsSchema), {
          name: "Lærkeredens Dispositionsfond",
          guidelines: "Retningslinjer",
          maxYears: "4",
          minOwnSharePercent: "10",
          maxAmountPerTenancy: "600",
          reportDueMonthDay: "31-03",
          reminderOffsetDays: "-14, 0, 7",
          "frames.0.year": "2027",
          "frames.0.amount": "1.000.000",
        }),
      ];
    },
  },
  {
    name: "funds/$fundId/applications/new",
    action: applicationNew.action,
    user: "applicant",
    url: (ids) => `/funds/${ids.fundId}/applications/new`,
    params: (ids) => ({ fundId: String(ids.fundId) }),
    fields: () => fieldsOf(applicationSchema({ maxYears: 4 })),
    hidden: ["intent"],
    base: async (ids) => [
      ["intent", "draft"],
      ...defaults(fieldsOf(applicationSchema({ maxYears: 4 })), applicationValues(ids)),
    ],
  },
  {
    name: "funds/$fundId/applications/$applicationId/edit",
    action: applicationEdit.action,
    user: "applicant",
    url: (ids) => `/funds/${ids.fundId}/applications/${ids.draftApplicationId}/edit`,
    params: (ids) => ({
      fundId: String(ids.fundId),
      applicationId: String(ids.draftApplicationId),
    }),
    fields: () => fieldsOf(applicationSchema({ maxYears: 4 })),
    hidden: ["version", "intent"],
    base: async (ids, db) => [
      ["version", await versionOf(db, fundApplications, ids.draftApplicationId)],
      ["intent", "draft"],
      ...defaults(fieldsOf(applicationSchema({ maxYears: 4 })), applicationValues(ids)),
    ],
  },
  {
    name: "funds/…/applications/$applicationId (assess)",
    action: application.action,
    user: "fundAdmin",
    url: (ids) => `/funds/${ids.fundId}/applications/${ids.submittedApplicationId}`,
    params: (ids) => ({
      fundId: String(ids.fundId),
      applicationId: String(ids.submittedApplicationId),
    }),
    fields: () => fieldsOf(FundAssessmentSchema),
    hidden: ["version", "intent"],
    base: async (ids, db) => [
      ["version", await versionOf(db, fundApplications, ids.submittedApplicationId)],
      ["intent", "assess"],
      ...defaults(fieldsOf(FundAssessmentSchema), {
        assessment: "Ansøgningen lever op til retningslinjerne.",
        recommendation: "approve",
      }),
    ],
  },
  {
    name: "funds/…/applications/$applicationId (decide)",
    action: application.action,
    user: "fundAdmin",
    url: (ids) => `/funds/${ids.fundId}/applications/${ids.submittedApplicationId}`,
    params: (ids) => ({
      fundId: String(ids.fundId),
      applicationId: String(ids.submittedApplicationId),
    }),
    fields: () => fieldsOf(decisionSchema([])),
    hidden: ["version", "intent"],
    base: async (ids, db) => [
      ["version", await versionOf(db, fundApplications, ids.submittedApplicationId)],
      ["intent", "decide"],
      ...defaults(fieldsOf(decisionSchema([])), {
        decision: "approved",
        decisionDate: "2026-03-01",
        conditions: "",
        "amounts.0.year": "2026",
        "amounts.0.amount": "1000",
      }),
    ],
  },
  {
    name: "funds/…/applications/$applicationId (withdraw)",
    action: application.action,
    user: "applicant",
    url: (ids) => `/funds/${ids.fundId}/applications/${ids.draftApplicationId}`,
    params: (ids) => ({
      fundId: String(ids.fundId),
      applicationId: String(ids.draftApplicationId),
    }),
    fields: () => fieldsOf(WithdrawApplicationSchema),
    hidden: ["version", "intent"],
    base: async (ids, db) => [
      ["version", await versionOf(db, fundApplications, ids.draftApplicationId)],
      ["intent", "withdraw"],
      ["confirm", "on"],
    ],
  },
  {
    name: "funds/…/grants/$grantId/reports/$year",
    action: grantReport.action,
    user: "applicant",
    url: (ids) => `/funds/${ids.fundId}/grants/${ids.grantId}/reports/2025`,
    params: (ids) => ({ fundId: String(ids.fundId), grantId: String(ids.grantId), year: "2025" }),
    fields: () => fieldsOf(fundReportSchema("save")),
    hidden: ["version", "intent"],
    base: async (ids, db) => {
      const [row] = await db.db
        .select({ v: fundReports.version })
        .from(fundReports)
        .where(and(eq(fundReports.grantId, ids.grantId), eq(fundReports.year, 2025)));
      return [
        ["version", String(row?.v ?? 0)],
        ["intent", "save"],
        ["spent", "12.000"],
        ["activities", "Lektiecaféen har haft åbent hver uge."],
      ];
    },
  },
  {
    name: "plans/$planId/reports/$year (save)",
    action: report.action,
    user: "reporter",
    url: (ids) => `/plans/${ids.planId}/reports/2024`,
    params: (ids) => ({ planId: String(ids.planId), year: "2024" }),
    fields: () => fieldsOf(ProgressReportNarrativeSchema),
    hidden: ["version", "intent"],
    base: async (ids, db) => {
      const [row] = await db.db
        .select({ v: progressReports.version })
        .from(progressReports)
        .where(and(eq(progressReports.planId, ids.planId), eq(progressReports.year, 2024)));
      return [
        ["version", String(row?.v ?? 0)],
        ["intent", "save"],
        ...defaults(fieldsOf(ProgressReportNarrativeSchema), {
          summary: "Et godt år.",
          whatWorked: "Lektiecaféen.",
          nextYear: "Mere af det samme.",
          "activityNotes.0.activityId": String(ids.activityId),
          "activityNotes.0.note": "Godt besøgt",
        }),
      ];
    },
  },
  {
    name: "plans/$planId/reports/$year (reopen)",
    action: report.action,
    user: "admin",
    url: (ids) => `/plans/${ids.planId}/reports/2023`,
    params: (ids) => ({ planId: String(ids.planId), year: "2023" }),
    fields: () => fieldsOf(ReopenReportSchema),
    hidden: ["version", "intent"],
    base: async (ids, db) => {
      const [row] = await db.db
        .select({ v: progressReports.version })
        .from(progressReports)
        .where(and(eq(progressReports.planId, ids.planId), eq(progressReports.year, 2023)));
      return [
        ["version", String(row?.v ?? 1)],
        ["intent", "reopen"],
        ["reason", "Et tal var forkert."],
      ];
    },
  },
  {
    name: "plans/$planId/self-evaluations/new",
    action: selfEvaluationNew.action,
    user: "reporter",
    url: (ids) => `/plans/${ids.planId}/self-evaluations/new`,
    params: (ids) => ({ planId: String(ids.planId) }),
    fields: () => [
      ...fieldsOf(selfEvaluationSchema(selfEvaluationSet())),
      { path: "questionSet", kind: "enum", options: ["havbakke", "standard"] },
    ],
    base: async () =>
      defaults(fieldsOf(selfEvaluationSchema(selfEvaluationSet())), {
        questionSet: "havbakke",
        funder: "Havbakke Kommune",
        title: "Lektiecafé",
        amount: "100.000",
        grantYear: "2024",
        region: "",
        targetGroups: "Børn",
      }),
  },
  {
    name: "plans/$planId/self-evaluations/$evaluationId/edit",
    action: selfEvaluationEdit.action,
    user: "reporter",
    url: (ids) => `/plans/${ids.planId}/self-evaluations/${ids.evaluationId}/edit`,
    params: (ids) => ({ planId: String(ids.planId), evaluationId: String(ids.evaluationId) }),
    fields: () => fieldsOf(selfEvaluationSchema(selfEvaluationSet())),
    hidden: ["version"],
    base: async (ids, db) => [
      ["version", await versionOf(db, selfEvaluations, ids.evaluationId)],
      ...defaults(fieldsOf(selfEvaluationSchema(selfEvaluationSet())), {
        funder: "Havbakke Kommune",
        title: "Lektiecafé",
        amount: "100.000",
        grantYear: "2024",
        region: "",
        targetGroups: "Børn",
      }),
    ],
  },
  {
    name: "admin/users/new",
    vary: { email: (n) => `ny${n}@samarbejde.example` },
    action: adminUserNew.action,
    user: "admin",
    url: () => "/admin/users/new",
    params: () => ({}),
    fields: () => fieldsOf(UserCreateSchema),
    base: async () => [
      ["name", "Ny Bruger"],
      ["email", "ny@samarbejde.example"],
      ["password", "en-lang-adgangskode-2026"],
    ],
  },
  {
    name: "admin/users/$userId (update)",
    action: adminUser.action,
    user: "admin",
    url: (ids) => `/admin/users/${ids.viewerId}`,
    params: (ids) => ({ userId: String(ids.viewerId) }),
    fields: () => fieldsOf(UserUpdateSchema),
    hidden: ["version", "intent"],
    base: async (ids, db) => [
      ["version", await versionOf(db, users, ids.viewerId)],
      ["intent", "update"],
      ["name", "Jonas Vestergaard"],
      ["email", "laeser@samarbejde.example"],
      ["active", "on"],
      ["password", ""],
    ],
  },
  {
    name: "admin/users/$userId (plan role)",
    action: adminUser.action,
    user: "admin",
    url: (ids) => `/admin/users/${ids.viewerId}`,
    params: (ids) => ({ userId: String(ids.viewerId) }),
    fields: () => formFields(zod.object({ planMembership: PlanMembershipSchema })),
    hidden: ["intent"],
    base: async (ids) => [
      ["intent", "set-plan-membership"],
      ["planMembership.planId", String(ids.planId)],
      ["planMembership.role", "viewer"],
    ],
  },
  {
    name: "admin/users/$userId (organisation role)",
    action: adminUser.action,
    user: "admin",
    url: (ids) => `/admin/users/${ids.viewerId}`,
    params: (ids) => ({ userId: String(ids.viewerId) }),
    fields: () => formFields(zod.object({ organisationMembership: OrganisationMembershipSchema })),
    hidden: ["intent"],
    base: async (ids) => [
      ["intent", "add-organisation-membership"],
      ["organisationMembership.organisationId", String(ids.laerkeredenId)],
      ["organisationMembership.role", "applicant"],
      ["organisationMembership.estateId", String(ids.kloeverhavenId)],
    ],
  },
  {
    name: "plans/$planId/revisions (start all)",
    action: planRevisions.action,
    user: "secretariat",
    url: (ids) => `/plans/${ids.planId}/revisions`,
    params: (ids) => ({ planId: String(ids.planId) }),
    fields: () => fieldsOf(StartRevisionSchema),
    base: async () => [["year", "2026"]],
  },
  {
    name: "…/revision (start)",
    action: revision.action,
    user: "secretariat",
    url: (ids) => agreementUrl(ids, "/revision"),
    params: agreementParams,
    fields: () => fieldsOf(StartRevisionSchema),
    hidden: ["intent"],
    base: async () => [
      ["intent", "start"],
      ["year", "2026"],
    ],
  },
  {
    name: "…/revision (submit)",
    action: revision.action,
    user: "secretariat",
    url: (ids) => agreementUrl(ids, "/revision"),
    params: agreementParams,
    fields: () => fieldsOf(SubmitRevisionSchema),
    hidden: ["intent"],
    base: async () => [
      ["intent", "submit"],
      ["summary", "Nye succeskriterier"],
      ["recommendation", "Arbejdsgruppen anbefaler forslaget."],
    ],
  },
  {
    name: "…/review (board decision)",
    action: review.action,
    user: "board",
    url: (ids) => agreementUrl(ids, "/review"),
    params: agreementParams,
    fields: () => fieldsOf(DecisionSchema),
    hidden: ["versionId"],
    // A proposed version awaiting the board (the submit cases may have made one already).
    setup: async (ids, db) => {
      const secretariat = db.user("secretariat");
      const pending = await db.db
        .select({ id: agreementVersions.id })
        .from(agreementVersions)
        .where(
          and(
            eq(agreementVersions.agreementId, ids.agreementId),
            eq(agreementVersions.status, "proposed"),
          ),
        );
      if (pending.length) return;
      await startRevision(db.db, secretariat, ids.planId, ids.agreementId, 2026).catch(() => {});
      await submitRevision(db.db, secretariat, ids.planId, ids.agreementId, {
        summary: "Til bestyrelsen",
        recommendation: null,
      });
    },
    base: async (ids, db) => {
      const [proposed] = await db.db
        .select({ id: agreementVersions.id })
        .from(agreementVersions)
        .where(
          and(
            eq(agreementVersions.agreementId, ids.agreementId),
            eq(agreementVersions.status, "proposed"),
          ),
        );
      return [
        ["versionId", String(proposed?.id ?? 1)],
        ["decision", "reject"],
        ["meetingDate", "2026-05-01"],
        ["note", "Ret venligst datakilden."],
      ];
    },
  },
  {
    name: "…/agreements/$agreementId (comment)",
    action: agreementPage.action,
    user: "board",
    url: (ids) => agreementUrl(ids, ""),
    params: agreementParams,
    fields: () => fieldsOf(NewCommentSchema),
    hidden: ["intent"],
    base: async (ids) => [
      ["intent", "comment"],
      ["section", "problem"],
      ["activityId", String(ids.activityId)],
      ["body", "Kan vi skrive mere om, hvem der er spurgt?"],
    ],
  },
  {
    name: "…/agreements/$agreementId (reply)",
    action: agreementPage.action,
    user: "secretariat",
    url: (ids) => agreementUrl(ids, ""),
    params: agreementParams,
    fields: () => fieldsOf(ReplySchema),
    hidden: ["intent"],
    setup: async (ids, db) => {
      commentThreadId ??= (
        await addComment(
          db.db,
          { kind: "user", user: db.user("board") },
          ids.planId,
          ids.agreementId,
          { section: "purpose", activityId: null, body: "Et spørgsmål til formålet" },
        )
      ).id;
    },
    base: async () => [
      ["intent", "reply"],
      ["parentId", String(commentThreadId)],
      ["body", "Godt spørgsmål; vi retter det."],
    ],
  },
  {
    name: "kommentar/$token (comment through a link)",
    action: commentLinkPage.action,
    user: null,
    url: () => `/kommentar/${commentLinkToken}`,
    params: () => ({ token: commentLinkToken ?? "" }),
    fields: () => fieldsOf(NewCommentSchema),
    hidden: ["intent"],
    setup: async (ids, db) => {
      commentLinkToken ??= (
        await createCommentLink(db.db, db.user("secretariat"), ids.planId, ids.agreementId, {
          name: "Aske Arbejdsgruppe",
          email: null,
          days: 30,
        })
      ).token;
    },
    base: async () => [
      ["intent", "comment"],
      ["section", "activities"],
      ["activityId", ""],
      ["body", "Aktiviteterne ser fine ud."],
    ],
  },
  {
    name: "…/agreements/$agreementId/comment-links (create)",
    action: commentLinks.action,
    user: "secretariat",
    url: (ids) => agreementUrl(ids, "/comment-links"),
    params: agreementParams,
    fields: () => fieldsOf(CommentLinkSchema),
    hidden: ["intent"],
    base: async () => [
      ["intent", "create"],
      ["name", "Bodil Beboer"],
      ["email", "bodil@beboer.example"],
      ["days", "30"],
    ],
  },
  {
    name: "account (notification choices)",
    action: account.action,
    user: "reporter",
    url: () => "/account",
    params: () => ({}),
    fields: () => fieldsOf(NotificationPreferencesSchema),
    hidden: ["intent"],
    answer: (data) =>
      (data as { notificationFailure?: unknown } | null)?.notificationFailure ?? data,
    base: async () => [
      ["intent", SAVE_NOTIFICATIONS_INTENT],
      ...defaults(fieldsOf(NotificationPreferencesSchema), {}),
    ],
  },
];

/** The comment forms' thread and link, made by their setup once per database. */
let commentThreadId: number | undefined;
let commentLinkToken: string | undefined;

/** How many saves per form read the new version before the next case (see the runner). */
const REFRESHES = 12;

interface FormFigures {
  form: string;
  cases: number;
  saved: number;
  refused: number;
  errors500: number;
}

const figures: Record<Driver, FormFigures[]> = { pglite: [], postgres: [] };

/** The values the action should hand back: what was posted, as the app reads it. */
async function postedValues(body: string): Promise<Record<string, unknown>> {
  const formData = await new Response(body, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  }).formData();
  const values = formDataToValues(formData);
  delete values._list;
  delete values._period;
  // Passwords are never sent back (the forms answer with an empty one).
  delete values.password;
  return values;
}

function namesField(errors: Record<string, string>, field: string | null): boolean {
  if (field == null) return true;
  const keys = Object.keys(errors);
  const list = /^(.*?)\.\d+\./.exec(field)?.[1];
  return keys.some(
    (key) =>
      key === field ||
      key.startsWith(`${field}.`) ||
      field.startsWith(`${key}.`) ||
      (list != null && key.startsWith(`${list}.`)),
  );
}

/**
 * The suite for one part of the forms: `part` of `parts` contiguous slices of SPECS (in order, so
 * a form that builds on an earlier one's save, such as the board's decision on a submitted
 * revision, stays with it). Each part is its own test file, so the parts run side by side.
 */
export function hostileInputSuite(part: number, parts: number): void {
  const size = Math.ceil(SPECS.length / parts);
  const specs = SPECS.slice(part * size, (part + 1) * size);
  describe.each(drivers)(
    `hostile input on the forms, part ${part + 1} of ${parts}, on %s`,
    (driver) => {
      let t: TestDb;
      let ids: Ids;

      beforeAll(async () => {
        t = await createTestDb(driver);
        useTestDbForRoutes(t);
        commentThreadId = undefined;
        commentLinkToken = undefined;
        // A final report for 2023, so that an admin can be asked to reopen it.
        await seedDemoReporting(t.db, t.demo);
        const orgs = t.demo.organisationIds;
        const [activity] = await t.db
          .select({ id: activities.id })
          .from(activities)
          .where(eq(activities.agreementId, t.demo.agreementId))
          .orderBy(asc(activities.position));
        const [criterion] = await t.db
          .select({
            id: successCriteria.id,
            baselineValue: successCriteria.baselineValue,
            targetValue: successCriteria.targetValue,
          })
          .from(successCriteria)
          .where(eq(successCriteria.agreementId, t.demo.agreementId))
          .orderBy(asc(successCriteria.id));
        const [source] = await t.db
          .select({ id: fundingSources.id })
          .from(fundingSources)
          .where(eq(fundingSources.agreementId, t.demo.agreementId))
          .orderBy(asc(fundingSources.id));
        const [person] = await t.db.select({ id: people.id }).from(people).orderBy(asc(people.id));
        const [plan] = await t.db
          .select({ roundId: plans.fundingRoundId })
          .from(plans)
          .where(eq(plans.id, t.demo.planId));
        const used = await t.db
          .select({ id: agreements.focusAreaId })
          .from(agreements)
          .where(eq(agreements.planId, t.demo.planId));
        const areas = await t.db
          .select({ id: focusAreas.id })
          .from(focusAreas)
          .where(eq(focusAreas.fundingRoundId, plan!.roundId));
        const free = areas.find((a) => !used.some((u) => u.id === a.id));
        const [evaluation] = await t.db
          .select({ id: selfEvaluations.id })
          .from(selfEvaluations)
          .where(eq(selfEvaluations.planId, t.demo.planId));
        const fund = t.demo.dispositionFund;
        ids = {
          planId: t.demo.planId,
          agreementId: t.demo.agreementId,
          activityId: activity!.id,
          criterionId: criterion!.id,
          criterion: {
            baselineValue: criterion!.baselineValue,
            targetValue: criterion!.targetValue,
          },
          fundingSourceId: source!.id,
          personId: person!.id,
          municipalityId: orgs.municipality!,
          laerkeredenId: orgs.laerkereden!,
          solsikkeparkenId: orgs.solsikkeparken!,
          kloeverhavenId: orgs.kloeverhaven!,
          fundingRoundId: plan!.roundId,
          freeFocusAreaId: free!.id,
          fundId: fund.fundId,
          grantId: fund.grantId,
          submittedApplicationId: fund.submittedApplicationId,
          draftApplicationId: 0,
          evaluationId: evaluation!.id,
          viewerId: t.demo.userIds.viewer,
        };
        // A draft application of the applicant's own, to edit and finally withdraw.
        const created = await callRoute(
          applicationNew.action,
          `/funds/${fund.fundId}/applications/new`,
          {
            userId: t.demo.userIds.applicant,
            params: { fundId: String(fund.fundId) },
            body: encodeBody([["intent", "draft"], ...Object.entries(applicationValues(ids))]),
          },
        );
        const location = created.headers.get("Location") ?? "";
        ids.draftApplicationId = Number(/applications\/(\d+)/.exec(location)?.[1]);
        expect(ids.draftApplicationId).toBeGreaterThan(0);
      }, 120_000);

      afterAll(async () => {
        await t?.close();
        const rows = figures[driver];
        if (!rows.length) return;
        const total = rows.reduce((sum, r) => sum + r.cases, 0);
        const errors = rows.reduce((sum, r) => sum + r.errors500, 0);
        console.log(
          [
            `Hostile input on ${driver}: ${rows.length} forms, ${total} cases, ${errors} responses 500`,
            ...rows.map(
              (r) =>
                `  ${r.form.padEnd(52)} ${String(r.cases).padStart(4)} cases  ${String(r.saved).padStart(3)} saved  ${String(r.refused).padStart(4)} refused  ${r.errors500} × 500`,
            ),
          ].join("\n"),
        );
      });

      it.each(specs.map((spec) => [spec.name, spec] as const))(
        "%s: no 500, and every refusal keeps the input and names the field",
        async (_name, spec) => {
          await spec.setup?.(ids, t);
          const hidden = spec.hidden ?? [];
          let base = await spec.base(ids, t);
          const fields = spec.fields(ids).filter((f) => !hidden.includes(f.path));
          const cases: (HostileCase & { tampered?: boolean })[] = [
            ...hostileCases(fields, base),
            ...hiddenFieldCases(hidden, base).map((c) => ({ ...c, tampered: true })),
          ];
          const problems: string[] = [];
          let saved = 0;
          let refused = 0;
          let errors500 = 0;
          const userId = spec.user ? t.demo.userIds[spec.user] : undefined;
          for (const c of cases) {
            // Hidden fields as the form would have them now (unless the case tampers with them).
            const current = new Map(base.filter(([key]) => hidden.includes(key)));
            const n = saved + refused + errors500;
            const entries = (
              c.tampered
                ? c.entries
                : c.entries.map(([key, value]): [string, string] => [
                    key,
                    current.get(key) ?? value,
                  ])
            ).map(([key, value]): [string, string] => [
              key,
              spec.vary?.[key] && key !== c.field ? spec.vary[key]!(n) : value,
            ]);
            const body = encodeBody(entries, c.raw);
            const what = `${c.label} → ${c.field ?? "(form)"}`;
            let result: RouteResult;
            try {
              result = await callRoute(spec.action, spec.url(ids), {
                userId,
                params: spec.params(ids),
                body,
              });
            } catch (error) {
              errors500++;
              problems.push(`500 ${what}: ${(error as Error).message?.slice(0, 200)}`);
              continue;
            }
            if (result.status >= 500) {
              errors500++;
              problems.push(`${result.status} ${what}`);
              continue;
            }
            if (result.status < 400) {
              saved++;
              await spec.afterSave?.(ids, t);
              // Read the new version for the next cases; after a dozen saves, let the rest meet the
              // stale version (409) so the suite stays quick: the schema has refused them by then.
              if (hidden.length && saved <= REFRESHES) base = await spec.base(ids, t);
              continue;
            }
            refused++;
            // Without its hidden fields, the post is not the form's: any 4xx will do.
            const posted = new Set(entries.map(([key]) => key));
            if (c.tampered || hidden.some((h) => current.has(h) && !posted.has(h))) continue;
            const data = (spec.answer ? spec.answer(result.data) : result.data) as {
              values?: Record<string, unknown>;
              errors?: Record<string, string>;
              formError?: string;
            } | null;
            if (spec.buttons && data && (data.formError || Object.keys(data.errors ?? {}).length)) {
              continue;
            }
            // An id of something that does not exist (or is not this form's) is a 404, as everywhere.
            if (result.status === 404 && c.field && /(^|\.)id$|Id$/.test(c.field)) continue;
            if (!data || typeof data !== "object" || !data.values) {
              problems.push(
                `${result.status} without the form's values: ${what}: ${String(result.data).slice(0, 120)}`,
              );
              continue;
            }
            const errors = data.errors ?? {};
            if (!Object.keys(errors).length && !data.formError) {
              problems.push(`${result.status} without a message: ${what}`);
            } else if (result.status === 400 && !data.formError && !namesField(errors, c.field)) {
              problems.push(`400 names other fields (${Object.keys(errors).join(", ")}): ${what}`);
            }
            const expected = await postedValues(body);
            try {
              const { password: _password, ...kept } = data.values;
              for (const field of spec.notEchoed ?? []) {
                delete kept[field];
                delete expected[field];
              }
              expect(kept).toEqual(expected);
            } catch {
              problems.push(`${result.status} lost the input: ${what}`);
            }
          }
          figures[driver].push({ form: spec.name, cases: cases.length, saved, refused, errors500 });
          // Progress for long runs (HOSTILE_LOG=file): vitest shows the summary only at the end.
          if (process.env.HOSTILE_LOG) {
            appendFileSync(
              process.env.HOSTILE_LOG,
              `${driver} ${spec.name}: ${cases.length} cases, ${saved} saved, ${refused} refused, ${errors500} × 500\n${problems
                .slice(0, 8)
                .map((p) => `    ${p.slice(0, 300)}\n`)
                .join("")}`,
            );
          }
          expect(cases.length).toBeGreaterThanOrEqual(100);
          expect(problems.slice(0, 25)).toEqual([]);
        },
        300_000,
      );
    },
  );
}
