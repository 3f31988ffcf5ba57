import type { DailyReport } from '@tillgate/sdk/protocol';
import { dailySales } from '../../store/daily-sales.js';
import { findMerchantProfile } from '../../store/merchant-profile.js';
import { authorize } from '../accounts/permissions.js';
import type { Principal } from '../accounts/principal.js';
import type { ServiceDeps } from '../deps.js';
import { visibleOrders } from '../orders/orders.js';
import { recordAudit } from '../security/audit.js';
import { visibleStore } from '../setup/stores.js';
import { dailyReportOf, monthRange } from './daily-report.js';

/** Where the merchant's days begin and end when it has not said. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/** The month day by day ("Por dias"), in the merchant's time zone, for managers, admins and apps. */
export class DailyReports {
  constructor(private readonly deps: Pick<ServiceDeps, 'knex' | 'clock' | 'ids'>) {}

  /** A file taken away (CSV, xlsx) is an export, recorded in the audit log; a look at the JSON is not. */
  async read(
    principal: Principal,
    q: { month: string; storeId?: string | undefined; exported: boolean },
  ): Promise<DailyReport> {
    const actor = authorize(principal, 'reports.read');
    if (q.storeId) await visibleStore(this.deps.knex, actor, q.storeId);
    const timeZone = (await findMerchantProfile(this.deps.knex, actor.merchantId))?.timezone ?? DEFAULT_TIME_ZONE;
    const rows = await dailySales(
      this.deps.knex,
      visibleOrders(actor, { storeId: q.storeId }),
      monthRange(q.month),
      timeZone,
    );
    if (q.exported)
      await recordAudit(this.deps, this.deps.knex, {
        merchantId: actor.merchantId,
        environment: actor.environment,
        actor,
        action: 'report.downloaded',
        target: { type: 'daily_report', id: `${q.month}${q.storeId ? `/${q.storeId}` : ''}` },
      });
    return dailyReportOf({ month: q.month, timeZone, storeId: q.storeId ?? null }, rows);
  }
}
