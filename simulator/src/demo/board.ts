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

const COLUMNS = ['till', 'order', 'amount', 'wallet', 'expires', 'status'] as const;
const WIDTHS = [16, 28, 12, 12, 8, 18];

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

const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(WIDTHS[i] ?? 0)).join(' ');

/** The table of tills as lines; the status coloured with ANSI when `colour`. */
export function boardLines(rows: readonly TillRow[], now: number, colour: boolean): string[] {
  return [
    line(COLUMNS),
    ...rows.map((row) => {
      const text = line(cells(row, now));
      if (!colour) return text.trimEnd();
      const at = text.length - (WIDTHS.at(-1) ?? 0);
      return `${text.slice(0, at)}\u001b[${COLOUR[row.status]}m${text.slice(at).trimEnd()}\u001b[0m`;
    }),
  ];
}

/** One till's row as a plain line, for output that is not a terminal. */
export const rowLine = (row: TillRow, now: number): string => line(cells(row, now)).trimEnd();
