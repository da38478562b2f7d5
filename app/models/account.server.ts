/**
 * "Min konto": what the signed-in user may know about their own account (name, e-mail, roles in
 * plans and housing organisations) and the state of their calendar address. Only their own.
 */
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { eq } from "drizzle-orm";
import type { OrganisationRole, PlanRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { getCalendarFeed, type CalendarFeedStatus } from "./calendar.server";
import { NotFoundError } from "./errors.server";

export interface AccountView {
  name: string;
  email: string;
  isAdmin: boolean;
  plans: { id: number; name: string; role: PlanRole }[];
  organisations: { organisationName: string; estateName: string | null; role: OrganisationRole }[];
  calendarFeed: CalendarFeedStatus | null;
}

export async function getAccount(db: Db, user: SessionUser): Promise<AccountView> {
  const [account, calendarFeed] = await Promise.all([
    db.query.users.findFirst({
      where: eq(users.id, user.id),
      columns: { name: true, email: true, isAdmin: true },
      with: {
        planMemberships: {
          columns: { role: true },
          with: { plan: { columns: { id: true, name: true } } },
        },
        organisationMemberships: {
          columns: { role: true },
          with: {
            organisation: { columns: { name: true } },
            estate: { columns: { name: true } },
          },
        },
      },
    }),
    getCalendarFeed(db, user),
  ]);
  if (!account) throw new NotFoundError("Brugeren findes ikke");
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "da");
  return {
    name: account.name,
    email: account.email,
    isAdmin: account.isAdmin,
    plans: account.planMemberships
      .map((m) => ({ id: m.plan.id, name: m.plan.name, role: m.role }))
      .sort(byName),
    organisations: account.organisationMemberships.map((m) => ({
      organisationName: m.organisation.name,
      estateName: m.estate?.name ?? null,
      role: m.role,
    })),
    calendarFeed,
  };
}
