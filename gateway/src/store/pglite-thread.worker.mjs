// The embedded database's own thread (plain JavaScript, so it loads alike from src/ under tsx or Vitest and
// from dist/): PGlite's WebAssembly runs its SQL here while the gateway's thread serves HTTP, so the
// embedded default uses two cores. Each message is one query; PGlite runs them one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = new PGlite(workerData.dataDir);
await db.waitReady;
parentPort.postMessage({ ready: true });

parentPort.on('message', async (message) => {
  if (message.close) {
    await db.close();
    parentPort.postMessage({ id: message.id, result: null });
    parentPort.close();
    return;
  }
  try {
    const { rows, fields, affectedRows } = await db.query(message.sql, message.params);
    parentPort.postMessage({ id: message.id, result: { rows, fields, affectedRows } });
  } catch (err) {
    parentPort.postMessage({ id: message.id, error: errorFields(err) });
  }
});

/** A database error's message and own fields (code, constraint, detail…), as a message can carry them. */
function errorFields(err) {
  const fields = { message: err instanceof Error ? err.message : String(err) };
  if (err && typeof err === 'object')
    for (const [key, value] of Object.entries(err)) {
      try {
        fields[key] = structuredClone(value);
      } catch {
        // A field that cannot cross threads (a function among query options) stays behind.
      }
    }
  return fields;
}
