/**
 * Small helpers shared by the dispositionsfond's domain modules. Not re-exported by the index:
 * only the modules of this folder use them.
 */
import { z } from "../zod";
import type { RuleIssue } from "./application";

export const isBlank = (v: unknown) => v == null || (typeof v === "string" && v.trim() === "");

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export type YearAmount = { year: number; amount: number };

export function byYear(rows: readonly YearAmount[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const r of rows) map.set(r.year, (map.get(r.year) ?? 0) + r.amount);
  return map;
}

/** A required calendar year ("2026"). */
export function yearField(message = "Skriv et årstal, fx 2026") {
  return z.preprocess(
    (v) => (isBlank(v) ? undefined : Number(v)),
    z
      .number({ error: message })
      .int({ error: message })
      .min(2000, { error: message })
      .max(2100, { error: message }),
  );
}

export function addIssues<T>(ctx: z.core.$RefinementCtx<T>, issues: readonly RuleIssue[]): void {
  for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
}
