import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCompression } from '../../../src/client/options/compression.js';
import { resolveClientOptions } from '../../../src/scenario/index.js';

const ok = (value: unknown) => {
  const result = parseCompression(value);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
};

const hint = (value: unknown): string | undefined => {
  const result = parseCompression(value);
  assert.ok(!result.ok, JSON.stringify(result));
  return result.hint;
};

test('gzip is both halves: gzipped requests, answers asked as gzip, br', () => {
  assert.deepEqual(ok('gzip'), { requests: 'gzip', answers: ['gzip', 'br'] });
  assert.equal(ok(false), null);
  assert.equal(ok(null), null);
});

test('the mapping says each half; a half left out is off; both off is no compression', () => {
  assert.deepEqual(ok({ requests: 'gzip', answers: ['br', 'gzip'] }), { requests: 'gzip', answers: ['br', 'gzip'] });
  assert.deepEqual(ok({ answers: 'br' }), { requests: null, answers: ['br'] });
  assert.deepEqual(ok({ requests: 'gzip', answers: false }), { requests: 'gzip', answers: null });
  assert.equal(ok({ requests: false, answers: false }), null);
  assert.equal(ok({}), null);
});

test('bad values say what is wrong', () => {
  assert.equal(hint('gz1p'), 'did you mean "gzip"?');
  assert.equal(hint({ answer: ['gzip'] }), 'unknown key "answer": did you mean "answers"?');
  assert.equal(hint({ answers: ['gzip', 'zstd'] }), 'answers: "zstd" is not a coding mcp-bench decodes; use gzip or br');
  assert.equal(hint({ answers: ['gzip', 'bR'] }), 'answers: "bR" is not a coding mcp-bench decodes; did you mean "br"?');
  assert.equal(hint({ answers: ['br', 'br'] }), 'answers: br is listed twice');
  assert.equal(hint({ answers: [] }), 'answers: a list of codings, like [gzip, br], or false');
  assert.equal(hint({ requests: 'br' }), 'requests: gzip or false (request bodies are gzipped, nothing else)');
  assert.equal(parseCompression(7).ok, false);
});

test('in a client block: resolved into the policy, a bad value reported at compression', () => {
  const good = resolveClientOptions({ compression: { answers: ['br'] } }, {}, '/');
  assert.ok(good.ok);
  assert.deepEqual(good.client.compression, { requests: null, answers: ['br'] });
  const bad = resolveClientOptions({ compression: { answers: ['lz4'] } }, {}, '/');
  assert.ok(!bad.ok);
  assert.deepEqual(bad.issues.map((issue) => issue.path), ['compression']);
  assert.match(bad.issues[0]?.message ?? '', /expected gzip, false, or \{ requests: gzip \| false, answers: \[gzip, br\] \| false \}/);
});
