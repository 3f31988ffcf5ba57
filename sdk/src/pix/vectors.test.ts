import { describe, expect, it } from 'vitest';
import { crc16 } from './crc.js';
import { encodeBRCode } from './encode.js';
import { BRCodeError } from './errors.js';
import type { BRCodeFields } from './fields.js';
import { parseBRCode } from './parse.js';

/**
 * Every published example we could find, each with its source. The Manual is BCB's "Manual de
 * Padrões para Iniciação do Pix" v2.10.0; the API Pix spec is `reference/bacen-pix-api-openapi-v2.9.0.yaml`
 * (shared); library vectors come from those libraries' test suites and READMEs.
 */
const MANUAL = {
  // Manual §2.6.3, "Exemplo de QR Code estático".
  static:
    '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D',
  // Manual §2.7.2, "Exemplo de QR Code Dinâmico".
  dynamic:
    '00020101021226700014br.gov.bcb.pix2548pix.example.com/8b3da2f39a4140d1a91abd93113bd4415204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***630464E4',
  // Manual §2.8.5.1, "QR Codes composto apenas com parâmetros de recorrência".
  recurrence:
    '00020126180014br.gov.bcb.pix5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***80740014br.gov.bcb.pix2552pix.example.com/rec/2353c790eefb11eaadc10242ac1200026304F2DA',
  // Manual §2.8.5.2, "QR Code composto com dados estáticos e parâmetros de recorrência".
  staticAndRecurrence:
    '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865406100.505802BR5913Fulano de Tal6008BRASILIA62070503***80740014br.gov.bcb.pix2552pix.example.com/rec/2353c790eefb11eaadc10242ac12000263042875',
  // Manual §2.8.5.3, "QR Code composto com dados dinâmicos … e parâmetros de recorrência".
  dynamicAndRecurrence:
    '00020101021226700014br.gov.bcb.pix2548pix.example.com/8b3da2f39a4140d1a91abd93113bd4415204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***80740014br.gov.bcb.pix2552pix.example.com/rec/2353c790eefb11eaadc10242ac1200026304FB42',
};

const API_PIX = {
  // API Pix v2.9.0, `recResponse` example: dadosQR of JORNADA_2 (recurrence alone).
  journey2:
    '00020126180014br.gov.bcb.pix5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***80800014br.gov.bcb.pix2558pix.example.com/qr/v2/rec/2353c790eefb11eaadc10242ac120002630462C9',
  // API Pix v2.9.0: dadosQR of JORNADA_3 (immediate charge + recurrence).
  journey3:
    '00020101021226760014br.gov.bcb.pix2554pix.example.com/qr/v2/8b3da2f39a4140d1a91abd93113bd4415204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***80800014br.gov.bcb.pix2558pix.example.com/qr/v2/rec/94ed2badcbc04c15b0bb7fa35319489063047741',
  // API Pix v2.9.0: dadosQR of JORNADA_4 (charge with due date + recurrence; location path `/cobv/`).
  journey4:
    '00020101021226810014br.gov.bcb.pix2559pix.example.com/qr/v2/cobv/1e6c54d3ec9449b7a7fc53b6b0f998e75204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***80800014br.gov.bcb.pix2558pix.example.com/qr/v2/rec/3ffa640fa4f14080adccb949fa2dc0d06304A441',
};

const MERCHANT = { merchantName: 'Fulano de Tal', merchantCity: 'BRASILIA' };
const KEY = '123e4567-e12b-12d1-a456-426655440000';

/** Closes a body with a correct CRC, so that a test reaches the fault it is about. */
const withCrc = (body: string) => `${body}6304${crc16(`${body}6304`)}`;

/** [source, payload, what parse must give (without the CRC)]. */
const READ: [string, string, BRCodeFields][] = [
  ['Manual §2.6.3', MANUAL.static, { kind: 'static', key: KEY, ...MERCHANT }],
  [
    'Manual §2.7.2',
    MANUAL.dynamic,
    { kind: 'dynamic', location: 'pix.example.com/8b3da2f39a4140d1a91abd93113bd441', usage: 'single-use', ...MERCHANT },
  ],
  [
    'Manual §2.8.5.1',
    MANUAL.recurrence,
    { kind: 'automatic', recurrence: 'pix.example.com/rec/2353c790eefb11eaadc10242ac120002', ...MERCHANT },
  ],
  [
    'Manual §2.8.5.2',
    MANUAL.staticAndRecurrence,
    {
      kind: 'automatic',
      recurrence: 'pix.example.com/rec/2353c790eefb11eaadc10242ac120002',
      payment: { kind: 'static', key: KEY, amount: 10050 },
      ...MERCHANT,
    },
  ],
  [
    'Manual §2.8.5.3',
    MANUAL.dynamicAndRecurrence,
    {
      kind: 'automatic',
      recurrence: 'pix.example.com/rec/2353c790eefb11eaadc10242ac120002',
      payment: { kind: 'dynamic', location: 'pix.example.com/8b3da2f39a4140d1a91abd93113bd441' },
      usage: 'single-use',
      ...MERCHANT,
    },
  ],
  [
    'API Pix v2.9.0, JORNADA_2',
    API_PIX.journey2,
    { kind: 'automatic', recurrence: 'pix.example.com/qr/v2/rec/2353c790eefb11eaadc10242ac120002', ...MERCHANT },
  ],
  [
    'API Pix v2.9.0, JORNADA_3',
    API_PIX.journey3,
    {
      kind: 'automatic',
      recurrence: 'pix.example.com/qr/v2/rec/94ed2badcbc04c15b0bb7fa353194890',
      payment: { kind: 'dynamic', location: 'pix.example.com/qr/v2/8b3da2f39a4140d1a91abd93113bd441' },
      usage: 'single-use',
      ...MERCHANT,
    },
  ],
  [
    'API Pix v2.9.0, JORNADA_4',
    API_PIX.journey4,
    {
      kind: 'automatic',
      recurrence: 'pix.example.com/qr/v2/rec/3ffa640fa4f14080adccb949fa2dc0d0',
      payment: { kind: 'dynamic-due', location: 'pix.example.com/qr/v2/cobv/1e6c54d3ec9449b7a7fc53b6b0f998e7' },
      usage: 'single-use',
      ...MERCHANT,
    },
  ],
  [
    // brazilian-utils/javascript (TS), getPixPayloadInfo tests: a Pix Saque code, fss 26.03 (Manual §2.6.1).
    'brazilian-utils/javascript, Pix Saque',
    withCrc(
      '00020126700014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000030812345678520400005303986540550.005802BR5913Fulano de Tal6008BRASILIA62070503***',
    ),
    { kind: 'saque', key: KEY, facilitator: '12345678', amount: 5000, ...MERCHANT },
  ],
  [
    // brazilian-utils/javascript: a location with point of initiation 11.
    'brazilian-utils/javascript, dynamic marked reusable',
    '00020101021126480014br.gov.bcb.pix2526pix.example.com/qr/v2/12345204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304F299',
    { kind: 'dynamic', location: 'pix.example.com/qr/v2/1234', usage: 'reusable', ...MERCHANT },
  ],
  [
    // thalesog/pix-utils (TS), parser.test.ts DYNAMIC_TEST_EMV: BCB's sandbox location, no tag 01.
    'thalesog/pix-utils, BCB sandbox dynamic',
    '00020126940014br.gov.bcb.pix2572qr-h.sandbox.pix.bcb.gov.br/rest/api/v2/cfe8166acaff4a62a18b7b766ef57c705204000053039865802BR5903Pix6008BRASILIA62070503***6304C7D7',
    {
      kind: 'dynamic',
      location: 'qr-h.sandbox.pix.bcb.gov.br/rest/api/v2/cfe8166acaff4a62a18b7b766ef57c70',
      merchantName: 'Pix',
      merchantCity: 'BRASILIA',
    },
  ],
  [
    // thalesog/pix-utils, STATIC_TEST_EMV_NUBANK: uppercase GUI (the Manual: the GUI is case insensitive), postal code.
    'thalesog/pix-utils, Nubank static',
    '00020126580014BR.GOV.BCB.PIX0119nubank@thalesog.com0213PIX de Testes52040000530398654041.005802BR5914Thales Ogliari6009SAO PAULO61080540900062070503***6304581E',
    {
      kind: 'static',
      key: 'nubank@thalesog.com',
      info: 'PIX de Testes',
      amount: 100,
      merchantName: 'Thales Ogliari',
      merchantCity: 'SAO PAULO',
      postalCode: '05409000',
    },
  ],
  [
    // thalesog/go-pix-utils (Go), pixUtils/test_data.go staticEmv.
    'thalesog/go-pix-utils, static',
    '00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 123520400005303986540510.005802BR5914THALES OGLIARI6013SAO MIGUEL DO62070503***63046CDA',
    {
      kind: 'static',
      key: 'thalesog@me.com',
      info: 'Pedido 123',
      amount: 1000,
      merchantName: 'THALES OGLIARI',
      merchantCity: 'SAO MIGUEL DO',
    },
  ],
  [
    // thalesog/go-pix-utils, pixUtils/test_data.go dynamicEmv.
    'thalesog/go-pix-utils, dynamic',
    '00020126740014br.gov.bcb.pix2552payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e875204000053039865802BR5914THALES OGLIARI6013SAO MIGUEL DO62070503***63047E8D',
    {
      kind: 'dynamic',
      location: 'payload.psp.com/3ec9d2f9-5f03-4e0e-820d-63a81e769e87',
      merchantName: 'THALES OGLIARI',
      merchantCity: 'SAO MIGUEL DO',
    },
  ],
  [
    // edleyteixeira/Pix-Payload (Python, PixPayloadGen), README: uppercase GUI and a txid.
    'PixPayloadGen (Python), README',
    '00020126360014BR.GOV.BCB.PIX0114972.124.824-04520400005303986540530.005802BR5918Victor Julio Rocha6006RECIFE62110507VIPSURF63041121',
    {
      kind: 'static',
      key: '972.124.824-04',
      amount: 3000,
      txid: 'VIPSURF',
      merchantName: 'Victor Julio Rocha',
      merchantCity: 'RECIFE',
    },
  ],
  [
    // CharlesMendes/brcode (JS), Exemplos_QR_Codes.txt: Banco Inter's dynamic code with an amount and a txid in 62.05.
    'CharlesMendes/brcode, Banco Inter dynamic',
    '00020101021226870014BR.GOV.BCB.PIX2565spi-qrcode.bancointer.com.br/spi/9479700d3c4d4f0bb964b87072c8b0d7520400005303986540513.135802BR5923MARCUS VINICIUS DE SOUZ6013Belo Horizont6223051920201112175bd957c9363048B75',
    {
      kind: 'dynamic',
      location: 'spi-qrcode.bancointer.com.br/spi/9479700d3c4d4f0bb964b87072c8b0d7',
      amount: 1313,
      txid: '20201112175bd957c93',
      usage: 'single-use',
      merchantName: 'MARCUS VINICIUS DE SOUZ',
      merchantCity: 'Belo Horizont',
    },
  ],
  [
    // CharlesMendes/brcode: a dynamic code whose 62.05 is text (ignored by the payer, Manual §2.7).
    'CharlesMendes/brcode, cornerpix dynamic with a txid',
    '00020101021226890014br.gov.bcb.pix2567qr-h.cornerpix.com.br/78632767/21291b23-83b6-4115-9cfe-6fd8b7c7155c52040000530398654041.005802BR5912C M SOFTWARE6010SA O PAULO62140510trx-123457630470D5',
    {
      kind: 'dynamic',
      location: 'qr-h.cornerpix.com.br/78632767/21291b23-83b6-4115-9cfe-6fd8b7c7155c',
      amount: 100,
      txid: 'trx-123457',
      usage: 'single-use',
      merchantName: 'C M SOFTWARE',
      merchantCity: 'SA O PAULO',
    },
  ],
  [
    // CharlesMendes/brcode: Mercado Pago's code carries template 43 of another arrangement.
    'CharlesMendes/brcode, Mercado Pago dynamic with another arrangement',
    '00020101021226910014BR.GOV.BCB.PIX2569pix-qr.mercadopago.com/instore/pix/p/04206eb29dc5416086d418f3e0a9c7b243530016com.mercadolibre0129https://mpago.la/pos/125021145204000053039865802BR5914ARTHUR FONTANA6009SAO PAULO62070503***630441C5',
    {
      kind: 'dynamic',
      location: 'pix-qr.mercadopago.com/instore/pix/p/04206eb29dc5416086d418f3e0a9c7b2',
      usage: 'single-use',
      otherAccounts: [{ id: '43', value: '0016com.mercadolibre0129https://mpago.la/pos/12502114' }],
      merchantName: 'ARTHUR FONTANA',
      merchantCity: 'SAO PAULO',
    },
  ],
  [
    // CharlesMendes/brcode: BTG's code carries the BR Code version template 62.50.
    'CharlesMendes/brcode, BTG dynamic with template 62.50',
    '00020101021226920014br.gov.bcb.pix2570api-h.developer.btgpactual.com/v1/q/d/bbb837b3bda54854badbaf334aee8d4552040000530398654049.505802BR5911BTG Pactual6014Rio de Janeiro62410503***50300017BR.GOV.BCB.BRCODE01051.0.06304FED0',
    {
      kind: 'dynamic',
      location: 'api-h.developer.btgpactual.com/v1/q/d/bbb837b3bda54854badbaf334aee8d45',
      amount: 950,
      usage: 'single-use',
      additionalTemplates: [{ id: '50', value: '0017BR.GOV.BCB.BRCODE01051.0.0' }],
      merchantName: 'BTG Pactual',
      merchantCity: 'Rio de Janeiro',
    },
  ],
  [
    // The Manual do BR Code v2.0.1 example (as in naomijub/brcode's (Rust) README and tests), its txid's dash
    // dropped as the Pix Manual §2.6.2 wants: a primitive account 04 and template 27 of other arrangements,
    // another scheme's template 80.
    'Manual do BR Code example, via naomijub/brcode',
    withCrc(
      '00020104141234567890123426580014BR.GOV.BCB.PIX0136123e4567-e12b-12d1-a456-42665544000027300012BR.COM.OUTRO011001234567895204000053039865406123.455802BR5917NOME DO RECEBEDOR6008BRASILIA61087007490062180514RP12345678201980390012BR.COM.OUTRO01190123.ABCD.3456.WXYZ',
    ),
    {
      kind: 'static',
      key: KEY,
      amount: 12345,
      txid: 'RP123456782019',
      otherAccounts: [
        { id: '04', value: '12345678901234' },
        { id: '27', value: '0012BR.COM.OUTRO01100123456789' },
      ],
      unreserved: [{ tag: '80', gui: 'BR.COM.OUTRO', fields: [{ id: '01', value: '0123.ABCD.3456.WXYZ' }] }],
      merchantName: 'NOME DO RECEBEDOR',
      merchantCity: 'BRASILIA',
      postalCode: '70074900',
    },
  ],
];

describe('parseBRCode reads every published example', () => {
  it.each(READ)('%s', (_, payload, fields) => {
    const { crc, ...parsed } = parseBRCode(payload);
    expect(parsed).toEqual(fields);
    expect(crc).toBe(payload.slice(-4));
  });

  it.each(Object.entries({ ...MANUAL, ...API_PIX }))('re-encodes %s byte for byte', (_, payload) => {
    expect(encodeBRCode(parseBRCode(payload))).toBe(payload);
  });

  it.each(READ)('re-encodes %s to a code that reads the same', (_, payload, fields) => {
    const { crc: _crc, ...again } = parseBRCode(encodeBRCode(parseBRCode(payload)));
    expect(again).toEqual(fields);
  });

  it('writes the uppercase GUI of a bank as the canonical lowercase one', () => {
    const nubank = READ.find(([source]) => source.includes('Nubank'))?.[1] ?? '';
    expect(encodeBRCode(parseBRCode(nubank))).toContain('0014br.gov.bcb.pix');
  });
});

/** Codes the libraries' suites list as valid that break a rule of the Pix Manual protecting money; each names its tag. */
const REFUSED: [string, string, string, string][] = [
  [
    // Manual do BR Code v2.0.1 example as is: the Pix Manual §2.6.2 allows letters and digits only in a static txid.
    'the Manual do BR Code example, txid with a dash',
    '00020104141234567890123426580014BR.GOV.BCB.PIX0136123e4567-e12b-12d1-a456-42665544000027300012BR.COM.OUTRO011001234567895204000053039865406123.455802BR5917NOME DO RECEBEDOR6008BRASILIA61087007490062190515RP12345678-201980390012BR.COM.OUTRO01190123.ABCD.3456.WXYZ6304AD38',
    'bad_value',
    '62.05',
  ],
  [
    // CharlesMendes/brcode "válidos": a txid of 39 characters (62.05 is limited to 25).
    'CharlesMendes/brcode, a txid of 39',
    '00020101021126330014BR.GOV.BCB.PIX0111248227754025204000053039865802BR5906MARCOS6009SAO PAULO62770539CRKef0a0363-568c-4752-9139-00e237195ce950300017BR.GOV.BCB.BRCODE01051.0.0630423C0',
    'value_too_long',
    '62.05',
  ],
  [
    // CharlesMendes/brcode "válidos": amount "0.0".
    'CharlesMendes/brcode, amount 0.0',
    '00020101021126580014br.gov.bcb.pix0136675C9CFE-C18B-4068-99F2-336BFB31A1F052040000530398654030.05802BR5923AMARICELIA DE OLIVEIRA 6011CARAPICUIBA61080636018062070503***6304495D',
    'bad_value',
    '54',
  ],
  [
    // CharlesMendes/brcode "válidos": amount "22" without decimals.
    'CharlesMendes/brcode, amount without decimals',
    '00020101021126450014br.gov.bcb.pix0114+55319933850570205Teste5204000053039865402225802BR5912RAFAEL SOUZA6009SAO PAULO62090505Teste63044984',
    'bad_value',
    '54',
  ],
  [
    // CharlesMendes/brcode "válidos": "São Paulo" is outside the EMV character set.
    'CharlesMendes/brcode, an accented city',
    '00020101021126650014BR.GOV.BCB.PIX0132guilherme@guilhermebranco.com.br0207InfoAdd5204000053039865406123.995802BR5925Guilherme Branco Stracini6009São Paulo61080317701062530515RP12345678-201950300017BR.GOV.BCB.BRCODE01051.0.06304F7AB',
    'bad_value',
    '60',
  ],
  [
    // brazilian-utils/javascript accepts a Saque of 0.00; the codec refuses a zero amount in any code.
    'brazilian-utils/javascript, a Saque of 0.00',
    '00020126700014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-42665544000003081234567852040000530398654040.005802BR5913Fulano de Tal6008BRASILIA62070503***63043A07',
    'bad_value',
    '54',
  ],
  [
    // thalesog/go-pix-utils, staticEmvWrongCrc.
    'thalesog/go-pix-utils, a CRC that is not hex',
    '00020126510014br.gov.bcb.pix0115thalesog@me.com0210Pedido 123520400005303986540510.005802BR5914THALES OGLIARI6013SAO MIGUEL DO62070503***63046CDX',
    'bad_crc',
    '63',
  ],
];

describe('parseBRCode refuses what the Manual does not allow, naming the tag', () => {
  it.each(REFUSED)('%s', (_, payload, code, tag) => {
    const error = (() => {
      try {
        parseBRCode(payload);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(BRCodeError);
    expect(error).toMatchObject({ code, tag });
  });
});

describe('every single-character change of the Manual and API Pix examples is caught', () => {
  const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
  it.each(Object.entries({ ...MANUAL, ...API_PIX }))('%s', (_, payload) => {
    let tried = 0;
    for (let at = 0; at < payload.length; at++) {
      const original = payload.charAt(at);
      // Three replacements per position: the next printable character, one far away, and the other case of a letter.
      const swapped = original === original.toUpperCase() ? original.toLowerCase() : original.toUpperCase();
      const shift = (n: number) => PRINTABLE.charAt((PRINTABLE.indexOf(original) + n) % PRINTABLE.length);
      for (const replacement of new Set([shift(1), shift(47), swapped])) {
        if (replacement === original) continue;
        const changed = payload.slice(0, at) + replacement + payload.slice(at + 1);
        expect(() => parseBRCode(changed), `position ${at}: ${original} → ${replacement}`).toThrow(BRCodeError);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(payload.length * 2);
  });
});
