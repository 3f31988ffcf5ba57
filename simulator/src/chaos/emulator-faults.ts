import type { FaultCounts, Faults, NotificationChances } from '../emulators/kit/index.js';

/**
 * The faults a chaos run asks of a provider's emulator (the Pix PSP's or a wallet's: they share the kit's
 * controls), each a share (0..1) of calls or notifications.
 */
export interface FaultPlan {
  webhooks: Required<NotificationChances>;
  /** Share of API calls answered 503, and of calls answered `slowMs` late (in alternating phases). */
  errors: number;
  slow: number;
  slowMs: number;
}

/** Switches between the 5xx and the slow phase this often, since the emulator plays one fault set at a time. */
const PHASE_MS = 2000;

/** Drives the emulator's control endpoints: sets the faults, alternates them, heals, and counts what was played. */
export class EmulatorFaults {
  private timer: NodeJS.Timeout | undefined;
  private phase = 0;

  private constructor(
    private readonly url: string,
    private readonly plan: FaultPlan,
    private readonly before: FaultCounts,
  ) {}

  static async start(url: string, plan: FaultPlan): Promise<EmulatorFaults> {
    const faults = new EmulatorFaults(url, plan, await control<FaultCounts>(url, 'GET', '/_emulator/faults'));
    await control(url, 'POST', '/_emulator/webhooks', { mode: 'once', ...plan.webhooks });
    await faults.nextPhase();
    faults.timer = setInterval(() => void faults.nextPhase().catch(() => {}), PHASE_MS);
    return faults;
  }

  /** Stops every fault and sends the late notifications still held; answers what was played meanwhile. */
  async heal(): Promise<FaultCounts> {
    clearInterval(this.timer);
    await control(this.url, 'DELETE', '/_emulator/faults');
    await control(this.url, 'POST', '/_emulator/webhooks', { mode: 'once' });
    const now = await control<FaultCounts>(this.url, 'GET', '/_emulator/faults');
    const since = <T extends Record<string, number>>(a: T, b: T) =>
      Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)])) as T;
    return { api: since(now.api, this.before.api), webhooks: since(now.webhooks, this.before.webhooks) };
  }

  private async nextPhase(): Promise<void> {
    const { errors, slow, slowMs } = this.plan;
    const faults: Faults =
      this.phase++ % 2 === 0 ? { status: 503, fraction: errors } : { delayMs: slowMs, fraction: slow };
    await control(this.url, 'POST', '/_emulator/faults', faults);
  }
}

async function control<T = void>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, base), {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`the emulator refused ${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}
