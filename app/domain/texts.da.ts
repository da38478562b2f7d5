/**
 * Standard wording for agreements (our own phrasing of the clauses the fund's template has).
 * Agreements are prefilled from these texts and may then be edited per agreement.
 */
export const OPENING_CLAUSES = {
  continuous_update:
    "Bestyrelsen for den boligsociale indsats sørger for, at denne delaftale løbende ajourføres.",
  strategic_goals:
    "Delaftalen skal understøtte målene i den strategiske samarbejdsaftale for boligområdet. Bestyrelsen for den boligsociale indsats sørger for, at delaftalen holdes ajour.",
} as const;

export type OpeningClauseKey = keyof typeof OPENING_CLAUSES;

export const OPENING_CLAUSE_LABELS: Record<OpeningClauseKey, string> = {
  continuous_update: "Ældre skabelon: bestyrelsen sørger for, at delaftalen løbende ajourføres",
  strategic_goals: "Nyere skabelon: delaftalen understøtter den strategiske samarbejdsaftales mål",
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
