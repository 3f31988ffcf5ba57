import { randomUUID } from 'node:crypto';
import { encodeBRCode } from '@tillgate/sdk/pix';

/** `Payment.Status` codes the emulator plays (Cielo's list; 1, 3, 20 never occur for a Pix sale). */
export const STATUS = {
  NotFinished: 0,
  PaymentConfirmed: 2,
  Voided: 10,
  Refunded: 11,
  Pending: 12,
  Aborted: 13,
} as const;
export type SaleStatus = (typeof STATUS)[keyof typeof STATUS];

/** One Pix sale as Cielo keeps it; amounts in centavos. */
export interface Sale {
  merchantId: string;
  merchantOrderId: string;
  paymentId: string;
  /** The txid Cielo's Pix provider gave the QR (`AcquirerOrderId`, `SentOrderId`). */
  txid: string;
  provider: string;
  amount: number;
  expirationSeconds: number;
  status: SaleStatus;
  qrCodeString: string;
  receivedDate: string;
  endToEndId?: string;
  capturedAmount?: number;
  capturedDate?: string;
  /** Refunds asked for so far, settled or not. */
  refunded: number;
  /** Refunds the payer's bank has settled. */
  refundSettled: number;
  /** The merchant's Pix account has no balance: every refund is refused. */
  refundsFail: boolean;
}

/** Why a void cannot be taken, in Cielo's API error words. */
export class VoidRefused extends Error {
  override readonly name = 'VoidRefused';
}

export interface LedgerOptions {
  /** `host:port` written into the BR Codes' locations. */
  locationBase: () => string;
  merchantName: string;
  merchantCity: string;
  now: () => Date;
}

const ISPB = '01027058';

/** The sales of every merchant of the emulator, and the rules that move them. */
export class CieloLedger {
  private readonly sales = new Map<string, Sale>();

  constructor(private readonly options: LedgerOptions) {}

  open(input: Pick<Sale, 'merchantId' | 'merchantOrderId' | 'provider' | 'amount' | 'expirationSeconds'>): Sale {
    const paymentId = randomUUID();
    const txid = paymentId.replaceAll('-', '').slice(0, 25);
    const sale: Sale = {
      ...input,
      paymentId,
      txid,
      status: STATUS.Pending,
      qrCodeString: encodeBRCode({
        kind: 'dynamic',
        usage: 'single-use',
        location: `${this.options.locationBase()}/qr/v2/${txid}`,
        merchantName: this.options.merchantName,
        merchantCity: this.options.merchantCity,
      }),
      receivedDate: cieloDate(this.options.now()),
      refunded: 0,
      refundSettled: 0,
      refundsFail: false,
    };
    this.sales.set(paymentId, sale);
    return sale;
  }

  /** The merchant's sale, or undefined: another merchant's sales do not exist for it. */
  find(merchantId: string, paymentId: string): Sale | undefined {
    const sale = this.sales.get(paymentId);
    return sale?.merchantId === merchantId ? sale : undefined;
  }

  get(paymentId: string): Sale {
    const sale = this.sales.get(paymentId);
    if (!sale) throw new Error(`no sale ${paymentId}`);
    return sale;
  }

  all(): Sale[] {
    return [...this.sales.values()];
  }

  byOrder(merchantId: string, merchantOrderId: string): Sale[] {
    return [...this.sales.values()].filter((s) => s.merchantId === merchantId && s.merchantOrderId === merchantOrderId);
  }

  /** A payer pays the QR, the amount asked or another one. */
  pay(paymentId: string, options: { amount?: number | undefined; refunds?: 'fail' | undefined } = {}): Sale {
    const sale = this.get(paymentId);
    if (sale.status !== STATUS.Pending) throw new Error(`sale ${paymentId} is not pending (status ${sale.status})`);
    const now = this.options.now();
    sale.status = STATUS.PaymentConfirmed;
    sale.capturedAmount = options.amount ?? sale.amount;
    sale.capturedDate = cieloDate(now);
    sale.endToEndId = endToEndId(now);
    sale.refundsFail = options.refunds === 'fail';
    return sale;
  }

  /** `PUT /1/sales/{id}/void` without an amount on an unpaid QR: removed. */
  remove(sale: Sale): void {
    if (sale.status !== STATUS.Pending) throw new VoidRefused('Transaction not available to void');
    sale.status = STATUS.Voided;
  }

  /** A devolução asked for: taken now, settled by the payer's bank later (`settleRefunds`). */
  refund(sale: Sale, amount: number): void {
    if (sale.status !== STATUS.PaymentConfirmed) throw new VoidRefused('Transaction not available to void');
    if (amount > (sale.capturedAmount ?? sale.amount) - sale.refunded)
      throw new VoidRefused('Amount exceeds the amount available to void');
    sale.refunded += amount;
  }

  /** The payer's bank settles what was asked; a sale refunded in full turns 11 Refunded. */
  settleRefunds(sale: Sale): void {
    sale.refundSettled = sale.refunded;
    if (sale.refundSettled === (sale.capturedAmount ?? sale.amount)) sale.status = STATUS.Refunded;
  }
}

/** How Cielo writes dates: Brasília time (UTC−3), no zone. */
export function cieloDate(at: Date): string {
  return new Date(at.getTime() - 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `E` + the receiver's ISPB + yyyyMMddHHmm + 11 characters: 32, as the Pix arrangement writes them. */
function endToEndId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 12);
  return `E${ISPB}${stamp}${randomUUID().replaceAll('-', '').slice(0, 11)}`;
}
