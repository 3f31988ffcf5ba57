import type { AppCredential, AuditEvent, Till, User } from '@tillgate/sdk/protocol';
import { AUDIT_ACTIONS, ENVIRONMENTS } from '@tillgate/sdk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { type AuditFilters, apps as appsApi, audit, team, tills as tillsApi } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { formatMoney } from '../money.js';
import { useShell } from '../session.js';
import { zonedToUtc } from '../time.js';
import { useAction, useNewest } from '../ui/action.js';
import { DateTime } from '../ui/display.js';
import { Field, FilterSelect, ProblemMessage } from '../ui/form.js';

/** Who can appear as an actor, by id: the team, the tills and the apps, each with the name people know. */
interface Names {
  users: User[];
  tills: Till[];
  apps: AppCredential[];
}

const EMPTY = { actor: '', action: '', environment: '', from: '', to: '' };
type Draft = typeof EMPTY;

/** The audit log (admins): who changed credentials, money, people and settings, when and from where. */
export function AuditScreen() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entries, setEntries] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [names, setNames] = useState<Names>({ users: [], tills: [], apps: [] });
  const { busy, error, run } = useAction();
  const newest = useNewest();

  useEffect(() => {
    const none = <T,>(): { data: T[] } => ({ data: [] });
    void Promise.all([
      team.list().catch(none<User>),
      tillsApi.list(undefined, true).catch(none<Till>),
      appsApi.list().catch(none<AppCredential>),
    ]).then(([users, tills, apps]) => setNames({ users: users.data, tills: tills.data, apps: apps.data }));
  }, []);

  const load = async (after?: string) => {
    const page = await newest(run(() => audit.list(filters, after)));
    if (!page) return;
    setEntries((list) => (after ? [...list, ...page.data] : page.data));
    setCursor(page.next_cursor);
  };
  useEffect(() => void load(), [filters]);

  const actorName = (a: AuditEvent['actor']): string => {
    if (a.kind === 'anonymous' || a.id === null) return t('audit.anonymous');
    if (a.kind === 'user') {
      const user = names.users.find((u) => u.id === a.id);
      return user ? user.name || user.email : a.id;
    }
    if (a.kind === 'till') return names.tills.find((x) => x.id === a.id)?.name ?? a.id;
    return a.id;
  };

  return (
    <section data-testid="audit">
      <h1>{t('nav.audit')}</h1>
      <p class="hint">{t('audit.hint')}</p>
      <AuditFilterBar names={names} onApply={setFilters} />
      <ProblemMessage error={error} />
      <table class="list audit" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t('payments.date')}</th>
            <th>{t('audit.actor')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.target')}</th>
            <th>{t('audit.changes')}</th>
            <th>{t('audit.environment')}</th>
            <th>{t('audit.origin')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action} data-seq={e.seq}>
              <td>
                <DateTime iso={e.created_at} />
              </td>
              <td data-testid="audit-actor">{actorName(e.actor)}</td>
              <td>{t(`audit.action.${e.action}`)}</td>
              <td>
                <Target target={e.target} actorName={actorName} />
              </td>
              <td>
                <Changes changes={e.changes} />
              </td>
              <td>{e.environment ? t(`env.${e.environment}`) : t('audit.merchantWide')}</td>
              <td class="origin" title={e.origin.user_agent ?? ''}>
                {e.origin.ip ?? '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!busy && entries.length === 0 && (
        <p class="hint" data-testid="audit-empty">
          {t('audit.empty')}
        </p>
      )}
      {cursor && (
        <button type="button" onClick={() => void load(cursor)} disabled={busy} data-testid="audit-more">
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}

function Target(props: { target: AuditEvent['target']; actorName(a: AuditEvent['actor']): string }) {
  const { target } = props;
  const { stores } = useShell();
  if (!target) return <span>–</span>;
  if (target.type === 'store') return <span>{stores.find((s) => s.id === target.id)?.name ?? target.id}</span>;
  if (target.type === 'order') return <a href={`#/orders/${target.id}`}>{target.id}</a>;
  if (target.type === 'user') return <span>{props.actorName({ kind: 'user', id: target.id })}</span>;
  if (target.type === 'till') return <span>{props.actorName({ kind: 'till', id: target.id })}</span>;
  return <code>{target.id}</code>;
}

/** Each changed field as `field: before → after`; amounts in reais. */
function Changes({ changes }: { changes: AuditEvent['changes'] }) {
  const fields = Object.entries(changes);
  if (fields.length === 0) return <span>–</span>;
  return (
    <ul class="changes">
      {fields.map(([field, { before, after }]) => (
        <li key={field}>
          <span class="field-name">{field}</span> {shown(field, before)} → {shown(field, after)}
        </li>
      ))}
    </ul>
  );
}

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (field === 'amount' && typeof value === 'number') return formatMoney(value);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Actor, action, environment and period; days are read in the merchant's zone. */
function AuditFilterBar({ names, onApply }: { names: Names; onApply(f: AuditFilters): void }) {
  const { t } = useI18n();
  const { timezone } = useShell();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (key: keyof Draft) => (e: Event) =>
    setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    onApply({
      actor: draft.actor || undefined,
      action: draft.action || undefined,
      environment: draft.environment || undefined,
      from: draft.from ? zonedToUtc(draft.from, '00:00:00', timezone) : undefined,
      to: draft.to ? zonedToUtc(draft.to, '23:59:59', timezone) : undefined,
    });
  };
  return (
    <form class="filters" onSubmit={submit} data-testid="audit-filters">
      <Field label={t('audit.actor')}>
        <select value={draft.actor} onChange={set('actor')} data-testid="audit-filter-actor">
          <option value="">{t('filters.all')}</option>
          {names.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name || u.email}
            </option>
          ))}
          {names.tills.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
          {names.apps.map((a) => (
            <option key={a.app_name} value={a.app_name}>
              {a.app_name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('audit.action')}>
        <FilterSelect
          choices={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a}`) }))}
          value={draft.action}
          onChange={(action) => setDraft({ ...draft, action })}
          allLabel={t('filters.all')}
          testid="audit-filter-action"
        />
      </Field>
      <Field label={t('audit.environment')}>
        <FilterSelect
          choices={ENVIRONMENTS.map((env) => ({ value: env, label: t(`env.${env}`) }))}
          value={draft.environment}
          onChange={(environment) => setDraft({ ...draft, environment })}
          allLabel={t('filters.all')}
          testid="audit-filter-environment"
        />
      </Field>
      <Field label={t('filters.from')}>
        <input type="date" value={draft.from} onInput={set('from')} data-testid="audit-filter-from" />
      </Field>
      <Field label={t('filters.to')}>
        <input type="date" value={draft.to} onInput={set('to')} data-testid="audit-filter-to" />
      </Field>
      <div class="filter-actions">
        <button type="submit" class="primary" data-testid="audit-filter-apply">
          {t('filters.apply')}
        </button>
        <button
          type="reset"
          onClick={() => {
            setDraft(EMPTY);
            onApply({});
          }}
        >
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}
