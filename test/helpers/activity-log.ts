/**
 * A small world for the activity-log tests: a plan with a member per role, an agreement with two
 * activities and three parties (two organisations, one of them with a contact person, and the
 * police as a label), and a helper that builds an event's values as the form would post them.
 */
import type { Db } from "../../db/client";
import { agreementParties, people } from "../../db/schema";
import { LogEventSchema, type LogEventValues } from "~/domain/activity-log";
import type { SessionUser } from "~/domain/user";
import { getLogSettings, type LogSettings } from "~/models/activity-log/index.server";
import { setPlanMembership } from "~/models/users.server";
import {
  createAgreement,
  createOrganisation,
  createPlan,
  createUser,
  type CreatedAgreement,
  type CreatedPlan,
} from "./factories";

export interface LogWorld {
  plan: CreatedPlan;
  agreement: CreatedAgreement;
  secretariat: SessionUser;
  reporter: SessionUser;
  board: SessionUser;
  viewer: SessionUser;
  /** The contact person of `orgA` as a user; a viewer of the plan. */
  contact: SessionUser;
  orgA: { id: number; name: string };
  orgB: { id: number; name: string };
  settings: LogSettings;
  kind(name: string): number;
  group(name: string): number;
}

export async function createLogWorld(
  db: Db,
  { contact }: { contact?: SessionUser } = {},
): Promise<LogWorld> {
  const contactUser = contact ?? (await createUser(db, { name: "Kontakt Person" }));
  const plan = await createPlan(db, {
    members: { secretariat: true, reporter: true, board: true, viewer: true },
  });
  const agreement = await createAgreement(db, plan, { activities: 2 });
  const orgA = await createOrganisation(db, { kind: "housing_organisation" });
  const orgB = await createOrganisation(db, { kind: "municipality" });
  const [person] = await db
    .insert(people)
    .values({
      name: contactUser.name,
      email: contactUser.email.toUpperCase(),
      organisationId: orgA.id,
    })
    .returning({ id: people.id });
  await db.insert(agreementParties).values([
    {
      agreementId: agreement.id,
      tier: "primary",
      organisationId: orgA.id,
      contactPersonId: person!.id,
      position: 0,
    },
    { agreementId: agreement.id, tier: "primary", organisationId: orgB.id, position: 1 },
    { agreementId: agreement.id, tier: "secondary", label: "Politiet", position: 2 },
  ]);
  const secretariat = plan.members.secretariat![0]!;
  const settings = await getLogSettings(db, secretariat, plan.id);
  return {
    plan,
    agreement,
    secretariat,
    reporter: plan.members.reporter![0]!,
    board: plan.members.board![0]!,
    viewer: plan.members.viewer![0]!,
    contact: contactUser,
    orgA,
    orgB,
    settings,
    kind: (name) => settings.kinds.find((k) => k.name === name)!.id,
    group: (name) => settings.groups.find((g) => g.name === name)!.id,
  };
}

/** Makes the contact person's user a member of the world's plan. */
export async function contactIsMember(
  db: Db,
  world: LogWorld,
  role: "viewer" | "board" = "viewer",
) {
  await setPlanMembership(db, null, world.contact.id, { planId: world.plan.id, role });
}

/** An event's values as the form posts them (strings), parsed by the one schema. */
export function eventValues(world: LogWorld, form: Record<string, unknown> = {}): LogEventValues {
  return LogEventSchema.parse({
    activityId: String(world.agreement.activities[0]!.id),
    kindId: String(world.kind("Tryghedsvandring")),
    date: "2026-03-10",
    place: "Gårdene i afd. 21",
    note: "",
    participants: [
      { groupId: String(world.group("Beboere")), count: "12" },
      { groupId: String(world.group("Frivillige")), count: "3" },
      { groupId: String(world.group("Samarbejdspartnere")), count: "" },
    ],
    findings: [],
    ...form,
  });
}

/** The agreement's party ids as the form's `party` values. */
export const org = (o: { id: number }) => `org:${o.id}`;
