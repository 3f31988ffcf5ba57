import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGateway, spawnGateway } from './support/processes.js';

interface Credentials {
  gateway_url: string;
  access_key: string;
  secret_key: string;
  tills: Array<{ id: string; client_id: string }>;
}

async function login(c: Credentials): Promise<string> {
  const res = await fetch(`${c.gateway_url}/v1/auth/till`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ access_key: c.access_key, secret_key: c.secret_key, client_id: c.tills[0]?.client_id }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('the gateway process on the embedded default', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tillgate-process-'));
  const credentials = () =>
    JSON.parse(readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as Credentials;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with no configuration, writes the demo credentials, keeps its data across a restart, and stops on SIGTERM', async () => {
    const first = await spawnGateway({ TILLGATE_DATA_DIR: dataDir });
    const creds = credentials();
    expect(creds).toMatchObject({
      gateway_url: first.url,
      tills: [{ client_id: 'demo-caixa-01' }, { client_id: 'demo-caixa-02' }],
    });
    const created = await fetch(`${creds.gateway_url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(creds)}` },
      body: JSON.stringify({ order_ref: 'PROC-1', wallet: 'pix', amount: 1990 }),
    });
    expect(created.status).toBe(201);
    const order = (await created.json()) as { id: string };
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await spawnGateway({ TILLGATE_DATA_DIR: dataDir });
    const again = credentials();
    const read = await fetch(`${again.gateway_url}/v1/orders/${order.id}`, {
      headers: { authorization: `Bearer ${await login(again)}` },
    });
    expect(((await read.json()) as { order_ref: string }).order_ref).toBe('PROC-1');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('refuses a wrong setting with one line naming it', async () => {
    const { code, stderr } = await runGateway({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^tillgate: Invalid PORT: [^\n]+$/);
  });
});
