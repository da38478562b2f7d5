/**
 * Who may do what (app/domain/roles.ts): only the secretariat and administrators edit a plan and
 * its agreements; administrators and secretariat members create plans; every role has a Danish
 * label.
 */
import { describe, expect, it } from "vitest";
import {
  ORGANISATION_ROLES,
  PLAN_ROLES,
  canCreatePlans,
  canEditPlan,
  organisationRoleLabels,
  planRoleLabels,
  type PlanAccessRole,
} from "~/domain/roles";

describe("canEditPlan", () => {
  it("lets the secretariat and administrators edit, and nobody else", () => {
    const roles: (PlanAccessRole | null | undefined)[] = ["admin", ...PLAN_ROLES, null, undefined];
    expect(roles.map((role) => [role, canEditPlan(role)])).toEqual([
      ["admin", true],
      ["secretariat", true],
      ["board", false],
      ["reporter", false],
      ["viewer", false],
      [null, false],
      [undefined, false],
    ]);
  });
});

describe("canCreatePlans", () => {
  it("lets an administrator create plans without any plan role", () => {
    expect(canCreatePlans({ isAdmin: true }, [])).toBe(true);
  });

  it("lets a user create plans who runs a secretariat on any plan", () => {
    expect(canCreatePlans({ isAdmin: false }, ["viewer", "secretariat"])).toBe(true);
  });

  it("refuses board members, reporters, viewers and users without plans", () => {
    expect(canCreatePlans({ isAdmin: false }, ["board", "reporter", "viewer"])).toBe(false);
    expect(canCreatePlans({ isAdmin: false }, [])).toBe(false);
  });
});

describe("role labels", () => {
  it("names every plan and organisation role in Danish", () => {
    expect(["admin", ...PLAN_ROLES].map((r) => planRoleLabels[r as PlanAccessRole])).toEqual([
      "Administrator",
      "Sekretariat",
      "Bestyrelse",
      "Rapportør",
      "Læseadgang",
    ]);
    expect(ORGANISATION_ROLES.map((r) => organisationRoleLabels[r])).toEqual([
      "Fondsadministrator",
      "Ansøger (afdeling)",
    ]);
  });
});
