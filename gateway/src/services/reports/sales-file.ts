import type { Writable } from 'node:stream';
import type { Environment, ReportFormat, SalesFilters } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { nextDay, startOfDay } from '../../domain/zoned-time.js';
import { countSales, type SalesQuery, salesBatch } from '../../store/sales-rows.js';
import { findStore } from '../../store/stores.js';
import { SALES_COLUMNS, SalesTotals } from './sales-columns.js';
import { salesSheet } from './sales-sheets.js';

/** Whose rows a sales file holds: one merchant environment, limited to some stores or not, read in its zone. */
export interface SalesScope {
  merchantId: string;
  environment: Environment;
  /** The stores the requester is limited to; null: every store. Forced into the query. */
  storeIds: readonly string[] | null;
  /** The merchant's IANA time zone: days of the period and times in the file are its. */
  timezone: string;
}

export interface RenderOptions {
  /** Rows read per query; memory holds one batch at a time. */
  batchSize?: number;
  /** Called after each batch with the rows written and the rows the period had when counted. */
  onProgress?(rowsDone: number, rowsTotal: number): Promise<void> | void;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  'csv-br': 'text/csv; charset=utf-8',
};

/** `vendas-<store>-<from>-<to>.<ext>`: the store's name as a slug, or `todas` for every store. */
export function salesFilename(storeName: string | null, filters: SalesFilters, format: ReportFormat): string {
  const store = storeName === null ? 'todas' : slug(storeName) || 'loja';
  return `vendas-${store}-${filters.from}-${filters.to}.${format === 'xlsx' ? 'xlsx' : 'csv'}`;
}

const slug = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/** The name of the store a file is of, or null for every store. */
export async function storeNameOf(knex: Knex, storeId: string | null): Promise<string | null> {
  if (!storeId) return null;
  return (await findStore(knex, storeId))?.name ?? storeId;
}

/**
 * Writes the sales file of `filters` (already validated, and `store_id` already checked against the
 * scope) to `out` and ends it: rows oldest first, a batch at a time, then the total row. The one way
 * a sales file is made, for the background job, the direct CSV download and report subscriptions.
 */
export async function renderSalesFile(
  deps: { knex: Knex },
  scope: SalesScope,
  filters: SalesFilters,
  format: ReportFormat,
  out: Writable,
  options: RenderOptions = {},
): Promise<{ rows: number; filename: string; contentType: string }> {
  const batchSize = options.batchSize ?? 1000;
  const filename = salesFilename(await storeNameOf(deps.knex, filters.store_id), filters, format);
  const query: SalesQuery = {
    merchantId: scope.merchantId,
    environment: scope.environment,
    from: startOfDay(filters.from, scope.timezone),
    to: startOfDay(nextDay(filters.to), scope.timezone),
    storeId: filters.store_id ?? undefined,
    storeIds: scope.storeIds ?? undefined,
    status: filters.status ?? undefined,
    wallet: filters.wallet ?? undefined,
    tillId: filters.till_id ?? undefined,
    amountMin: filters.amount_min ?? undefined,
    amountMax: filters.amount_max ?? undefined,
  };
  const rowsTotal = await countSales(deps.knex, query);
  const sheet = salesSheet(format, out, scope.timezone);
  const totals = new SalesTotals();
  let after: { createdAt: Date; orderId: string } | undefined;
  for (;;) {
    const rows = await salesBatch(deps.knex, query, after, batchSize);
    for (const row of rows) {
      sheet.row(SALES_COLUMNS.map((c) => c.cell(row)));
      totals.add(row);
    }
    await sheet.flush();
    await options.onProgress?.(totals.rows, Math.max(rowsTotal, totals.rows));
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) break;
    after = { createdAt: last.createdAt, orderId: last.orderId };
  }
  sheet.row(totals.cells(), { bold: true });
  await sheet.close();
  return { rows: totals.rows, filename, contentType: CONTENT_TYPES[format] };
}
