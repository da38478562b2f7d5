/**
 * The register side of saving an import: organisations and people the draft names are matched by
 * normalised name (people within their organisation); the missing ones are created, audited.
 */
import type { Db } from "../../../db/client";
import { organisations, people } from "../../../db/schema";
import type { ImportDraft } from "~/domain/import/types";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "../audit.server";
import {
  guessOrganisationKind,
  normaliseName,
  personKey,
  registerNeeds,
  type Resolver,
} from "./values.server";

/**
 * Creates the organisations and people the draft names that the register lacks (audited), and
 * returns the ids for every name.
 */
export async function createRegisterEntries(
  tx: Db,
  user: SessionUser,
  planId: number,
  draft: ImportDraft,
): Promise<Resolver> {
  const needs = registerNeeds(draft);
  const [orgRows, personRows] = await Promise.all([
    tx.select({ id: organisations.id, name: organisations.name }).from(organisations),
    tx
      .select({ id: people.id, name: people.name, organisationId: people.organisationId })
      .from(people),
  ]);
  const orgIds = new Map<string, number>();
  for (const o of orgRows.sort((a, b) => a.id - b.id))
    if (!orgIds.has(normaliseName(o.name))) orgIds.set(normaliseName(o.name), o.id);
  for (const name of needs.organisations) {
    if (orgIds.has(normaliseName(name))) continue;
    const [created] = await tx
      .insert(organisations)
      .values({ kind: guessOrganisationKind(name), name })
      .returning();
    await recordAudit(tx, {
      user,
      action: "organisation.create",
      entityType: "organisation",
      entityId: created!.id,
      planId,
      after: created,
    });
    orgIds.set(normaliseName(name), created!.id);
  }
  const personIds = new Map<string, number>();
  const orgNameById = new Map([...orgIds].map(([name, id]) => [id, name]));
  for (const p of personRows.sort((a, b) => a.id - b.id)) {
    const orgName = p.organisationId == null ? null : (orgNameById.get(p.organisationId) ?? "?");
    const key = personKey(orgName, p.name);
    if (!personIds.has(key)) personIds.set(key, p.id);
  }
  for (const person of needs.people) {
    const key = personKey(person.organisation, person.name);
    if (personIds.has(key)) continue;
    const organisationId = person.organisation
      ? (orgIds.get(normaliseName(person.organisation)) ?? null)
      : null;
    const [created] = await tx
      .insert(people)
      .values({ name: person.name, title: person.title, organisationId })
      .returning();
    await recordAudit(tx, {
      user,
      action: "person.create",
      entityType: "person",
      entityId: created!.id,
      planId,
      after: created,
    });
    personIds.set(key, created!.id);
  }
  return {
    organisationId: (name) => (name ? (orgIds.get(normaliseName(name)) ?? null) : null),
    personId: (person, organisation) =>
      person?.name.trim() ? (personIds.get(personKey(organisation, person.name)) ?? null) : null,
  };
}
