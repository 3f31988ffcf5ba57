import { parseArgs } from 'node:util';
import { type Command, parseOrRefuse } from '../command.js';
import { readCredentials } from '../play/credentials.js';

const NATUREZAS = ['MED_FRAUDE', 'MED_OPERACIONAL', 'MED_PIX_AUTOMATICO'];

const USAGE = `tillgate-sim med <order id | txid> [options]   (the payer's bank takes a Pix back through the MED)
  --valor R            how much, in reais (e.g. 7.00; default: what is left of the Pix)
  --natureza N         ${NATUREZAS.join(' | ')} (default MED_FRAUDE)
  --emulator URL       the Pix emulator (default: pix_emulator_url in --credentials)
  --credentials FILE   the demo credentials pnpm start writes (default ./.data/demo-credentials.json)`;

interface MedOptions {
  txid: string;
  emulatorUrl: string;
  body: { valor?: string; natureza: string };
}

function parseMed(args: string[]): MedOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      valor: { type: 'string' },
      natureza: { type: 'string', default: 'MED_FRAUDE' },
      emulator: { type: 'string' },
      credentials: { type: 'string', default: './.data/demo-credentials.json' },
    },
  });
  const [target] = positionals;
  if (!target) throw new Error('which order? give its id (ord_…) or its txid');
  if (!NATUREZAS.includes(values.natureza)) throw new Error(`--natureza: one of ${NATUREZAS.join(', ')}`);
  if (values.valor !== undefined && !/^\d{1,10}\.\d{2}$/.test(values.valor))
    throw new Error(`--valor: "${values.valor}" is not reais with two decimals`);
  const emulatorUrl = values.emulator ?? readCredentials(values.credentials).pix_emulator_url;
  if (!emulatorUrl) throw new Error('--emulator: no Pix emulator given and none in the credentials');
  return {
    // The gateway's txid is the order id without its `ord_` prefix.
    txid: target.replace(/^ord_/, ''),
    emulatorUrl,
    body: { natureza: values.natureza, ...(values.valor === undefined ? {} : { valor: values.valor }) },
  };
}

/** Asks the Pix emulator to play a MED devolução (`POST /_emulator/cob/{txid}/med`); it notifies the gateway as a PSP would. */
export const medCommand: Command = {
  usage: USAGE,
  async run(args) {
    const options = parseOrRefuse(() => parseMed(args));
    const res = await fetch(new URL(`/_emulator/cob/${options.txid}/med`, options.emulatorUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(options.body),
    });
    const text = await res.text();
    if (!res.ok) {
      console.error(`the emulator refused the MED: ${res.status} ${text}`);
      return 1;
    }
    console.log(text);
    return 0;
  },
};
