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

export type Credentials = TillCredentials | AppCredentials | ClientSecretCredentials;
