/**
 * Does every query of issue 15's pages use an index on PostgreSQL? Migrates an empty database,
 * seeds the demo, bulk-fills the big tables to national size with `insert … select
 * generate_series` (crude, valid rows: 200 plans of 4 agreements × 5 activities × 4 criteria,
 * 10 years of measurements, 10 versions per agreement, audit events, 2,000 users with plan
 * memberships, 2,000 applications to the demo fund), ANALYZEs, then calls each page's loader as a
 * signed-in user with a database handle that records every statement and its parameters, runs
 * `EXPLAIN (FORMAT JSON)` on each and lists every Seq Scan on a table of more than 10,000 rows
 * (pg_class.reltuples). Exits 1 if there is one.
 *
 *   PROBE_URL=postgres://user@host:port/empty_db npx tsx bench/explain.ts
 *
 * The realistic national dataset is bench/dataset.ts's; this one only needs the sizes that make
 * the planner prefer an index where one fits.
 */
import postgres from "postgres";
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemoData } from "../db/seed";
import { setAppDbForTests } from "../app/db.server";
import { getAgreementView } from "../app/models/agreements/read.server";
import type { SessionUser } from "../app/domain/user";
import { callRoute } from "../test/helpers/routes";
import { register } from "node:module";

// Route modules import their stylesheets (Remix bundles them); here a stylesheet is an empty module.
register(
  `data:text/javascript,${encodeURIComponent(`export async function load(url, context, next) {
    if (url.endsWith(".css")) return { format: "module", source: "export default '';", shortCircuit: true };
    return next(url, context);
  }`)}`,
);
const dashboard = await import("../app/routes/_index");
const rollup = await import("../app/routes/admin.rollup");
const fundPage = await import("../app/routes/funds.$fundId._index");
const applicationPage =
  await import("../app/routes/funds.$fundId.applications.$applicationId._index/route");
const planPage = await import("../app/routes/plans.$planId._index");
const agreementPage = await import("../app/routes/plans.$planId.agreements.$agreementId._index");
const measurementsPage =
  await import("../app/routes/plans.$planId.agreements.$agreementId.measurements");
const reviewPage = await import("../app/routes/plans.$planId.agreements.$agreementId.review");
const versionsPage =
  await import("../app/routes/plans.$planId.agreements.$agreementId.versions._index");
const reportPage = await import("../app/routes/plans.$planId.reports.$year._index");

const url = process.env.PROBE_URL;
if (!url?.startsWith("postgres")) {
  console.error("Set PROBE_URL=postgres://… to an empty database");
  process.exit(2);
}
/** A sequential scan of a table this big is a missing index. */
const LIMIT_ROWS = 10_000;
/**
 * The one page that reads a whole big table on purpose, and why: listed, not failed. The roll-up
 * counts every success criterion of the sector in the year (app/models/rollup.server.ts); one
 * pass over the table hash-joined to the year's measurements is its cheapest plan (14 ms on the
 * national dataset, against 57 + 44 ms for the two queries that reached the criteria through
 * their agreement_id index, one index scan per agreement).
 */
const READS_WHOLE_TABLE: Record<string, string[]> = { "roll-up": ["success_criteria"] };

const h = await openDb({ driver: "postgres", url, max: 4 });
const sql = postgres(url, { max: 1, onnotice: () => {} });
await migrateDb(h);
const demo = await seedDemoData(h.db);
const admin: SessionUser = {
  id: demo.userIds.admin,
  email: "",
  name: "",
  isAdmin: true,
};

// --- national size, crude --------------------------------------------------------------------

const started = Date.now();
const snapshot = (await getAgreementView(h.db, admin, demo.planId, demo.agreementId)).view;
const [round] = await sql<{ id: number }[]>`select id from funding_rounds where code = '2019-26'`;
await sql.begin(async (tx) => {
  // Versions are born as proposals and decided one by one (triggers, migration 0004); bulk rows
  // of a history skip the triggers, on this throwaway database only.
  await tx`set local session_replication_role = replica`;
  await tx`insert into users (email, name, password_hash)
    select 'bench-' || g || '@bench.example', 'Bench-bruger ' || g,
      (select password_hash from users where id = ${admin.id})
    from generate_series(1, 2000) g`;
  await tx`insert into plans (name, funding_round_id, period_start, period_end, status)
    select 'Helhedsplan Bench ' || lpad(g::text, 3, '0'), ${round!.id}, '2019-01-01', '2026-12-31',
      'active'
    from generate_series(1, 200) g`;
  // 12 members a plan; bench user 1 is the secretariat of the first 20 plans.
  await tx`insert into plan_memberships (plan_id, user_id, role)
    select p.id, u.id, (array['secretariat', 'board', 'reporter', 'viewer'])[1 + k % 4]::plan_role
    from (select id, row_number() over (order by id) as n from plans
          where name like 'Helhedsplan Bench %') p
    cross join generate_series(0, 11) k
    join users u on u.email = 'bench-' || (2 + ((p.n * 12 + k) % 1999)) || '@bench.example'`;
  await tx`insert into plan_memberships (plan_id, user_id, role)
    select p.id, (select id from users where email = 'bench-1@bench.example'), 'secretariat'
    from plans p where p.name like 'Helhedsplan Bench %' order by p.id limit 20`;
  await tx`insert into agreements (plan_id, focus_area_id, opening_text, valid_from, valid_to)
    select p.id, fa.id, 'Parterne indgår denne delaftale.', '2019-01-01', '2026-12-31'
    from plans p cross join lateral (select id from focus_areas
      where funding_round_id = p.funding_round_id order by position limit 4) fa
    where p.name like 'Helhedsplan Bench %'`;
  await tx`insert into activities (agreement_id, name, position, purposes, target_groups)
    select a.id, 'Aktivitet ' || g, g, '{}', '{}'
    from agreements a join plans p on p.id = a.plan_id and p.name like 'Helhedsplan Bench %'
    cross join generate_series(1, 5) g`;
  await tx`insert into success_criteria (agreement_id, activity_id, text, data_source, position,
      baseline_value, baseline_unit, target_value, target_unit)
    select ac.agreement_id, ac.id, 'Succeskriterium ' || g, 'Sekretariatets optælling', g,
      10, '%', 50, '%'
    from activities ac join agreements a on a.id = ac.agreement_id
    join plans p on p.id = a.plan_id and p.name like 'Helhedsplan Bench %'
    cross join generate_series(1, 4) g`;
  await tx`insert into measurements (criterion_id, year, value_number, unit, status)
    select c.id, y, 10 + (c.id + y) % 50, '%',
      (array['met', 'partly_met', 'not_met', 'not_measured'])[1 + (c.id + y) % 4]::measurement_status
    from success_criteria c join agreements a on a.id = c.agreement_id
    join plans p on p.id = a.plan_id and p.name like 'Helhedsplan Bench %'
    cross join generate_series(2017, 2026) y`;
  await tx`insert into agreement_versions (agreement_id, number, status, snapshot, summary,
      submitted_at, decided_at, meeting_date)
    select a.id, n, case when n = 10 then 'approved' else 'superseded' end::version_status,
      ${sql.json(JSON.parse(JSON.stringify(snapshot)))}, 'Version ' || n,
      make_date(2016 + n, 3, 1), make_date(2016 + n, 4, 1), make_date(2016 + n, 4, 1)
    from agreements a join plans p on p.id = a.plan_id and p.name like 'Helhedsplan Bench %'
    cross join generate_series(1, 10) n`;
  await tx`insert into audit_events (entity_type, entity_id, action, plan_id, user_id)
    select 'agreement', a.id::text, 'update', a.plan_id, ${admin.id}
    from agreements a join plans p on p.id = a.plan_id and p.name like 'Helhedsplan Bench %'
    cross join generate_series(1, 60) g`;
  await tx`insert into fund_applications (fund_id, estate_id, title, status, start_year, end_year,
      tenancies, submitted_at)
    select f.id, e.estate_id, 'Ansøgning ' || g,
      case when g % 2 = 0 then 'submitted' else 'draft' end::fund_application_status,
      2025, 2026, 200, case when g % 2 = 0 then now() end
    from disposition_funds f
    cross join lateral (select o.id as estate_id from organisations o
      where o.parent_id = f.organisation_id and o.kind = 'estate' order by o.id limit 1) e
    cross join generate_series(1, 2000) g
    where f.id = ${demo.dispositionFund.fundId}`;
  await tx`insert into fund_application_years (application_id, year, requested_amount,
      own_contribution)
    select a.id, y, 100000, 20000 from fund_applications a cross join generate_series(2025, 2026) y
    where a.title like 'Ansøgning %' and not exists (select 1 from fund_application_years x
      where x.application_id = a.id)`;
});
await sql`analyze`;
const [bench] = await sql<{ planId: number; agreementId: number; memberId: number }[]>`
  select p.id as "planId", min(a.id) as "agreementId",
    (select id from users where email = 'bench-1@bench.example') as "memberId"
  from plans p join agreements a on a.plan_id = p.id
  where p.name = 'Helhedsplan Bench 001' group by p.id`;
// One agreement with an 11th version awaiting the board (the review page's).
await sql`insert into agreement_versions (agreement_id, number, status, snapshot, summary)
  values (${bench!.agreementId}, 11, 'proposed', ${sql.json(JSON.parse(JSON.stringify(snapshot)))},
    'Forslag')`;
const sizes = await sql<{ relname: string; reltuples: number }[]>`
  select relname, reltuples::bigint::int as reltuples from pg_class
  where relkind = 'r' and relnamespace = 'public'::regnamespace`;
const rowsOf = new Map(sizes.map((s) => [s.relname, s.reltuples]));
console.log(`filled in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
for (const table of [
  "plans",
  "plan_memberships",
  "agreements",
  "success_criteria",
  "measurements",
  "agreement_versions",
  "audit_events",
  "fund_applications",
  "users",
]) {
  console.log(`  ${table.padEnd(20)} ${rowsOf.get(table)}`);
}

// --- the pages ---------------------------------------------------------------------------------

const agreementParams = { planId: String(bench!.planId), agreementId: String(bench!.agreementId) };
const agreementUrl = `/plans/${bench!.planId}/agreements/${bench!.agreementId}`;
const fund = demo.dispositionFund;
const pages: {
  name: string;
  loader: Parameters<typeof callRoute>[0];
  url: string;
  userId: number;
  params?: Record<string, string>;
}[] = [
  { name: "dashboard (admin)", loader: dashboard.loader, url: "/", userId: admin.id },
  {
    name: "dashboard (admin, page 4)",
    loader: dashboard.loader,
    url: "/?page=4",
    userId: admin.id,
  },
  { name: "dashboard (member of 20)", loader: dashboard.loader, url: "/", userId: bench!.memberId },
  {
    name: "plan page",
    loader: planPage.loader,
    url: `/plans/${bench!.planId}`,
    userId: bench!.memberId,
    params: { planId: String(bench!.planId) },
  },
  {
    name: "agreement page",
    loader: agreementPage.loader,
    url: agreementUrl,
    userId: bench!.memberId,
    params: agreementParams,
  },
  {
    name: "version history",
    loader: versionsPage.loader,
    url: `${agreementUrl}/versions`,
    userId: bench!.memberId,
    params: agreementParams,
  },
  {
    name: "revision review",
    loader: reviewPage.loader,
    url: `${agreementUrl}/review`,
    userId: bench!.memberId,
    params: agreementParams,
  },
  {
    name: "measurements grid",
    loader: measurementsPage.loader,
    url: `${agreementUrl}/measurements?year=2025`,
    userId: bench!.memberId,
    params: agreementParams,
  },
  {
    name: "progress report",
    loader: reportPage.loader,
    url: `/plans/${bench!.planId}/reports/2025`,
    userId: bench!.memberId,
    params: { planId: String(bench!.planId), year: "2025" },
  },
  { name: "roll-up", loader: rollup.loader, url: "/admin/rollup?year=2025", userId: admin.id },
  {
    name: "fund page",
    loader: fundPage.loader,
    url: `/funds/${fund.fundId}`,
    userId: demo.userIds.fundAdmin,
    params: { fundId: String(fund.fundId) },
  },
  {
    name: "fund page, submitted, page 3",
    loader: fundPage.loader,
    url: `/funds/${fund.fundId}?status=submitted&page=3`,
    userId: demo.userIds.fundAdmin,
    params: { fundId: String(fund.fundId) },
  },
  {
    name: "application page",
    loader: applicationPage.loader,
    url: `/funds/${fund.fundId}/applications/${fund.submittedApplicationId}`,
    userId: demo.userIds.fundAdmin,
    params: { fundId: String(fund.fundId), applicationId: String(fund.submittedApplicationId) },
  },
];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}
function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) found.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

let failures = 0;
for (const page of pages) {
  const captured: { query: string; params: unknown[] }[] = [];
  const db = h.withLogger({ logQuery: (query, params) => void captured.push({ query, params }) });
  setAppDbForTests({ ...h, db });
  const res = await callRoute(page.loader, page.url, {
    userId: page.userId,
    params: page.params ?? {},
  });
  if (res.status !== 200)
    throw new Error(`${page.name}: ${res.status} ${JSON.stringify(res.data)}`);
  const bad: string[] = [];
  const onPurpose: string[] = [];
  for (const { query, params } of captured) {
    const [row] = await sql.unsafe(`explain (format json) ${query}`, params as never[]);
    const plan = (row!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan;
    for (const relation of seqScans(plan)) {
      const rows = rowsOf.get(relation) ?? 0;
      if (rows > LIMIT_ROWS && READS_WHOLE_TABLE[page.name]?.includes(relation)) {
        console.log(
          `    (reads all of ${relation}, ${rows} rows, on purpose: see READS_WHOLE_TABLE)`,
        );
      } else if (rows > LIMIT_ROWS)
        bad.push(
          `Seq Scan on ${relation} (${rows} rows) in: ${query.replace(/\s+/g, " ").slice(0, 240)}`,
        );
    }
  }
  failures += bad.length;
  console.log(
    `${page.name.padEnd(30)} ${String(captured.length).padStart(3)} queries  ${bad.length ? `${bad.length} seq scan(s)` : "indexed"}`,
  );
  for (const b of [...bad, ...onPurpose]) console.log(`    ${b}`);
}
await sql.end();
await h.close();
if (failures > 0) {
  console.log(`${failures} sequential scan(s) of tables over ${LIMIT_ROWS} rows`);
  process.exit(1);
}
console.log(`every query uses an index on tables over ${LIMIT_ROWS} rows`);
