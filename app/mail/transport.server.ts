/**
 * How mail leaves the app (issue 20). Every message is first built by nodemailer into its real
 * RFC 822 text (streamTransport), which is kept in mail_messages.raw. Then:
 * - SMTP_URL set: that exact text is handed to the SMTP server (nodemailer's `raw`), status sent;
 * - otherwise (the embedded default): nothing leaves the machine, status outbox, and
 *   administrators read the message under «Udgående post».
 * MAIL_FROM is the sender (default «Samarbejdsaftaler <noreply@samarbejde.example>»).
 */
import nodemailer from "nodemailer";

export const DEFAULT_MAIL_FROM = "Samarbejdsaftaler <noreply@samarbejde.example>";

export interface OutgoingMail {
  /** Our id for the mail; its Message-ID is derived from it, so a retry carries the same one. */
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  raw: string;
}

export interface MailTransport {
  /** "smtp": handed to a server (status sent); "outbox": kept for reading (status outbox). */
  readonly mode: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

function domainOf(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? "samarbejde.example";
}

/** Builds the message's RFC 822 text with nodemailer, exactly as it would be sent. */
async function compose(mail: OutgoingMail, from: string): Promise<SentMail> {
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows",
  });
  const messageId = `<mail-${mail.id}@${domainOf(from)}>`;
  const info = await builder.sendMail({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId,
  });
  return { messageId, raw: (info.message as Buffer).toString("utf8") };
}

export function createMailTransport(
  options: { smtpUrl?: string; from?: string } = {
    smtpUrl: process.env.SMTP_URL?.trim() || undefined,
    from: process.env.MAIL_FROM?.trim() || undefined,
  },
): MailTransport {
  const from = options.from || DEFAULT_MAIL_FROM;
  if (!options.smtpUrl) {
    return {
      mode: "outbox",
      send: (mail) => compose(mail, from),
      close() {},
    };
  }
  const smtp = nodemailer.createTransport(options.smtpUrl);
  return {
    mode: "smtp",
    async send(mail) {
      const built = await compose(mail, from);
      await smtp.sendMail({ envelope: { from, to: [mail.to] }, raw: built.raw });
      return built;
    },
    close() {
      smtp.close();
    },
  };
}

let processTransport: MailTransport | undefined;

/** The app process's transport, from the environment (made once). */
export function getMailTransport(): MailTransport {
  processTransport ??= createMailTransport();
  return processTransport;
}
