/**
 * One complete, fictional delaftale for the demo plan (focus area "Sammenhængskraft og
 * medborgerskab"), of the size and shape of a real one: parties in two tiers, a working group,
 * problem statement, purpose, criteria, four activity schemas, interplay, anchoring, financing and
 * staff. Written through the same model functions as the forms, by the demo secretariat user, so
 * the audit trail and the register look as if a person had typed it. Every name, place and figure
 * is invented.
 *
 * New contact people are only attached to organisations whose people the register tests do not
 * count, and no new organisations are created (units of the municipality are labels on it).
 */
import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "./client";
import { goals as goalRows } from "./schema";
import { DEMO_USERS, type DemoBaseIds } from "./demo-users";
import type {
  ActivityValues,
  CriterionRow,
  FundingSourceRow,
  PartyRow,
  StaffSchema,
  WorkingGroupMemberSchema,
} from "../app/domain/agreement";
import { parseRichText, richTextFromParagraphs } from "../app/domain/rich-text";
import type { SessionUser } from "../app/domain/user";
import { createActivity } from "../app/models/agreements/activities.server";
import { createAgreement } from "../app/models/agreements/create.server";
import {
  getAgreementView,
  getRegisterOptions,
  listFocusAreaOptions,
} from "../app/models/agreements/read.server";
import {
  saveClauses,
  saveCriteria,
  saveFinancing,
  saveInterplay,
  saveParties,
  saveProblemStatement,
  savePurpose,
  saveStaff,
  saveWorkingGroups,
} from "../app/models/agreements/sections.server";
import {
  DEFAULT_CONFLICT_HANDLING,
  DEFAULT_REVISION_CLAUSE,
  OPENING_CLAUSE_DEFAULTS,
} from "../app/domain/texts.da";

export const DEMO_FOCUS_AREA = "Sammenhængskraft og medborgerskab";

type Member = z.output<typeof WorkingGroupMemberSchema>;
type StaffRow = z.output<typeof StaffSchema>["staff"][number];
type Responsibility = ActivityValues["responsibilities"][number];

export function party(
  tier: PartyRow["tier"],
  groupHeading: string | null,
  fields: Partial<Omit<PartyRow, "tier" | "groupHeading">>,
): PartyRow {
  return {
    id: null,
    tier,
    groupHeading,
    organisationId: null,
    newOrganisationName: null,
    label: null,
    contactPersonId: null,
    newContactName: null,
    newContactTitle: null,
    ...fields,
  };
}

export function member(fields: Partial<Member>): Member {
  return {
    id: null,
    personId: null,
    count: null,
    description: null,
    organisationId: null,
    names: null,
    ...fields,
  };
}

export function criterion(
  text: string,
  dataSource: string,
  measure: Partial<Omit<CriterionRow, "id" | "text" | "dataSource">> = {},
): CriterionRow {
  return {
    id: null,
    text,
    dataSource,
    baselineValue: null,
    baselineUnit: null,
    baselineYear: null,
    targetValue: null,
    targetUnit: null,
    targetYear: null,
    baselineText: null,
    targetText: null,
    ...measure,
  };
}

export function responsibility(
  organisationId: number | null,
  label: string | null,
  duties: string[],
): Responsibility {
  return { id: null, organisationId, label, duties };
}

export function staff(description: string): StaffRow {
  return { id: null, description };
}

/** Amounts per year in whole kroner, keyed the way the financing form keys them. */
export function perYear(amounts: [number, number, number, number]): Record<string, number> {
  return Object.fromEntries(amounts.map((amount, i) => [`y${2023 + i}`, amount]));
}

const PROBLEM_STATEMENT = `I efteråret 2022 gennemførte sekretariatet sammen med Fællesbo Havbakke og Boligselskabet Lærkereden en beboerundersøgelse om tryghed, naboskab og deltagelse i Strandengen og Solsikkeparken. Undersøgelsen blev gennemført online og ved dørbankning på fem sprog, og 412 husstande svarede. Det giver en svarprocent på 44 %.

Overordnet viser undersøgelsen et boligområde, hvor de fleste trives: 78 % er glade for at bo i deres afdeling, og 71 % føler sig trygge, når de færdes i området om aftenen. Mange fremhæver de grønne arealer, nærheden til stranden og de frivillige, der holder liv i beboerhuset. Der er altså et solidt fundament at bygge videre på.

## Store forskelle mellem afdelinger og opgange

Bag gennemsnittet gemmer sig markante forskelle. I Solsikkeparken svarer 81 %, at de føler sig trygge om aftenen, mens det kun gælder 62 % i Strandengens nordlige blokke. Forskellen er størst blandt kvinder over 60 år og blandt beboere, der har boet i området i mindre end to år.

Undersøgelsen viser også, at **kendskabet til naboerne er lavt**: kun 38 % kender navnet på mere end tre naboer i deres opgang, og 29 % har ikke talt med en nabo inden for den seneste måned. I de åbne svar peger beboerne især på, at

- nye beboere sjældent bliver budt velkommen og ikke kender husorden, affaldssortering og fællesfaciliteter
- fællesaktiviteterne mest samler de samme faste beboere
- sprogbarrierer gør det svært at tage kontakt til naboer med en anden baggrund
- der mangler uformelle mødesteder udendørs, især for familier og ældre.

## Deltagelse og beboerdemokrati

Kun 14 % har deltaget i et afdelingsmøde inden for de seneste to år, og 9 % har været frivillige i en aktivitet. Samtidig svarer 46 %, at de **gerne vil bidrage**, hvis de bliver spurgt direkte, eller hvis opgaven er klart afgrænset. Der er med andre ord et stort uudnyttet potentiale.

Afdelingsbestyrelserne oplever, at det er svært at finde nye kandidater, og at gennemsnitsalderen i bestyrelserne stiger. I Solsikkeparken stod to bestyrelsespladser tomme efter afdelingsmødet i 2022, og fremmødet var 6 % af husstandene.

Indsatsområdet skal derfor både styrke det hverdagsnære naboskab og bygge bro mellem beboerne og de lokale foreninger, institutioner og kommunale tilbud, så flere oplever, at de hører til og kan være med til at præge deres boligområde.`;

const METHOD = `Indsatsen arbejder tæt på beboernes hverdag: i opgangene, i gårdene og på de lokale mødesteder. Sekretariatet faciliterer, men aktiviteterne udvikles og drives så vidt muligt af beboerne selv sammen med afdelingsbestyrelser, ejendomskontorer og lokale foreninger. Vi prioriterer de afdelinger og opgange, hvor beboerundersøgelsen viser de største udfordringer, og afprøver nye greb i lille skala, før de udbredes. Erfaringerne samles op på arbejdsgruppens kvartalsmøder og indgår i den årlige revision af delaftalen.`;

const MUNICIPAL_INTERPLAY = `Aktiviteterne under indsatsområdet er koordineret med Havbakke Kommunes egne indsatser gennem arbejdsgruppen, hvor både SSP og Kultur og Fritid deltager. De boligsociale aktiviteter

- supplerer kommunens kultur- og fritidspolitik ved at nå de beboere, som de almindelige tilbud ikke når
- er en fremskudt indsats, der giver kommunens medarbejdere adgang til beboere, som ikke selv henvender sig
- bygger videre på kommunens integrations- og frivillighedsindsats uden at erstatte den
- afprøver nye måder at inddrage beboerne på, som kommunen kan bruge i andre boligområder.

Kommunen orienterer arbejdsgruppen om ændringer i egne tilbud, så de boligsociale aktiviteter ikke overlapper dem.`;

const ANCHORING = `Forankring tænkes ind fra start, så aktiviteterne kan fortsætte, når helhedsplanen udløber ved udgangen af 2026. Vi arbejder efter disse principper:

- hver aktivitet har en lokal ejer – en afdelingsbestyrelse, en forening eller en kommunal enhed – som er med fra idé til drift
- netværket af naboværter overgår i løbet af 2026 til afdelingsbestyrelserne med støtte fra boligorganisationernes beboerkonsulenter
- Foreningsbroen videreføres af Kultur og Fritid og Kulturhuset Havblik
- forankring er et fast punkt på arbejdsgruppens møder, og status indgår i den årlige revision.

Metoder og materialer samles i en kort drejebog, som stilles til rådighed for andre boligområder i kommunen.`;

/**
 * Creates the demo agreement under the demo plan in one transaction and returns its id. Needs the
 * demo users and plan memberships (the secretariat user writes it).
 */
export async function seedDemoAgreement(db: Db, ids: DemoBaseIds): Promise<number> {
  const user: SessionUser = {
    id: ids.userIds.secretariat,
    email: DEMO_USERS.secretariat.email,
    name: DEMO_USERS.secretariat.name,
    isAdmin: false,
  };
  const planId = ids.planId;
  const org = (key: string): number => {
    const id = ids.organisationIds[key];
    if (id == null) throw new Error(`Demo organisation "${key}" is missing`);
    return id;
  };

  return db.transaction(async (tx) => {
    const { focusAreas } = await listFocusAreaOptions(tx, user, planId);
    const focusArea = focusAreas.find((a) => a.name === DEMO_FOCUS_AREA);
    if (!focusArea) throw new Error(`Focus area "${DEMO_FOCUS_AREA}" is missing`);

    // Contact people already in the register (new ones are created with the parties).
    const { people } = await getRegisterOptions(tx);
    const personId = (name: string): number => {
      const person = people.find((p) => p.name === name);
      if (!person) throw new Error(`Demo person "${name}" is missing`);
      return person.id;
    };

    const agreement = await createAgreement(tx, user, planId, {
      focusAreaId: focusArea.id,
      openingText: OPENING_CLAUSE_DEFAULTS["2018"],
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
    });
    const agreementId = agreement.id;
    let version = agreement.version;

    // --- parties ---------------------------------------------------------------------------
    const estateOffices = "Ejendomskontorer";
    const estateBoards = "Afdelingsbestyrelser";
    const housing = "Boligorganisationer";
    const municipal = "Kommunale samarbejdspartnere";
    const local = "Lokale institutioner";
    const associations = "Foreninger og frivillige";
    await saveParties(tx, user, planId, agreementId, version++, {
      parties: [
        party("primary", estateOffices, {
          organisationId: org("strandengen"),
          contactPersonId: personId("Ida Mørch"),
        }),
        party("primary", estateOffices, {
          organisationId: org("solsikkeparken"),
          contactPersonId: personId("Bjarne Østergaard"),
        }),
        party("primary", estateBoards, {
          organisationId: org("strandengen"),
          contactPersonId: personId("Camilla Thorsen"),
        }),
        party("primary", estateBoards, { organisationId: org("solsikkeparken") }),
        party("primary", housing, {
          organisationId: org("faellesbo"),
          newContactName: "Kasper Holmgaard",
          newContactTitle: "Driftschef",
        }),
        party("primary", housing, {
          organisationId: org("laerkereden"),
          newContactName: "Naja Brix",
          newContactTitle: "Beboerkonsulent",
        }),
        party("primary", municipal, {
          organisationId: org("municipality"),
          label: "SSP",
          contactPersonId: personId("Ahmad Rahimi"),
        }),
        party("primary", municipal, {
          organisationId: org("municipality"),
          label: "Kultur og Fritid",
          contactPersonId: personId("Pia Lund"),
        }),
        party("primary", municipal, {
          organisationId: org("municipality"),
          label: "Borgerservice og Integration",
          newContactName: "Omar Haddad",
          newContactTitle: "Integrationskonsulent",
        }),
        party("primary", "Den boligsociale indsats", {
          organisationId: org("secretariat"),
          contactPersonId: personId("Mette Lykke"),
        }),
        party("secondary", local, { organisationId: org("church") }),
        party("secondary", local, {
          organisationId: org("municipality"),
          label: "Kulturhuset Havblik",
          newContactName: "Signe Vang",
          newContactTitle: "Kulturhusleder",
        }),
        party("secondary", local, {
          organisationId: org("school"),
          label: "elevrådets kontaktlærere Amira Saleh og Frederik Lind",
        }),
        party("secondary", local, {
          organisationId: org("police"),
          newContactName: "Mikkel Aagaard",
          newContactTitle: "Nærpolitibetjent",
        }),
        party("secondary", associations, {
          organisationId: org("ngo"),
          newContactName: "Birthe Kolding",
          newContactTitle: "Formand",
        }),
        party("secondary", associations, {
          label: "2 foreninger, der arbejder med fællesspisning og lokalhistorie",
        }),
      ],
    });

    // --- working group ---------------------------------------------------------------------
    await saveWorkingGroups(tx, user, planId, agreementId, version++, {
      groups: [
        {
          id: null,
          name: "Arbejdsgruppe (alle aktiviteter)",
          members: [
            member({
              personId: personId("Mette Lykke"),
              description: "Tovholder",
              organisationId: org("secretariat"),
            }),
            member({
              personId: personId("Pia Lund"),
              organisationId: org("municipality"),
            }),
            member({
              personId: personId("Ahmad Rahimi"),
              organisationId: org("municipality"),
            }),
            member({
              count: 2,
              description: "repræsentanter fra ejendomskontorerne",
              names: "Ida Mørch, Bjarne Østergaard",
            }),
            member({
              count: 3,
              description: "beboerdemokrater",
              names: "Camilla Thorsen, Leif Juncker, Hanan Said",
            }),
            member({
              description: "En repræsentant",
              organisationId: org("ngo"),
              names: "Birthe Kolding",
            }),
            member({
              description: "En repræsentant",
              organisationId: org("police"),
              names: "Mikkel Aagaard",
            }),
          ],
        },
      ],
    });

    // --- problem statement, purpose, criteria ------------------------------------------------
    await saveProblemStatement(tx, user, planId, agreementId, version++, {
      problemStatement: parseRichText(PROBLEM_STATEMENT),
    });
    await savePurpose(tx, user, planId, agreementId, version++, {
      purposes: [
        "at styrke sammenhængskraften og det aktive medborgerskab i Strandengen og Solsikkeparken, så flere beboere kender hinanden, føler sig trygge og tager del i fællesskabet",
      ],
      goals: [
        "at flere beboere kender og hjælper deres naboer, og at nye beboere hurtigt bliver en del af fællesskabet",
        "at flere af de beboere, der ikke plejer at deltage, bliver aktive som deltagere, frivillige eller i beboerdemokratiet",
        "at trygheden stiger i de afdelinger og opgange, hvor den i dag er lavest",
      ].map((text) => ({ id: null, text, subGoals: [] })),
      method: parseRichText(METHOD),
    });
    // The målhierarki: every criterion measures one of the three goals (mål 1–3).
    const [naboskab, deltagelse, tryghed] = (
      await tx
        .select({ id: goalRows.id })
        .from(goalRows)
        .where(eq(goalRows.agreementId, agreementId))
        .orderBy(asc(goalRows.position))
    ).map((g) => g.id);
    const survey = "Beboerundersøgelsen om tryghed og naboskab (gentages i 2024 og 2026)";
    await saveCriteria(tx, user, planId, agreementId, version++, {
      criteria: [
        criterion(
          "Andelen af beboere, der føler sig trygge ved at færdes i området om aftenen, stiger fra 71 % i 2022 til 80 % i 2026, og ingen afdeling ligger under 70 %.",
          survey,
          {
            baselineValue: 71,
            baselineUnit: "%",
            baselineYear: 2022,
            targetValue: 80,
            targetUnit: "%",
            targetYear: 2026,
            goalId: tryghed,
          },
        ),
        criterion(
          "Andelen af beboere, der kender navnet på mere end tre naboer i deres opgang, stiger fra 38 % i 2022 til 50 % i 2026.",
          survey,
          {
            baselineValue: 38,
            baselineUnit: "%",
            baselineYear: 2022,
            targetValue: 50,
            targetUnit: "%",
            targetYear: 2026,
            goalId: naboskab,
          },
        ),
        criterion(
          "Der rekrutteres mindst 12 nye frivillige om året i hele perioden (5 i 2022).",
          "Sekretariatets frivilligregistrering, opgjort pr. 31. december",
          {
            baselineValue: 5,
            baselineUnit: "frivillige pr. år",
            baselineYear: 2022,
            targetValue: 12,
            targetUnit: "frivillige pr. år",
            targetYear: 2026,
            goalId: deltagelse,
          },
        ),
      ],
    });

    // --- activities --------------------------------------------------------------------------
    const secretariat = org("secretariat");
    const municipality = org("municipality");
    const activities: ActivityValues[] = [
      {
        name: "Naboværter i opgangene",
        reference: "jf. den strategiske samarbejdsaftale, mål 2",
        shortName: null,
        purposesLeadIn: null,
        targetGroupsLeadIn: null,
        content:
          parseRichText(`Aktiviteten skal sikre, at nye beboere bliver taget godt imod, og at naboerne i den enkelte opgang lærer hinanden at kende. Beboerundersøgelsen viser, at især beboere, der har boet i området i mindre end to år, føler sig utrygge og ikke kender deres naboer.

Vi rekrutterer og uddanner frivillige **naboværter**, som hver har ansvar for en eller flere opgange. Når ejendomskontoret har udleveret nøgler til en ny lejer, får naboværten besked og banker på inden for de første fire uger med en velkomstpose: et kort over området, en oversigt over vaskeri, affaldsordning og fælleslokaler, et udvalg af aktiviteter og en invitation til næste opgangskaffe.

Naboværterne mødes fire gange om året i et netværk, hvor de deler erfaringer og får kort undervisning i fx samtaler på tværs af sprog, konflikthåndtering og i, hvornår de skal henvise til sekretariatet eller ejendomskontoret. Velkomstmaterialet oversættes til de fem sprog, der tales mest i området.

Vi begynder i 2023 i otte opgange i Strandengens nordlige blokke, hvor trygheden er lavest, og udvider fra 2024 til Solsikkeparken på baggrund af en midtvejsopsamling.`),
        purposes: [
          "at nye beboere hurtigt føler sig hjemme og kender husorden, fællesfaciliteter og tilbud",
          "at styrke kendskabet og hjælpsomheden mellem naboer i den enkelte opgang",
          "at øge trygheden i de opgange, hvor den er lavest",
        ],
        targetGroups: [
          "nye beboere i begge afdelinger",
          "beboere i opgange med lav tryghed",
          "beboere, der vil være frivillige naboværter",
        ],
        criteria: [
          criterion(
            "Der er mindst 24 aktive naboværter i 2026.",
            "Sekretariatets frivilligregistrering",
            {
              baselineValue: 0,
              baselineUnit: "naboværter",
              baselineYear: 2022,
              targetValue: 24,
              targetUnit: "naboværter",
              targetYear: 2026,
              goalId: naboskab,
            },
          ),
          criterion(
            "Mindst 80 % af de nye lejere i de deltagende opgange får besøg af en nabovært inden for fire uger efter indflytningen.",
            "Naboværternes besøgslog sammenholdt med ejendomskontorernes indflytningslister",
            { targetValue: 80, targetUnit: "%", targetYear: 2026, goalId: naboskab },
          ),
          criterion(
            "Mindst 70 % af de besøgte nye beboere svarer, at besøget gjorde det lettere at falde til.",
            "Kort telefonopfølgning tre måneder efter indflytningen",
            { goalId: naboskab },
          ),
        ],
        responsibilities: [
          responsibility(secretariat, null, [
            "rekrutterer, uddanner og støtter naboværterne",
            "udarbejder og opdaterer velkomstmaterialet sammen med afdelingsbestyrelserne",
            "faciliterer naboværternes netværksmøder",
            "følger op på besøgene og samler erfaringerne til arbejdsgruppen",
          ]),
          responsibility(null, "Ejendomskontorerne", [
            "giver naboværten besked ved hver ny indflytning",
            "deltager i naboværternes netværksmøder efter behov",
            "henviser beboere, der har brug for hjælp, til sekretariatet",
          ]),
          responsibility(null, "Afdelingsbestyrelserne", [
            "er medejere af velkomstkonceptet i egen afdeling",
            "finder egnede naboværter blandt beboerne",
            "holder opgangskaffe sammen med naboværterne",
            "deltager i midtvejsopsamlingen i 2024",
          ]),
        ],
      },
      {
        name: "Gårdliv – fællesskab på de udendørs arealer",
        reference: "jf. erfaringerne fra sommeraktiviteterne i 2022",
        shortName: null,
        purposesLeadIn: null,
        targetGroupsLeadIn: null,
        content:
          parseRichText(`Gårdliv skal skabe uformelle mødesteder, hvor beboere på tværs af alder, sprog og afdeling kan lære hinanden at kende. Aktiviteten er samtidig den vigtigste vej til kontakt med de beboere, der ikke kommer i beboerhuset.

Fra maj til september holder vi hver anden uge en aktivitet i en af områdets gårde eller på de grønne arealer ud mod stranden, fx fællesspisning, bytte- og reparationsdage, legeeftermiddage for familier og små koncerter. Aktiviteterne planlægges med beboere fra den gård, hvor de finder sted, og mindst halvdelen skal have en beboer som medarrangør.

Om vinteren flytter aktiviteterne indendørs i beboerhuset og i Kulturhuset Havblik. Ved hvert arrangement spørger medarbejderne aktivt efter nye frivillige og efter beboernes idéer, og kontaktoplysninger registreres med samtykke.

Ejendomskontorerne hjælper med borde, bænke og praktiske opgaver, og udstyr lånes af kommunens fritidsområde.`),
        purposes: [
          "at skabe uformelle mødesteder for beboere, der ikke deltager i de faste aktiviteter",
          "at styrke naboskabet på tværs af generationer, sprog og afdelinger",
          "at rekruttere nye frivillige til fællesskabet",
        ],
        targetGroups: [
          "alle beboere i de to afdelinger",
          "familier med børn",
          "ældre beboere, der bor alene",
        ],
        criteria: [
          criterion(
            "Der holdes mindst 14 gårdaktiviteter om året.",
            "Sekretariatets aktivitetslog",
            {
              targetValue: 14,
              targetUnit: "aktiviteter pr. år",
              goalId: naboskab,
            },
          ),
          criterion(
            "Mindst halvdelen af gårdaktiviteterne har en beboer som medarrangør.",
            "Sekretariatets aktivitetslog",
            { goalId: deltagelse },
          ),
          criterion(
            "Mindst 30 % af deltagerne har ikke tidligere deltaget i en aktivitet i boligområdet.",
            "Deltagerregistrering ved hver tredje gårdaktivitet",
            { targetValue: 30, targetUnit: "%", targetYear: 2026, goalId: deltagelse },
          ),
        ],
        responsibilities: [
          responsibility(secretariat, null, [
            "planlægger sæsonen sammen med beboerne og afdelingsbestyrelserne",
            "støtter beboerarrangørerne med praktik, økonomi og invitationer",
            "registrerer deltagelse og nye frivillige",
            "søger supplerende midler hos lokale fonde",
          ]),
          responsibility(null, "Afdelingsbestyrelserne", [
            "giver lov til at bruge fællesarealerne",
            "deltager som medarrangører i egen afdeling",
            "bidrager med udstyr fra afdelingens aktivitetsbudget",
          ]),
          responsibility(municipality, "Kultur og Fritid", [
            "låner udstyr ud og formidler kontakt til kommunale aktivitetstilbud",
            "rådgiver om tilladelser til arrangementer på offentlige arealer",
            "stiller lokaler i Kulturhuset Havblik til rådighed i vinterhalvåret",
          ]),
        ],
      },
      {
        name: "Ny i beboerdemokratiet",
        reference: null,
        shortName: null,
        purposesLeadIn: null,
        targetGroupsLeadIn: null,
        content:
          parseRichText(`Aktiviteten skal give flere beboere lyst og mod til at tage del i beboerdemokratiet, så afdelingsbestyrelserne får nye kræfter og i højere grad afspejler, hvem der bor i afdelingerne.

Hvert efterår tilbydes et forløb på fem aftener for beboere, der overvejer at stille op eller bare vil vide mere. Forløbet handler om, hvordan en almen boligafdeling fungerer, om budget og husleje, om mødeledelse og om, hvordan man inddrager naboerne. Der er børnepasning og tolkning efter behov.

Hver deltager får en erfaren **bestyrelsesmakker**, som de kan følge til et par bestyrelsesmøder. Fællesbo Havbakke og Boligselskabet Lærkereden stiller undervisere fra administrationen og organisationsbestyrelserne.

Op til afdelingsmøderne hjælper sekretariatet bestyrelserne med invitationer i et enkelt sprog og med dørbankning, så flere beboere kender dagsordenen og møder op.`),
        purposes: [
          "at flere beboere deltager i afdelingsmøder og stiller op til afdelingsbestyrelserne",
          "at beboerdemokratiet bliver mere mangfoldigt",
          "at styrke samarbejdet mellem afdelingsbestyrelserne og beboerne",
        ],
        targetGroups: [
          "beboere, der overvejer at gå ind i beboerdemokratiet",
          "nyvalgte bestyrelsesmedlemmer og suppleanter",
        ],
        criteria: [
          criterion(
            "Mindst 10 beboere gennemfører forløbet hvert år.",
            "Deltagerlister fra forløbet",
            {
              targetValue: 10,
              targetUnit: "deltagere pr. år",
              goalId: deltagelse,
            },
          ),
          criterion(
            "Fremmødet til de ordinære afdelingsmøder stiger fra 6 % af husstandene i 2022 til 10 % i 2026.",
            "Referater og fremmødelister fra afdelingsmøderne",
            {
              baselineValue: 6,
              baselineUnit: "%",
              baselineYear: 2022,
              targetValue: 10,
              targetUnit: "%",
              targetYear: 2026,
              goalId: deltagelse,
            },
          ),
          criterion(
            "Alle pladser i begge afdelingsbestyrelser er besat ved udgangen af 2025.",
            "Boligorganisationernes oversigt over afdelingsbestyrelser",
            { goalId: deltagelse },
          ),
        ],
        responsibilities: [
          responsibility(secretariat, null, [
            "tilrettelægger og afholder forløbet hvert efterår",
            "sætter deltagere og bestyrelsesmakkere sammen og følger op",
            "hjælper bestyrelserne med invitationer og dørbankning før afdelingsmøderne",
          ]),
          responsibility(null, "Boligorganisationerne", [
            "stiller undervisere fra administration og organisationsbestyrelse",
            "leverer materiale om afdelingernes økonomi og beboerdemokratiets regler",
            "inviterer deltagerne til organisationernes temamøder",
          ]),
          responsibility(null, "Afdelingsbestyrelserne", [
            "stiller bestyrelsesmakkere til rådighed",
            "inviterer deltagerne med til bestyrelsesmøder",
            "deltager i evalueringen af forløbet",
          ]),
        ],
      },
      {
        name: "Foreningsbroen – vej ind i foreninger og kulturliv",
        reference: "jf. Havbakke Kommunes kultur- og fritidspolitik",
        shortName: null,
        purposesLeadIn: null,
        targetGroupsLeadIn: null,
        content:
          parseRichText(`Mange beboere kender ikke de foreninger og kulturtilbud, der findes i nærområdet, og foreningerne har svært ved at nå beboerne i Strandengen og Solsikkeparken. Foreningsbroen skal forbinde de to.

En gang om måneden holder vi **Foreningsaften** i beboerhuset, hvor to til tre foreninger eller kulturtilbud præsenterer sig og inviterer til en prøvegang. Beboere, der vil prøve et tilbud, kan få følgeskab af en frivillig første gang, og børn og unge kan søge kontingentstøtte gennem kommunens fritidspulje.

Sammen med Kulturhuset Havblik, Strandengen Kirke og Strandengskolen planlægger vi to årlige fællesarrangementer – en vinterfest og en sommerdag ved stranden – hvor foreninger, skolens elevråd og beboere står for programmet.

Elevrådet er medarrangør, så de unge selv er med til at bestemme, hvad der skal ske i deres område.`),
        purposes: [
          "at flere beboere bliver en del af fællesskaber i foreninger og kulturliv",
          "at styrke samarbejdet mellem boligområdet og lokale foreninger og institutioner",
          "at børn og unge får indflydelse på aktiviteterne i deres nærområde",
        ],
        targetGroups: [
          "børn og unge fra 8 til 17 år",
          "voksne beboere, der ikke er med i en forening",
          "lokale foreninger og kulturinstitutioner",
        ],
        criteria: [
          criterion(
            "Mindst 40 beboere om året begynder i en forening eller et fast kulturtilbud efter en prøvegang.",
            "Sekretariatets halvårlige opfølgning hos foreningerne",
            { targetValue: 40, targetUnit: "beboere pr. år", goalId: deltagelse },
          ),
          criterion(
            "Der holdes mindst 8 foreningsaftener om året med mindst to foreninger hver gang.",
            "Sekretariatets aktivitetslog",
            { goalId: deltagelse },
          ),
          criterion(
            "Andelen af børn og unge i området, der går til en fast fritidsaktivitet, stiger fra 41 % i 2022 til 50 % i 2026.",
            "Havbakke Kommunes fritidsvaneundersøgelse",
            {
              baselineValue: 41,
              baselineUnit: "%",
              baselineYear: 2022,
              targetValue: 50,
              targetUnit: "%",
              targetYear: 2026,
              goalId: deltagelse,
            },
          ),
          criterion(
            "Elevrådet er medarrangør af mindst ét fællesarrangement om året.",
            "Referater fra planlægningsmøderne",
            { goalId: deltagelse },
          ),
        ],
        responsibilities: [
          responsibility(secretariat, null, [
            "planlægger og afholder foreningsaftenerne",
            "rekrutterer og støtter frivillige følgesvende",
            "koordinerer fællesarrangementerne med de lokale samarbejdspartnere",
            "følger op på, hvem der fortsætter i en forening",
          ]),
          responsibility(municipality, "Kultur og Fritid", [
            "formidler kontakt til foreninger og kulturtilbud",
            "behandler ansøgninger om kontingentstøtte fra fritidspuljen",
            "stiller Kulturhuset Havblik til rådighed for fællesarrangementerne",
          ]),
          responsibility(org("school"), "elevrådet og kontaktlærerne", [
            "inddrager elevrådet i planlægningen af fællesarrangementerne",
            "fortæller elever og forældre om foreningsaftenerne",
            "stiller skolens lokaler til rådighed efter aftale",
          ]),
        ],
      },
    ];
    for (const values of activities) {
      await createActivity(tx, user, planId, agreementId, version++, values);
    }

    // --- interplay, financing, staff ---------------------------------------------------------
    await saveInterplay(tx, user, planId, agreementId, version++, {
      municipalInterplay: parseRichText(MUNICIPAL_INTERPLAY),
      anchoring: parseRichText(ANCHORING),
    });

    // Keep the two funding sources createAgreement started with (their ids stay stable).
    const { view } = await getAgreementView(tx, user, planId, agreementId);
    const lbfSource = view.budget.lbf[0];
    const municipalSource = view.budget.local.find((l) => l.kind === "municipality");
    const sources: FundingSourceRow[] = [
      {
        id: lbfSource?.id ?? null,
        kind: "lbf",
        name: "Landsbyggefonden",
        organisationId: null,
        amounts: perYear([980_000, 1_064_000, 1_064_000, 1_022_000]),
      },
      {
        id: municipalSource?.id ?? null,
        kind: "municipality",
        name: null,
        organisationId: municipality,
        amounts: perYear([250_000, 270_000, 270_000, 260_000]),
      },
      {
        id: null,
        kind: "housing_organisation",
        name: null,
        organisationId: org("faellesbo"),
        amounts: perYear([170_000, 186_000, 186_000, 178_000]),
      },
    ];
    await saveFinancing(tx, user, planId, agreementId, version++, { sources });

    await saveStaff(tx, user, planId, agreementId, version++, {
      staff: [
        staff(
          "2 boligsociale medarbejdere (naboskab og frivillighed) på 37 timer, én med base i hver afdeling",
        ),
        staff(
          "1 projektkoordinator for beboerdemokrati og foreninger, 0,5 årsværk delt med helhedsplanens øvrige indsatsområder",
        ),
        staff("1 studentermedhjælper til kommunikation og oversættelse samt 12 timer om ugen"),
      ],
    });
    // The secretariat chose the standard conflict and revision clauses («Brug standardteksten»).
    await saveClauses(tx, user, planId, agreementId, version++, {
      conflictHandling: richTextFromParagraphs(DEFAULT_CONFLICT_HANDLING),
      revisionClause: richTextFromParagraphs(DEFAULT_REVISION_CLAUSE),
    });
    return agreementId;
  });
}
