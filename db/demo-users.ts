/**
 * The demo users (one per role) and their password, and the ids the demo's parts build on. Its own
 * module so that db/seed.ts and the db/demo-*.ts parts it calls both import it, not each other.
 */
export const DEMO_PASSWORD = "demo-adgang-2026";

export const DEMO_USERS = {
  admin: { email: "admin@samarbejde.example", name: "Astrid Holm", role: "Administrator" },
  secretariat: {
    email: "sekretariat@samarbejde.example",
    name: "Mette Lykke",
    role: "Sekretariat (Strandengen)",
  },
  board: {
    email: "bestyrelse@samarbejde.example",
    name: "Karim Dahl",
    role: "Bestyrelse (Strandengen)",
  },
  reporter: {
    email: "rapportering@samarbejde.example",
    name: "Sofie Brandt",
    role: "Rapportør (Strandengen)",
  },
  viewer: {
    email: "laeser@samarbejde.example",
    name: "Jonas Vestergaard",
    role: "Læseadgang (Strandengen)",
  },
  otherPlan: {
    email: "moelleaasen@samarbejde.example",
    name: "Lene Kjær",
    role: "Sekretariat (kun Mølleåsen)",
  },
  fundAdmin: {
    email: "fond@samarbejde.example",
    name: "Henrik Bech",
    role: "Fondsadministrator (Boligselskabet Lærkereden)",
  },
  applicant: {
    email: "ansoeger@samarbejde.example",
    name: "Yasmin Farah",
    role: "Ansøger (afd. 7 Kløverhaven)",
  },
} as const;

/** The ids seeded first (plans, users, organisations), which the demo's parts are built on. */
export interface DemoBaseIds {
  planId: number;
  otherPlanId: number;
  userIds: Record<keyof typeof DEMO_USERS, number>;
  organisationIds: Record<string, number>;
}
