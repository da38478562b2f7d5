/**
 * Relations for drizzle's relational queries, for every area's tables. They live in one file
 * because most pairs span two areas (a plan has many agreements, an agreement belongs to a plan),
 * and splitting them would make the area files import each other.
 */
import { relations } from "drizzle-orm";
import {
  activities,
  agreementParties,
  agreements,
  budgetAmounts,
  fundingSources,
  responsibilities,
  staffResources,
  goals,
  successCriteria,
  workingGroupMembers,
  workingGroups,
} from "./agreements";
import {
  dispositionFunds,
  fundApplicationFunding,
  fundApplicationYears,
  fundApplications,
  fundFrames,
  fundGrantYears,
  fundGrants,
  fundReports,
} from "./funds";
import { organisations, people } from "./organisations";
import { focusAreas, fundingRounds, planOrganisations, plans } from "./plans";
import { spending, measurements, progressReports } from "./reporting";
import { agreementVersions, revisions } from "./revisions";
import { selfEvaluations } from "./self-evaluations";
import { organisationMemberships, planMemberships, users } from "./users";

export const organisationsRelations = relations(organisations, ({ one, many }) => ({
  parent: one(organisations, {
    fields: [organisations.parentId],
    references: [organisations.id],
    relationName: "estates",
  }),
  estates: many(organisations, { relationName: "estates" }),
  people: many(people),
}));

export const peopleRelations = relations(people, ({ one }) => ({
  organisation: one(organisations, {
    fields: [people.organisationId],
    references: [organisations.id],
  }),
}));

export const fundingRoundsRelations = relations(fundingRounds, ({ many }) => ({
  focusAreas: many(focusAreas),
  plans: many(plans),
}));

export const focusAreasRelations = relations(focusAreas, ({ one }) => ({
  fundingRound: one(fundingRounds, {
    fields: [focusAreas.fundingRoundId],
    references: [fundingRounds.id],
  }),
}));

export const plansRelations = relations(plans, ({ one, many }) => ({
  agreements: many(agreements),
  fundingRound: one(fundingRounds, {
    fields: [plans.fundingRoundId],
    references: [fundingRounds.id],
  }),
  municipality: one(organisations, {
    fields: [plans.municipalityId],
    references: [organisations.id],
  }),
  organisations: many(planOrganisations),
  memberships: many(planMemberships),
}));

export const planOrganisationsRelations = relations(planOrganisations, ({ one }) => ({
  plan: one(plans, { fields: [planOrganisations.planId], references: [plans.id] }),
  organisation: one(organisations, {
    fields: [planOrganisations.organisationId],
    references: [organisations.id],
  }),
}));

export const usersRelations = relations(users, ({ many }) => ({
  planMemberships: many(planMemberships),
  organisationMemberships: many(organisationMemberships),
}));

export const planMembershipsRelations = relations(planMemberships, ({ one }) => ({
  plan: one(plans, { fields: [planMemberships.planId], references: [plans.id] }),
  user: one(users, { fields: [planMemberships.userId], references: [users.id] }),
}));

export const organisationMembershipsRelations = relations(organisationMemberships, ({ one }) => ({
  organisation: one(organisations, {
    fields: [organisationMemberships.organisationId],
    references: [organisations.id],
    relationName: "membershipOrganisation",
  }),
  estate: one(organisations, {
    fields: [organisationMemberships.estateId],
    references: [organisations.id],
    relationName: "membershipEstate",
  }),
  user: one(users, { fields: [organisationMemberships.userId], references: [users.id] }),
}));

export const agreementsRelations = relations(agreements, ({ one, many }) => ({
  revisions: many(revisions),
  versions: many(agreementVersions),
  plan: one(plans, { fields: [agreements.planId], references: [plans.id] }),
  focusArea: one(focusAreas, { fields: [agreements.focusAreaId], references: [focusAreas.id] }),
  parties: many(agreementParties),
  workingGroups: many(workingGroups),
  activities: many(activities),
  successCriteria: many(successCriteria),
  fundingSources: many(fundingSources),
  staffResources: many(staffResources),
  goals: many(goals),
}));

export const goalsRelations = relations(goals, ({ one }) => ({
  agreement: one(agreements, { fields: [goals.agreementId], references: [agreements.id] }),
}));

export const agreementPartiesRelations = relations(agreementParties, ({ one }) => ({
  agreement: one(agreements, {
    fields: [agreementParties.agreementId],
    references: [agreements.id],
  }),
  organisation: one(organisations, {
    fields: [agreementParties.organisationId],
    references: [organisations.id],
  }),
  contactPerson: one(people, {
    fields: [agreementParties.contactPersonId],
    references: [people.id],
  }),
}));

export const workingGroupsRelations = relations(workingGroups, ({ one, many }) => ({
  agreement: one(agreements, { fields: [workingGroups.agreementId], references: [agreements.id] }),
  members: many(workingGroupMembers),
}));

export const workingGroupMembersRelations = relations(workingGroupMembers, ({ one }) => ({
  workingGroup: one(workingGroups, {
    fields: [workingGroupMembers.workingGroupId],
    references: [workingGroups.id],
  }),
  person: one(people, { fields: [workingGroupMembers.personId], references: [people.id] }),
  organisation: one(organisations, {
    fields: [workingGroupMembers.organisationId],
    references: [organisations.id],
  }),
}));

export const activitiesRelations = relations(activities, ({ one, many }) => ({
  agreement: one(agreements, { fields: [activities.agreementId], references: [agreements.id] }),
  successCriteria: many(successCriteria),
  responsibilities: many(responsibilities),
}));

export const successCriteriaRelations = relations(successCriteria, ({ one }) => ({
  agreement: one(agreements, {
    fields: [successCriteria.agreementId],
    references: [agreements.id],
  }),
  activity: one(activities, { fields: [successCriteria.activityId], references: [activities.id] }),
}));

export const responsibilitiesRelations = relations(responsibilities, ({ one }) => ({
  activity: one(activities, { fields: [responsibilities.activityId], references: [activities.id] }),
  organisation: one(organisations, {
    fields: [responsibilities.organisationId],
    references: [organisations.id],
  }),
}));

export const fundingSourcesRelations = relations(fundingSources, ({ one, many }) => ({
  agreement: one(agreements, { fields: [fundingSources.agreementId], references: [agreements.id] }),
  organisation: one(organisations, {
    fields: [fundingSources.organisationId],
    references: [organisations.id],
  }),
  amounts: many(budgetAmounts),
}));

export const budgetAmountsRelations = relations(budgetAmounts, ({ one }) => ({
  fundingSource: one(fundingSources, {
    fields: [budgetAmounts.fundingSourceId],
    references: [fundingSources.id],
  }),
}));

export const staffResourcesRelations = relations(staffResources, ({ one }) => ({
  agreement: one(agreements, { fields: [staffResources.agreementId], references: [agreements.id] }),
}));

export const revisionsRelations = relations(revisions, ({ one, many }) => ({
  agreement: one(agreements, { fields: [revisions.agreementId], references: [agreements.id] }),
  versions: many(agreementVersions),
}));

export const agreementVersionsRelations = relations(agreementVersions, ({ one }) => ({
  agreement: one(agreements, {
    fields: [agreementVersions.agreementId],
    references: [agreements.id],
  }),
  revision: one(revisions, { fields: [agreementVersions.revisionId], references: [revisions.id] }),
  submitter: one(users, {
    fields: [agreementVersions.submittedBy],
    references: [users.id],
    relationName: "versionSubmitter",
  }),
  decider: one(users, {
    fields: [agreementVersions.decidedBy],
    references: [users.id],
    relationName: "versionDecider",
  }),
}));

export const measurementsRelations = relations(measurements, ({ one }) => ({
  criterion: one(successCriteria, {
    fields: [measurements.criterionId],
    references: [successCriteria.id],
  }),
}));

export const spendingRelations = relations(spending, ({ one }) => ({
  fundingSource: one(fundingSources, {
    fields: [spending.fundingSourceId],
    references: [fundingSources.id],
  }),
}));

export const progressReportsRelations = relations(progressReports, ({ one }) => ({
  plan: one(plans, { fields: [progressReports.planId], references: [plans.id] }),
}));

export const selfEvaluationsRelations = relations(selfEvaluations, ({ one }) => ({
  plan: one(plans, { fields: [selfEvaluations.planId], references: [plans.id] }),
}));

export const dispositionFundsRelations = relations(dispositionFunds, ({ one, many }) => ({
  organisation: one(organisations, {
    fields: [dispositionFunds.organisationId],
    references: [organisations.id],
  }),
  frames: many(fundFrames),
  applications: many(fundApplications),
}));

export const fundFramesRelations = relations(fundFrames, ({ one }) => ({
  fund: one(dispositionFunds, { fields: [fundFrames.fundId], references: [dispositionFunds.id] }),
}));

export const fundApplicationsRelations = relations(fundApplications, ({ one, many }) => ({
  fund: one(dispositionFunds, {
    fields: [fundApplications.fundId],
    references: [dispositionFunds.id],
  }),
  estate: one(organisations, {
    fields: [fundApplications.estateId],
    references: [organisations.id],
  }),
  years: many(fundApplicationYears),
  funding: many(fundApplicationFunding),
  grant: one(fundGrants),
}));

export const fundApplicationYearsRelations = relations(fundApplicationYears, ({ one }) => ({
  application: one(fundApplications, {
    fields: [fundApplicationYears.applicationId],
    references: [fundApplications.id],
  }),
}));

export const fundApplicationFundingRelations = relations(fundApplicationFunding, ({ one }) => ({
  application: one(fundApplications, {
    fields: [fundApplicationFunding.applicationId],
    references: [fundApplications.id],
  }),
  plan: one(plans, { fields: [fundApplicationFunding.planId], references: [plans.id] }),
}));

export const fundGrantsRelations = relations(fundGrants, ({ one, many }) => ({
  application: one(fundApplications, {
    fields: [fundGrants.applicationId],
    references: [fundApplications.id],
  }),
  fund: one(dispositionFunds, { fields: [fundGrants.fundId], references: [dispositionFunds.id] }),
  years: many(fundGrantYears),
  reports: many(fundReports),
}));

export const fundGrantYearsRelations = relations(fundGrantYears, ({ one }) => ({
  grant: one(fundGrants, { fields: [fundGrantYears.grantId], references: [fundGrants.id] }),
}));

export const fundReportsRelations = relations(fundReports, ({ one }) => ({
  grant: one(fundGrants, { fields: [fundReports.grantId], references: [fundGrants.id] }),
}));
