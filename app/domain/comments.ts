/**
 * Comments on an agreement's draft (issue 20): the sections one may comment on, the forms'
 * schemas, and the shape of a thread as the pages show it. Pure and client-safe.
 *
 * A thread is a first comment (with the status) and its replies; a reply to a reply attaches to
 * the thread's first comment. Comments are kept with the revision they were made during, and are
 * never part of a version's snapshot or any document.
 */
import { optionalId, requiredId, requiredText, versionField, z } from "./zod";

/** The sections of the draft, in the document's order, keyed as the edit routes are. */
export const COMMENT_SECTIONS = [
  "basics",
  "parties",
  "working-groups",
  "problem",
  "purpose",
  "criteria",
  "activities",
  "interplay",
  "financing",
  "staff",
  "clauses",
] as const;
export type CommentSection = (typeof COMMENT_SECTIONS)[number];

export const commentSectionLabels: Record<CommentSection, string> = {
  basics: "Navn på indsatsen",
  parties: "Aftalens parter",
  "working-groups": "Arbejdsgrupper",
  problem: "Problemkompleks",
  purpose: "Formål og mål",
  criteria: "Succeskriterier",
  activities: "Aktiviteter",
  interplay: "Samspil og forankring",
  financing: "Finansiering",
  staff: "Medarbejderressourcer",
  clauses: "Konflikthåndtering, revision og gyldighed",
};

export function isCommentSection(value: unknown): value is CommentSection {
  return typeof value === "string" && (COMMENT_SECTIONS as readonly string[]).includes(value);
}

export const COMMENT_MAX_LENGTH = 5000;

const body = requiredText("Skriv en kommentar", COMMENT_MAX_LENGTH, { multiline: true });

/** A new thread on a section (optionally on one activity). */
export const NewCommentSchema = z.object({
  section: z.enum(COMMENT_SECTIONS, { error: "Vælg et afsnit" }),
  activityId: optionalId(),
  body,
});

/** A reply to a thread (or to a reply: it attaches to the thread). */
export const ReplySchema = z.object({
  parentId: requiredId("Kommentaren findes ikke"),
  body: requiredText("Skriv et svar", COMMENT_MAX_LENGTH, { multiline: true }),
});

/** Resolving or reopening a thread, with the version the page showed. */
export const ResolveSchema = z.object({
  commentId: requiredId("Kommentaren findes ikke"),
  version: versionField(),
});

export const COMMENT_LINK_DEFAULT_DAYS = 30;
export const COMMENT_LINK_MAX_DAYS = 180;

/** A comment link for a working-group member without an account. */
export const CommentLinkSchema = z.object({
  name: requiredText("Skriv personens navn", 200),
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : (v ?? null)),
    z
      .email({ error: "Skriv en gyldig e-mailadresse, eller lad feltet stå tomt" })
      .max(254)
      .nullable(),
  ),
  days: z.preprocess(
    (v) => (v === "" || v == null ? COMMENT_LINK_DEFAULT_DAYS : Number(v)),
    z
      .number({ error: `Skriv et antal dage fra 1 til ${COMMENT_LINK_MAX_DAYS}` })
      .int({ error: `Skriv et antal dage fra 1 til ${COMMENT_LINK_MAX_DAYS}` })
      .min(1, { error: `Skriv et antal dage fra 1 til ${COMMENT_LINK_MAX_DAYS}` })
      .max(COMMENT_LINK_MAX_DAYS, {
        error: `Et link kan højst gælde i ${COMMENT_LINK_MAX_DAYS} dage`,
      }),
  ),
});

export interface CommentReplyView {
  id: number;
  authorName: string;
  /** Written through a comment link (not by a user of the app). */
  viaLink: boolean;
  body: string;
  createdAt: string;
}

export interface CommentThreadView extends CommentReplyView {
  section: CommentSection;
  activityId: number | null;
  activityName: string | null;
  status: "open" | "resolved";
  version: number;
  resolvedAt: string | null;
  resolvedByName: string | null;
  replies: CommentReplyView[];
}

/** The anchor of a comment on the agreement page (and the link page). */
export function commentAnchor(id: number): string {
  return `comment-${id}`;
}

/** «1 åben kommentar», «3 åbne kommentarer». */
export function openCommentsLabel(count: number): string {
  return count === 1 ? "1 åben kommentar" : `${count} åbne kommentarer`;
}

/** A comment's first line, shortened, for a notification's title or body. */
export function commentExcerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Threads grouped by section, in the document's order (sections without threads left out). */
export function threadsBySection(
  threads: readonly CommentThreadView[],
): { section: CommentSection; label: string; threads: CommentThreadView[] }[] {
  return COMMENT_SECTIONS.map((section) => ({
    section,
    label: commentSectionLabels[section],
    threads: threads.filter((t) => t.section === section),
  })).filter((g) => g.threads.length > 0);
}
