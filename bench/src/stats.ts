/** The q-th quantile (0..1) of a sample, nearest rank. */
export function quantile(sample: number[], q: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
