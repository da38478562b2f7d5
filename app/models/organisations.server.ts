/**
 * The shared register of organisations and people. Every signed-in user may read it; the
 * secretariat and administrators may change it.
 */
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { organisations, people } from "../../db/schema";
import type {
  OrganisationFormValues,
  OrganisationKind,
  PersonFormValues,
} from "~/domain/organisation";
import type { SessionUser } from "~/domain/user";
import { requireRegisterEditor } from "./access.server";
import { recordAudit } from "./audit.server";
import { ConflictError, FieldValidationError, isUniqueViolation } from "./errors.server";

const parent = alias(organisations, "parent");

export async function listOrganisations(
  db: Db,
  filter: { kind?: OrganisationKind; q?: string } = {},
) {
  const conditions = [];
  if (filter.kind) conditions.push(eq(organisations.kind, filter.kind));
  if (filter.q) conditions.push(ilike(organisations.name, `%${escapeLike(filter.q)}%`));
  return db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      tenancies: organisations.tenancies,
      parentId: organisations.parentId,
      parentName: parent.name,
      peopleCount: sql<number>`(select count(*)::int from ${people} where ${people.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(organisations.name));
}

export async function getOrganisation(db: Db, organisationId: number) {
  const organisation = await db.query.organisations.findFirst({
    where: eq(organisations.id, organisationId),
    with: {
      parent: { columns: { id: true, name: true } },
      estates: {
        columns: { id: true, name: true, tenancies: true },
        orderBy: (o, { asc }) => [asc(o.name)],
      },
      people: {
        columns: { id: true, name: true, title: true, email: true, phone: true },
        orderBy: (p, { asc }) => [asc(p.name)],
      },
    },
  });
  return organisation ?? null;
}

export async function listHousingOrganisationOptions(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, "housing_organisation"))
    .orderBy(asc(organisations.name));
}

async function validateParent(db: Db, values: OrganisationFormValues, selfId?: number) {
  if (values.parentId == null) return;
  const [row] = await db
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, values.parentId));
  if (row?.kind !== "housing_organisation" || values.parentId === selfId) {
    throw new FieldValidationError({ parentId: "Vælg en boligorganisation fra listen" });
  }
}

const DUPLICATE_ORGANISATION = {
  name: "Der findes allerede en organisation af denne type med det navn",
};

export async function createOrganisation(
  db: Db,
  user: SessionUser,
  values: OrganisationFormValues,
) {
  await requireRegisterEditor(db, user);
  try {
    return await db.transaction(async (tx) => {
      await validateParent(tx, values);
      const [created] = await tx.insert(organisations).values(values).returning();
      if (!created) throw new Error("Insert returned no row");
      await recordAudit(tx, {
        user,
        action: "organisation.create",
        entityType: "organisation",
        entityId: created.id,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldValidationError(DUPLICATE_ORGANISATION);
    throw error;
  }
}

export async function updateOrganisation(
  db: Db,
  user: SessionUser,
  organisationId: number,
  expectedVersion: number,
  values: OrganisationFormValues,
) {
  await requireRegisterEditor(db, user);
  try {
    return await db.transaction(async (tx) => {
      await validateParent(tx, values, organisationId);
      const [before] = await tx
        .select()
        .from(organisations)
        .where(eq(organisations.id, organisationId));
      if (!before) throw new ConflictError("The organisation no longer exists");
      if (before.kind === "estate" && values.kind !== "estate") {
        // An estate may be referenced as a plan's estate; changing its kind would break that.
        throw new FieldValidationError({ kind: "En afdeling kan ikke skifte til en anden type" });
      }
      if (before.kind === "housing_organisation" && values.kind !== "housing_organisation") {
        // Its estates must keep a housing organisation as their parent.
        const [estate] = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(eq(organisations.parentId, organisationId))
          .limit(1);
        if (estate) {
          throw new FieldValidationError({
            kind: "En boligorganisation med afdelinger kan ikke skifte til en anden type",
          });
        }
      }
      const [updated] = await tx
        .update(organisations)
        .set({ ...values, version: sql`${organisations.version} + 1`, updatedAt: new Date() })
        .where(
          and(eq(organisations.id, organisationId), eq(organisations.version, expectedVersion)),
        )
        .returning();
      if (!updated) throw new ConflictError();
      await recordAudit(tx, {
        user,
        action: "organisation.update",
        entityType: "organisation",
        entityId: organisationId,
        before,
        after: updated,
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldValidationError(DUPLICATE_ORGANISATION);
    throw error;
  }
}

export async function listPeople(db: Db, filter: { q?: string } = {}) {
  const q = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  return db
    .select({
      id: people.id,
      name: people.name,
      title: people.title,
      email: people.email,
      phone: people.phone,
      organisationId: people.organisationId,
      organisationName: organisations.name,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(q ? or(ilike(people.name, q), ilike(organisations.name, q)) : undefined)
    .orderBy(asc(people.name));
}

export async function getPerson(db: Db, personId: number) {
  const person = await db.query.people.findFirst({
    where: eq(people.id, personId),
    with: { organisation: { columns: { id: true, name: true } } },
  });
  return person ?? null;
}

export async function listOrganisationOptions(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

async function validatePersonOrganisation(db: Db, values: PersonFormValues) {
  if (values.organisationId == null) return;
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, values.organisationId));
  if (!row) throw new FieldValidationError({ organisationId: "Vælg en organisation fra listen" });
}

export async function createPerson(db: Db, user: SessionUser, values: PersonFormValues) {
  await requireRegisterEditor(db, user);
  return db.transaction(async (tx) => {
    await validatePersonOrganisation(tx, values);
    const [created] = await tx.insert(people).values(values).returning();
    if (!created) throw new Error("Insert returned no row");
    await recordAudit(tx, {
      user,
      action: "person.create",
      entityType: "person",
      entityId: created.id,
      after: created,
    });
    return created;
  });
}

export async function updatePerson(
  db: Db,
  user: SessionUser,
  personId: number,
  expectedVersion: number,
  values: PersonFormValues,
) {
  await requireRegisterEditor(db, user);
  return db.transaction(async (tx) => {
    await validatePersonOrganisation(tx, values);
    const [before] = await tx.select().from(people).where(eq(people.id, personId));
    if (!before) throw new ConflictError("The person no longer exists");
    const [updated] = await tx
      .update(people)
      .set({ ...values, version: sql`${people.version} + 1`, updatedAt: new Date() })
      .where(and(eq(people.id, personId), eq(people.version, expectedVersion)))
      .returning();
    if (!updated) throw new ConflictError();
    await recordAudit(tx, {
      user,
      action: "person.update",
      entityType: "person",
      entityId: personId,
      before,
      after: updated,
    });
    return updated;
  });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
