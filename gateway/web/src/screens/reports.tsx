import { type DailyReport, WALLETS } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { reports } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { monthIn } from '../time.js';
import { useAction, useNewest } from '../ui/action.js';
import { DailyChart } from '../ui/daily-chart.js';
import { Figure, Money } from '../ui/display.js';
import { Field, ProblemMessage } from '../ui/form.js';

/** Relatórios: a month day by day ("Por dias") as a chart and a table, for a store or all, with its downloads. */
export function ReportsScreen({ monthParam }: { monthParam: string | null }) {
  const { t } = useI18n();
  const { storeFilter, storeFilterName, timezone } = useShell();
  const [month, setMonth] = useState(monthParam ?? monthIn(new Date(), timezone));
  // The header's store, or every store.
  const storeId = storeFilter ?? '';
  const [report, setReport] = useState<DailyReport>();
  const { error, run } = useAction();
  const newest = useNewest();

  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    void newest(run(() => reports.daily(month, storeId || undefined))).then((r) => r && setReport(r));
  }, [month, storeId]);

  const wallets = report ? WALLETS.filter((w) => w in report.totals.by_wallet) : [];
  const quiet = (d: DailyReport['days'][number]) => d.orders === 0 && d.approved === 0 && d.refunded === 0;
  const file = (format: 'json' | 'csv' | 'xlsx') => reports.dailyFile(month, storeId || undefined, format);

  return (
    <section data-testid="reports">
      <h1>
        {t('nav.reports')} · {storeFilterName}
      </h1>
      <div class="toolbar report-toolbar">
        <Field label={t('reports.month')}>
          <input
            type="month"
            value={month}
            onInput={(e) => setMonth(e.currentTarget.value)}
            data-testid="report-month"
          />
        </Field>
        <span class="downloads">
          <span class="label">{t('reports.download')}</span>
          <a class="button" href={file('xlsx')} download data-testid="report-download-xlsx">
            Excel (.xlsx)
          </a>
          <a class="button" href={file('csv')} download data-testid="report-download-csv">
            CSV
          </a>
          <a
            class="button"
            href={file('json')}
            download={`diario-${storeId || 'todas-as-lojas'}-${month}.json`}
            data-testid="report-download-json"
          >
            JSON
          </a>
        </span>
      </div>
      <ProblemMessage error={error} />
      {report && (
        <>
          <div class="totals" data-testid="report-totals" data-net={report.totals.net}>
            <Figure label={t('totals.orders')}>{report.totals.orders}</Figure>
            <Figure label={t('reports.approved')}>{report.totals.approved}</Figure>
            <Figure label={t('reports.gross')}>
              <Money centavos={report.totals.gross} />
            </Figure>
            <Figure label={t('totals.refunded')}>
              <Money centavos={report.totals.refunded} />
            </Figure>
            <Figure label={t('totals.net')} strong>
              <Money centavos={report.totals.net} />
            </Figure>
          </div>
          <div class="card">
            <h2>{t('reports.chartTitle')}</h2>
            <DailyChart report={report} wallets={wallets} />
          </div>
          <table class="list" data-testid="report-days">
            <thead>
              <tr>
                <th>{t('payments.date')}</th>
                <th class="num">{t('totals.orders')}</th>
                <th class="num">{t('reports.approved')}</th>
                <th class="num">{t('reports.gross')}</th>
                <th class="num">{t('totals.refunded')}</th>
                <th class="num">{t('totals.net')}</th>
              </tr>
            </thead>
            <tbody>
              {report.days.map((d) => (
                <tr key={d.date} data-testid="report-day" data-date={d.date} class={quiet(d) ? 'quiet' : undefined}>
                  <td>{d.date.split('-').reverse().join('/')}</td>
                  <td class="num">{d.orders}</td>
                  <td class="num">{d.approved}</td>
                  <td class="num">
                    <Money centavos={d.gross} />
                  </td>
                  <td class="num">
                    <Money centavos={d.refunded} />
                  </td>
                  <td class="num">
                    <Money centavos={d.net} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="report-total">
                <th>{t('reports.total')}</th>
                <th class="num">{report.totals.orders}</th>
                <th class="num">{report.totals.approved}</th>
                <th class="num">
                  <Money centavos={report.totals.gross} />
                </th>
                <th class="num">
                  <Money centavos={report.totals.refunded} />
                </th>
                <th class="num">
                  <Money centavos={report.totals.net} />
                </th>
              </tr>
            </tfoot>
          </table>
          {report.days.every(quiet) && <p class="hint">{t('reports.empty')}</p>}
        </>
      )}
    </section>
  );
}
