/**
 * Danish texts for the password strength estimator's feedback (zxcvbn-ts translation keys), so
 * no English reaches the user. The time estimates are never shown, but the type asks for them.
 */
import type { TranslationKeys } from "@zxcvbn-ts/core";

export const passwordFeedbackDa: TranslationKeys = {
  warnings: {
    straightRow: "Tegn, der står på en række på tastaturet, er lette at gætte.",
    keyPattern: "Korte mønstre på tastaturet er lette at gætte.",
    simpleRepeat: "Gentagne tegn som »aaa« er lette at gætte.",
    extendedRepeat: "Gentagne mønstre som »abcabcabc« er lette at gætte.",
    sequences: "Rækkefølger som »abc« og »1234« er lette at gætte.",
    recentYears: "Årstal fra de senere år er lette at gætte.",
    dates: "Datoer er lette at gætte.",
    topTen: "Det er en af de allermest brugte adgangskoder.",
    topHundred: "Det er en af de mest brugte adgangskoder.",
    common: "Det er en almindelig adgangskode.",
    similarToCommon: "Den ligner en almindelig adgangskode.",
    wordByItself: "Et enkelt ord er let at gætte.",
    namesByThemselves: "Et enkelt navn eller efternavn er let at gætte.",
    commonNames: "Almindelige fornavne og efternavne er lette at gætte.",
    userInputs: "Den bygger på brugerens navn, e-mailadresse eller ord fra denne tjeneste.",
    pwned: "Adgangskoden er kendt fra et datalæk på internettet.",
  },
  suggestions: {
    l33t: "Undgå forudsigelige udskiftninger som »@« for »a«.",
    reverseWords: "Undgå almindelige ord stavet bagfra.",
    allUppercase: "Skriv nogle, men ikke alle bogstaver med stort.",
    capitalization: "Skriv flere end det første bogstav med stort.",
    dates: "Undgå datoer og årstal, der har med brugeren at gøre.",
    recentYears: "Undgå årstal fra de senere år.",
    associatedYears: "Undgå årstal, der har med brugeren at gøre.",
    sequences: "Undgå rækkefølger af tegn som »abc« og »123«.",
    repeated: "Undgå gentagne ord og tegn.",
    longerKeyboardPattern: "Brug længere mønstre på tastaturet, og skift retning flere gange.",
    anotherWord: "Tilføj flere ord, gerne nogle der er mindre almindelige.",
    useWords: "Brug flere ord, men undgå kendte vendinger.",
    noNeed: "En stærk adgangskode behøver ikke symboler, tal eller store bogstaver.",
    pwned: "Bruges adgangskoden andre steder, bør den skiftes der.",
  },
  timeEstimation: {
    ltSecond: "under et sekund",
    second: "{base} sekund",
    seconds: "{base} sekunder",
    minute: "{base} minut",
    minutes: "{base} minutter",
    hour: "{base} time",
    hours: "{base} timer",
    day: "{base} dag",
    days: "{base} dage",
    month: "{base} måned",
    months: "{base} måneder",
    year: "{base} år",
    years: "{base} år",
    centuries: "flere hundrede år",
  },
};
