/**
 * The access matrix: every loader and action of every route file, called as every kind of user
 * (administrator, the plan's four roles, a fund administrator, an applicant, the secretariat of
 * another plan, a user without any role, and nobody signed in), with the ids of the user's own
 * data, with ids that belong to another plan, and with ids that do not exist. The expected answer
 * of each cell is data below (ACCESS), written from the product's rules, not from the code; a route
 * file without an entry fails the suite, so a new page cannot skip the question.
 *
 * Categories: "ok" (the page or a 2xx/3xx/400/409 answer: the request was let through), "forbidden"
 * (403), "notFound" (404), "login" (a redirect to the login page). A leak is a cell where the
 * request was let through although the rules deny it.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  dispositionFunds,
  focusAreas,
  mailMessages,
  milestones,
  people,
  planAttachments,
  selfEvaluations,
} from "../../db/schema";
import { DEMO_REPORT_YEAR } from "../../db/demo-reporting";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { callRoute, useTestDbForRoutes } from "../helpers/routes";
import { parseRichText } from "~/domain/rich-text";
import { IMPORT_FIXTURES } from "../fixtures/import";
import { createLogEvent, getLogSettings } from "~/models/activity-log/index.server";
import { createAgreement } from "~/models/agreements/create.server";
import { createImports } from "~/models/imports/index.server";
import { getAgreementView } from "~/models/agreements/read.server";
import { loadAgreementRecord } from "~/models/internal/agreement-records.server";
import { savePurpose } from "~/models/agreements/sections.server";
import { decideRevision, startRevision, submitRevision } from "~/models/revisions.server";
import { createUser } from "~/models/users.server";
import { OPENING_CLAUSE_DEFAULTS } from "~/domain/texts.da";

type Category = "ok" | "forbidden" | "notFound" | "login";

const ROLES = [
  "admin",
  "secretariat",
  "board",
  "reporter",
  "viewer",
  "fundAdmin",
  "applicant",
  "otherPlan",
  "nonMember",
  "anonymous",
] as const;
type Role = (typeof ROLES)[number];

type Expectation = Record<Role, Category>;

function expectation(ok: Role[], forbidden: Role[] = []): Expectation {
  return Object.fromEntries(
    ROLES.map((role) => [
      role,
      role === "anonymous" && !ok.includes(role)
        ? "login"
        : ok.includes(role)
          ? "ok"
          : forbidden.includes(role)
            ? "forbidden"
            : "notFound",
    ]),
  ) as Expectation;
}

const SIGNED_IN: Role[] = ROLES.filter((r) => r !== "anonymous");
const PLAN_MEMBERS: Role[] = ["admin", "secretariat", "board", "reporter", "viewer"];

/** The rules, by kind of page. */
const RULES = {
  /** Anyone, signed in or not (login page, health check). */
  public: expectation([...ROLES]),
  /** Any signed-in user (dashboard, lists filtered to what the user may see). */
  signedIn: expectation(SIGNED_IN),
  /** Administrators only; other users are told they may not (403). */
  admin: expectation(["admin"], SIGNED_IN),
  /** Every member of the plan reads; others do not learn that it exists (404). */
  planRead: expectation(PLAN_MEMBERS),
  /** The plan's secretariat (and administrators) change it; other members get 403. */
  planSecretariat: expectation(["admin", "secretariat"], ["board", "reporter", "viewer"]),
  /** Measurements, spending, reports and self-evaluations: the reporter too. */
  planReporting: expectation(["admin", "secretariat", "reporter"], ["board", "viewer"]),
  /** The board decides on a proposed version. */
  planBoard: expectation(["admin", "board"], ["secretariat", "reporter", "viewer"]),
  /** The shared register of organisations and people: the secretariat of any plan edits it. */
  registerEditor: expectation(
    ["admin", "secretariat", "otherPlan"],
    ["board", "reporter", "viewer", "fundAdmin", "applicant", "nonMember"],
  ),
  /** A dispositionsfond: its administrators and its estates' applicants. */
  fundMember: expectation(["admin", "fundAdmin", "applicant"]),
  /** The fund's administration only; an applicant of the fund gets 403. */
  fundAdmin: expectation(["admin", "fundAdmin"], ["applicant"]),
  /** A user's own thing (a notification): the matrix's ids are nobody's own, so 404 for all. */
  ownOnly: expectation([]),
  /** Nothing there, for anyone. */
  none: { ...expectation([]), anonymous: "notFound" },
  /** Logging out always ends at the login page. */
  toLogin: Object.fromEntries(ROLES.map((role) => [role, "login"])) as Expectation,
} satisfies Record<string, Expectation>;

type Rule = keyof typeof RULES;

interface RouteAccess {
  loader?: Rule;
  action?: Rule;
}

/**
 * Every route file and who may use it with the ids of the plan's own data. With another plan's
 * ids or ids that do not exist, every signed-in user gets 404 (and nobody signed in goes to the
 * login page), whatever the rule: FOREIGN_EXCEPTIONS lists the routes without such ids.
 */
const ACCESS: Record<string, RouteAccess> = {
  $: { loader: "none" },
  _index: { loader: "signedIn" },
  // «Mine opgaver»: a party contact's own actions, filtered to the plans they are a member of.
  "actions._index": { loader: "signedIn" },
  // Notifications: everyone's own list; opening one is the owner's only (notifications.test.ts).
  "notifikationer._index": { loader: "signedIn", action: "signedIn" },
  "notifikationer.$notificationId": { loader: "ownOnly" },
  "admin.archive[.]zip": { loader: "admin" },
  "admin.backup": { loader: "admin" },
  "admin.backup_.download": { action: "admin" },
  // The roll-up's old addresses: a redirect for anyone, the new address then checks.
  "admin.reporting._index": { loader: "public" },
  "admin.reporting[.]xlsx._index": { loader: "public" },
  "admin.rollup": { loader: "admin" },
  "admin.rollup[.]xlsx": { loader: "admin" },
  "admin.users.$userId": { loader: "admin", action: "admin" },
  "admin.users._index": { loader: "admin" },
  "admin.users.new": { loader: "admin", action: "admin" },
  "funds.$fundId._index": { loader: "fundMember" },
  "funds.$fundId.applications.$applicationId._index": {
    loader: "fundMember",
    action: "fundMember",
  },
  "funds.$fundId.applications.$applicationId.application[.]docx": { loader: "fundMember" },
  "funds.$fundId.applications.$applicationId.decision[.]docx": { loader: "fundMember" },
  // The fund's administration may also write an application on an estate's behalf.
  "funds.$fundId.applications.$applicationId.edit": { loader: "fundMember", action: "fundMember" },
  "funds.$fundId.applications.new": { loader: "fundMember", action: "fundMember" },
  // The fund's administration may also write a grant's yearly report on the estate's behalf.
  "funds.$fundId.grants.$grantId.reports.$year": { loader: "fundMember", action: "fundMember" },
  "funds._index": { loader: "signedIn" },
  healthz: { loader: "public" },
  hjaelp: { loader: "signedIn" },
  "hjaelp_.billeder.$image": { loader: "signedIn" },
  login: { loader: "public", action: "public" },
  logout: { loader: "public", action: "toLogin" },
  "organisations.$organisationId._index": { loader: "signedIn" },
  "organisations.$organisationId.edit": { loader: "registerEditor", action: "registerEditor" },
  "organisations.$organisationId.fund": { loader: "fundAdmin", action: "fundAdmin" },
  "organisations._index": { loader: "signedIn" },
  "organisations.new": { loader: "registerEditor", action: "registerEditor" },
  "people.$personId.edit": { loader: "registerEditor", action: "registerEditor" },
  "people._index": { loader: "signedIn" },
  "people.new": { loader: "registerEditor", action: "registerEditor" },
  "plans.$planId._index": { loader: "planRead" },
  // The plan page's charts at their own address: whoever sees the page.
  "plans.$planId.charts.$chart": { loader: "planRead" },
  // Any member of the plan comments on the draft (the page's action); resolving: secretariat.
  "plans.$planId.agreements.$agreementId._index": { loader: "planRead", action: "planRead" },
  // Comment links for working-group members without an account: the secretariat makes them.
  "plans.$planId.agreements.$agreementId.comment-links": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.document[.]docx": { loader: "planRead" },
  "plans.$planId.agreements.$agreementId.edit.activities.$activityId": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.activities._index": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.activities.new": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.basics": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.clauses": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.criteria": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.financing": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.interplay": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.parties": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.problem": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.purpose": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.staff": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.edit.working-groups": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.measurements": {
    loader: "planRead",
    action: "planReporting",
  },
  "plans.$planId.agreements.$agreementId.measurements[.]xlsx": { loader: "planRead" },
  // «Målt fra aktivitetsloggen»: the log's editors (secretariat, reporters) choose the sources.
  "plans.$planId.agreements.$agreementId.measurements_.sources": {
    loader: "planRead",
    action: "planReporting",
  },
  "plans.$planId.agreements.$agreementId.review.changes[.]docx": { loader: "planRead" },
  "plans.$planId.agreements.$agreementId.review": { loader: "planRead", action: "planBoard" },
  // Starting and submitting a revision is the secretariat's; the board reviews on the review page.
  "plans.$planId.agreements.$agreementId.revision": {
    loader: "planSecretariat",
    action: "planSecretariat",
  },
  "plans.$planId.agreements.$agreementId.spending": { loader: "planRead", action: "planReporting" },
  "plans.$planId.agreements.$agreementId.spending[.]xlsx": { loader: "planRead" },
  "plans.$planId.agreements.$agreementId.versions.$number._index": { loader: "planRead" },
  "plans.$planId.agreements.$agreementId.versions.$number.document[.]docx": { loader: "planRead" },
  "plans.$planId.agreements.$agreementId.versions._index": { loader: "planRead" },
  "plans.$planId.agreements.new": { loader: "planSecretariat", action: "planSecretariat" },
  "plans.$planId.agreements[.]docx": { loader: "planRead" },
  "plans.$planId.agreements[.]zip": { loader: "planRead" },
  "plans.$planId.edit": { loader: "planSecretariat", action: "planSecretariat" },
  // The activity log: every member reads; the secretariat and reporters log events and actions.
  "plans.$planId.log.$eventId._index": { loader: "planRead", action: "planReporting" },
  "plans.$planId.log.$eventId.edit": { loader: "planReporting", action: "planReporting" },
  "plans.$planId.log.$eventId.actions[.]docx": { loader: "planRead" },
  "plans.$planId.log._index": { loader: "planRead" },
  "plans.$planId.log.actions": { loader: "planRead", action: "planReporting" },
  "plans.$planId.log.new": { loader: "planReporting", action: "planReporting" },
  "plans.$planId.log.settings": { loader: "planSecretariat", action: "planSecretariat" },
  "plans.$planId.log[.]xlsx": { loader: "planRead" },
  "plans.$planId.reports.$year._index": { loader: "planRead", action: "planReporting" },
  "plans.$planId.reports.$year.report[.]docx": { loader: "planRead" },
  // The report page's charts at their own address: whoever reads the report.
  "plans.$planId.reports.$year.charts.$chart": { loader: "planRead" },
  "plans.$planId.reports.$year.report[.]xlsx": { loader: "planRead" },
  "plans.$planId.imports.$importId": { loader: "planSecretariat", action: "planSecretariat" },
  "plans.$planId.imports.$importId.file": { loader: "planSecretariat" },
  "plans.$planId.imports._index": { loader: "planSecretariat", action: "planSecretariat" },
  "plans.$planId.reports._index": { loader: "planRead" },
  "plans.$planId.revisions": { loader: "planSecretariat", action: "planSecretariat" },
  "plans.$planId.self-evaluations.$evaluationId._index": {
    loader: "planRead",
    action: "planReporting",
  },
  "plans.$planId.self-evaluations.$evaluationId.document[.]docx": { loader: "planRead" },
  "plans.$planId.self-evaluations.$evaluationId.edit": {
    loader: "planReporting",
    action: "planReporting",
  },
  "plans.$planId.self-evaluations._index": { loader: "planRead" },
  "plans.$planId.self-evaluations.new": { loader: "planReporting", action: "planReporting" },
  "plans.new": { loader: "registerEditor", action: "registerEditor" },
  "revisions._index": { loader: "signedIn" },
  // Bilag: every member lists and downloads; the secretariat uploads, renames, reorders, deletes.
  "plans.$planId.attachments._index": { loader: "planRead", action: "planSecretariat" },
  "plans.$planId.attachments.$attachmentId.file": { loader: "planRead" },
  // «Min konto»: everyone's own page (the action's empty form is a 400, not a leak).
  account: { loader: "signedIn", action: "signedIn" },
  // The calendar feed: no session; a made-up token is 404 for everyone (calendar.test.ts has
  // the real ones).
  "calendar.$token": { loader: "none" },
  // Unsubscribe links: no session; a made-up token is 404 for everyone (mail.test.ts has the
  // real ones).
  "afmeld.$token": { loader: "none", action: "none" },
  // «Udgående post»: administrators only.
  "admin.mail._index": { loader: "admin" },
  "admin.mail.$mailId": { loader: "admin" },
  // A comment link's page: no session; a made-up token is 404 for everyone (comments.test.ts
  // has the real ones).
  "kommentar.$token": { loader: "none", action: "none" },
  "plans.$planId.calendar[.]ics": { loader: "planRead" },
  // Milestone plans: every member reads and downloads; the secretariat plans them. A reporter
  // may mark one done or postponed (intent=status), which this empty post is not.
  "plans.$planId.milestones._index": { loader: "planRead" },
  "plans.$planId.milestones.new": { loader: "planSecretariat", action: "planSecretariat" },
  "plans.$planId.milestones.$milestoneId": { loader: "planRead", action: "planSecretariat" },
  "plans.$planId.milestones[.]docx": { loader: "planRead" },
  "plans.$planId.milestones[.]xlsx": { loader: "planRead" },
  // The package: every member sees its page and downloads it.
  "plans.$planId.package._index": { loader: "planRead" },
  "plans.$planId.package[.]docx": { loader: "planRead" },
  "plans.$planId.package[.]zip": { loader: "planRead" },
  // The organisation diagram: every member of the plan sees it and downloads it.
  "plans.$planId.organisation._index": { loader: "planRead" },
  "plans.$planId.organisation[.]svg": { loader: "planRead" },
  "plans.$planId.organisation[.]png": { loader: "planRead" },
  // The strategic agreement: every member reads; the secretariat edits, submits and records the
  // fund's answer; the board decides a proposed version on the version's page.
  "plans.$planId.strategy._index": { loader: "planRead", action: "planSecretariat" },
  "plans.$planId.strategy.edit": { loader: "planSecretariat", action: "planSecretariat" },
  "plans.$planId.strategy.document[.]docx": { loader: "planRead" },
  "plans.$planId.strategy.versions._index": { loader: "planRead" },
  "plans.$planId.strategy.versions.$number": { loader: "planRead", action: "planBoard" },
  "plans.$planId.strategy.versions.$number.document[.]docx": { loader: "planRead" },
  // The målhierarki: every member reads it, on screen and as Word.
  "plans.$planId.goals": { loader: "planRead" },
  "plans.$planId.goals[.]docx": { loader: "planRead" },
};

type RouteModule = { loader?: unknown; action?: unknown };
interface ViteImportMeta {
  glob<T>(pattern: string | string[], options: { eager: true }): Record<string, T>;
}
// Route files, and route folders (their route.tsx; the folder's other files are the page's parts).
const modules = (import.meta as unknown as ViteImportMeta).glob<RouteModule>(
  ["../../app/routes/*.{ts,tsx}", "../../app/routes/*/route.{ts,tsx}"],
  { eager: true },
);
const routes = Object.entries(modules).map(([file, module]) => ({
  id: file
    .replace(/^.*\/routes\//, "")
    .replace(/\/route\.tsx?$/, "")
    .replace(/\.tsx?$/, ""),
  module,
}));

/** `plans.$planId.agreements[.]docx` → ["plans", "$planId", "agreements.docx"]. */
function segments(id: string): string[] {
  const out: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of id) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    else if (char === "." && !escaped) {
      out.push(current);
      current = "";
    } else current += char;
  }
  out.push(current);
  // `_index` is the folder's own page; a trailing `_` only opts out of the parent's layout.
  return out.filter((s) => s !== "_index").map((s) => (s.endsWith("_") ? s.slice(0, -1) : s));
}

type Ids = Record<string, string>;

function urlFor(id: string, ids: Ids): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const parts = segments(id).map((segment) => {
    if (segment === "$") {
      params["*"] = "findes-ikke";
      return "findes-ikke";
    }
    if (!segment.startsWith("$")) return segment;
    const name = segment.slice(1);
    const value = ids[name];
    if (value === undefined) throw new Error(`No id for :${name} in ${id}`);
    params[name] = value;
    return value;
  });
  return { url: `/${parts.join("/")}`, params };
}

function categorise(status: number, location: string | null): Category | `status ${number}` {
  if (status === 403 || status === 401) return "forbidden";
  if (status === 404) return "notFound";
  if (status >= 300 && status < 400 && location?.startsWith("/login")) return "login";
  if (status >= 500) return `status ${status}`;
  return "ok";
}

type IdSet = "own" | "otherPlan" | "otherAgreement" | "missing";

interface Cell {
  route: string;
  kind: "loader" | "action";
  ids: IdSet;
  role: Role;
  expected: Category | Category[];
  got: Category | `status ${number}`;
}

// A chart's name (criteria.svg) names no data of its own: the other plan's chart is that plan's.
const CONTAINER_PARAMS = new Set(["planId", "year", "chart"]);

function paramsOf(id: string): string[] {
  return segments(id)
    .filter((s) => s.startsWith("$") && s !== "$")
    .map((s) => s.slice(1));
}

/** The id sets a route is called with: own data, another plan's, another agreement's, none. */
function idSetsFor(id: string): IdSet[] {
  const names = paramsOf(id);
  const sets: IdSet[] = ["own"];
  if (names.includes("planId")) sets.push("otherPlan");
  if (names.includes("agreementId")) sets.push("otherAgreement");
  if (names.length > 0) sets.push("missing");
  return sets;
}

/**
 * The expected answer: the rule as written for the plan's own data. With another plan's or a
 * missing id, nothing may be revealed: 404 for everyone (403 is as safe where the role alone
 * refuses, outside plans). A page that only names a plan is the other plan's own page for an
 * administrator and for that plan's secretariat.
 */
function expectedFor(id: string, rule: Rule, ids: IdSet, role: Role): Category | Category[] {
  const own = RULES[rule][role];
  if (ids === "own") return own;
  if (role === "anonymous") return own === "login" ? "login" : own;
  if (ids === "otherPlan" && paramsOf(id).every((name) => CONTAINER_PARAMS.has(name))) {
    if (role === "admin") return RULES[rule].admin;
    if (role === "otherPlan") return RULES[rule].secretariat;
    return "notFound";
  }
  if (ids === "missing" && own === "forbidden" && !id.startsWith("plans.")) {
    return ["forbidden", "notFound"];
  }
  return "notFound";
}

describe.each(drivers)("access matrix on %s", (driver) => {
  let t: TestDb;
  const userIds = {} as Record<Role, number | undefined>;
  const idSets = {} as Record<IdSet, Ids>;
  const cells: Cell[] = [];
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
    const admin = t.user("admin");
    const nonMember = await createUser(t.db, admin, {
      email: "ingen-roller@samarbejde.example",
      name: "Ida Uden Rolle",
      password: "Tre-lange-ord-uden-rolle-2026",
      isAdmin: false,
    });
    for (const role of ROLES) {
      userIds[role] =
        role === "anonymous"
          ? undefined
          : role === "nonMember"
            ? nonMember.id
            : t.demo.userIds[role as keyof typeof t.demo.userIds];
    }
    // An approved version 1 and a proposed version for version 2, so the version and review
    // pages have something to show.
    const { planId, agreementId } = t.demo;
    const secretariat = t.user("secretariat");
    const v1 = await submitRevision(t.db, secretariat, planId, agreementId, {
      summary: "Første version",
      recommendation: "Arbejdsgruppen indstiller aftalen til godkendelse.",
    });
    await decideRevision(t.db, t.user("board"), planId, agreementId, v1.id, {
      decision: "approve",
      meetingDate: "2026-11-20",
      note: "Godkendt",
    });
    await startRevision(t.db, secretariat, planId, agreementId, 2027);
    const { view } = await getAgreementView(t.db, secretariat, planId, agreementId);
    const record = await loadAgreementRecord(t.db, agreementId);
    await savePurpose(t.db, secretariat, planId, agreementId, record!.version, {
      purposes: view.purposes,
      goals: view.goals.map((g, i) =>
        i === 0 ? { ...g, text: "at alle beboere kender mindst fem naboer" } : g,
      ),
      method: view.method ?? parseRichText(""),
    });
    await submitRevision(t.db, secretariat, planId, agreementId, {
      summary: "Nyt første mål",
      recommendation: null,
    });

    const [activity] = await t.db
      .select({ id: activities.id })
      .from(activities)
      .where(eq(activities.agreementId, agreementId))
      .limit(1);
    const [evaluation] = await t.db
      .select({ id: selfEvaluations.id })
      .from(selfEvaluations)
      .limit(1);
    const fund = t.demo.dispositionFund;
    const [fundRow] = await t.db
      .select({ organisationId: dispositionFunds.organisationId })
      .from(dispositionFunds)
      .where(eq(dispositionFunds.id, fund.fundId));
    const [area] = await t.db
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(eq(focusAreas.name, "Beskæftigelse"));
    const otherAgreement = await createAgreement(t.db, t.user("otherPlan"), t.demo.otherPlanId, {
      focusAreaId: area!.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2024-07-01",
      validTo: "2028-06-30",
    });
    const [person] = await t.db.select({ id: people.id }).from(people).limit(1);
    const importFixture = IMPORT_FIXTURES.find((f) => f.fundingRound === "2019-26")!;
    const [imported] = await createImports(t.db, secretariat, planId, [
      { name: "delaftale.docx", bytes: await importFixture.build() },
    ]);
    const settings = await getLogSettings(t.db, secretariat, planId);
    const event = await createLogEvent(t.db, secretariat, planId, {
      activityId: activity!.id,
      kindId: settings.kinds[0]!.id,
      date: "2026-04-14",
      place: null,
      note: null,
      participants: [],
      findings: [],
      scheduleFollowUp: false,
      followUpDue: null,
    });
    // The demo plan's attachments are seeded (db/demo-attachments.ts).
    const [attachment] = await t.db
      .select({ id: planAttachments.id })
      .from(planAttachments)
      .where(eq(planAttachments.planId, planId))
      .limit(1);
    const [milestone] = await t.db
      .select({ id: milestones.id })
      .from(milestones)
      .where(eq(milestones.planId, planId))
      .limit(1);
    const [mail] = await t.db
      .insert(mailMessages)
      .values({
        toAddress: "bestyrelse@samarbejde.example",
        subject: "En revision afventer jeres beslutning",
        textBody: "Tekst",
        htmlBody: "<p>Tekst</p>",
        kind: "revision_submitted",
      })
      .returning({ id: mailMessages.id });
    const own: Ids = {
      planId: String(planId),
      agreementId: String(agreementId),
      activityId: String(activity!.id),
      // No notification is every role's own; the owner's case is in notifications.test.ts.
      notificationId: "987654",
      number: "1",
      year: String(DEMO_REPORT_YEAR),
      evaluationId: String(evaluation!.id),
      fundId: String(fund.fundId),
      applicationId: String(fund.approvedApplicationId),
      grantId: String(fund.grantId),
      organisationId: String(fundRow!.organisationId),
      personId: String(person!.id),
      userId: String(t.demo.userIds.viewer),
      image: "sekretariat-delaftale.png",
      chart: "criteria.svg",
      importId: String(imported!.id),
      eventId: String(event.id),
      attachmentId: String(attachment!.id),
      token: "ikke-en-kalenderadresse",
      milestoneId: String(milestone!.id),
      mailId: String(mail!.id),
    };
    idSets.own = own;
    // The plan's own child ids under the other plan's id: data that is not in the plan the URL
    // names (and, for pages that only name a plan, the other plan itself).
    idSets.otherPlan = { ...own, planId: String(t.demo.otherPlanId), year: "2025" };
    // The other plan's agreement under this plan's id.
    idSets.otherAgreement = { ...own, agreementId: String(otherAgreement.id) };
    idSets.missing = Object.fromEntries(Object.keys(own).map((key) => [key, "987654"]));
    idSets.missing.year = "2099";
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it("has an entry for every route file, and no entry without a route", () => {
    const files = routes.map((r) => r.id).sort();
    expect(
      files.filter((id) => !(id in ACCESS)),
      "route files without an ACCESS entry",
    ).toEqual([]);
    expect(
      Object.keys(ACCESS).filter((id) => !files.includes(id)),
      "stale entries",
    ).toEqual([]);
    for (const { id, module } of routes) {
      expect(Boolean(module.loader), `${id} loader`).toBe(Boolean(ACCESS[id]!.loader));
      expect(Boolean(module.action), `${id} action`).toBe(Boolean(ACCESS[id]!.action));
    }
  });

  it("answers every role as the rules say, with own, foreign and missing ids", async () => {
    for (const { id, module } of routes) {
      const access = ACCESS[id];
      if (!access) continue;
      for (const kind of ["loader", "action"] as const) {
        const rule = access[kind];
        const handler = module[kind];
        if (!rule || typeof handler !== "function") continue;
        for (const idSet of idSetsFor(id)) {
          // Grants are reported per grant year; the demo grant runs 2024–2025.
          const ids =
            id.startsWith("funds.") && idSet !== "missing"
              ? { ...idSets[idSet], year: "2024" }
              : idSets[idSet];
          const { url, params } = urlFor(id, ids);
          // Yearly pages without a :year take it from ?year (measurements, spending).
          const fullUrl = paramsOf(id).includes("year") ? url : `${url}?year=${ids.year}`;
          for (const role of ROLES) {
            const expected = expectedFor(id, rule, idSet, role);
            let got: Cell["got"];
            try {
              const result = await callRoute(handler as never, fullUrl, {
                userId: userIds[role],
                params,
                ...(kind === "action" ? { form: {} } : {}),
              });
              got = categorise(result.status, result.headers.get("Location"));
            } catch (error) {
              got = "status 500";
              if (process.env.ACCESS_MATRIX_DEBUG) console.error(id, kind, role, error);
            }
            cells.push({ route: id, kind, ids: idSet, role, expected, got });
          }
        }
      }
    }
    const fits = (c: Cell) =>
      Array.isArray(c.expected) ? c.expected.includes(c.got as Category) : c.got === c.expected;
    const wrong = cells.filter((c) => !fits(c));
    const leaks = wrong.filter((c) => c.got === "ok");
    console.log(
      `access matrix on ${driver}: ${routes.length} route files, ${cells.length} cells ` +
        `(${ROLES.length} roles × own, another plan's, another agreement's and missing ids × loader/action), ` +
        `${wrong.length} unexpected, ${leaks.length} leaks, ` +
        `${cells.filter((c) => c.got.startsWith("status")).length} errors`,
    );
    expect(
      wrong.map(
        (c) => `${c.kind} ${c.route} [${c.ids}] ${c.role}: expected ${c.expected}, got ${c.got}`,
      ),
    ).toEqual([]);
  }, 600_000);
});
