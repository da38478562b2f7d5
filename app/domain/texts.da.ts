/**
 * Standard wording for agreements (our own phrasing of the clauses the fund's template has).
 * The opening clause is prefilled from its edition's text; the conflict and revision clauses are
 * offered as an explicit choice ("Brug standardteksten") and never printed unless chosen.
 */
export const TEMPLATE_EDITIONS = ["older", "2018"] as const;
export type TemplateEdition = (typeof TEMPLATE_EDITIONS)[number];

export const TEMPLATE_EDITION_LABELS: Record<TemplateEdition, string> = {
  older: "Ældre skabelon (før 2018)",
  "2018": "Skabelon fra 2018",
};

/**
 * The opening clause under the agreement's title, as each edition of the fund's template words it
 * (our phrasing). A new agreement starts with its plan's edition's clause; the secretariat may
 * then edit it to the exact wording of its own documents.
 */
export const OPENING_CLAUSE_DEFAULTS: Record<TemplateEdition, string> = {
  older:
    "Bestyrelsen for den boligsociale indsats er ansvarlig for, at delaftalen løbende ajourføres.",
  "2018":
    "Bestyrelsen for den boligsociale indsats er ansvarlig for, at delaftalen til enhver tid understøtter målene i den strategiske samarbejdsaftale og afspejler de aktiviteter og samarbejder, der gennemføres i boligområdet.",
};

export const DEFAULT_CONFLICT_HANDLING = [
  "Parterne bag indsatsområdet drøfter uenigheder åbent og i god tid. Konflikter om indsatsområdet tages først op i arbejdsgruppen.",
  "Hver part orienterer straks de øvrige parter om forhold, der kan få betydning for samarbejdets videre forløb.",
  "Parterne har et fælles ansvar for, at indsatsområdet skrider frem, og for at samarbejdet foregår konstruktivt.",
  "Kan en uenighed ikke løses i arbejdsgruppen, forelægges den for bestyrelsen for den boligsociale indsats, som beslutter, hvordan sagen skal håndteres.",
];

export const DEFAULT_REVISION_CLAUSE = [
  "Delaftalen revideres mindst én gang om året af bestyrelsen for den boligsociale indsats på baggrund af arbejdsgruppens indstilling.",
];

export const REVISION_CLAUSE_NOTE =
  "Reviderede delaftaler sendes ikke til Landsbyggefonden, men fonden kan til enhver tid bede om den gældende version.";

export const ACTIVITY_CRITERIA_NOTE = "Succeskriterierne skal fremgå af aktivitetsskemaet.";
