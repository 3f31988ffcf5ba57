import { WALLETS, type Wallet } from '@tillgate/sdk/protocol';
import { Router } from 'express';
import { WALLET_DISPLAY_NAMES } from '../../adapters/types.js';
import { renderDocsPage } from '../docs-page.js';

const WALLET_COLOURS: Record<Wallet, string> = {
  pix: '#32BCAD',
  mercadopago: '#00B1EA',
  picpay: '#21C25E',
  pagbank: '#1BB99A',
  ame: '#EF3E5C',
  cielopay: '#0D6EFD',
};

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const walletLogo = (wallet: Wallet): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="32" viewBox="0 0 96 32" role="img" aria-label="${escapeXml(WALLET_DISPLAY_NAMES[wallet])}">` +
  `<rect width="96" height="32" rx="6" fill="${WALLET_COLOURS[wallet]}"/>` +
  `<text x="48" y="21" font-family="sans-serif" font-size="13" font-weight="700" fill="#fff" text-anchor="middle">${escapeXml(WALLET_DISPLAY_NAMES[wallet])}</text></svg>`;

/** The reference page runs no script, loads nothing and may not be framed; its one stylesheet is inline. */
const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The OpenAPI document, its readable page and wallet logos. */
export function metaRouter(openApi: Record<string, unknown>): Router {
  const router = Router();
  const docsPage = renderDocsPage(openApi);
  const openApiJson = JSON.stringify(openApi);
  router.get('/v1/openapi.json', (_req, res) => {
    res.type('application/json').send(openApiJson);
  });
  router.get('/docs', (_req, res) => {
    res.type('text/html').set('Content-Security-Policy', DOCS_CSP).send(docsPage);
  });
  for (const wallet of WALLETS) {
    const svg = walletLogo(wallet);
    router.get(`/assets/wallets/${wallet}.svg`, (_req, res) => {
      res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(svg);
    });
  }
  return router;
}
