import { DEFAULT_SUBJECT, DEFAULT_TEMPLATE, fillTemplate } from '@tillgate/sdk/protocol';

/** Pure rules of payment links: recipients, references, validity and the email's text. No I/O. */

/** An address as people type one: something@something.tld, no spaces, at most 254 characters. */
const EMAIL = /^[^\s@;,<>"]+@[^\s@;,<>"]+\.[^\s@;,<>".]+$/;
export const isEmail = (value: string): boolean => value.length <= 254 && EMAIL.test(value);

/** Letters and digits only, as the merchants' manual has it; at most 64. */
export const ORDER_REF = /^[A-Za-z0-9]{1,64}$/;

export const HOUR_SECONDS = 3600;
export const MIN_EXPIRES_IN = HOUR_SECONDS;
export const MAX_EXPIRES_IN = 60 * 24 * HOUR_SECONDS;
export const DEFAULT_EXPIRES_IN = 7 * 24 * HOUR_SECONDS;

/**
 * The recipients of `emails` as people paste them (`a@x.com; b@y.com`) or as a list, trimmed, empty
 * entries dropped. Positions in the problems are those of the list after dropping the empty ones.
 */
export function recipientsOf(emails: string | readonly string[]): {
  emails: string[];
  problems: { index: number; message: string }[];
} {
  const list = (typeof emails === 'string' ? emails.split(';') : [...emails]).map((e) => e.trim()).filter(Boolean);
  const problems = list.flatMap((e, index) => (isEmail(e) ? [] : [{ index, message: 'is not an email address' }]));
  return { emails: list, problems };
}

/**
 * Each recipient's reference: the given one alone for one recipient, else the given one, a hyphen and a
 * counter of three digits (`Recouvrement-001`), four past 999. No reference given: none.
 */
export function referencesFor(orderRef: string, count: number): string[] {
  if (count === 1 || orderRef === '') return Array.from({ length: count }, () => orderRef);
  return Array.from({ length: count }, (_, i) => `${orderRef}-${String(i + 1).padStart(i + 1 > 999 ? 4 : 3, '0')}`);
}

/** `R$ 45,90`, `R$ 1.234,56`: Brazilian grouping and decimals, from integer centavos. */
export function formatBrl(centavos: number): string {
  const reais = Math.trunc(centavos / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `R$ ${reais},${String(centavos % 100).padStart(2, '0')}`;
}

/** `dd/mm/aaaa hh:mm` in the merchant's zone. */
export function formatBrDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('pt-BR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

export interface LinkEmailInput {
  template: string | null;
  message: string | null;
  store: string;
  amount: number;
  reference: string;
  link: string;
  expiresAt: Date;
  timeZone: string;
  buyerRef: string | null;
  test: boolean;
}

/** The subject and text of a link's email; a test link says so in both. */
export function linkEmail(input: LinkEmailInput): { subject: string; text: string } {
  const values: Record<string, string> = {
    amount: formatBrl(input.amount),
    reference: input.reference || '—',
    link: input.link,
    expires_at: formatBrDateTime(input.expiresAt, input.timeZone),
    store: input.store,
    buyer_ref: input.buyerRef ?? '',
    message: input.message ? `${input.message}\n\n` : '',
  };
  const body = fillTemplate(input.template ?? DEFAULT_TEMPLATE, values);
  const subject = fillTemplate(DEFAULT_SUBJECT, values);
  if (!input.test) return { subject, text: body };
  return {
    subject: `[TESTE] ${subject}`,
    text: `*** AMBIENTE DE TESTE: nenhum valor real será cobrado. ***\n\n${body}`,
  };
}
