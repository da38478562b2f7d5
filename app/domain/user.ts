/**
 * Users, logins and memberships: form schemas.
 */
import { ORGANISATION_ROLES, PLAN_ROLES } from "./roles";
import { z, checkbox, optionalId, requiredId, requiredText } from "./zod";

const email = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.email({ error: "Skriv en gyldig e-mailadresse" }),
);

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** What the password rule asks (the length here; strength and personal words on the server). */
export const PASSWORD_HINT = `Mindst ${MIN_PASSWORD_LENGTH} tegn og svær at gætte, fx flere ord, der ikke hører sammen. Brugerens navn og e-mailadresse må ikke indgå.`;

export const LoginSchema = z.object({
  email,
  password: z.string({ error: "Skriv din adgangskode" }).min(1, { error: "Skriv din adgangskode" }),
  redirectTo: z.string().optional(),
});

const password = z
  .string({ error: "Skriv en adgangskode" })
  .min(MIN_PASSWORD_LENGTH, { error: `Adgangskoden skal have mindst ${MIN_PASSWORD_LENGTH} tegn` })
  .max(MAX_PASSWORD_LENGTH, { error: `Højst ${MAX_PASSWORD_LENGTH} tegn` });

export const UserCreateSchema = z.object({
  name: requiredText("Skriv brugerens navn", 200),
  email,
  password,
  isAdmin: checkbox,
});

export const UserUpdateSchema = z.object({
  name: requiredText("Skriv brugerens navn", 200),
  email,
  isAdmin: checkbox,
  active: checkbox,
  /** A new password; empty keeps the current one. */
  password: z.preprocess((v) => (v === "" ? undefined : v), password.optional()),
});

export const PlanMembershipSchema = z.object({
  planId: requiredId("Vælg en plan"),
  role: z.enum(PLAN_ROLES, { error: "Vælg en rolle" }),
});

export const OrganisationMembershipSchema = z
  .object({
    organisationId: requiredId("Vælg en boligorganisation"),
    role: z.enum(ORGANISATION_ROLES, { error: "Vælg en rolle" }),
    estateId: optionalId(),
  })
  .superRefine((m, ctx) => {
    if (m.role === "applicant" && m.estateId == null) {
      ctx.addIssue({ code: "custom", path: ["estateId"], message: "Vælg den afdeling, der søger" });
    }
  })
  .transform((m) => (m.role === "applicant" ? m : { ...m, estateId: null }));

export const UserParamsSchema = z.object({ userId: z.coerce.number().int().positive() });

/** The signed-in user as loaders and models see them. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
}
