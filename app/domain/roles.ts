/**
 * Roles and what they may do. Plan roles come from plan memberships; "admin" is a user flag that
 * acts as every role on every plan. Pure and client-safe: the UI uses it to show or hide actions,
 * the models use it to enforce them.
 */
export const PLAN_ROLES = ["secretariat", "board", "reporter", "viewer"] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];
/** The effective role of a user on a plan. */
export type PlanAccessRole = PlanRole | "admin";

export const ORGANISATION_ROLES = ["fund_admin", "applicant"] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export const planRoleLabels: Record<PlanAccessRole, string> = {
  admin: "Administrator",
  secretariat: "Sekretariat",
  board: "Bestyrelse",
  reporter: "Rapportør",
  viewer: "Læseadgang",
};

export const organisationRoleLabels: Record<OrganisationRole, string> = {
  fund_admin: "Fondsadministrator",
  applicant: "Ansøger (afdeling)",
};

/** Secretariat members and administrators edit a plan and its agreements. */
export function canEditPlan(role: PlanAccessRole | null | undefined): boolean {
  return role === "admin" || role === "secretariat";
}

/** Who may create new plans: administrators and anyone who runs a secretariat. */
export function canCreatePlans(user: { isAdmin: boolean }, roles: PlanAccessRole[]): boolean {
  return user.isAdmin || roles.includes("secretariat");
}
