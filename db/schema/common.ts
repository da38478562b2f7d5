/** Column helpers shared by the schema's area files. */
import { timestamp } from "drizzle-orm/pg-core";

/** The JSON shape of a rich text (see RichText in app/domain/rich-text.ts). */
export type RichTextJson = { blocks: unknown[] };

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};
