import type { Environment } from '@tillgate/sdk/protocol';
import type { Knex } from 'knex';
import { type DayRange, dailySales } from '../../store/daily-sales.js';
import { dailyCsv, dailyXlsx } from './daily-files.js';
import { dailyTableOf, daysIn } from './daily-report.js';

/**
 * The seam report subscriptions attach files through: a kind of report, a format, whose rows (a merchant's
 * environment, one store or all) and which days. The daily summary is rendered here; the sales file comes
 * from the sales-file job (`renderSalesFile`), plugged in as `sales`.
 */
export const REPORT_KINDS = ['sales', 'daily'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type AttachmentFormat = 'xlsx' | 'csv' | 'csv-br';

export interface ReportScope {
  merchantId: string;
  environment: Environment;
  storeId: string | null;
  timeZone: string;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ReportAttachments {
  render(kind: ReportKind, format: AttachmentFormat, scope: ReportScope, period: DayRange): Promise<Attachment>;
}

/** What renders one kind; `sales` is the sales-file job's. */
export type AttachmentRenderer = (
  format: AttachmentFormat,
  scope: ReportScope,
  period: DayRange,
) => Promise<Attachment>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportAttachments(
  deps: { knex: Knex },
  renderers: { sales?: AttachmentRenderer } = {},
): ReportAttachments {
  const daily: AttachmentRenderer = async (format, scope, period) => {
    const filter = {
      merchantId: scope.merchantId,
      environment: scope.environment,
      storeId: scope.storeId ?? undefined,
    };
    const table = dailyTableOf(daysIn(period), await dailySales(deps.knex, filter, period, scope.timeZone));
    const name = `diario-${scope.storeId ?? 'todas-as-lojas'}-${period.first}-${period.last}`;
    if (format === 'xlsx')
      return {
        filename: `${name}.xlsx`,
        contentType: XLSX_TYPE,
        content: await dailyXlsx(table, `Por dia ${period.first}`),
      };
    if (format === 'csv')
      return { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', content: dailyCsv(table) };
    throw new Error(`the daily summary has no ${format} file`);
  };
  return {
    async render(kind, format, scope, period) {
      const renderer = kind === 'daily' ? daily : renderers.sales;
      if (!renderer) throw new Error(`no renderer for ${kind} reports is plugged in`);
      return renderer(format, scope, period);
    },
  };
}
