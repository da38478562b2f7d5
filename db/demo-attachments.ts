/**
 * The demo plan's attachments (bilag): a communication strategy as Word (written with the `docx`
 * library at seed time) and a beredskabsplan as a one-page PDF (built as bytes here: a small,
 * valid PDF 1.4 with Danish text in the standard Helvetica font). Uploaded through the model by
 * the demo secretariat, so the checks, the audit and the positions are as in the app. Every name,
 * place and phone number is invented.
 */
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import type { Db } from "./client";
import { DEMO_USERS } from "./demo-users";
import type { SessionUser } from "../app/domain/user";
import { uploadPlanAttachment } from "../app/models/attachments.server";

export const DEMO_COMMUNICATION_STRATEGY_TITLE = "Kommunikationsstrategi for Strandengen";
export const DEMO_PREPAREDNESS_PLAN_TITLE = "Beredskabsplan ved uro i boligområdet";

const STRATEGY = [
  "Formål",
  "Beboerne i Strandengen skal vide, hvad helhedsplanen laver, og hvordan de kan være med. Kommunikationen skal være kort, konkret og på de sprog, beboerne taler.",
  "Målgrupper",
  "Alle beboere, med særlig vægt på børnefamilier og nye beboere. Afdelingsbestyrelsen, kommunens medarbejdere i området og foreningerne i Strandhuset.",
  "Kanaler",
  "Nyhedsbrevet Strandposten fire gange om året, opslag i opgangene, beboerappen og en fast stand på torvedagen den første lørdag i måneden.",
  "Ansvar",
  "Sekretariatet skriver nyhedsbrevet og godkender opslag. Afdelingsbestyrelsen får alle tekster til orientering en uge før udsendelse.",
];

const PREPAREDNESS = [
  "Beredskabsplan ved uro i Strandengen",
  "",
  "1. Formål",
  "Planen beskriver, hvem der gør hvad, når der opstår uro, hærværk eller alvorlige hændelser",
  "i boligområdet, så beboerne hurtigt får besked og hjælp.",
  "",
  "2. Hvem kontaktes først",
  "Ved fare for liv: ring 112. Derefter sekretariatslederen (tlf. 00 00 00 00), som samler",
  "beredskabsgruppen: ejendomskontoret, SSP-konsulenten og lokalpolitiets kontaktperson.",
  "",
  "3. Information til beboerne",
  "Sekretariatet sender en kort besked i beboerappen inden for to timer og sætter opslag op i",
  "de berørte opgange samme dag. Afdelingsbestyrelsen orienteres straks.",
  "",
  "4. Opfølgning",
  "Beredskabsgruppen mødes inden for en uge og vurderer, om indsatsen skal justeres.",
  "Planen gennemgås hvert år i januar.",
];

/** The communication strategy as a .docx, written with the docx library. */
export async function buildDemoCommunicationStrategy(): Promise<Uint8Array> {
  const children = [
    new Paragraph({ text: DEMO_COMMUNICATION_STRATEGY_TITLE, heading: HeadingLevel.TITLE }),
    ...STRATEGY.map(
      (text, i) =>
        new Paragraph(i % 2 === 0 ? { text, heading: HeadingLevel.HEADING_1 } : { text }),
    ),
  ];
  const document = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** The beredskabsplan as a one-page PDF. */
export function buildDemoPreparednessPlan(): Uint8Array {
  return buildTextPdf(PREPAREDNESS);
}

/**
 * A one-page A4 PDF with these lines in 11 pt Helvetica (a line each; "" is a blank line). The
 * text is written in WinAnsiEncoding, which holds æ, ø and å. Small on purpose: a catalog, a page
 * tree, one page, its content stream, the font, and a cross-reference table with exact offsets.
 */
export function buildTextPdf(lines: string[]): Uint8Array {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = [
    "BT",
    "/F1 11 Tf",
    "14 TL",
    "56 780 Td",
    ...lines.map((line, i) => `${i === 0 ? "" : "T* "}(${escape(line)}) Tj`),
    "ET",
  ].join("\n");
  const streamBytes = latin1(stream);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${streamBytes.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  let body = "%PDF-1.4\n%\u00e6\u00f8\u00e5\u00c6\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(latin1(body).length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = latin1(body).length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(body);
}

/** One byte per character (the text here is Latin-1, which WinAnsi agrees with for æøåÆØÅ). */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

export async function seedDemoAttachments(
  db: Db,
  demo: { planId: number; userIds: Record<keyof typeof DEMO_USERS, number> },
): Promise<void> {
  const secretariat: SessionUser = {
    id: demo.userIds.secretariat,
    email: DEMO_USERS.secretariat.email,
    name: DEMO_USERS.secretariat.name,
    isAdmin: false,
  };
  await uploadPlanAttachment(db, secretariat, demo.planId, {
    kind: "communication_strategy",
    title: DEMO_COMMUNICATION_STRATEGY_TITLE,
    fileName: "Kommunikationsstrategi Strandengen.docx",
    bytes: await buildDemoCommunicationStrategy(),
  });
  await uploadPlanAttachment(db, secretariat, demo.planId, {
    kind: "preparedness_plan",
    title: DEMO_PREPAREDNESS_PLAN_TITLE,
    fileName: "Beredskabsplan Strandengen.pdf",
    bytes: buildDemoPreparednessPlan(),
  });
}
