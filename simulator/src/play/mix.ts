import type { SeededRandom } from './random.js';

/** What becomes of an order: paid, left to expire, cancelled by the till, or paid then refunded in two parts. */
export const FATES = ['pay', 'expire', 'cancel', 'refund'] as const;
export type Fate = (typeof FATES)[number];

export type Mix = Record<Fate, number>;

/** Parses `pay=70,expire=10,cancel=10,refund=10`; weights are relative, fates left out weigh 0. */
export function parseMix(text: string): Mix {
  const mix: Mix = { pay: 0, expire: 0, cancel: 0, refund: 0 };
  for (const part of text.split(',')) {
    const [name, weight] = part.split('=');
    if (!FATES.includes(name as Fate)) throw new Error(`--mix: unknown fate "${name}" (known: ${FATES.join(', ')})`);
    const value = Number(weight);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--mix: "${part}" needs a weight ≥ 0`);
    mix[name as Fate] = value;
  }
  if (FATES.every((f) => mix[f] === 0)) throw new Error('--mix: every weight is 0');
  return mix;
}

export function pickFate(mix: Mix, random: SeededRandom): Fate {
  const total = FATES.reduce((sum, f) => sum + mix[f], 0);
  let point = random.next() * total;
  for (const fate of FATES) {
    point -= mix[fate];
    if (point < 0 && mix[fate] > 0) return fate;
  }
  return FATES.findLast((f) => mix[f] > 0) as Fate;
}
