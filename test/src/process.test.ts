import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** Starts the gateway as `pnpm start` does, and resolves once it printed its URL. */
function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(tsx, ['--conditions=source', 'gateway/src/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s:\n${out}`)), 30_000);
    child.stdout?.on('data', () => {
      if (out.includes('Tillgate is running at')) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${out}`));
    });
  });
}

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('the gateway process on the embedded default', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tillgate-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with no configuration, writes the demo credentials, keeps its data across a restart, and stops on SIGTERM', async () => {
    const first = await startProcess({ TILLGATE_DATA_DIR: dataDir, PORT: '0' });
    const creds = JSON.parse(readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8'));
    expect(creds).toMatchObject({
      gateway_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      tills: [{ client_id: 'demo-caixa-01' }, { client_id: 'demo-caixa-02' }],
    });
    const login = async (c: typeof creds): Promise<string> => {
      const res = await fetch(`${c.gateway_url}/v1/auth/till`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ access_key: c.access_key, secret_key: c.secret_key, client_id: c.tills[0].client_id }),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const token = await login(creds);
    const created = await fetch(`${creds.gateway_url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ order_ref: 'PROC-1', wallet: 'pix', amount: 1990 }),
    });
    const order = (await created.json()) as { id: string };
    expect(created.status).toBe(201);
    first.child.kill('SIGTERM');
    expect(await exitCode(first.child)).toBe(0);

    const second = await startProcess({ TILLGATE_DATA_DIR: dataDir, PORT: '0' });
    const again = JSON.parse(readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8'));
    const read = await fetch(`${again.gateway_url}/v1/orders/${order.id}`, {
      headers: { authorization: `Bearer ${await login(again)}` },
    });
    expect(((await read.json()) as { order_ref: string }).order_ref).toBe('PROC-1');
    second.child.kill('SIGTERM');
    expect(await exitCode(second.child)).toBe(0);
  }, 90_000);

  it('refuses a wrong setting with one line naming it', async () => {
    const child = spawn(tsx, ['--conditions=source', 'gateway/src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty' },
    });
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
    });
    expect(await exitCode(child)).toBe(1);
    expect(err.trim()).toMatch(/^tillgate: Invalid PORT: [^\n]+$/);
  });
});
