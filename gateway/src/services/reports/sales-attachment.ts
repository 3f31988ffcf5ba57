import { Writable } from 'node:stream';
import type { Knex } from 'knex';
import type { AttachmentRenderer } from './attachments.js';
import { renderSalesFile } from './sales-file.js';

/**
 * The sales file of a subscription's period and store, collected for a mail attachment: a period is
 * at most a month of one merchant's sales, and the mail carries it whole anyway.
 */
export const salesAttachment =
  (deps: { knex: Knex }): AttachmentRenderer =>
  async (format, scope, period) => {
    const parts: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        parts.push(chunk);
        done();
      },
    });
    const finished = new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
    const { filename, contentType } = await renderSalesFile(
      deps,
      { ...scope, storeIds: scope.storeId ? [scope.storeId] : null, timezone: scope.timeZone },
      {
        from: period.first,
        to: period.last,
        store_id: scope.storeId,
        status: null,
        wallet: null,
        till_id: null,
        amount_min: null,
        amount_max: null,
      },
      format,
      out,
    );
    await finished;
    return { filename, contentType, content: Buffer.concat(parts) };
  };
