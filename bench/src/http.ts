/** A JSON call to the gateway with a till token; throws on anything but the expected status. */
export async function call<T>(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: object,
  expect: number[] = [200, 201],
): Promise<{ status: number; body: T }> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const answer = (await res.json()) as T;
  if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
  return { status: res.status, body: answer };
}
