/** Integer centavos; floats never touch an amount. */

const BRL = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** `1990` → `R$ 19,90` (division happens only here, for display). */
export const formatMoney = (centavos: number): string => BRL.format(centavos / 100);

const GROUPED = /^\d{1,3}(\.\d{3})+$/;
const PLAIN = /^\d+$/;

/**
 * What a person typed as an amount in reais, as integer centavos, or `null` when it is not one:
 * `'19,90'` → 1990, `'1.234,5'` → 123450, `'R$ 7'` → 700, `'19.90'` → 1990 (a dot with one or two
 * decimals is taken as a decimal point). Parsed from the digits as text, never through a float.
 */
export function parseCentavos(input: string): number | null {
  const text = input.replace(/R\$|\s/g, '');
  let whole: string;
  let fraction = '';
  const comma = text.lastIndexOf(',');
  if (comma >= 0) {
    whole = text.slice(0, comma);
    fraction = text.slice(comma + 1);
    if (whole !== '' && !GROUPED.test(whole) && !PLAIN.test(whole)) return null;
  } else if (GROUPED.test(text) || PLAIN.test(text)) {
    whole = text;
  } else {
    const decimal = /^(\d+)\.(\d{1,2})$/.exec(text);
    if (!decimal) return null;
    whole = decimal[1] as string;
    fraction = decimal[2] as string;
  }
  if (!/^\d{0,2}$/.test(fraction) || whole + fraction === '') return null;
  const digits = `${whole.replaceAll('.', '')}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const centavos = Number.parseInt(digits, 10);
  return Number.isSafeInteger(centavos) ? centavos : null;
}

/** Integer centavos as a person types them in a field: `1990` → `19,90` (no currency sign, no grouping). */
export const centavosText = (centavos: number): string =>
  `${Math.floor(centavos / 100)},${String(centavos % 100).padStart(2, '0')}`;
