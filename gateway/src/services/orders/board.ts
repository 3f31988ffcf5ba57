import type { Board } from '@tillgate/sdk/protocol';
import { boardTills, latestPayments } from '../../store/board.js';
import { latestSeq } from '../../store/events.js';
import { authorize } from '../accounts/permissions.js';
import type { Principal } from '../accounts/principal.js';
import type { ServiceDeps } from '../deps.js';
import { visibleStore } from '../setup/stores.js';
import { tillView } from '../setup/tills.js';
import type { OrderService } from './orders.js';

/** An order older than this is no till's current order any more: orders live at most one hour. */
const CURRENT_ORDER_MS = 3600_000;
/** A till not heard from (no order, no log-in) for this long is shown idle. */
export const IDLE_AFTER_MS = 15 * 60_000;
const RECENT_PAYMENTS = 20;

/** The live till board's first picture; the panel then applies `store:<id>` events to it. */
export class BoardService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly orders: OrderService,
  ) {}

  async get(principal: Principal, storeId: string): Promise<Board> {
    const actor = authorize(principal, 'orders.read');
    await visibleStore(this.deps.knex, actor, storeId);
    const q = {
      merchantId: actor.merchantId,
      environment: actor.environment,
      storeId,
      // A till sees its own tile and its own payments only.
      tillId: actor.kind === 'till' ? actor.tillId : undefined,
    };
    // Read before the picture, so every event up to it is in the picture: the panel subscribes after it and reads once.
    const seq = await latestSeq(this.deps.knex, { merchantId: actor.merchantId, environment: actor.environment });
    const [tills, payments] = await Promise.all([
      boardTills(this.deps.knex, q),
      latestPayments(this.deps.knex, { ...q, limit: RECENT_PAYMENTS }),
    ]);
    const now = this.deps.clock.now().getTime();
    return {
      store_id: storeId,
      seq,
      tills: tills.map(({ till, lastOrder, lastLoginAt }) => {
        const heard = Math.max(lastOrder?.createdAt.getTime() ?? 0, lastLoginAt?.getTime() ?? 0);
        const current = lastOrder && now - lastOrder.createdAt.getTime() < CURRENT_ORDER_MS ? lastOrder : undefined;
        return {
          till: tillView(till),
          current_order: current ? this.orders.toWire(current) : null,
          last_activity_at: heard ? new Date(heard).toISOString() : null,
          idle: now - heard >= IDLE_AFTER_MS,
        };
      }),
      recent_payments: payments.map((o) => this.orders.toWire(o)),
    };
  }
}
