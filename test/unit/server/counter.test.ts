import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageCounter, type HttpCounts } from '../../../src/server/counter.js';

const NO_HTTP: HttpCounts = {
  rateLimited: 0,
  unavailable: 0,
  sessionNotFound: 0,
  sessionsExpired: 0,
  gzipBodies: 0,
  unsupportedEncoding: 0,
  gzipAnswers: 0,
  brAnswers: 0,
  deletes: 0,
  gets: 0,
  withoutProtocolVersion: 0,
  rebindingRefused: 0,
};

test('counts requests by method, and calls by tool, uri and prompt', () => {
  const counter = new MessageCounter();
  counter.record({ jsonrpc: '2.0', id: 1, method: 'ping' });
  counter.record({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: {} } });
  counter.record({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo' } });
  counter.record({ jsonrpc: '2.0', id: 4, method: 'resources/read', params: { uri: 'bench://static/small' } });
  counter.record({ jsonrpc: '2.0', id: 5, method: 'prompts/get', params: { name: 'greeting' } });
  counter.record({ jsonrpc: '2.0', id: 8, method: 'initialize', params: { protocolVersion: '2025-06-18' } });
  counter.record({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 7 } });
  counter.record({ jsonrpc: '2.0', method: 'notifications/initialized' });
  counter.record({ jsonrpc: '2.0', id: 'server-1', result: {} });
  assert.deepEqual(counter.snapshot(), {
    requests: { ping: 1, 'tools/call': 3, 'resources/read': 1, 'prompts/get': 1, initialize: 1 },
    notifications: { 'notifications/initialized': 1 },
    responses: 1,
    tools: { echo: 2, '(invalid)': 1 },
    distinctArguments: { echo: 1, '(invalid)': 1 },
    resources: { 'bench://static/small': 1 },
    prompts: { greeting: 1 },
    initializeVersions: { '2025-06-18': 1 },
    http: NO_HTTP,
  });
});

test('reset starts from zero and snapshots are copies', () => {
  const counter = new MessageCounter();
  counter.record({ jsonrpc: '2.0', id: 1, method: 'ping' });
  const before = counter.snapshot();
  counter.reset();
  assert.deepEqual(before.requests, { ping: 1 });
  assert.deepEqual(counter.snapshot(), {
    requests: {},
    notifications: {},
    responses: 0,
    tools: {},
    distinctArguments: {},
    resources: {},
    prompts: {},
    initializeVersions: {},
    http: NO_HTTP,
  });
});

test('HTTP-level events are counted apart from messages, and reset with them', () => {
  const counter = new MessageCounter();
  counter.recordHttp('rateLimited');
  counter.recordHttp('rateLimited');
  counter.recordHttp('gzipBodies');
  const before = counter.snapshot();
  assert.deepEqual(before.http, { ...NO_HTTP, rateLimited: 2, gzipBodies: 1 });
  assert.deepEqual(before.requests, {});
  counter.reset();
  assert.deepEqual(before.http.rateLimited, 2, 'a snapshot is a copy');
  assert.deepEqual(counter.snapshot().http, NO_HTTP);
});

test('distinct arguments are counted per tool, whatever the order of their keys', () => {
  const counter = new MessageCounter();
  const call = (id: number, name: string, args: unknown): void =>
    counter.record({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
  call(1, 'lookup', { id: 1, tag: 'a' });
  call(2, 'lookup', { tag: 'a', id: 1 });
  call(3, 'lookup', { id: 2, tag: 'a' });
  call(4, 'lookup', { id: 2, tag: 'x'.repeat(100) }); // long: compared by hash
  call(5, 'lookup', { tag: 'x'.repeat(100), id: 2 });
  call(6, 'echo', { message: 'hi' });
  assert.deepEqual(counter.snapshot().tools, { lookup: 5, echo: 1 });
  assert.deepEqual(counter.snapshot().distinctArguments, { lookup: 3, echo: 1 });
});
