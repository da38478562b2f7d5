/**
 * Activity-log data written straight into the tables, for tests and benchmarks that need a log
 * without going through the log's forms: a plan's event kinds and participant groups (the
 * defaults, by name), events described one by one (`insertLogEvents`), and thousands of events in
 * bulk (`generateLogData`). Fictional throughout.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  logActions,
  logEventKinds,
  logEventParticipants,
  logEvents,
  logFindings,
  logParticipantGroups,
} from "../db/schema";

/** The plan's default vocabulary, in the order the log offers it. */
export const LOG_KINDS: readonly { name: string; followUpMonths: number | null }[] = [
  { name: "Tryghedsvandring", followUpMonths: 6 },
  { name: "Opfølgningsmøde", followUpMonths: null },
  { name: "Møde", followUpMonths: null },
  { name: "Temamøde", followUpMonths: null },
  { name: "Kursus", followUpMonths: null },
  { name: "Mægling", followUpMonths: null },
  { name: "Arrangement", followUpMonths: null },
];
export const LOG_GROUPS: readonly string[] = ["Beboere", "Frivillige", "Samarbejdspartnere"];

export interface LogVocabulary {
  kinds: Map<string, number>;
  groups: Map<string, number>;
}

/**
 * The ids of the plan's event kinds and participant groups by name; the defaults and any `extra`
 * names missing are created after the plan's existing ones.
 */
export async function ensureLogVocabulary(
  db: Db,
  planId: number,
  extra: { kinds?: string[]; groups?: string[] } = {},
): Promise<LogVocabulary> {
  const [kindRows, groupRows] = await Promise.all([
    db
      .select({ id: logEventKinds.id, name: logEventKinds.name })
      .from(logEventKinds)
      .where(eq(logEventKinds.planId, planId)),
    db
      .select({ id: logParticipantGroups.id, name: logParticipantGroups.name })
      .from(logParticipantGroups)
      .where(eq(logParticipantGroups.planId, planId)),
  ]);
  const kinds = new Map(kindRows.map((k) => [k.name, k.id]));
  const groups = new Map(groupRows.map((g) => [g.name, g.id]));
  const wantedKinds = [
    ...LOG_KINDS,
    ...(extra.kinds ?? []).map((name) => ({ name, followUpMonths: null })),
  ].filter((k, i, all) => !kinds.has(k.name) && all.findIndex((x) => x.name === k.name) === i);
  const wantedGroups = [...LOG_GROUPS, ...(extra.groups ?? [])].filter(
    (g, i, all) => !groups.has(g) && all.indexOf(g) === i,
  );
  if (wantedKinds.length) {
    const rows = await db
      .insert(logEventKinds)
      .values(wantedKinds.map((k, i) => ({ planId, ...k, position: kindRows.length + i + 1 })))
      .returning({ id: logEventKinds.id, name: logEventKinds.name });
    for (const r of rows) kinds.set(r.name, r.id);
  }
  if (wantedGroups.length) {
    const rows = await db
      .insert(logParticipantGroups)
      .values(wantedGroups.map((name, i) => ({ planId, name, position: groupRows.length + i + 1 })))
      .returning({ id: logParticipantGroups.id, name: logParticipantGroups.name });
    for (const r of rows) groups.set(r.name, r.id);
  }
  return { kinds, groups };
}

export interface LogActionSpec {
  organisationId?: number | null;
  partyLabel?: string | null;
  description: string;
  dueDate?: string | null;
  status?: "open" | "in_progress" | "done" | "dropped";
  dropReason?: string | null;
}

export interface LogEventSpec {
  activityId: number;
  date: string;
  kind: string;
  place?: string | null;
  note?: string | null;
  followUpDue?: string | null;
  followUpOfId?: number | null;
  /** Participants by group name. */
  participants?: Record<string, number>;
  findings?: { text: string; place?: string | null; actions?: LogActionSpec[] }[];
}

/** Events as described, in one transaction; returns their ids in order. */
export async function insertLogEvents(
  db: Db,
  planId: number,
  specs: LogEventSpec[],
): Promise<number[]> {
  return db.transaction(async (tx) => {
    const vocabulary = await ensureLogVocabulary(tx, planId, {
      kinds: specs.map((s) => s.kind),
      groups: specs.flatMap((s) => Object.keys(s.participants ?? {})),
    });
    const ids: number[] = [];
    for (const spec of specs) {
      const [event] = await tx
        .insert(logEvents)
        .values({
          planId,
          activityId: spec.activityId,
          kindId: vocabulary.kinds.get(spec.kind)!,
          date: spec.date,
          place: spec.place ?? null,
          note: spec.note ?? null,
          followUpDue: spec.followUpDue ?? null,
          followUpOfId: spec.followUpOfId ?? null,
        })
        .returning({ id: logEvents.id });
      const eventId = event!.id;
      ids.push(eventId);
      const participants = Object.entries(spec.participants ?? {});
      if (participants.length) {
        await tx.insert(logEventParticipants).values(
          participants.map(([group, count]) => ({
            eventId,
            groupId: vocabulary.groups.get(group)!,
            count,
          })),
        );
      }
      for (const [position, finding] of (spec.findings ?? []).entries()) {
        const [row] = await tx
          .insert(logFindings)
          .values({ eventId, text: finding.text, place: finding.place ?? null, position })
          .returning({ id: logFindings.id });
        const actions = finding.actions ?? [];
        if (actions.length) {
          await tx.insert(logActions).values(
            actions.map((a, i) => ({
              findingId: row!.id,
              organisationId: a.organisationId ?? null,
              partyLabel: a.partyLabel ?? null,
              description: a.description,
              dueDate: a.dueDate ?? null,
              status: a.status ?? "open",
              dropReason: a.dropReason ?? null,
              position: i,
            })),
          );
        }
      }
    }
    return ids;
  });
}

const PLACES = ["Gårdene i afd. 21", "Stierne ved Solsikkeparken", "Beboerhuset", "P-pladsen"];
const FINDINGS = [
  "Lampen ved opgang 14 er gået",
  "Buskene ved stien er for høje",
  "Graffiti på cykelskuret",
  "Mørkt ved legepladsen om aftenen",
];
const ACTIONS = ["Udskift pæren", "Klip buskene ned", "Fjern graffitien", "Sæt en lampe op"];

/** A deterministic pseudo-random sequence (the same dataset on every run). */
function sequence(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
}

export interface LogDataSize {
  events: number;
  /** The first calendar year of events; they spread evenly over `years` years. */
  fromYear: number;
  years: number;
  /** Every `findingsEvery`-th event has two findings with two actions each. */
  findingsEvery?: number;
}

/**
 * `size.events` events over the plan's activities and years in bulk inserts (chunks of 1,000),
 * with participants in every group, and findings with actions on some: a large log, in seconds.
 */
export async function generateLogData(
  db: Db,
  planId: number,
  activityIds: number[],
  partyOrganisationIds: number[],
  size: LogDataSize,
): Promise<{ eventIds: number[] }> {
  const random = sequence(planId);
  const findingsEvery = size.findingsEvery ?? 5;
  return db.transaction(async (tx) => {
    const { kinds, groups } = await ensureLogVocabulary(tx, planId);
    const kindIds = [...kinds.values()];
    const groupIds = [...groups.values()];
    const daysPerEvent = (size.years * 365) / size.events;
    const eventIds: number[] = [];
    for (let start = 0; start < size.events; start += 1000) {
      const count = Math.min(1000, size.events - start);
      const rows = await tx
        .insert(logEvents)
        .values(
          Array.from({ length: count }, (_, i) => {
            const day = Math.floor((start + i) * daysPerEvent);
            const date = new Date(Date.UTC(size.fromYear, 0, 1 + day)).toISOString().slice(0, 10);
            return {
              planId,
              activityId: activityIds[(start + i) % activityIds.length]!,
              kindId: kindIds[random(kindIds.length)]!,
              date,
              place: PLACES[random(PLACES.length)]!,
              note: "Genereret hændelse til benchmark",
            };
          }),
        )
        .returning({ id: logEvents.id });
      const ids = rows.map((r) => r.id);
      eventIds.push(...ids);
      await tx
        .insert(logEventParticipants)
        .values(
          ids.flatMap((eventId) =>
            groupIds.map((groupId) => ({ eventId, groupId, count: 1 + random(30) })),
          ),
        );
      const withFindings = ids.filter((_, i) => (start + i) % findingsEvery === 0);
      if (!withFindings.length) continue;
      const findings = await tx
        .insert(logFindings)
        .values(
          withFindings.flatMap((eventId) =>
            [0, 1].map((position) => ({
              eventId,
              text: FINDINGS[random(FINDINGS.length)]!,
              place: PLACES[random(PLACES.length)]!,
              position,
            })),
          ),
        )
        .returning({ id: logFindings.id });
      await tx.insert(logActions).values(
        findings.flatMap((f) =>
          [0, 1].map((position) => {
            const status = (["open", "in_progress", "done", "done"] as const)[random(4)]!;
            return {
              findingId: f.id,
              organisationId: partyOrganisationIds.length
                ? partyOrganisationIds[random(partyOrganisationIds.length)]!
                : null,
              partyLabel: partyOrganisationIds.length ? null : "Driften",
              description: ACTIONS[random(ACTIONS.length)]!,
              dueDate: null,
              status,
              position,
            };
          }),
        ),
      );
    }
    return { eventIds };
  });
}
