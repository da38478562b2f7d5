/**
 * Funders' self-evaluations (selvevalueringer) of a plan's grants.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
} from "drizzle-orm/pg-core";
import { type RichTextJson, timestamps } from "./common";
import { plans } from "./plans";
import { users } from "./users";

/**
 * A self-evaluation (selvevaluering) of a grant for a funder. `questionSet` names a question set
 * in templates/self-evaluation-questions.ts; `answers` holds { [questionKey]: { rating, narrative } }
 * with ratings 1 ("I meget høj grad") to 5 ("I meget ringe grad").
 */
export const selfEvaluations = pgTable(
  "self_evaluations",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "restrict" }),
    questionSet: text("question_set").notNull(),
    funder: text("funder").notNull(),
    title: text("title").notNull(),
    description: jsonb("description").$type<RichTextJson>(),
    recipient: text("recipient"),
    region: text("region"),
    grantType: text("grant_type"),
    /** The granted amount in whole kroner. */
    amount: bigint("amount", { mode: "number" }),
    grantYear: integer("grant_year"),
    /** When the funder wants the self-evaluation (in the deadline calendar); null when not set. */
    dueDate: date("due_date", { mode: "string" }),
    subGoal: text("sub_goal"),
    targetGroups: jsonb("target_groups").$type<string[]>().notNull().default([]),
    answers: jsonb("answers")
      .$type<Record<string, { rating: number | null; narrative: string | null }>>()
      .notNull()
      .default({}),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("self_evaluations_plan_idx").on(t.planId),
    check("self_evaluations_amount_non_negative", sql`${t.amount} is null or ${t.amount} >= 0`),
  ],
);
