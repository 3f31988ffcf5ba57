/** One route of the API as the OpenAPI document (built from the route table, `apiRoutes`) describes it. */
export interface TableRoute {
  method: string;
  /** Express style: `/v1/orders/:id`. */
  path: string;
  /** No authentication (`security: []`). */
  public: boolean;
  /** Path parameters and the id prefix each takes, read from the collection the parameter follows. */
  ids: Record<string, string>;
}

/** The id prefix of the things each collection holds. */
const PREFIX_OF: Record<string, string> = {
  orders: 'ord',
  stores: 'sto',
  tills: 'till',
  'webhook-endpoints': 'whe',
  'webhook-deliveries': 'whd',
  'provider-accounts': 'pac',
  pix: 'pac',
  // `/v1/providers/{adapter}/{account_id}/webhook`: the segment before the account is the adapter's id.
  '{adapter}': 'pac',
  users: 'usr',
  documents: 'doc',
  reports: 'rpt',
  'report-subscriptions': 'rsb',
  'payment-links': 'pl',
};

interface OpenApi {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

export async function apiRouteTable(url: string): Promise<TableRoute[]> {
  const doc = (await (await fetch(`${url}/v1/openapi.json`)).json()) as OpenApi;
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method,
      path: path.replace(/\{(\w+)\}/g, ':$1'),
      public: Array.isArray(op.security) && op.security.length === 0,
      ids: idsOf(path),
    })),
  );
}

function idsOf(path: string): Record<string, string> {
  const segments = path.split('/');
  const ids: Record<string, string> = {};
  segments.forEach((segment, i) => {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    const prefix = PREFIX_OF[segments[i - 1] ?? ''];
    if (name && prefix) ids[name] = prefix;
  });
  return ids;
}
