import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestEncoder } from '../../../src/engines/request-encoder.js';
import type { OperationPlan } from '../../../src/operations/operation.js';

const call = (tool: string, args: Record<string, unknown>): OperationPlan => ({
  name: `tools/call ${tool}`,
  weight: 1,
  timeoutUs: 1e6,
  request: { method: 'tools/call', tool, args },
});

const target = {
  url: new URL('http://127.0.0.1:8080/mcp?x=1'),
  headers: {},
  sessionId: 'abc-123',
  protocolVersion: '2025-11-25',
};

/** Splits a raw request into its head lines and body, checking Content-Length against the body's bytes. */
function parse(buffer: Buffer): { lines: string[]; body: unknown } {
  const text = buffer.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const lines = text.slice(0, split).split('\r\n');
  const bodyBytes = buffer.subarray(Buffer.byteLength(text.slice(0, split + 4)));
  const length = lines.find((l) => l.startsWith('Content-Length: '));
  assert.equal(Number(length?.slice('Content-Length: '.length)), bodyBytes.length, 'Content-Length is the body byte count');
  return { lines, body: JSON.parse(bodyBytes.toString('utf8')) };
}

describe('RequestEncoder: raw tools/call POSTs', () => {
  it('writes the request line, the MCP headers and a JSON-RPC body with the given id', () => {
    const encoder = new RequestEncoder([call('echo', { message: 'hi' })], target);
    const { lines, body } = parse(encoder.encode(0, 42));
    assert.equal(lines[0], 'POST /mcp?x=1 HTTP/1.1');
    for (const header of [
      'Host: 127.0.0.1:8080',
      'Connection: keep-alive',
      'Content-Type: application/json',
      'Accept: application/json, text/event-stream',
      'Mcp-Session-Id: abc-123',
      'MCP-Protocol-Version: 2025-11-25',
    ]) {
      assert.ok(lines.includes(header), header);
    }
    assert.deepEqual(body, { jsonrpc: '2.0', method: 'tools/call', params: { name: 'echo', arguments: { message: 'hi' } }, id: 42 });
  });

  it('counts Content-Length in bytes, whatever the id length and non-ASCII arguments', () => {
    const encoder = new RequestEncoder([call('echo', { message: 'héllo ✓ 🎉' })], target);
    for (const id of [1, 9, 10, 123_456_789]) assert.equal((parse(encoder.encode(0, id)).body as { id: number }).id, id);
  });

  it('one template per operation', () => {
    const encoder = new RequestEncoder([call('echo', { message: 'a' }), call('fail', {})], target);
    assert.equal((parse(encoder.encode(1, 3)).body as { params: { name: string } }).params.name, 'fail');
  });

  it('user headers go along; the engine’s own headers win over same-named ones; a user Host replaces the default', () => {
    const headers = { Authorization: 'Bearer t', 'content-type': 'text/plain', 'MCP-SESSION-ID': 'forged', host: 'example.test' };
    const { lines } = parse(new RequestEncoder([call('echo', {})], { ...target, headers }).encode(0, 1));
    assert.ok(lines.includes('Authorization: Bearer t'));
    assert.ok(lines.includes('Host: example.test'));
    assert.ok(!lines.some((l) => l.startsWith('Host: 127.0.0.1')));
    assert.ok(!lines.includes('content-type: text/plain'));
    assert.ok(!lines.includes('MCP-SESSION-ID: forged'));
  });

  it('a stateless server (no session id) gets no Mcp-Session-Id header', () => {
    const { lines } = parse(new RequestEncoder([call('echo', {})], { ...target, sessionId: null }).encode(0, 1));
    assert.ok(!lines.some((l) => l.toLowerCase().startsWith('mcp-session-id')));
  });

  it('refuses header values that would break the header block, and methods other than tools/call', () => {
    assert.throws(() => new RequestEncoder([call('echo', {})], { ...target, headers: { 'X-A': 'a\r\nX-B: b' } }), TypeError);
    assert.throws(() => new RequestEncoder([call('echo', {})], { ...target, headers: { 'X A': 'a' } }), TypeError);
    const ping: OperationPlan = { name: 'ping', weight: 1, timeoutUs: 1e6, request: { method: 'ping' } };
    assert.throws(() => new RequestEncoder([ping], target), /tools\/call only/);
  });
});
