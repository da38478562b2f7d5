/**
 * Imports of existing delaftaler from Word (issue 13): the original file, kept as it came, what
 * the reader read from it, and the recogniser's draft with every paragraph's destination (placed,
 * unplaced, or discarded by whom and when), until the secretariat saves it as an agreement or
 * discards the import.
 */
import { relations, sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import type { Recognition, SourceDocument } from "../../app/domain/import/types";
import { timestamps } from "./common";
import { agreements } from "./agreements";
import { focusAreas, plans } from "./plans";
import { users } from "./users";

/**
 * A binary column. postgres.js gives a Buffer and PGlite a Uint8Array; both are handed out as a
 * plain Uint8Array so callers see one type on either driver.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
  toDriver(value) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  },
  fromDriver(value) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  },
});

export const importStatus = pgEnum("import_status", ["review", "saved", "discarded"]);

export const agreementImports = pgTable(
  "agreement_imports",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size").notNull(),
    /** Hex SHA-256 of the file, to recognise the same file uploaded again. */
    fileSha256: text("file_sha256").notNull(),
    /** The original file, kept as uploaded (nothing from it is lost). */
    fileData: bytea("file_data").notNull(),
    source: jsonb("source").$type<SourceDocument>().notNull(),
    recognition: jsonb("recognition").$type<Recognition>().notNull(),
    /** The plan's focus area the draft is for: matched by name, or chosen on the review screen. */
    focusAreaId: integer("focus_area_id").references(() => focusAreas.id, {
      onDelete: "set null",
    }),
    status: importStatus("status").notNull().default("review"),
    /** The agreement the import was saved into. */
    agreementId: integer("agreement_id").references(() => agreements.id, {
      onDelete: "set null",
    }),
    /** Saved as a revision draft of an existing agreement (rather than a new agreement). */
    revision: boolean("revision").notNull().default(false),
    /** Optimistic lock for the review's changes. */
    version: integer("version").notNull().default(1),
    ...timestamps,
    savedAt: timestamp("saved_at", { withTimezone: true }),
    savedBy: integer("saved_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("agreement_imports_plan_idx").on(t.planId),
    check("agreement_imports_file_size", sql`${t.fileSize} >= 0`),
    check("agreement_imports_saved", sql`${t.status} <> 'saved' or ${t.savedAt} is not null`),
  ],
);

export const agreementImportsRelations = relations(agreementImports, ({ one }) => ({
  plan: one(plans, { fields: [agreementImports.planId], references: [plans.id] }),
  focusArea: one(focusAreas, {
    fields: [agreementImports.focusAreaId],
    references: [focusAreas.id],
  }),
  agreement: one(agreements, {
    fields: [agreementImports.agreementId],
    references: [agreements.id],
  }),
}));
