import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryView, type WebhookEndpointView } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { webhooks } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { useShell } from '../session.js';
import { useAction, useNewest } from '../ui/action.js';
import { Dialog, SecretDialog } from '../ui/dialog.js';
import { DateTime } from '../ui/display.js';
import { Field, FieldMessage, FormActions, ProblemMessage } from '../ui/form.js';

/** Webhook endpoints (secret shown once) and the delivery log with redelivery. */
export function WebhooksScreen() {
  const { t } = useI18n();
  const { can } = useShell();
  const [endpoints, setEndpoints] = useState<WebhookEndpointView[]>([]);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<WebhookEndpointView>();
  const { error, run } = useAction();
  const newest = useNewest();
  const load = () => void newest(run(() => webhooks.endpoints())).then((r) => r && setEndpoints(r.data));
  useEffect(load, []);

  return (
    <section data-testid="webhooks">
      <h1>{t('nav.webhooks')}</h1>
      <div class="toolbar" hidden={!can('webhooks.manage')}>
        <button type="button" class="primary" onClick={() => setCreating(true)} data-testid="webhook-new">
          {t('webhooks.new')}
        </button>
      </div>
      <ProblemMessage error={error} />
      <table class="list" data-testid="webhook-endpoints">
        <tbody>
          {endpoints.map((e) => (
            <tr key={e.id} data-testid="webhook-endpoint">
              <td>
                <code>{e.url}</code>
              </td>
              <td>{e.events.length === WEBHOOK_EVENT_TYPES.length ? t('webhooks.allEvents') : e.events.join(', ')}</td>
              <td>{t(`webhooks.${e.status}`)}</td>
              <td>
                <button
                  type="button"
                  onClick={() => run(() => webhooks.setEndpointEnabled(e.id, e.status !== 'active')).then(load)}
                >
                  {e.status === 'active' ? t('action.deactivate') : t('action.reactivate')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {endpoints.length === 0 && <p class="hint">{t('webhooks.none')}</p>}
      <Deliveries />
      {creating && (
        <EndpointDialog
          onCreated={(e) => {
            setSecret(e);
            load();
          }}
          onClose={() => setCreating(false)}
        />
      )}
      {secret?.secret && (
        <SecretDialog
          title={secret.url}
          values={[{ label: t('webhooks.secret'), value: secret.secret, testid: 'webhook-secret' }]}
          onClose={() => setSecret(undefined)}
        />
      )}
    </section>
  );
}

function EndpointDialog(props: { onCreated(e: WebhookEndpointView): void; onClose(): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([...WEBHOOK_EVENT_TYPES]);
  const { busy, error, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const created = await run(() => webhooks.createEndpoint(url.trim(), events));
    if (created) {
      props.onClose();
      props.onCreated(created);
    }
  };
  return (
    <Dialog title={t('webhooks.new')} testid="webhook-dialog" onClose={props.onClose}>
      <form onSubmit={submit} novalidate>
        <Field label="URL" error={error?.field('url')}>
          <input
            type="url"
            required
            placeholder="https://"
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
            data-testid="webhook-url"
          />
        </Field>
        <fieldset class="events">
          <legend>{t('webhooks.events')}</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label class="choice" key={type}>
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(e) =>
                  setEvents(e.currentTarget.checked ? [...events, type] : events.filter((x) => x !== type))
                }
              />
              {t(`event.${type}`)} <code>{type}</code>
            </label>
          ))}
          <FieldMessage error={error?.field('events')} />
        </fieldset>
        <FormActions error={error} busy={busy} onBack={props.onClose} testid="webhook-save" />
      </form>
    </Dialog>
  );
}

function Deliveries() {
  const { t } = useI18n();
  const [list, setList] = useState<WebhookDeliveryView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const newest = useNewest();
  const load = async (after?: string) => {
    const page = await newest(run(() => webhooks.deliveries(after)));
    if (!page) return;
    setList((l) => (after ? [...l, ...page.data] : page.data));
    setCursor(page.next_cursor);
  };
  useEffect(() => void load(), []);
  const redeliver = async (id: string) => {
    const queued = await run(() => webhooks.redeliver(id));
    if (queued) setList((l) => l.map((d) => (d.id === id ? queued : d)));
  };
  return (
    <>
      <h2>
        {t('webhooks.deliveries')}{' '}
        <button type="button" onClick={() => load()} data-testid="deliveries-refresh">
          {t('action.refresh')}
        </button>
      </h2>
      <ProblemMessage error={error} />
      <table class="list" data-testid="webhook-deliveries">
        <thead>
          <tr>
            <th>{t('payments.date')}</th>
            <th>URL</th>
            <th>{t('webhooks.event')}</th>
            <th>{t('filters.status')}</th>
            <th class="num">{t('webhooks.attempts')}</th>
            <th class="num">{t('webhooks.response')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
              <td>
                <DateTime iso={d.created_at} />
              </td>
              <td>
                <code>{d.url}</code>
              </td>
              <td>#{d.event_seq}</td>
              <td>
                <span class={`delivery delivery-${d.status}`}>{t(`delivery.${d.status}`)}</span>
              </td>
              <td class="num">{d.attempts}</td>
              <td class="num" data-testid="delivery-code">
                {d.last_status_code ?? d.last_error ?? '–'}
              </td>
              <td>
                <button type="button" onClick={() => redeliver(d.id)} disabled={busy} data-testid="redeliver">
                  {t('webhooks.redeliver')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 && <p class="hint">{t('webhooks.noDeliveries')}</p>}
      {cursor && (
        <button type="button" onClick={() => load(cursor)} disabled={busy}>
          {t('payments.more')}
        </button>
      )}
    </>
  );
}
