import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.js';
import { suiteGateway, type TestGateway } from './support/gateway.js';
import { spawnSimulator } from './support/processes.js';

for (const backend of await backends()) {
  describe.skipIf(backend.unavailable)(`tillgate-sim demo on ${backend.name}`, () => {
    let t!: TestGateway;
    let dir: string;
    let credentials: string;
    suiteGateway(backend, {}, (suite) => {
      ({ t } = suite);
    });
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'tillgate-sim-demo-'));
      credentials = path.join(dir, 'demo-credentials.json');
      writeFileSync(credentials, JSON.stringify({ gateway_url: t.url, ...t.demo, pix_emulator_url: null }));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('plays the demo tills for --duration, printing their rows as plain lines, and passes its checks', async () => {
      const sim = spawnSimulator([
        'demo',
        '--url',
        t.url,
        '--credentials',
        credentials,
        '--duration',
        '5s',
        '--seed',
        '7',
      ]);
      expect(await sim.exited, sim.stderr()).toBe(0);
      const out = sim.stdout();
      expect(out).toMatch(/^till +order +amount +wallet +left +status/m);
      for (const till of t.demo.tills) expect(out).toMatch(new RegExp(`^${till.name} +D7-\\S+ +R\\$ \\d+,\\d\\d`, 'm'));
      expect(out).toMatch(/invariant violations 0/);
      expect(out).not.toContain('\u001b[');
    });

    it('stops at Ctrl-C with the summary and exit 0', async () => {
      const sim = spawnSimulator(['demo', '--url', t.url, '--credentials', credentials, '--seed', '8']);
      await expect.poll(() => sim.stdout(), { timeout: 20_000 }).toMatch(/ pending$/m);
      sim.child.kill('SIGINT');
      expect(await sim.exited, sim.stderr()).toBe(0);
      expect(sim.stdout()).toMatch(/orders +[1-9]\d* /);
      expect(sim.stdout()).toMatch(/invariant violations 0/);
    });
  });
}
