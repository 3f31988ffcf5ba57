import { type DailyReport, WALLET_DISPLAY_NAMES, type Wallet } from '@tillgate/sdk/protocol';
import { layoutChart } from '../daily-chart.js';
import { useI18n } from '../i18n/index.js';
import { formatMoney } from '../money.js';

/** One colour per wallet, the same on every chart; legible on white and apart from each other. */
export const WALLET_COLOURS: Record<Wallet, string> = {
  pix: '#0f766e',
  mercadopago: '#2563eb',
  picpay: '#84cc16',
  pagbank: '#f59e0b',
  ame: '#db2777',
  cielopay: '#7c3aed',
};

const W = 960;
const H = 320;
const PAD = { left: 84, right: 12, top: 16, bottom: 34 };

const compact = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL', maximumFractionDigits: 0 });

/**
 * The month's net per day as bars stacked by wallet, hand-drawn in SVG: grid lines on round amounts, the
 * zero line darker, a day number under every bar, a tooltip (`<title>`) with the day's figures.
 */
export function DailyChart({ report, wallets }: { report: DailyReport; wallets: readonly Wallet[] }) {
  const { t } = useI18n();
  const layout = layoutChart(report.days, wallets);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + ((layout.max - v) / (layout.max - layout.min)) * plotH;
  const slot = plotW / layout.bars.length;
  const barW = Math.max(4, slot * 0.68);

  return (
    <figure class="chart" data-testid="daily-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t('reports.chartLabel', { month: report.month })}
        preserveAspectRatio="xMidYMid meet"
      >
        {layout.ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class={v === 0 ? 'chart-zero' : 'chart-grid'} />
            <text x={PAD.left - 8} y={y(v) + 4} class="chart-axis" text-anchor="end">
              {compact.format(v / 100)}
            </text>
          </g>
        ))}
        {layout.bars.map((bar, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          const dayNumber = Number(bar.date.slice(8));
          return (
            <g key={bar.date} data-testid="chart-day" data-date={bar.date} data-net={bar.net}>
              <title>
                {`${bar.date.split('-').reverse().join('/')}: ${t('reports.net')} ${formatMoney(bar.net)}`}
                {bar.segments.map((s) => `\n${WALLET_DISPLAY_NAMES[s.wallet]}: ${formatMoney(s.net)}`).join('')}
              </title>
              <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotH} class="chart-hover" />
              {bar.segments.map((s) => (
                <rect
                  key={s.wallet}
                  x={x}
                  width={barW}
                  y={y(s.y1)}
                  height={Math.max(1, y(s.y0) - y(s.y1))}
                  fill={WALLET_COLOURS[s.wallet]}
                  opacity={s.net < 0 ? 0.45 : 1}
                  data-wallet={s.wallet}
                />
              ))}
              {(layout.bars.length <= 16 || dayNumber % 2 === 1) && (
                <text x={x + barW / 2} y={H - PAD.bottom + 18} class="chart-axis" text-anchor="middle">
                  {dayNumber}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="chart-legend">
        {wallets.map((w) => (
          <span key={w} data-testid="chart-legend" data-wallet={w}>
            <i style={{ background: WALLET_COLOURS[w] }} />
            {WALLET_DISPLAY_NAMES[w]} <strong>{formatMoney(report.totals.by_wallet[w]?.net ?? 0)}</strong>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
