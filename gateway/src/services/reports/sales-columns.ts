import { type CancelReason, type OrderStatus, WALLET_DISPLAY_NAMES } from '@tillgate/sdk/protocol';
import type { SalesRow } from '../../store/sales-rows.js';

/** A cell of a sales file before a format writes it: money stays integer centavos, times stay instants. */
export type SalesCell =
  | { kind: 'text'; value: string | null }
  | { kind: 'money'; centavos: number }
  | { kind: 'time'; value: Date | null };

interface Column {
  header: string;
  kind: SalesCell['kind'];
  /** Width in characters, for the spreadsheet. */
  width: number;
  cell(row: SalesRow): SalesCell;
}

const text = (value: string | null): SalesCell => ({ kind: 'text', value });
const money = (centavos: number): SalesCell => ({ kind: 'money', centavos });
const time = (value: Date | null): SalesCell => ({ kind: 'time', value });

/** The panel's pt-BR words for a status (gateway/web/src/i18n/pt-BR.ts; a test holds them equal). */
export const STATUS_WORDS: Record<OrderStatus, string> = {
  pending: 'Aguardando',
  approved: 'Pago',
  expired: 'Expirado',
  cancelled: 'Cancelado',
  refunded: 'Estornado',
  partially_refunded: 'Parcialmente estornado',
};

export const CANCEL_REASON_WORDS: Record<CancelReason, string> = {
  requested: 'Cancelado no caixa',
  replaced: 'Substituído por um novo QR',
};

/** The columns of the sales file, in the order and words of the issue (and of Conexão Rede's file). */
export const SALES_COLUMNS: readonly Column[] = [
  { header: 'Data', kind: 'time', width: 20, cell: (r) => time(r.createdAt) },
  { header: 'Valor', kind: 'money', width: 14, cell: (r) => money(r.amount) },
  { header: 'Loja', kind: 'text', width: 24, cell: (r) => text(r.storeName) },
  { header: 'Caixa', kind: 'text', width: 20, cell: (r) => text(r.tillName) },
  { header: 'Conta', kind: 'text', width: 24, cell: (r) => text(r.accountName) },
  { header: 'Status', kind: 'text', width: 22, cell: (r) => text(STATUS_WORDS[r.status]) },
  { header: 'Código UUID', kind: 'text', width: 32, cell: (r) => text(r.orderId) },
  { header: 'Referência', kind: 'text', width: 20, cell: (r) => text(r.orderRef) },
  { header: 'Carteira', kind: 'text', width: 14, cell: (r) => text(WALLET_DISPLAY_NAMES[r.wallet]) },
  { header: 'Provedor', kind: 'text', width: 14, cell: (r) => text(r.provider) },
  { header: 'Valor pago', kind: 'money', width: 14, cell: (r) => money(r.paidAmount) },
  { header: 'Valor estornado', kind: 'money', width: 16, cell: (r) => money(r.refundedAmount) },
  { header: 'Pago em', kind: 'time', width: 20, cell: (r) => time(r.paidAt) },
  { header: 'ID do pagamento', kind: 'text', width: 36, cell: (r) => text(r.paymentId) },
  {
    header: 'Motivo do cancelamento',
    kind: 'text',
    width: 26,
    cell: (r) => text(r.cancelReason ? CANCEL_REASON_WORDS[r.cancelReason] : null),
  },
];

/** Sums of the money columns, kept in integer centavos until a writer prints them once. */
export class SalesTotals {
  amount = 0;
  paid = 0;
  refunded = 0;
  rows = 0;

  add(row: SalesRow): void {
    this.amount += row.amount;
    this.paid += row.paidAmount;
    this.refunded += row.refundedAmount;
    this.rows += 1;
  }

  /** The closing row: "Total" under Data and the sums under their columns. */
  cells(): SalesCell[] {
    const byHeader: Record<string, SalesCell> = {
      Data: text('Total'),
      Valor: money(this.amount),
      'Valor pago': money(this.paid),
      'Valor estornado': money(this.refunded),
    };
    return SALES_COLUMNS.map((c) => byHeader[c.header] ?? text(null));
  }
}
