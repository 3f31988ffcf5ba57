import type { Knex } from 'knex';
import * as initial from './001_initial.js';
import * as webhooks from './002_webhooks.js';
import * as reconciliation from './003_reconciliation.js';
import * as panelAccounts from './004_panel_accounts.js';
import * as management from './005_management.js';
import * as auditLog from './006_audit_log.js';
import * as reports from './007_reports.js';
import * as reportSubscriptions from './008_report_subscriptions.js';
import * as loginLockouts from './009_login_lockouts.js';
import * as revokedRefreshFamilies from './010_revoked_refresh_families.js';
import * as paymentLinks from './011_payment_links.js';
import * as tillQrMode from './012_till_qr_mode.js';
import * as refundInitiator from './013_refund_initiator.js';
import * as shipayCompat from './014_shipay_compat.js';
import * as printedQrLinks from './015_printed_qr_links.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['001_initial', initial],
  ['002_webhooks', webhooks],
  ['003_reconciliation', reconciliation],
  ['004_panel_accounts', panelAccounts],
  ['005_management', management],
  ['006_audit_log', auditLog],
  ['007_reports', reports],
  ['008_report_subscriptions', reportSubscriptions],
  ['009_login_lockouts', loginLockouts],
  ['010_revoked_refresh_families', revokedRefreshFamilies],
  ['011_payment_links', paymentLinks],
  ['012_till_qr_mode', tillQrMode],
  ['013_refund_initiator', refundInitiator],
  ['014_shipay_compat', shipayCompat],
  ['015_printed_qr_links', printedQrLinks],
];

/** Migrations compiled into the gateway, so start-up never depends on a directory layout. */
export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => MIGRATIONS.map(([, m]) => m),
  getMigrationName: (m) => MIGRATIONS.find(([, candidate]) => candidate === m)?.[0] ?? 'unknown',
  getMigration: async (m) => m,
};
