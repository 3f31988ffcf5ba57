import type { Route } from '../kit/index.js';
import type { PixLedger } from './ledger.js';
import { PixProblem } from './problems.js';

export interface ApiHooks {
  /** A devolução was requested; the PSP settles it later and notifies. */
  refundRequested(e2eid: string, id: string): void;
  registerWebhook(chave: string, webhookUrl: string): void;
  webhookOf(chave: string): string | undefined;
  removeWebhook(chave: string): boolean;
}

/** The API Pix subset, under the PSP's path prefix; every route answers what the spec says. */
export function apiRoutes(prefix: string, ledger: PixLedger, hooks: ApiHooks): Route[] {
  const at = (path: string) => new RegExp(`^${prefix.replace(/[/.]/g, '\\$&')}${path}$`);
  const segment = '([^/]+)';
  return [
    {
      method: 'PUT',
      pattern: at(`/cob/${segment}`),
      handle: (call, [txid = '']) => {
        const { cob, created } = ledger.putCob(txid, call.body);
        return { status: created ? 201 : 200, body: cob };
      },
    },
    {
      method: 'GET',
      pattern: at(`/cob/${segment}`),
      handle: (_call, [txid = '']) => ({ status: 200, body: ledger.getCob(txid) }),
    },
    {
      method: 'PATCH',
      pattern: at(`/cob/${segment}`),
      handle: (call, [txid = '']) => ({ status: 200, body: ledger.patchCob(txid, call.body) }),
    },
    {
      method: 'POST',
      pattern: at('/loc'),
      handle: (call) => {
        if ((call.body as { tipoCob?: unknown } | null)?.tipoCob !== 'cob')
          throw new PixProblem(
            400,
            'PayloadLocationOperacaoInvalida',
            'Location inválida.',
            'O campo tipoCob não respeita o schema.',
            [{ razao: 'O campo tipoCob não respeita o schema.', propriedade: 'tipoCob' }],
          );
        return { status: 201, body: ledger.locations.create({ fixed: true }) };
      },
    },
    {
      method: 'GET',
      pattern: at(`/loc/${segment}`),
      handle: (_call, [id = '']) => ({ status: 200, body: ledger.locations.get(id) }),
    },
    {
      method: 'DELETE',
      pattern: at(`/loc/${segment}/txid`),
      handle: (_call, [id = '']) => ({ status: 200, body: ledger.unlinkLocation(id) }),
    },
    {
      method: 'PUT',
      pattern: at(`/pix/${segment}/devolucao/${segment}`),
      handle: (call, [e2eid = '', id = '']) => {
        const { devolucao } = ledger.requestRefund(e2eid, id, call.body);
        hooks.refundRequested(e2eid, id);
        return { status: 201, body: devolucao };
      },
    },
    {
      method: 'GET',
      pattern: at(`/pix/${segment}/devolucao/${segment}`),
      handle: (_call, [e2eid = '', id = '']) => ({ status: 200, body: ledger.getRefund(e2eid, id) }),
    },
    {
      method: 'PUT',
      pattern: at(`/webhook/${segment}`),
      handle: (call, [chave = '']) => {
        const webhookUrl = (call.body as { webhookUrl?: unknown } | null)?.webhookUrl;
        try {
          if (typeof webhookUrl !== 'string') throw new Error('missing');
          hooks.registerWebhook(chave, webhookUrl);
        } catch {
          throw new PixProblem(
            400,
            'WebhookOperacaoInvalida',
            'Webhook inválido.',
            'Campo webhook.webhookUrl não respeita o schema.',
            [{ razao: 'Campo webhook.webhookUrl não respeita o schema.', propriedade: 'webhookUrl' }],
          );
        }
        return { status: 200 };
      },
    },
    {
      method: 'GET',
      pattern: at(`/webhook/${segment}`),
      handle: (_call, [chave = '']) => {
        const webhookUrl = hooks.webhookOf(chave);
        if (!webhookUrl) throw notEstablished(chave);
        return { status: 200, body: { webhookUrl, chave } };
      },
    },
    {
      method: 'DELETE',
      pattern: at(`/webhook/${segment}`),
      handle: (_call, [chave = '']) => {
        if (!hooks.removeWebhook(chave)) throw notEstablished(chave);
        return { status: 204 };
      },
    },
  ];
}

const notEstablished = (chave: string) =>
  new PixProblem(404, 'WebhookNaoEncontrado', 'Webhook não encontrado.', `Nenhum webhook para a chave ${chave}.`);
