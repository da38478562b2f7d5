/**
 * The activity log's models (issue 21): settings, events with findings and actions, follow-ups,
 * the action overviews, measurements from the log and the views for Word and Excel.
 */
export * from "./settings.server";
export * from "./events.server";
