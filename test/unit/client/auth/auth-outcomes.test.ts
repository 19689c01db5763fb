import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuthError } from '../../../../src/client/auth/auth-error.js';
import { TokenStats, authBlock, mergeAuthSummaries } from '../../../../src/client/auth/token-stats.js';
import { classifyError } from '../../../../src/client/classify.js';
import { errorKey, retryClassOf } from '../../../../src/client/outcome.js';
import { HttpStatusError } from '../../../../src/client/transports/http-errors.js';
import { failureResponse } from '../../../../src/client/transports/transport-failure.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { authText } from '../../../../src/report/auth-text.js';

test('401 and 403 are auth outcomes of their own, counted by code and never retried', () => {
  const key = (error: unknown) => errorKey(classifyError(error, false));
  assert.equal(key(new HttpStatusError(401, null, '')), 'auth:unauthorized');
  assert.equal(key(new HttpStatusError(403, null, 'no')), 'auth:forbidden');
  assert.equal(key(new AuthError('token-failed', 'the token endpoint answered HTTP 400 (invalid_client)')), 'auth:token-failed');
  assert.equal(key(new HttpStatusError(404, null, '')), 'transport:http-404', 'other statuses are as before');
  // A request's 401 reaches the caller inside the synthesized error response, and is classified the same.
  const { error } = failureResponse(7, new HttpStatusError(401, null, ''));
  assert.equal(key(new McpError(error.code, error.message, error.data)), 'auth:unauthorized');
  for (const code of ['unauthorized', 'forbidden', 'token-failed'] as const) assert.equal(retryClassOf({ kind: 'auth', code }), null);
});

test('auth blocks add exactly: counts summed, histograms added, the exact max kept', () => {
  const a = new TokenStats();
  a.fetched('first', 1_000);
  a.fetched('refresh', 3_000);
  const b = new TokenStats();
  b.fetched('first', 2_000);
  b.fetched('unauthorized', 5_000);
  b.failed(9_001);
  const merged = mergeAuthSummaries([a.summary(), null, b.summary()])!;
  assert.deepEqual([merged.fetched, merged.refreshes, merged.afterUnauthorized, merged.failures], [4, 1, 1, 1]);
  assert.equal(merged.fetchUs.max, 9_001);
  assert.equal(merged.fetchUs.min, 1_000);
  assert.deepEqual(authBlock([null, undefined]), {}, 'no block when no target has auth');
  assert.equal(mergeAuthSummaries([merged, merged])!.fetched, 8);
});

test('the view line names counts and fetch times, never a token', () => {
  const stats = new TokenStats();
  stats.fetched('first', 1_500);
  stats.fetched('refresh', 2_000);
  stats.fetched('unauthorized', 2_500);
  assert.match(authText(stats.summary()), /^auth: 3 tokens fetched \(1 refresh before expiry, 1 after a 401\); fetch p50 2(\.0+)?ms, max 2\.50?ms$/);
  stats.failed(100);
  assert.match(authText(stats.summary()), /1 failed fetch;/);
});
