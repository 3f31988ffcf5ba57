import { setTimeout as sleep } from 'node:timers/promises';
import type { Answer, Call } from './http.js';

/** Ways an emulated provider misbehaves on its API until healed. */
export interface Faults {
  /** Answer with this 5xx status (in the provider's own error shape). */
  status?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer 200 with an HTML page instead of JSON. */
  garbage?: boolean;
  /** Only requests whose `METHOD path` matches this regular expression misbehave; absent, all. */
  match?: string;
  /** Only this many (matching) requests misbehave; absent, all until healed. */
  times?: number;
  /** Only this share (0..1) of the matching requests misbehave, drawn at random; absent, every one. */
  fraction?: number;
}

/** How many API requests got a 5xx, a delay or garbage since the emulator started. */
export type ApiFaultCounts = {
  status: number;
  delay: number;
  garbage: number;
};

/**
 * Plays the current faults on each request; `unavailable` is the provider's own 5xx answer. Emulators
 * with faults of their own (a Pix PSP's broken BR Codes) read them from `current`.
 */
export class FaultPlayer<F extends Faults = Faults> {
  current: F = {} as F;
  readonly counts: ApiFaultCounts = { status: 0, delay: 0, garbage: 0 };

  constructor(
    private readonly unavailable: (status: number) => Answer,
    private readonly random: () => number = Math.random,
  ) {}

  fail(faults: F): void {
    this.current = { ...faults };
  }

  heal(): void {
    this.current = {} as F;
  }

  /** Applies the current faults; an answer means the request ends here. */
  async misbehave(call: Pick<Call, 'method' | 'path'>): Promise<Answer | undefined> {
    const { match } = this.current;
    if (match && !new RegExp(match).test(`${call.method} ${call.path}`)) return undefined;
    if (this.current.times !== undefined && this.current.times <= 0) this.heal();
    const f = this.current;
    if (f.times !== undefined) f.times--;
    if (f.fraction !== undefined && this.random() >= f.fraction) return undefined;
    const { delayMs, status, garbage } = f;
    if (delayMs) {
      this.counts.delay++;
      await sleep(delayMs);
    }
    if (status) {
      this.counts.status++;
      return this.unavailable(status);
    }
    if (garbage) {
      this.counts.garbage++;
      return { status: 200, raw: '<html><body>502 Bad Gateway</body></html>' };
    }
    return undefined;
  }
}
