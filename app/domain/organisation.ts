/**
 * Organisations and people in the shared register that plans and agreements refer to.
 */
import { z, optionalId, optionalText, optionalWholeNumber, requiredText } from "./zod";

export const ORGANISATION_KINDS = [
  "housing_organisation",
  "estate",
  "municipality",
  "police",
  "school",
  "ngo",
  "church",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const organisationKindLabels: Record<OrganisationKind, string> = {
  housing_organisation: "Boligorganisation",
  estate: "Afdeling (boligafdeling)",
  municipality: "Kommune",
  police: "Politi",
  school: "Skole eller uddannelsessted",
  ngo: "Forening eller NGO",
  church: "Kirke",
  other: "Anden organisation",
};

export const OrganisationFormSchema = z
  .object({
    kind: z.enum(ORGANISATION_KINDS, { error: "Vælg en type" }),
    name: requiredText("Skriv organisationens navn", 200),
    parentId: optionalId(),
    tenancies: optionalWholeNumber("Antal lejemål skal være et helt tal"),
    address: optionalText(300),
    note: optionalText(2000, { multiline: true }),
  })
  .superRefine((org, ctx) => {
    if (org.kind === "estate" && org.parentId == null) {
      ctx.addIssue({
        code: "custom",
        path: ["parentId"],
        message: "En afdeling skal høre til en boligorganisation",
      });
    }
  })
  // Only estates have a parent and tenancies; drop them for other kinds.
  .transform((org) => (org.kind === "estate" ? org : { ...org, parentId: null, tenancies: null }));
export type OrganisationFormValues = z.infer<typeof OrganisationFormSchema>;

export const PersonFormSchema = z.object({
  name: requiredText("Skriv personens navn", 200),
  title: optionalText(200),
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || null : (v ?? null)),
    z.email({ error: "Skriv en gyldig e-mailadresse" }).nullable(),
  ),
  phone: optionalText(40),
  organisationId: optionalId(),
});
export type PersonFormValues = z.infer<typeof PersonFormSchema>;

export const OrganisationParamsSchema = z.object({
  organisationId: z.coerce.number().int().positive(),
});
export const PersonParamsSchema = z.object({ personId: z.coerce.number().int().positive() });
