/**
 * The e-mails' texts (issue 20): one notification at once, or the day's digest grouped by plan or
 * fund. Pure: every address comes in absolute and ready (no environment, no clock, no database),
 * so tests read exactly what a recipient gets. Each mail has a plain-text and an HTML part (every
 * value escaped), a link to the thing itself, an unsubscribe link per kind, and the RFC 8058
 * headers that let a mail client unsubscribe with one click.
 */
import { formatDate, formatDateTime } from "~/domain/format";
import { NOTIFICATION_KINDS, isNotificationKind } from "~/domain/notification-kinds";

export interface MailItem {
  kind: string;
  title: string;
  body: string;
  /** Absolute address of the thing itself. */
  url: string;
  /** The plan or fund it concerns ("Helhedsplan Møllevangen"), or null. */
  group: string | null;
  createdAt: Date;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const APP_NAME = "Samarbejdsaftaler";
const OTHER_GROUP = "Øvrige";

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function kindLabel(kind: string): string {
  return isNotificationKind(kind) ? NOTIFICATION_KINDS[kind].label : kind;
}

function unsubscribeHeaders(url: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${url}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

function htmlDocument(title: string, body: string): string {
  return [
    "<!doctype html>",
    '<html lang="da">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; line-height: 1.5; color: #1a1a1a;">',
    body,
    "</body>",
    "</html>",
  ].join("\n");
}

function htmlParagraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

function htmlLink(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

export interface NotificationMailInput {
  recipientName: string;
  item: MailItem;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

/** One notification, mailed at once. */
export function renderNotificationMail({
  recipientName,
  item,
  unsubscribeUrl,
  preferencesUrl,
}: NotificationMailInput): RenderedMail {
  const label = kindLabel(item.kind);
  const text = [
    `Kære ${recipientName}`,
    "",
    item.title,
    ...(item.group ? [`(${item.group})`] : []),
    "",
    ...(item.body ? [item.body, ""] : []),
    `Se det her: ${item.url}`,
    "",
    "-- ",
    `Du får denne e-mail fra ${APP_NAME}, fordi du får besked om: ${label}.`,
    `Afmeld e-mails om det: ${unsubscribeUrl}`,
    `Vælg selv, hvilke e-mails du får: ${preferencesUrl}`,
  ].join("\n");
  const html = htmlDocument(
    item.title,
    [
      `<p>Kære ${escapeHtml(recipientName)}</p>`,
      `<h1 style="font-size: 1.25em;">${escapeHtml(item.title)}</h1>`,
      item.group ? `<p style="color: #555;">${escapeHtml(item.group)}</p>` : "",
      htmlParagraphs(item.body),
      `<p>${htmlLink(item.url, "Se det i Samarbejdsaftaler")}</p>`,
      '<hr style="border: 0; border-top: 1px solid #ccc;">',
      `<p style="font-size: 0.9em; color: #555;">Du får denne e-mail fra ${APP_NAME}, fordi du får besked om: ${escapeHtml(label)}.<br>`,
      `${htmlLink(unsubscribeUrl, "Afmeld e-mails om det")} · ${htmlLink(preferencesUrl, "Vælg selv, hvilke e-mails du får")}</p>`,
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return { subject: item.title, text, html, headers: unsubscribeHeaders(unsubscribeUrl) };
}

export interface DigestMailInput {
  recipientName: string;
  /** The digest's day, yyyy-mm-dd (Danish). */
  date: string;
  items: readonly MailItem[];
  /** One address per kind the digest contains. */
  unsubscribeUrls: Readonly<Record<string, string>>;
  /** Turns off the whole digest (the List-Unsubscribe header's target). */
  digestUnsubscribeUrl: string;
  preferencesUrl: string;
}

function groupItems(items: readonly MailItem[]): [string, MailItem[]][] {
  const groups = new Map<string, MailItem[]>();
  for (const item of [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const key = item.group ?? OTHER_GROUP;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  // Named groups alphabetically (Danish), the unnamed ones last.
  return [...groups.entries()].sort(([a], [b]) =>
    a === OTHER_GROUP ? 1 : b === OTHER_GROUP ? -1 : a.localeCompare(b, "da"),
  );
}

/** The day's digest: every notification the user chose to get once a day, grouped by plan/fund. */
export function renderDigestMail({
  recipientName,
  date,
  items,
  unsubscribeUrls,
  digestUnsubscribeUrl,
  preferencesUrl,
}: DigestMailInput): RenderedMail {
  const count = items.length;
  const subject = `Daglig oversigt fra ${APP_NAME} ${formatDate(date)}: ${count} ${
    count === 1 ? "ny besked" : "nye beskeder"
  }`;
  const groups = groupItems(items);
  const kinds = [...new Set(items.map((i) => i.kind))].filter((k) => unsubscribeUrls[k]);

  const text = [
    `Kære ${recipientName}`,
    "",
    `Her er dine beskeder fra ${APP_NAME} siden sidste oversigt.`,
    ...groups.flatMap(([group, groupItems]) => [
      "",
      group,
      "=".repeat(Math.min(group.length, 60)),
      ...groupItems.flatMap((item) => [
        "",
        `* ${item.title} (${formatDateTime(item.createdAt)})`,
        ...(item.body ? [`  ${item.body.replace(/\n/g, "\n  ")}`] : []),
        `  ${item.url}`,
      ]),
    ]),
    "",
    "-- ",
    `Du får denne daglige oversigt fra ${APP_NAME}, fordi du har valgt den for disse beskeder.`,
    ...kinds.map((k) => `Afmeld e-mails om »${kindLabel(k)}«: ${unsubscribeUrls[k]}`),
    `Afmeld hele den daglige oversigt: ${digestUnsubscribeUrl}`,
    `Vælg selv, hvilke e-mails du får (Min konto): ${preferencesUrl}`,
  ].join("\n");

  const html = htmlDocument(
    subject,
    [
      `<p>Kære ${escapeHtml(recipientName)}</p>`,
      `<p>Her er dine beskeder fra ${APP_NAME} siden sidste oversigt.</p>`,
      ...groups.map(([group, groupItems]) =>
        [
          `<h2 style="font-size: 1.1em;">${escapeHtml(group)}</h2>`,
          "<ul>",
          ...groupItems.map(
            (item) =>
              `<li><p>${htmlLink(item.url, item.title)} <span style="color: #555;">(${escapeHtml(
                formatDateTime(item.createdAt),
              )})</span></p>${htmlParagraphs(item.body)}</li>`,
          ),
          "</ul>",
        ].join("\n"),
      ),
      '<hr style="border: 0; border-top: 1px solid #ccc;">',
      `<p style="font-size: 0.9em; color: #555;">Du får denne daglige oversigt fra ${APP_NAME}, fordi du har valgt den for disse beskeder.</p>`,
      '<ul style="font-size: 0.9em; color: #555;">',
      ...kinds.map(
        (k) => `<li>${htmlLink(unsubscribeUrls[k]!, `Afmeld e-mails om »${kindLabel(k)}«`)}</li>`,
      ),
      `<li>${htmlLink(digestUnsubscribeUrl, "Afmeld hele den daglige oversigt")}</li>`,
      `<li>${htmlLink(preferencesUrl, "Vælg selv, hvilke e-mails du får (Min konto)")}</li>`,
      "</ul>",
    ].join("\n"),
  );
  return { subject, text, html, headers: unsubscribeHeaders(digestUnsubscribeUrl) };
}
