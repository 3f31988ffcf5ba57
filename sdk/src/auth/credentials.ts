/** A till's credentials: its store's access key and secret key, and the till's own client id. */
export interface TillCredentials {
  accessKey: string;
  secretKey: string;
  clientId: string;
}

/** Server-to-server credentials, merchant-wide in one environment; orders must then name a `till_id`. */
export interface AppCredentials {
  appName: string;
  appSecret: string;
}

/** An order's client secret: reads and watches that one order, nothing else. For browsers. */
export interface ClientSecretCredentials {
  clientSecret: string;
}

/**
 * Till or app credentials read afresh at each sign-in, so a long-running client picks up a rotated pair (the
 * old one stops working at rotation) without being rebuilt; a `watch` keeps retrying a refused sign-in.
 *
 * @example
 * ```ts
 * const tillgate = new Tillgate({ baseUrl, auth: () => JSON.parse(readFileSync('till.json', 'utf8')) });
 * ```
 */
export type CredentialSource = () => TillCredentials | AppCredentials | Promise<TillCredentials | AppCredentials>;

export type Credentials = TillCredentials | AppCredentials | ClientSecretCredentials | CredentialSource;
