import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { CallTrace } from '../../../src/client/trace.js';
import { InboundRouter } from '../../../src/client/transports/inbound.js';
import { LineReader } from '../../../src/client/transports/line-reader.js';
import { setSendingCall } from '../../../src/client/transports/sending-call.js';

const request = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { message: 'héllo' } } });
const answer = (id: number): string => JSON.stringify({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'héllo' }] } });

/** Sends `message` as the SDK caller would for `trace`: named as the call being sent only during the hand-over. */
function sendFor(inbound: InboundRouter, trace: CallTrace | null, message: JSONRPCMessage): void {
  setSendingCall(trace?.bytes ?? null);
  try {
    inbound.sent(message);
  } finally {
    setSendingCall(null);
  }
}

test('stdio: a call counts its request line and its answer line, newline included, on the wire as decoded', () => {
  const inbound = new InboundRouter(() => undefined, undefined);
  const lines = new LineReader(1 << 20, inbound, '1 MiB');
  const trace = new CallTrace();
  sendFor(inbound, trace, request(1));
  sendFor(inbound, null, request(2)); // not sent for a call: counted for nobody
  lines.push(Buffer.from(`${answer(2)}\n${answer(1)}\r\n`));
  const requestLine = Buffer.byteLength(`${JSON.stringify(request(1))}\n`);
  const answerLine = Buffer.byteLength(`${answer(1)}\r\n`);
  assert.deepEqual(
    [trace.bytes.requestWire, trace.bytes.requestDecoded, trace.bytes.answerWire, trace.bytes.answerDecoded, trace.bytes.compressionAsked],
    [requestLine, requestLine, answerLine, answerLine, false],
  );
});

test('an answer split over chunks counts its whole line once', () => {
  const inbound = new InboundRouter(() => undefined, undefined);
  const lines = new LineReader(1 << 20, inbound, '1 MiB');
  const trace = new CallTrace();
  sendFor(inbound, trace, request(7));
  const line = Buffer.from(`${answer(7)}\n`);
  lines.push(line.subarray(0, 10));
  lines.push(line.subarray(10));
  assert.equal(trace.bytes.answerWire, line.length);
});

test('legacy SSE: the request as POSTed, the event data of its answer', () => {
  const inbound = new InboundRouter(() => undefined, undefined);
  const trace = new CallTrace();
  const text = JSON.stringify(request(3));
  setSendingCall(trace.bytes);
  inbound.sent(request(3), text);
  setSendingCall(null);
  inbound.line(answer(3));
  assert.equal(trace.bytes.requestWire, Buffer.byteLength(text));
  assert.equal(trace.bytes.answerWire, Buffer.byteLength(answer(3)));
});

test('an answer that comes after its call ended (a timeout) adds nothing to the next call on the same trace', () => {
  const inbound = new InboundRouter(() => undefined, undefined);
  const trace = new CallTrace();
  sendFor(inbound, trace, request(1));
  trace.reset(); // the call timed out; the worker moves on
  inbound.line(answer(1), 500);
  assert.equal(trace.bytes.answerWire, 0);
  assert.equal(trace.bytes.counted, false);
});
