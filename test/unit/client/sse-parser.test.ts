import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseParser } from '../../../src/client/transports/sse-parser.js';

function parse(chunks: string[]): [string, string][] {
  const events: [string, string][] = [];
  const parser = new SseParser((event, data) => events.push([event, data]));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe('SseParser', () => {
  it('reads events split across chunks at any byte, with CRLF or LF', () => {
    const text = 'event: message\r\nid: 1\r\ndata: {"a":1}\r\n\r\n: comment\ndata: {"b":\ndata: 2}\n\n';
    const whole = parse([text]);
    assert.deepEqual(whole, [['message', '{"a":1}'], ['message', '{"b":\n2}']]);
    for (let cut = 1; cut < text.length; cut++) assert.deepEqual(parse([text.slice(0, cut), text.slice(cut)]), whole, `cut at ${cut}`);
  });

  it('flushes a last event without a blank line, and keeps custom event types', () => {
    assert.deepEqual(parse(['event: endpoint\ndata: /messages?x=1']), [['endpoint', '/messages?x=1']]);
  });

  it('ignores events without data, and events whose data is empty (resumable servers prime each stream so)', () => {
    assert.deepEqual(parse(['event: ping\n\n', 'retry: 1000\n\n']), []);
    assert.deepEqual(parse(['id: 0b6f\ndata: \n\n', 'event: message\ndata: {"id":1}\n\n']), [['message', '{"id":1}']]);
  });
});
