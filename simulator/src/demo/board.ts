import type { OrderStatus, Wallet } from '@tillgate/sdk';

/** What one till shows: its current order and where that order stands. */
export interface TillRow {
  till: string;
  orderId?: string;
  ref?: string;
  amount?: number;
  wallet?: Wallet;
  /** When the order expires, on this machine's clock (so a gateway with another clock still counts right). */
  deadline?: number;
  status: OrderStatus | 'idle' | 'creating' | 'failed';
}

const COLOUR: Record<TillRow['status'], string> = {
  idle: '2',
  creating: '2',
  pending: '33',
  approved: '32',
  partially_refunded: '36',
  refunded: '35',
  cancelled: '31',
  expired: '90',
  failed: '1;31',
};

const COLUMNS = ['till', 'order', 'amount', 'wallet', 'left', 'status'] as const;
/** Within 80 columns; a longer value is cut to its column. */
const WIDTHS = [10, 20, 10, 11, 5, 18];

const brl = (centavos: number) => `R$ ${(centavos / 100).toFixed(2).replace('.', ',')}`;

function countdown(deadline: number | undefined, now: number): string {
  if (deadline === undefined) return '';
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

function cells(row: TillRow, now: number): string[] {
  const live = row.status === 'pending' || row.status === 'creating';
  return [
    row.till,
    row.ref ?? '',
    row.amount === undefined ? '' : brl(row.amount),
    row.wallet ?? '',
    live ? countdown(row.deadline, now) : '',
    row.status,
  ];
}

const line = (values: readonly string[]) =>
  values.map((v, i) => v.slice(0, WIDTHS[i]).padEnd(WIDTHS[i] ?? 0)).join(' ');

/**
 * The table of tills as lines cut at `width` (a wrapped line would break redrawing in place), the status
 * coloured with ANSI when `colour`.
 */
export function boardLines(rows: readonly TillRow[], now: number, colour: boolean, width = Infinity): string[] {
  const statusAt = WIDTHS.slice(0, -1).reduce((n, w) => n + w + 1, 0);
  return [
    line(COLUMNS).trimEnd().slice(0, width),
    ...rows.map((row) => {
      const text = line(cells(row, now)).trimEnd().slice(0, width);
      if (!colour || text.length <= statusAt) return text;
      return `${text.slice(0, statusAt)}\u001b[${COLOUR[row.status]}m${text.slice(statusAt)}\u001b[0m`;
    }),
  ];
}

/** One till's row as a plain line, for output that is not a terminal. */
export const rowLine = (row: TillRow, now: number): string => line(cells(row, now)).trimEnd();
