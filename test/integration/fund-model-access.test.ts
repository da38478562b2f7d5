/**
 * The dispositionsfond models check access themselves, whoever calls them (a route, a script, a
 * test): the fund administrator of another housing organisation and a plan member without a fund
 * role get NotFoundError (the fund's data is not revealed), an application or grant under another
 * fund's address is not found even for an administrator, and a role that may see but not do gets
 * ForbiddenError. Nothing is written by a refused call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { fundApplications, fundReports } from "../../db/schema";
import type { DemoDispositionFund } from "../../db/demo-disposition-fund";
import { createTestDb, drivers, type TestDb } from "../helpers/db";
import type { FundSettingsValues } from "~/domain/disposition-fund";
import { parseRichText } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { getFund, getFundSettings, saveFundSettings } from "~/models/disposition-funds.server";
import { ForbiddenError, NotFoundError } from "~/models/errors.server";
import {
  APPLICATION_NOT_FOUND,
  assessApplication,
  decideApplication,
  getApplication,
  listApplications,
  withdrawApplication,
} from "~/models/fund-applications.server";
import { GRANT_NOT_FOUND, getFundReport, saveFundReport } from "~/models/fund-reports.server";
import { addOrganisationMembership, createUser } from "~/models/users.server";

const TODAY = "2026-11-22";

const settings: FundSettingsValues = {
  name: "Fællesbos Dispositionsfond",
  guidelines: parseRichText(""),
  maxYears: 4,
  minOwnSharePercent: null,
  maxAmountPerTenancy: null,
  prioritiseLbfCofinancing: true,
  prioritiseAcute: true,
  reportDueMonthDay: "03-31",
  frames: [{ year: 2026, amount: 500_000 }],
};

describe.each(drivers)("fund models check access themselves on %s", (driver) => {
  let t: TestDb;
  let demo: DemoDispositionFund;
  /** Fællesbo's fund (another housing organisation) and its fund administrator. */
  let otherFundId: number;
  let otherFundAdmin: SessionUser;

  beforeAll(async () => {
    t = await createTestDb(driver);
    demo = t.demo.dispositionFund;
    const faellesbo = t.demo.organisationIds.faellesbo!;
    ({ fundId: otherFundId } = await saveFundSettings(
      t.db,
      t.user("admin"),
      faellesbo,
      0,
      settings,
    ));
    const user = await createUser(t.db, null, {
      name: "Karen Holm",
      email: "faellesbo-fond@samarbejde.example",
      password: "faellesbo-adgang-1",
      isAdmin: false,
    });
    await addOrganisationMembership(t.db, null, user.id, {
      organisationId: faellesbo,
      role: "fund_admin",
      estateId: null,
    });
    otherFundAdmin = { id: user.id, email: user.email, name: user.name, isAdmin: false };
  });
  afterAll(async () => {
    await t?.close();
  });

  const storedApplication = async (id: number) => {
    const [row] = await t.db
      .select({ status: fundApplications.status, version: fundApplications.version })
      .from(fundApplications)
      .where(eq(fundApplications.id, id));
    return row;
  };

  it("answers NotFoundError to the fund administrator of another organisation", async () => {
    const application = { fundId: demo.fundId, applicationId: demo.submittedApplicationId };
    const report = { fundId: demo.fundId, grantId: demo.grantId, year: 2025 };
    const before = await storedApplication(demo.submittedApplicationId);

    // Their own fund is theirs: the check is about whose data it is, not the role.
    expect((await getFund(t.db, otherFundAdmin, otherFundId)).role).toBe("fund_admin");
    await expect(getFund(t.db, otherFundAdmin, demo.fundId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listApplications(t.db, otherFundAdmin, demo.fundId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      getFundSettings(t.db, otherFundAdmin, t.demo.organisationIds.laerkereden!),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getApplication(t.db, otherFundAdmin, application)).rejects.toThrow(
      new NotFoundError(APPLICATION_NOT_FOUND),
    );
    await expect(
      assessApplication(t.db, otherFundAdmin, application, before!.version, {
        assessment: "Fin ansøgning",
        recommendation: "approve",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFundReport(t.db, otherFundAdmin, report, TODAY)).rejects.toThrow(
      new NotFoundError(GRANT_NOT_FOUND),
    );
    await expect(
      saveFundReport(
        t.db,
        otherFundAdmin,
        report,
        0,
        { spent: 1_000, activities: parseRichText("Skrevet af en anden fond") },
        TODAY,
      ),
    ).rejects.toBeInstanceOf(NotFoundError);

    // Nothing was written.
    expect(await storedApplication(demo.submittedApplicationId)).toEqual(before);
    const reports = await t.db
      .select({ year: fundReports.year })
      .from(fundReports)
      .where(eq(fundReports.grantId, demo.grantId));
    expect(reports.map((r) => r.year)).toEqual([2024]);
  });

  it("answers NotFoundError to a plan member without a role on any fund", async () => {
    const secretariat = t.user("secretariat");
    await expect(getFund(t.db, secretariat, demo.fundId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getApplication(t.db, secretariat, {
        fundId: demo.fundId,
        applicationId: demo.submittedApplicationId,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("does not find an application or grant under another fund's address, even for an administrator", async () => {
    const admin = t.user("admin");
    const before = await storedApplication(demo.submittedApplicationId);
    const elsewhere = { fundId: otherFundId, applicationId: demo.submittedApplicationId };
    // Under its own fund, the administrator sees it.
    expect(
      (
        await getApplication(t.db, admin, {
          fundId: demo.fundId,
          applicationId: demo.submittedApplicationId,
        })
      ).application.title,
    ).toBeTruthy();
    await expect(getApplication(t.db, admin, elsewhere)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      withdrawApplication(t.db, admin, elsewhere, before!.version),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getFundReport(t.db, admin, { fundId: otherFundId, grantId: demo.grantId, year: 2024 }, TODAY),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await storedApplication(demo.submittedApplicationId)).toEqual(before);
  });

  it("answers ForbiddenError to an applicant who assesses, decides or manages the fund", async () => {
    const applicant = t.user("applicant");
    const application = { fundId: demo.fundId, applicationId: demo.submittedApplicationId };
    const before = await storedApplication(demo.submittedApplicationId);
    // The applicant may see their estate's application…
    expect((await getApplication(t.db, applicant, application)).role).toBe("applicant");
    // …but not do the fund administration's part.
    await expect(
      assessApplication(t.db, applicant, application, before!.version, {
        assessment: "Min egen vurdering",
        recommendation: "approve",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      decideApplication(t.db, applicant, application, before!.version, {
        decision: "approved",
        decisionDate: "2026-11-20",
        conditions: null,
        amounts: [],
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const laerkereden = t.demo.organisationIds.laerkereden!;
    await expect(getFundSettings(t.db, applicant, laerkereden)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      saveFundSettings(t.db, applicant, laerkereden, 1, { ...settings, name: "Min fond" }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    expect(await storedApplication(demo.submittedApplicationId)).toEqual(before);
    expect((await getFund(t.db, t.user("fundAdmin"), demo.fundId)).fund.name).not.toBe("Min fond");
  });
});
