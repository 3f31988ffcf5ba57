import { randomBytes } from 'node:crypto';
import { encodeBRCode, formatReais, parseReais } from '@tillgate/sdk/pix';
import { type Loc, PixLocations } from './locations.js';
import { invalidCob, invalidRefund, notFound } from './problems.js';

export type CobStatus = 'ATIVA' | 'CONCLUIDA' | 'REMOVIDA_PELO_USUARIO_RECEBEDOR' | 'REMOVIDA_PELO_PSP';
export type DevolucaoStatus = 'EM_PROCESSAMENTO' | 'DEVOLVIDO' | 'NAO_REALIZADO';
/** The MED natures: the payer's bank takes the money back, the receiver never asked. */
export type MedNatureza = 'MED_OPERACIONAL' | 'MED_FRAUDE' | 'MED_PIX_AUTOMATICO';
export const MED_NATUREZAS: readonly MedNatureza[] = ['MED_OPERACIONAL', 'MED_FRAUDE', 'MED_PIX_AUTOMATICO'];

export interface Devolucao {
  id: string;
  rtrId: string;
  valor: string;
  horario: { solicitacao: string; liquidacao?: string };
  status: DevolucaoStatus;
  motivo?: string;
  natureza?: 'ORIGINAL' | MedNatureza;
}

export interface Pix {
  endToEndId: string;
  txid: string;
  valor: string;
  horario: string;
  infoPagador?: string;
  devolucoes: Devolucao[];
}

export interface Cob {
  calendario: { criacao: string; expiracao: number };
  txid: string;
  revisao: number;
  /** Absent once unlinked from its location (`DELETE /loc/{id}/txid`). */
  loc?: { id: number; location: string; tipoCob: 'cob' };
  location?: string;
  status: CobStatus;
  valor: { original: string; modalidadeAlteracao: 0 };
  chave: string;
  solicitacaoPagador?: string;
  pixCopiaECola: string;
  pix?: Pix[];
}

export interface LedgerOptions {
  /** Host and path the charges' locations live under, without scheme. */
  locationBase: () => string;
  merchantName: string;
  merchantCity: string;
  /** The receiver's Pix keys; a charge naming another key is refused. Empty accepts any. */
  pixKeys: readonly string[];
  /** The emulated PSP's ISPB, written into endToEndIds. */
  ispb: string;
  now: () => Date;
}

const TXID = /^[a-zA-Z0-9]{26,35}$/;
const REFUND_ID = /^[a-zA-Z0-9]{1,35}$/;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * What the PSP holds: charges by txid, received Pix by endToEndId, their devoluções. It applies the
 * API Pix rules (txid shape, one charge per txid for ever, refund sum ≤ the Pix, refund id unique per
 * Pix); the HTTP layer only translates.
 */
export class PixLedger {
  private readonly cobs = new Map<string, Cob>();
  private readonly pixByE2e = new Map<string, Pix>();
  /** Devoluções whose payer bank refuses returns (played by `pay({ refunds: 'fail' })`). */
  private readonly failingRefunds = new Set<string>();
  readonly locations: PixLocations;

  constructor(private readonly options: LedgerOptions) {
    this.locations = new PixLocations(options.locationBase, options.now);
  }

  putCob(txid: string, body: unknown): { cob: Cob; created: boolean } {
    if (!TXID.test(txid)) throw invalidCob('O txid deve ter de 26 a 35 letras ou dígitos.', 'txid');
    const request = readCobRequest(body, this.options.pixKeys);
    const existing = this.cobs.get(txid);
    if (existing) {
      if (existing.status !== 'ATIVA')
        throw invalidCob('A cobrança já existe, não está no status ATIVA, e a presente requisição busca alterá-la.');
      if (existing.valor.original === request.valor && existing.chave === request.chave) {
        return { cob: existing, created: false };
      }
      existing.revisao += 1;
      existing.valor.original = request.valor;
      existing.chave = request.chave;
      return { cob: existing, created: false };
    }
    const loc =
      request.locId === undefined ? this.locations.create({ fixed: false }) : this.locations.get(request.locId);
    this.locations.link(loc.id, txid);
    const { location } = loc;
    const cob: Cob = {
      calendario: { criacao: this.options.now().toISOString(), expiracao: request.expiracao },
      txid,
      revisao: 0,
      loc: { id: loc.id, location, tipoCob: 'cob' },
      location,
      status: 'ATIVA',
      valor: { original: request.valor, modalidadeAlteracao: 0 },
      chave: request.chave,
      ...(request.solicitacaoPagador ? { solicitacaoPagador: request.solicitacaoPagador } : {}),
      pixCopiaECola: encodeBRCode({
        kind: 'dynamic',
        // A printed location's code is read again and again; a charge's own is single-use.
        ...(this.locations.isFixed(loc.id) ? {} : { usage: 'single-use' as const }),
        location,
        merchantName: this.options.merchantName,
        merchantCity: this.options.merchantCity,
      }),
    };
    this.cobs.set(txid, cob);
    return { cob, created: true };
  }

  /** The charge behind a BR Code's location, as a payer's bank finds it: whichever is linked now. */
  txidAt(location: string): string {
    const txid = this.locations.at(location)?.txid;
    if (txid === undefined) throw notFound('CobNaoEncontrado', `Nenhuma cobrança em ${location}.`);
    return txid;
  }

  /**
   * What a payer's bank reads at a location (the Manual's charge payload): the charge linked now, as at
   * this moment. A location serving no charge answers 404, and the payer's app shows nothing to pay.
   */
  payloadAt(location: string): Record<string, unknown> {
    const cob = this.getCob(this.txidAt(location));
    return {
      revisao: cob.revisao,
      calendario: { ...cob.calendario, apresentacao: this.options.now().toISOString() },
      txid: cob.txid,
      valor: { original: cob.valor.original },
      chave: cob.chave,
      status: cob.status,
      ...(cob.solicitacaoPagador ? { solicitacaoPagador: cob.solicitacaoPagador } : {}),
    };
  }

  /** `DELETE /loc/{id}/txid`: the charge it served no longer shows a location; its status is unchanged. */
  unlinkLocation(id: string): Loc {
    const { loc, txid } = this.locations.unlink(id);
    const cob = txid === undefined ? undefined : this.cobs.get(txid);
    if (cob) {
      delete cob.loc;
      delete cob.location;
    }
    return loc;
  }

  getCob(txid: string): Cob {
    const cob = this.cobs.get(txid);
    if (!cob) throw notFound('CobNaoEncontrado', `Cobrança não encontrada para o txid ${txid}.`);
    return cob;
  }

  patchCob(txid: string, body: unknown): Cob {
    const cob = this.getCob(txid);
    const status = (body as { status?: unknown } | null)?.status;
    if (status !== 'REMOVIDA_PELO_USUARIO_RECEBEDOR')
      throw invalidCob('O campo cob.status não respeita o schema.', 'cob.status');
    if (cob.status !== 'ATIVA') throw invalidCob('A cobrança não está ATIVA, e a presente requisição busca alterá-la.');
    cob.status = 'REMOVIDA_PELO_USUARIO_RECEBEDOR';
    return cob;
  }

  /** A payer pays the charge, by default its exact amount. */
  pay(txid: string, options: { centavos?: number; refunds?: 'fail' } = {}): Pix {
    const cob = this.getCob(txid);
    if (cob.status !== 'ATIVA' && cob.status !== 'CONCLUIDA') throw invalidCob(`A cobrança está ${cob.status}.`);
    const now = this.options.now();
    const pix: Pix = {
      endToEndId: this.endToEndId('E', now),
      txid,
      valor: options.centavos === undefined ? cob.valor.original : formatReais(options.centavos),
      horario: now.toISOString(),
      infoPagador: 'Pagamento emulado',
      devolucoes: [],
    };
    cob.status = 'CONCLUIDA';
    cob.pix = [...(cob.pix ?? []), pix];
    this.pixByE2e.set(pix.endToEndId, pix);
    if (options.refunds === 'fail') this.failingRefunds.add(pix.endToEndId);
    return pix;
  }

  requestRefund(e2eid: string, id: string, body: unknown): { pix: Pix; devolucao: Devolucao } {
    const pix = this.findPix(e2eid);
    if (!REFUND_ID.test(id)) throw invalidRefund('O id da devolução deve ter de 1 a 35 letras ou dígitos.', 'id');
    const valor = (body as { valor?: unknown } | null)?.valor;
    const centavos = typeof valor === 'string' ? reaisOrUndefined(valor) : undefined;
    if (centavos === undefined || typeof valor !== 'string')
      throw invalidRefund('O campo devolucao.valor não respeita o schema.', 'valor');
    if (pix.devolucoes.some((d) => d.id === id))
      throw invalidRefund(`O id ${id} já foi utilizado por outra devolução deste pix.`, 'id');
    refuseAboveThePix(pix, centavos);
    const devolucao: Devolucao = {
      id,
      rtrId: this.endToEndId('D', this.options.now()),
      valor,
      horario: { solicitacao: this.options.now().toISOString() },
      status: 'EM_PROCESSAMENTO',
    };
    pix.devolucoes.push(devolucao);
    return { pix, devolucao };
  }

  /**
   * The payer's bank takes money back through the MED (a fraud or an operational failure): a devolução the
   * receiver did not ask for, of what is left of the charge's first Pix unless `centavos` says less, already
   * returned (`DEVOLVIDO`) when the receiver's PSP learns of it. Never above what the Pix still holds.
   */
  med(txid: string, options: { centavos?: number; natureza?: MedNatureza } = {}): Pix {
    const pix = this.getCob(txid).pix?.[0];
    if (!pix) throw invalidCob('A cobrança não tem pix recebido.');
    const left = parseReais(pix.valor) - returnedOf(pix);
    const centavos = options.centavos ?? left;
    if (!Number.isSafeInteger(centavos) || centavos <= 0)
      throw invalidRefund('O campo devolucao.valor não respeita o schema.', 'valor');
    refuseAboveThePix(pix, centavos);
    const now = this.options.now();
    const rtrId = this.endToEndId('D', now);
    pix.devolucoes.push({
      // The receiver's PSP names it; ours reuses the return's own identifier, unique per Pix.
      id: rtrId,
      rtrId,
      valor: formatReais(centavos),
      horario: { solicitacao: now.toISOString(), liquidacao: now.toISOString() },
      status: 'DEVOLVIDO',
      natureza: options.natureza ?? 'MED_FRAUDE',
    });
    return pix;
  }

  getRefund(e2eid: string, id: string): Devolucao {
    const devolucao = this.findPix(e2eid).devolucoes.find((d) => d.id === id);
    if (!devolucao) throw notFound('PixDevolucaoNaoEncontrada', `Devolução ${id} não encontrada.`);
    return devolucao;
  }

  /** The payer's bank answers a devolução: returned, or refused when the payment was made to fail refunds. */
  settleRefund(e2eid: string, id: string): Pix {
    const pix = this.findPix(e2eid);
    const devolucao = this.getRefund(e2eid, id);
    if (devolucao.status !== 'EM_PROCESSAMENTO') return pix;
    devolucao.horario.liquidacao = this.options.now().toISOString();
    if (this.failingRefunds.has(e2eid)) {
      devolucao.status = 'NAO_REALIZADO';
      devolucao.motivo = 'Conta do pagador encerrada (emulado)';
    } else {
      devolucao.status = 'DEVOLVIDO';
    }
    return pix;
  }

  cobsByStatus(status: CobStatus): Cob[] {
    return [...this.cobs.values()].filter((c) => c.status === status);
  }

  private findPix(e2eid: string): Pix {
    const pix = this.pixByE2e.get(e2eid);
    if (!pix) throw notFound('PixNaoEncontrado', `Pix ${e2eid} não encontrado.`);
    return pix;
  }

  /** `E`/`D` + ISPB + yyyyMMddHHmm + 11 random characters: the 32 of the SPI's identifiers. */
  private endToEndId(kind: 'E' | 'D', at: Date): string {
    const stamp = at.toISOString().replace(/\D/g, '').slice(0, 12);
    const random = [...randomBytes(11)].map((b) => ALNUM.charAt(b % ALNUM.length)).join('');
    return `${kind}${this.options.ispb}${stamp}${random}`;
  }
}

/** What the Pix's devoluções returned or are returning. */
const returnedOf = (pix: Pix): number =>
  pix.devolucoes.filter((d) => d.status !== 'NAO_REALIZADO').reduce((sum, d) => sum + parseReais(d.valor), 0);

function refuseAboveThePix(pix: Pix, centavos: number): void {
  if (returnedOf(pix) + centavos > parseReais(pix.valor))
    throw invalidRefund('A devolução, somada às anteriores, excederia o valor do pix originário.', 'valor');
}

interface CobRequest {
  expiracao: number;
  /** `loc.id`: a location made before (`POST /loc`) to serve this charge. */
  locId?: number;
  valor: string;
  chave: string;
  solicitacaoPagador?: string;
}

function readCobRequest(body: unknown, pixKeys: readonly string[]): CobRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const calendario = (b.calendario ?? {}) as Record<string, unknown>;
  const expiracao = calendario.expiracao ?? 86_400;
  if (!Number.isInteger(expiracao) || (expiracao as number) <= 0)
    throw invalidCob('O campo cob.calendario.expiracao é igual ou menor que zero.', 'cob.calendario.expiracao');
  const valor = ((b.valor ?? {}) as Record<string, unknown>).original;
  if (typeof valor !== 'string' || reaisOrUndefined(valor) === undefined)
    throw invalidCob('O campo cob.valor.original não respeita o schema.', 'cob.valor.original');
  const chave = b.chave;
  if (typeof chave !== 'string' || chave.length === 0 || chave.length > 77)
    throw invalidCob('O campo cob.chave não respeita o schema.', 'cob.chave');
  if (pixKeys.length > 0 && !pixKeys.includes(chave))
    throw invalidCob(
      'O campo cob.chave corresponde a uma conta que não pertence a este usuário recebedor.',
      'cob.chave',
    );
  const solicitacaoPagador = b.solicitacaoPagador;
  if (solicitacaoPagador !== undefined && (typeof solicitacaoPagador !== 'string' || solicitacaoPagador.length > 140))
    throw invalidCob('O campo solicitacaoPagador não respeita o schema.', 'solicitacaoPagador');
  const locId = ((b.loc ?? {}) as Record<string, unknown>).id;
  if (locId !== undefined && !Number.isInteger(locId))
    throw invalidCob('O campo cob.loc.id não respeita o schema.', 'cob.loc.id');
  return {
    expiracao: expiracao as number,
    ...(locId === undefined ? {} : { locId: locId as number }),
    valor,
    chave,
    ...(solicitacaoPagador ? { solicitacaoPagador } : {}),
  };
}

function reaisOrUndefined(text: string): number | undefined {
  try {
    return parseReais(text);
  } catch {
    return undefined;
  }
}
