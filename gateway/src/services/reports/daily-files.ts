import { type DailyReportDay, WALLET_DISPLAY_NAMES, type Wallet } from '@tillgate/sdk/protocol';
import ExcelJS from 'exceljs';
import { type DailyTable, walletsIn } from './daily-report.js';

/** The downloads of the daily report, in the merchant's words; money from integer centavos, never summed as floats. */

export const DAILY_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type DailyFormat = (typeof DAILY_FORMATS)[number];

interface Column {
  header: string;
  money: boolean;
  of(day: Omit<DailyReportDay, 'date'>): number;
}

function columnsOf(report: DailyTable): Column[] {
  const perWallet = (w: Wallet): Column[] => {
    const name = WALLET_DISPLAY_NAMES[w];
    const of = (k: 'gross' | 'refunded' | 'net') => (d: Omit<DailyReportDay, 'date'>) => d.by_wallet[w]?.[k] ?? 0;
    return [
      { header: `${name} bruto`, money: true, of: of('gross') },
      { header: `${name} estornado`, money: true, of: of('refunded') },
      { header: `${name} líquido`, money: true, of: of('net') },
    ];
  };
  return [
    { header: 'Pedidos', money: false, of: (d) => d.orders },
    { header: 'Aprovados', money: false, of: (d) => d.approved },
    { header: 'Bruto', money: true, of: (d) => d.gross },
    { header: 'Estornado', money: true, of: (d) => d.refunded },
    { header: 'Líquido', money: true, of: (d) => d.net },
    ...walletsIn(report).flatMap(perWallet),
  ];
}

/** `123456` → `1234.56`, `-5` → `-0.05`: digits moved, not divided. */
export function reais(centavos: number): string {
  const sign = centavos < 0 ? '-' : '';
  const abs = Math.abs(centavos);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** RFC 4180, UTF-8 with a BOM (so spreadsheet programs read the accents): a row per day, then the period's total. */
export function dailyCsv(report: DailyTable): Buffer {
  const columns = columnsOf(report);
  const line = (label: string, day: Omit<DailyReportDay, 'date'>) =>
    [label, ...columns.map((c) => (c.money ? reais(c.of(day)) : String(c.of(day))))].map(csvField).join(',');
  const lines = [
    ['Data', ...columns.map((c) => c.header)].map(csvField).join(','),
    ...report.days.map((d) => line(d.date, d)),
    line('Total', report.totals),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export const MONEY_FORMAT = 'R$ #,##0.00';

/**
 * One sheet: a row per day with a real date cell, money as numbers formatted `R$ #,##0.00` (centavos / 100
 * is the double nearest the decimal amount, so it reads back exact), and a bold total row.
 */
export async function dailyXlsx(report: DailyTable, title: string): Promise<Buffer> {
  const columns = columnsOf(report);
  const book = new ExcelJS.Workbook();
  book.creator = 'Tillgate';
  const sheet = book.addWorksheet(title);
  sheet.columns = [
    { header: 'Data', key: 'date', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    ...columns.map((c, i) => ({
      header: c.header,
      key: `c${i}`,
      width: Math.max(12, c.header.length + 2),
      style: c.money ? { numFmt: MONEY_FORMAT } : {},
    })),
  ];
  sheet.getRow(1).font = { bold: true };
  const values = (day: Omit<DailyReportDay, 'date'>) =>
    Object.fromEntries(columns.map((c, i) => [`c${i}`, c.money ? c.of(day) / 100 : c.of(day)]));
  for (const d of report.days) sheet.addRow({ date: new Date(`${d.date}T00:00:00Z`), ...values(d) });
  const total = sheet.addRow({ date: 'Total', ...values(report.totals) });
  total.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
