/**
 * The demo plan's milestone plan: 13 fictional milestones over 2023–2026, by date or by quarter,
 * tied to the demo agreement and its activities and to organisations of the plan. Created by the
 * demo secretariat through the model, and marked done (or, once, postponed with a reason) by the
 * demo reporter, as people would. Every name and text is invented.
 */
import type { Db } from "./client";
import { DEMO_USERS, type DemoBaseIds } from "./demo-users";
import type { MilestoneInput, MilestoneStatusInput } from "../app/domain/milestone";
import type { SessionUser } from "../app/domain/user";
import {
  createMilestone,
  getNewMilestoneForm,
  setMilestoneStatus,
} from "../app/models/milestones.server";

interface DemoMilestone {
  title: string;
  /** A date "2024-03-15", or a quarter "2024-2". */
  when: string;
  /** A word of the activity's name, or null for the agreement as a whole. */
  activity: string | null;
  /** A word of the responsible organisation's name. */
  responsible: string;
  status?: MilestoneStatusInput;
}

export const DEMO_POSTPONED_NOTE =
  "Lokalet i kælderen blev først godkendt af brandmyndigheden i januar, så opstarten er flyttet til foråret.";

export const DEMO_MILESTONES: readonly DemoMilestone[] = [
  {
    title: "Arbejdsgruppen er nedsat og har holdt første møde",
    when: "2023-02-15",
    activity: null,
    responsible: "Sekretariat",
    status: { status: "done", completedOn: "2023-02-09", note: null },
  },
  {
    title: "De første 6 naboværter er rekrutteret",
    when: "2023-2",
    activity: "Naboværter",
    responsible: "Strandengen",
    status: { status: "done", completedOn: "2023-05-30", note: null },
  },
  {
    title: "Gårdlivets sommerprogram er lagt",
    when: "2023-05-01",
    activity: "Gårdliv",
    responsible: "Sekretariat",
    status: { status: "done", completedOn: "2023-04-24", note: null },
  },
  {
    title: "Værkstedet i kælderen åbner for beboerne",
    when: "2023-4",
    activity: "Gårdliv",
    responsible: "Solsikkeparken",
    status: { status: "postponed", completedOn: null, note: DEMO_POSTPONED_NOTE },
  },
  {
    title: "Introforløb for nye afdelingsbestyrelsesmedlemmer",
    when: "2024-03-12",
    activity: "beboerdemokratiet",
    responsible: "Fællesbo",
    status: { status: "done", completedOn: "2024-03-12", note: null },
  },
  {
    title: "Foreningsbroen har 10 aftaler med lokale foreninger",
    when: "2024-3",
    activity: "Foreningsbroen",
    responsible: "Kommune",
    status: { status: "done", completedOn: "2024-09-20", note: null },
  },
  {
    title: "Midtvejsstatus drøftet i bestyrelsen",
    when: "2024-11-28",
    activity: null,
    responsible: "Sekretariat",
    status: { status: "done", completedOn: "2024-11-28", note: null },
  },
  {
    title: "Naboværterne har besøgt alle opgange i Strandengen",
    when: "2025-2",
    activity: "Naboværter",
    responsible: "Strandengen",
    status: { status: "done", completedOn: "2025-06-18", note: null },
  },
  {
    title: "Gårdfest i Solsikkeparken med mindst 150 deltagere",
    when: "2025-08-23",
    activity: "Gårdliv",
    responsible: "Solsikkeparken",
    status: { status: "done", completedOn: "2025-08-23", note: null },
  },
  {
    title: "Valgmøde før afdelingsmøderne",
    when: "2025-09-10",
    activity: "beboerdemokratiet",
    responsible: "Lærkereden",
    status: { status: "done", completedOn: "2025-09-10", note: null },
  },
  {
    title: "Naboværterne er forankret i afdelingsbestyrelserne",
    when: "2026-2",
    activity: "Naboværter",
    responsible: "Fællesbo",
    status: { status: "done", completedOn: "2026-06-02", note: null },
  },
  {
    title: "Foreningsbroen overdrages til kommunens fritidsafdeling",
    when: "2026-4",
    activity: "Foreningsbroen",
    responsible: "Kommune",
  },
  {
    title: "Slutevaluering af delaftalen afleveret",
    when: "2026-12-15",
    activity: null,
    responsible: "Sekretariat",
  },
];

function asUser(demo: DemoBaseIds, key: "secretariat" | "reporter"): SessionUser {
  return {
    id: demo.userIds[key],
    email: DEMO_USERS[key].email,
    name: DEMO_USERS[key].name,
    isAdmin: false,
  };
}

/** Inserts the demo milestones (after the demo agreement) and returns their ids. */
export async function seedDemoMilestones(
  db: Db,
  demo: DemoBaseIds & { agreementId: number },
): Promise<number[]> {
  const secretariat = asUser(demo, "secretariat");
  const reporter = asUser(demo, "reporter");
  const options = await getNewMilestoneForm(db, secretariat, demo.planId);
  const find = <T extends { name: string }>(list: T[], word: string) =>
    list.find((x) => x.name.toLocaleLowerCase("da").includes(word.toLocaleLowerCase("da")));
  const ids: number[] = [];
  for (const m of DEMO_MILESTONES) {
    const quarter = /^(\d{4})-([1-4])$/.exec(m.when);
    const activity = m.activity
      ? find(
          options.activities.filter((a) => a.agreementId === demo.agreementId),
          m.activity,
        )
      : undefined;
    const input: MilestoneInput = {
      title: m.title,
      dueDate: quarter ? null : m.when,
      year: Number(m.when.slice(0, 4)),
      quarter: quarter ? Number(quarter[2]) : null,
      agreementId: demo.agreementId,
      activityId: activity?.id ?? null,
      responsibleOrganisationId: find(options.organisations, m.responsible)?.id ?? null,
      note: null,
    };
    const { id } = await createMilestone(db, secretariat, demo.planId, input);
    if (m.status) await setMilestoneStatus(db, reporter, demo.planId, id, 1, m.status);
    ids.push(id);
  }
  return ids;
}
