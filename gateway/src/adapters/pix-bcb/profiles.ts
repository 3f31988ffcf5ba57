/**
 * The banks whose API Pix the `pix-bcb` adapter speaks: data only, one entry per bank. Which facts
 * were confirmed from public documentation and which were assumed is in this folder's README.md.
 */
export interface PixBankProfile {
  readonly id: PixProfileId;
  readonly name: string;
  /** API Pix base URL (scheme, host and path prefix) per environment. */
  readonly apiUrl: Readonly<Record<'test' | 'live', string>>;
  readonly tokenUrl: Readonly<Record<'test' | 'live', string>>;
  readonly scopes: string;
  /** How the client credentials travel to the token endpoint: HTTP Basic, or form fields. */
  readonly tokenAuth: 'basic' | 'form';
  /** A developer-application key every call carries as this query parameter. */
  readonly appKeyParam?: string;
  /** Whether the bank demands a client certificate; 'live' means in production only. */
  readonly mtls: 'always' | 'live';
}

/** Whether an account of this bank must present a client certificate in this environment. */
export const demandsCertificate = (profile: PixBankProfile, environment: 'test' | 'live'): boolean =>
  profile.mtls === 'always' || environment === 'live';

export const PIX_PROFILE_IDS = ['itau', 'santander', 'bb', 'bradesco', 'pagbank', 'mercadopago'] as const;
export type PixProfileId = (typeof PIX_PROFILE_IDS)[number];

const STANDARD_SCOPES =
  'cob.write cob.read pix.write pix.read webhook.write webhook.read payloadlocation.write payloadlocation.read';

export const PIX_PROFILES: Readonly<Record<PixProfileId, PixBankProfile>> = {
  itau: {
    id: 'itau',
    name: 'Itaú',
    apiUrl: {
      test: 'https://devportal.itau.com.br/sandboxapi/pix_recebimentos_ext_v2/v2',
      live: 'https://secure.api.itau/pix_recebimentos/v2',
    },
    tokenUrl: {
      test: 'https://devportal.itau.com.br/api/jwt/as/token.oauth2',
      live: 'https://sts.itau.com.br/as/token.oauth2',
    },
    scopes: STANDARD_SCOPES,
    tokenAuth: 'form',
    mtls: 'live',
  },
  santander: {
    id: 'santander',
    name: 'Santander',
    apiUrl: { test: 'https://trust-pix-h.santander.com.br/api/v1', live: 'https://trust-pix.santander.com.br/api/v1' },
    tokenUrl: {
      test: 'https://trust-pix-h.santander.com.br/oauth/token',
      live: 'https://trust-pix.santander.com.br/oauth/token',
    },
    scopes: STANDARD_SCOPES,
    tokenAuth: 'form',
    mtls: 'always',
  },
  bb: {
    id: 'bb',
    name: 'Banco do Brasil',
    apiUrl: { test: 'https://api.sandbox.bb.com.br/pix/v2', live: 'https://api-pix.bb.com.br/pix/v2' },
    tokenUrl: { test: 'https://oauth.sandbox.bb.com.br/oauth/token', live: 'https://oauth.bb.com.br/oauth/token' },
    scopes: STANDARD_SCOPES,
    tokenAuth: 'basic',
    appKeyParam: 'gw-dev-app-key',
    mtls: 'live',
  },
  bradesco: {
    id: 'bradesco',
    name: 'Bradesco',
    apiUrl: { test: 'https://qrpix-h.bradesco.com.br/v2', live: 'https://qrpix.bradesco.com.br/v2' },
    tokenUrl: {
      test: 'https://qrpix-h.bradesco.com.br/auth/server/oauth/token',
      live: 'https://qrpix.bradesco.com.br/auth/server/oauth/token',
    },
    scopes: STANDARD_SCOPES,
    tokenAuth: 'basic',
    mtls: 'always',
  },
  pagbank: {
    id: 'pagbank',
    name: 'PagBank (PagSeguro)',
    apiUrl: {
      test: 'https://secure.sandbox.api.pagseguro.com/instant-payments',
      live: 'https://secure.api.pagseguro.com/instant-payments',
    },
    tokenUrl: {
      test: 'https://secure.sandbox.api.pagseguro.com/pix/oauth2',
      live: 'https://secure.api.pagseguro.com/pix/oauth2',
    },
    scopes: 'cob.write cob.read pix.write pix.read webhook.write',
    tokenAuth: 'basic',
    mtls: 'always',
  },
  mercadopago: {
    id: 'mercadopago',
    name: 'Mercado Pago',
    apiUrl: { test: 'https://api.mercadopago.com/pix/v2', live: 'https://api.mercadopago.com/pix/v2' },
    tokenUrl: { test: 'https://api.mercadopago.com/oauth/token', live: 'https://api.mercadopago.com/oauth/token' },
    scopes: STANDARD_SCOPES,
    tokenAuth: 'form',
    mtls: 'live',
  },
};
