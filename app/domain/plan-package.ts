/**
 * The helhedsplan's package (issue 14): the order of its parts, their Danish names, and the small
 * texts the Word document, the .zip and the package page share (attachment lines, file sizes,
 * "ingen endnu" lines). Pure and client-safe.
 */
import { formatFileSize, type AttachmentKind } from "./attachments";

/** The package's parts in the order a board approves and the fund receives them. */
export const PACKAGE_PART_TITLES = {
  strategic: "Strategisk samarbejdsaftale",
  agreements: "Delaftaler",
  organisation: "Organisationsdiagram",
  communication: "Kommunikationsstrategi",
  goals: "Målhierarki",
  milestones: "Milepælsplan",
  charts: "Status og økonomi",
  preparedness: "Beredskabsplan",
  otherAttachments: "Øvrige bilag",
} as const;

export type PackagePartKey = keyof typeof PACKAGE_PART_TITLES;

/** What a part says in the document when the plan has nothing for it yet. */
export const PACKAGE_EMPTY_TEXTS: Record<PackagePartKey, string> = {
  strategic: "Planen har ingen strategisk samarbejdsaftale endnu.",
  agreements: "Planen har ingen delaftaler endnu.",
  organisation: "Planen har intet organisationsdiagram endnu.",
  communication: "Der er ikke vedlagt en kommunikationsstrategi endnu.",
  goals: "Planen har intet målhierarki endnu.",
  milestones: "Planen har ingen milepæle endnu.",
  charts: "Planen har ingen diagrammer over status og økonomi endnu.",
  preparedness: "Der er ikke vedlagt en beredskabsplan endnu.",
  otherAttachments: "Der er ingen øvrige bilag.",
};

/** What the package needs to know of an attachment (never its bytes). */
export interface PackageAttachment {
  kind: AttachmentKind;
  kindLabel: string;
  title: string;
  fileName: string;
  fileSize: number;
}

/**
 * "Bilag: Kommunikationsstrategi – kommunikation-2026.docx (84 kB), vedlagt som fil i pakkens
 * .zip"; the attachment's own title joins the kind when it says more than the kind.
 */
export function attachmentLine(a: PackageAttachment): string {
  const title = a.title.trim();
  const name =
    title && title.toLocaleLowerCase("da") !== a.kindLabel.toLocaleLowerCase("da")
      ? `${a.kindLabel}: ${title}`
      : a.kindLabel;
  return `Bilag: ${name} – ${a.fileName} (${formatFileSize(a.fileSize)}), vedlagt som fil i pakkens .zip`;
}

/** The attachments that belong to a part of the package, in their own order. */
export function attachmentsOfPart<T extends Pick<PackageAttachment, "kind">>(
  attachments: T[],
  part: "communication" | "preparedness" | "otherAttachments",
): T[] {
  const kinds: AttachmentKind[] =
    part === "communication"
      ? ["communication_strategy"]
      : part === "preparedness"
        ? ["preparedness_plan"]
        : ["terms_of_reference", "other"];
  return attachments.filter((a) => kinds.includes(a.kind));
}

/** The year whose milestone plan goes in: this year, kept inside the plan's period. */
export function packageYear(today: string, periodStart: string, periodEnd: string): number {
  const year = Number(today.slice(0, 4));
  const first = Number(periodStart.slice(0, 4));
  const last = Number(periodEnd.slice(0, 4));
  return Math.min(Math.max(year, first), last);
}

/** One line of the package page: a part, what state it is in, and where it is edited. */
export interface PackagePartRow {
  key: PackagePartKey;
  title: string;
  /** "version 2, afventer fondens godkendelse", "4 delaftaler, 3 godkendt" … */
  state: string;
  /** The part is missing from the package (its "ingen endnu" line will show). */
  missing: boolean;
  href: string;
}

/** "4 delaftaler, 3 godkendt", "1 delaftale, ikke godkendt endnu", "Ingen delaftaler endnu". */
export function agreementsStateText(total: number, approved: number): string {
  if (total === 0) return "Ingen delaftaler endnu";
  const count = total === 1 ? "1 delaftale" : `${total} delaftaler`;
  if (approved === 0) return `${count}, ingen godkendt endnu`;
  if (total === 1) return `${count}, godkendt`;
  return approved === total ? `${count}, alle godkendt` : `${count}, ${approved} godkendt`;
}

/** "Bilag: kommunikation-2026.docx (84 kB)" for the page; "Bilag mangler: Beredskabsplan". */
export function attachmentPartState(
  attachments: PackageAttachment[],
  part: "communication" | "preparedness" | "otherAttachments",
): { state: string; missing: boolean } {
  const items = attachmentsOfPart(attachments, part);
  if (items.length === 0) {
    if (part === "otherAttachments") return { state: "Ingen øvrige bilag", missing: false };
    return { state: `Bilag mangler: ${PACKAGE_PART_TITLES[part]}`, missing: true };
  }
  return {
    state: items.map((a) => `${a.fileName} (${formatFileSize(a.fileSize)})`).join(", "),
    missing: false,
  };
}
