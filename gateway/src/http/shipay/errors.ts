import type { ErrorCode, Problem } from '@tillgate/sdk/protocol';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { problem } from '../../services/errors.js';
import { problemOf } from '../problem.js';

/** The Portuguese sentence a Shipay client shows for each problem; the others take their status's. */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  malformed_json: 'O corpo da requisição não é um JSON válido',
  validation_failed: 'Campos inválidos',
  unsupported_media_type: 'Envie o corpo como application/json',
  payload_too_large: 'O corpo da requisição é grande demais',
  unauthenticated: 'Autenticação necessária: envie Authorization: Bearer <access_token>',
  invalid_credentials: 'Credenciais inválidas',
  invalid_token: 'Token inválido ou expirado',
  refresh_token_reused: 'Este refresh token já foi usado; autentique-se novamente',
  forbidden: 'Operação não permitida para estas credenciais',
  not_found: 'Pedido não encontrado',
  route_not_found: 'Endpoint inexistente',
  wallet_not_available: 'Carteira não associada a este caixa',
  till_not_found: 'Caixa inexistente ou inativo',
  order_ref_contended: 'Pedidos com este order_ref estão sendo criados ao mesmo tempo',
  order_not_cancellable: 'Este pedido não pode mais ser cancelado',
  order_not_refundable: 'Este pedido não pode ser estornado',
  refund_exceeds_available: 'O valor passa do que ainda pode ser estornado',
  refund_not_supported: 'A carteira não aceita este estorno',
  refund_window_closed: 'O prazo de estorno desta carteira terminou',
  amount_below_minimum: 'Valor abaixo do mínimo da carteira',
  amount_above_maximum: 'Valor acima do máximo da carteira',
  idempotency_key_mismatch: 'Esta Idempotency-Key foi usada com outra requisição',
  idempotency_key_in_progress: 'Uma requisição com esta Idempotency-Key está em andamento',
  rate_limited: 'Requisições demais; tente novamente em instantes',
  provider_unavailable: 'A carteira não respondeu; tente novamente',
  provider_rejected: 'A carteira recusou a operação',
  internal_error: 'Erro interno; ele foi registrado',
};

const BY_STATUS: Record<number, string> = {
  400: 'Requisição inválida',
  401: 'Autenticação necessária',
  403: 'Operação não permitida',
  404: 'Não encontrado',
  409: 'Conflito com o estado do pedido',
  422: 'Requisição inválida',
  429: 'Requisições demais',
};

/** Shipay's error body: `{code: <HTTP status>, message}` in Portuguese, naming the fields at fault. */
export function shipayError(p: Problem): { code: number; message: string } {
  const sentence = MESSAGES[p.code] ?? BY_STATUS[p.status] ?? 'Erro';
  const fields = [...new Set((p.errors ?? []).map((e) => e.field))];
  return { code: p.status, message: fields.length ? `${sentence}: ${fields.join(', ')}` : sentence };
}

/** Every error under the Shipay prefix, the body parser's included, in Shipay's shape instead of problem+json. */
export const shipayErrorHandler =
  (log: Logger): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const { body, headers } = problemOf(err, req, res, log);
    res
      .status(body.status)
      .set(headers ?? {})
      .json(shipayError(body));
  };

export const shipayNotFound: RequestHandler = (_req, res) => {
  const body = problem('route_not_found');
  res.status(body.status).json(shipayError(body));
};
