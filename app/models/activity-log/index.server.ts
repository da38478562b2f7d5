/**
 * The activity log's models (issue 21): settings, events with findings and actions, follow-ups,
 * the action overviews, measurements from the log and the views for Word and Excel.
 */
export * from "./settings.server";
export * from "./events.server";
export * from "./follow-ups.server";
export * from "./actions.server";
export * from "./log-sources.server";
export * from "./exports.server";
