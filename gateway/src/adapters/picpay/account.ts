import { z } from 'zod';
import type { AccountFieldMeta } from '../descriptor.js';
import { type ProviderAccount, ProviderRejected } from '../types.js';

/** PicPay's e-commerce API in production (the only environment it has: tests are paid and refunded for real). */
export const PICPAY_API_URL = 'https://appws.picpay.com/ecommerce/public';

/** A PicPay account as the panel and the management API take it. */
export const picpayAccountSchema = z.object({
  picpay_token: z
    .string()
    .min(1)
    .meta({
      label: 'x-picpay-token',
      help: 'Chave de integração: autentica as chamadas da Tillgate ao PicPay.',
      secret: true,
      requiredInLive: true,
    } satisfies AccountFieldMeta),
  seller_token: z
    .string()
    .min(1)
    .meta({
      label: 'x-seller-token',
      help: 'Token do lojista: o PicPay o apresenta em cada notificação, que sem ele é recusada.',
      secret: true,
      requiredInLive: true,
    } satisfies AccountFieldMeta),
  buyer_document: z
    .string()
    .min(11)
    .max(18)
    .optional()
    .meta({
      label: 'Documento do comprador nas vendas presenciais',
      help: 'A API exige buyer.document e na loja o pagador é desconhecido: informe o CPF/CNPJ que o PicPay orientar.',
      requiredInLive: true,
    } satisfies AccountFieldMeta),
  base_url: z
    .url()
    .optional()
    .meta({
      label: 'Endereço da API (emulador)',
      help: 'Só no ambiente de teste.',
      testOnly: true,
    } satisfies AccountFieldMeta),
});

export type PicPayAccountConfig = z.infer<typeof picpayAccountSchema>;

/** Sent as `buyer.document` by test accounts that set none: the emulator wants one, as PicPay does. */
const TEST_BUYER_DOCUMENT = '000.000.000-00';

/** An account as this adapter uses it: its settings checked, its address resolved. */
export interface PicPayAccount {
  id: string;
  apiUrl: string;
  picpayToken: string;
  sellerToken: string;
  buyerDocument: string;
  /** Test accounts pointed at the Tillgate emulator, whose controls can play a payer. */
  emulatorUrl: string | undefined;
}

export function readPicPayAccount(account: ProviderAccount): PicPayAccount {
  const parsed = picpayAccountSchema.safeParse(account.config);
  if (!parsed.success)
    throw new ProviderRejected(`provider account ${account.id} is misconfigured: ${z.prettifyError(parsed.error)}`);
  const reason = unfitForLive(parsed.data);
  if (account.environment === 'live' && reason) throw new ProviderRejected(`provider account ${account.id}: ${reason}`);
  const config = parsed.data;
  const emulatorUrl = account.environment === 'test' ? config.base_url?.replace(/\/$/, '') : undefined;
  return {
    id: account.id,
    apiUrl: emulatorUrl ?? PICPAY_API_URL,
    picpayToken: config.picpay_token,
    sellerToken: config.seller_token,
    buyerDocument: config.buyer_document ?? TEST_BUYER_DOCUMENT,
    emulatorUrl,
  };
}

/** Why a stored config may not take live charges: live talks to PicPay itself, about a buyer it names. */
export function unfitForLive(config: Record<string, unknown>): string | undefined {
  if (config.base_url !== undefined) return 'a live account talks to PicPay at its own address, not to base_url';
  if (config.buyer_document === undefined) return 'a live account needs the buyer document PicPay requires';
  return undefined;
}
