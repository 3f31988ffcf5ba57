import type { Download, ReportService } from '../../services/reports/reports.js';
import { createReportBody, listReportsQuery, reportSchema, salesCsvQuery } from '../report-schemas.js';
import { type AnyRoute, defineRoute, type Reply } from '../route.js';
import { pageOf } from '../schemas.js';

const attachment = (d: Download): Reply => ({
  status: 200,
  type: d.contentType,
  headers: { 'Content-Disposition': `attachment; filename="${d.filename}"`, 'Cache-Control': 'no-store' },
  stream: d.write,
});

/** `sales.csv` comes before `:id`, which would refuse it as a malformed id. */
export const reportRoutes = (reports: ReportService): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/reports/sales.csv',
    summary: 'Stream the sales file as CSV now, with the same filters and limits',
    tag: 'Reports',
    auth: 'token',
    query: salesCsvQuery,
    responses: { 200: { description: 'RFC 4180 CSV, UTF-8 with a BOM', contentType: 'text/csv' } },
    handle: async ({ principal, query }) => attachment(await reports.direct(principal, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/reports',
    summary: 'Ask for a sales file; it is generated in the background',
    tag: 'Reports',
    auth: 'token',
    body: createReportBody,
    responses: { 202: { description: 'The report, generating', schema: reportSchema } },
    handle: async ({ principal, body }) => ({ status: 202, body: await reports.create(principal, body) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reports',
    summary: 'List sales files, newest first, with cursor pages',
    tag: 'Reports',
    auth: 'token',
    query: listReportsQuery,
    responses: { 200: { description: 'A page of reports', schema: pageOf(reportSchema) } },
    handle: async ({ principal, query }) => ({ status: 200, body: await reports.list(principal, query) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reports/:id',
    summary: "Read a sales file's state",
    tag: 'Reports',
    auth: 'token',
    ids: { id: 'rpt' },
    responses: { 200: { description: 'The report', schema: reportSchema } },
    handle: async ({ principal, params }) => ({ status: 200, body: await reports.get(principal, params.id) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reports/:id/file',
    summary: 'Download a ready sales file',
    tag: 'Reports',
    auth: 'token',
    ids: { id: 'rpt' },
    responses: { 200: { description: 'The file, as an attachment', contentType: 'application/octet-stream' } },
    handle: async ({ principal, params }) => attachment(await reports.download(principal, params.id)),
  }),
];
