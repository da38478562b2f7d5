/**
 * The fund administration's assessment and the organisation board's decision on an application,
 * and the grant amounts a decision gives.
 */
import { formatAmount } from "../format";
import { z, amountField, isoDate, optionalText, requiredText } from "../zod";
import type { RuleIssue } from "./application";
import { addIssues, yearField } from "./internal";
import { FUND_DECISIONS, FUND_RECOMMENDATIONS } from "./status";

// --- assessment and decision ----------------------------------------------------------------

/** The fund administration's assessment and recommendation to the organisation board. */
export const FundAssessmentSchema = z.object({
  assessment: requiredText("Skriv fondsadministrationens vurdering af ansøgningen", 10_000, {
    multiline: true,
  }),
  recommendation: z.enum(FUND_RECOMMENDATIONS, { error: "Vælg en indstilling" }),
});
export type FundAssessmentValues = z.output<typeof FundAssessmentSchema>;

const FundDecisionFieldsSchema = z.object({
  decision: z.enum(FUND_DECISIONS, { error: "Vælg organisationsbestyrelsens afgørelse" }),
  decisionDate: isoDate("Angiv datoen for organisationsbestyrelsens afgørelse"),
  conditions: optionalText(5000, { multiline: true }),
  /** The granted amount per year; only read for "approved_reduced". */
  amounts: z.preprocess(
    (v) => v ?? [],
    z.array(z.object({ year: yearField(), amount: amountField() })).max(20),
  ),
});
export type FundDecisionValues = z.output<typeof FundDecisionFieldsSchema>;

export type RequestedYear = { year: number; requestedAmount: number };

/**
 * The decision's rules against what was requested: approved grants the requested amounts; with
 * a lower amount, every year that was applied for gets an amount above 0 and at most the
 * requested one, and at least one year is lower.
 */
export function decisionIssues(
  decision: FundDecisionValues,
  requested: readonly RequestedYear[],
): RuleIssue[] {
  if (decision.decision !== "approved_reduced") return [];
  const issues: RuleIssue[] = [];
  const applied = new Map(
    requested.filter((r) => r.requestedAmount > 0).map((r) => [r.year, r.requestedAmount]),
  );
  const given = new Set<number>();
  let lower = false;
  decision.amounts.forEach((row, i) => {
    const max = applied.get(row.year);
    if (max == null || given.has(row.year)) {
      issues.push({
        path: ["amounts", i, "year"],
        message: given.has(row.year)
          ? "Året står der allerede"
          : "Der er ikke søgt om støtte i dette år",
      });
      return;
    }
    given.add(row.year);
    if (row.amount <= 0) {
      issues.push({
        path: ["amounts", i, "amount"],
        message: "Beløbet skal være større end 0. Vælg «Afslået», hvis intet bevilges",
      });
    } else if (row.amount > max) {
      issues.push({
        path: ["amounts", i, "amount"],
        message: `Beløbet må højst være det ansøgte (${formatAmount(max)})`,
      });
    } else if (row.amount < max) {
      lower = true;
    }
  });
  const missing = [...applied.keys()].filter((y) => !given.has(y));
  if (missing.length) {
    issues.push({
      path: ["amounts"],
      message: `Angiv det bevilgede beløb for hvert år, der er søgt om (mangler: ${missing.join(", ")})`,
    });
  } else if (!issues.length && !lower) {
    issues.push({
      path: ["amounts"],
      message:
        "Mindst ét år skal have et lavere beløb end ansøgt. Ellers vælg «Bevilget som ansøgt»",
    });
  }
  return issues;
}

/** The decision form's schema for an application with these requested amounts. */
export function decisionSchema(requested: readonly RequestedYear[]) {
  return FundDecisionFieldsSchema.superRefine((d, ctx) =>
    addIssues(ctx, decisionIssues(d, requested)),
  );
}

/**
 * The grant's amount per year for a (valid) decision: the requested amounts when approved, the
 * decided ones when approved with a lower amount, nothing when rejected. Years without an amount
 * are left out.
 */
export function grantAmounts(
  decision: Pick<FundDecisionValues, "decision" | "amounts">,
  requested: readonly RequestedYear[],
): { year: number; amount: number }[] {
  const rows =
    decision.decision === "approved"
      ? requested.map((r) => ({ year: r.year, amount: r.requestedAmount }))
      : decision.decision === "approved_reduced"
        ? decision.amounts.map((a) => ({ year: a.year, amount: a.amount }))
        : [];
  return rows.filter((r) => r.amount > 0).sort((a, b) => a.year - b.year);
}
