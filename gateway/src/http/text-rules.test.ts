import { describe, expect, it } from 'vitest';
import { textProblem } from './text-rules.js';

describe('textProblem', () => {
  it('accepts ordinary text, emoji (paired surrogates) and non-strings', () => {
    expect(textProblem({ a: 'Pão de queijo 🧀', n: 1, b: [true, null, { c: 'ok' }] }, '')).toBeUndefined();
  });

  it('names the field holding a NUL, however deep', () => {
    expect(textProblem({ buyer: { name: 'a\u0000b' } }, '')).toEqual({
      field: 'buyer.name',
      message: 'must not contain NUL (\\u0000)',
    });
    expect(textProblem({ items: [{ title: 'x' }, { title: '\u0000' }] }, '')?.field).toBe('items.1.title');
    expect(textProblem({ q: '\u0000' }, 'query')?.field).toBe('query.q');
  });

  it('names the field holding a lone surrogate, and a bad key escaped', () => {
    expect(textProblem({ order_ref: 'A\ud800' }, '')?.field).toBe('order_ref');
    expect(textProblem({ order_ref: '\udc00x' }, '')?.message).toMatch(/lone surrogate/);
    expect(textProblem({ metadata: { 'k\ud800': 'v' } }, '')?.field).toBe('metadata.k\\ud800');
    expect(textProblem('\u0000', '')?.field).toBe('(body)');
  });
});

describe('textProblem on deep bodies', () => {
  it('walks 30,000 levels of nesting without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(30_000)}"\\u0000"${']'.repeat(30_000)}`);
    expect(textProblem(deep, '')?.message).toMatch(/NUL/);
  });
});
