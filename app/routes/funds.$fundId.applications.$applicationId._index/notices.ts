/** The notices the application page shows after a redirect (`?done=…`). */
export const NOTICES = {
  saved: "Ansøgningen er gemt som udkast.",
  submitted: "Ansøgningen er indsendt til fonden.",
  withdrawn: "Ansøgningen er trukket tilbage.",
  assessed: "Vurderingen og indstillingen er gemt.",
  decided: "Organisationsbestyrelsens afgørelse er registreret.",
  "decided-over-frame":
    "Organisationsbestyrelsens afgørelse er registreret, men bevillingen går ud over fondens ramme.",
} as const;
export type NoticeKey = keyof typeof NOTICES;
