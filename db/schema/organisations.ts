/**
 * The register: organisations (housing organisations, estates, municipalities, partners) and
 * people, used as agreement parties, contacts and working-group members.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { timestamps } from "./common";

export const organisationKind = pgEnum("organisation_kind", [
  "housing_organisation",
  "estate",
  "municipality",
  "police",
  "school",
  "ngo",
  "church",
  "other",
]);

export const organisations = pgTable(
  "organisations",
  {
    id: serial("id").primaryKey(),
    kind: organisationKind("kind").notNull(),
    name: text("name").notNull(),
    /** For an estate: the housing organisation it belongs to. */
    parentId: integer("parent_id").references((): AnyPgColumn => organisations.id, {
      onDelete: "restrict",
    }),
    /** For an estate: the number of tenancies (lejemål). */
    tenancies: integer("tenancies"),
    address: text("address"),
    note: text("note"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("organisations_parent_idx").on(t.parentId),
    uniqueIndex("organisations_kind_name_uq").on(t.kind, sql`lower(${t.name})`),
    check("organisations_estate_parent", sql`(${t.kind} = 'estate') = (${t.parentId} is not null)`),
    check("organisations_tenancies_positive", sql`${t.tenancies} is null or ${t.tenancies} >= 0`),
  ],
);

export const people = pgTable(
  "people",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    title: text("title"),
    email: text("email"),
    phone: text("phone"),
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [index("people_organisation_idx").on(t.organisationId)],
);
