/**
 * A seeded random source (mulberry32): the same seed gives the same draws, so a load run's decisions
 * (fates, amounts, delays) replay exactly; only the machine's timing differs.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** An exponentially distributed wait with this mean: arrivals of a Poisson process. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** An independent source for a sub-actor, so one actor's draws never shift another's. */
  fork(label: number): SeededRandom {
    return new SeededRandom(Math.imul(this.state ^ (label + 1), 2654435761) ^ label);
  }
}
