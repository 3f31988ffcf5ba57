import { XLSX_TYPE } from '../../services/reports/attachments.js';
import { dailyCsv, dailyXlsx } from '../../services/reports/daily-files.js';
import type { DailyReports } from '../../services/reports/daily-reports.js';
import { dailyReportQuery, dailyReportSchema } from '../daily-report-schemas.js';
import { type AnyRoute, defineRoute } from '../route.js';

/** Mounted before any `/v1/reports/:id` route, which would read `daily` as a report id. */
export const dailyReportRoutes = (reports: DailyReports): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/reports/daily',
    summary: "A month day by day in the merchant's time zone: orders, paid, refunded and net, per wallet",
    tag: 'Reports',
    auth: 'token',
    query: dailyReportQuery,
    responses: {
      200: { description: 'The report (format=json), or its CSV or xlsx download', schema: dailyReportSchema },
    },
    handle: async ({ principal, query }) => {
      const report = await reports.read(principal, {
        month: query.month,
        storeId: query.store_id,
        exported: query.format !== 'json',
      });
      if (query.format === 'json') return { status: 200, body: report };
      const filename = `diario-${query.store_id ?? 'todas-as-lojas'}-${query.month}.${query.format}`;
      const headers = { 'Content-Disposition': `attachment; filename="${filename}"` };
      return query.format === 'csv'
        ? { status: 200, body: dailyCsv(report), type: 'text/csv; charset=utf-8', headers }
        : { status: 200, body: await dailyXlsx(report, `Por dia ${query.month}`), type: XLSX_TYPE, headers };
    },
  }),
];
