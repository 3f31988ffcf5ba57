import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Where a socket write went, by the file it was written to. */
export type Destination = 'postgres' | 'clients' | 'output' | 'other';

const WRITE = /^\d+\s+(\d+\.\d+)\s+(?:write|writev|sendto|sendmsg)\((\d+),/;

export interface Write {
  /** Seconds since the epoch, as `strace -ttt` prints them. */
  at: number;
  fd: number;
}

/**
 * The writes in `strace -f -ttt` output, one per call: a call cut by another thread's line counts on its
 * `<unfinished …>` line, which carries the fd; its `<… resumed>` line does not count again.
 */
export function parseWrites(trace: string): Write[] {
  const writes: Write[] = [];
  for (const line of trace.split('\n')) {
    const m = WRITE.exec(line);
    if (m) writes.push({ at: Number(m[1]), fd: Number(m[2]) });
  }
  return writes;
}

/** Is strace on this machine? Without it the writes are not counted. */
export function straceAvailable(): boolean {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Tracer {
  /** Detaches and answers every write the process made meanwhile. */
  stop(): Promise<Write[]>;
}

/** Attaches strace to every thread of `pid`, tracing only the write calls, into `file`. */
export async function traceWrites(pid: number, file: string): Promise<Tracer> {
  const child: ChildProcess = spawn(
    'strace',
    ['-f', '-ttt', '-qq', '-s', '0', '-e', 'trace=write,writev,sendto,sendmsg', '-o', file, '-p', String(pid)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // strace says nothing once attached (-qq); a moment lets it reach every thread before the load starts.
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (child.exitCode !== null) throw new Error(`strace could not attach to ${pid}`);
  return {
    async stop() {
      child.kill('SIGINT');
      await exited;
      return parseWrites(readFileSync(file, 'utf8'));
    },
  };
}

/**
 * What each open file of `pid` is, for the writes: its TCP sockets to PostgreSQL (remote port 5432) and
 * its stdout and stderr; other files (eventfds that wake libuv, pipes) are 'other'. Read after a load, when
 * the load generator's connections are already closed, so an fd no longer open is taken for a client
 * connection (the gateway has no other TCP peers without Redis).
 */
export function destinations(pid: number, postgresPort = 5432): (fd: number) => Destination {
  const remotePortOfInode = new Map<string, number>();
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const remote = fields[2];
      const inode = fields[9];
      if (remote && inode) remotePortOfInode.set(inode, Number.parseInt(remote.split(':')[1] ?? '', 16));
    }
  }
  const known = new Map<number, Destination>();
  for (const entry of readdirSync(`/proc/${pid}/fd`)) {
    const fd = Number(entry);
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${entry}`);
    } catch {
      continue;
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (fd === 1 || fd === 2) known.set(fd, 'output');
    else if (!inode || !remotePortOfInode.has(inode)) known.set(fd, 'other');
    else known.set(fd, remotePortOfInode.get(inode) === postgresPort ? 'postgres' : 'clients');
  }
  return (fd) => known.get(fd) ?? 'clients';
}
