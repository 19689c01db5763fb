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

  it('keeps the last event id (even of an event without data) and the last valid retry, at any cut', () => {
    const text = 'id: p-1\nretry: 250\ndata: \n\nretry: soon\nevent: message\nid: 2\ndata: {"id":1}\n\nid: x\0y\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser(() => undefined);
      parser.push(text.slice(0, cut));
      parser.push(text.slice(cut));
      parser.end();
      assert.equal(parser.lastEventId, '2', `an id with NUL is ignored (cut at ${cut})`);
      assert.equal(parser.retryMs, 250, 'a retry that is not digits is ignored');
    }
    const fresh = new SseParser(() => undefined);
    fresh.push('data: {}\n\n');
    assert.equal(fresh.lastEventId, null);
    assert.equal(fresh.retryMs, null);
  });

  it('reads a 16 MiB event sent in 64 KiB chunks whole, each chunk scanned once', () => {
    // Linearity is a speed property: measured in bench/, not timed here. What a test can pin down is that only the new
    // chunk is searched for a line end (the quadratic version rescanned everything pending on every push).
    const bytes = 16 << 20;
    const text = `event: message\ndata: ${'x'.repeat(bytes)}\n\n`;
    let size = 0;
    let events = 0;
    const parser = new SseParser((_event, data) => {
      size = data.length;
      events++;
    });
    const searched: number[] = [];
    const indexOf = String.prototype.indexOf;
    String.prototype.indexOf = function (this: string, search: string, position?: number) {
      if (search === '\n') searched.push(this.length - (position ?? 0));
      return indexOf.call(this, search, position);
    };
    try {
      for (let at = 0; at < text.length; at += 65_536) parser.push(text.slice(at, at + 65_536));
      parser.end();
    } finally {
      String.prototype.indexOf = indexOf;
    }
    assert.equal(events, 1);
    assert.equal(size, bytes);
    const scanned = searched.reduce((a, b) => a + b, 0);
    assert.ok(scanned < 2 * text.length, `searched ${scanned} characters for line ends in a ${text.length}-character stream`);
  });

  it('skips an event over maxEventChars to its blank line, keeping its edges, and reads the next one, cut anywhere', () => {
    const big = `{"jsonrpc":"2.0","id":7,"result":{"text":"${'x'.repeat(2000)}"}}`;
    const text = `event: message\ndata: ${big}\n\ndata: {"after":1}\n\n`;
    const read = (chunks: string[]) => {
      const events: string[] = [];
      const oversized: [string, string][] = [];
      const parser = new SseParser((_event, data) => events.push(data), undefined, 500, (head, tail) => oversized.push([head, tail]));
      for (const chunk of chunks) parser.push(chunk);
      parser.end();
      return { events, oversized };
    };
    const whole = read([text]);
    assert.deepEqual(whole.events, ['{"after":1}']);
    assert.equal(whole.oversized.length, 1);
    const [head, tail] = whole.oversized[0]!;
    assert.ok(big.startsWith(head) && head.length === 256, head);
    assert.ok(big.endsWith(tail) && tail.length > 0, tail);
    for (let cut = 1; cut < text.length; cut += 7) {
      const split = read([text.slice(0, cut), text.slice(cut)]);
      assert.deepEqual(split.events, whole.events, `cut at ${cut}`);
      assert.equal(split.oversized.length, 1, `cut at ${cut}`);
    }
  });
});
