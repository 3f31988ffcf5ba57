import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutboxMail } from '@tillgate/sdk/protocol';
import nodemailer from 'nodemailer';
import type { Clock } from '../../domain/clock.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Files attached to the message (a report subscription's file). */
  attachments?: MailAttachment[];
  /** Extra headers, e.g. `List-Unsubscribe`; never one nodemailer sets itself. */
  headers?: Record<string, string>;
  /** Blind copies: in the envelope, never in the headers the recipient sees. */
  bcc?: string[] | undefined;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** What nodemailer sends for a message, the same for SMTP and the outbox. */
const envelope = (from: string, m: MailMessage) => ({
  from,
  to: m.to,
  subject: m.subject,
  text: m.text,
  ...(m.attachments ? { attachments: m.attachments } : {}),
  ...(m.headers ? { headers: m.headers } : {}),
  ...(m.bcc ? { bcc: m.bcc } : {}),
});

/** The port the account services send through. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Present when mail goes to the local outbox rather than to an SMTP server. */
  readonly outbox?: { list(): Promise<OutboxMail[]> };
}

export interface MailerOptions {
  /** Set: send through this SMTP server; absent: write `.eml` files to `outboxDir`. */
  smtpUrl?: string | undefined;
  from: string;
  outboxDir: string;
  clock: Clock;
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options.from) : outboxMailer(options);
}

function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail(envelope(from, m));
    },
  };
}

const LINK = /https?:\/\/[^\s<>"]+/g;

/**
 * Real RFC 822 messages, built by nodemailer as it would send them, written as `<id>.eml`; a JSON twin
 * holds what the panel's outbox lists, so listing never parses mail.
 */
function outboxMailer({ from, outboxDir, clock }: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let sent = 0;
  return {
    async send(m) {
      const info = await transport.sendMail(envelope(from, m));
      const now = clock.now();
      // Names sort by time, then by order of sending within one millisecond (or a stopped test clock).
      sent += 1;
      const id = [
        now.getTime().toString().padStart(15, '0'),
        sent.toString().padStart(9, '0'),
        randomBytes(4).toString('hex'),
      ].join('-');
      const entry: OutboxMail = {
        id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        links: m.text.match(LINK) ?? [],
        created_at: now.toISOString(),
      };
      await mkdir(outboxDir, { recursive: true });
      await writeFile(path.join(outboxDir, `${id}.eml`), info.message as Buffer);
      await writeFile(path.join(outboxDir, `${id}.json`), JSON.stringify(entry));
    },
    outbox: {
      async list() {
        const names = await readdir(outboxDir).catch(() => [] as string[]);
        const entries = names
          .filter((n) => n.endsWith('.json'))
          .sort()
          .reverse();
        return Promise.all(
          entries.map(async (n) => JSON.parse(await readFile(path.join(outboxDir, n), 'utf8')) as OutboxMail),
        );
      },
    },
  };
}
