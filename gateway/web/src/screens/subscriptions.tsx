import {
  REPORT_FORMATS,
  type ReportFormat,
  type ReportSubscription,
  SUBSCRIPTION_FREQUENCIES,
  SUBSCRIPTION_REPORTS,
  type SubscriptionFrequency,
  type SubscriptionReport,
} from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { subscriptions } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { ConfirmDialog, Dialog } from '../ui/dialog.js';
import { DateTime } from '../ui/display.js';
import { Field, FormActions, ProblemMessage, StoreSelect } from '../ui/form.js';

/** The daily summary has no `csv-br` file. */
const formatsOf = (report: SubscriptionReport): readonly ReportFormat[] =>
  report === 'daily' ? ['xlsx', 'csv'] : REPORT_FORMATS;

/**
 * Assinaturas: who gets which report by email and how often, each with its last and next sending and the
 * error of a sending being retried; add, change and remove (managers and admins).
 */
export function SubscriptionsScreen() {
  const { t } = useI18n();
  const { stores } = useShell();
  const [list, setList] = useState<ReportSubscription[]>([]);
  const [editing, setEditing] = useState<ReportSubscription | 'new'>();
  const [removing, setRemoving] = useState<ReportSubscription>();
  const { error, run } = useAction();
  const newest = useNewest();
  const load = () => void newest(run(() => subscriptions.list())).then((p) => p && setList(p.data));
  useEffect(load, []);
  const storeName = (id: string | null) => (id ? (stores.find((s) => s.id === id)?.name ?? id) : t('subs.allStores'));

  return (
    <section data-testid="subscriptions">
      <h1>{t('nav.subscriptions')}</h1>
      <p class="hint">{t('subs.hint')}</p>
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => setEditing('new')} data-testid="subscription-new">
          {t('subs.new')}
        </button>
      </div>
      <ProblemMessage error={error} />
      <table class="list" data-testid="subscription-list">
        <thead>
          <tr>
            <th>{t('subs.email')}</th>
            <th>{t('subs.report')}</th>
            <th>{t('subs.frequency')}</th>
            <th>{t('subs.store')}</th>
            <th>{t('subs.status')}</th>
            <th>{t('subs.lastSent')}</th>
            <th>{t('subs.nextSend')}</th>
            <th>{t('subs.lastError')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((s) => (
            <tr key={s.id} data-testid="subscription-row" data-id={s.id} data-email={s.email} data-status={s.status}>
              <td>{s.email}</td>
              <td>
                {t(`subs.report.${s.report}`)} ({s.format})
              </td>
              <td data-testid="subscription-frequency">{t(`subs.frequency.${s.frequency}`)}</td>
              <td>{storeName(s.store_id)}</td>
              <td data-testid="subscription-status">{t(`subs.status.${s.status}`)}</td>
              <td>
                <DateTime iso={s.last_sent_at} />
              </td>
              <td data-testid="subscription-next">
                <DateTime iso={s.next_send_at} />
              </td>
              <td data-testid="subscription-error">
                {s.last_error && (
                  <>
                    <span class="field-error">{s.last_error}</span>
                    {s.next_attempt_at && (
                      <span class="hint">
                        {' '}
                        {t('subs.retry')} <DateTime iso={s.next_attempt_at} />
                      </span>
                    )}
                  </>
                )}
              </td>
              <td class="row-actions">
                <button type="button" onClick={() => setEditing(s)} data-testid="subscription-edit">
                  {t('action.edit')}
                </button>
                <button type="button" class="danger" onClick={() => setRemoving(s)} data-testid="subscription-remove">
                  {t('action.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 && <p class="hint">{t('subs.none')}</p>}
      {editing && (
        <SubscriptionDialog
          subscription={editing === 'new' ? undefined : editing}
          onSaved={load}
          onClose={() => setEditing(undefined)}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('action.remove')}
          message={t('subs.removeConfirm', { email: removing.email })}
          confirmLabel={t('action.remove')}
          danger
          onConfirm={async () => {
            await subscriptions.remove(removing.id);
            load();
          }}
          onClose={() => setRemoving(undefined)}
        />
      )}
    </section>
  );
}

function SubscriptionDialog(props: { subscription: ReportSubscription | undefined; onSaved(): void; onClose(): void }) {
  const { t } = useI18n();
  const { stores, session } = useShell();
  const s = props.subscription;
  // A user limited to some stores subscribes for one of them, never all.
  const limitedTo = session.user.store_ids;
  const [email, setEmail] = useState(s?.email ?? '');
  const [report, setReport] = useState<SubscriptionReport>(s?.report ?? 'sales');
  const [format, setFormat] = useState<ReportFormat>(s?.format ?? 'xlsx');
  const [storeId, setStoreId] = useState(s?.store_id ?? limitedTo?.[0] ?? '');
  const [frequency, setFrequency] = useState<SubscriptionFrequency>(s?.frequency ?? 'weekly');
  const { busy, error, run } = useAction();
  const chooseReport = (next: SubscriptionReport) => {
    setReport(next);
    if (!formatsOf(next).includes(format)) setFormat('xlsx');
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const fields = { email, report, format, store_id: storeId || null, frequency };
    const saved = await run(() => (s ? subscriptions.update(s.id, fields) : subscriptions.create(fields)));
    if (saved) {
      props.onSaved();
      props.onClose();
    }
  };
  return (
    <Dialog title={s ? s.email : t('subs.new')} testid="subscription-dialog" onClose={props.onClose}>
      <form onSubmit={submit} novalidate>
        <Field label={t('subs.email')} error={error?.field('email')}>
          <input
            type="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            data-testid="subscription-email"
          />
        </Field>
        <Field label={t('subs.report')} error={error?.field('report')}>
          <select
            value={report}
            onChange={(e) => chooseReport(e.currentTarget.value as SubscriptionReport)}
            data-testid="subscription-report"
          >
            {SUBSCRIPTION_REPORTS.map((r) => (
              <option key={r} value={r}>
                {t(`subs.report.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('subs.format')} error={error?.field('format')}>
          <select
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as ReportFormat)}
            data-testid="subscription-format"
          >
            {formatsOf(report).map((f) => (
              <option key={f} value={f}>
                {t(`files.format.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('subs.store')} error={error?.field('store_id')}>
          <StoreSelect
            stores={limitedTo ? stores.filter((x) => limitedTo.includes(x.id)) : stores}
            value={storeId}
            onChange={setStoreId}
            allLabel={t('subs.allStores')}
            testid="subscription-store"
          />
        </Field>
        <Field label={t('subs.frequency')} error={error?.field('frequency')}>
          <select
            value={frequency}
            onChange={(e) => setFrequency(e.currentTarget.value as SubscriptionFrequency)}
            data-testid="subscription-frequency-input"
          >
            {SUBSCRIPTION_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`subs.frequency.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <FormActions
          error={error}
          busy={busy}
          onBack={props.onClose}
          testid="subscription-save"
          label={t('action.save')}
        />
      </form>
    </Dialog>
  );
}
