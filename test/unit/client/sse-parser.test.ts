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

  it('is linear in the body size: a 16 MiB event in 64 KiB chunks costs less than 40x a 1 MiB one', () => {
    // Quadratic rescanning made this ratio about 256 (16 MiB took seconds); linear parsing keeps it near 16.
    const timeToParse = (bytes: number, runs: number): number => {
      const text = `event: message\ndata: ${'x'.repeat(bytes)}\n\n`;
      const chunks: string[] = [];
      for (let at = 0; at < text.length; at += 65_536) chunks.push(text.slice(at, at + 65_536));
      let best = Infinity;
      for (let run = 0; run < runs; run++) {
        let size = 0;
        const started = performance.now();
        const parser = new SseParser((_event, data) => (size = data.length));
        for (const chunk of chunks) parser.push(chunk);
        parser.end();
        best = Math.min(best, performance.now() - started);
        assert.equal(size, bytes);
      }
      return best;
    };
    timeToParse(1 << 20, 3); // warm up
    const small = timeToParse(1 << 20, 7);
    const large = timeToParse(16 << 20, 3);
    assert.ok(large < 40 * Math.max(small, 0.05), `16 MiB: ${large.toFixed(1)} ms, 1 MiB: ${small.toFixed(2)} ms`);
  });
});
