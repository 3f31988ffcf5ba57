/** One violated rule, as the API Pix lists them in `violacoes`. */
export interface Violation {
  razao: string;
  propriedade?: string;
}

/** An API Pix error: answered as `application/problem+json` with the spec's `type`. */
export class PixProblem extends Error {
  constructor(
    readonly status: number,
    readonly tipo: string,
    readonly title: string,
    detail: string,
    readonly violacoes: Violation[] = [],
  ) {
    super(detail);
  }

  toJSON(): Record<string, unknown> {
    return {
      type: `https://pix.bcb.gov.br/api/v2/error/${this.tipo}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(this.violacoes.length > 0 ? { violacoes: this.violacoes } : {}),
    };
  }
}

export const invalidCob = (razao: string, propriedade?: string): PixProblem =>
  new PixProblem(
    400,
    'CobOperacaoInvalida',
    'Cobrança inválida.',
    'A requisição que busca alterar ou criar uma cobrança para pagamento imediato não respeita o schema ou está semanticamente errada.',
    [{ razao, ...(propriedade ? { propriedade } : {}) }],
  );

export const invalidRefund = (razao: string, propriedade?: string): PixProblem =>
  new PixProblem(
    400,
    'PixDevolucaoInvalida',
    'Devolução inválida.',
    'A presente requisição de devolução não respeita o schema ou não faz sentido semanticamente.',
    [{ razao, ...(propriedade ? { propriedade } : {}) }],
  );

export const notFound = (tipo: string, detail: string): PixProblem =>
  new PixProblem(404, tipo, 'Não encontrado.', detail);

export const accessDenied = (status: 401 | 403, detail: string): PixProblem =>
  new PixProblem(status, 'AcessoNegado', 'Acesso negado.', detail);

export const unavailable = (status: number): PixProblem =>
  status === 504
    ? new PixProblem(504, 'IndisponibilidadePorTempoEsgotado', 'Tempo esgotado.', 'O serviço demorou além do esperado.')
    : new PixProblem(status, 'ServicoIndisponivel', 'Serviço indisponível.', 'Serviço em manutenção (emulado).');
