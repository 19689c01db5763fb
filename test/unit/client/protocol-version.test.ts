import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { pinProtocolVersion, PROTOCOL_VERSION_FEATURE, ProtocolVersionRefused } from '../../../src/client/session/protocol-version.js';
import type { TargetPlan } from '../../../src/client/targets/registry.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

function fakeTransport() {
  const sent: JSONRPCMessage[] = [];
  const told: string[] = [];
  const transport = {
    start: async () => undefined,
    close: async () => undefined,
    send: async (message: JSONRPCMessage) => void sent.push(message),
    setProtocolVersion: (version: string) => void told.push(version),
  } as Transport;
  return { transport, sent, told };
}

const INITIALIZE: JSONRPCMessage = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };

describe('pinProtocolVersion', () => {
  it('offers the pinned version in initialize and leaves every other message as it is', async () => {
    const { transport, sent } = fakeTransport();
    pinProtocolVersion(transport, '2025-06-18');
    const ping: JSONRPCMessage = { jsonrpc: '2.0', id: 1, method: 'ping' };
    await transport.send(INITIALIZE);
    await transport.send(ping);
    assert.deepEqual(sent[0], { ...INITIALIZE, params: { ...(INITIALIZE as { params: object }).params, protocolVersion: '2025-06-18' } });
    assert.equal(sent[1], ping);
  });

  it('accepts the pinned version answered back, and still tells the transport', () => {
    const { transport, told } = fakeTransport();
    const check = pinProtocolVersion(transport, '2025-06-18');
    transport.setProtocolVersion!('2025-06-18');
    assert.doesNotThrow(check);
    assert.deepEqual(told, ['2025-06-18']);
  });

  it('refuses another version answered, saying what was offered and what came back', () => {
    const { transport } = fakeTransport();
    const check = pinProtocolVersion(transport, '2024-11-05');
    transport.setProtocolVersion!('2025-11-25');
    assert.throws(check, (error: unknown) => {
      assert.ok(error instanceof ProtocolVersionRefused);
      assert.equal(error.code, 'config:protocol-version');
      assert.match(error.message, /pinned to 2024-11-05, but the server answered initialize with 2025-11-25/);
      return true;
    });
  });
});

describe('PROTOCOL_VERSION_FEATURE', () => {
  const context = (target: object) => ({ target: target as TargetPlan, clock: new FakeClock(), setup: {} });
  it('is off for a target without a pin', () => {
    assert.equal(PROTOCOL_VERSION_FEATURE.build(context({ kind: 'stdio' })), null);
  });
  it('pins before initialize and fails the session after it when the server answered another version', async () => {
    const feature = PROTOCOL_VERSION_FEATURE.build(context({ kind: 'stdio', protocolVersion: '2025-03-26' }))!;
    const { transport, sent } = fakeTransport();
    feature.beforeInitialize!(null as never, transport);
    await transport.send(INITIALIZE);
    assert.equal((sent[0] as unknown as { params: { protocolVersion: string } }).params.protocolVersion, '2025-03-26');
    transport.setProtocolVersion!('2025-06-18');
    await assert.rejects(feature.afterInitialize!(null as never), ProtocolVersionRefused);
  });
});
