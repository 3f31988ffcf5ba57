/**
 * What a location points at, read from its path as the Manual lays it out (§2.5.2):
 * `{fqdnPspRecebedor}/{endpointOpcional}/{fragmentoTipoRecurso}/{urlAccessToken}`, where the
 * resource fragment is absent or `cob` for an immediate charge, `cobv` for a charge with a
 * due date and `rec` for a recurrence. The fragment is looked for among the path segments
 * between the host and the token, so `pix.example.com/qr/v2/cobv/9d36…` is a cobv.
 */
export type LocationResource = 'cob' | 'cobv' | 'rec';

export function locationResource(location: string): LocationResource {
  const between = location.split('/').slice(1, -1);
  if (between.includes('rec')) return 'rec';
  if (between.includes('cobv')) return 'cobv';
  return 'cob';
}

/** The host a location names (its first segment, without a port). */
export function locationHost(location: string): string {
  return (location.split('/')[0] ?? '').split(':')[0]?.toLowerCase() ?? '';
}
