/**
 * The messages (flash) after an action on a fund application, shown on the application's page:
 * saved, submitted, withdrawn, assessed, decided.
 */
export const APPLICATION_MESSAGES = {
  saved: "Ansøgningen er gemt som udkast.",
  submitted: "Ansøgningen er indsendt til fonden.",
  withdrawn: "Ansøgningen er trukket tilbage.",
  assessed: "Vurderingen og indstillingen er gemt.",
  decided: "Organisationsbestyrelsens afgørelse er registreret.",
  "decided-over-frame":
    "Organisationsbestyrelsens afgørelse er registreret, men bevillingen går ud over fondens ramme.",
} as const;
export type ApplicationMessageKey = keyof typeof APPLICATION_MESSAGES;
