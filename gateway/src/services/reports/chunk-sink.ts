import { Writable } from 'node:stream';

/** The size of a stored piece of a file: big enough for few rows, small enough to hold one at a time. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * A Writable that cuts what it is given into numbered chunks of `CHUNK_BYTES` and hands each to
 * `store`, waiting for it before taking more: the file never sits whole in memory.
 */
export function chunkSink(store: (seq: number, data: Buffer) => Promise<void>): Writable & { bytes(): number } {
  let parts: Buffer[] = [];
  let size = 0;
  let seq = 0;
  let total = 0;
  const flush = async () => {
    if (size === 0) return;
    const data = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    await store(seq++, data);
  };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      size += chunk.length;
      total += chunk.length;
      if (size < CHUNK_BYTES) return done();
      flush().then(() => done(), done);
    },
    final(done) {
      flush().then(() => done(), done);
    },
  });
  return Object.assign(sink, { bytes: () => total });
}
