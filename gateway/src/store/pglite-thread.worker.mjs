// The embedded database's own thread (plain JavaScript, so it loads alike from src/ under tsx or Vitest and
// from dist/): PGlite's WebAssembly runs its SQL here while the gateway's thread serves HTTP, so the
// embedded default uses two cores. Each message is one query; PGlite runs them one at a time, in order,
// except that a statement sent outside knex's one connection (`autocommit`, a statement of its own) waits
// while that connection has a transaction open, so it never runs inside someone else's transaction.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, parse, protocol } from '@electric-sql/pglite';

const db = new PGlite(workerData.dataDir);
await db.waitReady;
parentPort.postMessage({ ready: true });

/** Messages not yet run, in arrival order. */
const waiting = [];
let running = false;

parentPort.on('message', (message) => {
  waiting.push(message);
  void runWaiting();
});

/** Runs what may run now: the oldest message, or while a transaction is open, its connection's oldest. */
async function runWaiting() {
  if (running) return;
  running = true;
  for (;;) {
    const next = db.isInTransaction() ? waiting.findIndex((m) => !m.autocommit) : waiting.length > 0 ? 0 : -1;
    if (next < 0) break;
    const [message] = waiting.splice(next, 1);
    if (message.close) {
      await db.close();
      parentPort.postMessage({ id: message.id, result: null });
      parentPort.close();
      return;
    }
    await run(message);
  }
  running = false;
}

async function run(message) {
  try {
    const { rows, fields, affectedRows } = message.name
      ? await prepared(message.name, message.sql, message.params)
      : await db.query(message.sql, message.params);
    parentPort.postMessage({ id: message.id, result: { rows, fields, affectedRows } });
  } catch (err) {
    parentPort.postMessage({ id: message.id, error: errorFields(err) });
  }
}

/** The parameter types of each statement this session has prepared, by name. */
const preparedTypes = new Map();
const { serialize } = protocol;

/** Protocol messages in one exchange; each ends with Sync, so a failed one (which throws) leaves the session ready. */
const exchange = (...messages) => db.execProtocolStream(Buffer.concat(messages), { syncToFs: false });

/**
 * A named statement, as `pg` runs one on a server connection: parsed and planned once per session (this
 * thread's one PGlite), then only bound and run, where `db.query` parses and plans its text on every call
 * (most of the time of a create's statements of several CTEs). The messages are `db.query`'s own, with a
 * name; values are serialized by the parameter types the database described, as `db.query` does.
 */
async function prepared(name, text, params) {
  return db.runExclusive(async () => {
    let types = preparedTypes.get(name);
    if (!types) {
      const described = await exchange(
        serialize.parse({ name, text }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      );
      types = described.find((m) => m.name === 'parameterDescription')?.dataTypeIDs ?? [];
      preparedTypes.set(name, types);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[types[i]];
      return serializer ? serializer(value) : value.toString();
    });
    const messages = await exchange(
      serialize.bind({ statement: name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    );
    if (!db.isInTransaction()) await db.syncToFs();
    return parse.parseResults(messages, db.parsers)[0];
  });
}

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
