import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// One process (node with tsx's loader), not the tsx CLI's parent and child: a SIGKILL must hit the gateway itself.
const gatewayCommand = ['--import', 'tsx', '--conditions=source', 'demo/src/main.ts'];

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Runs the gateway as `pnpm dev` does (`pnpm start` runs the same demo compiled), with `env` on top, and
 * resolves once it says where it listens.
 * `nodeFlags` go before the entry point, for flags NODE_OPTIONS refuses (`--cpu-prof`).
 */
export function spawnGateway(env: Record<string, string>, nodeFlags: string[] = []): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [...nodeFlags, ...gatewayCommand], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env },
  });
  let out = '';
  const collect = (d: Buffer) => {
    out += d;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${out}`)), 90_000);
    child.stdout?.on('data', () => {
      const url = /Tillgate is running at (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ child, url, output: () => out, exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${out}`));
    });
  });
}

/** Runs the gateway's entry point to completion, for start-up failures. */
export async function runGateway(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, gatewayCommand, {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, stderr };
}

export interface SimulatorProcess {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Runs `tillgate-sim` as `pnpm sim` does, its stdout a pipe (not a terminal). */
export function spawnSimulator(args: string[]): SimulatorProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'simulator/src/cli.ts', ...args], {
    cwd: root,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}
