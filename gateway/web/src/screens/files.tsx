import {
  ORDER_STATUSES,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
  WALLET_DISPLAY_NAMES,
  WALLETS,
} from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { reports } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { lastWeek } from '../report-period.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { DateTime } from '../ui/display.js';
import { Field, FilterSelect, ProblemMessage, StoreSelect } from '../ui/form.js';

/**
 * Arquivos: the sales files asked for, newest first, each with its live state ("gerando… 42 %" from
 * `report.updated` on the merchant topic, or its store's) and, once ready, its download.
 */
export function FilesScreen() {
  const { t } = useI18n();
  const { live, session, stores } = useShell();
  const [list, setList] = useState<Report[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const { error, run } = useAction();
  const newest = useNewest();

  const merge = (report: Report) =>
    setList((l) =>
      l.some((r) => r.id === report.id) ? l.map((r) => (r.id === report.id ? report : r)) : [report, ...l],
    );
  const load = async (after?: string) => {
    const page = await newest(run(() => reports.list(after)));
    if (!page) return;
    setList((l) => (after ? [...l, ...page.data] : page.data));
    setCursor(page.next_cursor);
  };

  // A user of every store follows the merchant topic; one limited to stores follows theirs.
  const limitedTo = session.user.store_ids;
  useEffect(() => {
    const topics = limitedTo ? limitedTo.map((s) => `store:${s}` as const) : (['merchant'] as const);
    const stops = topics.map((topic) =>
      live.subscribe(topic, {
        subscribed: () => void load(),
        event: (e) => {
          if (e.type === 'report.updated') merge(e.data.report);
        },
      }),
    );
    void load();
    return () => {
      for (const stop of stops) stop();
    };
  }, [live]);

  const storeName = (id: string | null) => (id ? (stores.find((s) => s.id === id)?.name ?? id) : t('files.allStores'));
  return (
    <section data-testid="files">
      <h1>{t('files.title')}</h1>
      <GenerateForm onCreated={merge} />
      <ProblemMessage error={error} />
      <table class="list" data-testid="file-list">
        <thead>
          <tr>
            <th>{t('files.status')}</th>
            <th>{t('files.period')}</th>
            <th>{t('files.store')}</th>
            <th>{t('files.format')}</th>
            <th>{t('files.rows')}</th>
            <th>{t('files.created')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id} data-testid="file-row" data-status={r.status} data-id={r.id}>
              <td data-testid="file-state">{stateText(r, t)}</td>
              <td>
                {r.filters.from} – {r.filters.to}
              </td>
              <td>{storeName(r.filters.store_id)}</td>
              <td>{r.format}</td>
              <td>{r.status === 'ready' ? r.rows_done : ''}</td>
              <td>
                <DateTime iso={r.created_at} />
              </td>
              <td>
                {r.status === 'ready' && (
                  <a class="button" href={reports.fileUrl(r.id)} download={r.filename} data-testid="file-download">
                    {t('files.download')}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 && <p class="hint">{t('files.none')}</p>}
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('files.more')}
        </button>
      )}
    </section>
  );
}

function stateText(r: Report, t: ReturnType<typeof useI18n>['t']): string {
  if (r.status === 'ready') return t('files.ready');
  if (r.status === 'failed') return t('files.failed');
  const percent = r.rows_total ? Math.floor((100 * r.rows_done) / r.rows_total) : 0;
  return t('files.generating', { percent: String(percent) });
}

function GenerateForm(props: { onCreated(r: Report): void }) {
  const { t } = useI18n();
  const { stores, timezone } = useShell();
  const initial = lastWeek(new Date(), timezone);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [storeId, setStoreId] = useState('');
  const [format, setFormat] = useState<ReportFormat>('xlsx');
  const [status, setStatus] = useState('');
  const [wallet, setWallet] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const created = await run(() =>
      reports.create({
        kind: 'sales',
        format,
        from,
        to,
        ...(storeId ? { store_id: storeId } : {}),
        ...(status ? { status } : {}),
        ...(wallet ? { wallet } : {}),
      }),
    );
    if (created) props.onCreated(created);
  };
  return (
    <form class="filters" onSubmit={submit} novalidate data-testid="file-form">
      <Field label={t('files.from')} error={error?.field('from')}>
        <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} data-testid="file-from" />
      </Field>
      <Field label={t('files.to')} error={error?.field('to')}>
        <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} data-testid="file-to" />
      </Field>
      <Field label={t('files.store')} error={error?.field('store_id')}>
        <StoreSelect
          stores={stores}
          value={storeId}
          onChange={setStoreId}
          allLabel={t('files.allStores')}
          testid="file-store"
        />
      </Field>
      <Field label={t('files.format')}>
        <select
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value as ReportFormat)}
          data-testid="file-format"
        >
          {REPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`files.format.${f}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('files.status')}>
        <FilterSelect
          choices={ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={setStatus}
          allLabel={t('files.anyStatus')}
        />
      </Field>
      <Field label={t('nav.providers')}>
        <FilterSelect
          choices={WALLETS.map((w) => ({ value: w, label: WALLET_DISPLAY_NAMES[w] }))}
          value={wallet}
          onChange={setWallet}
          allLabel={t('files.anyWallet')}
        />
      </Field>
      <ProblemMessage error={error} />
      <button type="submit" class="primary" disabled={busy} data-testid="file-generate">
        {t('files.generate')}
      </button>
      <p class="hint">{t('files.kept')}</p>
    </form>
  );
}
