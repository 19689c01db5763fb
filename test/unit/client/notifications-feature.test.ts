import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { buildTarget, targetSchema } from '../../../src/client/targets/registry.js';
import { notificationsFeature } from '../../../src/client/session/notifications.js';
import { NotificationCounter, mergeNotifications } from '../../../src/metrics/notifications.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

const target = (fields: Record<string, unknown> = {}) => {
  const parsed = targetSchema.safeParse({ stdio: { command: 'node', ...fields } });
  assert.ok(parsed.success);
  return buildTarget(parsed.data, '/tmp');
};

/** A transport whose messages the test delivers; the SDK's dispatch stands in as `dispatched`. */
function fakeTransport() {
  const dispatched: string[] = [];
  const transport = { onmessage: undefined, start: async () => {}, send: async () => {}, close: async () => {} } as unknown as Transport;
  return {
    transport,
    dispatched,
    /** What the SDK's connect() does: keep the onmessage set before it and call it first. */
    connectSdk: () => {
      const before = transport.onmessage;
      transport.onmessage = (m: JSONRPCMessage, e) => {
        before?.(m, e);
        dispatched.push('method' in m ? m.method : 'response');
      };
    },
    deliver: (m: JSONRPCMessage) => transport.onmessage!(m),
  };
}

/** A client with or without the logging capability; setLevel answers ok or rejects. */
function fakeClient(logging: boolean, fails = false) {
  const levels: string[] = [];
  const client = {
    getServerCapabilities: () => (logging ? { logging: {} } : {}),
    setLoggingLevel: async (level: string) => {
      if (fails) throw new Error('no');
      levels.push(level);
      return {};
    },
  } as unknown as Client;
  return { client, levels };
}

test('no listener and no logLevel: no feature', () => {
  assert.equal(notificationsFeature.build({ target: target(), clock: new FakeClock(), setup: {} }), null);
});

test('every notification reaches the workload ahead of the SDK, responses and requests do not; counted by method and level', () => {
  const counter = new NotificationCounter();
  const feature = notificationsFeature.build({ target: target(), clock: new FakeClock(), setup: { events: counter.events } })!;
  assert.equal(feature.afterInitialize, undefined, 'no logLevel: nothing sent after initialize');
  const { transport, dispatched, connectSdk, deliver } = fakeTransport();
  feature.beforeInitialize!({} as Client, transport);
  connectSdk();
  deliver({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x' } });
  deliver({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'error', data: 'x' } });
  deliver({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } });
  deliver({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
  deliver({ jsonrpc: '2.0', method: 'notifications/prompts/list_changed' });
  deliver({ jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'x' } });
  deliver({ jsonrpc: '2.0', id: 1, result: {} });
  deliver({ jsonrpc: '2.0', id: 2, method: 'roots/list' });
  assert.equal(dispatched.length, 8, 'the SDK still gets every message');
  assert.deepEqual(counter.summary(), {
    total: 6,
    byMethod: {
      'notifications/message': 2,
      'notifications/progress': 1,
      'notifications/tools/list_changed': 1,
      'notifications/prompts/list_changed': 1,
      'notifications/resources/updated': 1,
    },
    logLevels: { info: 1, error: 1 },
    listChanged: 2,
  });
  assert.deepEqual(counter.warnings(), []);
});

test('logLevel: setLevel sent after initialize; skipped with a warning when the server has no logging; an error is noted, not thrown', async () => {
  const counter = new NotificationCounter('warning');
  const feature = notificationsFeature.build({ target: target({ logLevel: 'warning' }), clock: new FakeClock(), setup: { events: counter.events } })!;
  const able = fakeClient(true);
  await feature.afterInitialize!(able.client);
  assert.deepEqual(able.levels, ['warning']);
  await feature.afterInitialize!(fakeClient(false).client);
  await feature.afterInitialize!(fakeClient(true, true).client);
  assert.deepEqual(counter.summary(), { total: 0, byMethod: {}, logLevels: {}, listChanged: 0, setLevel: { level: 'warning', sent: 1, skipped: 1, failed: 1 } });
  const warnings = counter.warnings();
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /logLevel warning: the server declares no logging capability, so logging\/setLevel was not sent \(1 session/);
  assert.match(warnings[1]!, /answered logging\/setLevel with an error/);
});

test('nothing notified and no logLevel: no block; merges sum every count', () => {
  assert.equal(new NotificationCounter().summary(), null);
  const a = new NotificationCounter('info');
  const b = new NotificationCounter('info');
  a.events.setupCall!('logging/setLevel', 'ok');
  b.events.setupCall!('logging/setLevel', 'ok');
  a.heard('notifications/message', { level: 'info' });
  b.heard('notifications/message', { level: 'debug' });
  b.heard('notifications/tools/list_changed', undefined);
  assert.deepEqual(mergeNotifications([a.summary(), null, b.summary(), undefined]), {
    total: 3,
    byMethod: { 'notifications/message': 2, 'notifications/tools/list_changed': 1 },
    logLevels: { info: 1, debug: 1 },
    listChanged: 1,
    setLevel: { level: 'info', sent: 2, skipped: 0, failed: 0 },
  });
  assert.equal(mergeNotifications([null, undefined]), null);
});
