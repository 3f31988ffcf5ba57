import type { ApiFaultCounts, Faults } from './faults.js';
import type { Call, Route } from './http.js';
import type { Delivery, NotificationChances, NotificationMisbehaviour, NotificationMode } from './notifications.js';

/** How often each fault has been played since the emulator started: for chaos runs to show they happened. */
export interface FaultCounts {
  api: ApiFaultCounts;
  webhooks: NotificationMisbehaviour;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** What every emulator can be told, beside playing its payers. */
export interface EmulatorControls<F extends Faults = Faults, B = unknown> {
  fail(faults: F): void;
  heal(): void;
  readonly faultCounts: FaultCounts;
  /** `chances` (in `once` mode) makes a share of notifications misbehave; a new call replaces them. */
  setWebhookMode(mode: NotificationMode, chances?: NotificationChances): void;
  releaseWebhooks(): Promise<number>;
  readonly received: readonly ReceivedRequest[];
  readonly deliveries: readonly Delivery<B>[];
}

const MODES: readonly NotificationMode[] = ['once', 'twice', 'never', 'late'];
const CHANCES: ReadonlyArray<keyof NotificationChances> = ['twice', 'never', 'late', 'lateMs'];

/** The body of a control request, as a record. */
export const controlBody = (call: Call): Record<string, unknown> => (call.body ?? {}) as Record<string, unknown>;

/**
 * The controls every emulator shares, under `/_emulator`: faults, notification delivery, what it received
 * and sent. An emulator adds its own (how its payers pay) beside them.
 */
export function controlRoutes<F extends Faults>(controls: EmulatorControls<F>): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/_emulator\/faults$/,
      handle: () => ({ status: 200, body: controls.faultCounts }),
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/faults$/,
      handle: (call) => {
        controls.fail(controlBody(call) as F);
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/_emulator\/faults$/,
      handle: () => {
        controls.heal();
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/webhooks$/,
      handle: (call) => {
        const body = controlBody(call);
        const mode = body.mode as NotificationMode;
        if (!MODES.includes(mode)) return { status: 400, body: { error: `mode must be one of ${MODES.join(', ')}` } };
        const chances = Object.fromEntries(
          CHANCES.filter((k) => typeof body[k] === 'number').map((k) => [k, body[k] as number]),
        );
        controls.setWebhookMode(mode, chances);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/_emulator\/webhooks\/release$/,
      handle: async () => ({ status: 200, body: { released: await controls.releaseWebhooks() } }),
    },
    { method: 'GET', pattern: /^\/_emulator\/received$/, handle: () => ({ status: 200, body: controls.received }) },
    { method: 'GET', pattern: /^\/_emulator\/deliveries$/, handle: () => ({ status: 200, body: controls.deliveries }) },
  ];
}
