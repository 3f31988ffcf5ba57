const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** `1990` → `R$ 19,90`. */
export const formatBRL = (centavos: number): string => brl.format(centavos / 100);

/** What a cashier types (`19,90`, `19.90`, `19`) in centavos, or undefined when it is not an amount. */
export function parseBRL(typed: string): number | undefined {
  const match = /^\s*(?:R\$\s*)?(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(typed);
  if (!match) return undefined;
  const centavos = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return centavos > 0 ? centavos : undefined;
}
