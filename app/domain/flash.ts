/**
 * The one-time message a page shows after an action redirected to it ("Problemkomplekset er
 * gemt."). Stored in the session cookie by the action (app/flash.server.ts), read once by the
 * root loader and shown by app/components/flash-message.tsx.
 */
import { z } from "zod";

export const FLASH_KINDS = ["success", "info"] as const;

export const FlashSchema = z.object({
  /** Tells two messages with the same text apart, so the second one shows again. */
  id: z.string().min(1).max(64),
  kind: z.enum(FLASH_KINDS),
  text: z.string().min(1).max(500),
});
export type Flash = z.infer<typeof FlashSchema>;
export type FlashInput = Omit<Flash, "id">;

/** A stored flash, or null when there is none or it is not one (an old cookie's shape). */
export function parseFlash(value: unknown): Flash | null {
  const parsed = FlashSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Shorthand for the common case. */
export function success(text: string): FlashInput {
  return { kind: "success", text };
}
