import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./hello-server.ts', import.meta.url));

export interface HelloServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the bare express hello in its own process, as the gateway runs in its own. */
export function startHello(): Promise<HelloServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`hello server exited with ${code}`)));
    child.stdout?.once('data', (d: Buffer) =>
      resolve({
        url: d.toString().trim(),
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      }),
    );
  });
}
