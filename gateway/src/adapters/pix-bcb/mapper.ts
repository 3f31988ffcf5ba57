import { formatReais, parseReais } from '@tillgate/sdk/pix';
import { REFUND_NATURES } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { checkOrderBRCode } from '../br-code.js';
import {
  type Charge,
  type ChargeRequest,
  type ChargeState,
  type ProviderEvent,
  type ProviderPayment,
  type ProviderRefund,
  ProviderRejected,
  ProviderUnavailable,
  type RefundState,
} from '../types.js';

/** The one place where API Pix shapes, statuses and reais text meet ours. */

const reais = z.string().regex(/^\d{1,10}\.\d{2}$/);

const devolucaoSchema = z.object({
  id: z.string(),
  valor: reais,
  status: z.enum(['EM_PROCESSAMENTO', 'DEVOLVIDO', 'NAO_REALIZADO']),
  motivo: z.string().optional(),
  // Absent means ORIGINAL (the spec); the MED ones are the payer's bank's, never asked for by us.
  natureza: z.enum(REFUND_NATURES).optional(),
});

const pixSchema = z.object({
  endToEndId: z.string().regex(/^[a-zA-Z0-9]{32}$/),
  txid: z.string().optional(),
  valor: reais,
  horario: z.iso.datetime({ offset: true }),
  devolucoes: z.array(devolucaoSchema).optional(),
});

const cobSchema = z.object({
  txid: z.string(),
  status: z.enum(['ATIVA', 'CONCLUIDA', 'REMOVIDA_PELO_USUARIO_RECEBEDOR', 'REMOVIDA_PELO_PSP']),
  loc: z.object({ location: z.string() }).optional(),
  location: z.string().optional(),
  pixCopiaECola: z.string().optional(),
  pix: z.array(pixSchema).optional(),
});

export type Cob = z.infer<typeof cobSchema>;
export type Devolucao = z.infer<typeof devolucaoSchema>;

/** Webhook bodies are read loosely: only the txids matter, the charge is then read back from the PSP. */
const notificationSchema = z.object({ pix: z.array(z.object({ txid: z.string().optional() }).loose()) });

const ORDER_PREFIX = 'ord_';
const REFUND_PREFIX = 'rfd_';

/** Our order ids are `ord_` + 26 letters and digits: the 26 are a valid txid, so a retried create names the same charge. */
export const txidOf = (orderId: string): string => orderId.slice(ORDER_PREFIX.length);

/** A hybrid till's second charge of an order, the one its printed QR pays: the order's txid + `fixo` (30 characters). */
const PRINTED_SUFFIX = 'fixo';
export const printedTxidOf = (orderId: string): string => txidOf(orderId) + PRINTED_SUFFIX;

/** The order's own txid behind either of its charges: payments through the printed QR are the order's. */
export const chargeRefOf = (txid: string): string =>
  txid.length === 26 + PRINTED_SUFFIX.length && txid.endsWith(PRINTED_SUFFIX) ? txid.slice(0, 26) : txid;

/** Our refund ids are `rfd_` + 26: the 26 are the devolução id, unique per Pix as the spec wants. */
export const devolucaoIdOf = (refundId: string): string => refundId.slice(REFUND_PREFIX.length);

/** A charge for the order; `locationRef` links it to a fixed location (a till's printed QR) instead of a new one. */
export function cobRequest(order: ChargeRequest, pixKey: string, locationRef?: string): Record<string, unknown> {
  return {
    calendario: { expiracao: order.expiresInSeconds },
    ...(locationRef === undefined ? {} : { loc: { id: Number(locationRef) } }),
    valor: { original: formatReais(order.amount) },
    chave: pixKey,
    solicitacaoPagador: order.description.slice(0, 140),
  };
}

const locationSchema = z.object({ id: z.union([z.number().int(), z.string()]), location: z.string().max(77) });

/** A fixed location the PSP made (`POST /loc`): its id and where payers' banks read the linked charge. */
export function readLocation(body: unknown): { locationRef: string; location: string } {
  const loc = readAs(locationSchema, body, 'location');
  return { locationRef: String(loc.id), location: loc.location };
}

export const refundRequest = (amount: number): Record<string, unknown> => ({ valor: formatReais(amount) });

export const readCob = (body: unknown): Cob => readAs(cobSchema, body, 'charge');
export const readDevolucao = (body: unknown): Devolucao => readAs(devolucaoSchema, body, 'devolução');

/** The txids a notification names, each once. */
export function notifiedTxids(body: unknown): string[] {
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success) throw new ProviderRejected('the notification is not an API Pix `{ pix: [...] }` body');
  return [...new Set(parsed.data.pix.flatMap((p) => (p.txid ? [p.txid] : [])))];
}

/**
 * The charge to hand out, once its BR Code proved sound and paying this order (`checkOrderBRCode`): it
 * parses, points at the location the PSP reported, and states no other amount. A QR a payer's app would
 * refuse, or one charging another sum, is never shown.
 */
export function chargeOf(cob: Cob, amount: number): Charge {
  const location = cob.loc?.location ?? cob.location;
  if (!cob.pixCopiaECola || !location) throw new ProviderRejected('the PSP answered a charge without a BR Code');
  checkOrderBRCode(cob.pixCopiaECola, { provider: 'the PSP', amount, location });
  return { providerRef: cob.txid, qrCodeText: cob.pixCopiaECola, deepLink: null };
}

export function chargeStateOf(cob: Cob): ChargeState {
  if (cob.pix && cob.pix.length > 0)
    return { status: 'paid', payments: cob.pix.map(paymentOf), refunds: cob.pix.flatMap(settledRefundsOf) };
  if (cob.status === 'ATIVA' || cob.status === 'CONCLUIDA') return { status: 'pending' };
  return { status: 'cancelled' };
}

export function refundStateOf(devolucao: Devolucao): RefundState {
  if (devolucao.status === 'DEVOLVIDO') return { status: 'succeeded' };
  if (devolucao.status === 'NAO_REALIZADO') return { status: 'failed', reason: devolucao.motivo ?? 'NAO_REALIZADO' };
  return { status: 'pending' };
}

/** What a charge read back from the PSP says happened: its payments and the devoluções that reached a final status. */
export function eventsOf(cob: Cob): ProviderEvent[] {
  return (cob.pix ?? []).flatMap((pix): ProviderEvent[] => [
    {
      kind: 'payment',
      providerRef: chargeRefOf(cob.txid),
      payment: paymentOf(pix),
      ...(chargeRefOf(cob.txid) === cob.txid ? {} : { paidRef: cob.txid }),
    },
    ...settledRefundsOf(pix).map(
      (refund): ProviderEvent => ({ kind: 'refund', providerRef: chargeRefOf(cob.txid), ...refund }),
    ),
  ]);
}

/**
 * A Pix's devoluções past `EM_PROCESSAMENTO`, each under the refund id it has if we asked for it, and with what
 * records it if we did not (a MED devolução the payer's bank took).
 */
function settledRefundsOf(pix: z.infer<typeof pixSchema>): ProviderRefund[] {
  return (pix.devolucoes ?? [])
    .filter((d) => d.status !== 'EM_PROCESSAMENTO')
    .map((d) => ({
      refundId: REFUND_PREFIX + d.id,
      state: refundStateOf(d),
      returned: {
        providerRefundId: d.id,
        paymentId: pix.endToEndId,
        amount: parseReais(d.valor),
        natureza: d.natureza ?? 'ORIGINAL',
      },
    }));
}

function paymentOf(pix: z.infer<typeof pixSchema>): ProviderPayment {
  return { providerPaymentId: pix.endToEndId, amount: parseReais(pix.valor), paidAt: new Date(pix.horario), payer: {} };
}

function readAs<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderUnavailable(
      `the PSP answered a ${what} we cannot read (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
}
