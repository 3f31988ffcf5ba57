import { readFileSync } from 'node:fs';
import { Tillgate } from '@tillgate/sdk';
import { sell } from './sale.js';
import { consoleTerminal } from './terminal.js';

const demoFile = process.env.TILLGATE_CREDENTIALS ?? new URL('../../../.data/demo-credentials.json', import.meta.url);
const demo = JSON.parse(readFileSync(demoFile, 'utf8'));
const tillgate = new Tillgate({
  baseUrl: demo.gateway_url,
  auth: { accessKey: demo.access_key, secretKey: demo.secret_key, clientId: demo.tills[0].client_id },
});

let sale: AbortController | undefined;
const terminal = consoleTerminal(() => {
  if (sale && !sale.signal.aborted) return sale.abort();
  terminal.close();
  process.exit(0);
});

terminal.write(`Caixa ${demo.tills[0].client_id} em ${demo.gateway_url}. Ctrl-C sai.\n`);
for (let n = 1; ; n++) {
  sale = new AbortController();
  await sell(tillgate, terminal, { interrupt: sale.signal, orderRef: `PDV-${Date.now()}-${n}` });
  terminal.write('');
}
