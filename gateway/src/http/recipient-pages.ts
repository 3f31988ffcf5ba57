import type { SubscriptionRecord } from '../store/report-subscriptions.js';
import { escapeHtml } from './docs-page.js';
import type { Reply } from './route.js';

/**
 * The small pages a report subscription's recipient opens from an email, without logging in. Opening
 * a link only shows a button: mail scanners fetch links, and only a POST confirms or unsubscribes.
 */

const page = (status: number, title: string, body: string): Reply => ({
  status,
  type: 'text/html; charset=utf-8',
  headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" },
  body: `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1rem}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
});

const REPORTS = { sales: 'arquivo de vendas', daily: 'relatório por dia' } as const;
const what = (s: SubscriptionRecord) => `${REPORTS[s.report]} enviado a <strong>${escapeHtml(s.email)}</strong>`;

/** The page with one button that POSTs back to the same link. */
export function askPage(purpose: 'confirm' | 'unsubscribe', s: SubscriptionRecord): Reply {
  return purpose === 'confirm'
    ? page(
        200,
        'Confirmar assinatura',
        `<p>Receber o ${what(s)}?</p><form method="post"><button>Confirmar</button></form>`,
      )
    : page(
        200,
        'Cancelar assinatura',
        `<p>Parar de receber o ${what(s)}?</p><form method="post"><button>Cancelar assinatura</button></form>`,
      );
}

export function donePage(purpose: 'confirm' | 'unsubscribe', s: SubscriptionRecord): Reply {
  return purpose === 'confirm'
    ? page(200, 'Assinatura confirmada', `<p>Pronto: o ${what(s)} a partir do próximo envio, às 6h.</p>`)
    : page(200, 'Assinatura cancelada', `<p>Pronto: o ${what(s)} não será mais enviado.</p>`);
}

export const invalidLinkPage = (): Reply =>
  page(400, 'Link inválido', '<p>Este link não vale mais: a assinatura foi removida ou o endereço mudou.</p>');
