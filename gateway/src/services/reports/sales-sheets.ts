import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ReportFormat } from '@tillgate/sdk/protocol';
import ExcelJS from 'exceljs';
import { wallClock } from '../../domain/zoned-time.js';
import { SALES_COLUMNS, type SalesCell } from './sales-columns.js';

/** Where the rows of a sales file go, one format each; `flush` waits until `out` can take more. */
export interface SalesSheet {
  row(cells: SalesCell[], style?: { bold: boolean }): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const MONEY_FORMAT = '"R$" #,##0.00';
export const TIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';

export function salesSheet(format: ReportFormat, out: Writable, timeZone: string): SalesSheet {
  return format === 'xlsx' ? xlsxSheet(out, timeZone) : csvSheet(out, timeZone, format === 'csv-br' ? BR : PLAIN);
}

/** Waits until `out` takes more; a caller that went away (closed, destroyed) ends the file with an error. */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return gone(out);
  await Promise.race([once(out, 'drain'), once(out, 'close')]);
  gone(out);
}
function gone(out: Writable): void {
  if (out.destroyed) throw new Error('the sales file lost its reader');
}

/** exceljs's streaming writer: each committed row leaves memory for the zip stream. */
function xlsxSheet(out: Writable, timeZone: string): SalesSheet {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Vendas', { views: [{ state: 'frozen', ySplit: 1 }] });
  // Formats on the columns, not on each cell: one style object for 100,000 rows.
  sheet.columns = SALES_COLUMNS.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    style: c.kind === 'money' ? { numFmt: MONEY_FORMAT } : c.kind === 'time' ? { numFmt: TIME_FORMAT } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const value = (cell: SalesCell): ExcelJS.CellValue => {
    if (cell.kind === 'money') return cell.centavos / 100;
    if (cell.kind === 'time') return cell.value ? wallClock(cell.value, timeZone) : null;
    return cell.value;
  };
  return {
    row(cells, style) {
      const row = sheet.addRow(cells.map(value));
      if (style?.bold) row.font = { bold: true };
      row.commit();
    },
    flush: () => drained(out),
    async close() {
      sheet.commit();
      await workbook.commit();
      if (!out.writableFinished) await once(out, 'finish');
    },
  };
}

interface Dialect {
  separator: string;
  decimal: string;
  time(wall: string): string;
}
const PLAIN: Dialect = { separator: ',', decimal: '.', time: (w) => `${w.slice(0, 10)} ${w.slice(11, 19)}` };
const BR: Dialect = {
  separator: ';',
  decimal: ',',
  time: (w) => `${w.slice(8, 10)}/${w.slice(5, 7)}/${w.slice(0, 4)} ${w.slice(11, 19)}`,
};

/** Centavos as `1234.56` (or `1234,56`), from the integer, never through a float. */
export const decimalText = (centavos: number, decimal: string): string =>
  `${Math.trunc(centavos / 100)}${decimal}${String(centavos % 100).padStart(2, '0')}`;

/**
 * RFC 4180: CRLF lines, a field quoted when it holds the separator, a quote or a line break. A text
 * starting like a formula gets a leading `'`, so a spreadsheet opening the file shows it instead of
 * running it (an order reference comes from a till).
 */
function csvSheet(out: Writable, timeZone: string, dialect: Dialect): SalesSheet {
  const needsQuotes = new RegExp(`["\\r\\n${dialect.separator}]`);
  const field = (raw: string) => (needsQuotes.test(raw) ? `"${raw.replaceAll('"', '""')}"` : raw);
  const text = (cell: SalesCell): string => {
    if (cell.kind === 'money') return decimalText(cell.centavos, dialect.decimal);
    if (cell.kind === 'time') return cell.value ? dialect.time(wallClock(cell.value, timeZone).toISOString()) : '';
    const value = cell.value ?? '';
    return field(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  };
  let pending = `\uFEFF${SALES_COLUMNS.map((c) => field(c.header)).join(dialect.separator)}\r\n`;
  const write = async () => {
    gone(out);
    if (pending && !out.write(pending)) await drained(out);
    pending = '';
  };
  return {
    row(cells) {
      pending += `${cells.map(text).join(dialect.separator)}\r\n`;
    },
    flush: write,
    async close() {
      await write();
      out.end();
      await once(out, 'finish');
    },
  };
}
