/**
 * Feedback after an action and locks shown up front (issue 19, items 5 and 6), through the routes
 * as Remix calls them: a section save redirects to its section with a message that the next page
 * (the root loader) shows once; an activity move lands on the moved row with its message; while a
 * proposal awaits the board, a section page's loader says the agreement is locked, why and since
 * when, and the save is still refused; after the withdrawal the lock is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import { buildRequest, callRoute, callRouteWith, useTestDbForRoutes } from "../helpers/routes";
import type { FormFailure } from "~/domain/form";
import { formatDate, todayInDenmark } from "~/domain/format";
import * as root from "~/root";
import * as basicsPage from "~/routes/plans.$planId.agreements.$agreementId.edit.basics";
import * as activityList from "~/routes/plans.$planId.agreements.$agreementId.edit.activities._index";
import * as problemPage from "~/routes/plans.$planId.agreements.$agreementId.edit.problem";
import * as revisionPage from "~/routes/plans.$planId.agreements.$agreementId.revision";

type RootData = Awaited<ReturnType<typeof root.loader>>["data"];
type ProblemData = Awaited<ReturnType<typeof problemPage.loader>>;
type ActivityListData = Awaited<ReturnType<typeof activityList.loader>>;

/** The `name=value` part of a Set-Cookie header, as the browser sends it back. */
function cookieOf(setCookie: string | null): string {
  expect(setCookie).toBeTruthy();
  return setCookie!.split(";")[0]!;
}

describe.each(drivers)("feedback after actions and locks on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
    useTestDbForRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const params = () => ({
    planId: String(t.demo.planId),
    agreementId: String(t.demo.agreementId),
  });
  const base = () => `/plans/${t.demo.planId}/agreements/${t.demo.agreementId}`;

  /** The next page as the browser asks for it with `cookie`: the root loader's data and cookie. */
  async function nextPage(cookie: string, url = base()) {
    const request = new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
    const res = await callRouteWith(root.loader, request);
    expect(res.status).toBe(200);
    return { data: res.data as RootData, setCookie: res.headers.get("Set-Cookie") };
  }

  const loadProblem = async (userId = t.demo.userIds.secretariat) =>
    callRoute(problemPage.loader, `${base()}/edit/problem`, { userId, params: params() });

  /** Posts the problem statement as the browser would, with the session cookie it has. */
  async function saveProblem(text: string) {
    const loaded = (await loadProblem()).data as ProblemData;
    const request = await buildRequest(`${base()}/edit/problem`, {
      userId: t.demo.userIds.secretariat,
      form: { version: String(loaded.record.version), problemStatement: text },
    });
    const cookie = request.headers.get("Cookie")!;
    const res = await callRouteWith(problemPage.action, request, params());
    return { res, cookie };
  }

  it("redirects a section save to its section with a message that the next page shows once", async () => {
    const { res, cookie } = await saveProblem("Et nyt problemkompleks.");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${base()}#problem`);
    const withFlash = cookieOf(res.headers.get("Set-Cookie"));

    // Before the save the page had no message; the page after it has one.
    expect((await nextPage(cookie)).data.flash).toBeNull();
    const shown = await nextPage(withFlash);
    expect(shown.data.flash).toMatchObject({ kind: "success", text: "Problemkomplekset er gemt." });
    // Still signed in, as the same user.
    expect(shown.data.user?.id).toBe(t.demo.userIds.secretariat);

    // The reply's cookie no longer carries the message: a reload does not show it again.
    const afterwards = await nextPage(cookieOf(shown.setCookie));
    expect(afterwards.data.flash).toBeNull();
    expect(afterwards.data.user?.id).toBe(t.demo.userIds.secretariat);
    // A page without a message leaves the cookie alone.
    expect(afterwards.setCookie).toBeNull();
  });

  it("shows no message and keeps the input when the save fails", async () => {
    const loaded = await callRoute(basicsPage.loader, `${base()}/edit/basics`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
    });
    const { record } = loaded.data as Awaited<ReturnType<typeof basicsPage.loader>>;
    const res = await callRoute(basicsPage.action, `${base()}/edit/basics`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form: {
        version: String(record.version),
        openingText: "Aftalen indgås mellem parterne.",
        validFrom: "",
        validTo: "2026-12-31",
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const failure = res.data as FormFailure;
    expect(failure.errors.validFrom).toBe("Angiv en gyldig startdato");
    expect(failure.values.openingText).toBe("Aftalen indgås mellem parterne.");
  });

  it("lands on the moved activity's row after a move, with what happened", async () => {
    const list = `${base()}/edit/activities`;
    const loaded = await callRoute(activityList.loader, list, {
      userId: t.demo.userIds.secretariat,
      params: params(),
    });
    const { activities, record } = loaded.data as ActivityListData;
    expect(activities.length).toBeGreaterThanOrEqual(2);
    const second = activities[1]!;
    const res = await callRoute(activityList.action, list, {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form: {
        intent: "move",
        activityId: String(second.id),
        direction: "up",
        version: String(record.version),
      },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${list}#activity-${second.id}`);
    const shown = await nextPage(cookieOf(res.headers.get("Set-Cookie")), list);
    expect(shown.data.flash?.text).toBe("Aktiviteten er flyttet op.");
    const after = (
      await callRoute(activityList.loader, list, {
        userId: t.demo.userIds.secretariat,
        params: params(),
      })
    ).data as ActivityListData;
    expect(after.activities[0]!.id).toBe(second.id);
  });

  it("shows the lock on opening while the board decides, refuses the save, and lifts it on withdrawal", async () => {
    const before = (await loadProblem()).data as ProblemData;
    expect(before.record.lock).toBeNull();

    const submitted = await callRoute(revisionPage.action, `${base()}/revision`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form: { intent: "submit", summary: "Til bestyrelsen", recommendation: "Godkend den." },
    });
    expect(submitted.status).toBe(302);
    const sentMessage = await nextPage(cookieOf(submitted.headers.get("Set-Cookie")));
    expect(sentMessage.data.flash?.text).toBe(
      "Delaftalen er sendt til bestyrelsen til beslutning.",
    );

    const locked = await loadProblem();
    expect(locked.status).toBe(200);
    const { record, values } = locked.data as ProblemData;
    const today = formatDate(todayInDenmark());
    expect(record.lock).toEqual({
      reason: "awaiting-board",
      notice: `Aftalen ligger hos bestyrelsen til beslutning siden ${today}. Du kan redigere igen, når den er besluttet eller trukket tilbage.`,
    });
    // The page still shows what is stored.
    expect(values.problemStatement).toBe("Et nyt problemkompleks.");

    // Every section page knows it (the activity list too).
    const list = await callRoute(activityList.loader, `${base()}/edit/activities`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
    });
    expect((list.data as ActivityListData).record.lock?.reason).toBe("awaiting-board");

    // The server still refuses the save, and keeps what was typed.
    const { res } = await saveProblem("Rettet, mens bestyrelsen beslutter.");
    expect(res.status).toBe(409);
    expect((res.data as FormFailure).values.problemStatement).toBe(
      "Rettet, mens bestyrelsen beslutter.",
    );
    expect(res.headers.get("Set-Cookie")).toBeNull();

    // Other members get no lock: they get 403, and another plan's user 404, as before.
    expect((await loadProblem(t.demo.userIds.board)).status).toBe(403);
    expect((await loadProblem(t.demo.userIds.otherPlan)).status).toBe(404);

    const withdrawn = await callRoute(revisionPage.action, `${base()}/revision`, {
      userId: t.demo.userIds.secretariat,
      params: params(),
      form: { intent: "withdraw" },
    });
    expect(withdrawn.status).toBe(302);
    expect((await nextPage(cookieOf(withdrawn.headers.get("Set-Cookie")))).data.flash?.text).toBe(
      "Forslaget er trukket tilbage. Du kan redigere delaftalen igen.",
    );
    expect(((await loadProblem()).data as ProblemData).record.lock).toBeNull();
  });
});
