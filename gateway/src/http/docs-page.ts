export const escapeHtml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string }>;
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
}

const block = (title: string, value: unknown) =>
  `<details><summary>${escapeHtml(title)}</summary><pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre></details>`;

function renderOperation(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${escapeHtml(p.name)}</code> <small>${p.in}${p.required ? ', required' : ''}</small>${p.description ? ` — ${escapeHtml(p.description)}` : ''}</li>`,
    )
    .join('');
  const content = op.requestBody?.content ?? {};
  const body = op.requestBody
    ? block(`Request body (${Object.keys(content).join(', ')})`, Object.values(content)[0]?.schema ?? {})
    : '';
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      const schema = Object.values(r.content ?? {})[0]?.schema;
      return schema
        ? block(`${status} ${r.description}`, schema)
        : `<p><b>${status}</b> ${escapeHtml(r.description)}</p>`;
    })
    .join('');
  const auth =
    op.security && op.security.length === 0 ? '<span class="tag">no auth</span>' : '<span class="tag">Bearer</span>';
  return `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> ${auth}</h3>
<p>${escapeHtml(op.summary ?? '')}</p>${params ? `<ul>${params}</ul>` : ''}${body}${responses}</section>`;
}

/** A self-contained reference page rendered from the OpenAPI document (no scripts, no CDN). */
export function renderDocsPage(doc: Record<string, unknown>): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op)]);
    }
  }
  const sections = [...byTag]
    .map(([tag, ops]) => `<h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${ops.join('')}`)
    .join('');
  const nav = [...byTag.keys()].map((t) => `<a href="#${escapeHtml(t)}">${escapeHtml(t)}</a>`).join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title)} reference</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d2733}
section{border:1px solid #dde3ea;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}
pre{background:#f5f7fa;padding:.75rem;overflow:auto;font-size:13px}.m{display:inline-block;min-width:3.5rem;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:0 .4rem}
.get{background:#2f7d32}.post{background:#1565c0}.tag{font-size:12px;color:#5b6875;border:1px solid #c9d2dc;border-radius:4px;padding:0 .3rem}
</style></head><body><h1>${escapeHtml(info.title)} <small>v${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)} Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a>. WebSocket: <code>/v1/ws</code>.</p>
<nav>${nav}</nav>${sections}</body></html>`;
}
