import type { OrderStatus } from '@tillgate/sdk/protocol';
import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';
import { formatMoney } from '../money.js';
import { ShellContext } from '../session.js';
import { DEFAULT_TIMEZONE, formatDateTime } from '../time.js';

/** Status by colour and by word, so it reads without colour too. */
export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return (
    <span class={`status status-${status}`} data-testid="status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export const Money = ({ centavos }: { centavos: number }) => <span class="money">{formatMoney(centavos)}</span>;

export function DateTime({ iso }: { iso: string | null | undefined }) {
  const { lang } = useI18n();
  const timezone = useContext(ShellContext)?.session.merchant.timezone ?? DEFAULT_TIMEZONE;
  if (!iso) return <span>–</span>;
  return <time dateTime={iso}>{formatDateTime(iso, timezone, lang)}</time>;
}

/** One labelled figure of a totals strip (payments, reports); `strong` for the one that matters most. */
export function Figure(props: { label: string; testid?: string; strong?: boolean; children: ComponentChildren }) {
  return (
    <div class={`figure${props.strong ? ' strong' : ''}`}>
      <span class="figure-label">{props.label}</span>
      <span class="figure-value" data-testid={props.testid}>
        {props.children}
      </span>
    </div>
  );
}
