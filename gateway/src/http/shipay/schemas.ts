import { WALLETS, type Wallet } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { centavosFromWrittenReais } from '../../adapters/money.js';
import { MAX_AMOUNT } from '../../domain/money.js';
import { shipayInstant } from '../../services/shipay/wire.js';
import { printable } from '../schemas.js';

/**
 * What Shipay clients send, read as tolerantly as they write it: numbers as JSON numbers, numeric
 * text or Delphi's exponent form; empty strings for fields they leave out; unknown keys (ignored).
 */

const blankAsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Reais to centavos, exactly; more than two decimals is refused. */
const reais = (min: number) =>
  z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      try {
        return centavosFromWrittenReais(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an amount in reais with at most two decimals' });
        return z.NEVER;
      }
    })
    .pipe(z.int().min(min).max(MAX_AMOUNT));

/** A number written as a number or as text (`"3600"`, `"1"`, `"1.0E+000"`). */
const writtenNumber = z
  .union([z.number(), z.string().regex(/^\s*[+-]?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/, 'must be a number')])
  .transform(Number)
  .pipe(z.number().finite());

/** Shipay spells PagBank by its old name. */
const WALLET_ALIASES: Record<string, Wallet> = { pagseguro: 'pagbank' };
const wallet = z
  .string()
  .transform((w) => w.trim().toLowerCase())
  .transform((w) => WALLET_ALIASES[w] ?? w)
  .pipe(z.enum(WALLETS));

const item = z.object({
  item_title: z.preprocess(blankAsAbsent, printable(500).optional()),
  quantity: writtenNumber.pipe(z.number().positive().max(1_000_000)),
  // Kept in reais as sent: the WooCommerce plugin divides a line's total by its quantity (10 / 3).
  unit_price: writtenNumber.pipe(
    z
      .number()
      .min(0)
      .max(MAX_AMOUNT / 100),
  ),
  sku: z.preprocess(blankAsAbsent, printable(100).optional()),
  ean: z.preprocess(blankAsAbsent, printable(100).optional()),
});

const buyer = z.object({
  name: z.preprocess(blankAsAbsent, printable(200).optional()),
  // Formatted (`123.456.789-09`) or digits only.
  cpf_cnpj: z.preprocess(
    blankAsAbsent,
    z
      .string()
      .transform((d) => d.replace(/[.\-/\s]/g, ''))
      .pipe(z.string().regex(/^(\d{11}|\d{14})$/, 'must be a CPF (11 digits) or a CNPJ (14 digits)'))
      .optional(),
  ),
  email: z.preprocess(blankAsAbsent, z.email().max(254).optional()),
  phone: z.unknown().optional(),
});

export const shipayOrderBody = z.object({
  order_ref: printable(64),
  wallet,
  total: reais(1),
  items: z.preprocess((v) => v ?? [], z.array(item).max(500)),
  buyer: z.preprocess((v) => v ?? undefined, buyer.optional()),
  callback_url: z.preprocess(
    blankAsAbsent,
    z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  ),
  pix_dict_key: z.preprocess(blankAsAbsent, printable(200).optional()),
  expiration: z.preprocess(blankAsAbsent, writtenNumber.pipe(z.int().min(0)).optional()),
});

export const shipayLoginBody = z.object({
  access_key: printable(200),
  secret_key: printable(200),
  client_id: printable(200),
});

/** `DELETE /order/{id}/refund`: a body-less refund is the whole remaining amount. */
export const shipayRefundBody = z.object({ amount: z.preprocess(blankAsAbsent, reais(1).optional()) });

const time = z.string().transform((s, ctx) => {
  const at = shipayInstant(s);
  if (!at) ctx.addIssue({ code: 'custom', message: 'must be a date, YYYY-MM-DDTHH:MM:SS' });
  return at ?? z.NEVER;
});
const count = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.int().max(max));

/** Both spellings clients use: Shipay's and the Portuguese one of its newer list. */
export const shipayListQuery = z
  .object({
    start_date: time.optional(),
    end_date: time.optional(),
    inicio: time.optional(),
    fim: time.optional(),
    offset: count(1_000_000).optional(),
    limit: count(100).optional(),
    'paginacao.paginaAtual': count(100_000).optional(),
    'paginacao.itensPorPagina': count(100).optional(),
  })
  .transform((q) => {
    const limit = q.limit ?? q['paginacao.itensPorPagina'] ?? 50;
    const page = q['paginacao.paginaAtual'];
    return {
      start: q.start_date ?? q.inicio,
      end: q.end_date ?? q.fim,
      limit: Math.max(1, limit),
      offset: q.offset ?? (page ? (page - 1) * limit : 0),
    };
  });
